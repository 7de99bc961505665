"""The result screen puts the answer first (issue 13; issue 21, 4): at 360 px the outcome (its heading and
text), the requirements that decided it and the next step fit in the first 800 px, for every outcome, in
English and Spanish, with the real data and with a coming change planted (tests/planted.py: the time rule
changes from a day to come, and a disqualifier is added from it); a coming change that does not alter the
result is said under "Changes to come", after the next step. No training date is shown when a requirement
is not met; "what it takes" is shown before a parent starts and on the result; a future year marks the Year box."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.kit import build_site, serve
from tests.planted import coming_day, planted
from generator.selfcheck import evaluate
from generator.selfcheck.evaluate import coming, fill, format_date
from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import (MEETS_ALL, MONTH, PERSONAS, TODAY, YEAR, answer_all, as_evaluator_answers, h1,
                                               language_table, open_check)

FOLD = 800


def _bottom(page, locator) -> float:
    return locator.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")


# A change planted in the data must come after the day the site is built (and the day of every policy scenario):
# those parents live this month, each answer the same number of months before their today as the tests' own.
SHIFT = (dt.date.today().year - TODAY.year) * 12 + dt.date.today().month - TODAY.month
NOW = TODAY.replace(year=TODAY.year + (TODAY.month - 1 + SHIFT) // 12, month=(TODAY.month - 1 + SHIFT) % 12 + 1)


def _shifted(answers: dict, months: int) -> dict:
    def move(m, y):
        i = y * 12 + m - 1 + months
        return i % 12 + 1, i // 12
    return {k: move(*v) if isinstance(v, tuple) else v for k, v in answers.items()}


@pytest.fixture(scope="module")
def planted_url(tmp_path_factory):
    """The project with a coming change planted (from the first of the month four months after NOW)."""
    project = planted(tmp_path_factory.mktemp("coming") / "project", coming_day(NOW.date()))
    url, server = serve(build_site(project))
    yield url, project / "data"
    server.shutdown()


@pytest.mark.parametrize("language", [None, "es"], ids=["en", "es"])
@pytest.mark.parametrize("data", ["real", "coming"])
@pytest.mark.parametrize("outcome", list(PERSONAS))
def test_the_answer_why_and_next_step_come_first(context, site_url, built_site, request, data, language, outcome):
    url, data_dir = request.getfixturevalue("planted_url") if data == "coming" else (site_url, built_site.parent / "data")
    table, now = language_table(data_dir, language), NOW if data == "coming" else TODAY
    sc = open_check(context, url, table, f"/{language}/self-check/" if language else "/self-check/")
    sc.clock.set_fixed_time(now)
    answers = _shifted({**MEETS_ALL, **PERSONAS[outcome]}, SHIFT if data == "coming" else 0)
    answer_all(sc, table, answers)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    got = evaluate(table, as_evaluator_answers(answers), now.date())
    assert got.id == outcome
    if data == "coming":  # the planted change is coming on every result: in the answer when it alters it, else lower down
        assert got.coming or got.changes
    app, w = sc.locator("#sc-app"), table["words"]
    o = next(x for x in table["outcomes"] if x["id"] == got.id)
    answer = app.get_by_text(fill(o["text"], table, got.training_date, got.partner_date), exact=False)
    assert h1(sc) == fill(o["title"], table, got.training_date, got.partner_date)
    assert _bottom(sc, sc.get_by_role("heading", level=1)) <= FOLD and _bottom(sc, answer) <= FOLD
    for line in coming(table, got):  # a change that alters the result is said in the answer, on the first screen
        assert _bottom(sc, app.get_by_text(line, exact=True)) <= FOLD
    deciding = [r for r in got.results if r.decides][:3]
    if deciding:
        why = app.locator(".sc-why")
        # each with its text alone: a rule's own coming change is said in the full list below
        assert why.get_by_role("listitem").all_inner_texts() == [fill(r.explain, table, r.training_date, r.partner_date) for r in deciding]
        assert _bottom(sc, why) <= FOLD
    step = app.get_by_text(table["self_check"]["next_step"]["text"])
    heading = app.get_by_role("heading", name=w["next_step_title"], exact=True)
    assert _bottom(sc, step) <= FOLD and _bottom(sc, heading) <= FOLD, (_bottom(sc, step), _bottom(sc, heading))
    # the full list, and the changes that do not alter the result, come after the next step
    reasons = app.get_by_role("heading", name=w["reasons_title"], exact=True)
    assert _bottom(sc, heading) < _bottom(sc, reasons)
    if got.changes:
        assert _bottom(sc, step) < _bottom(sc, app.get_by_role("heading", name=w["coming_title"], exact=True))
    # no training date when a requirement is not met (or disputed, or a disqualifier applies)
    if any(r.status in ("not_met", "disputed") for r in got.results):
        dates = {r.training_date for r in got.results if r.training_date} - {r.partner_date for r in got.results}
        assert not any(format_date(d, table) in app.inner_text() for d in dates)
    assert sc.requests_after_load == []


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
