"""Each screen's heading, focused when the screen changes, starts in view: below the sticky "Leave this page"
bar (never under it) and above the foot of the screen, on a small phone with the text at twice its size."""
from __future__ import annotations

import pytest

from generator.selfcheck.tests.driving import table  # noqa: F401  (fixture)
from generator.selfcheck.tests.driving import MEETS_ALL, answer_all, open_check

WHERE = """() => {
  const heading = document.activeElement, r = heading.getBoundingClientRect();
  return {focused: heading.id, text: heading.innerText.slice(0, 40), top: Math.round(r.top),
          bar: Math.round(document.querySelector('.sc-bar').getBoundingClientRect().bottom), foot: innerHeight};
}"""


@pytest.mark.parametrize("text", [200, 100])
def test_a_focused_question_heading_starts_below_the_exit_bar(browser, site_url, table, text):
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    page = open_check(ctx, site_url, table)
    page.evaluate("(size) => { document.documentElement.style.fontSize = size + '%'; }", text)
    seen = []
    try:  # each question is reached by Continue at the foot of the one before, so the page is scrolled down
        answer_all(page, table, MEETS_ALL, each=lambda p: seen.append(p.evaluate(WHERE)))
    finally:
        ctx.close()
    assert len(seen) >= 5
    hidden = [s for s in seen if s["focused"] != "sc-h" or not s["bar"] <= s["top"] < s["foot"]]
    assert hidden == [], hidden
