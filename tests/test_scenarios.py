"""Policy scenarios (data/scenarios.yaml) run through the self-check's own evaluator and decision table."""
from __future__ import annotations

import pytest

from tests.kit import ROOT
from generator.selfcheck import scenarios
from generator.selfcheck import evaluate
from generator.policy.load import DataError, load_all

HB = load_all(ROOT / "data")
TABLE = scenarios.table(HB)
ITEMS = scenarios.load(ROOT / "data", HB)


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.name)
def test_scenario_gives_the_expected_result(item):
    assert scenarios.run(HB, item, TABLE) == []


def _results(item):
    return evaluate(TABLE, scenarios.answers_for(HB, item.answers), item.scenario.today)


def test_scenarios_cover_every_outcome():
    assert {i.scenario.outcome for i in ITEMS} == {o.id for o in HB.eligibility.outcomes}


def test_scenarios_cover_every_requirement_the_self_check_asks_about():
    """Each requirement with a rule is the one that decides the outcome in at least one scenario."""
    decisive = {r.requirement for item in ITEMS for r in _results(item).results if r.decides}
    assert decisive == {r.id for r in HB.eligibility.requirements if r.rule}


def test_scenarios_cover_every_status_of_every_time_rule():
    statuses = {}
    for item in ITEMS:
        for r in _results(item).results:
            statuses.setdefault(r.requirement, set()).add(r.status)
    for req in HB.eligibility.requirements:
        if req.rule is not None and hasattr(req.rule, "at_least"):
            want = {"met", "unknown", "wait_training" if not req.rule.training_after else "wait_partner"}
            assert want <= statuses[req.id], (req.id, statuses[req.id])


def test_a_changed_rule_makes_scenarios_fail_in_plain_words(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "eligibility.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('rule: {question: share, met_by: ["yes"]}',
                                                             'rule: {question: share, met_by: ["no"]}'), encoding="utf-8")
    hb = load_all(data)
    failures = [f for item in scenarios.load(data, hb) for f in scenarios.run(hb, item)]
    first = next(f for f in failures if "'Meets every requirement'" in f)
    line = (data / "scenarios.yaml").read_text(encoding="utf-8").splitlines().index("  - name: Meets every requirement") + 1
    assert first == (f"data/scenarios.yaml:{line}: scenario 'Meets every requirement' (today 2026-06-15): expected the outcome "
                     "'likely' but the policy gives 'not-met'. Because: 'Shares their experience to help others learn' is not met "
                     "(this decides it); the other 10 requirements are met or do not apply.")
    assert any("'Will not share their story'" in f and "expected the outcome 'not-met' but the policy gives 'likely'" in f for f in failures)


def test_scenario_mistakes_are_reported_like_data_mistakes(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answers: {reunified: not-sure}", "answers: {reunifed: not-sure}", 1)
                    .replace("answers: {open-case: \"yes\"}", "answers: {open-case: maybe}", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        scenarios.load(data, HB)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in caught.value.problems] == [
        f"data/scenarios.yaml:{lines.index('    answers: {open-case: maybe}') + 1}: 'maybe' is not an answer of the question 'open-case' "
        "— use one of its answers: yes, no, not-sure",
        f"data/scenarios.yaml:{lines.index('    answers: {reunifed: not-sure}') + 1}: there is no question 'reunifed' — did you mean 'reunified'?",
    ]
