"""The parents' self-check in a real browser: every screen against WCAG 2.2 AA and at 360 px, and the keyboard alone."""
from __future__ import annotations

import re

import pytest

from tests.kit.axe import axe_violations
from generator.selfcheck import evaluate
from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import LANGUAGES, MEETS_ALL, TODAY, _tab_to, answer_all, h1, shows


# ---------------------------------------------------------------- accessibility
def _no_violations(page, where: str) -> None:
    found = axe_violations(page)  # waits for the page to be still, then checks WCAG 2.2 AA
    assert found == [], f"{where}:\n" + "\n".join(found)


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


def _as_without_javascript(route):
    """The page as a browser without JavaScript shows it: what <noscript> holds, and no script (axe itself
    needs JavaScript, so the test browser keeps it and is given the page that way)."""
    response = route.fetch()
    body = re.sub(r"<script\b(?![^>]*application/json)[^>]*>.*?</script>", "", response.text(), flags=re.S)
    route.fulfill(response=response, body=body.replace("<noscript>", "").replace("</noscript>", ""))


@pytest.mark.parametrize("language", [None, *LANGUAGES], ids=lambda language: language or "main")
@pytest.mark.parametrize("width", [360, 1280])
def test_the_page_without_javascript_and_the_checklist_s_page(browser, site_url, language, width):
    """What a browser without JavaScript gets: the self-check's page saying so, and the checklist's own page."""
    folder = f"/{language}" if language else ""
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    ctx.route("**/self-check/", _as_without_javascript)
    try:
        page = ctx.new_page()
        for path in (f"{folder}/self-check/", f"{folder}/self-check/list/"):
            page.goto(site_url + path)
            assert page.locator("#sc-app").count() in (0, 1) and page.get_by_role("button").count() == 0, path
            _no_violations(page, path)
            _fits_360(page, path)
    finally:
        ctx.close()
