"""The parents' self-check in a real browser: quick exit, and the page without JavaScript."""
from __future__ import annotations

import pytest

from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import MEETS_ALL, MONTH, answer_all, check_without_javascript, fill_answer, h1, stored, words_of


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


# ---------------------------------------------------------------- without JavaScript
def test_without_javascript_the_checklist_is_a_link_away_and_leaving_works(browser, site_url, table, built_site):
    check_without_javascript(browser, site_url, table, words_of(built_site.parent / "data"))


def test_with_javascript_the_checklist_is_hidden(sc, table, built_site):
    words = words_of(built_site.parent / "data")
    assert sc.locator("p", has_text=words["self_check_needs_js"]).count() == 0
    assert sc.get_by_role("link", name=words["self_check_checklist_title"]).count() == 0
