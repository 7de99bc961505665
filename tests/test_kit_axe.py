"""The kit's axe helper waits for a page to be still before it measures colours.

A contrast check that runs while text fades in sees a half-drawn colour: that is what made the
open-search check fail one run in three on a busy machine. These tests show both halves: axe run
mid-transition reports the faint text, and the kit's helper, which waits for the transition to
end, does not.
"""
from __future__ import annotations

from tests.kit.axe import AXE_SCRIPT, axe_violations

# Text that fades from a faint grey to black once the page adds the class "shown".
FADING = """<!doctype html><html lang="en"><title>t</title><style>
    p { color: #ddd; transition: color %(ms)dms linear; } p.shown { color: #000; }</style>
    <main><p>Words that fade in</p></main></html>"""


def _start_fade(page, ms: int) -> None:
    """The page, with axe-core already loaded, and the fade just started."""
    page.set_content(FADING % {"ms": ms})
    page.evaluate(AXE_SCRIPT)
    page.evaluate("() => { document.body.offsetWidth; document.querySelector('p').classList.add('shown'); }")


def test_axe_run_during_a_transition_reports_the_half_drawn_colour(browser_page):
    _start_fade(browser_page, 600_000)  # ten minutes: still near its start colour when axe runs
    ids = browser_page.evaluate("() => axe.run({runOnly: ['color-contrast']}).then(r => r.violations.map(v => v.id))")
    assert ids == ["color-contrast"]


def test_the_kits_axe_waits_for_the_transition_to_end(browser_page):
    _start_fade(browser_page, 1500)
    assert axe_violations(browser_page, ["color-contrast"]) == []
    assert browser_page.evaluate("() => getComputedStyle(document.querySelector('p')).color") == "rgb(0, 0, 0)"
