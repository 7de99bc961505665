"""The parents' self-check in a real browser: one parent per outcome, with the reasons, dates and words the
decision table gives, and the data deciding (another duration, another program). Helpers: driving.py."""
from __future__ import annotations

import pytest

from tests.kit import ROOT, build_site, serve
from generator.policy.load import load_all
from generator.selfcheck import decision_table, evaluate
from generator.selfcheck.evaluate import explanation, fill
from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import MEETS_ALL, PERSONAS, TODAY, answer_all, as_evaluator_answers, h1, open_check, stored


# ---------------------------------------------------------------- one parent per outcome
@pytest.mark.parametrize("outcome", list(PERSONAS))
def test_each_outcome_is_reached_with_its_reasons(sc, site_url, table, outcome):
    answers = {**MEETS_ALL, **PERSONAS[outcome]}
    title = sc.title()
    asked = answer_all(sc, table, answers)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()

    expected = evaluate(table, as_evaluator_answers(answers), TODAY.date())
    assert expected.id == outcome
    o = next(o for o in table["outcomes"] if o["id"] == outcome)
    assert h1(sc) == fill(o["title"], table, expected.training_date, expected.partner_date)
    main = sc.locator("#sc-app")
    assert fill(o["text"], table, expected.training_date, expected.partner_date) in main.inner_text()
    for result in expected.results:
        req = next(r for r in table["requirements"] if r["id"] == result.requirement)
        item = main.get_by_role("listitem").filter(has=sc.get_by_role("heading", name=req["title"], exact=True))
        text = item.inner_text()
        assert table["words"]["status_" + result.status] in text and explanation(table, result) in text
        assert all(c in text for c in req["cite"])
        link = item.get_by_role("link", name=f'{table["words"]["read_more"]} {req["title"]}')
        assert link.get_attribute("href") == f"../eligibility/#{req['id']}"
    for req in (r for r in table["requirements"] if not r["rule"]):
        assert sc.get_by_role("link", name=req["title"], exact=True).get_attribute("href") == f"../eligibility/#{req['id']}"
        assert req["not_asked"] in main.inner_text()
    assert table["self_check"]["next_step"]["text"] in main.inner_text()
    assert sc.get_by_role("button", name=table["words"]["print"]).is_visible()

    # private: nothing fetched after the page loaded, nothing stored, nothing in the URL or title
    assert sc.requests_after_load == []
    assert stored(sc) == {"cookies": [], "local": [], "session": [], "indexeddb": []}
    assert sc.url == site_url + "/self-check/" and sc.title() == title
    if outcome == "disputed":  # the parent who answers No to reunified (was the not-met persona before issue 13)
        assert "reunified-since" not in asked  # asked only after "Yes"


def test_waiting_dates_are_counted_from_the_end_of_the_month(sc, table):
    """Children home since March 2025, today 15 June 2025: counted from 31 March 2025, training after six
    months lands on 31 September, which does not exist, so the last day of September (policy choice
    missing-day); one year is 31 March 2026. A month-and-year answer gives dates "by ... at the latest"."""
    answer_all(sc, table, {**MEETS_ALL, "reunified-since": (3, 2025)})
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    text = sc.locator("#sc-app").inner_text()
    assert "training by September 30, 2025 at the latest" in text and "meet this rule by March 31, 2026 at the latest" in text


def test_print_button_prints_only_on_the_device(sc, table):
    answer_all(sc, table, MEETS_ALL)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    sc.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 }; }")
    sc.get_by_role("button", name=table["words"]["print"]).click()
    assert sc.evaluate("window.__printed") == 1 and sc.requests_after_load == []


# ---------------------------------------------------------------- the data decides
def test_a_changed_duration_changes_the_date_the_self_check_gives(project, browser, table):
    eligibility = project / "data" / "eligibility.yaml"
    text = eligibility.read_text(encoding="utf-8")
    old = 'rule: {question: reunified-since, at_least: "1 year", training_after: "6 months"}'
    assert old in text
    eligibility.write_text(text.replace(old, old.replace('"1 year"', '"18 months"')), encoding="utf-8")
    url, server = serve(build_site(project))
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, timezone_id="UTC")
    try:
        page = open_check(ctx, url, table)
        answer_all(page, table, {**MEETS_ALL, "reunified-since": (3, 2025)})
        page.get_by_role("button", name=table["words"]["see_result"]).click()
        text = page.locator("#sc-app").inner_text()
        assert "meet this rule by September 30, 2026 at the latest" in text  # 31 March 2025 + 18 months: no 31 September, so 30 September
        assert "March 31, 2026" not in text
    finally:
        ctx.close()
        server.shutdown()


def test_another_program_gets_its_own_self_check(tmp_path, browser):
    """The second, made-up program (tests/fixtures/other-program): its own questions, rules, dates and words."""
    from tests.kit import copy_project
    project = copy_project(tmp_path / "other", data=ROOT / "tests" / "fixtures" / "other-program" / "data")
    other = decision_table(load_all(project / "data"))
    assert other["questions"] != decision_table(load_all(ROOT / "data"))["questions"]
    url, server = serve(build_site(project))
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    try:
        page = open_check(ctx, url, other)
        assert h1(page) == other["self_check"]["title"]
        answers = {q["id"]: (3, 2025) if q["type"] == "month_year" else q["answers"][0]["value"] for q in other["questions"]}
        answer_all(page, other, answers)
        page.get_by_role("button", name=other["words"]["see_result"]).click()
        got = evaluate(other, as_evaluator_answers(answers), TODAY.date())
        o = next(o for o in other["outcomes"] if o["id"] == got.id)
        assert h1(page) == fill(o["title"], other, got.training_date, got.partner_date)
        assert fill(o["text"], other, got.training_date, got.partner_date) in page.locator("#sc-app").inner_text()
        assert page.requests_after_load == []
        # its made-up contact details show with the next step, with links that call or write (no request)
        app = page.locator("#sc-app")
        for c in other["self_check"]["contacts"]:
            assert c["name"] in app.inner_text()
            assert app.get_by_role("link", name=c["phone"]).get_attribute("href").startswith("tel:")
    finally:
        ctx.close()
        server.shutdown()
