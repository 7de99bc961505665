"""Messages in the staff's words (issue 12, point 5), through the real command line in a subprocess:
nested keys on their own line, dates in the forms staff type, the wrong folder, rules no scenario covers."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.kit import ROOT

PY = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else sys.executable


def cli(cwd: Path, *args: str, project: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project or cwd)}
    result = subprocess.run([PY, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelt_key_holding_a_nested_block_is_reported_on_its_own_line(project):
    path = project / "data" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line == "    explain:\n")
    lines[n] = "    explian:\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 1
    assert f"data/eligibility.yaml:{n + 1}: unknown key 'explian' — did you mean 'explain'?" in result.stderr


def test_dates_are_read_in_the_forms_staff_type_and_the_reading_is_said(project):
    for typed in ("12/01/2026", "December 1, 2026", "2026-12-01"):
        result = cli(project, "diff", str(project / "data"), "--effective", typed)
        assert result.returncode == 0, result.stderr
        if typed != "2026-12-01":
            assert f"--effective {typed}: read as December 1, 2026 (2026-12-01)." in result.stderr
        else:
            assert "read as" not in result.stderr
    result = cli(project, "diff", str(project / "data"), "--effective", "13/41/2026")
    assert result.returncode == 2
    assert "'13/41/2026' is not a date that can be read; write it like 2026-12-01" in result.stderr
    assert "%Y" not in result.stderr


def test_the_wrong_folder_is_explained(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for args in (["check"], ["preview"], ["publish"]):
        result = cli(elsewhere, *args, project=project)
        assert result.returncode == 2
        assert "No module named" not in result.stderr
        assert ("run this from the project folder (the one holding data/ and mkdocs.yml), or pass --project FOLDER"
                in result.stderr)
    assert cli(elsewhere, "--project", str(project), "check", project=project).returncode == 0


def test_check_warns_about_rules_no_scenario_covers(project):
    """Without the scenarios that answer the disqualifier question, its requirement, each disqualifier it
    asks about and the outcome 'cannot' are untested: check says so, names the line, and still passes."""
    path = project / "data" / "scenarios.yaml"
    blocks = path.read_text(encoding="utf-8").split("\n  - name: ")
    kept = [b for b in blocks if "{disqualifiers:" not in b]
    assert len(kept) == len(blocks) - 3
    path.write_text("\n  - name: ".join(kept), encoding="utf-8")
    lines = (project / "data" / "eligibility.yaml").read_text(encoding="utf-8").splitlines()
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr  # a warning, not an error
    assert "The policy data is ready to publish." in result.stdout
    for what, entry in (("has the requirement 'dhs-not-disqualified' unmet", "  - id: dhs-not-disqualified"),
                        ("covers the disqualifier 'child-death-conviction'", "  - id: child-death-conviction"),
                        ("expects the outcome 'cannot'", "  - id: cannot")):
        assert f"data/eligibility.yaml:{lines.index(entry) + 1}: no scenario in data/scenarios.yaml {what}" in result.stderr


def test_an_outcome_or_requirement_no_scenario_reaches_is_named_with_its_line(project):
    from generator.selfcheck import scenarios as scenarios_mod
    from generator.selfcheck.coverage import uncovered
    from generator.policy.load import load_all

    hb = load_all(project / "data")
    kept = [s for s in scenarios_mod.load(project / "data", hb) if s.scenario.outcome != "cannot"]
    warnings = [str(w) for w in uncovered(hb, kept, scenarios_mod.table(hb))]
    line = (project / "data" / "eligibility.yaml").read_text(encoding="utf-8").splitlines().index("  - id: cannot") + 1
    assert f"data/eligibility.yaml:{line}: no scenario in data/scenarios.yaml expects the outcome 'cannot'" in " ".join(warnings)


def test_the_real_data_has_no_coverage_warning(project):
    result = cli(project, "check")
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if "Warning" in line]
    assert all("contacts" in line for line in warnings), warnings  # the one the sources leave: no contact for parents


def test_check_warns_while_parents_have_no_contact(project):
    """The sources give no contact for parents' next step: `check` says so, where they go, and still passes;
    with a contact written there, it says nothing."""
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("self_check:") + 1
    result = cli(project, "check")
    assert result.returncode == 0 and "ready to publish" in result.stdout
    assert f"Warning: data/eligibility.yaml:{line}: the self-check and the handbook give parents no contact" in result.stderr
    assert "add the program's contacts there (docs/policy-staff-guide.md, \"Contacts for parents\")" in result.stderr
    assert "\n## Contacts for parents\n" in (ROOT / "docs" / "policy-staff-guide.md").read_text(encoding="utf-8")
    path.write_text(text.replace("self_check:\n", "self_check:\n  contacts: [{name: Coordinator, phone: 555-0100}]\n"), encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 0 and "no contact" not in result.stderr, result.stderr
