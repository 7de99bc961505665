"""The handbook as of a day: every dated value (model/dated.py) replaced by the value in force on that
day, with its citation added to the entry's own, and every {requirement-id.field} placeholder filled
with that value in words. Pages and the self-check are built from this, never from the raw data.

`at(hb, day)` also keeps each requirement with a dated rule as it is from each of its dates
(`rule_versions`), so the self-check can apply the rule in force on a parent's own "today" and the
handbook can show a coming change before it takes effect.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any, Callable

from pydantic import BaseModel

from generator import model
from generator.model.dated import Bounded, DatedValue, is_dated, versions
from generator.policy.strings import strings_for
from generator.policy.values import PLACEHOLDER, rule_values, stated_values

def published_day() -> dt.date:
    """The day the handbook is made, shown as "Published ..." in every page's footer and on the print page's
    title page (the PDF's cover): today, or the day of SOURCE_DATE_EPOCH when it is set (the reproducible-builds
    convention: seconds since 1970, in UTC), so the same build made again gives the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch.isdigit() else dt.date.today()


def fill(text: str, values: dict[str, str], by_source: dict | None = None) -> str:
    return fill_cited(text, values, by_source or {})[0]


def fill_cited(text: str, values: dict[str, str], by_source: dict) -> tuple[str, list]:
    """The text with its placeholders filled, and the citations of the values it now shows beside a source's
    own (a later value of another source: provenance.Stated)."""
    cites: list = []

    def one(m: re.Match) -> str:
        if not m[3]:
            return values.get(f"{m[1]}.{m[2]}", m[0])
        stated = by_source.get(f"{m[1]}.{m[2]}@{m[3]}")
        if stated is None:
            return m[0]
        cites.extend(stated.cites)
        return stated.shown
    return PLACEHOLDER.sub(one, text), cites


class DatedHandbook(model.Handbook):
    """The handbook as of a day (`at`)."""
    day: dt.date
    rule_versions: dict[str, list[Any]] = {}
    """Each requirement with a dated rule, as it is from each of its dates: [(date, Requirement)]."""
    coming_entries: dict[str, list[Any]] = {}
    """The entries left out because they start after the day, by list: 'requirements', 'disqualifiers',
    '<tier-id>.activities' (the list's field, after its owner's id when the owner has one)."""
    coming_items: dict[str, list[str]] = {}
    """Each question's disqualifiers still to come, by id (its `items` keep those in force only)."""
    ended_entries: dict[str, list[Any]] = {}
    """The entries left out because they stopped on or before the day, by list (as `coming_entries`): the
    policy scenarios, each judged on its own day, may need them (selfcheck/table.py)."""
    ended_items: dict[str, list[str]] = {}
    """Each question's disqualifiers that stopped on or before the day, by id."""
    disputed: list[str] = []
    """Every requirement a policy choice marks as disputed, in force on the day or not (the policy choices
    here name only those in force, so that the handbook as of the day holds together)."""


def _walk(obj: Any, day: dt.date, text: Callable[[str], str]) -> tuple[Any, list]:
    """(obj as of day, the citations of the dated values picked below it that no entry above took yet)."""
    if is_dated(obj):
        picked: DatedValue = next(v for d, v in reversed(versions(obj)) if d <= day) if any(d <= day for d in obj) else versions(obj)[0][1]
        value, cites = _walk(picked.value, day, text)
        return value, list(picked.cite) + cites
    if isinstance(obj, model.Cite):
        return obj, []
    if isinstance(obj, BaseModel):
        update, cites = {}, []
        for name in type(obj).model_fields:
            update[name], found = _walk(getattr(obj, name), day, text)
            cites += found
        if "cite" in update and cites:
            update["cite"] = list(update["cite"]) + [c for c in cites if c not in update["cite"]]
            cites = []
        return obj.model_copy(update=update), cites
    if isinstance(obj, (list, tuple)):
        pairs = [_walk(x, day, text) for x in obj]
        return type(obj)(v for v, _ in pairs), [c for _, cs in pairs for c in cs]
    if isinstance(obj, dict):
        pairs = {k: _walk(v, day, text) for k, v in obj.items()}
        return {k: v for k, (v, _) in pairs.items()}, [c for _, cs in pairs.values() for c in cs]
    if isinstance(obj, str):
        return text(obj)
    return obj, []


def _resolve(hb: model.Handbook, day: dt.date, fill_texts: bool = True) -> model.Handbook:
    files = {name: _walk(getattr(hb, name), day, lambda s: (s, []))[0] for name in model.FILES}
    if not fill_texts:
        return hb.model_copy(update=files)

    words = strings_for(hb.program)
    values, by_source = rule_values(files["eligibility"], words), stated_values(hb, day, words)
    files = {name: _walk(value, day, lambda s: fill_cited(s, values, by_source))[0] for name, value in files.items()}
    return hb.model_copy(update=files)


def values_at(hb: model.Handbook, day: dt.date) -> model.Handbook:
    """The data as written, but with each dated value replaced by the one in force on `day` (texts keep
    their {placeholders}: `diff` reports the changes staff made, not the texts that follow a rule)."""
    return _resolve(hb, day, fill_texts=False)


def change_dates(hb: model.Handbook) -> list[dt.date]:
    """Every date on which a dated value in the data changes, in order."""
    return sorted({d for name in model.FILES for _, v in model.walk(getattr(hb, name)) if is_dated(v) for d in v})


def _in_force_only(obj: Any, day: dt.date, out: dict, place: str = "") -> Any:
    """obj without the entries that are not in force on `day`; those are added to out['coming'] (still to
    come) or out['ended'] (stopped), by place."""
    if isinstance(obj, BaseModel) and not isinstance(obj, model.Cite):
        key = getattr(obj, "id", None)
        return obj.model_copy(update={name: _in_force_only(getattr(obj, name), day, out, f"{key}.{name}" if isinstance(key, str) else name)
                                      for name in type(obj).model_fields})
    if not isinstance(obj, list):
        return obj
    kept = []
    for item in obj:
        if isinstance(item, Bounded) and not item.in_force(day):
            out["coming" if item.start and item.start.date > day else "ended"].setdefault(place, []).append(item)
            continue
        kept.append(_in_force_only(item, day, out, place))
    return kept


def _entries_at(hb: model.Handbook, day: dt.date) -> tuple[dict, dict]:
    """Each file with only the entries in force on `day` (and no question or policy choice naming one left
    out), and the DatedHandbook fields about those left out (coming_entries, coming_items, ended_...)."""
    out: dict[str, dict] = {"coming": {}, "ended": {}}
    files = {name: _in_force_only(getattr(hb, name), day, out) for name in model.FILES}
    el = files["eligibility"]
    asked, kept = {d.id for d in el.disqualifiers}, {r.id for r in el.requirements}
    fields = {"disputed": [r for c in el.policy_choices for r in c.disputes]}
    for when, entries in out.items():
        left = {d.id for d in entries.get("disqualifiers", [])}
        fields |= {f"{when}_entries": entries,
                   f"{when}_items": {q.id: [i for i in q.items if i in left] for q in el.questions if left & set(q.items)}}
    files["eligibility"] = el.model_copy(update={
        "questions": [q.model_copy(update={"items": [i for i in q.items if i in asked]}) for q in el.questions],
        "policy_choices": [c.model_copy(update={"disputes": [r for r in c.disputes if r in kept]}) for c in el.policy_choices]})
    return files, fields


def entry_dates(hb: model.Handbook) -> list[dt.date]:
    """Every date on which an entry of the data starts or stops applying, in order."""
    return sorted({b.date for name in model.FILES for _, v in model.walk(getattr(hb, name)) if isinstance(v, Bounded)
                   for b in (v.start, v.until) if b})


@model.by_identity  # the build and `check` ask for the same handbook on the same day more than once
def at(hb: model.Handbook, day: dt.date) -> model.Handbook:
    """The handbook as of `day` (see the module's doc)."""
    if isinstance(hb, DatedHandbook):
        return hb
    dated_rules = {r.id for r in hb.eligibility.requirements if r.rule and any(is_dated(getattr(r.rule, f)) for f in type(r.rule).model_fields)}
    rule_versions: dict[str, list] = {}
    for d in change_dates(hb) if dated_rules else ():
        for req in _resolve(hb, d).eligibility.requirements:
            if req.id in dated_rules:
                rule_versions.setdefault(req.id, []).append((d, req))
    resolved = _resolve(hb, day)
    files, left_out = _entries_at(resolved, day)
    return DatedHandbook(**{name: getattr(resolved, name) for name in model.Handbook.model_fields} | files, day=day,
                         rule_versions=rule_versions, **left_out)


def coming(hb: model.Handbook, requirement_id: str) -> list[tuple[dt.date, Any]]:
    """The changes to a requirement still to come after the handbook's day: (date, the requirement from then)."""
    return [(d, req) for d, req in hb.rule_versions.get(requirement_id, []) if d > hb.day]


