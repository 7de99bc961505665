"""What the handbook's browser tests share: the built pages' addresses, and checks that return
what they found wrong (requests to other hosts, sideways scrolling, focus that cannot be seen).
Each check has a test that shows it catching a page that is wrong on purpose."""
from __future__ import annotations

import re
from pathlib import Path

from tests.kit import ROOT, open_each
from tests.kit.axe import wait_until_still
from generator.site import build, pages, registry
from generator import selfcheck

SITE = build.prepare(ROOT / "data", ROOT / "content")
HB = SITE.handbook
SELF_CHECK = next(e.uri for e in registry.PAGES if e.context is selfcheck.page_values)
"""The self-check's page (the one that runs it)."""
LEAN = {e.uri for e in registry.PAGES if e.theme == selfcheck.PAGE_TEMPLATE}
"""The self-check's own lean pages (the self-check and its checklist): not the theme's, tested with the self-check."""
PRINT = next(e.uri for e in registry.PAGES if e.gathers)
HANDBOOK_PAGES = pages.Renderer(HB).handbook_pages()
"""The generated pages of the handbook, each tier's too: all but the self-check and the print page."""
PHONE, LAPTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 800}
SEARCH = "Search"  # Material's word for the search box and dialog in English, the program's language


def site_paths(site: Path, *, all_pages: bool = False) -> list[str]:
    """The address of every built page (the handbook's own, unless all_pages)."""
    paths, self_checks = [], {"/" + e.folder + _url(uri).lstrip("/") for e in SITE.editions for uri in LEAN}  # in each language
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        path = "/" + rel.removesuffix("index.html")
        if all_pages or (html.name == "index.html" and path not in self_checks):
            paths.append(path)
    return paths


# ---------------------------------------------------------------- checks
def failed_requests(browser, base_url: str, paths: list[str]) -> list[str]:
    """Open every page and wait until it asks for nothing more; list each request of the page's own site
    that failed or was answered with an error (a 404 costs a phone a round trip, and means something
    looked for a file that is not there)."""
    context = browser.new_context(viewport=PHONE)
    found: list[str] = []
    context.on("response", lambda r: r.status >= 400 and found.append(f"{r.status} {r.url.removeprefix(base_url)}"))
    context.on("requestfailed", lambda r: found.append(f"failed {r.url.removeprefix(base_url)}"))
    try:
        for _ in open_each(context, [base_url + path for path in paths]):
            pass
    finally:
        context.close()
    return sorted(set(found))


def requests_to_other_hosts(browser, base_url: str, paths: list[str], quiet_within: float = 30_000) -> list[str]:
    """Open every page (and search once) and list each request that leaves the local server.
    Such requests are blocked, so nothing ever reaches the internet. If the network does not go quiet
    within `quiet_within` ms, the failure names the requests still unanswered (one did so, once, in a
    run of the browser tests ten times, and a bare timeout said nothing of which)."""
    from playwright.sync_api import TimeoutError as Timeout

    context = browser.new_context(viewport=PHONE)
    found: list[str] = []
    unanswered: dict = {}
    local = (base_url + "/", "data:", "blob:")

    def note(request):
        unanswered[request] = request.url
        if not request.url.startswith(local):
            found.append(request.url)

    def block(route):
        route.continue_() if route.request.url.startswith(local) else route.abort()

    context.on("request", note)
    for ended in ("requestfinished", "requestfailed"):
        context.on(ended, lambda request: unanswered.pop(request, None))
    context.route("**/*", block)
    try:
        page = context.new_page()
        for path in paths:  # what a page's HTML and CSS fetch comes before "load"
            page.goto(base_url + path, wait_until="load")
        try:
            page.goto(base_url + "/", wait_until="networkidle", timeout=quiet_within)  # what the theme's script fetches later
            page.get_by_role("textbox", name=SEARCH).press_sequentially(HB.tiers.tiers[0].name)
            page.wait_for_load_state("networkidle", timeout=quiet_within)
        except Timeout:
            raise AssertionError(f"the network did not go quiet within {quiet_within / 1000:g} s on {page.url}; unanswered: "
                                 f"{sorted(set(unanswered.values()))}") from None
    finally:
        context.close()
    return sorted(set(found))


def sideways_scroll(page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the viewport)."""
    return page.evaluate("() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")


def focus_problem(page, first: bool) -> str | None:
    """Why the keyboard focus cannot be seen now, or None: the focused element must be on screen
    and look different once the focus has moved back off it (Shift+Tab, then Tab to return)."""
    wait_until_still(page)
    name, box = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return [(e.getAttribute('aria-label') || e.textContent || e.tagName).trim().replace(/\\s+/g, ' ').slice(0, 60),
                {x: r.x, y: r.y, width: r.width, height: r.height}]; }""")
    view = page.viewport_size
    if box["width"] < 1 or box["height"] < 1:
        return f"{name!r} has the focus but no size"
    x0, y0 = max(box["x"] - 4, 0), max(box["y"] - 4, 0)
    x1, y1 = min(box["x"] + box["width"] + 4, view["width"]), min(box["y"] + box["height"] + 4, view["height"])
    if x1 - x0 < 2 or y1 - y0 < 2:
        return f"{name!r} has the focus off screen at {box}"
    clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    focused = page.screenshot(clip=clip)
    page.evaluate("() => document.activeElement.setAttribute('data-checking', '')")
    if first:
        page.evaluate("() => document.activeElement.blur()")
    else:
        page.keyboard.press("Shift+Tab")
    wait_until_still(page)
    unfocused = page.screenshot(clip=clip)
    if not first:
        page.keyboard.press("Tab")
    back = page.evaluate("""() => { const e = document.querySelector('[data-checking]'); e.removeAttribute('data-checking');
        return e === document.activeElement; }""")
    if not first and not back:
        return f"Shift+Tab then Tab does not come back to {name!r}"
    return None if focused != unfocused else f"{name!r} looks the same with and without the focus"


def tab_through(page, limit: int = 200) -> tuple[list[str], list[str]]:
    """Press Tab until the focus leaves the page; the names of the stops, and the focus problems.
    Each element reached is marked data-tabbed."""
    stops, problems = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate("""() => { const e = document.activeElement;
            if (!e || e === document.body) return null;
            e.setAttribute('data-tabbed', '');
            return (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().replace(/\\s+/g, ' ').slice(0, 60); }""")
        if name is None or (stops and name == stops[0]):
            break
        stops.append(name)
        problem = focus_problem(page, first=len(stops) == 1)
        if problem:
            problems.append(problem)
    return stops, problems


def _cite_names(uri: str) -> list[str]:
    """The link text of every citation shown on the page `uri`: 'Source short name › Section'."""
    return sorted({f"{HB.source(c.source).short} › {HB.section(c).title}" for u, c in pages.citations(HB) if u == uri})


def heading(title: str) -> re.Pattern:
    """A heading's accessible name: its title, then the "¶" of its link to the section."""
    return re.compile(rf"^{re.escape(title)}(\s*¶)?$")


def _url(uri: str) -> str:
    stem = uri.removesuffix(".md")
    return "/" if stem == "index" else "/" + stem.removesuffix("/index") + "/"


def _unique_activity():
    """A tier and one of its activities whose name no other tier's activity contains."""
    for tier in HB.tiers.tiers:
        for activity in tier.activities:
            others = [a.name for t in HB.tiers.tiers if t is not tier for a in t.activities]
            if not any(activity.name.lower() in o.lower() for o in others):
                return tier, activity
    raise AssertionError("every activity name also appears in another tier")
