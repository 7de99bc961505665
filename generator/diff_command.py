"""`python -m generator diff [--record]`: say in plain words what changed since a saved version, and
write it into data/program.yaml as a new version.

data/program.yaml is replaced all at once, and only by a file that passed every check: a failed
--record (bad text, a full disk, Ctrl+C) leaves it byte for byte as it was.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import click

from . import diff as diff_mod
from .command import Project, StaffDate, fail, load, os_problem, say, write_atomically
from .asof import change_dates
from .load import DataError, Handbook, load_all


@click.command()
@click.argument("previous", default="HEAD")
@click.option("--record", is_flag=True, help="Write the changes into data/program.yaml as a new version.")
@click.option("--effective", type=StaffDate(), default=None,
              help="With --record: the date the new version takes effect, like 2026-12-01, 12/01/2026 or \"December 1, 2026\" "
                   "(the date of the data's new dated value when it has one).")
@click.option("--summary", default=None, help="With --record: one sentence saying what the new version is about.")
@click.pass_obj
def diff(project: Project, previous: str, record: bool, effective, summary: str | None) -> None:
    """Say in plain words what changed since PREVIOUS.

    PREVIOUS is a saved version (a git revision such as HEAD, HEAD~1 or a tag) or a folder
    holding an older data/. The default, HEAD, is the last saved version.

    With --record, the changes are written into data/program.yaml under `versions:` with the
    date they take effect, and the handbook's "What changed" page shows them.
    """
    if record and not summary:
        raise click.UsageError("--record needs --effective DATE and --summary TEXT")
    if summary is not None and not _is_text(summary):
        raise click.BadParameter("it holds a character that is not text (often from pasting out of another program); "
                                 "retype the summary", param_hint="--summary")
    new = load(project, translations=False)  # the policy's changes; its translations are `check`'s
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = _previous_data(project, previous, Path(tmp))
        say(f"Comparing data/ with {previous} ...")
        try:
            old = load_all(old_dir, translations=False)
        except DataError as e:
            fail([p.told() for p in e.problems], f"The data in {previous} cannot be read, so it cannot be compared:")
    changes = diff_mod.sentences(diff_mod.compare(old, new), new)
    if not changes:
        click.echo(f"No changes to the policy since {previous}.")
        return
    click.echo(f"{len(changes)} change{'s' if len(changes) != 1 else ''} since {previous}:")
    for line in changes:
        click.echo(f"- {line}")
    if record:
        day = _effective(project, old, new, effective)
        _record(project, day, summary, changes)
        click.echo(f"Recorded as the version in effect from {day.isoformat()} in data/program.yaml.")


def _effective(project: Project, old: Handbook, new: Handbook, given: dt.date | None) -> dt.date:
    """The date a recorded version takes effect: the one given, which must be the date of the data's new
    dated values when there are any, and must not be recorded already."""
    recorded = {v.effective for v in new.program.versions}
    new_dates = sorted(set(change_dates(new)) - set(change_dates(old)) - recorded)
    if given is None and len(new_dates) != 1:
        raise click.UsageError("--record needs --effective DATE and --summary TEXT")
    day = given or new_dates[0]
    if new_dates and day not in new_dates:
        raise click.UsageError(f"--effective {day.isoformat()} is not the date of the new value in the data "
                               f"({', '.join(d.isoformat() for d in new_dates)}); write --effective {new_dates[-1].isoformat()}, "
                               "or change the date in the data")
    if day in recorded:
        lines = [i for i, line in enumerate((project.data / "program.yaml").read_text(encoding="utf-8").splitlines(), 1)
                 if line.strip().removeprefix("- ").startswith(f"effective: {day.isoformat()}")]
        fail([f"data/program.yaml:{lines[0] if lines else 1}: a version in effect from {day.isoformat()} is already recorded — "
              "add these changes to its  changes:  list there, or record them with another --effective date"],
             "The changes were not recorded; data/program.yaml is unchanged:")
    return day


def _is_text(value: str) -> bool:
    """False for bytes that are not UTF-8: the command line hands them over as lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _previous_data(project: Project, previous: str, tmp: Path) -> Path:
    folder = Path(previous)
    if folder.is_dir():
        return folder / "data" if (folder / "data").is_dir() else folder
    try:
        top = Path(_git(project.root, "rev-parse", "--show-toplevel").decode().strip())
        rel = project.data.resolve().relative_to(top.resolve()).as_posix()
        archive = _git(top, "archive", "--format=tar", f"{previous}:{rel}")
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        raise click.BadParameter(f"'{previous}' is neither a folder nor a saved version (git revision) of this project",
                                 param_hint="PREVIOUS") from None
    out = tmp / "data"
    out.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    return out


def _git(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout


def _record(project: Project, effective: dt.date, summary: str, changes: list[str]) -> None:
    """Append a version to program.yaml's `versions:` list, keeping the rest of the file as it is.
    The new file is checked in a copy of data/ first; only then does it replace the real one."""
    path = project.data / "program.yaml"
    unchanged = "The changes could not be recorded; data/program.yaml is unchanged:"
    text = path.read_text(encoding="utf-8")
    new_text = _with_version(text, effective, summary, changes)
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(project.data, trial, symlinks=True)
        (trial / "program.yaml").write_text(new_text, encoding="utf-8")
        try:
            load_all(trial, translations=False)
        except DataError as e:
            fail([p.told() for p in e.problems], unchanged)
    try:
        write_atomically(path, new_text.encode("utf-8"), mode=path.stat().st_mode & 0o7777)
    except OSError as e:
        fail([os_problem(e, "data/program.yaml could not be written")], unchanged)


def _with_version(text: str, effective: dt.date, summary: str, changes: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    entry = [f"  - effective: {effective.isoformat()}\n", f"    summary: {json.dumps(summary, ensure_ascii=False)}\n",
             "    changes:\n", *(f"      - {json.dumps(c, ensure_ascii=False)}\n" for c in changes)]
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "versions:"), None)
    if start is None:
        return "".join(lines + (["\n"] if lines and not lines[-1].endswith("\n") else []) + ["versions:\n", *entry])
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-", "#")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end] + entry + lines[end:])
