"""The handbook as a PDF (generator/site/pdf.py): made with the site from the print page, read back
with pdftotext (Debian's poppler-utils), and never asking another host for anything."""
from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.kit import ROOT
from generator.site import build, pdf, registry
from generator.commands.cli import main

SITE = build.prepare(ROOT / "data", ROOT / "content")
WORDS = SITE.words
TITLES = registry.titles(SITE.handbook, WORDS)
PRINTED = [uri for e in registry.PAGES if e.printed and not e.gathers
           for uri, _ in (registry.expand(e, SITE.handbook) if e.template else [(e.uri, None)]) if uri in TITLES]
"""The pages the PDF holds as chapters, in the registry's order: the home page, then every generated page."""


def pdf_text(path: Path) -> list[str]:
    """The text of each page of the PDF."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def page_number(n: int, of: int) -> str:
    return WORDS["pdf_page_number"].replace("{pages}", str(of)).replace("{page}", str(n))


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    path = built_site / WORDS["pdf_file"]
    assert path.read_bytes().startswith(b"%PDF-")
    return pdf_text(path)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_opens_with_a_title_page_then_the_contents_with_page_numbers(pages):
    name = SITE.handbook.program.name
    assert name in pages[0] and SITE.as_of_text in _flat(pages[0])
    assert SITE.editions[0].published_text in _flat(pages[0])  # paper a caseworker can date: the day it was made
    assert page_number(1, len(pages)) not in pages[0]  # no page number on the title page
    contents = _flat(pages[1])
    assert contents.startswith(f"{name} {WORDS['print_contents']}")  # running header, then the contents
    found = [re.search(re.escape(TITLES[uri]) + r"[ .]*(\d+)", contents) for uri in PRINTED]
    assert None not in found
    numbers = [int(m[1]) for m in found]
    assert numbers == sorted(numbers) and numbers[0] > 2
    for uri, n in zip(PRINTED, numbers):  # each chapter starts on the page the contents says
        assert _flat(pages[n - 1]).startswith(f"{name} {TITLES[uri]}"), (uri, n)


def test_every_page_after_the_title_page_has_its_number_and_the_program_name(pages):
    assert len(pages) > len(PRINTED)
    for n, text in enumerate(pages[1:], start=2):
        assert page_number(n, len(pages)) in text
        assert _flat(text).startswith(SITE.handbook.program.name)


def test_the_pdf_holds_every_printed_page_in_registry_order_and_not_how_it_is_made(pages):
    name = SITE.handbook.program.name
    at = 2
    for uri in PRINTED:  # each chapter starts a page (after the running header), in the registry's order
        at = next((n for n in range(at, len(pages)) if _flat(pages[n]).startswith(f"{name} {TITLES[uri]} ")), None)
        assert at is not None, f"no page starts with {TITLES[uri]} after the one before"
        at += 1
    assert len(PRINTED) > len(SITE.handbook.tiers.tiers) + 5
    text = _flat(" ".join(pages))
    about = next(line[2:] for line in (ROOT / "content/how-this-handbook-is-made.md").read_text().splitlines()
                 if line.startswith("# "))
    assert about not in text


def test_the_pdf_is_linked_from_every_page(built_site):
    """Every handbook page; not the parents' self-check (a 41-page PDF means nothing to a parent: issue 21, item 7)."""
    htmls = [h for h in built_site.rglob("*.html") if h.name != "404.html" and "self-check" not in h.relative_to(built_site).parts]
    assert len(htmls) > len(PRINTED)
    from tests.kit.pages import page_words

    for html in htmls:  # each page's link is in that page's language (es/... in Spanish)
        links = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("a", string=page_words(built_site, html)["pdf_link"])
        assert links, html
        for a in links:  # each one leads to the PDF
            assert (html.parent / a["href"]).resolve() == (built_site / WORDS["pdf_file"]).resolve(), (html, a["href"])


# ---------------------------------------------------------------- no external requests
def test_the_pdf_may_read_only_files_of_the_built_site(tmp_path):
    root = tmp_path / "site"
    (root / "assets").mkdir(parents=True)
    assert pdf.allowed((root / "assets/a.css").as_uri(), root)
    assert pdf.allowed("data:image/png;base64,AAAA", root)
    for url in ["https://example.org/a.css", "http://127.0.0.1/a.css", "ftp://example.org/a", "//example.org/a.css",
                (tmp_path / "other.css").as_uri(), root.as_uri() + "/../other.css", "file://example.org" + str(root)]:
        assert not pdf.allowed(url, root), url


def test_making_the_pdf_asks_no_other_host_even_when_a_page_would(tmp_path, monkeypatch):
    root = tmp_path / "site"
    root.mkdir()
    (root / "local.css").write_text("body { color: #111 }")
    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    page = root / "index.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><link rel="stylesheet" href="local.css"><p>Fine</p>')
    pdf.render(page, root, WORDS, "Program", root / "ok.pdf")
    assert pdf_text(root / "ok.pdf")[0].strip() == "Fine"
    refs = ["https://example.org/a.css", "http://example.org/a.png", (tmp_path / "secret.png").as_uri()]
    page.write_text('<!doctype html><html lang="en"><title>t</title><link rel="stylesheet" href="local.css">'
                    f'<link rel="stylesheet" href="{refs[0]}"><img src="{refs[1]}" alt=""><img src="{refs[2]}" alt=""><p>Text</p>')
    assert sorted(pdf.render(page, root, WORDS, "Program", root / "refused.pdf")) == sorted(refs)
    assert pdf_text(root / "refused.pdf")[0].strip() == "Text"
    assert connections == []


def test_publish_keeps_the_last_site_when_the_pdf_cannot_be_made(project, tmp_path, with_pdf, monkeypatch):
    import weasyprint
    from click.testing import CliRunner

    from generator.commands.publish import PUBLISHED

    target = tmp_path / "published"
    for name in PUBLISHED:  # what a published handbook holds
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text("the last good site")
    before = {p: p.read_text() for p in target.rglob("*") if p.is_file()}

    def fails(*args, **kwargs):  # words the PDF cannot use are told by check (tests/hostile_cases.yaml): this is WeasyPrint failing
        raise ValueError("no room on the page")

    monkeypatch.setattr(weasyprint.HTML, "render", fails)
    result = CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(target)])
    assert result.exit_code == 1
    assert "the PDF of index.html could not be made: no room on the page" in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_text() for p in target.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def pdf_links(path: Path) -> list[str]:
    """Every address the PDF's links lead to (its /URI actions, in plain or compressed objects)."""
    import zlib

    data = path.read_bytes()
    chunks = [data] + [zlib.decompress(m[1]) for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S)
                       if m[1][:1] in (b"x", b"\x78")]
    return [u.decode("latin-1") for chunk in chunks for u in re.findall(rb"/URI\s*\(([^)]*)\)", chunk)]


def test_the_pdf_links_to_the_site_with_its_own_addresses(built_site):
    links = pdf_links(built_site / WORDS["pdf_file"])
    assert "self-check/" in links  # from the eligibility chapter, relative to where the PDF is: the site's top
    assert {f"source-documents/{s.file}" for s in SITE.handbook.sources.sources} <= set(links)
    assert not [u for u in links if u.startswith("file:") or str(built_site) in u]  # never the build machine's folders


def test_a_link_is_made_the_site_s_own(tmp_path):
    root = tmp_path / "site"
    (root / "self-check").mkdir(parents=True)
    assert pdf.site_link((root / "self-check").as_uri() + "/", root, root) == "self-check/"
    assert pdf.site_link((root / "sources" / "index.html").as_uri() + "#dss-policy", root, root) == "sources/index.html#dss-policy"
    assert pdf.site_link("https://example.org/x", root, root) == "https://example.org/x"
    assert pdf.site_link((tmp_path / "secret.txt").as_uri(), root, root) is None  # outside the site: no link at all
