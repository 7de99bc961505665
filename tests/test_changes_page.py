"""The public "What changed" page (issue 24, item 5): `diff --record` files each change under the day it takes
effect (a dated value's day, an entry's from:, else --effective); a day still to come reads as coming, never
"in effect"; citations, search words and the self-check's machinery never reach it; the Spanish page gives
the summaries in Spanish; and no page shows Markdown's attribute syntax."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from generator.site import build
from tests.kit import build_site, page
from tests.planted import DISQUALIFIER, DO_NOT, coming_day, planted, run

TODAY = dt.date.today()
DAY = coming_day(TODAY)
SUMMARY = "A new memo: 18 months from its day, a new do-not rule and a new disqualifier."
SUMMARY_ES = "Un memorando nuevo: 18 meses desde su día, una regla nueva de lo que no se hace y un motivo nuevo que impide ser Parent Partner."
ATTRIBUTES = re.compile(r"\{:[^}]*\}|\{\s*[#.][A-Za-z][\w-]*[^}]*\}")
"""Markdown's attribute syntax ({: lang="en" }, {: #id }, { .class }) shown as text: a page that shows it failed."""


def spoken(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """The planted change, compared with HEAD, recorded (first without --effective, refused), its summary
    translated, and the site built as of today: (project, site, what the commands printed)."""
    project = planted(tmp_path_factory.mktemp("changes") / "project", DAY)
    data = lambda: {p: p.read_bytes() for p in (project / "data").rglob("*.yaml")}
    before = data()
    said = {"diff": run(project, "diff"), "no day": run(project, "diff", "--record", "--summary", SUMMARY)}
    said["nothing written"] = data() == before
    said["record"] = run(project, "diff", "--record", "--effective", TODAY.isoformat(), "--summary", SUMMARY)
    said["untranslated"] = run(project, "check")
    said["program"] = (project / "data" / "program.yaml").read_text(encoding="utf-8")
    es = project / "data" / "translations" / "es.yaml"
    es.write_text(es.read_text(encoding="utf-8").replace("  es: ''\n", f"  es: '{SUMMARY_ES}'\n"), encoding="utf-8")
    said["translated"] = run(project, "check")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(build.AS_OF, raising=False)  # as of today, whatever another test in this process set
        return project, build_site(project), said


# the sentence that spoke for the DHS page about the disqualifiers, said without naming a source (tests/planted.py)
REWORDED = ("'None of the things that stop a person from being a Parent Partner': not met changed from 'The DHS page says a "
            "person cannot be a Parent Partner if any of these apply. You said one or more apply to you.' to 'A person cannot be "
            "a Parent Partner if any of these apply. You said one or more apply to you.'")


def test_diff_says_the_day_of_each_change_and_which_are_not_for_the_public_page(recorded):
    _, _, said = recorded
    lines = said["diff"].stdout.splitlines()
    assert lines[0] == "7 changes since HEAD:"
    public, internal = lines[1:lines.index('Not for the "What changed" page (citations, search words, how the self-check works):')], \
        lines[lines.index('Not for the "What changed" page (citations, search words, how the self-check works):') + 1:]
    assert public == [
        "- Sources and where they differ: source 'EXAMPLE MEMO, INVENTED FOR THE POLICY STAFF GUIDE' added",
        f"- What Parent Partners do and do not do: will not '{DO_NOT}' added",
        "- Who can become a Parent Partner: 'Reunited for at least 18 months': at least changed from 1 year to 18 months"
        f" (takes effect on {DAY.isoformat()})",
        f"- Who can become a Parent Partner: {REWORDED}",
        f"- Who can become a Parent Partner: disqualifier '{DISQUALIFIER}' added, in force from {spoken(DAY)}"]
    assert [line.split(": ")[2].split(" ")[0] for line in internal] == ["items", "cite"]


def test_record_needs_a_day_only_for_the_changes_without_one_of_their_own(recorded):
    _, _, said = recorded
    refused = said["no day"]
    assert refused.exit_code == 2 and said["nothing written"]
    assert ("--record needs --effective DATE: 3 of the changes have no day of their own; write the day they take effect "
            "(often the day you publish), like --effective") in refused.stderr
    assert said["record"].exit_code == 0, said["record"].output
    assert (f"Recorded in data/program.yaml: 3 changes taking effect on {TODAY.isoformat()}, "
            f"2 changes taking effect on {DAY.isoformat()}.") in said["record"].stdout


def test_each_change_is_written_with_its_own_day_and_internal_ones_are_not_written(recorded):
    _, _, said = recorded
    version = said["program"][said["program"].index(f"  - effective: {TODAY.isoformat()}\n"):]
    assert version == (
        f"  - effective: {TODAY.isoformat()}\n    summary: \"{SUMMARY}\"\n    changes:\n"
        "      - \"Sources and where they differ: source 'EXAMPLE MEMO, INVENTED FOR THE POLICY STAFF GUIDE' added\"\n"
        f"      - \"What Parent Partners do and do not do: will not '{DO_NOT}' added\"\n"
        f"      - {{effective: {DAY.isoformat()}, text: \"Who can become a Parent Partner: 'Reunited for at least 18 months': "
        "at least changed from 1 year to 18 months\"}\n"
        f"      - \"Who can become a Parent Partner: {REWORDED}\"\n"
        f"      - {{effective: {DAY.isoformat()}, text: \"Who can become a Parent Partner: disqualifier '{DISQUALIFIER}' added, "
        f"in force from {spoken(DAY)}\"}}\n")


def test_a_recorded_summary_is_a_text_to_translate(recorded):
    project, _, said = recorded
    assert "data/translations/es.yaml: the summary added, to translate into Spanish (es)" in said["record"].stderr
    refused = said["untranslated"]
    assert refused.exit_code == 1
    text = (project / "data" / "translations" / "es.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("program.yaml › versions › 2 › summary:") + 3  # its es: line
    assert (f"data/translations/es.yaml:{line}: 'program.yaml › versions › 2 › summary' is not translated yet — write the "
            "Spanish (es) text under  es:  saying the same as  en:") in refused.stderr
    assert said["translated"].exit_code == 0, said["translated"].output


def _sections(article) -> dict[str, str]:
    """Each h2 of the page: the text under it (up to the next h2)."""
    out = {}
    for h in article.select("h2"):
        parts = []
        for sib in h.find_next_siblings():
            if sib.name == "h2":
                break
            parts.append(sib.get_text(" ", strip=True))
        out[h.get_text(" ", strip=True).rstrip("¶").strip()] = " ".join(parts)
    return out


def test_the_page_lists_each_change_under_its_day_coming_or_in_effect(recorded):
    _, site, _ = recorded
    article = page(site, "changes.md").select_one("article")
    sections = _sections(article)
    assert list(sections) == [f"Coming on {spoken(DAY)}", f"In effect from {spoken(TODAY)}", "In effect from August 12, 2011"]
    coming, now = sections[f"Coming on {spoken(DAY)}"], sections[f"In effect from {spoken(TODAY)}"]
    assert "at least changed from 1 year to 18 months" in coming and DISQUALIFIER in coming
    assert DO_NOT in now and "EXAMPLE MEMO" in now and "18 months" not in now.replace(SUMMARY, "")
    assert SUMMARY in coming and SUMMARY in now
    text = article.get_text(" ", strip=True)
    for internal in ("cite", "items", "search words", "Time Since Reunification"):
        assert internal not in text


def test_on_the_day_the_coming_change_is_in_effect(recorded):
    project, _, _ = recorded
    site = build.prepare(project / "data", project / "content", DAY)
    changes = next(p.markdown for p in site.pages if p.uri == "changes.md")
    assert f"## In effect from {spoken(DAY)}" in changes and "Coming on" not in changes
    assert site.as_of_text == f"Policy as of {spoken(DAY)}"


def test_the_spanish_page_gives_the_summary_in_spanish_and_marks_the_english_changes(recorded):
    _, site, _ = recorded
    article = page(site, "es/changes.md").select_one("article")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2")]
    assert headings[0] == f"Regirá desde el 1 de {['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'][DAY.month - 1]} de {DAY.year}"
    summaries = [p for p in article.select("p") if SUMMARY_ES in p.get_text()]
    assert len(summaries) == 2 and all(p.get("lang") is None for p in summaries)
    assert SUMMARY not in article.get_text()
    changes = article.select("li")
    assert len(changes) == 5 and all(li.select_one("span[lang=en]").get_text() == li.get_text() for li in changes)


def attribute_syntax(html: str) -> list[str]:
    """Markdown attribute syntax in a page's text (not in its scripts or styles)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return ATTRIBUTES.findall(soup.get_text(" "))


def test_no_page_of_either_language_shows_markdown_attribute_syntax(recorded):
    _, site, _ = recorded
    files = sorted(site.rglob("*.html"))
    assert {"changes/index.html", "es/changes/index.html", "print/index.html", "es/print/index.html"} <= \
        {f.relative_to(site).as_posix() for f in files}
    assert {f.relative_to(site).as_posix(): found for f in files if (found := attribute_syntax(f.read_text(encoding="utf-8")))} == {}
    # the check sees it: what the Spanish page showed before (issue 24)
    assert attribute_syntax('<li>Tiers: added {: lang="en" }</li><p>{: #x .y }</p>') == ['{: lang="en" }', "{: #x .y }"]


def test_the_record_is_refused_whole_when_a_translation_file_cannot_be_written(recorded, monkeypatch):
    from tests.kit.project import full_disk_in

    project, _, _ = recorded
    program = project / "data" / "program.yaml"
    es = project / "data" / "translations" / "es.yaml"
    kept = program.read_bytes(), es.read_bytes()
    full_disk_in(monkeypatch, "translations")
    result = run(project, "diff", "--record", "--effective", (TODAY + dt.timedelta(days=1)).isoformat(), "--summary", "Again.")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert (program.read_bytes(), es.read_bytes()) == kept
