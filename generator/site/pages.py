"""Turn the validated Handbook into Markdown pages, through the Jinja templates in templates/.

Everything here is plain functions of the data: MkDocs calls them through hooks.py, and the
tests call them directly. Values from the data are escaped on output (see `_escape`), so text
in the YAML always shows as text, whatever characters it holds.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from generator.policy import asof, values
from generator import model, selfcheck
from generator.site import diskcache
from generator.site import registry
from generator.model import Handbook
from generator.policy.strings import format_date, strings_for

TEMPLATES = Path(__file__).parent.parent / "templates"

# Markdown characters that a backslash makes literal (Python-Markdown, plus | for tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def _escape(value: Any) -> Any:
    """Finalize hook: data values become text in both HTML and Markdown."""
    if value is None or isinstance(value, Markup):
        return value
    return Markup(html.escape(_MD_SPECIAL.sub(r"\\\1", str(value)), quote=False))


@functools.lru_cache(maxsize=None)
def environment(sandboxed: bool = False) -> jinja2.Environment:
    """One environment per process: `mkdocs serve` rebuilds without compiling the templates again
    (Jinja still reloads a template whose file changed); the templates compiled are kept on disk for the
    next build (diskcache.py; a change to this file, where the environment is set, compiles them anew).
    Hand-written pages get a sandboxed one: their {{ }} reach the data's values and the macros, never
    Python's insides ({{ ''.__class__ }} is refused, with the page and line)."""
    from jinja2.sandbox import SandboxedEnvironment

    return (SandboxedEnvironment if sandboxed else jinja2.Environment)(
        loader=jinja2.FileSystemLoader([TEMPLATES, selfcheck.CHECKLIST_DIR]),
        bytecode_cache=diskcache.Templates(Path(__file__).read_bytes()),
        autoescape=True,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class Page:
    uri: str
    """Where the page lives, as MkDocs sees it (e.g. 'tiers/tier-1.md')."""
    title: str
    markdown: str


@model.by_identity
def citations(hb: Handbook) -> list[tuple[str, model.Cite]]:
    """Every citation in the data with each page that shows it (registry.pages_showing), in data order."""
    found = []
    for name in model.FILES:
        for path, value in model.walk(getattr(hb, name), (name,)):
            if isinstance(value, model.Cite):
                found += [(uri, value) for uri in registry.pages_showing(hb, path)]
    return found


SOURCE_DOCUMENTS = "source-documents/"


def source_document(file: str) -> str:
    """Where a source document (data/sources/<file>) is published: as plain text (.txt, served as text/plain),
    whatever its own kind, so a source saved as a web page (.html, .svg ...) is shown as its words and runs nothing."""
    return SOURCE_DOCUMENTS + (file if file.endswith(".txt") else file + ".txt")


class Renderer:
    """Renders every page of one handbook."""

    def __init__(self, hb: Handbook, folder: str = "", quote_language: str | None = None):
        self.hb = hb
        self.folder = folder
        """The edition's folder in the site ("" for the main language, "es/" for a further one)."""
        self.quote_language = quote_language
        """The language of the sources' quotes, when it is not the page's (they are never translated)."""
        self.t = strings_for(hb.program)
        self.env = environment()
        self.titles = registry.titles(hb, self.t)
        self.cites = citations(hb)
        self.sources_page = registry.pages_showing(hb, ("sources", "sources"))[0]
        self.printed: list[str] = []
        """The pages the print page holds (while it is being made)."""

    # -- helpers the templates call
    def context(self, page_uri: str, prefix: str = "") -> dict:
        hb = self.hb
        in_print = registry.entry_of(page_uri, hb).gathers

        def link(uri: str, anchor: str | None = None) -> Markup:
            if in_print and uri in self.printed:  # a part of the print page itself
                return Markup("#" + print_id(uri, anchor or CHAPTER))
            # a page is in this edition's folder; any other file (the PDF, a source document) only at the top
            here = posixpath.dirname(page_uri if uri.endswith(".md") else self.folder + page_uri) or "."
            target = posixpath.relpath(uri, here)
            return Markup(target + (f"#{anchor}" if anchor else ""))

        def source_link(c: model.Cite) -> Markup:
            return link(self.sources_page, f"{c.source}-{c.section}")

        def question(qid: str) -> model.Question:
            return next(q for q in hb.eligibility.questions if q.id == qid)

        def answer_text(q: model.Question, value: str) -> str:
            return next(a.label for a in hb.eligibility.answer_sets[q.answers] if a.value == value)

        def cited_on(source: str, section: str) -> list[tuple[str, str, int]]:
            counts: dict[str, int] = {}
            for uri, c in self.cites:
                if c.source == source and c.section == section:
                    counts[uri] = counts.get(uri, 0) + 1
            return [(self.titles[uri], uri, n) for uri, n in counts.items()]

        return {
            "hb": hb,
            "t": self.t,
            "quote_language": self.quote_language,
            "program": hb.program,
            "aid": lambda name: Markup(prefix + name),
            "page_title": lambda uri: self.titles[uri],
            "page_for": lambda item: registry.page_for(hb, item),
            "link": link,
            "source_link": source_link,
            "source_document": lambda s: link(source_document(s.file)),
            "source_anchor": lambda source_id: link(self.sources_page, source_id),
            # the sources the entries of some lists cite, each once, in the order first cited
            "sources_cited": lambda *lists: [hb.source(sid) for sid in dict.fromkeys(c.source for e in [x for li in lists for x in li] for c in e.cite)],
            "sections": lambda cites: list({(c.source, c.section): c for c in cites}.values()),
            "cited_on": cited_on,
            "date": lambda d: format_date(d, self.t),
            "published": asof.published_day(),
            "duration": lambda text: values.duration_words(text, self.t),
            "role": lambda rid: next(r for r in hb.roles.roles if r.id == rid),
            "question": lambda qid: next(q for q in hb.eligibility.questions if q.id == qid),
            "disqualifier": lambda did: next(d for d in hb.eligibility.disqualifiers if d.id == did),
            "answer_text": answer_text,
            "answer_label": lambda ask_if: answer_text(question(ask_if.question), ask_if.answers[0]),
            "question_number": lambda qid: str(1 + [q.id for q in hb.eligibility.questions].index(qid)),
            "coming": lambda rid: asof.coming(hb, rid),
            "entries_coming": lambda place: getattr(hb, "coming_entries", {}).get(place, []),
        }

    def render(self, template: str, page_uri: str, prefix: str = "", **extra) -> str:
        return self.env.get_template(template).render(**self.context(page_uri, prefix), **extra)

    def render_text(self, text: str, page_uri: str, source: str | None = None) -> str:
        """A hand-written page from content/, which may use the data: {{ program.name }}."""
        head = '{% import "_macros.md.j2" as m with context %}'
        template = diskcache.from_text(environment(sandboxed=True), head + text, f"content/{source or page_uri}")
        return template.render(**self.context(page_uri))

    # -- the pages
    def body(self, entry: registry.Entry, uri: str, item: Any, page_uri: str | None = None, prefix: str = "") -> str:
        """One generated page's Markdown, without its front matter."""
        data = getattr(self.hb, entry.data) if entry.data else None
        return self.render(entry.template, page_uri or uri, prefix, data=data, item=item, title=self.titles[uri])

    def handbook_pages(self, page_uri: str | None = None, prefix: Callable[[str], str] = lambda uri: "") -> list[Page]:
        """Every generated page the print page holds, in reading order."""
        return [Page(uri, self.titles[uri], self.body(entry, uri, item, page_uri, prefix(uri)))
                for entry in registry.PAGES if entry.template and entry.printed and not entry.gathers
                for uri, item in registry.expand(entry, self.hb)]

    def print_body(self, entry: registry.Entry, content: dict[str, str]) -> str:
        """The whole handbook on one page: its template (title page and contents), then each printed
        page as a chapter: hand-written pages first, then every generated page, in registry order."""
        handbook = [uri for e in registry.PAGES if e.template and e.printed and not e.gathers
                    for uri, _ in registry.expand(e, self.hb)]
        self.printed = [uri for uri in content if registry.entry_of(uri, self.hb).printed] + handbook
        chapters = [(uri, self.render_text(content[uri], entry.uri, uri)) for uri in self.printed if uri in content]
        chapters += [(p.uri, p.markdown) for p in self.handbook_pages(entry.uri, lambda uri: print_id(uri, ""))]
        contents = [(self.titles.get(uri) or _first_heading(text), "#" + print_id(uri, CHAPTER)) for uri, text in chapters]
        head = self.render(entry.template, entry.uri, title=self.titles[entry.uri], contents=contents)
        return "\n\n".join([head] + [_chapter(text, print_id(uri, CHAPTER)) for uri, text in chapters])


CHAPTER = "chapter"
"""The anchor of a chapter (a whole page) inside the print page."""


def print_id(uri: str, anchor: str) -> str:
    """The id, inside the print page, of `anchor` on the page `uri`: the page's path, then the anchor."""
    return re.sub(r"[^a-z0-9]+", "-", uri.removesuffix(".md")) + "--" + anchor


def _first_heading(markdown: str) -> str:
    return next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), "")


def _chapter(markdown: str, chapter_id: str) -> str:
    """One page as a chapter of the print page: its title gets the chapter's id and class, and every
    heading goes one level down, so the page's title becomes a section of the print page."""
    markdown = re.sub(r"^# (.*?)\s*$", lambda m: f"# {m[1]} {{: #{chapter_id} .chapter }}", markdown, count=1, flags=re.M)
    return re.sub(r"^(#{1,5}) ", r"#\1 ", markdown, flags=re.M)


def changed_on(hb: Handbook, titles: dict[str, str]) -> dict[str, dt.date]:
    """Each page a recorded change took effect on, and the latest such day on or before the handbook's day:
    a recorded change begins with the title of the page that shows it (diff.py)."""
    out: dict[str, dt.date] = {}
    for v in hb.program.versions:
        for day, changes in v.days().items():
            if day <= hb.day:
                for uri, title in titles.items():
                    if any(c.startswith(title + ":") for c in changes):
                        out[uri] = max(day, out.get(uri, day))
    return out


def render_site(hb: Handbook, content: dict[str, str], folder: str = "", quote_language: str | None = None
                ) -> tuple[list[Page], dict[str, str]]:
    """All generated pages, in the registry's order, and the hand-written pages (uri -> Markdown)
    rendered with the data, as of the handbook's day (asof.py; today for the data as written).
    `folder` is the edition's place in the site; `quote_language` the sources' language, when not the handbook's."""
    hb = asof.at(hb, dt.date.today())
    r = Renderer(hb, folder, quote_language)
    changed = {uri: f"\n\n{r.t['changed_on'].replace('{date}', format_date(day, r.t))}\n{{: .changed-on }}\n"
               for uri, day in changed_on(hb, r.titles).items()}
    pages = []
    for entry in registry.PAGES:
        for uri, item in registry.expand(entry, hb) if entry.template else ():
            body = r.print_body(entry, content) if entry.gathers else r.body(entry, uri, item)
            pages.append(Page(uri, r.titles[uri], registry.front_matter(entry) + body + changed.get(uri, "")))
    rendered = {uri: r.render_text(text, uri) for uri, text in content.items()}
    return pages, rendered


ANCHOR = re.compile(r"\{:[^}\n]*?#([\w-]+)|\bid=\"([^\"]+)\"")
"""An anchor a generated page gives a part of itself: {: #id } or id="id"."""


def anchor_problems(pages: list[Page], hb: Handbook) -> list[str]:
    """Each anchor that two parts of one page would have (an entry whose id is a section's anchor, or another
    entry's), as `data/file.yaml:line: what — the fix` at the entry's id: a link to it would land on the other."""
    from generator.policy.yamlread import read_yaml

    out = []
    for page in pages:
        if registry.entry_of(page.uri, hb).gathers:
            continue  # the print page holds every page's parts, each told on its own page
        seen: set[str] = set()
        for found in ANCHOR.finditer(page.markdown):
            anchor = found[1] or found[2]
            if anchor not in seen:
                seen.add(anchor)
                continue
            own = registry.entry_of(page.uri, hb).data  # the file the page shows, if it shows one
            owners = [(name, path) for name in ([own] if own else model.FILES) for path, v in model.walk(getattr(hb, name))
                      if getattr(v, "id", None) == anchor]
            name, path = owners[-1] if owners else ("", ())  # the later entry, in the page's own file: it takes a taken address
            line = read_yaml(hb.data_dir / f"{name}.yaml", f"data/{name}.yaml").line(path + ("id",)) if owners else None
            where = f"data/{name}.yaml:{line}" if owners else f"{page.uri}"
            out.append(f"{where}: the id '{anchor}' would be the address of two parts of the page {page.uri} "
                       "(a section of the page, or another entry, has it too) — choose another id: ids are part of page addresses")
    return out
