"""Each source keeps its own values: a sentence that speaks for a source states that source's value.

A rule value that changes on a date cites each of its versions (model/dated.py), and a later version may
come from another source than the first (a memo that changes the DHS page's "one year" to 18 months). A
sentence such as "The DHS page requires {dhs-reunited-one-year.at_least} since reunification" would then say
that the DHS page requires 18 months, which it never did. So:

- `{requirement-id.field@source}` is the value as that source states it: the last version citing it in force
  on the handbook's day, else its first. When a later version from another source is in force that day or
  still to come, the value is shown with it beside, in the interface word `value_from_source` ("one year (from
  March 1, 2027, Example memo: 18 months)"), and that version's citation is added to the entry's
  (values.py: `stated_values`, used by asof.py).
- `check` refuses a sentence that binds a rule value to a source that does not state it
  (`provenance_problems`): a sentence that names sources (naming.py: "the DHS page", "DSS") speaks for them,
  any other for the sources its entry cites; a plain `{requirement-id.field}` in it must be cited, in every
  version, to one of those sources. The requirement's own texts that name no source are the exception: they
  follow the value in force, and the requirement shows each version's citation.
- A sentence that names a source about a requirement's list (a question's items: the disqualifiers) must
  not speak for items another source adds.
"""
from __future__ import annotations

import re

from generator import model
from generator.policy import translations
from generator.policy.naming import reach, shortened, source_names
from generator.policy.problems import Problem
from generator.policy.values import PLACEHOLDER, rule_fields, sources_of
from generator.policy.yamlread import Located

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def provenance_problems(parsed: dict, located: dict[str, Located]) -> list[Problem]:
    """The sentences that bind a rule value, or a list, to a source that does not state it (the module's doc)."""
    if "eligibility" not in parsed or "sources" not in parsed:
        return []

    el, names = parsed["eligibility"], source_names(parsed["sources"])
    short = {s.id: s.short for s in parsed["sources"].sources}
    fields = rule_fields(el)
    lists = _lists(el)
    files = {name: parsed[name] for name in model.FILES if name in parsed}
    problems = []
    for key, (file, path, text) in translations.texts(files).items():
        own = _requirement(el, file, path)
        if (file, *path[:1]) == ("program", "versions") or not (PLACEHOLDER.search(text) or own in lists):
            continue
        where = (f"data/{file}.yaml", located[file].line(path) if file in located else None)
        cited = sources_of(reach(parsed[file], path)[0])
        for sentence in SENTENCE.split(text):
            named = set().union(*(ids for pattern, ids in names.values() if pattern.search(sentence)))
            speaks = named or cited
            for m in PLACEHOLDER.finditer(sentence):
                value = f"{m[1]}.{m[2]}"
                if value not in fields:
                    continue  # names no rule value: stale.py says so
                if m[3]:
                    problems += _qualified(where, m, fields[value], speaks, short)
                elif speaks and not (own == m[1] and not named):
                    wrong = [v for v in fields[value] if not v[2] & speaks]
                    if wrong:
                        stating = set().union(*(s for _, _, s, _ in fields[value]))
                        problems.append(_unbound(where, sentence, m[0], wrong[0], speaks, stating & speaks, short, named))
            if named and own in lists:
                others = [(item, s) for item, s in lists[own] if not s & named]
                if others:
                    item, sources = others[0]
                    problems.append(Problem(*where, f"“{shortened(sentence)}” speaks for {_names(named, short)}, but the list it is "
                                            f"about holds “{item}”, from {_names(sources, short)}",
                                            "say it without naming a source (each entry of the list shows its own), or name every "
                                            "source the list holds entries of"))
    return list(dict.fromkeys(problems))


def _lists(el) -> dict[str, list[tuple[str, set[str]]]]:
    """Each requirement whose rule reads a question with items: the items' words and the sources citing each."""
    questions = {q.id: q for q in el.questions}
    items = {d.id: d for d in el.disqualifiers}
    out = {}
    for req in el.requirements:
        question = questions.get(req.rule.question) if req.rule else None
        if question and question.items:
            out[req.id] = [(items[i].text, sources_of(items[i].cite)) for i in question.items if i in items]
    return out


def _requirement(el, file: str, path: tuple) -> str | None:
    if file == "eligibility" and path[:1] == ("requirements",) and len(path) > 1 and isinstance(path[1], int):
        return el.requirements[path[1]].id
    return None


def _qualified(where, m, each, speaks: set[str], short: dict) -> list[Problem]:
    stating = set().union(*(s for _, _, s, _ in each))
    if m[3] not in stating:
        return [Problem(*where, f"'{m[0]}' asks for the value as '{m[3]}' states it, but no version of {{{m[1]}.{m[2]}}} cites it",
                        "write one of: " + ", ".join(f"{{{m[1]}.{m[2]}@{s}}}" for s in sorted(stating)))]
    if speaks and m[3] not in speaks:
        return [Problem(*where, f"'{m[0]}' is the value of the {short.get(m[3], m[3])}, in a sentence that speaks for {_names(speaks, short)}",
                        "write the value of the source the sentence speaks for: " + ", ".join(
                            f"{{{m[1]}.{m[2]}@{s}}}" for s in sorted(stating & speaks)) if stating & speaks else
                        "name the source whose value it is, and cite it")]
    return []


def _unbound(where, sentence: str, placeholder: str, version, speaks: set[str], choose: set[str], short: dict, named: set[str]) -> Problem:
    day, value, sources, _ = version
    since = f" from {day.isoformat()}" if day else ""
    how = "names" if named else "cites"
    choices = " or ".join(f"{placeholder[:-1]}@{s}}}" for s in sorted(choose or sources))
    said = f"{_names(speaks, short)}, but {placeholder} is “{value}”{since}, which {_names(sources, short)} " \
           f"{'states' if len(sources) == 1 else 'state'}, not {_names(speaks, short)}"
    if not choose:  # no source the sentence speaks for states the value: it must name the one that does
        return Problem(*where, f"“{shortened(sentence)}” {how} {said}",
                       f"write {choices} and name {_names(sources, short)} in the sentence, or say it in a sentence that names no source")
    return Problem(*where, f"“{shortened(sentence)}” {how} {said}",
                   f"write {choices} for the value {_names(choose, short)} {'states' if len(choose) == 1 else 'state'} (the "
                   "handbook shows the other source's value beside it), or say it in a sentence that names no source and cites both")


def _names(ids: set[str], short: dict) -> str:
    return " and ".join(f"the {short.get(s, s)}" for s in sorted(ids))
