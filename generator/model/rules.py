"""The kinds of rule a requirement can have (a requirement's `rule:`), one class each: what policy staff
write (its fields), its own checks, its entry in the decision table and how an answer gives a status.
Its twin in evaluate.js is the RULES map; a new kind is one class here and one entry there (README.md,
"Adding a rule kind"). The data model builds a requirement's `rule:` type from these classes (rule_type).
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
from typing import Annotated, ClassVar, Literal, NamedTuple, Optional, Union

from pydantic import Discriminator, Field, Tag

from generator.model.common import Broken, Duration, Id, Model, duration_months
from generator.model.dated import dated, versions


NOT_SURE = "not-sure"
"""The answer to a month_year question whose "not sure" box is ticked."""


class Status(NamedTuple):
    status: str
    """met, not_met, unknown, wait_training (training cannot start yet) or wait_partner (training can
    start, partnering later); not_applicable is decided before a rule is asked, by the question's gates."""
    training_date: Optional[dt.date] = None
    partner_date: Optional[dt.date] = None


class RuleKind(Model):
    """What every kind of rule has and does; each kind below fills it in."""

    question: Id
    asks: ClassVar[str] = "choice"
    """The type of question the rule reads."""
    wrong_question: ClassVar[tuple[str, str]] = ("", "")
    """(what, fix) when the rule names a question of another type; {question} is its id."""

    def entry(self) -> dict:
        """The rule's own fields in the decision table (`kind` and `question` are added for every kind)."""
        return {}

    @staticmethod
    def status(rule: dict, answer, unsure: bool, settings: dict, today: dt.date) -> Status:
        """(its table entry, the answer or None, whether that answer is an unsure one, the table's
        settings, today) -> its status."""
        raise NotImplementedError

    def explains(self) -> list[str]:
        """The explain texts a requirement with this rule needs, besides met and unknown."""
        return []

    def problems(self, values: list[str]) -> list[Broken]:
        """What is wrong with the rule, given its question's answer values; paths are below the rule."""
        return []

    def meets(self, values: list[str]) -> list[str] | None:
        """The sure answers that meet it, for the printable checklist (None: not a rule about answers)."""
        return None


KINDS: dict[str, type[RuleKind]] = {}
"""Every kind of rule by its name, in the order they are written here (the first is the default)."""


def register(cls: type[RuleKind]) -> type[RuleKind]:
    """Add a kind of rule; its name is its `kind` field's default."""
    KINDS[cls.model_fields["kind"].default] = cls
    return cls


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


# ---------------------------------------------------------------- the kinds
@register
class AnswerRule(RuleKind):
    """Met by some answers of a choice question."""
    met_by: dated(Annotated[list[Id], Field(min_length=1)])
    """The answers that meet it; dated when they change on a date (model/dated.py)."""
    kind: Literal["answer"] = "answer"
    wrong_question: ClassVar[tuple[str, str]] = ("'{question}' is a date question, so it needs  at_least:  not  met_by:",
                                                 "write  at_least: 1 year  (or another duration)")

    def entry(self) -> dict:
        return {"met_by": list(self.met_by)}

    @staticmethod
    def status(rule: dict, answer, unsure: bool, settings: dict, today: dt.date) -> Status:
        if answer in rule["met_by"]:
            return Status("met")
        return Status("unknown" if answer is None or unsure else "not_met")

    def explains(self) -> list[str]:
        return ["not_met"]

    def problems(self, values: list[str]) -> list[Broken]:
        each = [((day, "value"), d.value) for day, d in versions(self.met_by)] or [((), self.met_by)]
        return [Broken(("met_by", *at, k), f"'{v}' is not an answer of the question '{self.question}'", "use one of: " + ", ".join(values))
                for at, met_by in each for k, v in enumerate(met_by) if v not in values]

    def meets(self, values: list[str]) -> list[str]:
        return list(self.met_by)


@register
class TimeRule(RuleKind):
    """Met when at least some time has passed since the month and year a date question gives."""
    at_least: dated(Duration)
    """The time; dated when it changes on a date (model/dated.py)."""
    training_after: Optional[dated(Duration)] = None
    kind: Literal["time"] = "time"
    asks: ClassVar[str] = "month_year"
    wrong_question: ClassVar[tuple[str, str]] = ("'{question}' is not a month_year question, so it cannot have  at_least:",
                                                 "point the rule at a date question, or use  met_by:")

    def entry(self) -> dict:
        return {"at_least_months": duration_months(self.at_least),
                "training_after_months": duration_months(self.training_after) if self.training_after else None}

    @staticmethod
    def status(rule: dict, answer, unsure: bool, settings: dict, today: dt.date) -> Status:
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

    def explains(self) -> list[str]:
        return ["wait", "train_now"] if self.training_after else ["wait"]


# ---------------------------------------------------------------- for the data model
def _rule_kind(value) -> str:
    """Which kind a rule is: the kind whose own keys it has (the later kind first), else the kind one of
    its keys looks like a misspelling of, else the first kind."""
    if isinstance(value, RuleKind):
        return value.kind
    names = list(KINDS)
    if not isinstance(value, dict):
        return names[0]
    keys = {str(k) for k in value}
    own = {name: set(cls.model_fields) - {f for other in KINDS.values() if other is not cls for f in other.model_fields}
           for name, cls in KINDS.items()}
    for name in reversed(names):
        if keys & own[name]:
            return name
    for name in reversed(names[1:]):
        if any(difflib.get_close_matches(k, own[name], n=1, cutoff=0.6) for k in keys):
            return name
    return names[0]


def rule_type():
    """The type of a requirement's `rule:`: any kind above, told apart by its keys."""
    return Annotated[Union[tuple(Annotated[cls, Tag(name)] for name, cls in reversed(KINDS.items()))], Discriminator(_rule_kind)]


def rule_problems(rule: RuleKind, question, answer_sets: dict) -> list[Broken]:
    """What is wrong with `rule` for the question it names; paths are below the rule."""
    if question.type != rule.asks:
        what, fix = rule.wrong_question
        return [Broken(("question",), what.format(question=question.id), fix)]
    if getattr(question, "answers", None) not in answer_sets:
        return []  # a date question, or an answer set reported with the question
    return rule.problems([a.value for a in answer_sets[question.answers]])


def explain_needs(rule: RuleKind) -> list[str]:
    """The explain texts a requirement with this rule must have, besides met and unknown."""
    return rule.explains()
