"""The guide's worked example proves issue 24, items 1 to 7, on what it publishes: every page of the sites
published the day before its change and on the change's day (tests/test_guide.py, fixture `guide_sites`), in
English and Spanish, the print pages, the PDF's text, the review pages the guide writes and the publish with
texts not yet translated. The self-check's items (1 to 3) are proved with the Python evaluator (the twin of the
page's script: the differential tests prove they agree) on the decision table each built self-check page carries.
"""
from __future__ import annotations

import datetime as dt
import importlib
import json
import re

import pytest
from bs4 import BeautifulSoup
from yaml import safe_load as yaml_load

from tests.guide_replay import CHANGE_DAY, GUIDE_DAY, blocks, commands
from tests.test_guide import GUIDE, MARK, guide_sites  # noqa: F401 (the fixture)

evaluate = importlib.import_module("generator.selfcheck.evaluate")  # the package exports a function of that name
CHANGE = dt.date.fromisoformat(CHANGE_DAY)
BESIDE = {"en": " (from March 1, 2027, Example memo: 18 months)", "es": " (desde el 1 de marzo de 2027, Memorando de ejemplo: 18 meses)"}
"""The memo's value beside the DHS page's, as every sentence that speaks for the DHS page must show it."""
DHS_VALUE = {"en": re.compile(r"(?:(?:requires|first requirement is) one year(?P<beside> \([^)]*\))? (?:since|of) reunification"
                              r"|reunited with the children for at least one year(?P<beside2> \([^)]*\))?)"),
             "es": re.compile(r"(?:(?:pide|primer requisito es) un año(?P<beside> \([^)]*\))? (?:de|desde la) reunificación"
                              r"|reunido con los hijos por al menos un año(?P<beside2> \([^)]*\))?)")}
"""Where a sentence that speaks for the DHS page (the sources page, a policy choice) gives its time since
reunification; the requirement's own title and text name no source and follow the rule in force."""
WRONG = {"en": re.compile(r"DHS page (requires|says|asks)( for)?( at least)? 18 months|Required: reunited with the children for at "
                          r"least 18 months|first requirement is 18 months"),
         "es": re.compile(r"DHS (exige|pide|requiere|dice)( que [^.(]*)?( al menos)? 18 meses|por al menos 18 meses|requisito es 18 meses")}
"""A sentence that gives the DHS page the memo's value."""
ABOVE = re.compile(r"date above|fecha de arriba|fecha (indicada|que aparece )?(de )?arriba|date ci-dessus", re.I)
"""A sentence that points to "the date above" (issue 24, item 3: it was not true in every outcome it appeared in)."""
CITATION = {"en": "Example memo › Time Since Reunification", "es": "Memorando de ejemplo › Tiempo desde la reunificación"}


def _sites(guide_sites):
    return (guide_sites.before, guide_sites.on)


def _language(path: str) -> str:
    return "es" if path.startswith("es/") else "en"


def _table(site, language: str) -> dict:
    """The decision table a built self-check page carries, as its script reads it."""
    html = site.html(("es/" if language == "es" else "") + "self-check/index.html")
    return json.loads(BeautifulSoup(html, "html.parser").find("script", id="sc-table").string)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for item in items for s in _strings(item)]


def _readable(site, path: str) -> str:
    """A page's text as it reads, and on the self-check's page every text its script can show."""
    text = site.text(path)
    if path.endswith("self-check/index.html"):
        text += " " + " ".join(" ".join(_strings(_table(site, _language(path)))).split())
    return text


def _the_dhs_page_keeps_its_value(text: str, language: str, where: str) -> int:
    """Item 4 on one text: no sentence gives the DHS page 18 months, and each that gives its one year has the memo's
    value beside it, with the memo's citation on the same page. Returns how many it found."""
    assert not WRONG[language].search(text), (where, WRONG[language].search(text)[0])
    found = list(DHS_VALUE[language].finditer(text))
    for m in found:
        assert (m["beside"] or m["beside2"]) == BESIDE[language], (where, m[0])
    assert not found or CITATION[language] in text, (where, "the memo's value without the memo's citation")
    return len(found)


# -- item 4: each source keeps its own words and values ---------------------------------------------------

@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_gives_the_dhs_page_its_own_value_with_the_memo_s_beside(guide_sites, language):
    for site in _sites(guide_sites):
        found = {path: _the_dhs_page_keeps_its_value(_readable(site, path), language, f"{site.day} {path}")
                 for path in site.pages(language)}
        prefix = "es/" if language == "es" else ""
        assert all(found[prefix + page] for page in ("sources/index.html", "policy-choices/index.html", "print/index.html")), \
            f"{site.day}: the pages that speak for the DHS page about this time show it"


def test_the_pdf_gives_the_dhs_page_its_own_value_with_the_memo_s_beside(guide_sites):
    for site in _sites(guide_sites):
        text = " ".join(site.pdf_text().split())
        assert _the_dhs_page_keeps_its_value(text, "en", f"{site.day} handbook.pdf"), "the PDF states the DHS page's time"


def test_the_eligibility_page_names_the_memo_among_its_sources(guide_sites):
    for site in _sites(guide_sites):
        for prefix, memo in (("", "Example memo"), ("es/", "Memorando de ejemplo")):
            line = BeautifulSoup(site.html(prefix + "eligibility/index.html"), "html.parser").select_one(".page-sources")
            assert [a.get_text() for a in line.find_all("a")][-1] == memo, (site.day, prefix)


def test_the_disqualifiers_no_longer_speak_for_the_dhs_page_alone(guide_sites):
    """Step 5's reworded sentence is what the self-check says, in both languages, before and on the day."""
    for site in _sites(guide_sites):
        for language in ("en", "es"):
            row = next(r for r in _table(site, language)["requirements"] if r["id"] == "dhs-not-disqualified")
            text = " ".join(_strings(row))
            assert "A person cannot be a Parent Partner if any of these apply." in text or "No puede ser Parent Partner quien" in text
            assert "The DHS page says a person cannot" not in text and "La página del DHS dice que no puede" not in text, (site.day, language)


# -- item 5: "What changed" ----------------------------------------------------------------------------

def _days(site, language: str) -> list[tuple[str, str]]:
    """The "What changed" page: each day's heading, with the text under it."""
    html = site.html(("es/" if language == "es" else "") + "changes/index.html")
    out = []
    for h2 in BeautifulSoup(html, "html.parser").select("article h2"):
        under = []
        for el in h2.find_next_siblings():
            if el.name == "h2":
                break
            under.append(el.get_text(" "))
        out.append((" ".join(h2.get_text(" ").replace("¶", "").split()), " ".join(" ".join(under).split())))
    return out


def _guide_diff() -> tuple[list[str], list[str]]:
    """The changes the guide's `diff` block lists: those for the page, and those not for it."""
    block = next(b for b in blocks(GUIDE.read_text(encoding="utf-8"), "console") if b.startswith("$ .venv/bin/python -m generator diff\n"))
    lines = commands(block)[0][1]
    apart = next(i for i, line in enumerate(lines) if line.startswith("Not for the"))
    return [line[2:] for line in lines[2:apart]], [line[2:] for line in lines[apart + 1:]]


def test_what_changed_lists_each_change_under_its_own_day(guide_sites):
    public, internal = _guide_diff()
    coming = {"before": ("Coming on March 1, 2027", "Regirá desde el 1 de marzo de 2027"),
              "on": ("In effect from March 1, 2027", "Rige desde el 1 de marzo de 2027")}
    for when, site in (("before", guide_sites.before), ("on", guide_sites.on)):
        for n, language in enumerate(("en", "es")):
            days = _days(site, language)
            headings = [h for h, _ in days]
            today = ("In effect from February 8, 2027", "Rige desde el 8 de febrero de 2027")[n]
            assert headings[:2] == [coming[when][n], today], (when, language, headings)
            march, february = days[0][1], days[1][1]
            # the public lines of the guide's diff, under the day each takes effect (the new time and disqualifier
            # on March 1; the memo, the rule on legal advice and the reworded sentence when published)
            for line in public:
                name = re.sub(r" \(takes effect on [\d-]+\)$", "", line)
                assert name in (march if "18 months" in line or "child neglect" in line else february), (when, language, name)
            for line in internal:
                assert line not in march + february, (when, language, "an internal line on the public page", line)


HEADINGS = {"en": (r"Coming on (.+)", r"In effect from (.+)"), "es": (r"Regirá desde el (.+)", r"Rige desde el (.+)")}
MONTHS = {"en": "January February March April May June July August September October November December".split(),
          "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()}


def _heading_is_true(heading: str, published: str, language: str) -> bool:
    """A day's heading on "What changed" reads as coming exactly when its day is after the publish day."""
    later, now = (re.fullmatch(w, heading) for w in HEADINGS[language])
    m = re.fullmatch(r"(\w+) (\d+), (\d+)" if language == "en" else r"(\d+) de (\w+) de (\d+)", (later or now)[1])
    month, number = (m[1], m[2]) if language == "en" else (m[2], m[1])
    day = dt.date(int(m[3]), MONTHS[language].index(month) + 1, int(number))
    return (day > dt.date.fromisoformat(published)) == bool(later)


def test_every_page_and_the_pdf_say_coming_for_every_day_after_the_publish_day_and_never_in_effect(guide_sites):
    """Item 5 beyond the page itself: the print pages and the PDF hold "What changed" too."""
    said = {"en": re.compile(r"(?:Coming on|In effect from) [A-Z][a-z]+ \d{1,2}, \d{4}"),
            "es": re.compile(r"(?:Regirá|Rige) desde el \d{1,2} de [a-z]+ de \d{4}")}
    internal = _guide_diff()[1]
    for site in _sites(guide_sites):
        for language in ("en", "es"):
            for heading, _ in _days(site, language):
                assert _heading_is_true(heading, site.day, language), (site.day, heading)
        texts = [(path, _language(path), site.text(path)) for path in site.pages("en") + site.pages("es")]
        for path, language, text in texts + [("handbook.pdf", "en", " ".join(site.pdf_text().split()))]:
            for heading in said[language].findall(text):
                assert _heading_is_true(heading, site.day, language), (site.day, path, heading)
            for line in internal:
                assert line not in text, (site.day, path, "an internal line", line)
        assert sum(bool(said["en"].search(t)) for _, language, t in texts if language == "en") >= 2  # the page and the print page


def test_the_spanish_what_changed_has_the_spanish_summary_and_no_raw_markup(guide_sites):
    entry = next(yaml_load(b) for b in blocks(GUIDE.read_text(encoding="utf-8"), "yaml") if "› versions ›" in b)
    (summary,) = entry.values()
    for site in _sites(guide_sites):
        es = " ".join(text for _, text in _days(site, "es"))
        assert summary["es"] in es and summary["en"] not in es
        assert summary["en"] in " ".join(text for _, text in _days(site, "en"))
        for path in site.pages("en") + site.pages("es"):
            assert "{:" not in site.text(path), (site.day, path, "raw attribute list markup")


# -- item 6: the review pages the guide writes ------------------------------------------------------------

def _printed(command: str) -> list[str]:
    """What the guide shows a command printing."""
    console = [b for b in blocks(GUIDE.read_text(encoding="utf-8"), "console") if b.startswith("$ ")]
    return next(out for b in console for words, out in commands(b) if " ".join(words).endswith(command))


@pytest.mark.parametrize("name, day", [("review.html", "February 8, 2027"), ("review-march.html", "March 1, 2027")])
def test_the_review_pages_read_like_the_pages_with_a_summary_on_top(guide_sites, name, day):
    soup = BeautifulSoup((guide_sites.review / name).read_text(encoding="utf-8"), "html.parser")
    pages, scenarios = map(int, re.match(r"(\d+) pages and (\d+) scenario result", _printed(f"--out {name}")[-2]).groups())
    assert [h.get_text() for h in soup.find_all("h2")][:2] == ["Summary", f"Pages that change ({pages})"]
    summary = " ".join(soup.find(id="summary").find_next("ul").get_text(" ").split())
    assert summary.startswith(f"{pages} pages change ") and f" {scenarios} of " in summary, summary
    assert re.search(r"\d+ texts of this change to translate into Spanish", summary), summary
    assert f"the pages as they read on {day}" in " ".join(soup.get_text(" ").split())
    assert len(soup.select("section h3")) == pages and soup.select("div.pair > div.side") and soup.find("ins")
    shown = " ".join(" ".join(p.get_text(" ") for p in soup.select("div.side p")).split())
    for source in ("{dhs-", "{:", "](", "<p", "**", "\n#"):
        assert source not in shown, f"Markdown or HTML source on the review page: {source}"
    if name == "review-march.html":  # the change's day: the time taken out and put in, as it reads
        assert {"one year", "18 months"} <= {d.get_text().replace("removed: ", "").replace("added: ", "") for d in soup.find_all(["del", "ins"])}


# -- item 7: a publish with texts not yet translated ------------------------------------------------------

def test_publish_with_untranslated_english_shows_the_english_marked_without_the_banner(guide_sites):
    site = guide_sites.untranslated
    assert "3 Spanish (es) texts are not yet translated: they are published in English, marked as not yet translated:" in site.printed
    assert "  data/duties.yaml:39: duties.yaml › will_not › 6 › text" in site.printed.splitlines()
    rule = "Give legal advice to the parents they mentor."
    assert f'<span lang="en">{rule}</span> <small class="untranslated">{MARK}</small>' in site.html("es/dos-and-donts/index.html")
    for path in site.pages("es"):
        assert "Vista previa" not in site.text(path), path  # the preview's banner is the preview's
    for path in site.pages("en"):
        assert MARK not in site.html(path), path


# -- items 1 to 3: the self-check, by the evaluator on the tables the pages carry --------------------------

def _answers(guide_sites, since: str) -> dict:
    """The scenarios' usual answers (a parent who meets every requirement), with the children home since `since`."""
    usual = yaml_load((guide_sites.project / "data" / "scenarios.yaml").read_text(encoding="utf-8"))["usual_answers"]
    usual["reunified-since"] = since
    return {q: {"year": int(a[:4]), "month": int(a[5:])} if re.fullmatch(r"\d{4}-\d\d", str(a)) else a for q, a in usual.items()}


def _the_date_is_under_the_rule_in_force_then(table: dict, answers: dict) -> None:
    """Item 1: children home in April 2026 (counted as April 30): one year would be April 30, 2027, after the change
    day, when the rule is 18 months: the date is October 30, 2027, weeks before the day, the day before and on it."""
    for today in (dt.date.fromisoformat(GUIDE_DAY), CHANGE - dt.timedelta(days=1), CHANGE):
        outcome = evaluate.evaluate(table, answers, today)
        assert (outcome.id, outcome.partner_date) == ("train-now", dt.date(2027, 10, 30)), today


def _the_change_is_announced(table: dict, answers: dict, language: str) -> None:
    """Item 2: children home in November 2025: one year is met the day before the change; 18 months is not (May 30,
    2027). The answer says that from March 1, 2027 the rules change, in the page's own words, and what to do then
    (talk to a person: her answer did not cover the coming disqualifier), without a date that outcome does not give."""
    before, on = evaluate.evaluate(table, answers, CHANGE - dt.timedelta(days=1)), evaluate.evaluate(table, answers, CHANGE)
    assert before.id == "likely" and [c.day for c in before.coming] == [CHANGE]
    assert before.coming[0].partner_date == on.partner_date == dt.date(2027, 5, 30) and on.coming == ()
    assert before.coming[0].id == "talk"  # the guide, step 5: her answer did not cover the coming disqualifier
    (told,) = evaluate.coming(table, before)
    assert told.startswith(table["words"]["coming"].split("{date}")[0] + evaluate.format_date(CHANGE, table)), told
    # "talk to a person" gives no date (a date there would be one the parent cannot use)
    assert ("30 de mayo de 2027" if language == "es" else "May 30, 2027") not in told, told


def _no_date_above_where_there_is_none(table: dict) -> None:
    """Item 3: a text that speaks of "the date above" is an outcome's own, and that outcome gives a date; the words any
    outcome can show (the script's words, the requirements' explanations) never do."""
    for outcome in table["outcomes"]:
        assert not ABOVE.search(json.dumps(outcome, ensure_ascii=False)) or re.search(r"\{(partner|training)_date\}", outcome["title"])
    for text in _strings(table["words"]) + _strings(table["requirements"]):
        assert not ABOVE.search(text), text


def test_the_self_check_on_every_page_dates_announces_and_points_truly(guide_sites):
    """Items 1 to 3 on the tables the self-check pages carry, before and on the day, in English and Spanish."""
    april, november = _answers(guide_sites, "2026-04"), _answers(guide_sites, "2025-11")
    for site in _sites(guide_sites):
        for language in ("en", "es"):
            table = _table(site, language)
            _the_date_is_under_the_rule_in_force_then(table, april)
            _the_change_is_announced(table, november, language)
            _no_date_above_where_there_is_none(table)


def test_no_word_of_the_self_check_speaks_of_a_date_above():
    """Item 3, in the words files (en, es, fr): the self-check's own words can be shown with any outcome, and some
    outcomes give no date, so none of them speaks of "the date above"."""
    from pathlib import Path

    files = sorted((Path(evaluate.__file__).parent).glob("words.*.yaml"))
    assert [f.name for f in files] == ["words.en.yaml", "words.es.yaml", "words.fr.yaml"]
    for path in files:
        for text in _strings(yaml_load(path.read_text(encoding="utf-8"))):
            assert not ABOVE.search(text), (path.name, text)
