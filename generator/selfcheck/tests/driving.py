"""Driving the parents' self-check in a real browser (Debian's Chromium), as a person would: by role
and accessible name, with words taken from the same decision table the page is built from. The
browser tests of the self-check (generator/selfcheck/tests/test_*.py) share these fixtures and helpers.

Today's date is fixed with Playwright's clock, so every date the self-check states is known.
"""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.kit import ROOT
from generator.policy import translations
from generator.policy.load import load_all
from generator.selfcheck import decision_table

TODAY = dt.datetime(2025, 6, 15, 12, 0)
_WORDS = decision_table(load_all(ROOT / "data"))["words"]
LANGUAGES = load_all(ROOT / "data").program.translations
"""The further languages of the real data: the self-check is tested in each of them too."""


def language_table(data_dir, language: str | None = None, link=lambda uri: uri, day=None) -> dict:
    """The decision table of the data in a further language (None: the main one), as its page carries it."""
    hb = load_all(data_dir)
    return decision_table(translations.edition(hb, language) if language else hb, link, day)
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
    "not-met": {"open-case": "yes"},
    "disputed": {"reunified": "no"},
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


def open_check(context, url: str, table: dict, path: str = "/self-check/"):
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.clock.set_fixed_time(TODAY)
    exit_url = table["self_check"]["quick_exit_url"]
    page.route(exit_url + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE))
    # "load": the page is one request (everything inline), so once it has loaded, any request but the
    # tab's icon (the browser's own, which may come a little after load) is one the self-check made.
    page.goto(url + path, wait_until="load")
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


def fill_answer(page, q: dict, value, words: dict = _WORDS) -> None:
    if q["type"] == "month_year":
        if value == "not-sure":
            page.get_by_role("checkbox", name=q["unsure_label"]).check()
        else:
            page.get_by_role("textbox", name=words["month"]).fill(str(value[0]))
            page.get_by_role("textbox", name=words["year"]).fill(str(value[1]))
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
        fill_answer(page, q, answers[q["id"]], words)
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


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.innerText")


def _tab_to(page, name: str, back: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focused element is called `name` (its label or its text)."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        current = page.evaluate("""() => { const el = document.activeElement;
            return ((el.labels && el.labels[0] ? el.labels[0].innerText : el.innerText) || '').replace(/\\s+/g, ' ').trim(); }""")
        if current == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


# ---------------------------------------------------------------- without JavaScript
def words_of(data_dir, language: str | None = None) -> dict:
    """All the site's words in a language (None: the main one), the checklist's too (the table carries
    only those its script reads)."""
    from generator.policy.strings import strings_for

    hb = load_all(data_dir)
    return strings_for((translations.edition(hb, language) if language else hb).program)


def check_without_javascript(browser, site_url: str, table: dict, words: dict, path: str = "/self-check/") -> None:
    """With JavaScript off, the self-check's page says it needs it and links to the checklist; the checklist's
    page lists every question; both have a plain "Leave this page" link, which leaves."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    exit_url = table["self_check"]["quick_exit_url"]
    ctx.route(exit_url + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE))
    try:
        page = ctx.new_page()
        page.goto(site_url + path)
        expect(page.get_by_role("heading", level=1, name=table["self_check"]["title"], exact=True)).to_be_visible()
        # (Playwright's text search leaves out what is inside <noscript>, so look for the paragraph)
        expect(page.locator("p", has_text=words["self_check_needs_js"])).to_be_visible()
        assert page.get_by_role("button", name=table["words"]["start"]).count() == 0
        assert page.locator("#sc-app").inner_html() == ""
        expect(page.get_by_role("link", name=words["self_check_exit"])).to_have_attribute("href", exit_url)
        page.get_by_role("link", name=words["self_check_checklist_title"]).click()
        expect(page.get_by_role("heading", level=1, name=table["self_check"]["title"], exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name=words["self_check_checklist_title"], level=2)).to_be_visible()
        for q in table["questions"]:
            expect(page.get_by_text(q["text"], exact=True).first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.get_by_role("link", name=words["self_check_exit"]).click()
        page.wait_for_url(exit_url)
        expect(page.get_by_text("Neutral page")).to_be_visible()
    finally:
        ctx.close()