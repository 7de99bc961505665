"""The policy-staff command line: python -m generator check | preview | publish | diff.

Exit codes scripts rely on: 0 all well, 1 data problems (or a failed build), 2 usage.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.kit import ROOT, copy_project
from generator.commands.cli import main
from generator.policy.load import load_all

PY = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else sys.executable


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project, check=True, capture_output=True)


@pytest.mark.parametrize("command", [[], ["check"], ["preview"], ["publish"], ["diff"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Usage:")
    if not command:
        assert "0  all went well" in result.output and "2  the command was typed wrong" in result.output


def test_check_passes_on_the_real_data(project):
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert "The policy data is ready to publish." in result.stdout
    assert "scenarios give the expected result" in result.stderr


def test_another_program_without_scenarios_checks_and_publishes(tmp_path):
    other = copy_project(tmp_path / "other", data=ROOT / "tests" / "fixtures" / "other-program" / "data")
    assert not (other / "data" / "scenarios.yaml").exists()
    result = run(other, "check")
    assert result.exit_code == 0, result.output
    assert "There are no policy scenarios to run: add some in data/scenarios.yaml" in result.stderr
    result = run(other, "publish", "--to", str(tmp_path / "published"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "published" / "changes" / "index.html").is_file()


def test_check_lists_every_problem_at_once(project):
    edit(project, "tiers.yaml", "    name: Tier II\n", "    nmae: Tier II\n")
    edit(project, "roles.yaml", "  - id: pbp-sws\n", "  - id: PBP SWS\n")
    edit(project, "scenarios.yaml", "    today: 2026-06-15\n", "    today: 15/06/2026\n")
    result = run(project, "check")
    assert result.exit_code == 1
    assert "has 3 problems" in result.stderr
    assert "data/tiers.yaml:" in result.stderr and "unknown key 'nmae' — did you mean 'name'?" in result.stderr
    assert "data/roles.yaml:" in result.stderr and "'PBP SWS' is not a valid value" in result.stderr
    assert "data/scenarios.yaml:" in result.stderr and "'today' should be a date like 2011-08-12" in result.stderr
    assert "Traceback" not in result.output


def test_check_says_which_requirement_made_a_scenario_fail(project):
    edit(project, "eligibility.yaml", 'at_least: "1 year", training_after: "6 months"', 'at_least: "18 months", training_after: "6 months"')
    result = run(project, "check")
    assert result.exit_code == 1
    assert "did not give the expected result" in result.stderr
    line = next(l for l in result.stderr.splitlines() if "'The year of reunification is complete today'" in l)
    assert line.lstrip().startswith("data/scenarios.yaml:")
    assert "expected the outcome 'likely' but the policy gives 'train-now'" in line
    # issue 12 (no stale text): the title follows the rule's new value (it was 'Reunited for at least one year')
    assert "'Reunited for at least 18 months' allows training now, partner from 2026-12-30 (this decides it)" in line


def test_usage_mistakes_exit_with_2(project, tmp_path):
    assert run(project, "--bogus").exit_code == 2
    assert run(project, "publish", "--bogus").exit_code == 2
    assert run(project, "diff", "no-such-version").exit_code == 2
    assert run(project, "diff", "--record").exit_code == 2
    assert CliRunner().invoke(main, ["--project", str(tmp_path), "check"]).exit_code == 2
    assert run(project, "publish", "--to", str(project / "data")).exit_code == 2
    assert run(project, "publish", "--to", str(project.parent)).exit_code == 2
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me")
    assert run(project, "publish", "--to", str(other)).exit_code == 2
    assert (other / "letter.txt").read_text() == "keep me"


def test_the_module_runs_as_a_command(project):
    result = subprocess.run([PY, "-m", "generator", "--project", str(project), "diff", "--record"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "--record needs --effective DATE and --summary TEXT" in result.stderr


# ---------------------------------------------------------------- publish
def test_publish_replaces_the_site_only_when_the_whole_build_succeeds(project, tmp_path):
    target = tmp_path / "published"
    result = run(project, "publish", "--to", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "index.html").is_file() and (target / "changes" / "index.html").is_file()
    assert "Step 2 of 3: building the handbook" in result.stderr and "Published" in result.stdout
    before = snapshot(target)

    # bad data: stopped at the check, nothing written
    edit(project, "tiers.yaml", "    name: Tier II\n", "    nmae: Tier II\n")
    result = run(project, "publish", "--to", str(target))
    assert result.exit_code == 1
    assert "unknown key 'nmae' — did you mean 'name'?" in result.stderr
    assert snapshot(target) == before
    edit(project, "tiers.yaml", "    nmae: Tier II\n", "    name: Tier II\n")

    # good data, but the build itself fails (a broken link in a hand-written page, strict mode)
    (project / "content" / "broken.md").write_text("# Broken\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = run(project, "publish", "--to", str(target))
    assert result.exit_code == 1
    assert "The handbook could not be built. Nothing was published" in result.stderr
    assert "missing.md" in result.stderr
    assert snapshot(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["project", "published"]  # no half-built folder left behind

    # fixed: published, and the old files are replaced
    (project / "content" / "broken.md").unlink()
    edit(project, "tiers.yaml", 'name: "Focus Groups"', 'name: "Focus Circles"')
    assert run(project, "publish", "--to", str(target)).exit_code == 0
    assert "Focus Circles" in (target / "tiers" / "tier-3" / "index.html").read_text(encoding="utf-8")


def test_publish_defaults_to_site_in_the_project(project):
    result = run(project, "publish")
    assert result.exit_code == 0, result.output
    assert (project / "site" / "index.html").is_file()


# ---------------------------------------------------------------- diff
@pytest.fixture
def repo(project):
    git(project, "init", "-q")
    git(project, "add", "data")
    git(project, "commit", "-qm", "policy as it was")
    return project


def test_diff_with_a_git_version_says_what_changed_in_plain_words(repo):
    edit(repo, "tiers.yaml", 'name: "Focus Groups"', 'name: "Focus Circles"')
    edit(repo, "eligibility.yaml", 'at_least: "1 year", training_after: "6 months"', 'at_least: "18 months", training_after: "6 months"')
    result = run(repo, "diff", "HEAD")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2 changes since HEAD:",
        "- Tiers: 'Tier III': activity 'Focus Groups' renamed to 'Focus Circles'",
        # issue 12 (no stale text): the title follows the rule's new value (it was 'Reunited for at least one year')
        "- Who can become a Parent Partner: 'Reunited for at least 18 months': at least changed from 1 year to 18 months",
    ]


def test_diff_reports_additions_removals_and_rewordings(repo, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(repo / "data", old / "data")
    edit(repo, "tiers.yaml", '      - {id: focus-groups, name: "Focus Groups"}\n', "")
    edit(repo, "tiers.yaml", '      - {id: immersion-classes, name: "Immersion Classes"}\n',
         '      - {id: immersion-classes, name: "Immersion Classes"}\n      - {id: parent-cafes, name: "Parent Cafes"}\n')
    el = load_all(repo / "data").eligibility
    registry = el.disqualifiers[1]
    edit(repo, "eligibility.yaml", f'    plain: "{registry.plain}"', '    plain: "On the sex abuse registry"')
    edit(repo, "duties.yaml", "will_not:\n  - text: \"", "will_not:\n  - text: \"Never ")
    result = run(repo, "diff", str(old))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "- Tiers: 'Tier III': activity 'Focus Groups' removed" in lines
    assert "- Tiers: 'Tier III': activity 'Parent Cafes' added" in lines
    assert (f"- Who can become a Parent Partner: '{registry.text}': plain changed from "
            f"'{registry.plain}' to 'On the sex abuse registry'") in lines
    assert any(l.startswith("- What Parent Partners do and do not do: will not '") and "' reworded to 'Never " in l for l in lines)


def test_diff_with_no_changes(repo):
    result = run(repo, "diff")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No changes to the policy since HEAD."


def test_diff_record_writes_a_version_that_the_what_changed_page_shows(repo):
    from tests.kit import build_site, page

    edit(repo, "tiers.yaml", 'name: "Focus Groups"', 'name: "Focus Circles"')
    result = run(repo, "diff", "--record", "--effective", "2026-12-01", "--summary", "Focus groups are now called focus circles.")
    assert result.exit_code == 0, result.output
    program = (repo / "data" / "program.yaml").read_text(encoding="utf-8")
    assert program.endswith('  - effective: 2026-12-01\n    summary: "Focus groups are now called focus circles."\n'
                            "    changes:\n      - \"Tiers: 'Tier III': activity 'Focus Groups' renamed to 'Focus Circles'\"\n")
    assert run(repo, "check").exit_code == 0
    # the recorded version is data: a fresh clone builds the same page, no git needed
    git(repo, "add", "data")
    git(repo, "commit", "-qm", "focus circles")
    clone = repo.parent / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    for part in ("content", "generator", "site_overrides", "mkdocs.yml"):
        src = repo / part
        shutil.copytree(src, clone / part, dirs_exist_ok=True) if src.is_dir() else shutil.copy2(src, clone / part)
    changes = page(build_site(clone), "changes.md").select_one("article")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in changes.select("h2")]
    assert headings == ["In effect from December 1, 2026", "In effect from August 12, 2011"]
    assert "Tiers: 'Tier III': activity 'Focus Groups' renamed to 'Focus Circles'" in [li.get_text(strip=True) for li in changes.select("li")]
    # and the comparison itself leaves the recorded history out
    assert run(repo, "diff", "HEAD~1").stdout.splitlines()[1:] == ["- Tiers: 'Tier III': activity 'Focus Groups' renamed to 'Focus Circles'"]


# ---------------------------------------------------------------- preview
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, what: str, limit: float = 60):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"never happened: {what}")


def test_preview_rebuilds_on_change_and_survives_bad_data(project, tmp_path):
    port = _free_port()
    err = tmp_path / "stderr.txt"
    with err.open("w") as stderr:
        proc = subprocess.Popen([PY, "-m", "generator", "preview", "--port", str(port)],
                                cwd=project, stdout=subprocess.DEVNULL, stderr=stderr,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/tiers/tier-3/"
        _wait_for(lambda: "Focus Groups" in (_get(url) or ""), "first build served")
        edit(project, "tiers.yaml", 'name: "Focus Groups"', 'nmae: "Focus Groups"')
        _wait_for(lambda: "unknown key 'nmae' — did you mean 'name'?" in err.read_text(), "data error shown in the terminal")
        assert proc.poll() is None, "the preview stopped"
        edit(project, "tiers.yaml", 'nmae: "Focus Groups"', 'name: "Focus Circles"')
        _wait_for(lambda: "Focus Circles" in (_get(url) or ""), "rebuilt after the fix")
        (project / "content" / "index.md").write_text((project / "content" / "index.md").read_text() + "\nA new line in content.\n")
        _wait_for(lambda: "A new line in content." in (_get(f"http://127.0.0.1:{port}/") or ""), "rebuilt after a content change")
        template = project / "generator" / "templates" / "tier.md.j2"
        template.write_text(template.read_text() + "\nTemplate edited.\n")
        _wait_for(lambda: "Template edited." in (_get(url) or ""), "rebuilt after a template change")
        assert "Traceback" not in err.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
