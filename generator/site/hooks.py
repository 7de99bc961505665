"""MkDocs glue: load the data, render every page before anything is written, add them to the site.

Everything that can fail (reading the YAML, rendering the templates) runs in on_config, which
MkDocs calls before it empties site_dir: a mistake stops the build with a plain message and the
last good site stays as it was.

The PDF (pdf.py) is made last, in on_post_build, from the built print page: it cannot be made
earlier. If it fails, the build fails. `python -m generator publish` builds into a new folder and
swaps it in only when the whole build, PDF included, succeeded; a plain `mkdocs build` has then
already replaced site_dir (with a site whose PDF link is broken) and says so.
"""
from __future__ import annotations

import base64
import gc
import hashlib
import logging
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.utils import get_relative_url

from generator.site import build, pdf, registry, search
from generator import selfcheck
from generator.site import diskcache
from generator.policy import translations, untranslated  # the installed package (pip install -e .), see pyproject.toml

_site: build.Site | None = None
_serving = False
_print_file: File | None = None
_search_words: dict[str, dict[str, list[str]]] = {}
"""Each language's search words of each document of its search index, by its folder and location (search.locations)."""
_files: Files | None = None
_palette_keys: list[str] = []
"""The interface words that name the light/dark button's options (mkdocs.yml › theme › palette › toggle › name)."""
_navs: dict[str, Navigation] = {}
"""Each further language's navigation (its pages only), by language; the main one is MkDocs' own."""
log = logging.getLogger("mkdocs.plugins.generator")
CSP = ("default-src 'self'; script-src 'self' {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
"""Every page's Content-Security-Policy (site_overrides/main.html): scripts and everything else only from
the site itself; the inline scripts allowed are those of site_overrides/partials/inline/, by hash."""


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    # kept in pdf.py too: `serve` loads this file anew for every rebuild, pdf.py stays imported
    pdf.previewing = _serving


def _inline_scripts(overrides: Path) -> dict[str, str]:
    """The small scripts each page has inline (site_overrides/partials/inline/), by file name: each would
    otherwise be a request that holds up the page's first paint."""
    scripts = {p.name: p.read_text(encoding="utf-8").strip() for p in sorted((overrides / "partials" / "inline").glob("*.js"))}
    for name, text in scripts.items():
        if "</" in text:  # it would end the page's <script> element early
            raise PluginError(f"{overrides.name}/partials/inline/{name}: an inline script cannot hold '</' — write '<\\/' instead")
    return scripts


def _csp(scripts: dict[str, str]) -> str:
    """The policy, allowing exactly the inline `scripts` by their hashes; `mkdocs serve` adds an inline
    script of its own (live reload), so preview allows any."""
    if _serving:
        return CSP.format(scripts="'unsafe-inline'")
    digests = (base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts.values())
    return CSP.format(scripts=" ".join(f"'sha256-{d}'" for d in digests))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    _site = None
    project = Path(config.config_file_path).parent
    # What is loaded lives as long as the build: Python's collector need not look through it at each of its
    # rounds (gc.freeze, here and once the site is made); at the end of the build, or when it fails, all of it
    # can be collected again (gc.unfreeze: the preview and the tests build many times in one process).
    gc.freeze()
    try:
        _site = build.prepare(project / "data", Path(config.docs_dir))
        problems = build.language_problems(_site.handbook.program, config.theme.dirs, project / "data")
        if problems:
            raise build.BuildProblem("\n".join(problems))
    except build.BuildProblem as e:
        gc.unfreeze()
        raise PluginError(str(e)) from None
    for language, texts in _site.untranslated.items():  # only when such texts are let through (preview)
        log.info("%d %s text%s not yet translated: the pages in that language show %s in English, marked, and list %s at the top",
                 len(texts), translations.language_name(language), "s are" if len(texts) != 1 else " is",
                 *(("them", "them") if len(texts) != 1 else ("it", "it")))
    # MkDocs' templates do not escape: every value from the data is escaped before it enters the config
    config.extra["as_of"] = escape(_site.as_of_text)
    config.extra["lang"] = _site.language
    # the light/dark button's names are words (mkdocs.yml names their keys): each page gets its language's (_edition)
    _palette_keys[:] = [o["toggle"]["name"] for o in config.theme.get("palette") or [] if isinstance(o, dict) and o.get("toggle")]
    config.extra["edition"] = _edition(_site.editions[0])  # the 404 page's; every other page gets its own
    config.extra["inline"] = _inline_scripts(Path(config.theme.custom_dir))
    config.extra["csp"] = _csp(config.extra["inline"])
    config.extra["pdf"] = {"file": escape(_site.words["pdf_file"]), "link": escape(_site.words["pdf_link"])}
    config.theme["language"] = _site.language
    config.site_name = escape(_site.site_name)
    page_dir = str(selfcheck.PAGE_DIR)  # the self-check's page template lives in its component folder
    if page_dir not in config.theme.dirs:
        config.theme.dirs.insert(0, page_dir)
    config.extra["selfcheck"] = selfcheck.shell(config.theme.dirs, config.theme.get("palette"), _serving)  # its page's inline parts
    gc.freeze()
    return config


def on_env(env, config: MkDocsConfig, files: Files):
    # `tojson` without spaces: the self-check's decision table is inline in its page, and every byte
    # counts on a slow phone (its budget: tests/test_budgets.py)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}
    # the theme's templates (Material's and site_overrides/) compiled once, kept on disk for the next build (diskcache.py)
    env.bytecode_cache = diskcache.Templates(diskcache.theme_settings(env))
    return env



@event_priority(-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _site.pages:  # build.prepare made sure no file in content/ takes a generated page's place
        files.append(File.generated(config, page.uri, content=page.markdown))
    for uri in sorted(_site.fallbacks):  # a further language's copy of a hand-written page it has no translation of
        files.append(File.generated(config, uri, content=_site.content[uri]))
    for uri, data in _site.assets.items():
        files.append(File.generated(config, uri, content=data, inclusion=InclusionLevel.NOT_IN_NAV))
    # a stand-in, so links to the PDF are checked like any other; on_post_build writes the PDF over it
    files.append(File.generated(config, _site.words["pdf_file"], content=b"", inclusion=InclusionLevel.NOT_IN_NAV))
    global _print_file, _files, _search_words
    _print_file = files.get_file_from_path(next(e.uri for e in registry.PAGES if e.gathers))
    _files = files
    _search_words = {e.folder: search.locations(e.handbook, lambda uri, f=e.folder: files.get_file_from_path(f + uri).url.removeprefix(f),
                                                main=e is _site.editions[0]) for e in _site.editions}
    hand_written = sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in _site.generated_uris | _site.left_out)
    unlisted = {e.uri for e in registry.PAGES if not e.listed}  # reached from another page only
    for f in files.documentation_pages():  # a further language's pages are in its own navigation (on_nav)
        if f.src_uri in _site.left_out:
            files.remove(f)
        elif _site.edition_of(f.src_uri) is not _site.editions[0] or f.src_uri in unlisted:
            f.inclusion = InclusionLevel.NOT_IN_NAV
    config.nav = _site.nav(hand_written)
    _navs.clear()
    _navs.update({e.language: e.nav([u.removeprefix(e.folder) for u in hand_written if _site.edition_of(u) is e])
                  for e in _site.editions[1:]})
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    main = config.nav
    for language, items in list(_navs.items()):
        config.nav = items
        try:
            _navs[language] = get_navigation(files, config)
        finally:
            config.nav = main
    return nav


def _edition(edition: build.Edition, alternates: list | None = None) -> dict:
    """The values of one language's pages for the theme's templates (site_overrides/), escaped."""
    return {"lang": edition.language, "folder": edition.folder, "site_name": escape(edition.handbook.program.name), "as_of": escape(edition.as_of_text),
            "published": escape(edition.published_text),
            "pdf": {"file": escape(edition.words["pdf_file"]), "link": escape(edition.words["pdf_link"])},
            "alternates": alternates or [], "palette": {key: escape(edition.words.get(key, key)) for key in _palette_keys},
            "untranslated": _waiting(edition)}


def _waiting(edition: build.Edition) -> list[dict]:
    """In the preview, for its banner (main.html): each further language's texts not yet translated, which
    its pages show in the main language, marked; in this page's words."""
    out = []
    for language, texts in _site.untranslated.items() if _serving else ():
        other = next(e for e in _site.editions if e.language == language)
        head = edition.words["preview_untranslated"]
        for name, value in (("count", str(len(texts))), ("mark", other.words["untranslated_mark"]),
                            ("language", untranslated.language_in(language, edition.language)),
                            ("main", untranslated.language_in(_site.language, edition.language))):
            head = head.replace("{" + name + "}", value)
        out.append({"head": escape(head), "texts": [escape(f"{t.key}: {t.english}") for t in texts]})
    return out


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """A text not yet translated, shown in the main language, is marked as such (untranslated.py)."""
    edition = _site.edition_of(page.file.src_uri)
    return untranslated.to_html(output, _site.language, edition.words["untranslated_mark"])


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    return _site.content.get(page.file.src_uri, markdown)


HEADERLINK = re.compile(r'<a class="headerlink" href="[^"]*" title="[^"]*">&para;</a>')


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """The self-check's checklist leaves out the heading links (¶): its page has no contents to link from,
    and every byte counts on it (its size budget)."""
    return HEADERLINK.sub("", html) if page.meta.get("template") == selfcheck.PAGE_TEMPLATE else html


def on_page_context(context, page, config, nav):
    def link(uri: str) -> str:
        return get_relative_url(_files.get_file_from_path(uri).url, page.url)

    uri = page.file.src_uri
    context.update(page_values(uri, link, lambda other: _files.get_file_from_path(other) is not None))
    edition = _site.edition_of(uri)
    if edition is not _site.editions[0]:
        context["nav"] = _navs[edition.language]
    return context


def prepared_site() -> build.Site:
    """The site the last `on_config` prepared from the data (bench/overhead.py hands its pages to a bare build)."""
    if _site is None:
        raise RuntimeError("on_config has not prepared a site")
    return _site


def _unreviewed_notice(edition: build.Edition, english: str) -> dict:
    """The line a further language's page shows while it holds text not yet reviewed: its words around the link
    to the main language's page (which decides), escaped."""
    name = untranslated.name_in(_site.editions[0].language, edition.language)
    before, _, after = edition.words["unreviewed_notice"].partition("{link}")
    return {"before": escape(before), "link": escape(edition.words["unreviewed_link"].replace("{language}", name)),
            "after": escape(after), "url": english}


def page_values(uri: str, link, exists) -> dict:
    """What one page's theme template gets from the generator, besides the navigation: its data, its
    language's values, and the same page in every other language that has it (links made by `link`;
    `exists` tells which pages the site has). bench/overhead.py hands these same values to a bare build."""
    edition = _site.edition_of(uri)
    values = dict(_site.page_context(uri, link))
    # the same page in every language (a link to each other one: partials/language-switch.html)
    alternates = [{"lang": e.language, "url": link(other), "name": escape(e.words["language_name"]),
                   "switch": escape(e.words["language_switch"]), "current": e is edition}
                  for e, other in _site.alternates(uri) if exists(other)] if len(_site.editions) > 1 else []
    values["edition"] = _edition(edition, alternates)
    # search's note when no page has every word searched for (partials/search.html): the words around {words}, and the sources page
    before, _, after = edition.words["search_not_mentioned"].partition("{words}")
    sources = registry.pages_showing(edition.handbook, ("sources",))[0]
    values["edition"]["not_mentioned"] = {"before": escape(before), "after": escape(after), "url": link(edition.folder + sources),
                                          "link": escape(edition.words["search_sources_link"])}
    home = edition.folder + "index.md"
    values["edition"]["home"] = link(home) if exists(home) else ""  # the header's and the menu's logo link
    own = uri.removeprefix(edition.folder)
    if edition is not _site.editions[0] and own in _site.unreviewed_pages.get(edition.language, ()) and exists(own):
        values["edition"]["unreviewed"] = _unreviewed_notice(edition, link(own))
    if uri in _site.fallbacks:  # a hand-written page not yet translated: shown as written, in the main language
        values["edition"]["lang"] = _site.editions[0].language
    return values


@event_priority(-100)  # after Material's search has written its index
def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()
    search.write_indexes(Path(config.site_dir), [(e.folder, e.language, _search_words[e.folder]) for e in _site.editions])
    for e in _site.editions if _site.untranslated else ():  # the marks of texts not yet translated are for the pages only
        index = Path(config.site_dir) / e.folder / "search" / "search_index.json"
        if index.is_file():
            index.write_text(untranslated.strip(index.read_text(encoding="utf-8")), encoding="utf-8")
    if not pdf.wanted():  # making the PDF takes longer than the rest of a build: the preview rebuilds without it
        log.info("This build is without the PDF (%s); build or publish makes it", _site.words["pdf_file"])
        return
    site_dir = Path(config.site_dir)
    try:
        refused = pdf.render(Path(_print_file.abs_dest_path), site_dir, _site.words, _site.site_name,
                             site_dir / _site.words["pdf_file"])
    except pdf.PDFProblem as e:
        raise PluginError(str(e)) from None
    for url in refused:
        log.info("The PDF leaves out %s: it reads only files of the built site", url)


def on_serve(server, config: MkDocsConfig, builder):
    project = Path(config.config_file_path).parent
    for folder in ("data", "generator"):
        server.watch(str(project / folder))
    server.builder = _showing_errors(server.builder, Path(config.site_dir))
    return server


def on_build_error(error: Exception) -> None:
    gc.unfreeze()
    build.last_problem = str(error)  # for the preview's error page (this module is loaded anew for each rebuild)


def on_pre_build(config: MkDocsConfig) -> None:
    build.last_problem = None


def _showing_errors(rebuild, site_dir: Path):
    """A rebuild that fails does not leave the browser waiting (MkDocs holds every request until a build
    succeeds): every page of the served folder becomes a page with the same plain message as the
    terminal's. The preview serves it with its live-reload script, so it reloads by itself once fixed."""
    def rebuild_or_show_error():
        try:
            rebuild()
        except Exception as e:  # MkDocs has said the build's own message (file, line, fix) in the terminal
            message = build.last_problem or str(e)
            template = (Path(__file__).parent.parent / "templates" / "preview-error.html.j2").read_text(encoding="utf-8")
            page = template.replace("{{ message }}", str(escape(message))).encode("utf-8")
            for html in [*site_dir.rglob("*.html"), site_dir / "404.html"]:
                html.write_bytes(page)
    return rebuild_or_show_error
