"""Words a parent can trust, as a reader meets them (issue 25): the sources of the self-check's texts on its
screens and in its checklist, what a parent whose children were never removed reads, the line on a further
language's page that nobody has reviewed yet (with the link to the page that decides), and the header and phone
menu of that language's pages. The checks behind them are in tests/test_words.py.
"""
from __future__ import annotations

import datetime as dt
import posixpath

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.site import build
from generator.policy import translations
from generator.policy.load import load_all
from generator.selfcheck import decision_table, evaluate
from generator.selfcheck.tests.driving import context  # noqa: F401  (fixture: a phone with today fixed)
from generator.policy.strings import strings_for
from tests.kit import ROOT, page
from tests.kit.pages import page_file

HB = load_all(ROOT / "data")
MAIN, FURTHER = HB.program.language, HB.program.translations
EDITIONS = {lang: translations.edition(HB, lang) for lang in FURTHER}


# ---------------------------------------------------------------- the sources of the self-check's texts, shown
@pytest.mark.parametrize("language", [None, *FURTHER])
def test_the_checklist_shows_the_source_of_each_text_that_states_policy(built_site, language):
    hb = EDITIONS[language] if language else HB
    words = strings_for(hb.program)
    soup = page(built_site, f"{language}/self-check/list.md" if language else "self-check/list.md")  # the checklist's page
    checklist = soup.find(class_="sc-list")
    items = checklist.find("ol").find_all("li", recursive=False)
    for q, li in zip(hb.eligibility.questions, items):
        small = li.find("small", class_="cite")
        if not q.cite:
            assert small is None, q.id
            continue
        names = "; ".join(dict.fromkeys(f"{hb.source(c.source).short} › {hb.section(c).title}" for c in q.cite))
        assert small.get_text(" ", strip=True) == f"{words['source']}: {names}", q.id
    shown = [p.get_text(" ", strip=True) for p in checklist.find_all("p")]
    for p in hb.eligibility.self_check.paragraphs:
        line = next(s for s in shown if s.startswith(p.text))
        assert (f"{words['source']}:" in line) == bool(p.cite), p.text
    table = decision_table(hb)
    assert [q.get("cite") is not None for q in table["questions"]] == [q.cite is not None for q in hb.eligibility.questions]
    assert [o.get("cite") is not None for o in table["outcomes"]] == [o.cite is not None for o in hb.eligibility.outcomes]


def test_a_disputed_result_shows_the_sources_of_the_policy_choice_that_disputes_it():
    """Finding 1: the row of a disputed requirement names both sources, so it may say what each says."""
    table = decision_table(HB)
    req = next(r for r in table["requirements"] if r["id"] == "dss-reunited")
    assert req["disputed"] and req["cite"] == ["DSS guide › Procedure: Recommendation/Selection"]
    assert req["dispute_cite"] == ["DHS page › Eligibility requirements"]


def test_a_parent_whose_children_were_never_removed_is_told_what_the_source_says():
    """Finding 12: her own answer's text, not "you were not sure"; and a person to talk to."""
    table = decision_table(HB)
    answers = {"reunified": "never-removed"}
    out = evaluate(table, answers, dt.date(2025, 6, 15))
    result = next(r for r in out.results if r.requirement == "dss-reunited")
    req = next(r for r in HB.eligibility.requirements if r.id == "dss-reunited")
    assert result.status == "unknown" and result.explain == req.explain.by_answer["never-removed"] and out.id == "talk"
    not_sure = evaluate(table, {"reunified": "not-sure"}, dt.date(2025, 6, 15))
    assert next(r for r in not_sure.results if r.requirement == "dss-reunited").explain == req.explain.unknown


# ---------------------------------------------------------------- nobody has reviewed the Spanish: readers are told
@pytest.mark.parametrize("language", FURTHER)
def test_a_page_holding_text_not_yet_reviewed_says_so_with_a_link_to_the_page_that_decides(built_site, language):
    words = strings_for(EDITIONS[language].program)
    before, _, after = words["unreviewed_notice"].partition("{link}")
    checked = 0
    for html in sorted((built_site / language).rglob("index.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        notice = [p for p in soup.find_all("p") if p.get_text().startswith(before.strip())]
        assert len(notice) == 1, html
        link = notice[0].find("a")
        own = html.relative_to(built_site / language).as_posix()
        target = posixpath.normpath(posixpath.join(posixpath.dirname(html.relative_to(built_site).as_posix()), link["href"], "index.html"))
        assert target == own, (html, link["href"])  # the same page, in the main language
        assert notice[0].get_text() == before + link.get_text() + after
        checked += 1
    assert checked >= 18
    for html in built_site.glob("*/index.html"):
        if html.parent.name not in FURTHER:
            assert before.strip() not in html.read_text(encoding="utf-8"), html


def test_once_every_text_is_reviewed_no_page_says_so_and_check_counts_none(translated_project):
    path = translated_project / "data" / "translations" / "es.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    content = translated_project / "content"
    site = build.prepare(translated_project / "data", content)
    assert site.unreviewed_pages["es"] >= {"index.md", "eligibility.md", "self-check.md", "glossary.md", "print.md"}
    for entry in data.values():
        entry["reviewed"] = "2026-12-01"
    data["glossary.yaml › terms › kinship-care › note"]["reviewed"] = False  # one left: only the pages showing it
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")
    for page_md in (content / "es").glob("*.md"):
        page_md.write_text(page_md.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: 2026-12-01"), encoding="utf-8")
    site = build.prepare(translated_project / "data", content)
    assert site.unreviewed_pages["es"] == {"glossary.md", "print.md"}
    data["glossary.yaml › terms › kinship-care › note"]["reviewed"] = "2026-12-01"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")
    site = build.prepare(translated_project / "data", content)
    assert site.unreviewed_pages["es"] == set()
    from tests.test_translations import run

    result = run(translated_project, "check")
    assert result.exit_code == 0 and "not yet reviewed" not in result.stderr


def test_the_unreviewed_line_escapes_its_words(translated_project):
    """Its words are interface words, which a program's strings: may change (tests/hostile_cases.yaml)."""
    from tests.kit import build_site

    program = translated_project / "data" / "program.yaml"
    hostile = {"unreviewed_notice": "<script>alert(9)</script> {link}", "unreviewed_link": "<img src=x onerror=alert(10)>"}
    program.write_text(program.read_text(encoding="utf-8").replace(
        "language: en\n", "language: en\nstrings:\n" + "".join(f"  {k}: \"{v}\"\n" for k, v in hostile.items())), encoding="utf-8")
    with (translated_project / "data" / "translations" / "es.yaml").open("a", encoding="utf-8") as f:  # the words in Spanish too
        f.write(yaml.safe_dump({f"program.yaml › strings › {k}": {"en": v, "es": v, "reviewed": False} for k, v in hostile.items()},
                               allow_unicode=True, width=10**6, sort_keys=False))
    site = build_site(translated_project)
    html = page_file(site, "es/roles.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in html and "<script>alert(9)" not in html and "<img src=x" not in html
    sc = page_file(site, "es/self-check.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(9)" in sc and "<script>alert(9)" not in sc


# ---------------------------------------------------------------- the edition leads to its own pages
@pytest.mark.parametrize("language", FURTHER)
def test_the_header_and_the_phone_menu_lead_to_the_home_page_of_the_page_s_language(built_site, language):
    name = EDITIONS[language].program.name
    for uri in (f"{language}/roles.md", f"{language}/tiers/tier-1.md", f"{language}/index.md"):
        soup = page(built_site, uri)
        here = page_file(built_site, uri).parent.relative_to(built_site).as_posix()
        logos = soup.select("a.md-logo")
        assert len(logos) == 2, uri  # the header's and the menu's
        for a in logos:
            assert posixpath.normpath(posixpath.join(here, a["href"])) == language, (uri, a["href"])
            assert a["aria-label"] == name
        assert soup.select_one("label.md-nav__title").get_text(" ", strip=True) == name
    sc = page(built_site, f"{language}/self-check.md").select_one("a.sc-home")
    assert posixpath.normpath(posixpath.join(f"{language}/self-check", sc["href"])) == language


# ---------------------------------------------------------------- the same sources on the self-check's screens
@pytest.mark.parametrize("language", [None, *FURTHER])
def test_the_screens_show_the_source_of_each_text_that_states_policy(context, site_url, built_site, language):  # noqa: F811
    """Finding 3 on the screens: each start-screen paragraph, hint and outcome with a cite shows its sources, and a
    disputed row shows the other source too (finding 1); words and sources from the page's own table."""
    from playwright.sync_api import expect

    from generator.selfcheck.tests.driving import MEETS_ALL, answer_all, h1, language_table, open_check

    table = language_table(built_site.parent / "data", language)
    words, by_text = table["words"], {q["text"]: q for q in table["questions"]}

    def sources(cites: list[str]) -> str:
        return f"{words['source']}: " + "; ".join(cites)

    for answers, outcome in (({"reunified": "no"}, "disputed"), ({"reunified-since": (3, 2025)}, "not-yet")):
        sc = open_check(context, site_url, table, f"/{language}/self-check/" if language else "/self-check/")
        for p in table["self_check"]["intro"]:
            if "cite" in p:
                expect(sc.get_by_role("paragraph").filter(has_text=p["text"]).locator(".sc-cite")).to_have_text(sources(p["cite"]))
        if language:  # the line on a translation not yet reviewed: on the start screen, not above the answer
            notice = sc.get_by_role("link", name=strings_for(EDITIONS[language].program)["unreviewed_link"].split("{")[0], exact=False)
            expect(notice).to_be_visible()
        hints = []

        def hint_sources(page):
            if language:
                expect(notice).to_be_hidden()
            q = by_text[h1(page)]
            if "cite" in q:  # the hint's sources, in the question's group, under the hint
                expect(page.get_by_role("group").locator(".sc-cite")).to_have_text(sources(q["cite"]))
                hints.append(q["id"])
        answer_all(sc, table, MEETS_ALL | answers, hint_sources)
        assert "reunified" in hints and "training" in hints
        sc.get_by_role("button", name=words["see_result"]).click()
        o = next(o for o in table["outcomes"] if o["id"] == outcome)
        if "cite" in o:
            said = sc.get_by_role("paragraph").filter(has_text=o["text"].split("{")[0].strip())
            expect(said.locator(".sc-cite")).to_have_text(sources(o["cite"]))
        req = next(r for r in table["requirements"] if r["id"] == "dss-reunited")
        row = sc.get_by_role("listitem").filter(has=sc.get_by_role("heading", name=req["title"], exact=True))
        expect(row.locator(".sc-cite")).to_have_text(sources(req["cite"] + req["dispute_cite"] if outcome == "disputed" else req["cite"]))
        sc.close()
