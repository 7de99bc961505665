"""The parents' self-check in a real browser: "Leave this page" is never covered, and leaving never throws.

Nothing may sit on top of the exit button: at its centre and its four corners the topmost element is the
button (or inside it), at every scroll position of every screen, from a small phone to a desktop, and with
the text twice its size.
"""
from __future__ import annotations

import pytest

from generator.selfcheck.tests.driving import context, sc, table  # noqa: F401  (fixtures)
from generator.selfcheck.tests.driving import MEETS_ALL, answer_all, open_check, shows

WIDTHS = [320, 360, 768, 1280]

COVERED = """(name) => {
  const button = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === name);
  if (!button) return ['no button called ' + name];
  const out = [], end = document.documentElement.scrollHeight - innerHeight, step = Math.max(40, innerHeight / 3);
  for (let y = 0; ; y = Math.min(end, y + step)) {
    scrollTo(0, y);
    const r = button.getBoundingClientRect(), inset = 1;
    const points = [[(r.left + r.right) / 2, (r.top + r.bottom) / 2], [r.left + inset, r.top + inset],
                    [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset]];
    for (const [x, py] of points) {
      const top = document.elementFromPoint(x, py);
      if (!top || !(top === button || button.contains(top)))
        out.push(`scrolled ${Math.round(scrollY)}: at (${Math.round(x)}, ${Math.round(py)}) the top is ` +
                 (top ? top.outerHTML.slice(0, 80) : 'nothing (off screen)'));
    }
    if (y >= end) break;
  }
  scrollTo(0, 0);
  return out;
}"""


@pytest.fixture(params=[(w, t) for t in (100, 200) for w in WIDTHS], ids=lambda p: f"{p[0]}px-text{p[1]}")
def sized(request, browser, site_url, table):
    width, text = request.param
    ctx = browser.new_context(viewport={"width": width, "height": 640 if width < 768 else 800}, timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    page = open_check(ctx, site_url, table)
    page.evaluate("(size) => { document.documentElement.style.fontSize = size + '%'; }", text)
    yield page
    ctx.close()


def test_leave_this_page_is_on_top_everywhere(sized, table):
    w, problems = table["words"], {}

    def check(screen: str) -> None:
        found = sized.evaluate(COVERED, w["exit"])
        if found:
            problems[screen] = found[:3]

    check("start")
    sized.get_by_role("button", name=w["start"]).click()
    first = table["questions"][0]
    shows(sized, first["text"])
    sized.get_by_role("button", name=w["continue"]).click()  # no answer: the error screen
    sized.get_by_role("heading", name=w["error_title"]).wait_for()
    check("errors")
    sized.get_by_role("link", name=w["back"]).click()
    shows(sized, table["self_check"]["title"])
    answer_all(sized, table, MEETS_ALL, each=lambda page: check("question: " + page.get_by_role("heading", level=1).inner_text()))
    check("check answers")
    sized.get_by_role("button", name=w["see_result"]).click()
    sized.get_by_role("button", name=w["start_again"]).wait_for()
    check("result")
    assert len(problems) == 0, problems


@pytest.mark.parametrize("how", ["button", "shift"])
def test_leaving_ten_times_raises_no_script_error(context, site_url, table, how):
    errors: list[str] = []
    for _ in range(10):
        page = open_check(context, site_url, table)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
        page.get_by_role("button", name=table["words"]["start"]).click()
        shows(page, table["questions"][0]["text"])
        if how == "button":
            page.get_by_role("button", name=table["words"]["exit"]).click()
        else:
            for _ in range(3):
                page.keyboard.press("Shift")
        page.wait_for_url(table["self_check"]["quick_exit_url"])
        page.get_by_text("Neutral page").wait_for()
        page.close()
    assert errors == []


def test_the_on_top_check_finds_a_button_that_scrolls_away(sc, table):
    """The check above can fail: with its bar no longer sticky, the button leaves the screen once scrolled."""
    w = table["words"]
    sc.get_by_role("button", name=w["start"]).click()
    sc.get_by_role("button", name=w["continue"]).click()
    sc.get_by_role("heading", name=w["error_title"]).wait_for()
    sc.evaluate("document.documentElement.style.fontSize = '200%'")
    assert sc.evaluate(COVERED, w["exit"]) == []
    sc.locator(".sc-bar").evaluate("bar => { bar.style.position = 'static'; }")
    assert any("off screen" in p for p in sc.evaluate(COVERED, w["exit"]))
