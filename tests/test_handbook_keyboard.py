"""The handbook in a real browser with the keyboard alone, with search (and no internet), and printed,
on a phone (360 px) and a laptop (1280 px)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.kit import ROOT
from tests.kit.handbook.searching import ANSWERED, watch_search
from tests.kit.handbook.browsing import (HANDBOOK_PAGES, HB, LAPTOP, LEAN, PHONE, PRINT, SEARCH, SELF_CHECK, SITE, _cite_names,
                                         _unique_activity, heading, tab_through)



# ---------------------------------------------------------------- 4. keyboard only
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_keyboard_search_finds_an_activity_and_enter_opens_its_tier(browser, site_url, viewport):
    tier, activity = _unique_activity()
    context = browser.new_context(viewport=viewport)
    watch_search(context)
    page = context.new_page()
    page.goto(site_url + "/")
    search = page.get_by_role("textbox", name=SEARCH)
    for _ in range(5):
        page.keyboard.press("Tab")
        if search.evaluate("e => e === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type(activity.name)
    page.wait_for_function(ANSWERED, arg=activity.name)  # the answers to its first letters have come and gone
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
    # the navigation is a sidebar on a laptop; on a phone it is the closed drawer, which Tab never enters
    # (opened with the menu button, it holds the focus: test_handbook_menu.py)
    nav = page.get_by_role("navigation", name="Navigation", exact=True, include_hidden=True)
    shown, every = nav.get_by_role("link"), nav.get_by_role("link", include_hidden=True)
    nav_not_reached = [link.text_content().strip() for link in shown.all() if link.get_attribute("data-tabbed") is None]
    nav_reached = [link.text_content().strip() for link in every.all() if link.get_attribute("data-tabbed") is not None]
    counts = content_links.count(), (shown if viewport is LAPTOP else every).count()
    context.close()
    assert len(stops) >= counts[0] and min(counts) > 0
    assert problems == []
    assert not_reached == []
    assert nav_not_reached == [] if viewport is LAPTOP else nav_reached == []


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
    titles = [p.title for p in SITE.pages if p.uri not in {PRINT, *LEAN} and SITE.edition_of(p.uri) is SITE.editions[0]]
    assert len(titles) == len(HANDBOOK_PAGES) > len(HB.tiers.tiers)
    missing = [t for t in titles if main.get_by_role("heading", name=heading(t)).count() == 0]
    assert missing == []
    words = SITE.words
    cites = {n for u in list(SITE.content) + [p.uri for p in SITE.pages if p.uri not in LEAN] for n in _cite_names(u)}
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
