"""Every page of the site in every language: its own lang, a visible link to the same page in each other
language, the theme's words in the page's language, and the switch working both ways in a real browser."""
from __future__ import annotations

import posixpath

import pytest

from generator.policy.load import load_all
from generator.policy.strings import strings_for
from generator.policy import translations
from tests.kit import ROOT, page

HB = load_all(ROOT / "data")
MAIN = HB.program.language
FURTHER = HB.program.translations
WORDS = {MAIN: strings_for(HB.program), **{lang: strings_for(translations.edition(HB, lang).program) for lang in FURTHER}}


def _language_of(rel: str) -> str:
    return next((lang for lang in FURTHER if rel.startswith(f"{lang}/")), MAIN)


def _pages(site):
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "search/")):
            yield rel, html


def test_further_languages_exist():
    assert FURTHER, "the real data has a further language"


def test_every_page_has_its_language_and_links_to_itself_in_every_other(built_site):
    from bs4 import BeautifulSoup

    checked = 0
    for rel, html in _pages(built_site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        language = _language_of(rel)
        assert soup.html["lang"] == language, rel
        # none in the head: Material's script would fetch a sitemap.xml next to each (site_overrides/main.html)
        assert not soup.select('link[rel="alternate"]'), rel
        others = {a["hreflang"]: a for a in soup.select("a[hreflang]")}
        assert set(others) == {MAIN, *FURTHER} - {language}, rel
        for lang, a in others.items():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), a["href"], "index.html"))
            assert (built_site / target).is_file() and _language_of(target) == lang, (rel, a["href"])
            assert target.removeprefix(f"{lang}/") == rel.removeprefix(f"{language}/"), (rel, a["href"])  # the same page
            assert a["lang"] == lang
            assert a.get_text(strip=True) in (WORDS[lang]["language_switch"], WORDS[lang]["language_name"])
        checked += 1
    assert checked >= 2 * 18


@pytest.mark.parametrize("language", FURTHER)
def test_the_theme_s_own_words_follow_the_page_s_language(built_site, language):
    english = page(built_site, "roles.md").select_one("input.md-search__input")["placeholder"]
    translated = page(built_site, f"{language}/roles.md").select_one("input.md-search__input")["placeholder"]
    assert english and translated and english != translated
    assert page(built_site, f"{language}/roles.md").select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == \
        translations.edition(HB, language).program.name
    # the light/dark button (its names are interface words, site_overrides/partials/palette.html)
    for lang, uri in ((MAIN, "roles.md"), (language, f"{language}/roles.md")):
        names = {b["aria-label"] for b in page(built_site, uri).select("button.handbook-palette")}
        assert names and names <= {WORDS[lang][k] for k in ("palette_to_light", "palette_to_dark", "palette_to_system")}, uri


@pytest.mark.parametrize("language", FURTHER)
def test_a_caseworker_switches_a_handbook_page_and_back(browser_page, site_url, language):
    browser_page.goto(site_url + "/roles/")
    browser_page.get_by_role("link", name=WORDS[language]["language_switch"]).click()
    browser_page.wait_for_url(f"{site_url}/{language}/roles/")
    assert browser_page.get_attribute("html", "lang") == language
    browser_page.get_by_role("link", name=WORDS[MAIN]["language_switch"]).click()
    browser_page.wait_for_url(f"{site_url}/roles/")
    assert browser_page.get_attribute("html", "lang") == MAIN
