"""Rule values in words: the durations a rule holds ('1 year' -> 'one year'), the placeholders that put them in
sentences, and each value as one source states it.

{requirement-id.field} is the value in force; {requirement-id.field@source} is the value as that source states
it: the last version citing it in force on the handbook's day, else its first. When a later version from another
source is in force that day or still to come, that value is shown beside it, in the interface word
`value_from_source` ("one year (from March 1, 2027, Example memo: 18 months)"), with that version's citation
(`stated_values`). asof.py fills the placeholders; provenance.py checks that each sentence binds a value to a
source that states it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator import model
from generator.model.dated import is_dated, versions
from generator.policy.strings import format_date

PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9-]*)\.([a-z_]+)(?:@([a-z0-9][a-z0-9-]*))?\}")
"""{requirement-id.field}: the value of a field of that requirement's rule, in words (the one in force);
{requirement-id.field@source}: the value as that source states it (`stated_values`)."""


def duration_words(text: str, words: dict) -> str:
    """'1 year' -> 'one year', '18 months' -> '18 months', in the program's words."""
    number, unit = model.DURATION.match(text).groups()
    n = int(number)
    names = words["number_words"]
    return words["duration_" + ("year" if unit.startswith("year") else "month") + ("" if n == 1 else "s")].format(
        n=names[n] if n < len(names) else n)


def rule_values(el: model.Eligibility, words: dict) -> dict[str, str]:
    """Every '{requirement-id.field}' placeholder the data can use, and its words (durations, as in force: `el` is
    the eligibility as of a day, every value plain; a value still dated is left out)."""
    return {key: duration_words(value, words) for key, [(day, value, _, _), *_] in rule_fields(el).items() if day is None}


@dataclass(frozen=True)
class Stated:
    """A rule value as one source states it, as shown: its words, and beside them a later value of another
    source in force or still to come; `cites` are that later value's citations."""
    shown: str
    cites: list = field(default_factory=list)


def sources_of(cites) -> set[str]:
    return {c.source for c in cites}


def _versions(req, name: str) -> list[tuple[dt.date | None, object, set[str], list]]:
    """(day, value, sources, citations) of each version of a rule field; one, undated, for a plain value
    (its sources: the requirement's own citations)."""
    value = getattr(req.rule, name)
    if is_dated(value):
        return [(d, v.value, sources_of(v.cite), list(v.cite)) for d, v in versions(value)]
    return [(None, value, sources_of(req.cite), list(req.cite))]


def rule_fields(el) -> dict[str, list]:
    """Every '{requirement-id.field}' that holds a duration, and its versions."""
    out = {}
    for req in el.requirements:
        for name in type(req.rule).model_fields if req.rule else ():
            each = _versions(req, name)
            if all(isinstance(v, str) and model.DURATION.match(v) for _, v, _, _ in each):
                out[f"{req.id}.{name}"] = each
    return out


def stated_values(hb: model.Handbook, day: dt.date, words: dict) -> dict[str, Stated]:
    """Every '{requirement-id.field@source}' the data can use, as shown on `day` (hb: the data as written)."""
    short = {s.id: s.short for s in hb.sources.sources}
    out = {}
    for key, each in rule_fields(hb.eligibility).items():
        for source in sorted(set().union(*(s for _, _, s, _ in each))):
            own = [v for v in each if source in v[2]]
            first, value, _, _ = next((v for v in reversed(own) if v[0] is None or v[0] <= day), own[0])
            later = [v for v in each if v[0] and first and v[0] > first and source not in v[2]]
            beside = next((v for v in reversed(later) if v[0] <= day), later[0] if later else None)
            shown = duration_words(value, words)
            if beside:
                d, other, sources, _ = beside
                shown += " " + words["value_from_source"].replace("{date}", format_date(d, words)).replace(
                    "{source}", ", ".join(short.get(s, s) for s in sorted(sources))).replace("{value}", duration_words(other, words))
            out[f"{key}@{source}"] = Stated(shown, beside[3] if beside else [])
    return out
