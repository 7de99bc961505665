"""A built page, parsed with a real HTML parser."""
from __future__ import annotations

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
