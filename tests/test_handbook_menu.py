"""The handbook's menu on a phone (360 px), in each language, in Chromium: closed, the keyboard never enters
the hidden drawer; open, the focus stays in the drawer (the header's buttons behind the overlay are out of
reach) and Escape closes it, giving the focus back to the menu button; without JavaScript, Material's menu
label still opens it. (site_overrides/assets/javascripts/handbook.js, assets/handbook.css)"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.kit import new_context
from tests.kit.handbook.browsing import PHONE, SITE
from tests.kit.handbook.searching import theme_word

LANGUAGES = [e.language for e in SITE.editions]
FOLDER = {e.language: e.folder for e in SITE.editions}
INSIDE = "d => d.contains(document.activeElement)"


def _open(browser, site_url, language, **options):
    context = new_context(browser, viewport=PHONE, **options)
    page = context.new_page()
    page.goto(f"{site_url}/{FOLDER[language]}roles/")
    nav = theme_word(language, "nav")
    return context, page, page.get_by_role("button", name=nav, exact=True), page.get_by_role("navigation", name=nav, exact=True, include_hidden=True)


def _focused(page) -> str:
    return page.evaluate("() => { const e = document.activeElement; return e === document.body ? '' : e.outerHTML.slice(0, 80); }")


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_the_menu_closed_tab_never_enters_the_drawer(browser, site_url, language):
    context, page, menu, drawer = _open(browser, site_url, language)
    expect(drawer).to_be_hidden()
    entered, stops = [], []
    for _ in range(120):  # once round the page, until the focus leaves it or comes back to the first stop
        page.keyboard.press("Tab")
        now = _focused(page)
        if not now or (stops and now == stops[0]):
            break
        stops.append(now)
        if drawer.evaluate(INSIDE):
            entered.append(now)
    context.close()
    assert len(stops) > 10 and entered == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_menu_keeps_the_focus_and_escape_closes_it(browser, site_url, language):
    context, page, menu, drawer = _open(browser, site_url, language)
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(drawer).to_be_in_viewport()
    assert drawer.evaluate(INSIDE)  # the focus moved into the drawer
    links = drawer.get_by_role("link")
    reached, left = set(), []
    for key in ["Tab"] * (links.count() + 5) + ["Shift+Tab"] * 5:  # round the drawer and past its end, and back
        page.keyboard.press(key)
        if not drawer.evaluate(INSIDE):
            left.append(_focused(page))
        reached.add(page.evaluate("() => document.activeElement.getAttribute('href')"))
    # the header's buttons behind the overlay are out of reach, for the keyboard and for a screen reader (inert)
    behind = page.get_by_role("button", name=theme_word(language, "search"), exact=True)
    assert behind.evaluate("b => b.closest('[inert]') !== null")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(drawer).to_be_hidden()
    assert behind.evaluate("b => b.closest('[inert]') === null")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    context.close()
    assert left == []
    assert hrefs <= reached  # every link of the drawer is reached, in turn


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_menu_still_opens_the_drawer(browser, site_url, language):
    context, page, menu, drawer = _open(browser, site_url, language, java_script_enabled=False)
    expect(drawer).to_be_hidden()
    expect(menu).to_be_hidden()  # the button needs the script: Material's menu label stands in for it
    page.get_by_role("banner").locator("label[for='__drawer']").click()  # a label has no role of its own
    expect(drawer).to_be_in_viewport()
    expect(drawer.get_by_role("link", name=SITE.editions[[e.language for e in SITE.editions].index(language)].words["glossary_title"])).to_be_visible()
    context.close()
