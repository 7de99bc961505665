"""The page registry: every page of the site, said once, in reading order.

Each `Entry` in PAGES says a page's source path, its template, the data it shows, its title,
whether it fans out into one page per entry of a list, where it sits in the navigation, and
whether search and the print page hold it. Titles, the navigation, the print page, citations
(and so "cited on" on the sources page) and the page names of `diff` are all looked up here;
nothing else in generator/ knows a page by its name (generator/site/search.py finds the page of each search word here).

A new page is two places:
1. an `Entry` in PAGES, at its place in the navigation; its `shows` says which data it shows,
   so that data's citations say they are on the new page;
2. its template in generator/templates/. The template gets `data` (the data file of its first
   `shows` path), `title`, and, on a page that fans out, `item` (the entry it is about).

Paths into the data are dotted: "eligibility.policy_choices" is `policy_choices` in
data/eligibility.yaml, and "*" stands for any entry of a list. A piece of data is shown on the
page whose `shows` path for it is the longest, or on each of the pages that tie.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml
from markupsafe import escape  # MkDocs' templates do not escape: navigation titles enter them escaped

from generator import selfcheck

OTHER_PAGES = "*.md"
"""The source path of the entry that stands for every hand-written page in content/ without an
entry of its own (in name order)."""


@dataclass(frozen=True)
class Entry:
    uri: str
    """Its source path, as MkDocs sees it. On a page that fans out, `{id}` is the entry's id."""
    template: str | None = None
    """Its template in generator/templates/ (or a component's folder); None for a hand-written page in content/."""
    title: str | None = None
    """The interface word (generator/locales/) that is its title, or else ..."""
    title_field: str | None = None
    """... the data field that is: a path, or on a page that fans out a field of its entry."""
    shows: tuple[str, ...] = ()
    """The data it shows, as paths."""
    each: str | None = None
    """Fans out: one page for each entry of the list at this path."""
    section: str | None = None
    """The interface word that names the group it sits in, in the navigation."""
    nav_label: str | None = None
    """The interface word it is called by in the navigation, instead of its title."""
    printed: bool = True
    """Whether the print page holds it."""
    searched: bool = True
    """Whether search finds it (generated pages; a hand-written page says so in its front matter)."""
    gathers: bool = False
    """The print page: its template, then every printed page, each heading one level down."""
    theme: str | None = None
    """Its own theme template in site_overrides/ or a component's page folder (generated pages)."""
    toc: bool = True
    """Whether it shows the table of contents (generated pages)."""
    context: Callable[[Any, Callable[[str], str]], dict] | None = None
    """Extra values for its theme template: context(handbook, link), where link(source path) is a URL."""
    listed: bool = True
    """Whether the navigation lists it (a page reached from another page only is not)."""

    @property
    def data(self) -> str | None:
        """The data file its template gets as `data`: the file of its first `shows` path."""
        return self.shows[0].split(".")[0] if self.shows else None


PAGES = [
    Entry("index.md", title_field="program.name", nav_label="nav_home", shows=("program",)),
    Entry(OTHER_PAGES),
    # About the project's data/ folder, search and the print page: for the site, not for paper.
    Entry("how-this-handbook-is-made.md", printed=False),
    Entry("roles.md", "roles.md.j2", "roles_title", shows=("roles",)),
    Entry("dos-and-donts.md", "duties.md.j2", "duties_title", shows=("duties",)),
    Entry("selection.md", "selection.md.j2", "selection_title", shows=("selection",)),
    Entry("training.md", "topics.md.j2", "training_title", shows=("training",)),
    Entry("tiers/index.md", "tiers.md.j2", "tiers_title", shows=("tiers", "tiers.tiers.*"), section="tiers_title"),
    Entry("tiers/{id}.md", "tier.md.j2", title_field="name", shows=("tiers.tiers.*",), each="tiers.tiers",
          section="tiers_title"),
    Entry("eligibility.md", "eligibility.md.j2", "eligibility_title", shows=("eligibility",)),
    # The self-check, run from the decision table by its theme template, and the printable checklist, which
    # is what a browser without JavaScript gets instead (a page of its own: the self-check's page stays
    # light). All of them are the self-check component's: generator/selfcheck/.
    # The checklist's page is the one that shows the self-check's data on the page: its citations are there,
    # those of the questions' hints and of the outcomes too (the eligibility page shows the questions' text).
    Entry("self-check.md", selfcheck.CHECKLIST, title_field="eligibility.self_check.title",
          printed=False, theme=selfcheck.PAGE_TEMPLATE, toc=False, context=selfcheck.page_values),
    Entry(selfcheck.LIST_URI, selfcheck.CHECKLIST, "self_check_checklist_title",
          shows=("eligibility.self_check", "eligibility.questions", "eligibility.outcomes"),
          printed=False, searched=False, theme=selfcheck.PAGE_TEMPLATE, toc=False, listed=False,
          context=lambda hb, link: selfcheck.page_values(hb, link, app=False)),
    Entry("policy-choices.md", "policy-choices.md.j2", "choices_title", shows=("eligibility.policy_choices",)),
    Entry("commitments.md", "topics.md.j2", "commitments_title", shows=("commitments",)),
    Entry("glossary.md", "glossary.md.j2", "glossary_title", shows=("glossary",)),
    Entry("sources.md", "sources.md.j2", "sources_title", shows=("sources",)),
    Entry("changes.md", "changes.md.j2", "changes_title", shows=("program.versions",)),
    # The print page repeats every page: search lists the pages themselves instead.
    # Its title page shows the as-of date, so the theme leaves out its own line.
    Entry("print.md", "print.md.j2", "print_title", printed=False, searched=False, gathers=True,
          context=lambda hb, link: {"as_of_shown": True}),
]


def lookup(value: Any, path: str) -> Any:
    """The value at a dotted path ("program.name") inside `value` (the Handbook, or one entry)."""
    for name in path.split("."):
        value = getattr(value, name)
    return value


def expand(entry: Entry, hb) -> Iterator[tuple[str, Any]]:
    """The pages of one entry: (source path, the list entry it is about, or None)."""
    if entry.each is None:
        yield entry.uri, None
    else:
        for item in lookup(hb, entry.each):
            yield entry.uri.format(id=item.id), item


def titles(hb, words: dict) -> dict[str, str]:
    """Every page's title, by source path."""
    found = {}
    for entry in PAGES:
        if entry.title or entry.title_field:
            for uri, item in expand(entry, hb):
                found[uri] = words[entry.title] if entry.title else lookup(hb if item is None else item, entry.title_field)
    return found


def pages_showing(hb, path: tuple) -> list[str]:
    """The pages that show the data at `path` (file name first, then fields, list indexes, keys)."""
    best, found = 0, []
    for entry, shows in _showing_file(str(path[0]) if path else None):
        length = max((len(p) for p in shows if _within(path, p)), default=0)
        if length and length >= best:
            if length > best:
                best, found = length, []
            found.append(entry)
    return [_uri(entry, hb, path) for entry in found]


@functools.cache
def _showing_file(file: str | None) -> list[tuple[Entry, list[list[str]]]]:
    """The entries that show something of one data file, in order, each with its `shows` paths split into their
    parts (pages_showing is asked for every text and citation of the data)."""
    split = [(entry, [p.split(".") for p in entry.shows]) for entry in PAGES]
    return [(entry, shows) for entry, shows in split if any(p[0] in ("*", file) for p in shows)]


def is_page(path: tuple) -> bool:
    """Whether the data at `path` is a page itself (a page's `shows` path, or the entry a page fans
    out for), rather than a part of one."""
    return any(len(p.split(".")) == len(path) and _within(path, p.split(".")) for e in PAGES for p in e.shows)


def _within(path: tuple, pattern: list[str]) -> bool:
    return len(pattern) <= len(path) and all(p in ("*", str(v)) for p, v in zip(pattern, path))


def _uri(entry: Entry, hb, path: tuple) -> str:
    if entry.each is None:
        return entry.uri
    depth = len(entry.each.split("."))
    return entry.uri.format(id=lookup(hb, entry.each)[path[depth]].id)


def page_for(hb, item: Any) -> str:
    """The page of its own that an entry of a list has, on a page that fans out (a tier's page)."""
    return next(uri for e in PAGES if e.each for uri, it in expand(e, hb) if it is item)


def entry_of(uri: str, hb) -> Entry:
    """The entry of one page, by its source path (OTHER_PAGES for a hand-written page without one)."""
    found = (e for e in PAGES if e.uri == uri or (e.each and any(u == uri for u, _ in expand(e, hb))))
    return next(found, next(e for e in PAGES if e.uri == OTHER_PAGES))


def front_matter(entry: Entry) -> str:
    """The MkDocs front matter a generated page needs for its theme template, contents and search."""
    meta: dict = {}
    if entry.theme:
        meta["template"] = entry.theme
    if not entry.toc:
        meta["hide"] = ["toc"]
    if not entry.searched:
        meta["search"] = {"exclude": True}
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n" if meta else ""


def nav(hb, words: dict, content_uris: list[str]) -> list:
    """The navigation, in the registry's order: `content_uris` are the hand-written pages."""
    listed = {e.uri for e in PAGES}
    out: list = []
    groups: dict[str, list] = {}
    for entry in PAGES:
        if not entry.listed:
            continue
        if entry.template:
            uris = [uri for uri, _ in expand(entry, hb)]
        elif entry.uri == OTHER_PAGES:
            uris = [uri for uri in content_uris if uri not in listed]
        else:
            uris = [entry.uri] if entry.uri in content_uris else []
        for uri in uris:
            item = {escape(words[entry.nav_label]): uri} if entry.nav_label else uri
            if entry.section is None:
                out.append(item)
                continue
            if entry.section not in groups:
                groups[entry.section] = []
                out.append({escape(words[entry.section]): groups[entry.section]})
            groups[entry.section].append(item)
    return out


def place_problems(hb, data_dir: Path) -> list:
    """An entry with a page of its own (a tier) has an id that makes a page address no other page has. Asked of
    the loaded data by the build and by `check` (the pages are the site's to know, not the data loader's); the
    file is read again for its lines only when an address is taken."""
    from generator.policy.problems import Problem
    from generator.policy.yamlread import read_yaml

    taken = {e.uri: e for e in PAGES if e.each is None}
    problems = []
    for entry in PAGES:
        if entry.each is None:
            continue
        file, *field = entry.each.split(".")
        for i, item in enumerate(lookup(hb, entry.each)):
            uri = entry.uri.format(id=item.id)
            if uri in taken:
                label = f"data/{file}.yaml"
                problems.append(Problem(label, read_yaml(data_dir / f"{file}.yaml", label).line((*field, i, "id")),
                                        f"the id '{item.id}' would give this entry the page {uri}, the address of another page",
                                        "choose another id: ids are part of page addresses"))
            taken[uri] = entry
    return problems
