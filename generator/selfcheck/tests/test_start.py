"""A short way to start (issue 21, 5): on a phone (360 x 800), "Start now" is on the start screen's first
screen and the handbook's home page links to the self-check within its first screen, in each language; the
start screen says in one sentence how to leave no trace (2); nothing of what a parent should know is dropped
(it follows the button)."""
from __future__ import annotations

import pytest

from generator.selfcheck.tests.driving import context  # noqa: F401  (fixture)
from generator.selfcheck.tests.driving import LANGUAGES, language_table, open_check

FOLD = 800


def _bottom(locator) -> float:
    return locator.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")


@pytest.mark.parametrize("language", [None, *LANGUAGES], ids=lambda language: language or "en")
def test_start_now_and_the_home_page_s_link_are_on_the_first_screen(context, site_url, built_site, language):
    table = language_table(built_site.parent / "data", language)
    folder = f"/{language}" if language else ""
    sc = open_check(context, site_url, table, folder + "/self-check/")
    w, app = table["words"], sc.locator("#sc-app")
    assert _bottom(sc.get_by_role("button", name=w["start"])) <= FOLD
    text = app.inner_text()
    # what a parent should know is all there, before or after the button, with its sources
    for paragraph in table["self_check"]["intro"]:
        assert paragraph["text"] in text and all(c in text for c in paragraph.get("cite") or [])
    for words in ("not_decision", "private", "exit_help", "no_trace"):
        assert w[words] in text
    assert all(item["text"] in text for item in table["self_check"]["takes"]["items"])
    sc.goto(site_url + folder + "/")
    link = sc.get_by_role("link", name=table["self_check"]["title"], exact=True).first
    assert _bottom(link) <= FOLD
