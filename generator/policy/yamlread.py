"""Reading a data file's YAML, keeping the line of every value, and explaining YAML mistakes in plain words.

Safe YAML only; libyaml (C) parses where PyYAML has it, and data with a mistake is read again by
the pure-Python loader, whose error messages _syntax_problem knows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.policy.problems import DataError, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
"""Lists and keys nested deeper than this are a mistake (the data needs about eight levels)."""
MAX_VALUES = 50_000
"""More values than this in one file are a mistake (the largest file has a few thousand)."""
_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


class _Loader(yaml.SafeLoader):
    """Safe YAML, where only true/false are booleans (yes, no, on and off stay words)."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """The same rules, parsed by libyaml in C where PyYAML has it: about ten times faster (see bench/).
    Data with a mistake is read again by _Loader, whose error messages _syntax_problem knows."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


KEY = "\0key"
"""Marks the line of a key itself in Located.lines, beside the line of its value."""


@dataclass
class Located:
    """A parsed YAML file: the plain value, and the line of every path in it."""

    value: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def key_line(self, path: tuple) -> int | None:
        """The line of the key that names `path` (for a nested block, the line above its first entry)."""
        return self.lines.get(tuple(path) + (KEY,)) or self.line(path)

    def line(self, path: tuple) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


_PARSED: dict[tuple[str, str], Located] = {}
"""The last parses that succeeded, by (file, text): a file read again unchanged is not parsed again (the pages,
`check` and the data checks each read some files a second time; `mkdocs serve` rebuilds after one file changed;
the property tests change one file and load them all). Each caller gets its own copy (a copy costs about a
hundredth of a parse), so what one caller changes in it never reaches another."""
_PARSED_MAX = 64


def parse_yaml(text: str, file: str) -> Located:
    """Parse one YAML document, keeping line numbers; raise DataError with the line on any mistake."""
    known = _PARSED.get((file, text))
    if known is None:
        known = _parse(text, file)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.pop(next(iter(_PARSED)))  # the oldest
        _PARSED[(file, text)] = known
    return Located(_copy(known.value), dict(known.lines))


def _copy(value):
    """A copy of a parsed value: new dicts and lists, the same scalars (str, int, float, bool, date: none can change)."""
    if type(value) is dict:
        return {k: _copy(v) for k, v in value.items()}
    if type(value) is list:
        return [_copy(v) for v in value]
    return value


def _parse(text: str, file: str) -> Located:
    too_much = _limits(text, file)
    if too_much:
        raise DataError([too_much])
    try:
        if "\t" in text:  # libyaml accepts some tabs that _Loader reports: keep one behaviour
            raise yaml.YAMLError("tab")
        loader, node = _compose(_FastLoader, text)
    except yaml.YAMLError:
        try:
            loader, node = _compose(_Loader, text)
        except yaml.MarkedYAMLError as e:
            raise DataError([_syntax_problem(e, file, text)]) from None
        except yaml.reader.ReaderError as e:  # a control character, often pasted in from another program
            raise DataError([Problem(file, text[: e.position].count("\n") + 1, f"this line holds an invisible control character (#x{e.character:04x})",
                                     "delete it: retype the line, or paste the text as plain text")]) from None
    located = Located(None)
    problems: list[Problem] = []
    located.value = _build(node, (), located.lines, problems, file, loader) if node is not None else None
    if problems:
        raise DataError(problems)
    return located


def _limits(text: str, file: str) -> Problem | None:
    """YAML that would eat the machine, found in one pass over its tokens (which needs no memory to
    speak of and no recursion) before anything is built: anchors and aliases (a 518-byte file of nested
    aliases stands for billions of values, and an alias can refer to itself), nesting deeper than
    MAX_DEPTH, more than MAX_VALUES values. Other mistakes are left to the parser, which explains them."""
    depth = values = 0
    try:
        for token in yaml.scan(text, Loader=_FastLoader):
            line = token.start_mark.line + 1
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(file, line, f"the entries here are nested more than {MAX_DEPTH} levels deep",
                                   "policy data needs only a few levels: check the brackets { [ and the indenting")
            elif isinstance(token, _CLOSE):
                depth -= 1
            elif isinstance(token, yaml.AnchorToken):
                return Problem(file, line, "text starts with & , which YAML reads as a name for a value to repeat elsewhere",
                               "policy data writes every value out in full: put the text in double quotes, or write the value where it is needed")
            elif isinstance(token, yaml.AliasToken):
                return _alias_problem(file, line)
            elif isinstance(token, yaml.ScalarToken):
                values += 1
                if values > MAX_VALUES:
                    return Problem(file, None, f"the file holds more than {MAX_VALUES:,} values",
                                   "a policy file this large is almost certainly a mistake: check what was pasted in")
    except yaml.YAMLError:
        return None
    return None


def _alias_problem(file: str, line: int | None) -> Problem:
    return Problem(file, line, "text starts with * , which YAML reads as a reference to something else",
                   'put the whole text in double quotes, like  name: "*Tier II"')


def _compose(loader_class, text: str):
    loader = loader_class(text)
    try:
        return loader, loader.get_single_node()
    finally:
        loader.dispose()


def _build(node, path, lines, problems, file, loader):
    lines[path] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(file, lines[path], f"the tag {tag} is not allowed here (words starting with ! are YAML tags)",
                                "remove it: write plain text, lists and keys only"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(file, key_line, "this key is not a plain word", "write keys as plain words followed by a colon"))
                continue
            key = key_node.value
            if key in out:
                problems.append(Problem(file, key_line, f"the key '{key}' appears twice here (first on line {lines[path + (key,)]})",
                                        "keep one of them and delete the other"))
                continue
            out[key] = _build(value_node, path + (key,), lines, problems, file, loader)
            lines[path + (key, KEY)] = key_line  # a nested block starts a line below its key
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, problems, file, loader) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as e:
        if node.tag == "tag:yaml.org,2002:timestamp":
            problems.append(Problem(file, lines[path], f"'{node.value}' is not a real date ({e})",
                                    "check the day and the month, and write the date like 2011-08-12"))
            return None
        problems.append(Problem(file, lines[path], f"this value cannot be read ({getattr(e, 'problem', e)})",
                                "put the value in double quotes"))
        return None


def _syntax_problem(e: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else None
    problem = (e.problem or "").strip()
    row = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in problem or "'\\t'" in problem or ("\t" in row and "tab" not in problem):
        return Problem(file, line, "there is a tab character at the start of a line or between words",
                       "YAML needs spaces for indenting: replace each tab with spaces")
    unclosed = _unclosed_quote(text, mark.line if mark else 0)
    if unclosed is not None:
        return Problem(file, unclosed, "a quote ( \" ) on this line is not closed",
                       'end the text with a closing  "  on the same line')
    if "while parsing a flow" in (e.context or "") and e.context_mark:
        return Problem(file, e.context_mark.line + 1, "a bracket { or [ on this line is not closed",
                       "close it with  }  or  ]  at the end of the entry")
    if "mapping values are not allowed" in problem:
        if _indented_under_value(text, mark.line):
            return Problem(file, line, "this line is indented further than the line above it",
                           "start it with the same number of spaces as the line above")
        return Problem(file, line, "a colon ( : ) inside text confuses YAML",
                       'put the whole text in double quotes, like  text: "Note: ..."')
    if "found character" in problem and "@" in problem or "`" in problem:
        return Problem(file, line, "text starts with a character YAML reserves", "put the text in double quotes")
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return Problem(file, line, "the indenting does not line up, or a line is missing its colon",
                       "line this up with the entries above it, and write  key: value")
    if "found undefined alias" in problem:
        return _alias_problem(file, line)
    if "found unknown escape" in problem:
        return Problem(file, line, problem, "put the text in double quotes and remove the * or \\ character")
    if "end of the stream" in problem or "found unexpected end" in problem:
        return Problem(file, line, "the file ends in the middle of a value (a quote or bracket is not closed)",
                       "close the quote or bracket that was opened")
    return Problem(file, line, f"the YAML cannot be read ({problem or e})",
                   "check the indenting and quotes on this line and the one above")


def _unclosed_quote(text: str, upto: int) -> int | None:
    """The line (1-based) of a double quote left open at or a few lines before line `upto` (0-based)."""
    rows = text.splitlines()
    for n in range(min(upto, len(rows) - 1), max(-1, upto - 6), -1):
        row = re.sub(r"\\.", "", rows[n])  # an escaped \" does not open or close a quote
        if row.count('"') % 2 == 1 and not row.lstrip().startswith("#"):
            return n + 1
    return None


def _indented_under_value(text: str, row: int) -> bool:
    """Whether line `row` (0-based) is indented more than the line before it, which already has its value."""
    rows = text.splitlines()
    prev = next((r for r in reversed(rows[:row]) if r.strip() and not r.lstrip().startswith("#")), None)
    if prev is None or row >= len(rows):
        return False
    indent = lambda r: len(r) - len(r.lstrip(" "))
    return indent(rows[row]) > indent(prev) and not prev.rstrip().endswith((":", "-", "[", "{", ","))


def read_yaml(path: Path, label: str, empty_ok: bool = False) -> Located:
    """Read a data file from disk; label is how the file is named in messages (data/x.yaml). An empty file
    (or one of comments only) is a mistake, unless `empty_ok` (then its value is None)."""
    if not path.is_file():
        raise DataError([Problem(label, None, "the file is missing", f"create {label}; every handbook needs it")])
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(label, None, f"the file is {len(raw):,} bytes, larger than {MAX_BYTES:,}",
                                 "a policy file this large is almost certainly a mistake: check what was pasted in")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark, as some Windows editors write: harmless, so skip it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError([Problem(label, line, "this line has characters that are not UTF-8 text",
                                 "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")]) from None
    if "\x00" in text:
        raise DataError([Problem(label, text[: text.index("\x00")].count("\n") + 1, "the file holds binary data",
                                 "this is not a text file: restore it from the last good version")])
    located = parse_yaml(text, label)
    if located.value is None and not empty_ok:
        raise DataError([Problem(label, None, "the file is empty", "fill it in; see the other files in data/ for the layout")])
    if not isinstance(located.value, (dict, type(None))):
        raise DataError([Problem(label, 1, "the file should be a set of  key: value  lines at the top level",
                                 "put the list under its key, as in the last good version of the file (for example  tiers:  with the list below it)")])
    return located

