"""Each source keeps its own words and values (issue 24, item 4; generator/policy/provenance.py): with a memo that
changes the DHS page's "one year" to 18 months from a day still to come, every sentence that speaks for the DHS
page still says one year, with the memo's 18 months beside it and the memo's citation, before and on the day,
in English and Spanish, on the print page and in the PDF; `check` refuses a sentence that binds a value to a
source that does not state it, and one that speaks for a source about a list holding another's entries."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.policy.load import DataError, load_all
from generator.selfcheck import decision_table
from tests.kit import copy_project, page
from tests.planted import coming_day, planted, run

DAY = coming_day()
SPOKEN = f"{DAY:%B} {DAY.day}, {DAY.year}"
BESIDE = f"one year (from {SPOKEN}, Example memo: 18 months)"
BESIDE_ES = re.compile(r"un año \(desde el 1 de \w+ de \d{4}, (ES: )?Example memo: 18 meses\)")
WRONG = re.compile(r"DHS page (requires|says|asks)( for)?( at least)? 18 months|Required: reunited with the children for at least 18 months")


def _text(site, uri: str) -> str:
    return " ".join(page(site, uri).select_one("article").get_text(" ").split())


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The planted change published the day before it takes effect and on its day (the latter with its PDF)."""
    project = planted(tmp_path_factory.mktemp("provenance") / "project", DAY)
    out = {}
    for when, day in (("before", DAY - dt.timedelta(days=1)), ("on", DAY)):
        target = project.parent / f"site-{when}"
        with pytest.MonkeyPatch.context() as mp:
            if when == "on":
                mp.delenv("HANDBOOK_PDF", raising=False)  # the PDF's text too
            result = run(project, "publish", "--as-of", day.isoformat(), "--to", str(target))
        assert result.exit_code == 0, result.output
        out[when] = target
    return project, out


@pytest.mark.parametrize("when", ["before", "on"])
def test_a_sentence_that_speaks_for_the_dhs_page_states_its_value_with_the_memo_s_beside(sites, when):
    _, site = sites[0], sites[1][when]
    for uri in ("sources.md", "policy-choices.md", "print.md"):
        text = _text(site, uri)
        assert not WRONG.search(text), (uri, WRONG.search(text)[0])
        assert f"Required: reunited with the children for at least {BESIDE}" in text or uri == "policy-choices.md", uri
        assert uri == "sources.md" or f"The DHS page requires {BESIDE} since reunification" in text, uri
        assert "Example memo › Time Since Reunification" in text, uri  # the memo's value with its citation
    for uri in ("es/sources.md", "es/policy-choices.md", "es/print.md"):
        text = _text(site, uri)
        assert BESIDE_ES.search(text), uri
        assert not re.search(r"DHS (exige|pide|requiere)( que [^.(]*)?( al menos)? 18 meses", text), uri


def test_the_pdf_says_the_same(sites):
    site = sites[1]["on"]
    from tests.test_pdf import pdf_text

    text = " ".join(" ".join(pdf_text(site / "handbook.pdf")).split())
    assert f"The DHS page requires {BESIDE} since reunification" in text
    assert not WRONG.search(text)


def test_the_eligibility_page_names_every_source_of_its_lists(sites):
    site = sites[1]["before"]
    line = page(site, "eligibility.md").select_one(".page-sources")
    assert [a.get_text() for a in line.find_all("a")] == ["DSS guide", "DHS page", "Example memo"]
    assert line.find_all("a")[-1]["href"] == "../sources/#example-memo"


def test_the_result_s_row_about_the_disqualifiers_cites_each_one_s_source(sites):
    project = sites[0]
    table = decision_table(load_all(project / "data"), day=DAY - dt.timedelta(days=1))
    row = next(r for r in table["requirements"] if r["id"] == "dhs-not-disqualified")
    assert row["cite"] == ["DHS page › Disqualifiers", "Example memo › Purpose"]


# ---------------------------------------------------------------- check
def _with_memo_value(tmp_path):
    """A copy whose reunification time becomes 18 months from a day, citing the example memo (sentences left as they are)."""
    from tests.planted import MEMO, QUOTE

    project = copy_project(tmp_path / "project")
    assert run(project, "add-source", str(MEMO), "--id", "example-memo", "--short", "Example memo",
               "--publisher", "Nobody (an example)", "--date", "2026-11-02").exit_code == 0
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    old = '    rule: {question: reunified-since, at_least: "1 year", training_after: "6 months"}\n'
    assert old in text
    path.write_text(text.replace(old, "    rule:\n      question: reunified-since\n      training_after: \"6 months\"\n      at_least:\n"
                                      '        2011-08-12: {value: "1 year", cite: {source: dhs, section: eligibility, quote: "Have been reunited with children for at least one year."}}\n'
                                      f'        2027-03-01: {{value: "18 months", cite: {{source: example-memo, section: time-since-reunification, quote: "{QUOTE}"}}}}\n'),
                    encoding="utf-8")
    return project


def _problems(project) -> list:
    with pytest.raises(DataError) as e:
        load_all(project / "data")
    return e.value.problems


def test_check_refuses_a_sentence_that_binds_the_memo_s_value_to_the_dhs_page(tmp_path):
    project = _with_memo_value(tmp_path)
    load_all(project / "data")  # the data speaks for each source with its own value: it checks
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    qualified = "The DHS page requires {dhs-reunited-one-year.at_least@dhs} since reunification."
    assert text.count(qualified) == 1
    path.write_text(text.replace(qualified, "The DHS page requires {dhs-reunited-one-year.at_least} since reunification."), encoding="utf-8")
    [problem] = _problems(project)
    assert problem.file == "data/eligibility.yaml" and problem.line == text[:text.index(qualified)].count("\n") + 1
    assert "names the DHS page, but {dhs-reunited-one-year.at_least} is “18 months” from 2027-03-01, which the Example memo states" in problem.what
    assert "write {dhs-reunited-one-year.at_least@dhs}" in problem.fix


def test_a_sentence_that_names_no_source_is_bound_to_the_sources_its_entry_cites(tmp_path):
    project = _with_memo_value(tmp_path)
    path = project / "data" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    old = "Required: reunited with the children for at least {dhs-reunited-one-year.at_least@dhs}."
    assert old in text
    path.write_text(text.replace(old, old.replace("@dhs", "")), encoding="utf-8")
    [problem] = _problems(project)
    assert problem.file == "data/sources.yaml" and "cites the DHS page, but {dhs-reunited-one-year.at_least} is “18 months”" in problem.what


def test_the_requirement_s_own_texts_that_name_no_source_follow_the_value_in_force(tmp_path):
    project = _with_memo_value(tmp_path)
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'met: "Your children have been home with you for at least {dhs-reunited-one-year.at_least}."' in text
    load_all(project / "data")  # no problem: the requirement shows each version's citation


@pytest.mark.parametrize("placeholder, says", [
    ("{dhs-reunited-one-year.at_least@dss}", "asks for the value as 'dss' states it, but no version of {dhs-reunited-one-year.at_least} cites it"),
    ("{dhs-reunited-one-year.at_least@example-memo}", "is the value of the Example memo, in a sentence that speaks for the DHS page"),
])
def test_a_value_asked_of_the_wrong_source_is_named(tmp_path, placeholder, says):
    project = _with_memo_value(tmp_path)
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    qualified = "The DHS page requires {dhs-reunited-one-year.at_least@dhs} since reunification."
    path.write_text(text.replace(qualified, qualified.replace("{dhs-reunited-one-year.at_least@dhs}", placeholder)), encoding="utf-8")
    assert any(says in p.what for p in _problems(project))


def test_a_sentence_that_speaks_for_one_source_about_a_list_holding_another_s_entry_is_named(tmp_path):
    project = _with_memo_value(tmp_path)
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction]\n",
                        "    items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction, memo-named]\n")
    text = text.replace("  - id: child-death-conviction\n", '  - id: memo-named\n    text: "Named in the memo"\n    plain: "Being named in the memo"\n'
                                                           "    cite: {source: example-memo, section: purpose}\n  - id: child-death-conviction\n")
    path.write_text(text, encoding="utf-8")
    [problem] = _problems(project)
    assert "“The DHS page says a person cannot be a Parent Partner if any of the...” speaks for the DHS page" in problem.what
    assert "the list it is about holds “Named in the memo”, from the Example memo" in problem.what
