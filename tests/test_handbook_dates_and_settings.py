"""Paper a caseworker can date, and settings in words: every page's footer and the print page's title page (the
PDF's cover) say the day the handbook was published, in the page's language; the page on unclear rules says
each setting of the self-check in words, never by its name in the data (`month_only_day: last`)."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.policy import asof
from generator.site import registry
from generator.model import SETTINGS
from generator.policy.strings import format_date
from tests.kit import page
from tests.kit.handbook.browsing import SITE

EDITIONS = {e.language: e for e in SITE.editions}
CHOICES = registry.pages_showing(SITE.handbook, ("eligibility", "policy_choices"))[0]
PRINT = next(e.uri for e in registry.PAGES if e.gathers)


@pytest.mark.parametrize("language", sorted(EDITIONS))
def test_every_page_and_the_title_page_say_the_day_the_handbook_was_published(built_site, language):
    edition = EDITIONS[language]
    published = edition.words["published"].replace("{date}", format_date(dt.date.today(), edition.words))
    assert edition.published_text == published  # the day of the build
    if published not in page(built_site, edition.folder + "index.md").select_one(".as-of").get_text(" ", strip=True):
        # the site was built for this test run before midnight
        published = edition.words["published"].replace("{date}", format_date(dt.date.today() - dt.timedelta(days=1), edition.words))
    for uri in ("index.md", "roles.md", "tiers/tier-1.md", "glossary.md"):
        footer = page(built_site, edition.folder + uri).select_one(".as-of").get_text(" ", strip=True)
        assert edition.as_of_text in footer and published in footer, uri
    if not edition.folder:  # the print page (and so the PDF, test_pdf.py) is made from the main language's
        title_page = page(built_site, PRINT).select_one(".title-page").get_text(" ", strip=True)
        assert published in title_page


def test_the_day_published_is_the_reproducible_builds_day_when_one_is_set(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00 UTC
    assert asof.published_day() == dt.date(2026, 12, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert asof.published_day() == dt.date.today()


def test_every_setting_and_value_has_words():
    words = SITE.words
    assert all(f"setting_{name}" in words and all(f"setting_{name}_{v}" in words for v in values)
               for name, values in SETTINGS.items())


@pytest.mark.parametrize("language", sorted(EDITIONS))
def test_the_unclear_rules_page_says_each_setting_in_words(built_site, language):
    edition = EDITIONS[language]
    text = page(built_site, edition.folder + CHOICES).select_one("article").get_text(" ", strip=True)
    choices = [c for c in edition.handbook.eligibility.policy_choices if c.setting]
    assert len(choices) >= 3
    for c in choices:
        words = edition.words
        assert f"{words['choices_setting']}: {words['setting_' + c.setting]}: {words[f'setting_{c.setting}_{c.value}']}." in text
        assert c.setting not in text and f": {c.value}" not in text  # no names from the data
