"""Dated entries (issue 12): a requirement, a disqualifier or a tier's activity that starts (`from:`) or
stops (`until:`) on a date is applied from that date only, by the pages (`publish --as-of`) and the
scenarios, and shown as a coming change until then; a bad bound is named with its file, line and fix.
The data's own program has no dated entries: these tests add made-up ones to a copy (they cite existing
sections only because the copy has no newer source)."""
from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from click.testing import CliRunner

from generator.policy.asof import at
from generator.commands.cli import main
from generator.policy.load import DataError, load_all
from tests.kit import copy_project, page

CITE = '{source: dhs, section: eligibility, quote: "Have some flexibility to attend meetings and co-facilitate groups."}'
SHARE = "  - id: dhs-share-experience\n"
ITEMS = "[founded-sexual-abuse, sex-abuse-registry, child-death-conviction]"


def bound(day: dt.date) -> str:
    return f"{{date: {day.isoformat()}, cite: {CITE}}}"


def with_entries(tmp_path, start: dt.date, end: dt.date | None = None, project=None):
    """A copy of the project with a requirement, a disqualifier and an activity that start on `start`
    (and a requirement that stops on `end`)."""
    project = project or copy_project(tmp_path / "project")
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    assert SHARE in text and ITEMS in text
    text = text.replace(SHARE, f"""  - id: test-evening-meetings
    title: Goes to evening meetings
    text: "Parent Partners can go to evening meetings."
    cite: {CITE}
    from: {bound(start)}
    rule: {{question: flexibility, met_by: ["yes"]}}
    explain:
      met: "You said you could go to evening meetings."
      not_met: "Parent Partners go to evening meetings. You said you could not."
      unknown: "You were not sure about evening meetings."
""" + SHARE, 1)
    if end:
        text = text.replace(SHARE + "    title:", SHARE + f"    until: {bound(end)}\n    title:", 1)
    text = text.replace(ITEMS, ITEMS[:-1] + ", test-late-fees]", 1).replace("\ndisqualifiers:\n", f"""
disqualifiers:
  - id: test-late-fees
    text: "Unpaid late fees"
    plain: "Owing late fees"
    cite: {CITE}
    from: {bound(start)}
""", 1)
    path.write_text(text, encoding="utf-8")
    tiers = project / "data" / "tiers.yaml"
    tiers.write_text(tiers.read_text(encoding="utf-8").replace(
        '      - {id: unit-meetings, name: "Unit meetings"}\n',
        f'      - {{id: unit-meetings, name: "Unit meetings"}}\n      - {{id: test-evening-calls, name: "Evening calls", from: {bound(start)}}}\n'), encoding="utf-8")
    return project


def test_an_entry_added_next_week_is_left_out_today_and_shown_as_coming(tmp_path):
    today = dt.date.today()
    next_week = today + dt.timedelta(days=7)
    hb = load_all(with_entries(tmp_path, next_week) / "data")
    now, later = at(hb, today), at(hb, next_week)
    assert "test-evening-meetings" not in [r.id for r in now.eligibility.requirements]
    assert "test-late-fees" not in [d.id for d in now.eligibility.disqualifiers]
    assert "test-late-fees" not in next(q for q in now.eligibility.questions if q.id == "disqualifiers").items
    assert [e.id for e in now.coming_entries["requirements"]] == ["test-evening-meetings"]
    assert [e.id for e in now.coming_entries["disqualifiers"]] == ["test-late-fees"]
    assert [e.id for e in now.coming_entries["tier-1.activities"]] == ["test-evening-calls"]
    assert "test-evening-meetings" in [r.id for r in later.eligibility.requirements]
    assert "test-late-fees" in next(q for q in later.eligibility.questions if q.id == "disqualifiers").items
    assert not later.coming_entries


def test_publish_as_of_leaves_out_what_is_not_in_force_and_shows_what_is_coming(tmp_path):
    project = with_entries(tmp_path, dt.date(2027, 1, 1), end=dt.date(2027, 6, 1))
    site = tmp_path / "site"
    run = lambda day: CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(site), "--as-of", day])
    result = run("2026-12-31")
    assert result.exit_code == 0, result.output
    elig = page(site, "eligibility.md")
    coming = [c.get_text(" ", strip=True) for c in elig.select(".coming")]
    assert any(c.startswith("From January 1, 2027, this is added: Goes to evening meetings.") and "Source:" in c for c in coming), coming
    assert not elig.find(["h3"], id="test-evening-meetings")
    assert "From January 1, 2027, this is added: Unpaid late fees" in elig.get_text(" ", strip=True)
    assert "From June 1, 2027, this no longer applies." in elig.find(id="dhs-share-experience").find_next("p").get_text(" ", strip=True)
    tier = page(site, "tiers/tier-1.md").get_text(" ", strip=True)
    assert "From January 1, 2027, this is added: Evening calls" in tier
    assert run("2027-01-01").exit_code == 0
    elig = page(site, "eligibility.md")
    assert elig.find("h3", id="test-evening-meetings") and not elig.select(".coming")
    assert "this is added" not in elig.get_text() and "this is added" not in page(site, "tiers/tier-1.md").get_text()
    assert run("2027-06-01").exit_code == 0
    assert not page(site, "eligibility.md").find(id="dhs-share-experience")


@pytest.mark.parametrize("written, said", [
    ("from: {date: 2027-13-01, cite: CITE}", "'2027-13-01' is not a real date"),
    ("from: 2027-01-01", "from: or until: needs its date and where that date is said"),
    ("from: {date: 2027-01-01}", "this day has no  cite:"),
    ("from: {date: 2027-01-01, cite: CITE}\n    until: {date: 2026-01-01, cite: CITE}", "until: 2026-01-01 is not after from: 2027-01-01"),
])
def test_a_bad_bound_names_its_line_and_the_fix(tmp_path, written, said):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index(SHARE)].count("\n") + 2
    path.write_text(text.replace(SHARE, SHARE + "    " + written.replace("CITE", CITE) + "\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_all(project / "data")
    [problem] = e.value.problems
    assert problem.file == "data/eligibility.yaml" and problem.line in (line, line + 1), (problem.line, line)
    assert said in problem.what and problem.fix


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True, capture_output=True)


def test_diff_names_an_entry_added_or_removed_on_a_date_in_plain_words(tmp_path):
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", "data")
    git(project, "commit", "-qm", "before")
    with_entries(tmp_path, dt.date(2027, 1, 1), end=dt.date(2027, 6, 1), project=project)
    result = CliRunner().invoke(main, ["--project", str(project), "diff"])
    assert result.exit_code == 0, result.output
    said = result.stdout
    assert "Tiers: 'Tier I': activity 'Evening calls' added, in force from January 1, 2027" in said
    assert "requirement 'Goes to evening meetings' added, in force from January 1, 2027" in said
    assert "disqualifier 'Unpaid late fees' added, in force from January 1, 2027" in said
    assert "'Shares their experience to help others learn': no longer applies from June 1, 2027" in said


def test_a_scenario_sees_an_entry_on_its_own_day_and_not_before(tmp_path):
    """A parent who cannot go to evening meetings: the day before the rule starts nothing stops them, on its day it does."""
    project = with_entries(tmp_path, dt.date(2027, 1, 1))
    scenarios = project / "data" / "scenarios.yaml"
    original = scenarios.read_text(encoding="utf-8").rstrip("\n") + "\n"
    def check(day: str, outcome: str):
        scenarios.write_text(original + SCENARIO.format(day=day, outcome=outcome), encoding="utf-8")
        return CliRunner().invoke(main, ["--project", str(project), "check"])
    # the flexibility question also decides dhs-flexibility: 'no' is not_met either way; the late fees item
    # and the evening meetings rule are what differ, so compare each day's reasons
    before, on = check("2026-12-31", "likely"), check("2027-01-01", "likely")
    assert before.exit_code == on.exit_code == 1
    assert "Goes to evening meetings" not in before.stderr and "Goes to evening meetings" in on.stderr, on.stderr


SCENARIO = """  - name: A parent who cannot go to evening meetings
    today: {day}
    answers: {{flexibility: "no"}}
    outcome: {outcome}
"""


def test_a_scenario_dated_before_an_entry_stopped_is_judged_with_it(tmp_path):
    """A requirement that stopped a month before the build day was in force two months before it: a scenario
    of that day is judged with it, whatever the build day; a scenario after it stopped is not."""
    today = dt.date.today()
    project = with_entries(tmp_path, today + dt.timedelta(days=400), end=today - dt.timedelta(days=30))
    scenarios = project / "data" / "scenarios.yaml"
    original = scenarios.read_text(encoding="utf-8").rstrip("\n") + "\n"
    def check(day: dt.date):
        scenarios.write_text(original + STOPPED.format(day=day.isoformat()), encoding="utf-8")
        return CliRunner().invoke(main, ["--project", str(project), "check"])
    before, after = check(today - dt.timedelta(days=60)), check(today - dt.timedelta(days=10))
    assert before.exit_code == 1 and "expected the outcome 'likely' but the policy gives 'not-met'" in before.stderr, before.output
    assert "'Shares their experience to help others learn' is not met (this decides it)" in before.stderr, before.stderr
    assert after.exit_code == 0, after.output


def test_the_page_keeps_an_entry_that_stopped_before_its_day_for_a_parent_still_on_an_earlier_day(tmp_path):
    """A page built on a server already on tomorrow (UTC), or published ahead with --as-of, is read by parents
    still on an earlier day: its table carries what stopped before its own day, as the scenarios' does."""
    from generator.selfcheck.scenarios import table as scenarios_table
    from generator.selfcheck import decision_table, evaluate
    today = dt.date.today()
    end = today - dt.timedelta(days=30)
    hb = load_all(with_entries(tmp_path, today + dt.timedelta(days=400), end=end) / "data")
    kept = [next(r for r in table["requirements"] if r["id"] == "dhs-share-experience") for table in (decision_table(hb), scenarios_table(hb))]
    assert [r["until"] for r in kept] == [end.isoformat()] * 2
    judged = lambda day: [r.requirement for r in evaluate(decision_table(hb), {"share": "no"}, day).results]
    assert "dhs-share-experience" in judged(end - dt.timedelta(days=1)) and "dhs-share-experience" not in judged(end)


STOPPED = """  - name: A parent who would not share their story
    today: {day}
    answers: {{share: "no"}}
    outcome: likely
"""
