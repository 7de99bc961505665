"""Reading a built handbook page the way the checks compare it: text, citations, entries, sections;
and the same lists as the data holds them (see tests/kit/handbook/__init__.py)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import NavigableString, Tag

from generator import model
from generator.model import Handbook
from tests.kit.pages import page


# ---------------------------------------------------------------- reading pages
def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def url_of(uri: str) -> str:
    """The site path of a page source path: 'tiers/tier-1.md' -> '/tiers/tier-1/', 'index.md' -> '/'."""
    stem = uri.removesuffix(".md")
    if stem == "index":
        return "/"
    return "/" + stem.removesuffix("/index").removesuffix("index") + "/"


def article(site: Path, uri: str) -> Tag:
    """The page's content, without the ¶ permalinks of headings and the policy date the theme adds."""
    art = page(site, uri).select_one("article")
    assert art is not None, f"{uri}: no <article>"
    for extra in art.select("a.headerlink, p.as-of"):
        extra.decompose()
    return art


@dataclass(frozen=True)
class Cited:
    """One citation as a reader sees it."""

    label: str
    """'<source short> › <section title>'."""
    target: str
    """Where the link goes, as a site path with fragment ('/sources/#dss-selection')."""
    quote: str | None


def cites_in(small: Tag, page_uri: str, words: dict) -> list[Cited]:
    """The citations in one <small class="cite">."""
    found: list[list] = []
    lead = ""
    for child in small.children:
        if isinstance(child, Tag) and child.name == "a":
            found.append([norm(child.get_text()), urljoin(url_of(page_uri), child.get("href", "")), ""])
        elif found:
            found[-1][2] += child.get_text() if isinstance(child, Tag) else str(child)
        else:
            lead += child.get_text() if isinstance(child, Tag) else str(child)
    assert norm(lead) == f"{words['source']}:", f"{page_uri}: a citation starts with {lead!r}"
    out = []
    for label, target, tail in found:
        tail = norm(tail).removesuffix(";").strip()
        quote = tail[1:-1] if tail.startswith("“") and tail.endswith("”") else (tail or None)
        out.append(Cited(label, target, quote))
    return out


def entries_in(el: Tag, page_uri: str, words: dict) -> list[tuple[str, list[Cited]]]:
    """(text, citations) for each <small class="cite"> in `el`: the text is what comes before it
    (after the previous citation, if any)."""
    out, text = [], ""
    for node in el.descendants:
        if isinstance(node, Tag) and node.name == "small" and "cite" in (node.get("class") or []):
            out.append((norm(text), cites_in(node, page_uri, words)))
            text = ""
        elif isinstance(node, NavigableString) and not any(
            isinstance(p, Tag) and p.name == "small" and "cite" in (p.get("class") or []) for p in node.parents
        ):
            text += str(node)
    return out


def entry_in(el: Tag, page_uri: str, words: dict) -> tuple[str, list[Cited]]:
    found = entries_in(el, page_uri, words)
    assert len(found) == 1, f"{page_uri}: expected one cited entry in <{el.name}>, found {len(found)}: {norm(el.get_text())[:120]}"
    return found[0]


def after(start: Tag, stop: tuple[str, ...]) -> list[Tag]:
    """The elements that follow `start`, up to the next one named in `stop`."""
    out = []
    for sib in start.find_next_siblings():
        if sib.name in stop:
            break
        out.append(sib)
    return out


def before_first(art: Tag, name: str) -> list[Tag]:
    out = []
    for child in art.find_all(recursive=False):
        if child.name == name:
            break
        out.append(child)
    return out


def intro_shown(elements: list[Tag], uri: str, words: dict) -> list:
    return [entry_in(p, uri, words) for p in elements if p.name == "p" and "entry" in (p.get("class") or [])]


def items_shown(ul: Tag | None, uri: str, words: dict) -> list:
    assert ul is not None, f"{uri}: a list is missing"
    return [entry_in(li, uri, words) for li in ul.find_all("li", recursive=False)]


def headings(elements, name: str) -> list[tuple[str, str]]:
    return [(h.get("id"), norm(h.get_text())) for h in elements if h.name == name]


def first(elements: list[Tag], name: str) -> Tag | None:
    return next((e for e in elements if e.name == name), None)


# ---------------------------------------------------------------- what the data says
def cited(hb: Handbook, cites: list[model.Cite]) -> list[Cited]:
    return [Cited(f"{hb.source(c.source).short} › {hb.section(c).title}", f"/sources/#{c.source}-{c.section}",
                  norm(c.quote) if c.quote else None) for c in cites]


def entry(hb: Handbook, e: model.Entry) -> tuple[str, list[Cited]]:
    return (norm(e.text + (f" ({e.note})" if e.note else "")), cited(hb, e.cite))


def entries(hb: Handbook, items) -> list:
    return [entry(hb, e) for e in items]


def same(what: str, shown, expected) -> None:
    if shown == expected:
        return
    if isinstance(shown, list) and isinstance(expected, list):
        i = next((i for i, (a, b) in enumerate(zip(shown, expected)) if a != b), min(len(shown), len(expected)))
        raise AssertionError(f"{what}: item {i + 1} differs (the pages show {len(shown)} items, the data holds {len(expected)})\n"
                             f"  page: {shown[i] if i < len(shown) else '(nothing)'!r}\n  data: {expected[i] if i < len(expected) else '(nothing)'!r}")
    raise AssertionError(f"{what}: the pages show\n  {shown!r}\nbut the data holds\n  {expected!r}")
