"""The parents' self-check in a real browser: quick exit, and the page without JavaScript."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import EXIT_PAGE, MEETS_ALL, answer_all, check_without_javascript, fill_answer, h1, stored, words_of


# ---------------------------------------------------------------- quick exit
def _start_answering(sc, table):
    qs = table["questions"]
    sc.get_by_role("button", name=table["words"]["start"]).click()
    fill_answer(sc, qs[0], "yes")
    sc.get_by_role("button", name=table["words"]["continue"]).click()
    fill_answer(sc, qs[1], (2, 2024))


def _from_the_handbook(sc, site_url, table):
    """Go to the handbook's home page and follow its link to the self-check, as a parent would."""
    sc.goto(site_url + "/")
    sc.get_by_role("link", name=table["self_check"]["title"], exact=True).first.click()
    sc.wait_for_url(site_url + "/self-check/")
    return {"url": sc.url, "title": sc.title()}


def _leave(sc, table, how):
    if how == "button":
        sc.get_by_role("button", name=table["words"]["exit"]).click()
    else:
        for _ in range(3):
            sc.keyboard.press("Shift")
    sc.wait_for_url(table["self_check"]["quick_exit_url"])
    assert sc.get_by_text("Neutral page").is_visible()


@pytest.mark.parametrize("screen", ["start", "question", "check", "result"])
@pytest.mark.parametrize("how", ["button", "shift"])
def test_after_quick_exit_back_never_shows_the_self_check(sc, site_url, table, how, screen):
    """Issue 21, 2: no screen is a history entry and leaving replaces the page's own, so Back from the neutral
    page goes to the page before the self-check (here the handbook's home page); the address and the title
    never change from screen to screen (nothing of the answers in them)."""
    home = site_url + "/"
    seen = _from_the_handbook(sc, site_url, table)
    same = lambda page: {"url": page.url, "title": page.title()}  # noqa: E731
    if screen == "question":
        _start_answering(sc, table)
        sc.get_by_role("button", name=table["words"]["continue"]).click()
        assert h1(sc) == table["questions"][2]["text"] and same(sc) == seen
    elif screen in ("check", "result"):
        answer_all(sc, table, MEETS_ALL, each=lambda page: (same(page) == seen) or pytest.fail(str(same(page))))
        if screen == "result":
            sc.get_by_role("button", name=table["words"]["see_result"]).click()
        assert same(sc) == seen
    _leave(sc, table, how)
    sc.go_back()
    assert sc.url == home and sc.title() != seen["title"]
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


# ---------------------------------------------------------------- without JavaScript
def test_without_javascript_the_checklist_is_a_link_away_and_leaving_works(browser, site_url, table, built_site):
    check_without_javascript(browser, site_url, table, words_of(built_site.parent / "data"))


def test_with_javascript_the_checklist_is_hidden(sc, table, built_site):
    words = words_of(built_site.parent / "data")
    assert sc.locator("p", has_text=words["self_check_needs_js"]).count() == 0
    assert sc.get_by_role("link", name=words["self_check_checklist_title"]).count() == 0


def test_without_javascript_back_after_leaving_shows_the_page_as_it_loaded(browser, site_url, table, built_site):
    """Without JavaScript, "Leave this page" is a plain link: a page cannot take itself out of the history
    without a script, so Back shows the self-check's page again, but only as it loads, with nothing of a
    parent's in it (without JavaScript there is nothing to answer: it says so and links to the checklist)."""
    words = words_of(built_site.parent / "data")
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    exit_url = table["self_check"]["quick_exit_url"]
    ctx.route(exit_url + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE))
    try:
        page = ctx.new_page()
        page.goto(site_url + "/")
        page.get_by_role("link", name=table["self_check"]["title"], exact=True).first.click()
        page.wait_for_url(site_url + "/self-check/")
        page.get_by_role("link", name=words["self_check_exit"]).click()
        page.wait_for_url(exit_url)
        page.go_back()
        assert page.url == site_url + "/self-check/"
        assert page.locator("input, textarea, select").count() == 0 and page.locator("#sc-app").inner_html() == ""
        expect(page.locator("p", has_text=words["self_check_needs_js"])).to_be_visible()
    finally:
        ctx.close()
