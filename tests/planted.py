"""A copy of the project with the change issue 24 planted, as a policy officer following the guide makes it
(used by tests/test_changes_page.py and tests/test_review.py): a new memo; the reunification time from one
year to 18 months from a day still to come (citing the memo); a new do-not rule, in force at once; a new
disqualifier from that coming day (and the sentence that spoke for the DHS page about the disqualifiers, said
without naming a source, as check asks). All saved in git first, so `diff` and `review` compare with HEAD; the
Spanish texts are translated (with a mark, "ES:", that says so), so the project checks and builds.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.commands.cli import main
from tests.kit import ROOT, copy_project

MEMO = ROOT / "docs" / "example-memo.txt"
QUOTE = "Parent Partners must have been reunited with their children for at least 18 months."
DO_NOT = "Share a family's story without asking."
DISQUALIFIER = "Named in the example memo"


def coming_day(today: dt.date | None = None) -> dt.date:
    """The first day of the month four months after `today` (today's by default): always still to come."""
    today = today or dt.date.today()
    i = today.year * 12 + today.month - 1 + 4
    return dt.date(i // 12, i % 12 + 1, 1)


def run(project: Path, *args: str):
    """`python -m generator ARGS` on the copy, in this process (its output and error output apart)."""
    return CliRunner().invoke(main, ["--project", str(project), *args])


def git(project: Path, *args: str) -> None:
    who = ["-c", "user.name=Policy officer", "-c", "user.email=policy@example.org"]
    subprocess.run(["git", *who, *args], cwd=project, check=True, capture_output=True)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path.name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def translate(project: Path) -> None:
    """Every empty Spanish translation filled (with its English after "ES:"): the check passes."""
    path = project / "data" / "translations" / "es.yaml"
    path.write_text(re.sub(r"^(  en: (.*)\n)  es: ''$", lambda m: f"{m[1]}  es: {_es(m[2])}", path.read_text(encoding="utf-8"),
                           flags=re.M), encoding="utf-8")


def _es(english: str) -> str:
    text = english[1:-1].replace("''", "'") if english.startswith("'") else english.strip('"')
    return "'ES: " + text.replace("'", "''") + "'"


def planted(dest: Path, day: dt.date) -> Path:
    """The copy, saved in git on `main`, then the change made in data/ (not saved), taking effect on `day`."""
    project = copy_project(dest, languages=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The handbook as it is")
    result = run(project, "add-source", str(MEMO), "--id", "example-memo", "--short", "Example memo",
                 "--publisher", "Nobody (an example)", "--date", "2026-11-02")
    assert result.exit_code == 0, result.output
    eligibility = project / "data" / "eligibility.yaml"
    _replace(eligibility, '    rule: {question: reunified-since, at_least: "1 year", training_after: "6 months"}\n',
             "    rule:\n      question: reunified-since\n      training_after: \"6 months\"\n      at_least:\n"
             '        2011-08-12: {value: "1 year", cite: {source: dhs, section: eligibility, quote: "Have been reunited with children for at least one year."}}\n'
             f'        {day.isoformat()}: {{value: "18 months", cite: {{source: example-memo, section: time-since-reunification, quote: "{QUOTE}"}}}}\n')
    _replace(eligibility, "    items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction]\n",
             "    items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction, example-memo-named]\n")
    _replace(eligibility, "  - id: child-death-conviction\n",
             f'  - id: example-memo-named\n    text: "{DISQUALIFIER}"\n    plain: "Being named in the example memo"\n'
             "    cite: {source: example-memo, section: purpose}\n"
             f"    from: {{date: {day.isoformat()}, cite: {{source: example-memo, section: time-since-reunification}}}}\n"
             "  - id: child-death-conviction\n")
    # check names the sentence that speaks for the DHS page about a list that now holds the memo's entry:
    # it is said without naming a source (each disqualifier shows its own)
    said = "The DHS page says a person cannot be a Parent Partner if any of these apply. You said one or more apply to you."
    unnamed = "A person cannot be a Parent Partner if any of these apply. You said one or more apply to you."
    _replace(eligibility, f'      not_met: "{said}"\n', f'      not_met: "{unnamed}"\n')
    spanish = project / "data" / "translations" / "es.yaml"
    _replace(spanish, f"  en: {said}\n  es: La página del DHS dice que no puede", f"  en: {unnamed}\n  es: No puede")
    duties = project / "data" / "duties.yaml"
    duties.write_text(duties.read_text(encoding="utf-8").rstrip("\n") +
                      f'\n  - text: "{DO_NOT}"\n    cite: {{source: example-memo, section: purpose}}\n', encoding="utf-8")
    assert run(project, "translations", "es").exit_code == 0
    translate(project)
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    return project
