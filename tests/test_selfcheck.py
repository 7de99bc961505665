"""The parents' self-check in a real browser (Debian's Chromium), driven as a person would: by role
and accessible name, with words taken from the same decision table the page is built from.

Today's date is fixed with Playwright's clock, so every date the self-check states is known.
"""
from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.kit import ROOT, build_site, serve
from generator.load import load_all
from generator.selfcheck import decision_table, evaluate
from generator.selfcheck.evaluate import explanation, fill

TODAY = dt.datetime(2025, 6, 15, 12, 0)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_WORDS = decision_table(load_all(ROOT / "data"))["words"]
MONTH, YEAR = _WORDS["month"], _WORDS["year"]
EXIT_PAGE = "<!doctype html><html lang=en><title>Neutral</title><p>Neutral page</p></html>"

# One parent per outcome. Every parent starts from answers that meet every requirement.
MEETS_ALL = {
    "reunified": "yes", "reunified-since": (1, 2024), "case-dismissed": (3, 2024), "not-returned": "no",
    "open-case": "no", "stable-family": "yes", "substance": "no", "flexibility": "yes", "training": "yes",
    "share": "yes", "disqualifiers": "none",
}
PERSONAS = {
    "cannot": {"disqualifiers": "some"},
    "not-met": {"reunified": "no"},
    "talk": {"open-case": "not-sure"},
    "not-yet": {"reunified-since": (3, 2025)},
    "train-now": {"reunified-since": (10, 2024)},
    "talk-first": {"case-dismissed": "not-sure"},
    "likely": {},
}


@pytest.fixture(scope="module")
def table(built_site):
    """The decision table of the data the tested site was built from."""
    return decision_table(load_all(built_site.parent / "data"))


@pytest.fixture
def context(browser):
    """A phone-sized browser with today fixed, where only the local server answers (the quick-exit
    address is answered locally with a neutral page; anything else is refused)."""
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    yield ctx
    ctx.close()


def open_check(context, url: str, table: dict):
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.clock.set_fixed_time(TODAY)
    exit_url = table["self_check"]["quick_exit_url"]
    page.route(exit_url + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE))
    page.goto(url + "/self-check/", wait_until="networkidle")
    # The tab's icon is the browser's own request and may come a little after load; any other request counts.
    icon = page.evaluate("document.querySelector('link[rel~=icon]').href")
    page.requests_after_load = []
    page.on("request", lambda r: r.url == icon or page.requests_after_load.append(r.url))
    return page


@pytest.fixture
def sc(context, site_url, table):
    return open_check(context, site_url, table)


# ---------------------------------------------------------------- driving the self-check
def h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def shows(page, heading: str) -> None:
    """Wait until the screen's heading is `heading` (history moves arrive a moment after the click)."""
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def fill_answer(page, q: dict, value) -> None:
    if q["type"] == "month_year":
        if value == "not-sure":
            page.get_by_role("checkbox", name=q["unsure_label"]).check()
        else:
            page.get_by_role("textbox", name=MONTH).fill(str(value[0]))
            page.get_by_role("textbox", name=YEAR).fill(str(value[1]))
    else:
        label = next(a["label"] for a in q["answers"] if a["value"] == value)
        page.get_by_role("radio", name=label, exact=True).check()


def answer_all(page, table: dict, answers: dict, each=lambda page: None) -> list[str]:
    """Answer every question the self-check shows, until "Check your answers"; the ids asked."""
    words, by_text, asked = table["words"], {q["text"]: q for q in table["questions"]}, []
    page.get_by_role("button", name=words["start"]).click()
    while h1(page) != words["check_title"]:
        q = by_text[h1(page)]
        asked.append(q["id"])
        each(page)
        fill_answer(page, q, answers[q["id"]])
        page.get_by_role("button", name=words["continue"]).click()
        assert len(asked) <= len(table["questions"])
    return asked


def as_evaluator_answers(answers: dict) -> dict:
    return {k: {"month": v[0], "year": v[1]} if isinstance(v, tuple) else v for k, v in answers.items()}


def stored(page) -> dict:
    """Everything the page could have left on the device."""
    return {
        "cookies": page.context.cookies(),
        "local": page.evaluate("Object.keys(localStorage)"),
        "session": page.evaluate("Object.keys(sessionStorage)"),
        "indexeddb": page.evaluate("async () => (await indexedDB.databases()).map(d => d.name)"),
    }


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
    if outcome == "not-met":
        assert "reunified-since" not in asked  # asked only after "Yes"


def test_waiting_dates_are_counted_from_the_end_of_the_month(sc, table):
    """Children home since March 2025, today 15 June 2025: counted from 31 March 2025, training after six
    months lands on 31 September, which does not exist, so 1 October; one year is 31 March 2026."""
    answer_all(sc, table, {**MEETS_ALL, "reunified-since": (3, 2025)})
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    text = sc.locator("#sc-app").inner_text()
    assert "training from October 1, 2025" in text and "From March 31, 2026, you would meet the time rules" in text


def test_print_button_prints_only_on_the_device(sc, table):
    answer_all(sc, table, MEETS_ALL)
    sc.get_by_role("button", name=table["words"]["see_result"]).click()
    sc.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 }; }")
    sc.get_by_role("button", name=table["words"]["print"]).click()
    assert sc.evaluate("window.__printed") == 1 and sc.requests_after_load == []


# ---------------------------------------------------------------- moving around
def focused_text(page) -> str:
    return page.evaluate("document.activeElement.innerText")


def test_back_link_and_browser_back(sc, table):
    w = table["words"]
    q1, q2, q3 = table["questions"][:3]
    sc.get_by_role("button", name=w["start"]).click()
    shows(sc, q1["text"])
    assert focused_text(sc) == q1["text"]
    fill_answer(sc, q1, "yes")
    sc.get_by_role("button", name=w["continue"]).click()
    shows(sc, q2["text"])
    assert focused_text(sc) == q2["text"]
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, q1["text"])
    assert focused_text(sc) == q1["text"]
    assert sc.get_by_role("radio", name="Yes", exact=True).is_checked()  # the answer is kept
    sc.get_by_role("button", name=w["continue"]).click()
    fill_answer(sc, q2, (2, 2024))
    sc.get_by_role("button", name=w["continue"]).click()
    shows(sc, q3["text"])
    url = sc.url
    sc.go_back()
    shows(sc, q2["text"])
    assert sc.get_by_role("textbox", name=MONTH).input_value() == "2"
    sc.go_back()
    shows(sc, q1["text"])
    sc.go_forward()
    shows(sc, q2["text"])
    assert sc.url == url
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, q1["text"])
    sc.get_by_role("link", name=w["back"]).click()
    shows(sc, table["self_check"]["title"])
    assert sc.requests_after_load == []


def test_change_from_check_your_answers(sc, table):
    w, qs = table["words"], {q["id"]: q for q in table["questions"]}
    answer_all(sc, table, MEETS_ALL)
    rows = sc.locator(".sc-summary dt").all_inner_texts()
    assert qs["reunified-since"]["text"] in rows and qs["not-returned-since"]["text"] not in rows

    # a change that asks nothing new goes straight back to "Check your answers"
    sc.get_by_role("link", name=f'{w["change"]} {qs["reunified"]["text"]}').click()
    assert h1(sc) == qs["reunified"]["text"] and sc.get_by_role("radio", name="Yes", exact=True).is_checked()
    fill_answer(sc, qs["reunified"], "no")
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == w["check_title"]
    assert qs["reunified-since"]["text"] not in sc.locator(".sc-summary dt").all_inner_texts()

    # a change that opens a question asks it, then comes back
    sc.get_by_role("link", name=f'{w["change"]} {qs["not-returned"]["text"]}').click()
    fill_answer(sc, qs["not-returned"], "yes")
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == qs["not-returned-since"]["text"]
    fill_answer(sc, qs["not-returned-since"], (1, 2025))
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == w["check_title"]
    assert "January 2025" in sc.locator(".sc-summary").inner_text()
    sc.get_by_role("button", name=w["see_result"]).click()
    assert h1(sc) == next(o["title"] for o in table["outcomes"] if o["id"] == "not-met")


def test_missing_and_wrong_answers_show_the_error_summary(sc, table):
    w, qs = table["words"], {q["id"]: q for q in table["questions"]}
    title = sc.title()
    sc.get_by_role("button", name=w["start"]).click()
    sc.get_by_role("button", name=w["continue"]).click()
    assert sc.title() == f'{w["error_prefix"]} {title}'
    assert sc.evaluate("document.activeElement.className") == "sc-errors"
    assert focused_text(sc).startswith(w["error_title"])
    sc.get_by_role("link", name=w["error_choose"]).click()
    assert sc.evaluate("document.activeElement.type") == "radio"
    fill_answer(sc, qs["reunified"], "yes")
    sc.get_by_role("button", name=w["continue"]).click()
    assert sc.title() == title

    date = qs["reunified-since"]
    cases = [
        (("", ""), w["error_date"].replace("{unsure_label}", date["unsure_label"])),
        (("13", "2024"), w["error_month"]),
        (("0", "2024"), w["error_month"]),
        (("2", "24"), w["error_year"]),
        (("7", "2025"), w["error_future"]),  # today is June 2025
        (("1", "2026"), w["error_future"]),
    ]
    for (month, year), message in cases:
        sc.get_by_role("textbox", name=MONTH).fill(month)
        sc.get_by_role("textbox", name=YEAR).fill(year)
        sc.get_by_role("button", name=w["continue"]).click()
        assert h1(sc) == date["text"]
        assert sc.title().startswith(w["error_prefix"] + " ")
        summary = sc.locator(".sc-errors")
        assert summary.evaluate("el => el === document.activeElement")
        assert summary.get_by_role("link", name=message).is_visible()
        assert sc.get_by_role("group", name=date["text"]).get_by_text(message).is_visible()
    sc.get_by_role("textbox", name=MONTH).fill("6")
    sc.get_by_role("textbox", name=YEAR).fill("2025")  # this month is allowed
    sc.get_by_role("button", name=w["continue"]).click()
    assert h1(sc) == qs["case-dismissed"]["text"] and sc.title() == title


# ---------------------------------------------------------------- quick exit
def _start_answering(sc, table):
    qs = table["questions"]
    sc.get_by_role("button", name=table["words"]["start"]).click()
    fill_answer(sc, qs[0], "yes")
    sc.get_by_role("button", name=table["words"]["continue"]).click()
    fill_answer(sc, qs[1], (2, 2024))


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_leaves_and_back_does_not_show_answers(sc, site_url, table, how):
    _start_answering(sc, table)
    if how == "button":
        sc.get_by_role("button", name=table["words"]["exit"]).click()
    else:
        for _ in range(3):
            sc.keyboard.press("Shift")
    sc.wait_for_url(table["self_check"]["quick_exit_url"])
    assert sc.get_by_text("Neutral page").is_visible()
    sc.go_back()
    sc.wait_for_load_state()
    assert sc.url == site_url + "/self-check/"
    assert sc.evaluate("document.querySelectorAll('input:checked').length") == 0
    assert sc.get_by_role("radio").count() == 0 and sc.get_by_role("textbox", name=MONTH).count() == 0
    assert h1(sc) == table["self_check"]["title"]
    assert stored(sc) == {"cookies": [], "local": [], "session": [], "indexeddb": []}


def test_shift_pressed_with_other_keys_does_not_exit(sc, table):
    _start_answering(sc, table)
    sc.keyboard.press("Shift")
    sc.keyboard.press("Shift+A")
    sc.keyboard.press("Shift")
    assert h1(sc) == table["questions"][1]["text"]


def test_quick_exit_is_on_every_screen(sc, table):
    w = table["words"]
    seen = []
    answer_all(sc, table, MEETS_ALL, each=lambda page: seen.append(page.get_by_role("button", name=w["exit"]).is_visible()))
    assert seen and all(seen)
    assert sc.get_by_role("button", name=w["exit"]).is_visible()
    sc.get_by_role("button", name=w["see_result"]).click()
    assert sc.get_by_role("button", name=w["exit"]).is_visible()


# ---------------------------------------------------------------- accessibility
def _no_violations(page, where: str) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, f"{where}:\n{results.generate_report()}"


def _fits_360(page, where: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), where
    small = page.evaluate("""() => [...document.querySelectorAll('#sc-app a, #sc-app button, #sc-app input')]
        .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
        .filter(([_, r]) => r.width > 0 && (r.width < 24 || r.height < 24)).map(([h]) => h)""")
    assert small == [], f"{where}: {small}"


@pytest.mark.parametrize("check", [_no_violations, _fits_360], ids=["axe-wcag22aa", "360px"])
def test_every_screen(sc, table, check):
    w = table["words"]
    check(sc, "start")

    def each(page):
        check(page, h1(page))
        page.get_by_role("button", name=w["continue"]).click()  # the same screen with an error
        check(page, "error: " + h1(page))

    answer_all(sc, table, {**MEETS_ALL, "reunified-since": (10, 2024), "not-returned": "yes",
                           "not-returned-since": (1, 2025), "substance": "yes", "substance-free-since": "not-sure"}, each)
    check(sc, "check your answers")
    sc.get_by_role("button", name=w["see_result"]).click()
    check(sc, "result")


def _tab_to(page, name: str, back: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focused element is called `name` (its label or its text)."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        current = page.evaluate("""() => { const el = document.activeElement;
            return ((el.labels && el.labels[0] ? el.labels[0].innerText : el.innerText) || '').replace(/\\s+/g, ' ').trim(); }""")
        if current == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_keyboard_alone(sc, table):
    """Tab, Space and Enter only, through every question to the result, with a Back and a Change.
    Tab reaches the first radio of a group and the "not sure" boxes, so that is what this parent picks."""
    w, by_text = table["words"], {q["text"]: q for q in table["questions"]}
    answers = {}
    _tab_to(sc, w["start"])
    sc.keyboard.press("Enter")
    went_back = False
    while h1(sc) != w["check_title"]:
        q = by_text[h1(sc)]
        answers[q["id"]] = "not-sure" if q["type"] == "month_year" else q["answers"][0]["value"]
        _tab_to(sc, q["unsure_label"] if q["type"] == "month_year" else q["answers"][0]["label"])
        sc.keyboard.press("Space")
        _tab_to(sc, w["continue"])
        sc.keyboard.press("Enter")
        if not went_back:
            went_back = True
            _tab_to(sc, w["back"], back=True)
            sc.keyboard.press("Enter")
            shows(sc, table["questions"][0]["text"])
            _tab_to(sc, w["continue"])
            sc.keyboard.press("Enter")
    _tab_to(sc, f'{w["change"]} {table["questions"][0]["text"]}')
    sc.keyboard.press("Enter")
    assert h1(sc) == table["questions"][0]["text"]
    _tab_to(sc, w["continue"])
    sc.keyboard.press("Enter")
    assert h1(sc) == w["check_title"]
    _tab_to(sc, w["see_result"])
    sc.keyboard.press("Enter")
    expected = evaluate(table, answers, TODAY.date())
    assert h1(sc) == next(o["title"] for o in table["outcomes"] if o["id"] == expected.id)
    assert len(answers) == len(table["questions"])  # every question was reached


# ---------------------------------------------------------------- without JavaScript
def test_without_javascript_the_checklist_is_shown(browser, site_url, table):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(site_url + "/self-check/")
        assert page.get_by_role("heading", name=table["words"]["checklist_title"]).is_visible()
        for q in table["questions"]:
            assert page.get_by_text(q["text"], exact=True).first.is_visible()
        assert page.get_by_role("button", name=table["words"]["start"]).count() == 0
        assert page.locator("#sc-app").inner_html() == ""
    finally:
        ctx.close()


def test_with_javascript_the_checklist_is_hidden(sc, table):
    assert sc.get_by_role("heading", name=table["words"]["checklist_title"]).count() == 0


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
        assert "From October 1, 2026, you would meet the time rules" in text  # 31 March 2025 + 18 months: no 31 September, so 1 October
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
    finally:
        ctx.close()
        server.shutdown()


def test_skip_link_leads_into_the_self_check(sc, table):
    """The theme's skip link must not point at the checklist, which is hidden when JavaScript runs."""
    sc.keyboard.press("Tab")
    skip = sc.evaluate("document.activeElement.getAttribute('href')")
    target = sc.locator(skip)
    expect(target).to_be_visible()
    sc.keyboard.press("Enter")
    _tab_to(sc, table["words"]["start"])  # the next Tab stops are inside the self-check


def test_start_screen_back_link_leads_to_the_eligibility_page(sc, table, site_url):
    """A Back link on every screen: on the first one it leads back to the handbook's eligibility page."""
    sc.get_by_role("link", name=table["words"]["back"]).click()
    sc.wait_for_url(site_url + "/eligibility/")
