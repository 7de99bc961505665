"""The self-check in each further language of the data (/es/self-check/ for Spanish), in a real browser:
one parent per outcome reads the result, the reasons and the next step in that language; every screen is
axe-clean and fits 360 px; the quick exit works; without JavaScript the checklist is shown; the page
links to the same page in the other language and keeps no answer across the switch."""
from __future__ import annotations

import pytest

from tests.kit.axe import axe_violations
from generator.selfcheck import evaluate
from generator.selfcheck.evaluate import explanation, fill
from generator.selfcheck.tests.driving import context  # noqa: F401  (fixture)
from generator.selfcheck.tests.driving import (LANGUAGES, MEETS_ALL, PERSONAS, TODAY, answer_all, as_evaluator_answers, h1,
                                               language_table, open_check, stored, check_without_javascript, words_of)


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def table(built_site, language):
    return language_table(built_site.parent / "data", language)


@pytest.fixture
def sc(context, site_url, table, language):
    return open_check(context, site_url, table, f"/{language}/self-check/")


def _result(sc, table, answers):
    answer_all(sc, table, answers)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()


@pytest.mark.parametrize("outcome", list(PERSONAS))
def test_each_outcome_is_told_in_the_page_s_language(sc, site_url, table, language, outcome):
    answers = {**MEETS_ALL, **PERSONAS[outcome]}
    assert sc.get_attribute("html", "lang") == language
    _result(sc, table, answers)
    expected = evaluate(table, as_evaluator_answers(answers), TODAY.date())
    assert expected.id == outcome
    o = next(o for o in table["outcomes"] if o["id"] == outcome)
    assert h1(sc) == fill(o["title"], table, expected.training_date, expected.partner_date)
    main = sc.locator("#sc-app")
    text = main.inner_text()
    assert fill(o["text"], table, expected.training_date, expected.partner_date) in text
    for result in expected.results:
        req = next(r for r in table["requirements"] if r["id"] == result.requirement)
        item = main.get_by_role("listitem").filter(has=sc.get_by_role("heading", name=req["title"], exact=True))
        assert table["words"]["status_" + result.status] in item.inner_text() and explanation(table, result) in item.inner_text()
    assert table["self_check"]["next_step"]["text"] in text
    assert sc.requests_after_load == []
    assert stored(sc) == {"cookies": [], "local": [], "session": [], "indexeddb": []}
    assert sc.url == f"{site_url}/{language}/self-check/"


def test_dates_are_written_in_the_page_s_language(sc, table, language):
    """The not-yet parent (children home since March 2025, today 15 June 2025) reads the dates in the
    table's own month names and date format, as the Python evaluator writes them."""
    _result(sc, table, {**MEETS_ALL, **PERSONAS["not-yet"]})
    expected = evaluate(table, as_evaluator_answers({**MEETS_ALL, **PERSONAS["not-yet"]}), TODAY.date())
    text = sc.locator("#sc-app").inner_text()
    assert expected.training_date and table["months"][expected.training_date.month - 1] in text
    assert fill("{training_date}", table, expected.training_date, None) in text


@pytest.mark.parametrize("check", ["axe-wcag22aa", "360px"])
def test_every_screen(sc, table, check):
    def test(page, where):
        if check == "360px":
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), where
        else:
            found = axe_violations(page)
            assert found == [], f"{where}:\n" + "\n".join(found)

    test(sc, "start")
    answer_all(sc, table, {**MEETS_ALL, "reunified-since": (10, 2024)}, lambda page: test(page, h1(page)))
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    test(sc, "result")


def test_quick_exit_in_the_page_s_language(sc, table):
    w = table["words"]
    sc.get_by_role("button", name=w["start"]).click()
    sc.get_by_role("button", name=w["exit"]).click()
    sc.wait_for_url(table["self_check"]["quick_exit_url"])
    assert sc.get_by_text("Neutral page").is_visible()


def test_the_switch_to_the_main_language_keeps_no_answer(sc, site_url, table, language):
    sc.get_by_role("button", name=table["words"]["start"]).click()
    sc.get_by_role("radio", name=table["questions"][0]["answers"][0]["label"], exact=True).check()
    sc.locator(f'a[hreflang]:not([hreflang="{language}"])').first.click()
    sc.wait_for_url(site_url + "/self-check/")
    assert sc.get_attribute("html", "lang") != language
    assert sc.get_by_role("radio").count() == 0 and stored(sc) == {"cookies": [], "local": [], "session": [], "indexeddb": []}


def test_with_answers_the_language_link_warns_first(sc, site_url, table, language):
    """Issue 21, 6: the answers live in this page only (never stored, never in the address), so they cannot
    go to the other language's page: with answers given, its link first says they would be lost, with a way
    to stay that keeps them, and a way on in the other language's own words."""
    w, q1, q2 = table["words"], table["questions"][0], table["questions"][1]
    other = sc.locator(f'header a[hreflang]:not([hreflang="{language}"])').first
    name = other.inner_text()
    sc.get_by_role("button", name=w["start"]).click()
    sc.get_by_role("radio", name=q1["answers"][0]["label"], exact=True).check()
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == q2["text"]
    other.click()
    assert h1(sc) == w["lang_warn"] and sc.url == f"{site_url}/{language}/self-check/"
    sc.get_by_role("button", name=w["lang_stay"]).click()
    assert h1(sc) == q2["text"]
    sc.get_by_role("link", name=w["back"]).click()
    assert sc.get_by_role("radio", name=q1["answers"][0]["label"], exact=True).is_checked()  # kept
    other.click()
    sc.locator("#sc-app").get_by_role("link", name=name, exact=True).click()
    sc.wait_for_url(site_url + "/self-check/")
    assert sc.get_attribute("html", "lang") != language and sc.get_by_role("radio").count() == 0
    assert stored(sc) == {"cookies": [], "local": [], "session": [], "indexeddb": []}


def test_without_javascript_the_checklist_is_shown_in_the_page_s_language(browser, site_url, table, language, built_site):
    check_without_javascript(browser, site_url, table, words_of(built_site.parent / "data", language), f"/{language}/self-check/")
