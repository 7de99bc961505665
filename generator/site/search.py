"""Search: one index for each language of the site, with the data's search words in it.

Material's search (lunr, used as it is) indexes each page, and each section of a page, as one document
with a title and a text, and writes one index for the whole site (search/search_index.json). Once it has,
`write_indexes` splits that index by language: the main language's pages stay in search/, each further
language's go to its folder (es/search/search_index.json, with addresses inside that folder), and the
theme points each page's search at its own language's index (site_overrides/base.html, `base`). So a
reader on a Spanish page finds Spanish pages only.

Each index says its language (config.lang): Material's search worker then loads lunr's trimmer for it
(lunr-languages, shipped with Material), and the handbook's worker (site_overrides/assets/javascripts/
workers/handbook-search.js) finds a word's other forms with that language's stemmer. The index itself
keeps every word as written (mkdocs.yml: pipeline: [trimmer]), so "not", "must" and "don't" are found.

mkdocs.yml gives search one more field, SEARCH_FIELD, with a boost above the title's: each document's
`search_words` from the data (model.SearchWords), in its language. So "referral" finds the section on
referral first, and the hit lands on that section. No page shows them.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from generator.site import registry
from generator.model import search_words_in, walk

SEARCH_FIELD = "search_words"
"""The field's name in the index; mkdocs.yml › plugins › search › fields names it too."""
SEARCH_INDEX = Path("search") / "search_index.json"
"""Where Material writes the index, inside the site folder (and where each language's goes, inside its folder)."""
LUNR_LANGUAGES = Path("assets") / "javascripts" / "lunr" / "min"
"""lunr's languages as Material ships them, inside the site folder: lunr.<language>.min.js (English is lunr's own)."""


def locations(hb, url_of: Callable[[str], str], main: bool) -> dict[str, list[str]]:
    """The search words of each document of one language's index, by its location ("selection/#referral").
    `hb` is that language's handbook, `url_of(source path)` the page's address inside the language's folder
    ("selection/"), `main` whether it is the program's main language (a plain list of words is its)."""
    found: dict[str, list[str]] = {}
    for path, value in walk(hb):
        words = search_words_in(getattr(value, "search_words", None) or [], hb.program.language, main)
        if words:
            anchor = "" if registry.is_page(path) or not getattr(value, "id", None) else "#" + value.id
            for uri in registry.pages_showing(hb, path):
                kept = found.setdefault(url_of(uri) + anchor, [])
                kept.extend(w for w in words if w not in kept)
    return found


def write_indexes(site_dir: Path, editions: list[tuple[str, str, dict[str, list[str]]]]) -> None:
    """Split the index Material wrote in `site_dir` into one per language. `editions` are (folder,
    language, search words by location) for each, the main language first (folder "")."""
    index = site_dir / SEARCH_INDEX
    if not index.is_file():  # search is off
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    folders = [folder for folder, _, _ in editions[1:]]
    for folder, language, words in editions:
        own = [doc for doc in data["docs"] if (doc["location"].startswith(folder) if folder
                                               else not doc["location"].startswith(tuple(folders)))]
        docs = []
        for doc in own:
            doc = dict(doc, location=doc["location"].removeprefix(folder))
            if words.get(doc["location"]):
                doc[SEARCH_FIELD] = " ".join(words[doc["location"]])
            docs.append(doc)
        # a language lunr has no stemmer for is searched as written (lunr's English trimmer only)
        known = language == "en" or (site_dir / LUNR_LANGUAGES / f"lunr.{language}.min.js").is_file()
        config = dict(data["config"], lang=[language if known else "en"], stem=known)
        target = site_dir / folder / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(dict(data, config=config, docs=docs), separators=(",", ":"), ensure_ascii=False),
                          encoding="utf-8")
