"""A page as it reads, for the review page (review.py): its Markdown made into HTML as the site makes it,
then into sections (a heading and the blocks of text under it: paragraphs, list items, table rows), each
block as plain text; and two versions of a section compared block by block and word by word, the words
taken out and put in marked (the review page's template shows them, in <del> and <ins>).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

BLOCKS = {"p", "li", "tr", "dt", "dd", "pre", "caption", "figcaption", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style"}
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
WORDS = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]|\s+")
"""A word, a punctuation mark, or spaces."""


@dataclass
class Block:
    kind: str
    """The element it was: p, li, tr, h2 ..."""
    text: str


@dataclass
class Section:
    heading: str
    anchor: str | None
    blocks: list[Block] = field(default_factory=list)
    """Its heading first, then every block under it up to the next heading."""

    @property
    def key(self) -> str:
        return self.anchor or self.heading


class _Reader(HTMLParser):
    """Every block of text of an HTML fragment, in order, with the id of each heading."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str | None, str]] = []
        self.open: list[list] = []  # [tag, id, parts]
        self.skip = 0

    def _emit(self, tag: str, anchor: str | None, parts: list[str]) -> None:
        text = " ".join("".join(parts).split())
        if text:
            self.blocks.append((tag, anchor, text))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED or (tag == "a" and "headerlink" in (attrs.get("class") or "")):
            self.skip += 1
        elif tag in BLOCKS:
            if self.open:  # a block inside another (a list in a list item): what came before is a block of its own
                self._emit(self.open[-1][0], None, self.open[-1][2])
                self.open[-1][2] = []
            self.open.append([tag, attrs.get("id"), []])
        elif tag in ("td", "th") and self.open and "".join(self.open[-1][2]).strip():
            self.open[-1][2].append(" | ")
        elif tag == "br" and self.open:
            self.open[-1][2].append(" ")

    def handle_endtag(self, tag):
        if tag in SKIPPED or (tag == "a" and self.skip):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS and self.open and self.open[-1][0] == tag:
            self._emit(*self.open.pop())

    def handle_data(self, data):
        if self.skip:
            return
        if self.open:
            self.open[-1][2].append(data)
        elif data.strip():
            self._emit("p", None, [data])


def html(page_markdown: str, extensions: list, configs: dict) -> str:
    """A page's Markdown (front matter left out) as the HTML the site shows."""
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(FRONT_MATTER.sub("", page_markdown))


def sections(page_html: str) -> list[Section]:
    """The page's sections: the part under its title (h1), then one per heading below it."""
    reader = _Reader()
    reader.feed(page_html)
    reader.close()
    out: list[Section] = []
    for tag, anchor, text in reader.blocks:
        if tag in HEADINGS or not out:
            out.append(Section(text if tag in HEADINGS else "", anchor))
        out[-1].blocks.append(Block(tag, text))
    return out


@dataclass
class Shown:
    """One block as the review shows it: its kind (p, li, tr, heading; gap for blocks left out) and its text in
    parts, each ("", text), ("del", words taken out) or ("ins", words put in)."""
    kind: str
    parts: list[tuple[str, str]]


GAP = Shown("gap", [("", "…")])


@dataclass
class Changed:
    """One section whose text changed: its heading (after, else before), and each side's blocks, marked."""
    heading: str
    before: list[Shown]
    after: list[Shown]


def changed_sections(old: list[Section], new: list[Section], context: int = 1) -> list[Changed]:
    """The sections whose text differs, in the new page's order (then those only the old page had): matched by
    their anchor (else their heading); unchanged blocks more than `context` away from a change left out."""
    before = {s.key: s for s in old}
    after = {s.key: s for s in new}
    out = []
    for s in new + [s for s in old if s.key not in after]:
        was, now = before.get(s.key), after.get(s.key)
        a, b = (was.blocks if was else []), (now.blocks if now else [])
        if [x.text for x in a] != [x.text for x in b]:
            out.append(Changed((now or was).heading, *_sides(a, b, context)))
    return out


def _kind(block: Block) -> str:
    return "heading" if block.kind in HEADINGS else block.kind


def _sides(a: list[Block], b: list[Block], context: int) -> tuple[list[Shown], list[Shown]]:
    left: list[Shown] = []
    right: list[Shown] = []
    groups = list(difflib.SequenceMatcher(a=[x.text for x in a], b=[x.text for x in b], autojunk=False).get_grouped_opcodes(context))
    for n, group in enumerate(groups):
        if n or group[0][1] > 0 or group[0][3] > 0:  # blocks left out before
            left.append(GAP)
            right.append(GAP)
        for op, a1, a2, b1, b2 in group:
            if op == "equal":
                left += [Shown(_kind(x), [("", x.text)]) for x in a[a1:a2]]
                right += [Shown(_kind(x), [("", x.text)]) for x in b[b1:b2]]
                continue
            pairs = min(a2 - a1, b2 - b1) if op == "replace" else 0
            for x, y in zip(a[a1:a1 + pairs], b[b1:b1 + pairs]):
                old, new = marked(x.text, y.text)
                left.append(Shown(_kind(x), old))
                right.append(Shown(_kind(y), new))
            left += [Shown(_kind(x), [("del", x.text)]) for x in a[a1 + pairs:a2]]
            right += [Shown(_kind(y), [("ins", y.text)]) for y in b[b1 + pairs:b2]]
    if groups and (groups[-1][-1][2] < len(a) or groups[-1][-1][4] < len(b)):  # and after
        left.append(GAP)
        right.append(GAP)
    return left, right


def marked(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Two versions of a text in parts: the words only the old one has marked "del", those only the new one has "ins"."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    left, right = [], []
    for op, a1, a2, b1, b2 in _word_changes(a, b):
        if op == "equal":
            left.append(("", "".join(a[a1:a2])))
            right.append(("", "".join(b[b1:b2])))
            continue
        if a2 > a1:
            left.append(("del", "".join(a[a1:a2])))
        if b2 > b1:
            right.append(("ins", "".join(b[b1:b2])))
    return left, right


def _word_changes(a: list[str], b: list[str]) -> list[tuple]:
    """difflib's opcodes, with the spaces alone between two changes taken into them (so "one year" to
    "18 months" is one change, not two)."""
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    out: list[tuple] = []
    for i, (op, a1, a2, b1, b2) in enumerate(ops):
        spaces = op == "equal" and not "".join(a[a1:a2]).strip() and 0 < i < len(ops) - 1
        if out and out[-1][0] != "equal" and (op != "equal" or spaces):
            out[-1] = ("replace", out[-1][1], a2, out[-1][3], b2)
        else:
            out.append((op, a1, a2, b1, b2))
    return out
