"""A further language's hand-written pages (content/es/index.md) keep up with their English page.

A translated page says, in its front matter, which English it was translated from and whether policy
staff have checked it, as the data's translations do (translations.py):

    ---
    translated_from: "3f2a9c1b7d0e"   # the English page (content/index.md) as it was translated
    reviewed: false                 # until policy staff have checked it; then a date or a name
    ---

`translated_from` is a fingerprint of the English page: the first 12 hex digits of the SHA-256 of its
text. When the English page changes, its fingerprint changes, and making the site (so `check`) fails,
naming the translated page's line and the fingerprint to write once it says what the English says now.
A page in a language's folder with no English page of the same name is that language's own: not checked.
"""
from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from mkdocs.utils.meta import YAML_RE, get_data

from generator.policy.problems import DataError
from generator.policy.translations import REVIEWED_FIX, reviewed_ok
from generator.policy.yamlread import parse_yaml

FIELD = "translated_from"


def fingerprint(text: str) -> str:
    """The English page's fingerprint; line ends and spaces at line ends do not count (editors differ)."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip("\n").split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def split(text: str) -> tuple[str, dict]:
    """(the page without its front matter, the front matter), as MkDocs reads them."""
    return get_data(text)


def _line(text: str, key: str) -> int:
    """The line of `key:` in the front matter (else 1, the page's first line)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for n, line in enumerate(lines[1:], start=2):
            if line.strip() == "---":
                break
            if line.startswith(f"{key}:"):
                return n
    return 1


class Pages(NamedTuple):
    """The hand-written pages as read once: what MkDocs gets, what is wrong, what awaits review."""
    bodies: dict[str, str]
    """Each page without its front matter (MkDocs reads the front matter itself)."""
    problems: list[str]
    """Every translated page that does not say it is up to date with its English page, as `docs/uri:line: what — the fix`."""
    unreviewed: dict[str, list[str]]
    """Each further language's translated pages (by folder, 'es/') that policy staff have not yet marked reviewed."""


def read(content: dict[str, str], folders: list[str], docs: str) -> Pages:
    """Read every hand-written page (`content`, as written) once; `folders` are the further languages' ('es/')."""
    bodies, out, unreviewed = {}, [], {f: [] for f in folders}
    for uri, text in sorted(content.items()):
        broken = _front_matter_problem(text, f"{docs}/{uri}")
        if broken:
            out.append(broken)
            bodies[uri] = text
            continue
        bodies[uri], meta = split(text)
        folder = next((f for f in folders if uri.startswith(f)), None)
        english = content.get(uri.removeprefix(folder)) if folder else None
        said, reviewed = meta.get(FIELD), meta.get("reviewed")
        if folder and reviewed is False:
            unreviewed[folder].append(uri)
        if english is None:
            continue
        now, where, source = fingerprint(english), f"{docs}/{uri}", f"{docs}/{uri.removeprefix(folder)}"
        if said is None:
            out.append(f"{where}:1: this page does not say which English it was translated from — make sure it says what "
                       f"{source} says now, then start the page with these lines:  ---  {FIELD}: \"{now}\"  reviewed: false  ---")
        elif str(said) != now:
            out.append(f"{where}:{_line(text, FIELD)}: {source} changed after this page was translated — make this page say "
                       f"what {source} says now (git log -p {source} shows what changed), then write  {FIELD}: \"{now}\"  and  reviewed: false")
        elif not reviewed_ok(reviewed):
            out.append(f"{where}:{_line(text, 'reviewed')}: 'reviewed: {reviewed}' is not false, a date or a name — {REVIEWED_FIX}")
    return Pages(bodies, out, unreviewed)


def _front_matter_problem(text: str, where: str) -> str | None:
    """What is wrong with a page's front matter (the lines between --- at its top), read as the data is (no YAML
    references, nesting and size capped): MkDocs would otherwise show broken lines as the page's text."""
    found = YAML_RE.match(text)
    if not found:
        return None
    try:
        value = parse_yaml(found.group(1), where).value
    except DataError as e:
        p = e.problems[0]
        return f"{where}:{(p.line or 1) + 1}: the front matter (the lines between --- at the top) cannot be read: {p.what} — {p.fix}"
    if not isinstance(value, (dict, type(None))):
        return (f"{where}:2: the front matter (the lines between --- at the top) is not a set of  key: value  lines — "
                f"write one per line, like  {FIELD}: \"3f2a9c1b7d0e\"  and  reviewed: false")
    return None


UNSAFE = re.compile(r"<\s*(script|meta|base|iframe|frame|frameset|object|embed|applet|link|portal)\b", re.I)
"""Elements a hand-written page may not hold: each runs script, loads from elsewhere, or (a <meta> refresh)
sends the reader to another address, which the Content-Security-Policy of the page does not stop."""
CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]*`", re.M | re.S)


def unsafe_html(pages: dict[str, str], docs: str) -> list[str]:
    """Each hand-written page (as written, by its place in content/) that holds an UNSAFE element
    outside code, as `docs/uri:line: what — the fix`."""
    out = []
    for uri, text in sorted(pages.items()):
        plain = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)  # code shows tags as text: blanked, lines kept
        for found in UNSAFE.finditer(plain):
            line = plain[: found.start()].count("\n") + 1
            out.append(f"{docs}/{uri}:{line}: a hand-written page cannot hold a <{found[1].lower()}> element — a page of the handbook "
                       "shows text, links and pictures, and nothing in it may run, load from another address or send the reader "
                       "elsewhere: remove it (a link is written [its words](https://...))")
    return out
