"""Load data/*.yaml into the model, or explain every problem in words policy staff understand.

load_all(data_dir) returns a Handbook or raises DataError, whose problems each name the file,
the line, what is wrong and what to write instead. All problems are collected, not just the first.
"""
from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import model

MAX_BYTES = 1_000_000
SETTINGS = model.SETTINGS
PLACEHOLDERS = {"training_date", "partner_date"}


# ---------------------------------------------------------------- problems
@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    what: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.what}" + (f" — {self.fix}" if self.fix else "")


class DataError(Exception):
    """The data cannot be used; `problems` says why, each with file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.message())

    def message(self) -> str:
        count = len(self.problems)
        head = f"The policy data has {count} problem{'s' if count != 1 else ''}. Nothing was published."
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


# ---------------------------------------------------------------- YAML with line numbers
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


@dataclass
class Located:
    """A parsed YAML file: the plain value, and the line of every path in it."""

    value: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path: tuple) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def parse_yaml(text: str, file: str) -> Located:
    """Parse one YAML document, keeping line numbers; raise DataError with the line on any mistake."""
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
        return Problem(file, line, "text starts with * , which YAML reads as a reference to something else",
                       'put the whole text in double quotes, like  name: "*Tier II"')
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


def read_yaml(path: Path, label: str) -> Located:
    """Read a data file from disk; label is how the file is named in messages (data/x.yaml)."""
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
    if located.value is None:
        raise DataError([Problem(label, None, "the file is empty", "fill it in; see the other files in data/ for the layout")])
    if not isinstance(located.value, dict):
        raise DataError([Problem(label, 1, "the file should be a set of  key: value  lines at the top level",
                                 "put the list under its key, as in the last good version of the file (for example  tiers:  with the list below it)")])
    return located


# ---------------------------------------------------------------- schema errors in plain words
_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list (lines starting with - )", "dict_type": "a set of  key: value  lines",
    "model_type": "a set of  key: value  lines", "model_attributes_type": "a set of  key: value  lines",
    "date_type": "a date like 2011-08-12", "date_parsing": "a date like 2011-08-12", "date_from_datetime_parsing": "a date like 2011-08-12",
    "date_from_datetime_inexact": "a date like 2011-08-12", "float_type": "a number",
}


def _field_names(cls: Any, loc: tuple) -> list[str]:
    """The keys allowed at `loc` under model class `cls` (for 'did you mean')."""
    tp: Any = cls
    for part in loc:
        tp = _unwrap(tp, part)
        if tp is None:
            return []
    tp = _unwrap(tp, None)
    return list(tp.model_fields) if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _unwrap(tp: Any, part: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            if part is None or isinstance(part, str):
                if models and (part is None or any(part in m.model_fields for m in models)):
                    if part is None:
                        return models[0]
                    return next(m.model_fields[part].annotation for m in models if part in m.model_fields)
            tp = args[0]
        elif origin in (list, dict):
            if part is None:
                return tp
            return typing.get_args(tp)[-1]
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            if part is None:
                return tp
            return tp.model_fields[part].annotation if part in tp.model_fields else None
        else:
            return None if part is not None else tp


def _describe(loc: tuple) -> str:
    words = []
    for part in loc:
        if isinstance(part, int):
            words.append(f"entry {part + 1}")
        else:
            words.append(f"'{part}'")
    return " › ".join(words)


def schema_problems(err: ValidationError, cls: type, located: Located, label: str) -> list[Problem]:
    problems = []
    errors = err.errors()
    # a misspelt key is one problem, not two: skip "'name' is missing" when a close unknown key stands beside it
    extra = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"}
    errors = [e for e in errors if not (e["type"] == "missing" and any(
        parent == tuple(e["loc"][:-1]) and difflib.get_close_matches(str(e["loc"][-1]), [key], n=1, cutoff=0.6)
        for parent, key in extra))]
    for e in errors:
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and (p.startswith("function-") or p in ("time", "answer"))))
        kind = e["type"]
        where = _describe(loc)
        if kind == "missing":
            parent = loc[:-1]
            problems.append(Problem(label, located.line(parent), f"'{loc[-1]}' is missing" + (f" under {_describe(parent)}" if parent else ""),
                                    f"add a line  {loc[-1]}: ...  here"))
        elif kind == "extra_forbidden":
            allowed = _field_names(cls, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            close = [c for c in close if c != str(loc[-1])]
            fix = f"did you mean '{close[0]}'?" if close else ("the keys allowed here are: " + ", ".join(allowed) if allowed else "remove it")
            problems.append(Problem(label, located.line(loc), f"unknown key '{loc[-1]}'", fix))
        elif kind == "string_pattern_mismatch":
            pattern = e.get("ctx", {}).get("pattern", "")
            if "https" in pattern:
                fix = "write a full web address starting with https://"
            elif "a-z]{2}" in pattern:
                fix = "write a language code like en or es"
            else:
                fix = "use lowercase letters, digits and hyphens only, like  tier-1"
            problems.append(Problem(label, located.line(loc), f"{where}: '{e.get('input')}' is not a valid value", fix))
        elif kind == "string_too_short":
            problems.append(Problem(label, located.line(loc), f"{where} is empty", "write the text, or remove the line"))
        elif kind == "too_short":
            need = e.get("ctx", {}).get("min_length", 1)
            problems.append(Problem(label, located.line(loc), f"{where} needs at least {need} entr{'y' if need == 1 else 'ies'}",
                                    "add the missing entries (lines starting with - )"))
        elif kind == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            problems.append(Problem(label, located.line(loc), f"{where}: '{e.get('input')}' is not one of the allowed values",
                                    f"write one of: {expected}"))
        elif kind == "value_error" and "duration" in str(e.get("msg")):
            problems.append(Problem(label, located.line(loc), f"{where}: '{e.get('input')}' is not a duration",
                                    "write a duration like  1 year  or  18 months"))
        elif kind in ("greater_than", "less_than"):
            problems.append(Problem(label, located.line(loc), f"{where}: '{e.get('input')}' is out of range", e["msg"].lower()))
        elif kind in _TYPE_WORDS:
            problems.append(Problem(label, located.line(loc), f"{where} should be {_TYPE_WORDS[kind]}",
                                    f"write {_TYPE_WORDS[kind]} here" + (" (put text in double quotes)" if _TYPE_WORDS[kind] == "text" else "")))
        else:
            problems.append(Problem(label, located.line(loc), f"{where}: {e['msg']}", "check this value against the other entries"))
    return problems


# ---------------------------------------------------------------- the handbook
@dataclass(frozen=True)
class Handbook:
    """Everything in data/, validated."""

    data_dir: Path
    program: model.Program
    sources: model.Sources
    roles: model.Roles
    duties: model.Duties
    selection: model.Selection
    training: model.Topics
    tiers: model.Tiers
    commitments: model.Topics
    eligibility: model.Eligibility
    glossary: model.Glossary
    source_texts: dict[str, str]

    def source(self, source_id: str) -> model.Source:
        return next(s for s in self.sources.sources if s.id == source_id)

    def section(self, cite: model.Cite) -> model.Section:
        return next(s for s in self.source(cite.source).sections if s.id == cite.section)

    def setting(self, name: str) -> str:
        return next(c.value for c in self.eligibility.policy_choices if c.setting == name)


def load_all(data_dir: Path | str) -> Handbook:
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    located: dict[str, Located] = {}
    for name, cls in model.FILES.items():
        label = f"data/{name}.yaml"
        try:
            loc = read_yaml(data_dir / f"{name}.yaml", label)
        except DataError as e:
            problems.extend(e.problems)
            continue
        located[name] = loc
        try:
            parsed[name] = cls.model_validate(loc.value)
        except ValidationError as e:
            problems.extend(schema_problems(e, cls, loc, label))
    if problems:
        raise DataError(problems)
    texts, source_problems = _read_sources(parsed["sources"], located["sources"], data_dir)
    problems += source_problems
    problems += cross_check(parsed, located, texts)
    if problems:
        raise DataError(problems)
    return Handbook(data_dir=data_dir, source_texts=texts, **parsed)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read_sources(sources: model.Sources, loc: Located, data_dir: Path):
    """Each source section's text, whitespace folded, keyed 'source#section', for checking quotes."""
    texts: dict[str, str] = {}
    problems = []
    for i, source in enumerate(sources.sources):
        path = data_dir / "sources" / source.file
        if not path.is_file():
            problems.append(Problem("data/sources.yaml", loc.line(("sources", i, "file")),
                                    f"the source file data/sources/{source.file} does not exist",
                                    "put the source document there, or correct the file name"))
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        starts: list[tuple[int, str]] = []
        for j, section in enumerate(source.sections):
            after = starts[-1][0] + 1 if starts else 0
            found = next((n for n in range(after, len(lines)) if _normalise(lines[n]).startswith(_normalise(section.starts_with))), None)
            if found is None:
                problems.append(Problem("data/sources.yaml", loc.line(("sources", i, "sections", j, "starts_with")),
                                        f"no line of {source.file} after the previous section starts with '{section.starts_with}'",
                                        "copy the first words of the section exactly, and list sections in the order they appear"))
                continue
            starts.append((found, section.id))
        for k, (n, section_id) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
            texts[f"{source.id}#{section_id}"] = _normalise("\n".join(lines[n:end]))
    return texts, problems


def _walk(value: Any, path: tuple = ()):
    """Every (path, object) pair in a parsed model, depth first, in data order."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _walk(item, path + (k,))


def cross_check(parsed: dict, located: dict[str, Located], texts: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []

    def add(file: str, path: tuple, what: str, fix: str) -> None:
        problems.append(Problem(f"data/{file}.yaml", located[file].line(path), what, fix))

    sources = {s.id: s for s in parsed["sources"].sources}
    # ids are unique within each list
    for file, obj in parsed.items():
        for path, value in _walk(obj):
            if isinstance(value, list) and value and all(isinstance(v, BaseModel) and "id" in type(v).model_fields for v in value):
                seen: dict[str, int] = {}
                for i, v in enumerate(value):
                    if v.id in seen:
                        add(file, path + (i, "id"), f"the id '{v.id}' is used twice in this list (also entry {seen[v.id] + 1})",
                            "give each entry its own id")
                    seen.setdefault(v.id, i)
    # citations name a real source and section, and quotes are the source's own words
    for file, obj in parsed.items():
        for path, value in _walk(obj):
            if not isinstance(value, model.Cite):
                continue
            source = sources.get(value.source)
            if source is None:
                add(file, path + ("source",), f"the citation names an unknown source '{value.source}'",
                    "use one of: " + ", ".join(sources) + " (the ids in data/sources.yaml)")
                continue
            sections = [s.id for s in source.sections]
            if value.section not in sections:
                close = difflib.get_close_matches(value.section, sections, n=1)
                add(file, path + ("section",), f"the source '{value.source}' has no section '{value.section}'",
                    f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(sections))
                continue
            text = texts.get(f"{value.source}#{value.section}")
            if value.quote and isinstance(text, str) and _normalise(value.quote) not in text:
                elsewhere = [k.split("#")[1] for k, t in texts.items() if k.startswith(value.source + "#") and isinstance(t, str) and _normalise(value.quote) in t]
                add(file, path + ("quote",), f"the quote is not in the section '{value.section}' of {source.file}",
                    f"it is in the section '{elsewhere[0]}': cite that section" if elsewhere else
                    "copy the words exactly as the source has them, typos included")
    # roles named by selection steps
    role_ids = {r.id for r in parsed["roles"].roles}
    for p, proc in enumerate(parsed["selection"].procedures):
        for s, step in enumerate(proc.steps):
            if step.who and step.who not in role_ids:
                add("selection", ("procedures", p, "steps", s, "who"), f"no role has the id '{step.who}'",
                    "use one of: " + ", ".join(sorted(role_ids)) + " (the ids in data/roles.yaml)")
    problems += _check_eligibility(parsed["eligibility"], lambda path, what, fix: add("eligibility", path, what, fix))
    from .strings import STRING_KEYS  # the interface words a program may override

    for key in parsed["program"].strings:
        if key not in STRING_KEYS:
            close = difflib.get_close_matches(key, STRING_KEYS, n=1)
            add("program", ("strings", key), f"'{key}' is not one of the interface words",
                f"did you mean '{close[0]}'?" if close else "see generator/strings/en.yaml for the list")
    return problems


def _check_eligibility(el: model.Eligibility, add) -> list[Problem]:
    questions = {q.id: (i, q) for i, q in enumerate(el.questions)}
    disqualifiers = {d.id for d in el.disqualifiers}
    listed: set[str] = set()
    for i, q in enumerate(el.questions):
        if q.type == "choice":
            if not q.answers:
                add(("questions", i), f"the choice question '{q.id}' has no  answers:", "add  answers: <an answer set id>, such as " + ", ".join(el.answer_sets))
            elif q.answers not in el.answer_sets:
                add(("questions", i, "answers"), f"there is no answer set '{q.answers}'", "use one of: " + ", ".join(el.answer_sets))
            if q.unsure_label:
                add(("questions", i, "unsure_label"), "unsure_label is only for month_year questions", "remove it; the answer set has the \"Not sure\" answer")
        else:
            if q.answers:
                add(("questions", i, "answers"), "a month_year question has no answer set", "remove the  answers:  line")
            if not q.unsure_label:
                add(("questions", i), f"the date question '{q.id}' needs an  unsure_label:", 'add  unsure_label: "I\'m not sure of the date"')
        for k, item in enumerate(q.items):
            listed.add(item)
            if item not in disqualifiers:
                add(("questions", i, "items", k), f"there is no disqualifier '{item}'", "use one of: " + ", ".join(sorted(disqualifiers)))
        if q.ask_if:
            gate = questions.get(q.ask_if.question)
            if gate is None or gate[0] >= i:
                add(("questions", i, "ask_if", "question"), f"ask_if names '{q.ask_if.question}', which is not a question before this one",
                    "name the id of an earlier question")
            elif gate[1].answers in el.answer_sets:
                values = [a.value for a in el.answer_sets[gate[1].answers]]
                for k, v in enumerate(q.ask_if.answers):
                    if v not in values:
                        add(("questions", i, "ask_if", "answers", k), f"'{v}' is not an answer of the question '{gate[1].id}'",
                            "use one of: " + ", ".join(values))
    for d, dq in enumerate(el.disqualifiers):
        if dq.id not in listed:
            add(("disqualifiers", d), f"the disqualifier '{dq.id}' is not asked by any question",
                "add its id to the  items:  of the question that asks about disqualifiers")
    for r, req in enumerate(el.requirements):
        if req.rule is None:
            if not req.not_asked:
                add(("requirements", r), f"the requirement '{req.id}' has no rule and no  not_asked:",
                    "add a  rule:  so the self-check asks about it, or  not_asked:  to say who decides it")
            continue
        if req.explain is None:
            add(("requirements", r), f"the requirement '{req.id}' has a rule but no  explain:", "add  explain:  with the texts parents see")
        found = questions.get(req.rule.question)
        if found is None:
            close = difflib.get_close_matches(req.rule.question, list(questions), n=1)
            add(("requirements", r, "rule", "question"), f"there is no question '{req.rule.question}'",
                f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(questions))
            continue
        q = found[1]
        is_time = isinstance(req.rule, model.TimeRule)
        if is_time and q.type != "month_year":
            add(("requirements", r, "rule", "question"), f"'{q.id}' is not a month_year question, so it cannot have  at_least:",
                "point the rule at a date question, or use  met_by:")
        if not is_time:
            if q.type != "choice":
                add(("requirements", r, "rule", "question"), f"'{q.id}' is a date question, so it needs  at_least:  not  met_by:",
                    "write  at_least: 1 year  (or another duration)")
            elif q.answers in el.answer_sets:
                values = [a.value for a in el.answer_sets[q.answers]]
                for k, v in enumerate(req.rule.met_by):
                    if v not in values:
                        add(("requirements", r, "rule", "met_by", k), f"'{v}' is not an answer of the question '{q.id}'",
                            "use one of: " + ", ".join(values))
        if req.explain:
            needed = ["wait"] if is_time else ["not_met"]
            if is_time and req.rule.training_after:
                needed.append("train_now")
            if q.ask_if:
                needed.append("not_applicable")
            for name in needed:
                if not getattr(req.explain, name):
                    add(("requirements", r, "explain"), f"the requirement '{req.id}' needs an  explain: {name}:  text",
                        f"add  {name}: \"...\"  with what a parent is told")
            for name in type(req.explain).model_fields:
                _check_placeholders(getattr(req.explain, name), ("requirements", r, "explain", name), add)
    set_by: dict[str, int] = {}
    for c, choice in enumerate(el.policy_choices):
        if choice.setting is None:
            if choice.value is not None:
                add(("policy_choices", c, "value"), "a value without a  setting:", "add the setting it is for, or remove the value")
            continue
        if choice.setting in set_by:
            add(("policy_choices", c, "setting"), f"the setting '{choice.setting}' is set twice", "keep one policy choice for it")
        set_by[choice.setting] = c
        allowed = SETTINGS[choice.setting]
        if choice.value not in allowed:
            add(("policy_choices", c, "value"), f"'{choice.value}' is not a value for {choice.setting}", "write one of: " + ", ".join(allowed))
    for name, allowed in SETTINGS.items():
        if name not in set_by:
            add(("policy_choices",), f"no policy choice sets '{name}'",
                f"add a policy choice with  setting: {name}  and  value:  one of " + ", ".join(allowed))
    for o, outcome in enumerate(el.outcomes):
        last = o == len(el.outcomes) - 1
        if last and outcome.when is not None:
            add(("outcomes", o, "when"), "the last outcome must have no  when:", "remove its  when:  so it is shown when nothing else matches")
        if not last and outcome.when is None:
            add(("outcomes", o), f"the outcome '{outcome.id}' has no  when:", "add a  when:, or move it to the end of the list")
        for name in ("title", "text"):
            _check_placeholders(getattr(outcome, name), ("outcomes", o, name), add)
    return []


def _check_placeholders(text: str | None, path: tuple, add) -> None:
    for name in re.findall(r"\{([^{}]*)\}", text or ""):
        if name not in PLACEHOLDERS:
            add(path, f"'{{{name}}}' is not a date this text can show", "use {training_date} or {partner_date}, or remove the braces")
