"""Never "no" where the sources disagree (issue 13, point 5), and the reading of dates (point 6): each
requirement a policy choice marks as disputed gives "talk to a person" when it is not met, naming both
sources, and a genuine "no" from another requirement still wins; the missing-day reading is a setting."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from tests.kit import ROOT
from generator.policy.load import load_all
from generator.selfcheck import decision_table, evaluate
from generator.selfcheck.evaluate import explanation

HB = load_all(ROOT / "data")
TABLE = decision_table(HB)
TODAY = dt.date(2026, 6, 15)
USUAL = {k: ({"year": v.year, "month": v.month} if hasattr(v, "year") else v)
         for k, v in yaml.safe_load((ROOT / "data" / "scenarios.yaml").read_text(encoding="utf-8"))["usual_answers"].items()}
DISPUTES = [(c, rid) for c in HB.eligibility.policy_choices for rid in c.disputes]


def _not_meeting(rid: str) -> dict:
    """The usual answers, with the disputed requirement's question answered so that it is surely not met."""
    req = next(r for r in TABLE["requirements"] if r["id"] == rid)
    q = next(q for q in TABLE["questions"] if q["id"] == req["rule"]["question"])
    value = next(a["value"] for a in q["answers"] if not a["unsure"] and a["value"] not in req["rule"]["met_by"])
    return {**USUAL, q["id"]: value}


def test_the_data_has_disputed_requirements():
    assert DISPUTES, "the real program marks at least one requirement as disputed (policy choice no-children-returned)"


@pytest.mark.parametrize("choice,rid", DISPUTES, ids=lambda x: getattr(x, "id", x))
def test_a_disputed_requirement_not_met_means_talk_to_a_person(choice, rid):
    got = evaluate(TABLE, _not_meeting(rid), TODAY)
    outcome = next(o for o in TABLE["outcomes"] if o["id"] == got.id)
    assert "disputed" in outcome["when"]["status"] and got.id != "not-met"
    result = next(r for r in got.results if r.requirement == rid)
    assert result.status == "disputed" and result.decides
    text = explanation(TABLE, result)
    for cite in choice.cite:  # both sources are named
        assert HB.source(cite.source).short in text
    assert got.training_date is None and got.partner_date is None


@pytest.mark.parametrize("choice,rid", DISPUTES, ids=lambda x: getattr(x, "id", x))
def test_a_genuine_no_still_wins_over_a_dispute(choice, rid):
    answers = {**_not_meeting(rid), "open-case": "yes"}
    assert evaluate(TABLE, answers, TODAY).id == "not-met"


def test_the_missing_day_reading_is_a_policy_choice():
    answers = {**USUAL, "reunified-since": {"year": 2026, "month": 3}}  # 31 March + 6 months: no 31 September
    assert evaluate(TABLE, answers, TODAY).training_date == dt.date(2026, 9, 30)  # the common calendar convention
    other = {**TABLE, "settings": {**TABLE["settings"], "missing_day": "next-day"}}
    assert evaluate(other, answers, TODAY).training_date == dt.date(2026, 10, 1)
