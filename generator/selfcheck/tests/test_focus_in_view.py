"""Each screen's heading, focused when the screen changes, starts in view: below the sticky "Leave this page"
bar (never under it) and above the foot of the screen, on a small phone with the text at twice its size, in
each language, whatever the bar's height (issue 23: long words wrap it onto more lines; here it is also made
taller on purpose): the page's scroll padding is the bar's measured height, set on each screen and on resize."""
from __future__ import annotations

import pytest

from generator.selfcheck.tests.driving import LANGUAGES, MEETS_ALL, answer_all, language_table, open_check

WHERE = """() => {
  const heading = document.activeElement, r = heading.getBoundingClientRect();
  return {focused: heading.id, text: heading.innerText.slice(0, 40), top: Math.round(r.top),
          bar: Math.round(document.querySelector('.sc-bar').getBoundingClientRect().bottom), foot: innerHeight};
}"""


@pytest.mark.parametrize("bar", ["as it is", "taller"])
@pytest.mark.parametrize("language", [None, *LANGUAGES], ids=lambda language: language or "en")
@pytest.mark.parametrize("text", [200, 100])
def test_a_focused_question_heading_starts_below_the_exit_bar(browser, site_url, built_site, text, language, bar):
    table = language_table(built_site.parent / "data", language)
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    page = open_check(ctx, site_url, table, f"/{language}/self-check/" if language else "/self-check/")
    page.evaluate("(size) => { document.documentElement.style.fontSize = size + '%'; }", text)
    if bar == "taller":  # as if its words wrapped onto three more lines; the page learns it on resize
        page.evaluate("() => { document.querySelector('.sc-bar').style.paddingBottom = '6em'; dispatchEvent(new Event('resize')); }")
    seen = []
    try:  # each question is reached by Continue at the foot of the one before, so the page is scrolled down
        answer_all(page, table, MEETS_ALL, each=lambda p: seen.append(p.evaluate(WHERE)))
    finally:
        ctx.close()
    assert len(seen) >= 5
    longest = max((q["text"] for q in table["questions"]), key=len)
    assert longest in {s["text"] for s in seen} or any(longest.startswith(s["text"]) for s in seen), "the longest heading was shown"
    hidden = [s for s in seen if s["focused"] != "sc-h" or not s["bar"] <= s["top"] < s["foot"]]
    assert hidden == [], hidden
