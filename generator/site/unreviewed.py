"""Which pages of a further language hold text that policy staff have not yet reviewed.

Such a page says so in one plain line, with a link to the same page in the main language, which decides
(site_overrides/main.html; the self-check's generator/selfcheck/page/selfcheck.html). A page holds a
translated text (data/translations/<language>.yaml, `reviewed: false`) when
- it shows the data at the text's place (registry.pages_showing), or cites the source or section the text
  names (a source's short name and its sections' titles are in every citation line);
- the text is the program's name, short name or words for its partners (in every page's header and titles);
- it is the self-check and the text is in eligibility.yaml or in the commitments it shows;
- it is the print page and any page it gathers holds one;
and a hand-written page holds its own text when its front matter says `reviewed: false`.
"""
from __future__ import annotations

from generator import model
from generator.site import pages as pages_mod, registry
from generator.policy import translations

EVERYWHERE = {("program", "name"), ("program", "short_name"), ("program", "terms")}
"""Texts every page shows (its header and titles)."""


def _pages_of(hb, file: str, path: tuple, uris: list[str], cited: dict) -> set[str]:
    if (file, *path[:1]) in EVERYWHERE or (file, *path[:2]) in EVERYWHERE:
        return set(uris)
    found = set(registry.pages_showing(hb, (file, *path)))
    if (file, *path[:1]) == ("eligibility", "questions"):
        found |= set(registry.pages_showing(hb, (file,)))  # the eligibility page names each question too
    if file == "sources" and path[:1] == ("sources",) and len(path) > 2:
        source = hb.sources.sources[path[1]]
        if path[2] == "short":
            found |= {uri for uri, c in cited if c.source == source.id}
        elif path[2] == "sections" and path[4:] == ("title",):
            found |= {uri for uri, c in cited if c.source == source.id and c.section == source.sections[path[3]].id}
    if file == "eligibility" or (file == "commitments" and hb.commitments.topics[path[1]].id == hb.eligibility.self_check.commitments):
        found.add(next(e.uri for e in registry.PAGES if e.theme))  # the self-check shows all of it
    return found


def pages(site) -> dict[str, set[str]]:
    """{further language: the main language's source paths of the pages whose translation holds unreviewed text}."""
    hb = site.handbook
    uris = [uri for uri in [p.uri for p in site.pages] + list(site.content) if site.edition_of(uri) is site.editions[0]]
    cited = pages_mod.citations(hb)
    places = translations.texts({name: getattr(hb, name) for name in model.FILES})
    out: dict[str, set[str]] = {}
    for language, keys in translations.unreviewed(hb).items():
        found = {u for key in keys if key in places for u in _pages_of(hb, places[key][0], places[key][1], uris, cited)}
        found |= {uri.removeprefix(f"{language}/") for uri in site.unreviewed.get(language, [])}
        gathered = [e for e in registry.PAGES if e.gathers]
        if any(registry.entry_of(u, hb).printed for u in found):
            found |= {e.uri for e in gathered}
        out[language] = found
    return out
