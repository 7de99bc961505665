"""Dated policy (issue 12): a rule value that changes on a date is applied from that date only, by the
self-check, the scenarios, the pages (`publish --as-of`) and `diff --record`; and no page states a
rule's old value once the value changes (no stale text)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.commands.cli import main
from generator.policy.load import DataError, load_all
from generator.selfcheck import decision_table, evaluate
from generator.selfcheck.evaluate import explanation
from tests.kit import build_site, copy_project, page

RULE = 'rule: {question: reunified-since, at_least: "1 year", training_after: "6 months"}'
QUOTE = "Have been reunited with children for at least one year."


def dated_rule(day: dt.date) -> str:
    """The reunification rule as a dated value: one year, then 18 months from `day` (the second value
    cites an existing section only because the project has no newer source; the guide's memo is invented)."""
    cite = f'{{source: dhs, section: eligibility, quote: "{QUOTE}"}}'
    return ("rule:\n      question: reunified-since\n      at_least:\n"
            f'        2011-08-12: {{value: "1 year", cite: {cite}}}\n'
            f'        {day.isoformat()}: {{value: "18 months", cite: {cite}}}\n'
            '      training_after: "6 months"')


def with_change(tmp_path, day: dt.date):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "eligibility.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(RULE, dated_rule(day)), encoding="utf-8")
    return project


def months_ago(today: dt.date, n: int) -> dict:
    i = today.year * 12 + today.month - 1 - n
    return {"month": i % 12 + 1, "year": i // 12}


def reunification(table: dict, answers: dict, today: dt.date):
    return next(r for r in evaluate(table, answers, today).results if r.requirement == "dhs-reunited-one-year")


def test_a_change_effective_next_week_is_not_applied_today_but_is_next_week(tmp_path):
    today = dt.date.today()
    next_week = today + dt.timedelta(days=7)
    table = decision_table(load_all(with_change(tmp_path, next_week) / "data"))
    answers = {"reunified": "yes", "reunified-since": months_ago(today, 10)}
    now, later = reunification(table, answers, today), reunification(table, answers, next_week)
    assert now.status == later.status == "wait_partner"
    # the date given today is the day the rule in force *then* (18 months) is met, as next week's is
    assert now.partner_date == later.partner_date
    assert now.partner_date.year * 12 + now.partner_date.month == today.year * 12 + today.month + 8
    # and the result says plainly that the rule changes, true whatever the result
    assert now.change == next_week and "18 months" in now.change_text
    said = explanation(table, now)
    assert "This rule changes on" in said and "at least 18 months" in said
    assert later.change is None and "This rule changes on" not in explanation(table, later)
    # a parent whose children came home 13 months ago meets the rule today, not next week: today's answer says so
    long_ago = {"reunified": "yes", "reunified-since": months_ago(today, 13)}
    assert reunification(table, long_ago, today).status == "met"
    assert reunification(table, long_ago, next_week).status == "wait_partner"
    from generator.selfcheck.tests.driving import MEETS_ALL, as_evaluator_answers
    told = evaluate(table, {**as_evaluator_answers(MEETS_ALL), **long_ago}, today)
    assert told.id == "likely"
    assert [(c.day, c.id) for c in told.coming] == [(next_week, "train-now")]
    assert told.coming[0].partner_date == reunification(table, long_ago, next_week).partner_date


SCENARIOS = """
  - name: The year of reunification ends before the 18 months rule takes effect
    today: 2026-11-24
    answers: {reunified-since: 2025-11}
    outcome: train-now
    dates: {training: 2026-05-30, partner: 2026-11-30}
  - name: The 18 months rule applies from its date
    today: 2026-12-02
    answers: {reunified-since: 2025-11}
    outcome: train-now
    dates: {training: 2026-05-30, partner: 2027-05-30}
"""


CROSSING = ("expected the partner date 2027-03-31", "partner: 2027-03-31", "partner: 2027-09-30")
"""The real scenario 'Children home for less than six months' (today 2026-06-15) gives a partner date after
the planted change: the date is the day the 18 months rule, in force then, is met. Staff adding such a change
see check name it, and write the new date."""


def crossing_fixed(project):
    scenarios = project / "data" / "scenarios.yaml"
    result = CliRunner().invoke(main, ["--project", str(project), "check"])
    assert result.exit_code == 1 and CROSSING[0] in result.stderr and "but the policy gives 2027-09-30" in result.stderr
    text = scenarios.read_text(encoding="utf-8")
    assert text.count(CROSSING[1]) == 1
    scenarios.write_text(text.replace(CROSSING[1], CROSSING[2]), encoding="utf-8")


def test_scenarios_run_on_their_own_today_against_the_rule_in_force(tmp_path):
    project = with_change(tmp_path, dt.date(2026, 12, 1))
    crossing_fixed(project)
    scenarios = project / "data" / "scenarios.yaml"
    scenarios.write_text(scenarios.read_text(encoding="utf-8").rstrip("\n") + "\n" + SCENARIOS, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "check"])
    assert result.exit_code == 0, result.output
    # the same scenario with the dates swapped fails: each day really gets its own rule
    scenarios.write_text(scenarios.read_text(encoding="utf-8").replace("partner: 2027-05-30", "partner: 2026-11-30"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "check"])
    assert result.exit_code == 1 and "The 18 months rule applies from its date" in result.stderr


def test_a_failing_scenario_names_the_rules_as_they_are_on_its_own_day(tmp_path):
    """The explanation of a scenario dated after a change names the new value, whatever day check runs on."""
    change = dt.date.today() + dt.timedelta(days=400)
    project = with_change(tmp_path, change)
    scenarios = project / "data" / "scenarios.yaml"
    wrong = (f"  - name: On the day of the change\n    today: {change.isoformat()}\n"
             f"    answers: {{reunified-since: {change.year - 1}-{change.month:02d}}}\n    outcome: likely\n")
    scenarios.write_text(scenarios.read_text(encoding="utf-8").rstrip("\n") + "\n" + wrong, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project), "check"])
    assert result.exit_code == 1
    assert "Because: 'Reunited for at least 18 months'" in result.stderr, result.stderr


def test_publish_as_of_shows_the_rule_in_force_and_the_coming_change(tmp_path):
    project = with_change(tmp_path, dt.date(2027, 1, 1))
    crossing_fixed(project)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(site), "--as-of", "2026-12-31"])
    assert result.exit_code == 0, result.output
    req = page(site, "eligibility.md").find(id="dhs-reunited-one-year")
    assert req.get_text().startswith("Reunited for at least one year")
    coming = page(site, "eligibility.md").select_one(".coming").get_text(" ", strip=True)
    assert coming.startswith("From January 1, 2027, this changes: Reunited for at least 18 months.")
    result = CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(site), "--as-of", "2027-01-01"])
    assert result.exit_code == 0, result.output
    assert page(site, "eligibility.md").find(id="dhs-reunited-one-year").get_text().startswith("Reunited for at least 18 months")
    assert not page(site, "eligibility.md").select(".coming")


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_diff_record_files_the_new_value_under_its_own_date_and_refuses_a_date_twice(tmp_path):
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "-c", "user.name=t", "-c", "user.email=t@t", "add", "data")
    git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "before")
    path = project / "data" / "eligibility.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(RULE, dated_rule(dt.date(2027, 1, 1))), encoding="utf-8")
    run = lambda *args: CliRunner().invoke(main, ["--project", str(project), "diff", "--record", *args])
    # the version is recorded on another day than its one change: the change keeps its own (issue 24, item 5)
    first = run("--effective", "2026-12-01", "--summary", "Longer time.")
    assert first.exit_code == 0, first.output
    assert "Recorded in data/program.yaml: 1 change taking effect on 2027-01-01." in first.stdout
    assert "at least changed from 1 year to 18 months (takes effect on 2027-01-01)" in first.stdout
    program = (project / "data" / "program.yaml").read_text(encoding="utf-8")
    assert program.endswith("  - effective: 2026-12-01\n    summary: \"Longer time.\"\n    changes:\n      - {effective: 2027-01-01, text: "
                            "\"Who can become a Parent Partner: 'Reunited for at least 18 months': at least changed from 1 year to 18 months\"}\n")
    # the page the change is on says when it changed, and the footer's "as of" is that change's date, once in effect
    from generator.site import build
    site = build.prepare(project / "data", project / "content", dt.date(2027, 1, 1))
    changed = [p.uri for p in site.pages if "This page changed on January 1, 2027." in p.markdown]
    assert "eligibility.md" in changed and "tiers.md" not in changed
    assert site.as_of_text == "Policy as of January 1, 2027"
    before = build.prepare(project / "data", project / "content", dt.date(2026, 12, 31))
    assert not any("This page changed on" in p.markdown for p in before.pages)
    assert before.as_of_text == "Policy as of August 12, 2011"
    again = run("--effective", "2026-12-01", "--summary", "Longer time.")
    assert again.exit_code == 1
    line = program.splitlines().index("  - effective: 2026-12-01") + 1
    assert f"data/program.yaml:{line}: a version in effect from 2026-12-01 is already recorded — add these changes" in again.stderr
    assert (project / "data" / "program.yaml").read_text(encoding="utf-8") == program
    # written by hand twice, check names the second one
    path = project / "data" / "program.yaml"
    path.write_text(program + "  - effective: 2026-12-01\n    summary: \"Again.\"\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"program\.yaml:\d+: the date 2026-12-01 is recorded twice"):
        load_all(project / "data")


# ---------------------------------------------------------------- no stale text
OLD = re.compile(r"\b(one|1|six|6|twelve|12)[ -](year|month)s?\b", re.I)


def test_check_names_a_sentence_that_restates_a_rule_value(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Required: reunited with the children for at least {dhs-reunited-one-year.at_least@dhs}.",
        "Required: reunited with the children for at least one year."), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_all(project / "data")
    [problem] = e.value.problems
    assert problem.file == "data/sources.yaml" and problem.line
    assert "states 'one year' itself" in problem.what and "{dhs-reunited-one-year.at_least}" in problem.fix


def test_after_every_duration_changes_no_page_shows_an_old_one_outside_quotes(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count('at_least: "1 year"') == 4 and text.count('training_after: "6 months"') == 1
    path.write_text(text.replace('at_least: "1 year"', 'at_least: "29 months"').replace('training_after: "6 months"', 'training_after: "7 months"'),
                    encoding="utf-8")
    hb = load_all(project / "data")  # check passes: every sentence left that says "one year" is about another fact
    other_facts = [t for _, t in _texts(hb) if OLD.search(t)]
    site = build_site(project)
    shown = 0
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for quote in soup.select("small.cite, blockquote, q"):
            quote.decompose()  # quotes from the sources keep their own words
        words = re.sub(r"\s+", " ", soup.get_text(" "))
        for fact in other_facts:
            words = words.replace(fact, "")
        assert not OLD.search(words), f"{html}: {OLD.search(words)[0]!r} in …{words[max(0, OLD.search(words).start() - 80):OLD.search(words).end() + 40]}…"
        shown += words.count("29 months") + words.count("7 months")
    assert shown > 10


def _texts(hb):
    from generator import model
    for name in model.FILES:
        for path, v in model.walk(getattr(hb, name)):
            if isinstance(v, str) and "quote" not in path:
                yield path, v
