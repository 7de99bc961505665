"""Search that finds: a caseworker's real questions, typed or pasted into the built site's search in Chromium,
in each language, land on the page (and the section) that answers them, with results in the page's language
only; a question the policy documents do not answer says so. Each word also finds its other forms ("rides",
"disqualification", "descalificado"); the data's `search_words` (per language) make the everyday words
("don't", "refer", "antecedentes penales") find the right place. See generator/site/search.py and
site_overrides/assets/javascripts/workers/handbook-search.js."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.site import search
from tests.kit import ROOT, new_context
from tests.kit.axe import axe_violations, with_axe
from tests.kit.handbook.browsing import HB, LAPTOP, PHONE, SITE, _url
from tests.kit.handbook.searching import ANSWERED, ask, search_box, theme_word, watch_search

NOT_MENTIONED = None
"""The expected answer to a question on a topic the policy documents do not cover: the note that says so."""
QUESTIONS = {  # per language: what is typed, the page that answers it and the section that does (None: the page's top)
    "en": [("ride", "dos-and-donts.md", None), ("rides", "dos-and-donts.md", None),
           ("disqualify", "eligibility.md", "dhs-not-disqualified"), ("disqualification", "eligibility.md", "dhs-not-disqualified"),
           ("background", "eligibility.md", "dhs-not-disqualified"), ("never", "dos-and-donts.md", None),
           ("criminal record", "eligibility.md", "dhs-not-disqualified"), ("must not", "dos-and-donts.md", None),
           ("don't", "dos-and-donts.md", None), ("refer", "selection.md", "referral"),
           ("confidential", NOT_MENTIONED, None), ("mandated reporter", NOT_MENTIONED, None)],
    "es": [("transporte", "dos-and-donts.md", None), ("descalificación", "eligibility.md", "dhs-not-disqualified"),
           ("descalificado", "eligibility.md", "dhs-not-disqualified"), ("referir", "selection.md", "referral"),
           ("no deben", "dos-and-donts.md", None), ("nunca", "dos-and-donts.md", None),
           ("antecedentes penales", "eligibility.md", "dhs-not-disqualified"), ("requisitos", "eligibility.md", None),
           ("capacitación", "training.md", None), ("confidencial", NOT_MENTIONED, None)],
}
TOPICS_NOT_MENTIONED = ["confiden", "mandated reporter"]
"""What the not-mentioned questions ask about, as the source documents would write it."""
EDITIONS = {e.language: e for e in SITE.editions}


def _index(built_site, language: str) -> dict:
    return json.loads((built_site / EDITIONS[language].folder / search.SEARCH_INDEX).read_text(encoding="utf-8"))


def test_every_language_is_asked_and_every_answer_is_in_its_index(built_site):
    assert set(QUESTIONS) == set(EDITIONS) and all(len(q) >= 10 for q in QUESTIONS.values())
    for language, questions in QUESTIONS.items():
        places = {d["location"] for d in _index(built_site, language)["docs"]}
        for question, uri, section in questions:
            if uri is not NOT_MENTIONED:
                assert _url(uri).lstrip("/") + (f"#{section}" if section else "") in places, (language, question)


def test_the_topics_said_not_to_be_mentioned_are_in_neither_source_document():
    sources = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "data/sources").glob("*.txt")).lower()
    for topic in TOPICS_NOT_MENTIONED:
        assert topic not in sources


def test_every_word_of_the_sources_is_found_so_an_empty_search_means_they_do_not_mention_it(built_site):
    """The note "the policy documents do not mention it" is true only if search finds every word they hold:
    each word of the source documents is a word of the main language's index, or another form of one (an
    index word it starts with, that far from its end: "follows" is found as "follow")."""
    docs = _index(built_site, SITE.language)["docs"]
    indexed = set(re.findall(r"[a-z0-9]+", " ".join(re.sub("<[^>]+>", " ", d["title"] + " " + d["text"]) for d in docs).lower()))
    sources = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "data/sources").glob("*.txt")).lower()
    missing = [w for w in sorted(set(re.findall(r"[a-z0-9]+", sources)) - indexed)
               if not any(w[:n] in indexed for n in range(max(len(w) - 2, 4), len(w)))]
    assert missing == []


def test_each_language_has_its_own_index_with_its_own_search_words(built_site):
    main = _index(built_site, SITE.language)
    assert main["config"]["lang"] == ["en"] and main["config"]["pipeline"] == ["trimmer"]  # every word kept
    words = {d["location"]: d.get("search_words", "") for d in main["docs"]}
    assert "don't" in words["dos-and-donts/"] and "criminal record" in words["eligibility/#dhs-not-disqualified"]
    assert not any(loc.startswith(tuple(e.folder for e in SITE.editions[1:])) for loc in words)
    spanish = _index(built_site, "es")
    assert spanish["config"]["lang"] == ["es"]
    words = {d["location"]: d.get("search_words", "") for d in spanish["docs"]}
    assert {w.split("#")[0] for w in words} == {d["location"].split("#")[0] for d in main["docs"]}  # the same pages, in the folder's own addresses
    assert "no deben" in words["dos-and-donts/"] and "don't" not in words["dos-and-donts/"]
    cited_on = SITE.words["sources_cited_on"]
    assert [d["location"] for d in main["docs"] if cited_on in d["text"]] == []
    assert any(d["location"].startswith("sources/#") for d in main["docs"])  # the sources page's sections are still found


def test_the_handbook_s_search_worker_imports_the_installed_material_worker():
    """The handbook's worker imports Material's by its file name, which changes with each Material release."""
    import material

    wrapper = (ROOT / "site_overrides/assets/javascripts/workers/handbook-search.js").read_text(encoding="utf-8")
    name = re.search(r'importScripts\("([^"]+)"\)', wrapper)[1]
    assert (Path(material.__file__).parent / "templates/assets/javascripts/workers" / name).is_file(), \
        f"Material has no worker {name}: write its new name in handbook-search.js"


def test_a_page_builds_its_search_index_only_when_a_question_is_asked(laptop, site_url):
    """Every page starts the search worker and hands it the whole index; building it waits for the first
    question (handbook-search.js), so reading a page costs a phone no index. The first question is answered."""
    watch_search(laptop.context)
    with laptop.expect_worker() as started:
        laptop.goto(site_url + "/")
    worker = started.value
    laptop.wait_for_function(ANSWERED, arg="")  # Material's empty question once the worker said READY: answered
    assert worker.evaluate("built") is False
    ask(laptop, search_box(laptop, "en"), "rides")
    expect(laptop.get_by_role("dialog", name=theme_word("en", "search")).get_by_role("list").get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"/dos-and-donts/\?h="))
    assert worker.evaluate("built") is True


@pytest.mark.parametrize("how", ["typed", "pasted"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_caseworker_questions_land_on_their_answers_in_the_page_s_language(browser, site_url, language, viewport, how):
    context = new_context(browser, viewport=viewport)
    watch_search(context)
    page = context.new_page()
    folder = EDITIONS[language].folder
    page.goto(f"{site_url}/{folder}")
    box = search_box(page, language)
    dialog = page.get_by_role("dialog", name=theme_word(language, "search"))
    note = dialog.get_by_text(EDITIONS[language].words["search_not_mentioned"].split("{words}")[0].strip())
    for question, uri, section in QUESTIONS[language]:
        ask(page, box, question, how)
        links = dialog.get_by_role("list").get_by_role("link")
        # results in the page's language only: every link stays in its folder
        hrefs = [a.get_attribute("href") for a in links.all()]
        assert all(h.startswith(f"{site_url}/{folder}") and (folder or not h.startswith(f"{site_url}/es/")) for h in hrefs), (question, hrefs)
        if uri is NOT_MENTIONED:
            expect(note).to_be_visible()
            expect(note).to_contain_text(question)
            expect(note.get_by_role("link", name=EDITIONS[language].words["search_sources_link"])).to_have_attribute(
                "href", re.compile(r"(^|/)sources/$"))
            continue
        expect(note).to_be_hidden()
        first = dialog.get_by_role("list").get_by_role("listitem").first.get_by_role("link")
        page_url = f"{site_url}/{folder}{_url(uri).lstrip('/')}"
        # a result links to ...?h=<the words it matched>: the page first, then the section that answers
        # first under it (not folded away among "more on this page")
        expect(first.first).to_have_attribute("href", re.compile(rf"^{re.escape(page_url)}\?h=[^#]*$"))
        if section:
            expect(first.nth(1)).to_have_attribute("href", re.compile(rf"^{re.escape(page_url)}\?h=[^#]+#{section}$"))
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_the_note_that_the_documents_do_not_mention_it_has_no_wcag_22_aa_violations(browser, site_url, viewport, scheme):
    context = with_axe(new_context(browser, viewport=viewport, color_scheme=scheme))
    watch_search(context)
    page = context.new_page()
    page.goto(site_url + "/")
    ask(page, search_box(page, "en"), "mandated reporter")
    expect(page.get_by_role("link", name=SITE.words["search_sources_link"])).to_be_visible()
    found = axe_violations(page)
    context.close()
    assert found == []


def test_following_a_result_puts_its_section_on_screen_with_whole_words_marked(laptop, site_url):
    watch_search(laptop.context)
    laptop.goto(site_url + "/")
    box = search_box(laptop, "en")
    ask(laptop, box, "disqualification")
    laptop.get_by_role("dialog", name=theme_word("en", "search")).get_by_role("list").get_by_role("listitem").first \
        .get_by_role("link").nth(1).click()
    expect(laptop).to_have_url(re.compile(rf"^{re.escape(site_url)}/eligibility/\?h=disqualif#dhs-not-disqualified$"))
    expect(laptop.locator("[id='dhs-not-disqualified']")).to_be_in_viewport()
    marks = laptop.get_by_role("article").locator("mark")
    expect(marks.first).to_be_visible()
    # the word searched for marks whole words, in every form the page has it
    assert {"disqualified", "disqualifiers"} <= {m.lower() for m in marks.all_inner_texts()}


@pytest.mark.parametrize("theirs", [False, True], ids=["handbook", "material-alone"])
def test_highlights_mark_whole_words_only(browser, site_url, theirs):
    """On the page a result leads to, the words searched for are marked where they are whole words or start
    one (to the word's end), never inside another word ("Fix a<mark>not</mark>her parent"). Without the
    handbook's script, Material's marks are what the issue found: the check catches them."""
    context = new_context(browser, viewport=LAPTOP)
    if theirs:
        context.route("**/assets/javascripts/handbook.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page = context.new_page()
    page.goto(site_url + "/dos-and-donts/?h=not")
    article = page.get_by_role("article")
    expect(article.locator("mark").first).to_be_visible()
    split = article.evaluate("""a => [...a.querySelectorAll('mark')].filter(m => {
        const before = m.previousSibling, after = m.nextSibling;
        return (before && before.nodeType === 3 && /[A-Za-z]$/.test(before.data)) ||
               (after && after.nodeType === 3 && /^[A-Za-z]/.test(after.data)); }).map(m => m.parentElement.textContent.trim())""")
    context.close()
    if theirs:
        assert any("another" in text for text in split)
    else:
        assert split == []
