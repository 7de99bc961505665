"""Whatever the site publishes is inert: every published file, of every type, opened in Chromium, runs no
script and asks no other host, with hostile payloads planted where a source document or a hand-written
page can bring them.

Source documents saved as web pages (.html, .htm, .svg, .xhtml, .xml, .js), each a script and requests to
another host, are published as plain text (.txt). A hand-written page holds raw HTML that would load or run
things elsewhere (the Content-Security-Policy stops it), a picture and a text file in content/ hold markup.
The whole built site is walked: pages, source documents, scripts, styles, the search index, the sitemap,
pictures, the PDF. The data's own hostile values are tests/test_hostile_model.py's.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlparse

import pytest
import yaml

from tests.kit import build_site, copy_project, serve
from generator import model
from generator.site import pages
from generator.policy import translations

RAN = "HOSTILE-RAN"
SCRIPT = f'<script>console.error("{RAN}");alert(1);fetch("http://evil.invalid/s")</script>'
REQUESTS = ('<img src="http://evil.invalid/i.png" onerror="console.error(\'' + RAN + '\')">'
            '<meta http-equiv="refresh" content="0;url=http://evil.invalid/">')
SOURCES = {  # a source document's kind: its words (the first line opens its one section)
    "html": f"<!doctype html><html><body>Hostile page\n{SCRIPT}{REQUESTS}</body></html>\n",
    "htm": f"<html>Hostile htm\n{SCRIPT}{REQUESTS}</html>\n",
    "svg": f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(2)">\n<script>alert(3)</script>'
           '<image href="http://evil.invalid/v.png"/></svg>\n',
    "xhtml": f'<html xmlns="http://www.w3.org/1999/xhtml"><body>Hostile xhtml\n{SCRIPT}</body></html>\n',
    "xml": '<?xml version="1.0"?>\n<x xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(4)</h:script>'
           '<h:img src="http://evil.invalid/x.png"/></x>\n',
    "js": f'console.error("{RAN}"); // Hostile script\nalert(5); fetch("http://evil.invalid/j");\n',
}
PAGE = ("# Hostile page\n\nWords.\n\n" + '<img src="http://evil.invalid/c.png" alt="x"> <a href="javascript:alert(6)">x</a>\n'
        '<svg onload="alert(7)"></svg><div onmouseover="alert(8)">hover</div>\n'
        '<style>@import url("http://evil.invalid/c.css"); body { background: url("http://evil.invalid/b.png"); }</style>\n'
        '<audio src="http://evil.invalid/a.mp3" autoplay></audio><video src="http://evil.invalid/v.mp4" autoplay></video>\n')
WATCH = "document.addEventListener('securitypolicyviolation', e => (window.__blocked = (window.__blocked || 0) + 1));"


def _add_sources(project) -> list[str]:
    """The hostile source documents, in data/sources/ and data/sources.yaml, with their texts' translations."""
    data = project / "data"
    entries = []
    for kind, text in SOURCES.items():
        (data / "sources" / f"hostile.{kind}").write_text(text, encoding="utf-8")
        first = text.splitlines()[0]
        entries.append({"id": f"hostile-{kind}", "short": f"Hostile {kind}", "file": f"hostile.{kind}", "title": f"A {kind} file",
                        "publisher": "Nobody", "date": "2026-01-01", "date_meaning": "issued", "program_name": "None",
                        "sections": [{"id": "all", "title": "All of it", "starts_with": first}]})
    sources = data / "sources.yaml"
    block = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=10**6)
    text = sources.read_text(encoding="utf-8").replace("\ndifferences:", "\n" + re.sub(r"^", "  ", block, flags=re.M).rstrip() + "\ndifferences:", 1)
    sources.write_text(text, encoding="utf-8")
    from generator.policy.load import load_all

    hb = load_all(data, translations=False)
    for language in hb.program.translations:  # the new texts, "translated" as they are
        path = data / translations.FOLDER / f"{language}.yaml"
        have = yaml.safe_load(path.read_text(encoding="utf-8"))
        new = {k: {"en": s, language: s, "reviewed": False}
               for k, (_, _, s) in translations.texts({n: getattr(hb, n) for n in model.FILES}).items() if k not in have}
        path.write_text(path.read_text(encoding="utf-8") + yaml.safe_dump(new, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return [s.file for s in hb.sources.sources]


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-files") / "project", languages=True)
    files = _add_sources(project)
    for name in ("dss-pbp-requirements-training-2011.txt", "dhs-parent-partner-approach-2011.txt"):
        path = project / "data" / "sources" / name  # a plain-text source with markup at its end
        path.write_text(path.read_text(encoding="utf-8") + f"\n{SCRIPT}{REQUESTS}\n", encoding="utf-8")
    (project / "content" / "hostile.md").write_text(PAGE, encoding="utf-8")
    (project / "content" / "hostile.txt").write_text(f"<html>{SCRIPT}{REQUESTS}</html>\n", encoding="utf-8")
    (project / "content" / "hostile.png").write_text(f"<html>{SCRIPT}{REQUESTS}</html>\n", encoding="utf-8")
    return build_site(project, pdf=False), files


def test_every_source_document_is_published_as_plain_text(hostile_files):
    site, files = hostile_files
    published = sorted(p.name for p in (site / "source-documents").iterdir())
    assert published == sorted(f if f.endswith(".txt") else f + ".txt" for f in files)
    assert {"hostile.html.txt", "hostile.svg.txt", "hostile.js.txt", "hostile.xml.txt"} <= set(published)
    links = re.findall(r'href="\.\./(source-documents/[^"]+)"', (site / "sources" / "index.html").read_text(encoding="utf-8"))
    assert sorted(links) == sorted(pages.source_document(f) for f in files)


def _open_everything(context, base: str, names: list[str], at_once: int = 8):
    """Open every file in tabs of `context`, `at_once` side by side; yield (name, tab or None for a download)
    once each has loaded and gone half a second without a request."""
    from playwright.sync_api import Error

    tabs = [context.new_page() for _ in range(min(at_once, len(names)))]
    try:
        for start in range(0, len(names), at_once):
            batch = list(zip(tabs, names[start:start + at_once]))
            started = []
            for tab, name in batch:
                try:
                    tab.goto(f"{base}/{quote(name)}", wait_until="commit")
                    started.append((tab, name))
                except Error as e:  # the browser saves it instead of showing it: nothing in it can run
                    assert "Download is starting" in str(e), (name, str(e))
                    yield name, None
            for tab, name in started:
                tab.wait_for_load_state("networkidle")
                yield name, tab
    finally:
        for tab in tabs:
            tab.close()


@pytest.fixture
def watched(browser):
    """A browser context that records dialogs, console lines of the payloads and every other host asked."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH)
    seen = {"dialogs": [], "console": [], "remote": []}

    def route(r):  # the browser's own pages (its PDF viewer: chrome-extension://, chrome://) are not a host
        address = urlparse(r.request.url)
        if address.scheme not in ("chrome", "chrome-extension", "data", "blob") and address.hostname != "127.0.0.1":
            seen["remote"].append(r.request.url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    context.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    context.on("console", lambda m: RAN in m.text and seen["console"].append(m.text))
    yield context, seen
    context.close()


def _walk(context, seen, folder) -> dict:
    """Open every file under `folder`; what ran, what was asked, and which files were downloads or pages."""
    url, server = serve(folder)
    try:
        names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        opened = {}
        for name, tab in _open_everything(context, url, names):
            opened[name] = "download" if tab is None else tab.evaluate("document.contentType")
    finally:
        server.shutdown()
    return opened


def test_no_published_file_runs_script_or_asks_another_host(hostile_files, watched):
    site, _ = hostile_files
    context, seen = watched
    opened = _walk(context, seen, site)
    assert seen == {"dialogs": [], "console": [], "remote": []}
    assert len(opened) == sum(1 for p in site.rglob("*") if p.is_file())  # every file, each opened
    kinds = {name.rsplit(".", 1)[-1] for name in opened}
    assert {"html", "txt", "js", "css", "json", "xml", "png", "pdf", "gz", "map"} <= kinds
    assert opened["source-documents/hostile.html.txt"] == "text/plain"
    assert opened["source-documents/hostile.svg.txt"] == "text/plain"
    assert any(name.endswith("hostile/index.html") for name in opened)  # the hand-written page, in each language


def test_the_walk_sees_a_file_that_runs(watched, tmp_path):
    """The check above can fail: a source published as it was saved (before: source-documents/hostile.html)
    runs its script and asks another host."""
    context, seen = watched
    (tmp_path / "hostile.html").write_text(SOURCES["html"], encoding="utf-8")
    (tmp_path / "hostile.svg").write_text(SOURCES["svg"], encoding="utf-8")
    _walk(context, seen, tmp_path)
    assert seen["dialogs"] and seen["console"] and any("evil.invalid" in u for u in seen["remote"])
