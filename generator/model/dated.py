"""Dated values (as OpenFisca's dated parameters): a rule value that changes on a date.

Policy staff write either a plain value or, when it changes, every value with the date it takes
effect, each cited:

    at_least:
      2011-08-12: {value: "1 year", cite: {source: dhs, section: eligibility, quote: "..."}}
      2027-01-01: {value: "18 months", cite: {source: memo, section: time, quote: "..."}}

The value in force on a day is looked up (value_at), never copied. Before the first date, the first
value is in force (the handbook has no older policy to show).
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Generic, Optional, TypeVar, Union

from pydantic import BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator

from generator.model.common import Broken, Cites, Model, report

T = TypeVar("T")


class DatedValue(Model, Generic[T]):
    """One value of a dated rule value, and where it comes from."""
    value: T
    cite: Cites


def _is_day(key) -> bool:
    if isinstance(key, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(key))
        return True
    except ValueError:
        return False


def _plain_or_dated(value) -> str:
    """A mapping whose keys are all dates (as read from YAML, or as text) is a dated value."""
    return "dated" if isinstance(value, dict) and value and all(_is_day(k) for k in value) else "plain"


def dated(tp: Any) -> Any:
    """The type of a value that is either plain (`tp`) or a mapping from dates to cited values."""
    return Annotated[Union[Annotated[tp, Tag("plain")],
                           Annotated[dict[dt.date, DatedValue[tp]], Field(min_length=1), Tag("dated")]],
                     Discriminator(_plain_or_dated)]


def is_dated(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(isinstance(v, DatedValue) for v in value.values())


def value_at(value: Any, day: dt.date) -> Any:
    """The value in force on `day` (a plain value is always in force)."""
    if not is_dated(value):
        return value
    dates = sorted(value)
    return value[max((d for d in dates if d <= day), default=dates[0])].value


def versions(value: Any) -> list[tuple[dt.date, DatedValue]]:
    """Each (date, cited value) of a dated value, in date order; none for a plain value."""
    return sorted(value.items()) if is_dated(value) else []


# ---------------------------------------------------------------- dated entries
class Bound(Model):
    """The day an entry starts (`from:`) or stops (`until:`) applying, and where that is said."""
    date: dt.date
    """The day, written like 2027-01-01."""
    cite: Cites
    hints: ClassVar[dict[str, tuple[str, str]]] = {
        "cite": ("this day has no  cite:", "add  cite: {{source: ..., section: ...}}  naming where the source gives this day")}


def _bound_in_full(value):
    if isinstance(value, (dt.date, str, int)):
        report([Broken((), f"from: or until: needs its date and where that date is said, not only '{value}'",
                       "write it as  {date: 2027-01-01, cite: {source: ..., section: ..., quote: \"...\"}}")])
    return value


DayBound = Annotated[Optional[Bound], BeforeValidator(_bound_in_full, json_schema_input_type=Optional[Bound])]


class Bounded(Model):
    """An entry of a list that may start or stop applying on a date (a requirement, a disqualifier, a tier's
    activity). On and after `from`, and before `until`, it is in force; outside, the handbook and the
    self-check leave it out (asof.py), and show it as a coming change while it is still to come."""
    model_config = ConfigDict(populate_by_name=True)
    start: DayBound = Field(None, alias="from")
    """The day this starts to apply (it does not before), and where that is said."""
    until: DayBound = None
    """The day this stops applying (it does not on or after that day), and where that is said."""

    @model_validator(mode="after")
    def _until_after_from(self):
        if self.start and self.until and self.until.date <= self.start.date:
            report([Broken(("until", "date"), f"until: {self.until.date.isoformat()} is not after from: {self.start.date.isoformat()}",
                           "make  until:  a later day than  from:  (it is the first day the entry no longer applies)")])
        return self

    def in_force(self, day: dt.date) -> bool:
        return (self.start is None or self.start.date <= day) and (self.until is None or day < self.until.date)
