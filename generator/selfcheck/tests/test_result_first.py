"""The result screen puts the answer first (issue 13): at 360 px the outcome, the requirements that decided
it and the next step fit in the first 800 px; no training date is shown when a requirement is not met;
"what it takes" is shown before a parent starts and on the result; a future year marks the Year box."""
from __future__ import annotations

import re

import pytest

from generator.selfcheck import evaluate
from generator.selfcheck.evaluate import explanation, format_date
from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import MEETS_ALL, MONTH, PERSONAS, TODAY, YEAR, answer_all, as_evaluator_answers, h1

FOLD = 800


def _bottom(page, locator) -> float:
    return locator.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")


@pytest.mark.parametrize("outcome", list(PERSONAS))
def test_the_answer_why_and_next_step_come_first(sc, table, outcome):
    answers = {**MEETS_ALL, **PERSONAS[outcome]}
    answer_all(sc, table, answers)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    got = evaluate(table, as_evaluator_answers(answers), TODAY.date())
    app, w = sc.locator("#sc-app"), table["words"]
    deciding = [r for r in got.results if r.decides][:3]
    if deciding:
        why = app.locator(".sc-why")
        assert why.get_by_role("listitem").all_inner_texts() == [explanation(table, r) for r in deciding]
        assert _bottom(sc, why) <= FOLD
    step = app.get_by_text(table["self_check"]["next_step"]["text"])
    heading = app.get_by_role("heading", name=w["next_step_title"], exact=True)
    assert _bottom(sc, step) <= FOLD and _bottom(sc, heading) <= FOLD
    # the full list comes after the next step
    reasons = app.get_by_role("heading", name=w["reasons_title"], exact=True)
    assert _bottom(sc, heading) < _bottom(sc, reasons)
    # no training date when a requirement is not met (or disputed, or a disqualifier applies)
    if any(r.status in ("not_met", "disputed") for r in got.results):
        dates = {r.training_date for r in got.results if r.training_date} - {r.partner_date for r in got.results}
        assert not any(format_date(d, table) in app.inner_text() for d in dates)
    assert h1(sc) and sc.requests_after_load == []


def test_what_it_takes_before_starting_and_on_the_result(sc, table):
    takes = table["self_check"]["takes"]
    assert takes, "the real program names a commitments topic"
    app = sc.locator("#sc-app")
    assert app.get_by_role("heading", name=takes["title"], exact=True).is_visible()
    assert all(item["text"] in app.inner_text() for item in takes["items"])
    answer_all(sc, table, MEETS_ALL)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    assert app.get_by_role("heading", name=takes["title"], exact=True).is_visible()
    assert all(item["text"] in app.inner_text() and all(c in app.inner_text() for c in item["cite"]) for item in takes["items"])


def test_a_future_year_marks_the_year_box(sc, table):
    w, qs = table["words"], {q["id"]: q for q in table["questions"]}
    sc.get_by_role("button", name=w["start"]).click()
    sc.get_by_role("radio", name="Yes", exact=True).check()
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == qs["reunified-since"]["text"]
    for (month, year), bad in (((1, 2026), YEAR), ((7, 2025), MONTH)):  # today is June 2025
        sc.get_by_role("textbox", name=MONTH).fill(str(month))
        sc.get_by_role("textbox", name=YEAR).fill(str(year))
        sc.get_by_role("button", name=w["continue"]).click()
        assert sc.locator(".sc-errors").get_by_role("link", name=w["error_future"]).is_visible()
        invalid = sc.locator("[aria-invalid=true]")
        assert invalid.count() == 1 and invalid.evaluate("el => el.labels[0].innerText") == bad
        sc.locator(".sc-errors").get_by_role("link", name=w["error_future"]).click()
        assert sc.evaluate("document.activeElement.labels[0].innerText") == bad


def test_every_question_has_its_own_error_message(table):
    errors = [q["error"] for q in table["questions"]]
    assert all(errors) and len(set(errors)) == len(errors)
    assert not any(re.search(r"\bnot\b", q["text"]) for q in table["questions"]), "no negatively worded question"
