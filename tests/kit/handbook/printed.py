"""The checks across pages: every citation of the data on its page, and the print page holding every
printed page in order. pages.py runs them with the one check per page (CHECKS, as of today)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bs4 import Tag

from generator.model import Handbook
from generator.site.pages import citations
from generator.policy.strings import strings_for
from tests.kit.handbook.reading import Cited, article, cited, cites_in, norm, same, url_of


def check_citations(site: Path, hb: Handbook) -> None:
    """Every citation in the data is shown on its page, in data order, with nothing else: the
    source's short name and section title, a link to that section on the sources page, and the quote.
    The parents' self-check is not a handbook page: its screens and checklist name each source and section
    without the quotes (tests/test_words_shown.py checks them)."""
    from generator.site import registry

    words = strings_for(hb.program)
    expected: dict[str, list[Cited]] = {}
    for uri, c in citations(hb):
        if not registry.entry_of(uri, hb).theme:
            expected.setdefault(uri, []).extend(cited(hb, [c]))
    for uri, want in expected.items():
        shown = [c for small in article(site, uri).select("small.cite") for c in cites_in(small, uri, words)]
        same(f"{uri} › citations", shown, want)


def check_print(site: Path, hb: Handbook) -> None:
    """The print page holds every printed page, in order, after its title and contents: the same
    headings and the same citations."""
    from generator.site import registry
    from generator.site.pages import CHAPTER, Renderer, print_id

    words = strings_for(hb.program)
    content = site.parent / "content"
    from generator.policy.strings import LOCALES

    uris = [f.relative_to(content).as_posix() for f in sorted(content.rglob("*.md"))]
    # a language's folder (content/es/) holds that edition's pages, not the main language's print page
    uris = [uri for uri in uris if not ("/" in uri and (LOCALES / f"{uri.split('/')[0]}.yaml").is_file())]
    uris = [uri for uri in uris if registry.entry_of(uri, hb).printed]  # not "How this handbook is made"
    uris += [p.uri for p in Renderer(hb).handbook_pages()]
    levels = ["h1", "h2", "h3", "h4", "h5", "h6"]

    def shown(art: Tag, uri: str):
        return ([norm(h.get_text()) for h in art.find_all(levels)],
                [c for small in art.select("small.cite") for c in cites_in(small, uri, words)])

    def inside(cite: Cited) -> Cited:  # on the print page, a citation leads to its source's part of the print page
        path, _, anchor = cite.target.partition("#")
        target = by_url.get(path)
        return cite if target is None else replace(cite, target=url_of("print.md") + "#" + print_id(target, anchor or CHAPTER))

    by_url = {url_of(uri): uri for uri in uris}
    whole = article(site, "print.md")
    heads, cites = shown(whole, "print.md")
    want_heads, want_cites = [words["print_title"], words["print_contents"]], []
    for uri in uris:
        h, c = shown(article(site, uri), uri)
        want_heads += h
        want_cites += [inside(x) for x in c]
    same("print page › headings", heads, want_heads)
    same("print page › citations", cites, want_cites)
