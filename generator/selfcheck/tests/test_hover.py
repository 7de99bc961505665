"""Every button of the self-check stays readable under a mouse (issue 21, 1): hovered, its text keeps 4.5:1
against its background and its edge 3:1 against the page, in light and dark, on a phone and a laptop.
axe cannot see a hover, so each button is hovered as a person would, and the colours it then shows are measured."""
from __future__ import annotations

import pytest

from tests.kit.contrast import colours, ratio
from generator.selfcheck.tests.driving import table  # noqa: F401  (fixture)
from generator.selfcheck.tests.driving import MEETS_ALL, answer_all, open_check


def _hovered(page, names: list[str], screen: str) -> list[str]:
    """Hover each named button; what is hard to read while it is hovered."""
    bad = []
    for name in names:
        button = page.get_by_role("button", name=name, exact=True)
        button.hover()
        seen = colours(button)
        text, edge = ratio(seen["text"], seen["background"]), ratio(seen["edge"], seen["page"])
        if text < 4.5 or edge < 3:
            bad.append(f"{screen}: {name!r} hovered: text {text:.2f}:1, edge {edge:.2f}:1 ({seen})")
    return bad


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_button_keeps_its_contrast_under_a_mouse(browser, site_url, table, scheme, width):
    w = table["words"]
    ctx = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    try:
        page = open_check(ctx, site_url, table)
        bad = _hovered(page, [w["start"], w["exit"]], "start")
        answer_all(page, table, MEETS_ALL, each=lambda p: bad.extend(_hovered(p, [w["continue"]], "question")))
        bad += _hovered(page, [w["see_result"]], "check your answers")
        page.get_by_role("button", name=w["see_result"]).click()
        bad += _hovered(page, [w["print"], w["start_again"], w["exit"]], "result")
    finally:
        ctx.close()
    assert bad == []
