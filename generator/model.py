"""The policy data model: one class per kind of entry in data/*.yaml.

pydantic checks types, required fields and unknown keys (extra="forbid", so a typo is an
error). Checks that need more than one file (does a citation name a real source section,
does a rule name a real question) live in load.py, which also turns every error into a
sentence with the file and line.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StringConstraints, Tag

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

SETTINGS = {
    "month_only_day": ("first", "last"),
    "missing_day": ("next-day", "last-day"),
    "training_when_silent": ("wait", "now"),
}
"""The self-check's settings that a policy choice can set, and the values each can take."""

DURATION = re.compile(r"^\s*(\d+)\s+(year|years|month|months)\s*$")


def duration_months(text: str) -> int:
    """'1 year' -> 12, '18 months' -> 18. The format is checked by the Duration type."""
    number, unit = DURATION.match(text).groups()
    return int(number) * (12 if unit.startswith("year") else 1)


def _check_duration(value):
    if isinstance(value, str) and DURATION.match(value) and duration_months(value) > 0:
        return value.strip()
    raise ValueError("duration")


Duration = Annotated[str, BeforeValidator(_check_duration)]


def _as_list(value):
    """Let policy staff write one citation as a mapping or several as a list."""
    return [value] if isinstance(value, dict) else value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- citations and statements
class Cite(Model):
    source: Id
    """The id of a source in sources.yaml."""
    section: Id
    """The id of a section of that source."""
    quote: Optional[Text] = None
    """The source's own words, copied exactly (typos too); checked against the source file."""


Cites = Annotated[list[Cite], BeforeValidator(_as_list), Field(min_length=1)]


class Entry(Model):
    """One statement of policy in plain words, with where it comes from."""

    text: Text
    cite: Cites
    note: Optional[Text] = None


# ---------------------------------------------------------------- program.yaml
class Terms(Model):
    """The words this program uses for its people, used in page titles and questions."""

    partner: Text
    partners: Text


class Version(Model):
    effective: dt.date
    summary: Text
    changes: list[Text] = Field(default_factory=list)
    """What changed from the version before, in plain words (written by `python -m generator diff --record`)."""


class Program(Model):
    name: Text
    short_name: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    as_of: dt.date
    summary: Text
    terms: Terms
    about: list[Entry] = Field(min_length=1)
    versions: list[Version] = Field(default_factory=list)
    strings: dict[str, Text] = Field(default_factory=dict)
    """Overrides of the interface words in generator/strings/<language>.yaml."""


# ---------------------------------------------------------------- sources.yaml
class Section(Model):
    id: Id
    title: Text
    starts_with: Text
    """The words that open this section in the source file, used to find it."""


class Source(Model):
    id: Id
    short: Text
    file: Text
    title: Text
    publisher: Text
    reference: Optional[Text] = None
    date: dt.date
    date_meaning: Text
    program_name: Text
    sections: list[Section] = Field(min_length=1)


class Difference(Model):
    id: Id
    topic: Text
    statements: list[Entry] = Field(min_length=2)
    note: Text


class Sources(Model):
    sources: list[Source] = Field(min_length=1)
    differences: list[Difference] = Field(default_factory=list)


# ---------------------------------------------------------------- roles.yaml
class Role(Model):
    id: Id
    name: Text
    names: list[Entry] = Field(min_length=1)
    """What each source calls this role."""
    responsibilities: list[Entry] = Field(min_length=1)


class Roles(Model):
    intro: list[Entry] = Field(default_factory=list)
    roles: list[Role] = Field(min_length=1)


# ---------------------------------------------------------------- duties.yaml
class Duties(Model):
    intro: list[Entry] = Field(default_factory=list)
    will: list[Entry] = Field(min_length=1)
    will_not: list[Entry] = Field(min_length=1)


# ---------------------------------------------------------------- selection.yaml
class Step(Model):
    text: Text
    who: Optional[Id] = None
    """The id of the role that does this step."""
    cite: Cites


class Procedure(Model):
    id: Id
    title: Text
    intro: list[Entry] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)


class Selection(Model):
    intro: list[Entry] = Field(default_factory=list)
    procedures: list[Procedure] = Field(min_length=1)


# ---------------------------------------------------------------- training.yaml, commitments.yaml
class Topic(Model):
    id: Id
    title: Text
    entries: list[Entry] = Field(min_length=1)


class Topics(Model):
    intro: list[Entry] = Field(default_factory=list)
    topics: list[Topic] = Field(min_length=1)


# ---------------------------------------------------------------- tiers.yaml
class Activity(Model):
    id: Id
    name: Text


class Tier(Model):
    id: Id
    name: Text
    activities: list[Activity] = Field(min_length=1)
    cite: Cites
    note: Optional[Entry] = None


class Tiers(Model):
    intro: list[Entry] = Field(default_factory=list)
    tiers: list[Tier] = Field(min_length=1)


# ---------------------------------------------------------------- glossary.yaml
class Term(Model):
    id: Id
    term: Text
    meaning: Optional[Text] = None
    """None where the sources use the term without saying what it stands for."""
    cite: Cites
    note: Optional[Text] = None


class Glossary(Model):
    terms: list[Term] = Field(min_length=1)


# ---------------------------------------------------------------- eligibility.yaml
class Answer(Model):
    value: Id
    label: Text
    unsure: bool = False
    """True for "Not sure" and "Prefer not to say": the answer leaves the rule open."""


class AskIf(Model):
    question: Id
    answers: list[Id] = Field(min_length=1)


class Question(Model):
    id: Id
    text: Text
    hint: Optional[Text] = None
    type: Literal["choice", "month_year"]
    answers: Optional[Id] = None
    """For a choice question: the id of an answer set."""
    unsure_label: Optional[Text] = None
    """For a month_year question: the words of the "Not sure" box."""
    items: list[Id] = Field(default_factory=list)
    """Disqualifier ids listed in the question (asked together)."""
    ask_if: Optional[AskIf] = None


class AnswerRule(Model):
    question: Id
    met_by: list[Id] = Field(min_length=1)
    kind: Literal["answer"] = "answer"


class TimeRule(Model):
    question: Id
    at_least: Duration
    training_after: Optional[Duration] = None
    kind: Literal["time"] = "time"


def _rule_kind(value):
    """A rule with `at_least` (or `training_after`, or a misspelling of them) is a time rule; any other is an answer rule."""
    if isinstance(value, (TimeRule, AnswerRule)):
        return value.kind
    if not isinstance(value, dict):
        return "answer"
    time_keys = set(TimeRule.model_fields) - set(AnswerRule.model_fields)
    answer_keys = set(AnswerRule.model_fields) - set(TimeRule.model_fields)
    keys = {str(k) for k in value}
    if keys & time_keys:
        return "time"
    if keys & answer_keys:
        return "answer"
    misspelt_time = any(difflib.get_close_matches(k, time_keys, n=1, cutoff=0.6) for k in keys)
    return "time" if misspelt_time else "answer"


Rule = Annotated[Union[Annotated[TimeRule, Tag("time")], Annotated[AnswerRule, Tag("answer")]], Discriminator(_rule_kind)]


class Explain(Model):
    met: Text
    not_met: Optional[Text] = None
    unknown: Text
    not_applicable: Optional[Text] = None
    wait: Optional[Text] = None
    """Time rules: shown with {training_date} and {partner_date} filled in."""
    train_now: Optional[Text] = None


class Requirement(Model):
    id: Id
    title: Text
    text: Text
    cite: Cites
    strength: Literal["required", "preferred"] = "required"
    kind: Literal["requirement", "disqualifier"] = "requirement"
    rule: Optional[Rule] = None
    not_asked: Optional[Text] = None
    """Why the self-check does not ask about this (who decides it, or when it applies)."""
    explain: Optional[Explain] = None


class Disqualifier(Model):
    id: Id
    text: Text
    plain: Text
    cite: Cites


class PolicyChoice(Model):
    id: Id
    title: Text
    gap: Text
    """What the sources leave open, in plain words."""
    reading: Text
    """The reading this handbook and the self-check use."""
    setting: Optional[Literal[tuple(SETTINGS)]] = None
    value: Optional[Id] = None
    cite: Cites


class When(Model):
    status: list[Literal["met", "not_met", "unknown", "wait_training", "wait_partner", "not_applicable"]]
    strength: Optional[Literal["required", "preferred"]] = None
    kind: Optional[Literal["requirement", "disqualifier"]] = None


class Outcome(Model):
    id: Id
    title: Text
    text: Text
    when: Optional[When] = None
    """The first outcome whose `when` matches any requirement's result is given; the last has none."""


class SelfCheck(Model):
    title: Text
    intro: list[Text] = Field(min_length=1)
    minutes: int = Field(gt=0, lt=60)
    quick_exit_url: Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>]+$")]
    next_step: Entry
    no_js_intro: Text


class Eligibility(Model):
    intro: list[Entry] = Field(default_factory=list)
    answer_sets: dict[Id, list[Answer]]
    questions: list[Question] = Field(min_length=1)
    requirements: list[Requirement] = Field(min_length=1)
    disqualifiers: list[Disqualifier] = Field(default_factory=list)
    policy_choices: list[PolicyChoice] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    self_check: SelfCheck


# ---------------------------------------------------------------- the whole handbook
FILES = {
    "program": Program,
    "sources": Sources,
    "roles": Roles,
    "duties": Duties,
    "selection": Selection,
    "training": Topics,
    "tiers": Tiers,
    "commitments": Topics,
    "eligibility": Eligibility,
    "glossary": Glossary,
}
"""Each data file (data/<name>.yaml) and the class its content must fit."""
