"""No stale text: a sentence in the data may not state a rule's value in its own words.

A duration that a rule holds (a requirement's `at_least:`, `training_after:`, each dated value) is
written in a sentence as a placeholder, {requirement-id.field}, filled from the rule (asof.py), so a
change to the rule changes every sentence about it. `check` fails on a sentence that states the same
duration itself ("at least one year") unless
- the words are in quotation marks and are the sources' own words, or
- the sentence's entry cites only source passages that no rule with that value cites (it is about
  another fact that happens to take as long, such as a one-year commitment).
It also fails on a placeholder that names no rule value.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from pydantic import BaseModel

from generator import model
from generator.policy.values import PLACEHOLDER, rule_fields
from generator.model.dated import is_dated
from generator.policy.problems import Problem
from generator.model.rules import RuleKind
from generator.policy.strings import strings_for
from generator.policy.yamlread import Located

HISTORY = ("program", "versions")
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _rule_values(el: model.Eligibility) -> tuple[dict[str, set[int]], dict[int, set[str]]]:
    """({'requirement-id.field': its durations in months, every dated value}, {months: the quotes cited by rules holding it})."""
    own = {req.id: [c.quote for c in req.cite] for req in el.requirements}
    fields: dict[str, set[int]] = {}
    quotes: dict[int, set[str]] = {}
    for key, each in rule_fields(el).items():
        for _, value, _, cites in each:
            months = model.duration_months(value)
            fields.setdefault(key, set()).add(months)
            quotes.setdefault(months, set()).update(_norm(q) for q in [*(c.quote for c in cites), *own[key.split(".")[0]]] if q)
    return fields, quotes


def _texts(obj: Any, path: tuple, cites: list) -> Iterator[tuple[tuple, str, list]]:
    """Every (path, text, the citations of its nearest entry) in a parsed file, quotes from the sources left out."""
    if isinstance(obj, (model.Cite, RuleKind)) or is_dated(obj) or path[-1:] == ("id",):
        return  # quotes, the rules' own values, ids
    if isinstance(obj, BaseModel):
        own = getattr(obj, "cite", None)
        cites = list(own) if isinstance(own, list) else cites
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), path + (name,), cites)
    elif isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from _texts(x, path + (i,), cites)
    elif isinstance(obj, dict):
        for k, x in obj.items():
            yield from _texts(x, path + (k,), cites)
    elif isinstance(obj, str):
        yield path, obj, cites


def _requirement_id(parsed: dict, file: str, path: tuple) -> str | None:
    """The id of the requirement a text belongs to, if it is one's."""
    if file == "eligibility" and path[:1] == ("requirements",) and len(path) > 1:
        return parsed["eligibility"].requirements[path[1]].id
    return None


def durations_stated(words: dict):
    """A function giving each (phrase, months) that a text states in these words ("one year", "18 months";
    "un año" in Spanish's), its {placeholders} left out."""
    numbers = {w.lower(): n for n, w in enumerate(words["number_words"])} | {"a": 1, "an": 1}
    units = {words[f"duration_{unit}"].replace("{n}", "").strip().lower(): 12 if unit.startswith("year") else 1
             for unit in ("year", "years", "month", "months")}
    phrase = re.compile(r"\b(" + "|".join(map(re.escape, numbers)) + r"|\d+)[\s-]+(" + "|".join(map(re.escape, sorted(units, key=len, reverse=True))) + r")\b", re.I)

    def stated(text: str) -> list[tuple[str, int]]:
        return [(m[0], (int(m[1]) if m[1].isdigit() else numbers[m[1].lower()]) * units[m[2].lower()])
                for m in phrase.finditer(PLACEHOLDER.sub(" ", text))]
    return stated


def translation_stale(parsed: dict, language: str):
    """For a further language: a function giving the durations a translation states itself in words where its
    English shows them by a rule's placeholder ("al menos {x} (un año)"; a translation without the placeholder
    is told by translations.py); None when the rules cannot be read."""
    if "eligibility" not in parsed or "program" not in parsed:
        return None
    fields, _ = _rule_values(parsed["eligibility"])
    english = durations_stated(strings_for(parsed["program"]))
    theirs = durations_stated(strings_for(parsed["program"].model_copy(update={"language": language})))

    def extra(english_text: str, text: str) -> list[str]:
        shown = {months for m in PLACEHOLDER.finditer(english_text) for months in fields.get(f"{m[1]}.{m[2]}", ())}
        own = {months for _, months in english(english_text)}
        return [said for said, months in theirs(text) if months in shown and months not in own]
    return extra


def stale_problems(parsed: dict, located: dict[str, Located], source_texts: dict[str, str]) -> list[Problem]:
    if "eligibility" not in parsed or "program" not in parsed:
        return []
    stated = durations_stated(strings_for(parsed["program"]))
    fields, quoted_by = _rule_values(parsed["eligibility"])
    sources = " ".join(_norm(t) for t in source_texts.values())
    problems = []
    for file, obj in parsed.items():
        for path, text, cites in _texts(obj, (), []):
            if (file, *path[:1]) == HISTORY:
                continue  # what was recorded about an earlier version stays as it was written
            for m in PLACEHOLDER.finditer(text):
                if f"{m[1]}.{m[2]}" not in fields:
                    problems.append(Problem(f"data/{file}.yaml", located[file].line(path), f"'{m[0]}' names no rule value",
                                            "use one of: " + ", ".join("{" + f + "}" for f in fields)))
            own = PLACEHOLDER.sub(" ", QUOTED.sub(lambda q: " " if _norm(q[1] or q[2] or "") in sources else q[0], text))
            for said, months in stated(own):
                if months not in quoted_by:
                    continue
                mine = {_norm(c.quote) for c in cites if c.quote}
                if mine and not any(a in b or b in a for a in mine for b in quoted_by[months]):
                    continue  # another fact, from another passage of the sources
                same = [f for f, v in fields.items() if months in v]
                own_req = _requirement_id(parsed, file, path)
                same = [f for f in same if f.startswith(f"{own_req}.")] or same
                short = text if len(text) < 70 else text[:67] + "..."
                problems.append(Problem(f"data/{file}.yaml", located[file].line(path),
                                        f"the sentence “{short}” states '{said}' itself, a value a rule holds",
                                        "write the rule's value as a placeholder, so the text follows the rule: "
                                        + " or ".join("{" + f + "}" for f in same)))
    return problems
