"""The docs-site basics of the handbook's theme, in Chromium: the header's buttons work by keyboard,
light and dark follow the system (every page in both, with axe: test_handbook_browser.py), previous/next
links, section links on a touch screen."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.kit import new_context
from tests.kit.axe import axe_violations, with_axe
from tests.kit.handbook.browsing import LAPTOP, PHONE, SEARCH, SITE, focus_problem

NAV = "Navigation"  # Material's words in English, the program's language: the menu button's name ...


def tab_to(page, locator, presses: int = 10) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("e => e === document.activeElement"):
            return
    expect(locator).to_be_focused()


def test_the_header_menu_and_search_are_named_buttons_that_work_by_keyboard(browser, site_url):
    context = new_context(browser)  # a phone: the header shows both buttons
    page = context.new_page()
    page.goto(site_url + "/")
    menu = page.get_by_role("button", name=NAV, exact=True)
    tab_to(page, menu)
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-sidebar--primary").get_by_role("link", name=SITE.words["glossary_title"])).to_be_in_viewport()
    page.keyboard.press("Escape")  # the open drawer has the focus (test_handbook_menu.py)
    expect(menu).to_have_attribute("aria-expanded", "false")
    search = page.get_by_role("button", name=SEARCH, exact=True)
    tab_to(page, search)
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name=SEARCH)).to_be_focused()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_the_light_and_dark_button_is_named_works_by_keyboard_and_is_remembered(browser, site_url, viewport):
    context = with_axe(browser.new_context(viewport=viewport, color_scheme="dark"))
    page = context.new_page()
    page.goto(site_url + "/")
    body, words = page.locator("body"), SITE.words
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # the system's setting, to begin with
    button = page.get_by_role("button", name=words["palette_to_light"], exact=True)
    tab_to(page, button, presses=20)
    assert focus_problem(page, first=False) is None
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(page.get_by_role("button", name=words["palette_to_dark"], exact=True)).to_be_focused()
    assert focus_problem(page, first=False) is None
    page.keyboard.press("Space")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    system = page.get_by_role("button", name=words["palette_to_system"], exact=True)
    expect(system).to_be_focused()
    found = axe_violations(page)
    page.get_by_role("navigation", name="Footer").get_by_role("link").first.click()  # the choice holds on the next page
    expect(page.get_by_role("button", name=words["palette_to_system"], exact=True)).to_be_visible()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    context.close()
    assert found == []


@pytest.mark.parametrize("language", [e.language for e in SITE.editions])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_the_light_and_dark_button_names_what_a_press_does_in_every_state(browser, site_url, viewport, language):
    """Round the three choices on a light and on a dark system: before each press the button's name says
    what the press will do, and the press does it; following the system, it never offers the look the page
    already has (on a light system, not "Switch to light mode": the press would change nothing seen)."""
    edition = next(e for e in SITE.editions if e.language == language)
    words = edition.words
    does = {words["palette_to_light"]: "default", words["palette_to_dark"]: "slate", words["palette_to_system"]: None}
    for system, look in (("light", "default"), ("dark", "slate")):
        context = browser.new_context(viewport=viewport, color_scheme=system)
        page = context.new_page()
        page.goto(f"{site_url}/{edition.folder}roles/")
        body = page.locator("body")
        button = page.get_by_role("banner").get_by_role("button", name=re.compile("^(" + "|".join(map(re.escape, does)) + ")$"))
        names = []
        for _ in range(3):
            expect(button).to_have_count(1)
            name = button.get_attribute("aria-label")
            names.append(name)
            button.click()
            expect(body).to_have_attribute("data-md-color-scheme", does[name] or look)
        expect(button).to_have_attribute("aria-label", names[0])  # round to the system's setting again
        context.close()
        assert does[names[0]] not in (look, None)  # following the system, a press changes what is seen
        assert sorted(names) == sorted(does)


def test_the_colours_follow_the_system_as_it_changes_and_before_the_theme_script_arrives(browser, site_url):
    """On a slow connection the page is painted before Material's large script arrives: the colours and
    the light/dark button must not wait for it (assets/javascripts/palette.js runs right after the header)."""
    context = browser.new_context(color_scheme="dark")
    context.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + "/")
    body, words = page.locator("body"), SITE.words
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.get_by_role("button", name=words["palette_to_light"], exact=True)).to_be_visible()
    scheme, bar = page.locator('meta[name="color-scheme"]'), page.locator('meta[name="theme-color"]')
    expect(scheme).to_have_attribute("content", "dark")  # the browser's own colours (scroll bar, address bar) follow
    expect(bar).to_have_attribute("content", re.compile(r"^#[0-9a-f]{6}$"))
    page.emulate_media(color_scheme="light")  # the system changes while the page is open
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    expect(scheme).to_have_attribute("content", "light")
    # following a light system, the button offers what a press changes: dark, whatever the system says
    page.get_by_role("button", name=words["palette_to_dark"], exact=True).click()
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    expect(page.get_by_role("button", name=words["palette_to_light"], exact=True)).to_be_focused()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    context.close()


def test_every_page_but_the_last_links_to_the_next_one(laptop, site_url):
    laptop.goto(site_url + "/")
    footer = laptop.get_by_role("navigation", name="Footer")
    expect(footer.get_by_role("link")).to_have_count(1)
    footer.get_by_role("link").click()
    expect(laptop.get_by_role("navigation", name="Footer").get_by_role("link")).to_have_count(2)


def test_section_links_show_and_are_big_enough_on_a_touch_screen(browser, site_url):
    context = new_context(browser, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/dos-and-donts/")
    link = page.get_by_role("article").get_by_role("heading", level=2).first.get_by_role("link")
    expect(link).to_be_visible()
    expect(link).to_have_css("opacity", "1")
    box = link.bounding_box()
    context.close()
    assert box["width"] >= 24 and box["height"] >= 24
