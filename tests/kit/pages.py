"""A built page, parsed with a real HTML parser."""
from __future__ import annotations

import functools
from pathlib import Path

from bs4 import BeautifulSoup


def page_file(site: Path, uri: str) -> Path:
    """The built file of a source path: 'tiers/tier-1.md' -> site/tiers/tier-1/index.html, 'index.md' -> site/index.html."""
    stem = uri.removesuffix(".md")
    if stem == "index":
        return site / "index.html"
    if stem.endswith("/index"):
        return site / stem.removesuffix("/index") / "index.html"
    return site / stem / "index.html"


def page(site: Path, uri: str) -> BeautifulSoup:
    """The built page for a source path such as 'tiers/tier-1.md' or 'index.md', parsed."""
    return BeautifulSoup(page_file(site, uri).read_text(encoding="utf-8"), "html.parser")


def page_words(site: Path, html: Path) -> dict:
    """The interface words of a built page's own language: a page in a further language's folder (es/...)
    has that language's, every other page the main language's (the data beside the site says which)."""
    return _words_of(site, html.relative_to(site).parts[0])


@functools.lru_cache(maxsize=32)
def _words_of(site: Path, top: str) -> dict:
    from generator.policy import translations
    from generator.policy.load import load_all
    from generator.policy.strings import strings_for

    hb = load_all(site.parent / "data")
    return strings_for((translations.edition(hb, top) if top in hb.program.translations else hb).program)
