"""The handbook in a real browser, as caseworkers see it on a phone (360 px) and a laptop (1280 px):
nothing asked of other hosts, no WCAG 2.2 AA violation, nothing scrolling sideways, and the policy date,
citations and language on every page. The keyboard, search and print are in test_handbook_keyboard.py.
The self-check page belongs to the self-check's own tests, except for the external-request check."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.kit import build_site, serve
from tests.kit.axe import axe_violations, with_axe
from tests.kit.handbook.browsing import (HANDBOOK_PAGES, HB, LAPTOP, LEAN, PHONE, PRINT, SEARCH, SELF_CHECK, SITE, _cite_names,
                                         _unique_activity, _url, failed_requests, requests_to_other_hosts, sideways_scroll, site_paths)

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


def test_a_request_never_answered_is_named(browser, tmp_path):
    """When the network does not go quiet, the check says which request is still waiting (not a bare timeout)."""
    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><title>t</title><script>fetch("/slow")</script></html>',
                                         encoding="utf-8")
    url, server = serve(tmp_path, held={"/slow"})
    try:
        with pytest.raises(AssertionError, match=re.escape(f"unanswered: ['{url}/slow']")):
            requests_to_other_hosts(browser, url, ["/"], quiet_within=2000)
    finally:
        server.shutdown()


def test_no_page_asks_its_own_site_for_something_missing(browser, site_url, built_site):
    paths = [p for p in site_paths(built_site, all_pages=True) if p != "/404.html"]  # that one is a 404 on purpose
    assert failed_requests(browser, site_url, paths) == []


def test_a_language_alternate_in_the_head_makes_the_theme_ask_for_missing_sitemaps(browser, built_site, tmp_path):
    """Why the pages have no <link rel="alternate" hreflang> (site_overrides/main.html), and that the check sees it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</head>", '<link rel="alternate" hreflang="es" href="es/"></head>', 1),
                    encoding="utf-8")
    url, server = serve(site)
    try:
        assert failed_requests(browser, url, ["/"]) == ["404 /es/sitemap.xml"]
    finally:
        server.shutdown()


# ---------------------------------------------------------------- 2, 3. axe, sideways scrolling, targets
@pytest.mark.parametrize("scheme, shown, viewport", [("light", "default", PHONE), ("light", "default", LAPTOP),
                                                     ("dark", "slate", PHONE), ("dark", "slate", LAPTOP)],
                         ids=["light-360px", "light-1280px", "dark-360px", "dark-1280px"])
def test_every_page_follows_the_system_colours_and_has_no_wcag_22_aa_violations(browser, site_url, built_site, scheme, shown, viewport):
    context = with_axe(browser.new_context(viewport=viewport, color_scheme=scheme))
    page = context.new_page()
    found = []
    for path in site_paths(built_site):
        page.goto(site_url + path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", shown)
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


# ---------------------------------------------------------------- 7. date, citations, language
def test_every_page_shows_its_policy_date_citations_and_language(phone, site_url):
    every = list(SITE.content) + [p.uri for p in SITE.pages if not p.uri.removeprefix(SITE.edition_of(p.uri).folder) in LEAN]
    uris = [u for u in every if SITE.edition_of(u) is SITE.editions[0]]  # citations: the main language's pages
    problems = []
    for uri in every:  # each page in its own language, with its own language's policy date
        edition = SITE.edition_of(uri)
        phone.goto(site_url + _url(uri))
        language = SITE.editions[0].language if uri in SITE.fallbacks else edition.language  # not yet translated: as written
        if phone.locator("html").get_attribute("lang") != language:
            problems.append(f"{uri}: lang is {phone.locator('html').get_attribute('lang')}")
        if not phone.get_by_text(edition.as_of_text, exact=True).is_visible():
            problems.append(f"{uri}: no visible '{edition.as_of_text}'")
        if edition is not SITE.editions[0]:
            continue
        shown = set(phone.get_by_role("article").get_by_role("link").all_inner_texts())
        names = sorted({n for u in uris for n in _cite_names(u)}) if uri == PRINT else _cite_names(uri)
        problems += [f"{uri}: no citation '{name}'" for name in names if name not in shown]
    assert problems == []
    assert sum(len(_cite_names(u)) for u in uris) > len(uris)
