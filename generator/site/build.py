"""One build of one handbook: load the data, render every page, and say where each goes.

`prepare()` does all the work that can fail, so MkDocs (hooks.py) and the command line can call
it before anything is written.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from generator.site import pages as pages_mod
from generator.site import handwritten, registry
from generator.policy import translations, untranslated
from generator.policy.asof import at, published_day
from generator.policy.load import DataError, Handbook, load_all, read_yaml
from generator.policy.staffdate import read_day
from generator.policy.strings import LOCALES, format_date, strings_for


AS_OF = "HANDBOOK_AS_OF"
"""The environment variable that sets the day a build shows the policy as of (YYYY-MM-DD; `publish
--as-of` and `preview --as-of` set it; today when unset)."""


def as_of_day() -> dt.date:
    """The day set by AS_OF, in any form `--as-of` reads; BuildProblem when it cannot be read."""
    value = os.environ.get(AS_OF)
    if not value:
        return dt.date.today()
    try:
        return read_day(value)[0]
    except ValueError as e:
        raise BuildProblem(f"{AS_OF}={value}: {e} (or leave {AS_OF} unset for today)") from None


def as_of_text(hb: Handbook, words: dict) -> str:
    """The footer's "as of": the latest day a recorded change (or version) took effect, on the handbook's day."""
    dates = [d for v in hb.program.versions for d in v.days() if d <= hb.day] or [hb.program.as_of]
    return words["as_of"].replace("{date}", format_date(max(dates), words))


def untranslated_shown() -> bool:
    """Whether this build shows texts not yet translated in the main language, marked (untranslated.ENV)."""
    return os.environ.get(untranslated.ENV) == "english"


class BuildProblem(Exception):
    """The site cannot be built; the message says why in plain words."""


@dataclass
class Edition:
    """The site in one language: the main language's at the top, each further one in its folder (es/)."""
    handbook: Handbook
    folder: str

    @property
    def language(self) -> str:
        return self.handbook.program.language

    @functools.cached_property
    def words(self) -> dict:
        return strings_for(self.handbook.program)

    @property
    def as_of_text(self) -> str:
        return as_of_text(self.handbook, self.words)

    @property
    def published_text(self) -> str:
        """The footer's "Published ...": the day the handbook is made (asof.published_day)."""
        return self.words["published"].replace("{date}", format_date(published_day(), self.words))

    def nav(self, content_uris: list[str]) -> list:
        """The navigation, in the page registry's order; `content_uris` are its hand-written pages."""
        return _in_folder(registry.nav(self.handbook, self.words, content_uris), self.folder)


def _in_folder(nav: list, folder: str) -> list:
    """A navigation with every page's source path inside `folder`."""
    return [_item_in_folder(item, folder) for item in nav]


def _item_in_folder(item, folder: str):
    if isinstance(item, str):
        return folder + item
    return {k: [_item_in_folder(x, folder) for x in v] if isinstance(v, list) else folder + v for k, v in item.items()}


@dataclass
class Site:
    handbook: Handbook
    pages: list[pages_mod.Page]
    content: dict[str, str]
    """Hand-written pages from content/, rendered with the data."""
    assets: dict[str, bytes] = field(default_factory=dict)
    """Other generated files (the source documents), by their place in the site."""
    editions: list[Edition] = field(default_factory=list)
    """The site in each language, the main one first (its pages and content are all in `pages` and `content`)."""
    fallbacks: set[str] = field(default_factory=set)
    """Hand-written pages of a further language that are the main language's, not translated (shown in it)."""
    left_out: set[str] = field(default_factory=set)
    """Hand-written pages in the folder of a language the program does not publish: not part of the site."""
    unreviewed: dict[str, list[str]] = field(default_factory=dict)
    """Each further language's translated hand-written pages not yet marked reviewed (handwritten.py), by language."""

    @functools.cached_property
    def unreviewed_pages(self) -> dict[str, set[str]]:
        """Each further language's pages (by the main language's source path) that hold text policy staff
        have not yet reviewed (unreviewed.py): each says so, with a link to the main language's page."""
        from generator.site import unreviewed

        return unreviewed.pages(self)

    @property
    def untranslated(self) -> dict[str, list]:
        """Each further language's texts not yet translated, shown in the main language (translations.Untranslated)."""
        return self.handbook.untranslated

    @property
    def generated_uris(self) -> set[str]:
        return {p.uri for p in self.pages}

    @functools.cached_property
    def words(self) -> dict:
        return strings_for(self.handbook.program)

    def edition_of(self, uri: str) -> Edition:
        """The edition a page (by its source path) belongs to."""
        return next((e for e in self.editions[1:] if uri.startswith(e.folder)), self.editions[0])

    def alternates(self, uri: str) -> list[tuple[Edition, str]]:
        """The same page in every language: (edition, its source path)."""
        own = uri.removeprefix(self.edition_of(uri).folder)
        return [(e, e.folder + own) for e in self.editions]

    @property
    def as_of_text(self) -> str:
        return as_of_text(self.handbook, self.words)

    @property
    def site_name(self) -> str:
        return self.handbook.program.name

    @property
    def language(self) -> str:
        return self.handbook.program.language

    def nav(self, content_uris: list[str]) -> list:
        """The main language's navigation, in the page registry's order; `content_uris` are the hand-written pages."""
        return self.editions[0].nav([u for u in content_uris if self.edition_of(u) is self.editions[0]])

    def page_context(self, uri: str, link: Callable[[str], str] = lambda uri: uri) -> dict:
        """Extra values for the theme's template of one page. `link` turns a page's source path into
        its URL as seen from this page."""
        edition = self.edition_of(uri)
        entry = registry.entry_of(uri.removeprefix(edition.folder), edition.handbook)
        return entry.context(edition.handbook, lambda u: link(edition.folder + u)) if entry.context else {}


last_problem: str | None = None
"""The message of the last build that failed, kept here for the preview's error page (hooks.py)."""


def prepare(data_dir: Path, docs_dir: Path, day: dt.date | None = None, loaded: Handbook | None = None) -> Site:
    """The site as of `day` (else the AS_OF environment variable, else today). `loaded`: the data of data_dir,
    already loaded by load_all (check and publish load it first), so it is not loaded again."""
    try:
        if loaded is None or (loaded.untranslated and not untranslated_shown()):
            loaded = load_all(data_dir, untranslated=untranslated_shown())
        taken = registry.place_problems(loaded, data_dir)
        if taken:
            raise DataError(taken)
    except DataError as e:
        raise BuildProblem(e.message()) from None
    raw = loaded
    day = day or as_of_day()
    _check_content_files(docs_dir)
    editions = [Edition(at(raw, day), "")] + [Edition(at(translations.edition(raw, lang), day), f"{lang}/")
                                               for lang in raw.program.translations]
    hb = editions[0].handbook
    content = {p.relative_to(docs_dir).as_posix(): _read_page(p, docs_dir) for p in sorted(docs_dir.rglob("*.md"))}
    left_out = {uri for uri in content if _other_language(uri, raw.program)}
    content = {uri: text for uri, text in content.items() if uri not in left_out}
    hand = handwritten.read(content, [e.folder for e in editions[1:]], docs_dir.name)
    if hand.problems or handwritten.unsafe_html(content, docs_dir.name):
        raise BuildProblem("\n".join(hand.problems + handwritten.unsafe_html(content, docs_dir.name)))
    unreviewed = {e.language: hand.unreviewed[e.folder] for e in editions[1:]}
    content = hand.bodies  # MkDocs reads the front matter itself
    pages, rendered, fallbacks = [], {}, set()
    try:
        for edition in editions:
            own, fallen = _content_of(edition, editions, content)
            fallbacks |= fallen
            made, written = pages_mod.render_site(edition.handbook, own, edition.folder, None if edition is editions[0] else editions[0].language)
            pages += [pages_mod.Page(edition.folder + p.uri, p.title, p.markdown) for p in made]
            rendered |= {edition.folder + uri: text for uri, text in written.items()}
    except jinja2.TemplateError as e:
        raise BuildProblem(f"{_template_line(e)}: {e} — check the {{{{ }}}} and {{% %}} on that line") from None
    except Exception as e:  # a bug in the generator, not in the data: say so, without a traceback
        raise BuildProblem(f"{_template_line(e)}: the pages could not be made ({type(e).__name__}: {e}) — "
                           "the data passed its checks, so this is a fault in generator/: tell the developers") from None
    assets: dict[str, bytes] = {}
    for s in hb.sources.sources:
        place = pages_mod.source_document(s.file)
        if place in assets:
            raise BuildProblem(f"data/sources.yaml: two source documents would both be published as {place} — rename one of the files")
        assets[place] = (data_dir / "sources" / s.file).read_bytes()
    _check_places(pages, assets, docs_dir)
    twice = pages_mod.anchor_problems([p for p in pages if not any(p.uri.startswith(e.folder) for e in editions[1:])], hb)
    if twice:
        raise BuildProblem("\n".join(twice))

    return Site(hb, pages, rendered, assets, editions, fallbacks, left_out, unreviewed)


def _other_language(uri: str, program) -> bool:
    """A hand-written page in the folder of a language this program does not publish (content/fr/ of another program)."""
    top = uri.split("/")[0]
    return "/" in uri and (LOCALES / f"{top}.yaml").is_file() and top not in (program.language, *program.translations)


def _content_of(edition: Edition, editions: list[Edition], content: dict) -> tuple[dict, set]:
    """One edition's hand-written pages: its folder's (content/es/...), and each page of the main language
    it has no translation of, as it is (a fallback, shown in the main language); and those fallbacks' paths."""
    main = editions[0]
    owner = {uri: next((e for e in editions[1:] if uri.startswith(e.folder)), main) for uri in content}
    own = {uri.removeprefix(edition.folder): text for uri, text in content.items() if owner[uri] is edition}
    if edition is main:
        return own, set()
    missing = {uri: text for uri, text in content.items() if owner[uri] is main and uri not in own}
    return own | missing, {edition.folder + uri for uri in missing}


def _read_page(path: Path, docs_dir: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        line = path.read_bytes()[: e.start].count(b"\n") + 1
        where = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}:{line}"
        raise BuildProblem(f"{where}: this line has characters that are not UTF-8 text — "
                           "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)") from None


def _check_content_files(docs_dir: Path) -> None:
    """content/ holds only inert files of its own: pages, pictures, plain text (CONTENT_KINDS), each a plain
    file inside it (no link to a file elsewhere, no pipe or device, which would hang the build)."""
    inside = docs_dir.resolve()
    for path in sorted(docs_dir.rglob("*")):
        uri = path.relative_to(docs_dir).as_posix()
        kind = path.suffix.lower()
        if any(part.startswith(".") for part in uri.split("/")) or path.is_dir() and not path.is_symlink():
            continue  # MkDocs leaves out files and folders whose names start with a dot
        where = f"{docs_dir.name}/{uri}"
        if not path.resolve().is_relative_to(inside):
            raise BuildProblem(f"{where} leads outside {docs_dir.name}/ (it is a link) — copy the file itself into {docs_dir.name}/")
        if not path.is_file():
            raise BuildProblem(f"{where} is not a plain file (it is a pipe, a device or a broken link) — remove it")
        if kind in MARKDOWN_KINDS:
            raise BuildProblem(f"{where}: a hand-written page's name ends in .md — rename it to {uri[:-len(kind)]}.md")
        if kind not in CONTENT_KINDS:
            raise BuildProblem(f"{where}: {docs_dir.name}/ holds Markdown pages (.md), pictures ({', '.join(sorted(CONTENT_KINDS - {'.md', '.txt'}))}) "
                               f"and plain text (.txt) only, which cannot run anything in a reader's browser — make it a Markdown page, "
                               "or remove it (files for the web host, such as CNAME or .htaccess, go in the published folder: publish keeps them)")


def _check_places(pages: list[pages_mod.Page], assets: dict, docs_dir: Path) -> None:
    """Every generated page and file has a place of its own, not taken by another or by a file in content/."""
    taken: set[str] = set()
    for page in pages:
        if page.uri in taken:
            raise BuildProblem(f"two pages would both be {page.uri} (one of them is '{page.title}') — "
                               "give one of them another id in data/")
        taken.add(page.uri)
    hand_written = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()}
    for uri in sorted(hand_written & (taken | set(assets))):
        raise BuildProblem(f"{docs_dir.name}/{uri} is generated from the data: rename or remove the hand-written file")



CONTENT_KINDS = {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".txt"}
"""The files content/ may hold: pages (Markdown, shown under the site's Content-Security-Policy), pictures and
plain text, all inert. Any other file (.html, .svg, .js, .xml, .pdf ...) would be published as it is, and could run
script on the handbook's address."""
MARKDOWN_KINDS = {".markdown", ".mdown", ".mkdn", ".mkd"}
"""Other names MkDocs takes for Markdown pages: the generator reads only .md (the data in them, their translations)."""


def language_problems(program, theme_dirs: list[str], data_dir: Path) -> list[str]:
    """The theme (Material) has its own words for every language of the site, or the build would stop half-way."""
    known = sorted({p.stem for d in theme_dirs for p in (Path(d) / "partials" / "languages").glob("*.html")})
    places = [(program.language, ("language",))] + [(lang, ("translations", i)) for i, lang in enumerate(program.translations)]
    out = []
    for language, path in places:
        if language not in known:
            line = read_yaml(data_dir / "program.yaml", "data/program.yaml").line(path)
            out.append(f"data/program.yaml:{line}: the theme has no words for the language '{language}' — "
                       f"write one of: {', '.join(known)}")
    return out


def _template_line(error: Exception) -> str:
    """The template file and line an error comes from (Jinja keeps it in the traceback)."""
    if getattr(error, "lineno", None):
        return f"{error.filename or error.name or 'a page'}:{error.lineno}"
    tb, where = error.__traceback__, "a template"
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".md")) or name == "<template>":
            where = f"{name if name.startswith('content/') else Path(name).name if name != '<template>' else 'a page in content/'}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
