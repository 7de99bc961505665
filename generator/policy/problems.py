"""Problems in the data, in words policy staff understand: each names the file, the line, what is
wrong and what to write instead. schema_problems turns pydantic's errors into such Problems."""
from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel, Tag, ValidationError

from generator.model import MAX_DURATION_YEARS, RULE_ERROR, SOURCE_FILE



class Located(Protocol):
    """Where each value of a file is (yamlread.Located is one): its line, its key's line, the values."""
    value: Any

    def line(self, path: tuple) -> int | None: ...

    def key_line(self, path: tuple) -> int | None: ...


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    what: str
    fix: str = ""
    shown: str = ""
    """More to see, on the lines below the message (like the source's words closest to a quote)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.what}" + (f" — {self.fix}" if self.fix else "")

    def told(self) -> str:
        """The message with what it shows below it, as the commands print it."""
        return str(self) + (f"\n      {self.shown}" if self.shown else "")


class DataError(Exception):
    """The data cannot be used; `problems` says why, each with file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.message())

    def message(self) -> str:
        count = len(self.problems)
        head = f"The policy data has {count} problem{'s' if count != 1 else ''}. Nothing was published."
        return "\n".join([head, *(f"  {p.told()}" for p in self.problems)])


# ---------------------------------------------------------------- where in the model an error is
def _bare(tp: Any) -> Any:
    """The type without Annotated and without Optional's None."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else typing.Union[tuple(args)]
        else:
            return tp


def _tags(member: Any) -> set:
    """The tags by which a union picks `member`: its Tag, or the value of its one-value Literal field (a `type:`)."""
    tags = {m.tag for m in getattr(member, "__metadata__", ()) if isinstance(m, Tag)}
    model = _bare(member)
    if not tags and isinstance(model, type) and issubclass(model, BaseModel):
        for f in model.model_fields.values():
            args = typing.get_args(f.annotation) if typing.get_origin(f.annotation) is typing.Literal else ()
            tags |= set(args) if len(args) == 1 else set()
    return tags


def _keys(model: type[BaseModel]) -> dict:
    """A model's fields by the key written in the data (its alias, as `from` for the field `start`)."""
    return {f.alias or name: f for name, f in model.model_fields.items()}


def model_at(cls: Any, loc: tuple) -> tuple[tuple, Any]:
    """Follow pydantic's `loc` from `cls`: the path in the data (union tags and validator names left out),
    and the model class found there (or None)."""
    tp, path = cls, []
    for part in loc:
        tp = _bare(tp)
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if typing.get_origin(tp) is typing.Union:
            picked = next((m for m in typing.get_args(tp) if part in _tags(m)), None)
            if picked is not None:
                tp = picked
                continue
            tp = next((_bare(m) for m in typing.get_args(tp) if part in getattr(_bare(m), "model_fields", {})), None)
        path.append(part)
        if typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and part in _keys(tp):
            tp = _keys(tp)[part].annotation
        else:
            tp = None
    tp = _bare(tp)
    return tuple(path), tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


# ---------------------------------------------------------------- pydantic's errors in plain words
_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list (lines starting with - )", "dict_type": "a set of  key: value  lines",
    "model_type": "a set of  key: value  lines", "model_attributes_type": "a set of  key: value  lines",
    "date_type": "a date like 2011-08-12", "date_parsing": "a date like 2011-08-12", "date_from_datetime_parsing": "a date like 2011-08-12",
    "date_from_datetime_inexact": "a date like 2011-08-12", "float_type": "a number",
}


def _describe(loc: tuple) -> str:
    return " › ".join(f"entry {part + 1}" if isinstance(part, int) else f"'{part}'" for part in loc)


def _one_of(quoted: str) -> str:
    """"'a', 'b', 'c'" -> "'a', 'b' or 'c'", as pydantic writes the values of a Literal."""
    head, _, last = quoted.rpartition(", ")
    return f"{head} or {last}" if head else last


def schema_problems(err: ValidationError, cls: type, located: Located, label: str) -> list[Problem]:
    problems = []
    errors = err.errors()
    # a misspelt key is one problem, not two: skip "'name' is missing" when a close unknown key stands beside it
    extra = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"}
    errors = [e for e in errors if not (e["type"] == "missing" and any(
        parent == tuple(e["loc"][:-1]) and difflib.get_close_matches(str(e["loc"][-1]), [key], n=1, cutoff=0.6)
        for parent, key in extra))]
    for e in errors:
        problems += _problems(e, cls, located, label)
    return problems


def _ids_in_file(value) -> dict[str, str]:
    """For a hint's {name}: the ids the file lists under its top-level key `name` (its keys, or its entries' ids)."""
    found = {}
    for key, under in value.items() if isinstance(value, dict) else ():
        ids = list(under) if isinstance(under, dict) else [i.get("id") for i in under if isinstance(i, dict)] if isinstance(under, list) else []
        found[str(key)] = ", ".join(str(i) for i in ids if i is not None) or "(none yet)"
    return found


def _problems(e: dict, cls: type, located: Located, label: str) -> list[Problem]:
    kind, ctx = e["type"], e.get("ctx", {})
    loc, _ = model_at(cls, tuple(e["loc"]))
    where = _describe(loc)

    def problem(what: str, fix: str, at: tuple = loc) -> list[Problem]:
        return [Problem(label, located.line(at), what, fix)]

    if kind == RULE_ERROR:
        return [Problem(label, located.line(loc + b.path), b.what, b.fix) for b in ctx["broken"]]
    if kind in ("missing", "extra_forbidden"):
        parent_loc, parent = model_at(cls, tuple(e["loc"][:-1]))
        key = str(loc[-1])
        hint = getattr(parent, "hints", {}).get(key)
        if hint:
            given = e["input"] if kind == "missing" else {}
            words = {"id": given.get("id", "") if isinstance(given, dict) else "", **_ids_in_file(located.value)}
            return problem(hint[0].format_map(words), hint[1].format_map(words), parent_loc if kind == "missing" else loc)
        if kind == "missing":
            return problem(f"'{key}' is missing" + (f" under {_describe(parent_loc)}" if parent_loc else ""),
                           f"add a line  {key}: ...  here", parent_loc)
        allowed = list(_keys(parent)) if parent else []
        close = [c for c in difflib.get_close_matches(key, allowed, n=1, cutoff=0.6) if c != key]
        return [Problem(label, located.key_line(loc), f"unknown key '{key}'", f"did you mean '{close[0]}'?" if close else
                        ("the keys allowed here are: " + ", ".join(allowed) if allowed else "remove it"))]
    if kind == "union_tag_invalid":
        field = ctx["discriminator"].strip("'")
        return problem(f"{_describe(loc + (field,))}: '{ctx['tag']}' is not one of the allowed values",
                       f"write one of: {_one_of(ctx['expected_tags'])}", loc + (field,))
    if kind == "union_tag_not_found":
        field = ctx["discriminator"].strip("'")
        return problem(f"'{field}' is missing" + (f" under {where}" if loc else ""), f"add a line  {field}: ...  here")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == SOURCE_FILE:
            return problem(f"{where}: '{e.get('input')}' is not the name of a file in data/sources/",
                           "write the file's name as it is in data/sources/, like  dss-guide.txt  (no / at the start, no ..)")
        if "https" in pattern:
            fix = "write a full web address starting with https://"
        elif "a-z]{2}" in pattern:
            fix = "write a language code like en or es"
        else:
            fix = "use lowercase letters, digits and hyphens only, like  tier-1"
        return problem(f"{where}: '{e.get('input')}' is not a valid value", fix)
    if kind == "string_too_short":
        return problem(f"{where} is empty", "write the text, or remove the line")
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return problem(f"{where} needs at least {need} entr{'y' if need == 1 else 'ies'}", "add the missing entries (lines starting with - )")
    if kind == "literal_error":
        return problem(f"{where}: '{e.get('input')}' is not one of the allowed values", f"write one of: {ctx.get('expected', '')}")
    if kind == "value_error" and "too long" in str(e.get("msg")):
        return problem(f"{where}: '{e.get('input')}' is longer than {MAX_DURATION_YEARS} years",
                       f"write a duration of at most {MAX_DURATION_YEARS} years, like  1 year  or  18 months")
    if kind == "value_error" and "control character" in str(e.get("msg")):
        code = str(e["msg"]).rsplit(" ", 1)[-1]
        return problem(f"{where} holds an invisible control character ({code})",
                       "retype the text (it often comes from pasting out of another program); a line break is written as a new line")
    if kind == "value_error" and "duration" in str(e.get("msg")):
        return problem(f"{where}: '{e.get('input')}' is not a duration", "write a duration like  1 year  or  18 months")
    if kind in ("greater_than", "less_than"):
        return problem(f"{where}: '{e.get('input')}' is out of range", e["msg"].lower())
    if kind in _TYPE_WORDS:
        words = _TYPE_WORDS[kind]
        return problem(f"{where} should be {words}", f"write {words} here" + (" (put text in double quotes)" if words == "text" else ""))
    return problem(f"{where}: {e['msg']}", "check this value against the other entries")

