"""The self-check's rules, in Python: from a parent's answers to each requirement's status and an outcome.

It reads the decision table (generator/selfcheck.py), the same plain dict the browser gets, so
the twin in generator/selfcheck/selfcheck.js reads exactly the same rules; the tests run both over
thousands of answer sets and dates and require them to agree.

Answers: a choice question's answer is the answer's `value`; a month_year question's answer is
{"month": 3, "year": 2024} or "not-sure". Statuses: met, not_met, unknown, not_applicable,
wait_training (training cannot start yet), wait_partner (training can start, partnering later).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .strings import format_date as _format_words_date

NOT_SURE = "not-sure"
WAITING = ("wait_training", "wait_partner")
EXPLAIN_FOR = {"met": "met", "not_met": "not_met", "unknown": "unknown", "not_applicable": "not_applicable",
               "wait_training": "wait", "wait_partner": "train_now"}
"""Which explain text a parent reads for each status (wait_partner falls back to `wait`)."""


@dataclass(frozen=True)
class Result:
    requirement: str
    status: str
    training_date: dt.date | None = None
    partner_date: dt.date | None = None


@dataclass(frozen=True)
class Outcome:
    id: str
    results: list[Result]
    training_date: dt.date | None
    partner_date: dt.date | None


def add_months(day: dt.date, months: int, missing_day: str) -> dt.date:
    """The same day `months` later. A day the target month lacks becomes the 1st of the month after
    (missing_day 'next-day') or the target month's last day ('last-day')."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    length = calendar.monthrange(year, month)[1]
    if day.day <= length:
        return dt.date(year, month, day.day)
    if missing_day == "last-day":
        return dt.date(year, month, length)
    return dt.date(year, month, length) + dt.timedelta(days=1)


def month_day(year: int, month: int, month_only_day: str) -> dt.date:
    """The day a month-and-year answer counts from: the first or the last of that month."""
    return dt.date(year, month, 1 if month_only_day == "first" else calendar.monthrange(year, month)[1])


class _Answers:
    def __init__(self, table: dict, answers: dict):
        self.questions = {q["id"]: q for q in table["questions"]}
        self.answers = answers

    def asked(self, qid: str) -> bool:
        gate = self.questions[qid].get("ask_if")
        return gate is None or (self.asked(gate["question"]) and self.answers.get(gate["question"]) in gate["answers"])

    def unsure(self, qid: str) -> bool:
        value = self.answers.get(qid)
        return any(a["value"] == value and a["unsure"] for a in self.questions[qid].get("answers") or [])

    def gate_unknown(self, qid: str) -> bool:
        gate = self.questions[qid].get("ask_if")
        if gate is None:
            return False
        g = gate["question"]
        return (self.asked(g) and self.unsure(g)) or self.gate_unknown(g)


def requirement_result(table: dict, req: dict, a: _Answers, today: dt.date) -> Result:
    rule, rid = req["rule"], req["id"]
    qid = rule["question"]
    if not a.asked(qid):
        return Result(rid, "unknown" if a.gate_unknown(qid) else "not_applicable")
    answer = a.answers.get(qid)
    if rule["kind"] == "answer":
        if answer in rule["met_by"]:
            return Result(rid, "met")
        return Result(rid, "unknown" if answer is None or a.unsure(qid) else "not_met")
    if not isinstance(answer, dict):
        return Result(rid, "unknown")
    s = table["settings"]
    start = month_day(answer["year"], answer["month"], s["month_only_day"])
    partner = add_months(start, rule["at_least_months"], s["missing_day"])
    if rule["training_after_months"]:
        training = add_months(start, rule["training_after_months"], s["missing_day"])
    else:
        training = partner if s["training_when_silent"] == "wait" else start
    status = "met" if today >= partner else "wait_partner" if today >= training else "wait_training"
    return Result(rid, status, training, partner)


def _matches(when: dict | None, req: dict, result: Result) -> bool:
    return when is None or (result.status in when["status"]
                            and when.get("strength") in (None, req["strength"])
                            and when.get("kind") in (None, req["kind"]))


def evaluate(table: dict, answers: dict, today: dt.date) -> Outcome:
    """Every asked-about requirement's result, and the outcome they lead to."""
    a = _Answers(table, answers)
    pairs = [(req, requirement_result(table, req, a, today)) for req in table["requirements"] if req["rule"]]
    outcome = next(o for o in table["outcomes"] if o["when"] is None or any(_matches(o["when"], req, r) for req, r in pairs))
    strength = (outcome["when"] or {}).get("strength")
    waiting = [r for req, r in pairs if r.status in WAITING and strength in (None, req["strength"])]
    return Outcome(
        outcome["id"],
        [r for _, r in pairs],
        max((r.training_date for r in waiting), default=None),
        max((r.partner_date for r in waiting), default=None),
    )


def format_date(day: dt.date | None, table: dict) -> str:
    """A date in the table's words (its `months` and `date_format`), or '' for none."""
    return "" if day is None else _format_words_date(day, table)


def fill(text: str, table: dict, training: dt.date | None, partner: dt.date | None) -> str:
    return text.replace("{training_date}", format_date(training, table)).replace("{partner_date}", format_date(partner, table))


def explanation(table: dict, result: Result) -> str:
    """What a parent reads about one requirement, dates filled in."""
    req = next(r for r in table["requirements"] if r["id"] == result.requirement)
    explain = req["explain"]
    text = explain.get(EXPLAIN_FOR[result.status]) or (explain.get("wait") if result.status == "wait_partner" else None)
    return fill(text or req["text"], table, result.training_date, result.partner_date)
