"""Search that finds: a caseworker's real questions, typed into the built site's search in Chromium,
land on the page (and the section) that answers them. The data's `search_words` are what make the
everyday words ("don't", "referral", "elig") find the right place; see generator/model/common.py and generator/registry.py (search words)."""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.kit.handbook.browsing import HB, SEARCH, SITE, _url

QUESTIONS = [  # what is typed, the page that answers it, and the section that does (None: the page's top)
    ("must not", "dos-and-donts.md", None),
    ("don't", "dos-and-donts.md", None),
    ("not allowed", "dos-and-donts.md", None),
    ("refer", "selection.md", "referral"),
    ("referral", "selection.md", "referral"),
    ("contact", "selection.md", "referral"),
    ("elig", "eligibility.md", None),
]


def test_the_questions_are_answered_where_the_data_says():
    """The expected answers follow the real data: each question is one of the search words of its
    page or section (or the start of one), so the test changes when the data does."""
    referral = next(p for p in HB.selection.procedures if p.id == "referral")
    words = {"dos-and-donts.md": HB.duties.search_words, "eligibility.md": HB.eligibility.search_words}
    for question, uri, section in QUESTIONS:
        have = referral.search_words if section == "referral" else words[uri]
        assert any(w.startswith(question) for w in have), (question, have)


@pytest.mark.parametrize("question, uri, section", QUESTIONS, ids=[q for q, _, _ in QUESTIONS])
def test_a_question_typed_into_search_lands_on_its_answer(laptop, site_url, question, uri, section):
    laptop.goto(site_url + "/")
    laptop.get_by_role("textbox", name=SEARCH).press_sequentially(question)
    # a result links to ...?h=<what was typed> where it matched: the links checked are for the whole question
    page = f"{site_url}{_url(uri)}"
    hit = f"{page}?{urlencode({'h': question})}"
    first = laptop.get_by_role("dialog", name=SEARCH).locator(".md-search-result__item").first.get_by_role("link")
    if section is None:
        expect(first.first).to_have_attribute("href", hit)
        return
    # the first result's page, with the section that answers first under it (not folded away
    # among "more on this page"); following it puts that section on screen
    expect(first.nth(1)).to_have_attribute("href", f"{hit}#{section}")
    expect(first.first).to_have_attribute("href", re.compile(rf"^{re.escape(page)}\?h=[^#]*$"))
    first.nth(1).click()
    expect(laptop).to_have_url(f"{hit}#{section}")
    expect(laptop.locator(f"[id='{section}']")).to_be_in_viewport()


def test_the_index_holds_the_search_words_and_leaves_out_the_cited_on_lists(built_site):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    words = {d["location"]: d["search_words"] for d in docs if "search_words" in d}
    assert words["selection/#referral"].split()[:2] == ["refer", "referral"]
    assert "don't" in words["dos-and-donts/"]
    cited_on = SITE.words["sources_cited_on"]
    assert [d["location"] for d in docs if cited_on in d["text"]] == []
    assert any(d["location"].startswith("sources/#") for d in docs)  # the sources page's sections are still found
