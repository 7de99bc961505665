"""Which requirements, disqualifiers and outcomes no policy scenario covers: `check` warns about each
(a warning, not an error: the data can still be published), so a new rule gets a scenario that
proves what it does.

Covered means: a requirement is not met, undecided or waiting in at least one scenario; a disqualifier
is asked about by a question whose requirement is not met in at least one scenario; an outcome is the
expected result of at least one scenario.
"""
from __future__ import annotations

from generator.model import Handbook
from generator.policy.problems import Problem
from generator.policy.yamlread import read_yaml

LABEL = "data/eligibility.yaml"


def uncovered(hb: Handbook, scenarios: list, table: dict) -> list[Problem]:
    from generator.selfcheck import evaluate
    from generator.selfcheck.scenarios import answers_for

    el = hb.eligibility
    exercised: set[str] = set()
    expected = {s.scenario.outcome for s in scenarios}
    for item in scenarios:
        got = evaluate(table, answers_for(hb, item.answers), item.scenario.today)
        exercised |= {r.requirement for r in got.results if r.status not in ("met", "not_applicable")}
    asked_by = {q.id: q for q in el.questions}
    items_tested = {i for r in el.requirements if r.id in exercised and r.rule and r.rule.question in asked_by
                    for i in asked_by[r.rule.question].items}
    warnings = []
    located = []  # the file is read again (for its lines) only when there is something to warn about

    def warn(path: tuple, what: str, fix: str) -> None:
        located[:] = located or [read_yaml(hb.data_dir / "eligibility.yaml", LABEL)]
        warnings.append(Problem(LABEL, located[0].line(path), what, fix))

    for i, r in enumerate(el.requirements):
        if r.rule and r.id not in exercised:
            warn(("requirements", i), f"no scenario in data/scenarios.yaml has the requirement '{r.id}' unmet or undecided",
                 "add a scenario whose answers do not meet it, with the outcome the policy should give")
    for i, d in enumerate(el.disqualifiers):
        if d.id not in items_tested:
            warn(("disqualifiers", i), f"no scenario in data/scenarios.yaml covers the disqualifier '{d.id}'",
                 "list it under  items:  of the question that asks about disqualifiers, and keep a scenario where that answer disqualifies")
    for i, o in enumerate(el.outcomes):
        if o.id not in expected:
            warn(("outcomes", i), f"no scenario in data/scenarios.yaml expects the outcome '{o.id}'",
                 f"add a scenario with  outcome: {o.id}  and the answers that lead to it")
    return warnings
