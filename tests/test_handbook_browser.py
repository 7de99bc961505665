"""The handbook in a real browser, used as caseworkers use it: on a phone (360 px) and a laptop
(1280 px), with the keyboard, with search, without the internet, and printed.

Every check is a helper that returns what it found wrong, and a test shows each helper catching a
page that is wrong on purpose, so a pass means something. The self-check page belongs to the
self-check's own tests and is left out here, except for the external-request check.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.kit import ROOT, build_site, serve
from tests.kit.axe import axe_violations, wait_until_still, with_axe
from generator import build, pages, registry

SITE = build.prepare(ROOT / "data", ROOT / "content")
HB = SITE.handbook
SELF_CHECK = registry.pages_showing(HB, ("eligibility", "self_check"))[0]
PRINT = next(e.uri for e in registry.PAGES if e.gathers)
HANDBOOK_PAGES = pages.Renderer(HB).handbook_pages()
"""The generated pages of the handbook, each tier's too: all but the self-check and the print page."""
PHONE, LAPTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 800}
SEARCH = "Search"  # Material's word for the search box and dialog in English, the program's language


def site_paths(site: Path, *, all_pages: bool = False) -> list[str]:
    """The address of every built page (the handbook's own, unless all_pages)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        path = "/" + rel.removesuffix("index.html")
        if all_pages or (html.name == "index.html" and path != _url(SELF_CHECK)):
            paths.append(path)
    return paths


@pytest.fixture
def phone(browser_page):
    return browser_page  # the kit's browser_page is phone-sized


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


# ---------------------------------------------------------------- checks
def requests_to_other_hosts(browser, base_url: str, paths: list[str]) -> list[str]:
    """Open every page (and search once) and list each request that leaves the local server.
    Such requests are blocked, so nothing ever reaches the internet."""
    context = browser.new_context(viewport=PHONE)
    found: list[str] = []
    local = (base_url + "/", "data:", "blob:")

    def note(request):
        if not request.url.startswith(local):
            found.append(request.url)

    def block(route):
        route.continue_() if route.request.url.startswith(local) else route.abort()

    context.on("request", note)
    context.route("**/*", block)
    try:
        page = context.new_page()
        for path in paths:  # what a page's HTML and CSS fetch comes before "load"
            page.goto(base_url + path, wait_until="load")
        page.goto(base_url + "/", wait_until="networkidle")  # what the theme's script fetches later
        page.get_by_role("textbox", name=SEARCH).press_sequentially(HB.tiers.tiers[0].name)
        page.wait_for_load_state("networkidle")
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


# ---------------------------------------------------------------- 1. no external requests
def test_no_page_requests_anything_from_another_host(browser, site_url, built_site):
    paths = site_paths(built_site, all_pages=True)
    assert len(paths) > len(HANDBOOK_PAGES)
    assert requests_to_other_hosts(browser, site_url, paths) == []


def test_a_web_font_from_another_host_is_caught(browser, project):
    (project / "site_overrides/main.html").write_text(
        (project / "site_overrides/main.html").read_text(encoding="utf-8")
        + '{% block extrahead %}<link rel="stylesheet" href="https://fonts.example.org/css">{% endblock %}\n',
        encoding="utf-8")
    url, server = serve(build_site(project))
    try:
        assert requests_to_other_hosts(browser, url, ["/"]) == ["https://fonts.example.org/css"]
    finally:
        server.shutdown()


# ---------------------------------------------------------------- 2, 3. axe, sideways scrolling, targets
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_every_page_has_no_wcag_22_aa_violations(browser, site_url, built_site, viewport):
    context = with_axe(browser.new_context(viewport=viewport))
    page = context.new_page()
    found = []
    for path in site_paths(built_site):
        page.goto(site_url + path)
        found += axe_violations(page)
    context.close()
    assert found == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_the_open_search_has_no_wcag_22_aa_violations_and_is_named(browser, site_url, viewport):
    tier, activity = _unique_activity()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_role("textbox", name=SEARCH).focus()
    page.keyboard.type(activity.name)
    dialog = page.get_by_role("dialog", name=SEARCH)
    expect(dialog.get_by_role("link").filter(has=page.get_by_role("heading", name=tier.name, exact=True))).to_be_visible()
    found = axe_violations(page) + axe_violations(page, ["aria-dialog-name"])
    context.close()
    assert found == []


def test_without_the_override_the_search_dialog_has_no_name(browser, project):
    (project / "site_overrides/partials/search.html").unlink()
    url, server = serve(build_site(project))
    context = browser.new_context(viewport=LAPTOP)
    try:
        page = context.new_page()
        page.goto(url + "/")
        page.get_by_role("textbox", name=SEARCH).focus()
        expect(page.get_by_role("dialog", name=SEARCH)).to_have_count(0)
        assert [v.split()[1] for v in axe_violations(page, ["aria-dialog-name"])] == ["aria-dialog-name:"]
    finally:
        context.close()
        server.shutdown()


def test_axe_reports_faint_text_small_targets_and_a_missing_alt(phone):
    phone.set_content("""<!doctype html><html lang="en"><title>t</title><main>
        <p style="color:#aaa;font-size:12px">Faint words</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <a href="#a" style="display:inline-block;width:8px;height:8px"></a><a href="#b" style="display:inline-block;width:8px;height:8px">b</a>
        </main></html>""")
    ids = {v.split()[1].rstrip(":") for v in axe_violations(phone)}
    assert {"color-contrast", "image-alt", "target-size"} <= ids


def test_no_page_scrolls_sideways_on_a_phone(phone, site_url, built_site):
    wide = []
    for path in site_paths(built_site):
        phone.goto(site_url + path)
        if sideways_scroll(phone) > 0:
            wide.append(f"{path}: {sideways_scroll(phone)}px")
    assert wide == []


def test_a_very_long_word_in_the_data_wraps_on_a_phone(phone, project):
    tiers = project / "data/tiers.yaml"
    long_word = "SB163WraparoundReview" * 5
    tiers.write_text(tiers.read_text(encoding="utf-8").replace('name: "SB163 Wraparound Review"', f'name: "{long_word}"'), encoding="utf-8")
    site = build_site(project)
    url, server = serve(site)
    try:
        for path in ("/tiers/", f"/tiers/{HB.tiers.tiers[-1].id}/"):
            phone.goto(url + path)
            expect(phone.get_by_text(long_word).first).to_be_visible()
            assert sideways_scroll(phone) == 0, path
        phone.add_style_tag(content=".md-typeset { overflow-wrap: normal !important }")
        assert sideways_scroll(phone) > 0  # without the handbook's wrapping rule it would scroll
    finally:
        server.shutdown()


# ---------------------------------------------------------------- 4. keyboard only
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_keyboard_search_finds_an_activity_and_enter_opens_its_tier(browser, site_url, viewport):
    tier, activity = _unique_activity()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "/")
    search = page.get_by_role("textbox", name=SEARCH)
    for _ in range(5):
        page.keyboard.press("Tab")
        if search.evaluate("e => e === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type(activity.name)
    result = page.get_by_role("dialog", name=SEARCH).get_by_role("link").filter(
        has=page.get_by_role("heading", name=tier.name, exact=True))
    expect(result).to_be_visible()
    for _ in range(30):
        page.keyboard.press("ArrowDown")
        if result.evaluate("e => e === document.activeElement"):
            break
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"^{re.escape(site_url)}/tiers/{tier.id}/(\?|$)"))
    expect(page.get_by_role("heading", level=1, name=heading(tier.name))).to_be_visible()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_tab_reaches_every_link_of_the_home_page_with_visible_focus(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "/")
    stops, problems = tab_through(page)
    content_links = page.get_by_role("article").get_by_role("link")
    not_reached = [link.text_content() for link in content_links.all() if link.get_attribute("data-tabbed") is None]
    nav_links = page.get_by_role("navigation", name="Navigation", exact=True).get_by_role("link")
    nav_not_reached = [link.text_content().strip() for link in nav_links.all() if link.get_attribute("data-tabbed") is None]
    counts = content_links.count(), nav_links.count()
    context.close()
    assert len(stops) >= sum(counts) and min(counts) > 0
    assert problems == []
    assert not_reached == []
    assert nav_not_reached == []


def test_focus_check_catches_an_outline_removed_and_focus_off_screen(phone):
    phone.set_content("""<!doctype html><style>a { outline: none }</style>
        <a href="#x">No outline</a><a href="#y" style="position:absolute;left:-999px">Away</a>""")
    stops, problems = tab_through(phone)
    assert stops == ["No outline", "Away"]
    assert "'No outline' looks the same with and without the focus" in problems
    assert any(p.startswith("'Away' has the focus off screen") for p in problems)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_the_skip_link_moves_the_keyboard_into_the_page_content(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "/tiers/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = page.evaluate("() => !!document.activeElement.closest('main')")
    context.close()
    assert inside_main


# ---------------------------------------------------------------- 5. search without the internet
def test_search_works_offline_and_finds_the_tier_of_an_activity(laptop, site_url):
    tier, activity = _unique_activity()
    laptop.goto(site_url + "/", wait_until="networkidle")
    laptop.context.set_offline(True)
    laptop.get_by_role("textbox", name=SEARCH).press_sequentially(activity.name)
    result = laptop.get_by_role("dialog", name=SEARCH).get_by_role("link").filter(
        has=laptop.get_by_role("heading", name=tier.name, exact=True))
    expect(result).to_be_visible()
    expect(result).to_have_attribute("href", re.compile(rf"^{re.escape(site_url)}/tiers/{tier.id}/(\?|$)"))
    # the print page repeats every page, so it is left out of search (print.md.j2's front matter)
    expect(laptop.get_by_role("dialog", name=SEARCH).locator(f'a[href^="{site_url}/print/"]')).to_have_count(0)
    laptop.get_by_role("textbox", name=SEARCH).clear()
    laptop.get_by_role("textbox", name=SEARCH).press_sequentially("zzqx")
    expect(result).to_have_count(0)


# ---------------------------------------------------------------- 6. print
def test_the_print_page_holds_every_page_and_prints_without_navigation(laptop, site_url):
    laptop.goto(site_url + "/print/")
    main = laptop.get_by_role("main")
    titles = [p.title for p in SITE.pages if p.uri not in (PRINT, SELF_CHECK)]
    assert len(titles) == len(HANDBOOK_PAGES) > len(HB.tiers.tiers)
    missing = [t for t in titles if main.get_by_role("heading", name=heading(t)).count() == 0]
    assert missing == []
    words = SITE.words
    cites = {n for u in list(SITE.content) + [p.uri for p in SITE.pages if p.uri != SELF_CHECK] for n in _cite_names(u)}
    screen_only = [laptop.get_by_role("banner"), laptop.get_by_role("navigation"),
                   laptop.get_by_role("textbox", name=SEARCH), laptop.get_by_role("button", name=words["print_button"])]
    for part in screen_only:
        expect(part.first).to_be_visible()
    laptop.emulate_media(media="print")
    for part in screen_only:
        expect(part).to_have_count(0)
    assert cites - set(main.get_by_role("link").all_inner_texts()) == set()
    expect(laptop.get_by_text(SITE.as_of_text)).to_be_visible()


def test_the_print_page_on_paper_opens_with_a_title_page_and_contents_then_one_chapter_a_page(laptop, site_url):
    laptop.goto(site_url + "/print/")
    laptop.emulate_media(media="print")
    words, article = SITE.words, laptop.get_by_role("article")
    # the title page comes first: the first thing shown is in it, and the screen's heading is not shown
    expect(article.get_by_role("heading", name=words["print_title"])).to_be_hidden()
    first = article.evaluate("""a => [...a.querySelectorAll('*')]
        .find(e => !e.children.length && e.textContent.trim() && e.getClientRects().length).closest('.title-page') !== null""")
    assert first
    title_page = article.locator(".title-page")
    expect(title_page).to_contain_text(HB.program.name)
    expect(title_page).to_contain_text(SITE.as_of_text)
    # then the contents: one link per chapter, in order, each to its chapter
    contents = article.get_by_role("region", name=words["print_contents"])
    chapters = article.locator(".chapter")
    titles = [p.title for p in HANDBOOK_PAGES]
    assert chapters.all_inner_texts()[-len(titles):] == titles
    links = contents.get_by_role("link")
    assert links.all_inner_texts() == chapters.all_inner_texts()
    assert [a.get_attribute("href") for a in links.all()] == ["#" + c.get_attribute("id") for c in chapters.all()]
    assert title_page.bounding_box()["y"] < contents.bounding_box()["y"] < chapters.first.bounding_box()["y"]
    # page breaks: after the title page, before each chapter
    assert title_page.evaluate("e => getComputedStyle(e).breakAfter") == "page"
    assert set(chapters.evaluate_all("cs => cs.map(c => getComputedStyle(c).breakBefore)")) == {"page"}
    # no buttons: the print button is gone, the self-check links print as plain text
    assert [b for b in article.get_by_role("button").all() if b.is_visible()] == []
    buttons = article.locator(".md-button")
    assert buttons.count() > 0
    looks = buttons.evaluate_all("bs => bs.map(b => [getComputedStyle(b).borderTopWidth, getComputedStyle(b).backgroundColor])")
    assert {tuple(x) for x in looks} == {("0px", "rgba(0, 0, 0, 0)")}
    # "How this handbook is made" is about the site and its data/ folder: it stays off paper
    about = (ROOT / "content/how-this-handbook-is-made.md").read_text().splitlines()[0].removeprefix("# ")
    expect(article.get_by_role("heading", name=about)).to_have_count(0)
    # an address outside the handbook is written out after its link; a link inside the page is not
    after = article.evaluate("""a => {
        const out = document.createElement('a'), inside = document.createElement('a');
        out.href = 'https://example.org/form'; out.textContent = 'form'; inside.href = '#print-contents'; inside.textContent = 'x';
        a.append(out, inside);
        return [getComputedStyle(out, '::after').content, getComputedStyle(inside, '::after').content];
    }""")
    assert after == ['" (https://example.org/form)"', "none"]


# ---------------------------------------------------------------- 7. date, citations, language
def test_every_page_shows_its_policy_date_citations_and_language(phone, site_url):
    uris = list(SITE.content) + [p.uri for p in SITE.pages if p.uri != SELF_CHECK]
    problems = []
    for uri in uris:
        phone.goto(site_url + _url(uri))
        if phone.locator("html").get_attribute("lang") != HB.program.language:
            problems.append(f"{uri}: lang is {phone.locator('html').get_attribute('lang')}")
        if not phone.get_by_text(SITE.as_of_text, exact=True).is_visible():
            problems.append(f"{uri}: no visible '{SITE.as_of_text}'")
        shown = set(phone.get_by_role("article").get_by_role("link").all_inner_texts())
        names = sorted({n for u in uris for n in _cite_names(u)}) if uri == PRINT else _cite_names(uri)
        problems += [f"{uri}: no citation '{name}'" for name in names if name not in shown]
    assert problems == []
    assert sum(len(_cite_names(u)) for u in uris) > len(uris)
