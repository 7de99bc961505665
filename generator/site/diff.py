"""What changed between two versions of the policy data, in plain words.

The comparison walks the pydantic models generically: lists of entries with an `id` are matched
by id (so a renamed activity is a rename, not a removal and an addition), other lists by their
content, and every other value field by field. Nothing here knows this program's names; the
sentences come from the interface words (generator/locales/<language>.yaml, keys `change_*`).
"""
from __future__ import annotations

import contextvars
import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from generator.policy import asof, values
from generator import model
from generator.site import registry
from generator.model import Handbook
from generator.model.dated import Bound, Bounded, is_dated
from generator.policy.strings import format_date, strings_for

LABEL_FIELDS = ("name", "title", "term", "text", "id")
"""The field that names an entry in a sentence, first found wins."""
RENAME_FIELDS = ("name", "title", "term")
"""A change to one of these is a rename."""
SKIP = {("program", "versions")}
"""Paths the comparison leaves out: the recorded history itself."""
INTERNAL = {"cite", "search_words", "items", "ask_if", "answers", "question", "met_by", "unsure", "type", "when",
            "disputes", "commitments", "file", "starts_with"}
"""Fields no page shows as such (`diff` shows their changes; the public "What changed" page does not):
citations (a page shows their quotes beside what it states), search words, and the machinery of the
self-check and the build: questions' lists of disqualifiers, when a question is asked, answer sets and
answers by id, rules' questions and the answers that meet them, outcomes' conditions, which requirements a
policy choice marks disputed, the self-check's list of commitments, a source's file and how its sections are
found (what they do, parents and caseworkers read in the texts that say it). A field's name anywhere below
the data file's own makes a change internal."""
_NAMES: contextvars.ContextVar[dict] = contextvars.ContextVar("names", default={})
"""While comparing: every entry's id -> the words people know it by (its short name, name or title)."""
_WORDS: contextvars.ContextVar[dict] = contextvars.ContextVar("words", default={})


@dataclass(frozen=True)
class Change:
    kind: str
    """added, removed, renamed, reworded or changed; added_from, starts or ends for a dated entry."""
    where: tuple[str, ...]
    """The page, then the entries it is inside (by their names)."""
    what: str
    """The kind of entry (activity, requirement) or the field (at least)."""
    old: str | None = None
    new: str | None = None
    day: str | None = None
    """The day an added entry starts, or an entry starts or stops applying (dated entries), in words."""
    on: dt.date | None = None
    """The day the change takes effect, when it has one of its own: a dated value's, an entry's from: or until:."""
    path: tuple = ()
    """Where in the data it is: the file's name, then fields, list indexes and keys."""

    @property
    def internal(self) -> bool:
        """A change no reader of the handbook reads as such (INTERNAL): not for the public "What changed" page."""
        return any(part in INTERNAL for part in self.path[1:] if isinstance(part, str))


def _label(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        for name in LABEL_FIELDS:
            text = getattr(value, name, None)
            if isinstance(text, str):
                return text
    return None


def _words(name: str) -> str:
    return str(name).replace("_", " ")


def _singular(name: str) -> str:
    word = _words(name)
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return format_date(value, _WORDS.get()) if _WORDS.get() else value.isoformat()
    if isinstance(value, model.Cite):
        names = _NAMES.get()
        return " › ".join(names.get(x, x) for x in (value.source, value.section)) + (f" “{value.quote}”" if value.quote else "")
    if isinstance(value, str):
        words = _WORDS.get()
        value = asof.fill(_NAMES.get().get(value, value), words.get("_values", {}))
        return re.sub(r"\{([a-z_]+)\}", lambda m: words["change_placeholder"].format(name=_words(m[1])), value) if words else value
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, BaseModel):
        return _label(value) or json.dumps(value.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False)
    return str(value)


def _names(*hbs: Handbook) -> dict[str, str]:
    """Every entry's id and the words people know it by: a source's short name, else its label."""
    out = {}
    for hb in hbs:
        for name in model.FILES:
            for _, v in model.walk(getattr(hb, name)):
                if isinstance(v, BaseModel) and isinstance(getattr(v, "id", None), str):
                    label = getattr(v, "short", None) or getattr(v, "plain", None) or _label(v)
                    if label and label != v.id:
                        out[v.id] = label
    return out


def compare(old: Handbook, new: Handbook) -> list[Change]:
    """Every change from `old` to `new`, in the order of the data files, as people read them: both as
    of the last date a value of `new` takes effect (or today), ids shown by their names, dates in words,
    {placeholders} described."""
    day = max([dt.date.today(), *asof.change_dates(new)])
    dated = _dated_days(new, day)
    old, new = asof.values_at(old, day), asof.values_at(new, day)
    t = strings_for(new.program)
    names, words = _NAMES.set(_names(old, new)), _WORDS.set(t | {"_values": values.rule_values(new.eligibility, t)})
    try:
        changes: list[Change] = []
        for name in model.FILES:
            _compare(getattr(old, name), getattr(new, name), (name,), (name,), None, changes)
        return [c if c.on else replace(c, on=_day_of(c.path, dated)) for c in changes]
    finally:
        _NAMES.reset(names)
        _WORDS.reset(words)


def _dated_days(hb: Handbook, day: dt.date) -> dict[tuple, dt.date]:
    """Each dated value's place in the data, and the day the value it has on `day` took (or takes) effect."""
    return {path: max((d for d in v if d <= day), default=min(v))
            for name in model.FILES for path, v in model.walk(getattr(hb, name), (name,)) if is_dated(v)}


def _day_of(path: tuple, dated: dict[tuple, dt.date]) -> dt.date | None:
    """The day a change at `path` takes effect, when it is at or inside a dated value."""
    return next((dated[path[:n]] for n in range(len(path), 0, -1) if path[:n] in dated), None)


def _compare(old: Any, new: Any, path: tuple, where: tuple, field: str | None, out: list[Change]) -> None:
    if path in SKIP or old == new:
        return
    if isinstance(old, BaseModel) and type(old) is type(new):
        renamed = next((f for f in RENAME_FIELDS if f in type(old).model_fields and getattr(old, f) != getattr(new, f)), None)
        if renamed and isinstance(path[-1], int):
            out.append(Change("renamed", where, _singular(field or ""), getattr(old, renamed), getattr(new, renamed), path=path))
        else:
            renamed = None
        label = _label(new)
        inner = where + (label,) if label and isinstance(path[-1], int) else where
        for name in type(old).model_fields:
            if name == renamed:
                continue
            _compare(getattr(old, name), getattr(new, name), path + (name,), inner, name, out)
        return
    if isinstance(old, list) and isinstance(new, list):
        _compare_lists(old, new, path, where, field or "", out)
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old.keys() | new.keys():
            if key not in new:
                out.append(Change("removed", where, _singular(field or ""), str(key), path=path + (key,)))
            elif key not in old:
                out.append(Change("added", where, _singular(field or ""), None, str(key), path=path + (key,)))
            else:
                _compare(old[key], new[key], path + (key,), where + (str(key),), field, out)
        return
    if old is None and isinstance(new, Bound):
        out.append(Change("starts" if field == "start" else "ends", where, "", day=_show(new.date), on=new.date, path=path))
        return
    out.append(Change("changed", where, _words(field or ""), _show(old), _show(new), path=path))


def _added(where: tuple, kind: str, v: Any, path: tuple) -> Change:
    if isinstance(v, Bounded) and v.start:
        return Change("added_from", where, kind, None, _show(v), _show(v.start.date), on=v.start.date, path=path)
    return Change("added", where, kind, None, _show(v), path=path)


def _has_ids(items: list) -> bool:
    return bool(items) and all(isinstance(v, BaseModel) and "id" in type(v).model_fields for v in items)


def _compare_lists(old: list, new: list, path: tuple, where: tuple, field: str, out: list[Change]) -> None:
    kind = _singular(field)
    if not any(isinstance(v, BaseModel) for v in old + new):
        if old != new:
            out.append(Change("changed", where, _words(field), _show(old), _show(new), path=path))
        return
    if _has_ids(old) and _has_ids(new):
        before = {v.id: v for v in old}
        after = {v.id: v for v in new}
        for v in old:
            if v.id not in after:
                out.append(Change("removed", where, kind, _show(v), path=path))
        for i, v in enumerate(new):
            if v.id not in before:
                out.append(_added(where, kind, v, path + (i,)))
            else:
                _compare(before[v.id], v, path + (i,), where, field, out)
        return
    # entries without ids: match equal ones, and compare one-for-one replacements field by field
    keys = lambda items: [json.dumps(v.model_dump(mode="json") if isinstance(v, BaseModel) else v, sort_keys=True) for v in items]
    matcher = difflib.SequenceMatcher(a=keys(old), b=keys(new), autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for i in range(a2 - a1):
                _reword(old[a1 + i], new[b1 + i], path + (b1 + i,), where, field, out)
            continue
        for v in old[a1:a2]:
            out.append(Change("removed", where, kind, _show(v), path=path))
        for i, v in enumerate(new[b1:b2], b1):
            out.append(_added(where, kind, v, path + (i,)))


def _reword(old: Any, new: Any, path: tuple, where: tuple, field: str, out: list[Change]) -> None:
    """One entry without an id replaced by another: a rewording if its words changed, else its fields."""
    if isinstance(old, BaseModel) and "text" in type(old).model_fields and old.text != new.text:
        out.append(Change("reworded", where, _singular(field), old.text, new.text, path=path + ("text",)))
        rest = old.model_copy(update={"text": new.text})
        where = where + (new.text,)
    else:
        rest = old
    if isinstance(rest, BaseModel) and type(rest) is type(new):
        for name in type(new).model_fields:
            _compare(getattr(rest, name), getattr(new, name), path + (name,), where, name, out)
    elif rest != new:
        out.append(Change("changed", where, _words(field), _show(rest), _show(new), path=path))


def sentences(changes: list[Change], hb: Handbook) -> list[str]:
    """Each change as a sentence in the program's own words."""
    t = strings_for(hb.program)
    said = values.rule_values(asof.values_at(hb, max([dt.date.today(), *asof.change_dates(hb)])).eligibility, t)
    pages = _page_titles(hb, t)
    out = []
    for c in changes:
        place = [pages.get(c.where[0], c.where[0])] + [t["change_quoted"].format(text=asof.fill(w, said)) for w in c.where[1:]]
        # values of more than a few words are quoted so the sentence reads clearly ("from 1 year to 18 months" needs none)
        show = lambda v: t["change_nothing"] if not v else t["change_quoted"].format(text=v) if c.kind == "changed" and len(v.split()) > 3 else v
        out.append(t[f"change_{c.kind}"].format(where=t["change_separator"].join(place), what=c.what, old=show(c.old), new=show(c.new), day=c.day))
    return out


def _page_titles(hb: Handbook, t: dict) -> dict[str, str]:
    """The title of the page that shows each data file, by file name."""
    titles = registry.titles(hb, t)
    return {name: titles[uris[0]] for name in model.FILES if (uris := registry.pages_showing(hb, (name,)))}
