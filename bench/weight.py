"""4. The self-check's weight: what a fresh browser fetches on a first visit, and its own script's size."""
from __future__ import annotations

from bench import budgets
from bench.common import ok
from bench.context import Context
from tests.kit import launch_chromium, serve

SECTION = "weight"
TITLE = "4. self-check weight"


def measure(ctx: Context) -> dict:
    from playwright.sync_api import sync_playwright

    site = ctx.site()
    base, server = serve(site)
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            responses = budgets.first_load(browser, base, "/self-check/")
            browser.close()
    finally:
        server.shutdown()
    by_type: dict[str, dict] = {}
    for r in responses:
        t = by_type.setdefault(r["type"], {"requests": 0, "bytes": 0, "gzip_bytes": 0})
        t["requests"] += 1
        t["bytes"] += r["bytes"]
        t["gzip_bytes"] += r["gzip_bytes"]
    js = site / budgets.SELF_CHECK_JS
    css = site / budgets.SELF_CHECK_CSS
    total_gz = sum(r["gzip_bytes"] for r in responses)
    return {
        "requests": len(responses), "bytes": sum(r["bytes"] for r in responses), "gzip_bytes": total_gz,
        "by_type": by_type, "responses": responses,
        "external": [r["url"] for r in responses if not r["url"].startswith(base)],
        "self_check_js_gzip": budgets.gz(js.read_bytes()) if js.is_file() else None,
        "self_check_css_gzip": budgets.gz(css.read_bytes()) if css.is_file() else None,
        "self_check_present": js.is_file(),
        "budget_first_load": budgets.FIRST_LOAD_BUDGET, "budget_js": budgets.JS_BUDGET,
    }


def rows(r: dict) -> list[str]:
    w = r["weight"]
    types = ", ".join(f"{t} {v['requests']} ({v['gzip_bytes'] / 1024:.1f} KiB gz)" for t, v in sorted(w["by_type"].items()))
    L = [f"| 4 | self-check first load | {w['requests']} requests, {w['bytes'] / 1024:.1f} KiB raw, {w['gzip_bytes'] / 1024:.1f} KiB gzipped ({types}) | "
             f"≤ 100 KiB gz | {ok(w['gzip_bytes'] <= w['budget_first_load'])} | Chromium (Playwright) opens /self-check/ in a fresh context "
             "from a local server, waits for network idle + 0.5 s; every response body counted, gzip level 6 |"]
    js = w["self_check_js_gzip"]
    L.append(f"| 4 | self-check's own JS | {'%.1f KiB gzipped' % (js / 1024) if js is not None else 'not built yet (no ' + budgets.SELF_CHECK_JS + ')'}"
             f"{'; its CSS %.1f KiB gz' % (w['self_check_css_gzip'] / 1024) if w['self_check_css_gzip'] is not None else ''} | ≤ 10 KiB gz | "
             f"{ok(js is not None and js <= w['budget_js'])} | `{budgets.SELF_CHECK_JS}` in the built site, gzip level 6 |")
    L.append(f"| 4 | external requests on first load | {len(w['external'])} | 0 | {ok(not w['external'])} | responses whose URL is not the local server |")
    return L
