"""On a system set to dark, the self-check is dark too, in the handbook's dark colours (Material's "slate",
as shell.py reads them from the theme), and every screen passes axe (WCAG 2.2 AA) at 360 and 1280 px
(issue 21, 3); the checklist's page (the way without JavaScript) as well."""
from __future__ import annotations

import pytest
from mkdocs.config import load_config

from tests.kit import ROOT
from tests.kit.axe import axe_violations
from tests.kit.contrast import colours, luminance
from generator.selfcheck.shell import colours as theme_colours
from generator.selfcheck.tests.driving import table  # noqa: F401  (fixture)
from generator.selfcheck.tests.driving import MEETS_ALL, answer_all, h1, open_check


def _slate_background() -> str:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return theme_colours(config.theme.dirs, config.theme.get("palette"), dark=True)["--md-default-bg-color"]


@pytest.mark.parametrize("width", [360, 1280])
def test_every_screen_is_dark_and_passes_axe(browser, site_url, table, width):
    w, problems = table["words"], []
    ctx = browser.new_context(viewport={"width": width, "height": 800}, color_scheme="dark", timezone_id="UTC")
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())

    def check(page, where):
        problems.extend(f"{where}: {v}" for v in axe_violations(page))

    try:
        page = open_check(ctx, site_url, table)
        body = page.locator("body")
        assert body.evaluate("el => getComputedStyle(el).backgroundColor") == \
            page.evaluate("c => { const d = document.createElement('i'); d.style.color = c; document.body.append(d); "
                          "const got = getComputedStyle(d).color; d.remove(); return got; }", _slate_background())
        assert luminance(colours(body)["background"]) < 0.05
        check(page, "start")

        def each(p):
            check(p, h1(p))
            p.get_by_role("button", name=w["continue"]).click()  # the same screen with an error
            check(p, "error: " + h1(p))

        answer_all(page, table, {**MEETS_ALL, "reunified-since": (10, 2024)}, each)
        check(page, "check your answers")
        page.get_by_role("button", name=w["see_result"]).click()
        check(page, "result")
        page.goto(site_url + "/self-check/list/")
        check(page, "the checklist")
    finally:
        ctx.close()
    assert problems == []
