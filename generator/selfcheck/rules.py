"""The kinds of rule a requirement can have, one entry each: what the rule puts in the decision table,
and how an answer gives a status. Its twin in selfcheck.js is the RULES map; a new kind is one entry
here and one there (README.md, "Adding a rule kind").
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Callable, NamedTuple

from ..model import duration_months


class Status(NamedTuple):
    status: str
    """met, not_met, unknown, wait_training (training cannot start yet) or wait_partner (training can
    start, partnering later); not_applicable is decided before a rule is asked, by the question's gates."""
    training_date: dt.date | None = None
    partner_date: dt.date | None = None


@dataclass(frozen=True)
class Kind:
    entry: Callable[[object], dict]
    """The rule's own fields in the decision table (its `kind` and `question` are added for every kind)."""
    status: Callable[[dict, object, bool, dict, dt.date], Status]
    """(the rule's table entry, the answer or None, whether that answer is an unsure one, the table's
    settings, today) -> its status."""


KINDS: dict[str, Kind] = {}


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


# ---------------------------------------------------------------- answer: met by some answers of a choice question
def _answer_status(rule: dict, answer, unsure: bool, settings: dict, today: dt.date) -> Status:
    if answer in rule["met_by"]:
        return Status("met")
    return Status("unknown" if answer is None or unsure else "not_met")


KINDS["answer"] = Kind(entry=lambda rule: {"met_by": list(rule.met_by)}, status=_answer_status)


# ---------------------------------------------------------------- time: at least this long since a month and year
def _time_status(rule: dict, answer, unsure: bool, settings: dict, today: dt.date) -> Status:
    if not isinstance(answer, dict):
        return Status("unknown")
    start = month_day(answer["year"], answer["month"], settings["month_only_day"])
    partner = add_months(start, rule["at_least_months"], settings["missing_day"])
    if rule["training_after_months"]:
        training = add_months(start, rule["training_after_months"], settings["missing_day"])
    else:
        training = partner if settings["training_when_silent"] == "wait" else start
    status = "met" if today >= partner else "wait_partner" if today >= training else "wait_training"
    return Status(status, training, partner)


KINDS["time"] = Kind(
    entry=lambda rule: {"at_least_months": duration_months(rule.at_least),
                        "training_after_months": duration_months(rule.training_after) if rule.training_after else None},
    status=_time_status)
