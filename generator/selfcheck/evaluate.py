"""The self-check's rules, in Python: from a parent's answers to each requirement's result and an outcome.

It reads the decision table (table.py), the same plain dict the browser gets, so the twin in
selfcheck.js reads exactly the same rules; the tests run both over thousands of answer sets and
dates and require them to agree, result by result.

Answers: a choice question's answer is the answer's `value`; a month_year question's answer is
{"month": 3, "year": 2024} or "not-sure". Statuses: those of rules.Status, not_applicable (a gate
of the question was answered so that it is not asked) and disputed (not met, but a policy choice marks the
requirement as contradicted or widened by the other source, so the answer is never a "no").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..strings import format_date as _format_words_date
from .rules import KINDS, Status


@dataclass(frozen=True)
class Result:
    requirement: str
    status: str
    training_date: dt.date | None = None
    partner_date: dt.date | None = None
    explain: str = ""
    """The text a parent reads about it, before its dates are filled in (`explanation` fills them)."""
    decides: bool = False
    """Whether this result is one that gives the outcome (the outcome's `when` matches it)."""
    change: dt.date | None = None
    """The day the rule changes, when that is after today and on or before the date this result gives."""
    change_text: str = ""
    """The requirement's text from that day."""


@dataclass(frozen=True)
class Outcome:
    id: str
    results: list[Result]
    training_date: dt.date | None
    partner_date: dt.date | None
    changes: tuple = ()
    """Each requirement or disqualifier that starts or stops after today and on or before the date the
    outcome gives: (day, 'from' or 'until', its words), in order."""


def _gated(question: dict, answers: dict) -> str | None:
    """None when the question is asked; else not_applicable, or unknown when an unsure answer closed it."""
    unsure = False
    for gate in question["gates"]:
        value = answers.get(gate["question"])
        unsure = unsure or value in gate["unsure"]
        if value not in gate["answers"]:
            return "unknown" if unsure else "not_applicable"
    return None


def in_force(req: dict, today: dt.date) -> dict:
    """The requirement's rule and texts in force on `today`: its last `dated` version from on or before
    today, else its own."""
    return next((v for v in reversed(req["dated"]) if dt.date.fromisoformat(v["from"]) <= today), req)


def on(entry: dict | str, today: dt.date) -> bool:
    """Whether a requirement or a question's item is in force on `today` (its `from` and `until`, if any)."""
    get = entry.get if isinstance(entry, dict) else {}.get
    return (not get("from") or dt.date.fromisoformat(get("from")) <= today) and (not get("until") or today < dt.date.fromisoformat(get("until")))


def needed(table: dict, question: dict, today: dt.date) -> bool:
    """Whether a question's answer can count on `today`: a requirement in force then reads it, itself or
    through a question it opens (a question no requirement reads at all is asked, as it always was).
    A requirement still to come is not judged before its day (the result names it, in `changes`, by its
    title alone), so a question only it reads is not asked before then (README.md, "Dated entries")."""
    readers = _readers(table).get(question["id"], [])
    return not readers or any(on(r, today) for r in readers)


def _readers(table: dict) -> dict[str, list[dict]]:
    """Each question's id, and the requirements that read it, itself or through a question it opens."""
    questions = {q["id"]: q for q in table["questions"]}
    out: dict[str, list[dict]] = {}
    for r in table["requirements"]:
        if r["rule"]:
            read = r["rule"]["question"]
            for q in dict.fromkeys([read, *(g["question"] for g in questions[read]["gates"])]):
                out.setdefault(q, []).append(r)
    return out


def asked(table: dict, answers: dict, today: dt.date) -> list[str]:
    """The ids of the questions a parent is asked on `today`, in order: those whose gates the answers open
    and whose answer can count (`needed`)."""
    readers = _readers(table)
    return [q["id"] for q in table["questions"] if not _gated(q, answers)
            and (not readers.get(q["id"]) or any(on(r, today) for r in readers[q["id"]]))]


def _entry_changes(table: dict, today: dt.date, until: dt.date | None) -> tuple:
    entries = [(r, r["title"]) for r in table["requirements"]] + [(i, i["text"]) for q in table["questions"] for i in q["items"] if isinstance(i, dict)]
    return tuple(sorted((d, key, text) for e, text in entries for key in ("from", "until") if e.get(key)
                        for d in [dt.date.fromisoformat(e[key])] if until and today < d <= until))


def _change(req: dict, today: dt.date, status: Status) -> dict | None:
    """The first version of the rule that starts after today and on or before the date the result gives."""
    until = status.partner_date or status.training_date
    return next((v for v in req["dated"] if until and today < dt.date.fromisoformat(v["from"]) <= until), None)


def _status(table: dict, req: dict, questions: dict, answers: dict, today: dt.date) -> Status:
    rule = in_force(req, today)["rule"]
    question = questions[rule["question"]]
    closed = _gated(question, answers)
    if closed:
        return Status(closed)
    answer = answers.get(question["id"])
    got = KINDS[rule["kind"]].status(rule, answer, answer in question["unsure"], table["settings"], today)
    return Status("disputed") if got.status == "not_met" and req["disputed"] else got


def _explain_text(version: dict, status: str, answer=None) -> str:
    """What a parent reads for a status: the `by_answer:` text of the answer given ("answer:<value>" in the
    table), else its `explain:` text, else the requirement's own text (table.py)."""
    return (isinstance(answer, str) and version["explain"].get(f"answer:{answer}")) or version["explain"].get(status, version["text"])


def _given(req: dict, questions: dict, answers: dict, today: dt.date):
    """The answer to the question the rule in force reads, when that question is asked."""
    question = questions[in_force(req, today)["rule"]["question"]]
    return None if _gated(question, answers) else answers.get(question["id"])


def _matches(when: dict | None, req: dict, status: str) -> bool:
    return when is None or (status in when["status"] and when.get("strength") in (None, req["strength"])
                            and when.get("kind") in (None, req["kind"]))


def evaluate(table: dict, answers: dict, today: dt.date) -> Outcome:
    """Every asked-about requirement's result, and the outcome they lead to."""
    questions = {q["id"]: q for q in table["questions"]}
    pairs = [(req, _status(table, req, questions, answers, today)) for req in table["requirements"] if req["rule"] and on(req, today)]
    outcome = next(o for o in table["outcomes"] if o["when"] is None or any(_matches(o["when"], req, s.status) for req, s in pairs))
    when = outcome["when"]
    changes = [_change(req, today, s) for req, s in pairs]
    results = [Result(req["id"], s.status, s.training_date, s.partner_date,
                      _explain_text(in_force(req, today), s.status, _given(req, questions, answers, today)),
                      when is not None and _matches(when, req, s.status),
                      dt.date.fromisoformat(c["from"]) if c else None, c["text"] if c else "")
               for (req, s), c in zip(pairs, changes)]
    strength = (when or {}).get("strength")
    waiting = [r for (req, _), r in zip(pairs, results) if r.status.startswith("wait_") and strength in (None, req["strength"])]
    training, partner = max((r.training_date for r in waiting), default=None), max((r.partner_date for r in waiting), default=None)
    return Outcome(outcome["id"], results, training, partner, _entry_changes(table, today, partner or training))


def format_date(day: dt.date | None, table: dict) -> str:
    """A date in the table's words (its `months` and `date_format`), or '' for none."""
    return "" if day is None else _format_words_date(day, table)


def fill(text: str, table: dict, training: dt.date | None, partner: dt.date | None) -> str:
    return text.replace("{training_date}", format_date(training, table)).replace("{partner_date}", format_date(partner, table))


def entry_changes(table: dict, outcome: Outcome) -> list[str]:
    """What a parent reads about each requirement or disqualifier that starts or stops before the outcome's date."""
    return [table["words"]["entry_" + key].replace("{date}", format_date(day, table)).replace("{text}", text)
            for day, key, text in outcome.changes]


def explanation(table: dict, result: Result) -> str:
    """What a parent reads about one requirement, dates filled in, and the rule's change if it changes first."""
    text = fill(result.explain, table, result.training_date, result.partner_date)
    if result.change:
        text += " " + table["words"]["rule_changes"].replace("{date}", format_date(result.change, table)).replace("{text}", result.change_text)
    return text
