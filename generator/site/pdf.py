"""The handbook as one PDF, made from the built print page with WeasyPrint.

WeasyPrint lays out HTML and CSS as pages (the CSS Paged Media rules: page size, margins, page
numbers, running headers, `target-counter` for the contents) without a browser, using the
system's fonts through Pango. It is given the built print page and may read only files of the
built site: `LocalOnly` refuses every other address, so making the PDF never asks another host
(the PDF is made without what it refused; the budget tests already fail a page that refers to
another host, see bench/budgets.py).
The paged-media styles are the template templates/pdf.css.j2, with the interface words.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

TEMPLATES = Path(__file__).parent.parent / "templates"
STYLES = "pdf.css.j2"
previewing = False
"""Whether this process runs `mkdocs serve`, whose rebuilds leave the PDF out (set by hooks.py)."""
SKIP = ("HANDBOOK_PDF", "off")
"""The environment setting that leaves the PDF out of a build (a stand-in file takes its place):
HANDBOOK_PDF=off mkdocs build. The tests' copies of the project build this way, as making the PDF
takes longer than the rest of a build; the tests of the PDF itself build it."""


def wanted() -> bool:
    """Whether this build makes the PDF: not under `mkdocs serve`, and not left out by SKIP."""
    return not previewing and os.environ.get(SKIP[0]) != SKIP[1]


class PDFProblem(Exception):
    """The PDF cannot be made; the message says why in plain words."""


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetchingError

    class LocalOnly(URLFetcher):
        """Fetches `data:` addresses and files inside `root`; refuses everything else (WeasyPrint
        then leaves that image or stylesheet out) and keeps a list of what it refused."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols={"file", "data"})
            self.root = root.resolve()
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            if not allowed(url, self.root):
                self.refused.append(url)
                raise URLFetchingError(f"{url} is not a file of the built site")
            return super().fetch(url, headers)

    return LocalOnly


def allowed(url: str, root: Path) -> bool:
    """Whether the PDF may read `url`: a `data:` address, or a file inside `root`."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return path == root or root in path.parents


def fetcher(root: Path):
    """A WeasyPrint url_fetcher that reads only data: addresses and files inside `root`."""
    return _fetcher_class()(root)


def css_string(text: str) -> str:
    """`text` as a CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def css_content(text: str, **counters: str) -> str:
    """Interface words with {placeholders} as a CSS `content` value: each placeholder becomes the
    CSS function given for it ("Page {page} of {pages}" -> "Page " counter(page) " of " counter(pages))."""
    parts = re.split(r"\{(\w+)\}", text)
    return " ".join(css_string(part) if i % 2 == 0 else counters[part] for i, part in enumerate(parts) if part)


def styles(words: dict, program_name: str) -> str:
    """The paged-media stylesheet (templates/pdf.css.j2) for one handbook."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined)
    env.filters["css_string"] = css_string
    env.filters["css_content"] = lambda text, **counters: css_content(text, **counters)
    return env.get_template(STYLES).render(t=words, program_name=program_name)


def render(html_file: Path, site_dir: Path, words: dict, program_name: str, out: Path) -> list[str]:
    """Write the PDF of the built page `html_file` (inside `site_dir`) to `out`; returns the
    addresses it refused to fetch."""
    try:
        import weasyprint
    except (ImportError, OSError) as e:  # an install problem (WeasyPrint, or Debian's Pango), said plainly
        raise PDFProblem(f"the PDF needs WeasyPrint and Pango ({e}): run the install command in README.md") from None
    try:
        css = styles(words, program_name)
    except KeyError as e:
        raise PDFProblem(f"the words for the PDF's page numbers use {{{e.args[0]}}}, which is not known: "
                         "write them with {page} and {pages}, like \"Page {page} of {pages}\"") from None
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    local = fetcher(site_dir)
    try:
        document = weasyprint.HTML(filename=str(html_file), url_fetcher=local).render(
            stylesheets=[weasyprint.CSS(string=css, url_fetcher=local)])
        for page in document.pages:
            page.links = [(kind, site_link(target, site_dir, out.parent) if kind == "external" else target, *rest)
                          for kind, target, *rest in page.links if kind != "external" or site_link(target, site_dir, out.parent)]
        document.write_pdf(out)
    except Exception as e:
        raise PDFProblem(f"the PDF of {html_file.name} could not be made: {e}") from None
    return local.refused


def site_link(url: str, root: Path, here: Path) -> str | None:
    """A link of the PDF (WeasyPrint makes every link a file:/// address in the build's folder) as the site's own
    relative address, from the PDF's place `here` in the site `root` (self-check/, source-documents/x.txt); a
    link to another site stays as it is; a link to a file outside the site is dropped (None)."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return url
    if not allowed(url, root):
        return None
    path = Path(unquote(parts.path)).resolve()
    relative = Path(os.path.relpath(path, here.resolve())).as_posix()
    return relative + ("/" if parts.path.endswith("/") else "") + (f"#{parts.fragment}" if parts.fragment else "")
