"""Policy scenarios (data/scenarios.yaml): a parent's answers on a given day, and the result the
policy should give. `check` and the tests run each one through the same evaluator as the
self-check (generator/selfcheck/) and say in plain words what differs.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pydantic import Field, ValidationError

from generator.policy import asof
from generator import model
from generator.model import Handbook
from generator.selfcheck import NOT_SURE
from generator.policy.problems import DataError, Problem, schema_problems
from generator.policy.staffdate import FIRST_YEAR, LAST_YEAR
from generator.policy.yamlread import read_yaml

FILE = "scenarios.yaml"
LABEL = f"data/{FILE}"
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class Dates(model.Model):
    training: Optional[dt.date] = None
    """The day training may start."""
    partner: Optional[dt.date] = None
    """The day the parent may become a partner."""


class Scenario(model.Model):
    name: model.Text
    today: dt.date
    answers: dict[model.Id, str] = Field(default_factory=dict)
    """Question id -> answer value; a month_year answer as 2024-03, or the id of its "not sure" box: not-sure."""
    outcome: model.Id
    dates: Optional[Dates] = None


class Scenarios(model.Model):
    usual_answers: dict[model.Id, str] = Field(default_factory=dict)
    """Answers every scenario starts from; a scenario's own answers replace them question by question."""
    scenarios: list[Scenario] = Field(min_length=1)


@dataclass(frozen=True)
class Loaded:
    scenario: Scenario
    answers: dict[str, str]
    """The usual answers with the scenario's own on top."""
    line: int | None

    @property
    def name(self) -> str:
        return self.scenario.name


def load(data_dir: Path, hb: Handbook | None) -> list[Loaded]:
    """The scenarios, checked against the handbook's questions and outcomes (when it loaded).
    A handbook without data/scenarios.yaml has none (`check` says so)."""
    if not (Path(data_dir) / FILE).exists():
        return []
    located = read_yaml(Path(data_dir) / FILE, LABEL)
    try:
        parsed = Scenarios.model_validate(located.value)
    except ValidationError as e:
        raise DataError(schema_problems(e, Scenarios, located, LABEL)) from None
    loaded = [Loaded(s, {**parsed.usual_answers, **s.answers}, located.line(("scenarios", i)))
              for i, s in enumerate(parsed.scenarios)]
    if hb is None:
        return loaded
    el = hb.eligibility
    questions = {q.id: q for q in el.questions}
    outcomes = [o.id for o in el.outcomes]
    problems = []

    def add(path: tuple, what: str, fix: str) -> None:
        problems.append(Problem(LABEL, located.line(path), what, fix))

    answer_lists = [(("usual_answers",), parsed.usual_answers)] + [(("scenarios", i, "answers"), s.answers) for i, s in enumerate(parsed.scenarios)]
    for i, s in enumerate(parsed.scenarios):
        if not FIRST_YEAR <= s.today.year <= LAST_YEAR:
            add(("scenarios", i, "today"), f"'today: {s.today.isoformat()}' is in the year {s.today.year}",
                f"give a day between {FIRST_YEAR} and {LAST_YEAR}, like 2026-12-01")
        if s.outcome not in outcomes:
            add(("scenarios", i, "outcome"), f"there is no outcome '{s.outcome}'", _choose(s.outcome, outcomes, "the outcome ids in data/eligibility.yaml"))
    for where, answers in answer_lists:
        for qid, value in answers.items():
            q = questions.get(qid)
            if q is None:
                add(where + (qid,), f"there is no question '{qid}'", _choose(qid, list(questions), "the question ids in data/eligibility.yaml"))
            elif q.type == "choice":
                values = [a.value for a in el.answer_sets.get(q.answers or "", [])]
                if value not in values:
                    add(where + (qid,), f"'{value}' is not an answer of the question '{qid}'", _choose(value, values, "its answers"))
            elif value != UNSURE and _month(value) and not FIRST_YEAR <= _month(value)[0] <= LAST_YEAR:
                add(where + (qid,), f"'{value}' is in the year {_month(value)[0]}, for the date question '{qid}'",
                    f"write a month between {FIRST_YEAR} and {LAST_YEAR}, like 2024-03")
            elif value != UNSURE and not _month(value):
                add(where + (qid,), f"'{value}' is not a month for the date question '{qid}'",
                    f"write the year and month like 2024-03, or {UNSURE}")
    if problems:
        raise DataError(problems)
    return loaded


UNSURE = NOT_SURE
"""The answer to a month_year question whose "not sure" box is ticked."""


def _month(value: str) -> tuple[int, int] | None:
    m = MONTH.match(value)
    return (int(m.group(1)), int(m.group(2))) if m and 1 <= int(m.group(2)) <= 12 else None


def _choose(value: str, allowed: list[str], what: str) -> str:
    close = difflib.get_close_matches(value, allowed, n=1)
    return f"did you mean '{close[0]}'?" if close else f"use one of {what}: " + ", ".join(allowed)


# ---------------------------------------------------------------- running a scenario
STATUS_WORDS = {
    "met": "is met",
    "not_met": "is not met",
    "disputed": "is not met, but the other source contradicts or widens it (disputed)",
    "unknown": "cannot be decided from these answers",
    "not_applicable": "does not apply",
    "wait_training": "is not met yet: training from {training}, partner from {partner}",
    "wait_partner": "allows training now, partner from {partner}",
}
"""How `check` says a requirement's result to policy staff."""


def table(hb: Handbook) -> dict:
    """The self-check's decision table: the one the browser gets (it carries every dated entry: a scenario is
    judged on its own day, and the evaluator leaves out what is not in force then)."""
    from generator.selfcheck import decision_table

    return decision_table(hb)


def answers_for(hb: Handbook, answers: dict[str, str]) -> dict:
    """Scenario answers in the evaluator's form: a month as {"month": 3, "year": 2024}."""
    out: dict = {}
    for qid, value in answers.items():
        month = _month(value)
        out[qid] = {"year": month[0], "month": month[1]} if month else value
    return out


def evaluate_item(hb: Handbook, item: Loaded, decision_table: dict):
    """What the policy gives for one scenario (the self-check's evaluator, on the scenario's day)."""
    from generator.selfcheck import evaluate

    return evaluate(decision_table, answers_for(hb, item.answers), item.scenario.today)


def run(hb: Handbook, item: Loaded, decision_table: dict | None = None) -> list[str]:
    """Nothing when the scenario gives what it expects; else one sentence saying what differs and why."""
    s = item.scenario
    got = evaluate_item(hb, item, decision_table or table(hb))
    wrong = []
    if got.id != s.outcome:
        wrong.append(f"expected the outcome '{s.outcome}' but the policy gives '{got.id}'")
    if s.dates:
        for name, want, have in (("training", s.dates.training, got.training_date), ("partner", s.dates.partner, got.partner_date)):
            if want is not None and want != have:
                wrong.append(f"expected the {name} date {want.isoformat()} but the policy gives {have.isoformat() if have else 'none'}")
    if not wrong:
        return []
    return [f"{LABEL}:{item.line}: scenario '{s.name}' (today {s.today.isoformat()}): " + "; ".join(wrong)
            + ". Because: " + explain(hb, got, s.today)]


def explain(hb: Handbook, got, day: dt.date) -> str:
    """Each requirement's result, the ones that decided the outcome first, named as on the scenario's `day`."""
    titles = {r.id: r.title for r in asof.at(hb, day).eligibility.requirements}  # placeholders filled
    shown = [r for r in got.results if r.decides] + [r for r in got.results if not r.decides and r.status not in ("met", "not_applicable")]
    parts = []
    for r in shown:
        words = STATUS_WORDS[r.status].format(training=r.training_date, partner=r.partner_date)
        parts.append(f"'{titles[r.requirement]}' {words}" + (" (this decides it)" if r.decides else ""))
    rest = len(got.results) - len(shown)
    if rest:
        parts.append(f"the other {rest} requirement{'s are' if rest != 1 else ' is'} met or do{'' if rest != 1 else 'es'} not apply")
    return "; ".join(parts) + "."
