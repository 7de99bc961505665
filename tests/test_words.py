"""Words a parent can trust, in both languages (issue 25): the checks that would have caught each finding,
each shown catching the defect it guards against.

- A further language's page holds no word of the main language's durations, months or statuses outside text
  marked with the main language, on every rendering path: the generated pages, the print page, the
  self-check's no-JavaScript checklist and the decision table its screens are made from.
- Every number and date of a translation is its English's (generator/facts.py, run by `check`).
- A sentence that names a source cites that source, and a self-check text that states policy carries its own
  source and section (generator/naming.py, run by `check`); the self-check shows them on its screens and in
  its checklist.
- A further language's page that holds text nobody has reviewed says so in one line, with a link to the page
  that decides; `check` and `publish` count such texts and pages.
- The header's and the phone menu's site name lead to the home page of the page's own language.
"""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator import asof, build, model, pages, translations
from generator.load import DataError, load_all
from generator.selfcheck import decision_table, evaluate
from generator.strings import strings_for
from generator.selfcheck.tests.driving import context  # noqa: F401  (fixture: a phone with today fixed)
from tests.kit import ROOT, page
from tests.kit.pages import page_file

HB = load_all(ROOT / "data")
MAIN, FURTHER = HB.program.language, HB.program.translations
WORDS = strings_for(HB.program)
EDITIONS = {lang: translations.edition(HB, lang) for lang in FURTHER}


# ---------------------------------------------------------------- no English word on a Spanish page
def main_words_pattern(words: dict = WORDS) -> re.Pattern:
    """The main language's duration, month and status words, whole ("1 year", "August", "Not met")."""
    durations = {re.sub(r"\{n\}", "", words[k]).strip() for k in ("duration_year", "duration_years", "duration_month", "duration_months")}
    statuses = {v for k, v in words.items() if k.startswith("self_check_status_")}
    found = sorted(durations | set(words["months"]) | statuses, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in found) + r")\b", re.I)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


SOURCES = " ".join(re.sub(r"\s+", " ", t) for t in HB.source_texts.values())
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")
INTERNAL = re.compile(r"[a-z0-9_-]*|\.\./.*|#.*")
"""The table's ids, answer values and links: not words a parent reads."""


def _own_words(text: str) -> str:
    """A text without its {placeholders} and without the sources' own words in quotation marks ("(year one)")."""
    text = re.sub(r"\{[a-z_]+\}", " ", text)
    return QUOTED.sub(lambda q: " " if re.sub(r"\s+", " ", q[1] or q[2] or "x") in SOURCES else q[0], text)


def readable(html: str, language: str) -> list[str]:
    """What a reader of `language` reads on a page: its text (the <noscript> checklist too) without the parts
    marked as another language, and every text of the self-check's decision table (its screens)."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("script", id="sc-table")
    texts = [t for t in _strings(json.loads(table.string)) if not INTERNAL.fullmatch(t)] if table else []
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    for tag in soup.find_all(lang=True):
        if tag.name != "html" and tag["lang"] != language:
            tag.decompose()
    return [_own_words(t) for t in [soup.get_text(" "), *texts]]


def strays(html: str, language: str, pattern: re.Pattern = main_words_pattern()) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 20] for text in readable(html, language) for m in pattern.finditer(text)]


@pytest.mark.parametrize("language", FURTHER)
def test_no_english_duration_month_or_status_word_on_a_further_language_page(built_site, language):
    files = sorted((built_site / language).rglob("*.html"))
    assert page_file(built_site / language, "print.md") in files and page_file(built_site / language, "self-check.md") in files
    found = {str(f.relative_to(built_site)): s for f in files if (s := strays(f.read_text(encoding="utf-8"), language))}
    assert found == {}
    # the paths are really read: the checklist (in <noscript>), the decision table, the print page
    words = strings_for(EDITIONS[language].program)
    sc = " ".join(readable(page_file(built_site, f"{language}/self-check.md").read_text(encoding="utf-8"), language))
    assert words["self_check_checklist_title"] in sc and words["self_check_status_wait_training"] in sc
    year = asof.duration_words("1 year", words)
    assert words["eligibility_time_rule"].replace("{at_least}", year) in " ".join(
        readable(page_file(built_site, f"{language}/print.md").read_text(encoding="utf-8"), language))


def _spanish_page(uri: str) -> str:
    """A page of the Spanish edition, rendered from its Markdown as MkDocs does (without the theme)."""
    made, _ = pages.render_site(EDITIONS["es"], {}, "es/", MAIN)
    text = next(p.markdown for p in made if p.uri == uri).split("---\n", 2)[-1]
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"])


def test_the_check_finds_a_duration_left_in_english_on_each_path(monkeypatch):
    assert strays(_spanish_page("eligibility.md"), "es") == []
    monkeypatch.setattr(asof, "duration_words", lambda text, words: text)  # as before: the rule's value as written
    assert any("1 year" in s for s in strays(_spanish_page("eligibility.md"), "es"))  # the eligibility and print pages
    assert any("6 months" in s for s in strays(_spanish_page("self-check.md"), "es"))  # the no-JavaScript checklist
    table = '<script type="application/json" id="sc-table">{"explain": {"met": "Lleva al menos 1 year."}}</script>'
    assert strays(table, "es") and strays('<p>Estado: <b>Not met</b></p>', "es") and strays("<p>el 12 de August</p>", "es")
    assert strays('<p>Cita: <span lang="en">“at least one year”</span></p>', "es") == []  # the source's own words


# ---------------------------------------------------------------- every number and date of a translation is its English's
def _check(project) -> list[str]:
    try:
        load_all(project / "data")
    except DataError as e:
        return [str(p) for p in e.problems]
    return []


def _set_translation(project, key: str, old: str, new: str) -> int:
    path = project / "data" / "translations" / "es.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert old in data[key]["es"]
    data[key]["es"] = data[key]["es"].replace(old, new)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == f"{key}:") + 2  # its  es:  line


@pytest.mark.parametrize("key, old, new, said", [
    ("commitments.yaml › topics › commitments › entries › 2 › text", "7 a 10", "7 a 12", "the English says 10, 7; the translation says 12, 7"),
    ("commitments.yaml › topics › commitments › entries › 1 › text", "dos familias", "tres familias",
     "the English says 2; the translation says 3"),
    ("eligibility.yaml › policy_choices › version-dates › gap", "11 de julio de 2011", "11 de junio de 2011",
     "the English says 11, 12, 2011 (2×), month 7, month 8; the translation says 11, 12, 2011 (2×), month 6, month 8"),
])
def test_a_translation_with_another_number_or_date_fails_the_check(translated_project, key, old, new, said):
    assert _check(translated_project) == []
    line = _set_translation(translated_project, key, old, new)
    assert _check(translated_project) == [f"data/translations/es.yaml:{line}: the numbers or dates of '{key}' are not its English's: "
                                          f"{said} — write the same numbers and dates as the English (a number in digits or in "
                                          "words, a date the way this language writes it)"]


# ---------------------------------------------------------------- a sentence that names a source cites it
def _replace(project, file: str, old: str, new: str) -> int:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if (new.strip().splitlines() or [""])[0] in line)


def test_a_sentence_naming_a_source_it_does_not_cite_fails_the_check(project):
    """Finding 1: a statement of the DHS page under the DSS guide's citation."""
    assert _check(project) == []
    said = "The DSS guide says candidates have successfully reunited with their children. You said your children were not returned to you."
    line = _replace(project, "eligibility.yaml", said, said + " But the DHS page gives time to parents whose children were not returned.")
    problems = _check(project)
    assert len(problems) == 1 and problems[0].startswith(f"data/eligibility.yaml:{line}: “The DSS guide says candidates have successfully")
    assert problems[0].endswith("names the DHS page (“DHS page”) but cites only the DSS guide — add a  cite:  of the section of the "
                                "DHS page that says it, or say only what the citations say")


def _without_cite_of_training_hint(text: str) -> str:
    start = text.index("    hint: \"Supervision means")
    return text[:text.index("    cite:\n", start)] + text[text.index("    error: \"Choose if you would take part", start):]


def _without_cite_of_outcome(text: str) -> str:
    return text.replace("    cite: {source: dhs, section: disqualifiers, quote: \"Will be disqualified if any of the following apply\"}\n"
                        "  - id: not-met", "  - id: not-met")


def _paragraph_as_plain_text(text: str) -> str:
    start = text.index("    - text: \"Already in training?")
    return (text[:start] + "    - \"Already in training? This check is for parents who want to start. The Parent Partner Program gives "
            "training and support, so ask the people there.\"\n" + text[text.index("  minutes:", start):])


@pytest.mark.parametrize("change, text_of", [(_without_cite_of_training_hint, "this question's hint"),
                                             (_without_cite_of_outcome, "this outcome's text"),
                                             (_paragraph_as_plain_text, "this paragraph")])
def test_a_self_check_text_that_states_policy_without_its_own_source_fails_the_check(project, change, text_of):
    """Finding 3: a hint, an outcome or a start-screen paragraph with policy in it and no source shown."""
    path = project / "data" / "eligibility.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(change(before), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != before
    problems = _check(project)
    assert len(problems) == 1 and f": {text_of} states policy (it says “" in problems[0], problems
    assert "  cite: {source: ..., section: ..., quote: \"...\"}  to the" in problems[0]


def test_the_sentences_naming_a_source_in_each_language_cite_it():
    """The same check on each translated edition: a translation that names the other source is caught too."""
    from generator.naming import naming_problems

    for hb in EDITIONS.values():
        parsed = {name: getattr(hb, name) for name in model.FILES}
        assert naming_problems(parsed, {}) == []
        first = hb.eligibility.requirements[0]  # the DSS guide's
        wrong = first.model_copy(update={"explain": first.explain.model_copy(update={"met": "La página del DHS dice que sí."})})
        el = hb.eligibility.model_copy(update={"requirements": [wrong, *hb.eligibility.requirements[1:]]})
        assert len(naming_problems(parsed | {"eligibility": el}, {})) == 1


# ---------------------------------------------------------------- the sources of the self-check's texts, shown
@pytest.mark.parametrize("language", [None, *FURTHER])
def test_the_checklist_shows_the_source_of_each_text_that_states_policy(built_site, language):
    hb = EDITIONS[language] if language else HB
    words = strings_for(hb.program)
    soup = page(built_site, f"{language}/self-check.md" if language else "self-check.md")
    checklist = soup.find("noscript")
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
        hints = []

        def hint_sources(page):
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
