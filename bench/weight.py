"""4. The self-check's weight: what a fresh browser fetches on a first visit (from a server that gzips, as
real hosts do), its HTML document, its own script, what blocks its first paint, and whether the document
alone shows the start screen."""
from __future__ import annotations

from bench import budgets
from bench.common import ROOT, ok
from bench.context import Context
from tests.kit import launch_chromium, serve

SECTION = "weight"
TITLE = "4. self-check weight"


def measure(ctx: Context) -> dict:
    from playwright.sync_api import sync_playwright

    site = ctx.site()
    base, server = serve(site, gzip=True)
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            responses = budgets.first_load(browser, base, "/self-check/")
            alone = budgets.alone_problem(browser, base, "/self-check/")
            browser.close()
    finally:
        server.shutdown()
    by_type: dict[str, dict] = {}
    for r in responses:
        t = by_type.setdefault(r["type"], {"requests": 0, "bytes": 0, "gzip_bytes": 0})
        t["requests"] += 1
        t["bytes"] += r["bytes"]
        t["gzip_bytes"] += r["gzip_bytes"]
    return {
        "requests": len(responses), "bytes": sum(r["bytes"] for r in responses),
        "gzip_bytes": sum(r["gzip_bytes"] for r in responses), "transferred": sum(r["transferred"] for r in responses),
        "by_type": by_type, "responses": responses,
        "external": [r["url"] for r in responses if not r["url"].startswith(base)],
        "document_gzip": budgets.document_gzip(site), "self_check_js_gzip": budgets.self_check_js_gzip(site),
        "documents_by_language": {lang: budgets.document_gzip(site, f"{lang}/{budgets.SELF_CHECK_PAGE}")
                                  for lang in _languages() if (site / lang / budgets.SELF_CHECK_PAGE).is_file()},
        "render_blocking": budgets.render_blocking(site), "alone": alone,
        "budget_first_load": budgets.FIRST_LOAD_BUDGET, "budget_js": budgets.JS_BUDGET, "budget_document": budgets.DOCUMENT_BUDGET,
    }


def _languages() -> list[str]:
    from generator.policy.load import load_all

    return load_all(ROOT / "data").program.translations


def rows(r: dict) -> list[str]:
    w = r["weight"]
    kib = lambda n: f"{n / 1024:.1f} KiB"  # noqa: E731
    types = ", ".join(f"{t} {v['requests']} ({kib(v['gzip_bytes'])} gz)" for t, v in sorted(w["by_type"].items()))
    js = w.get("self_check_js_gzip")
    return [
        f"| 4 | self-check first load | {w['requests']} requests, {kib(w['bytes'])} raw, {kib(w['gzip_bytes'])} gzipped, "
        f"{kib(w.get('transferred', 0))} sent ({types}) | ≤ {kib(w['budget_first_load'])} gz | {ok(w['gzip_bytes'] <= w['budget_first_load'])} | "
        "Chromium (Playwright) opens /self-check/ in a fresh context from the test kit's gzip server, waits for network idle; "
        "every response body counted at gzip level 6, and as sent |",
        f"| 4 | self-check HTML document | {kib(w.get('document_gzip', 0))} gzipped | ≤ {kib(w.get('budget_document', 0))} gz | "
        f"{ok(w.get('document_gzip', 1 << 30) <= w.get('budget_document', 0))} | `{budgets.SELF_CHECK_PAGE}`, gzip level 6 |",
        *(f"| 4 | self-check HTML document, `{lang}` | {kib(size)} gzipped | ≤ {kib(w.get('budget_document', 0))} gz | "
          f"{ok(size <= w.get('budget_document', 0))} | `{lang}/{budgets.SELF_CHECK_PAGE}` (the page in a further language), gzip level 6 |"
          for lang, size in sorted(w.get("documents_by_language", {}).items())),
        f"| 4 | start screen from the document alone | {w.get('alone') or 'shows and starts'} | every other request refused | "
        f"{ok(not w.get('alone', 'not measured'))} | heading and Start button of the page's own table; Start shows the first question |",
        f"| 4 | render-blocking in the head | {len(w.get('render_blocking', []))} | 0 | {ok(not w.get('render_blocking', [1]))} | "
        "stylesheets and scripts from files that are neither deferred nor async |",
        f"| 4 | self-check's own JS | {kib(js) + ' gzipped' if js is not None else 'none'} | ≤ {kib(w['budget_js'])} gz | "
        f"{ok(js is not None and js <= w['budget_js'])} | the page's inline script, gzip level 6 |",
        f"| 4 | external requests on first load | {len(w['external'])} | 0 | {ok(not w['external'])} | responses whose URL is not the local server |",
    ]
