"""`python -m generator diff [--record]`: say in plain words what changed since a saved version, and
write it into data/program.yaml as a new version.

data/program.yaml (and, for a program with further languages, each translation file, which gets an
entry to translate the summary) is replaced all at once, and only by a file that passed every check: a
failed --record (bad text, a full disk, Ctrl+C) leaves it byte for byte as it was.
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

from generator.site import diff as diff_mod
from generator.policy import translations
from generator.site.build import as_of_day
from generator.commands.command import Project, StaffDate, fail, load, os_problem, say, write_all
from generator.policy.load import DataError, Handbook, load_all
from generator.commands.translations_command import stubs


@click.command()
@click.argument("previous", default="HEAD")
@click.option("--record", is_flag=True, help="Write the changes into data/program.yaml as a new version.")
@click.option("--effective", type=StaffDate(), default=None,
              help="With --record: the day the changes that have no date of their own take effect, like 2026-12-01, "
                   "12/01/2026 or \"December 1, 2026\" (a new dated value, from: or until: gives its own).")
@click.option("--summary", default=None, help="With --record: one sentence saying what the new version is about.")
@click.pass_obj
def diff(project: Project, previous: str, record: bool, effective, summary: str | None) -> None:
    """Say in plain words what changed since PREVIOUS.

    PREVIOUS is a saved version (a git revision such as HEAD, HEAD~1 or a tag) or a folder
    holding an older data/. The default, HEAD, is the last saved version.

    With --record, the changes are written into data/program.yaml under `versions:`, and the
    handbook's "What changed" page lists each under the day it takes effect: a new dated value's
    day, an entry's from: or until:, else the --effective day. Changes to citations, search words
    and how the self-check works are shown here but not recorded.
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
    found = diff_mod.compare(old, new)
    lines = list(zip(found, diff_mod.sentences(found, new)))
    if not lines:
        click.echo(f"No changes to the policy since {previous}.")
        return
    public = [(c.on, text) for c, text in lines if not c.internal]
    internal = [text for c, text in lines if c.internal]
    click.echo(f"{len(lines)} change{'s' if len(lines) != 1 else ''} since {previous}:")
    for c, text in lines:
        if not c.internal:
            click.echo(f"- {text}" + (f" (takes effect on {c.on.isoformat()})" if c.on and c.day is None else ""))
    if internal:
        click.echo('Not for the "What changed" page (citations, search words, how the self-check works):')
        for text in internal:
            click.echo(f"- {text}")
    if record:
        day = _effective(project, new, public, effective)
        _record(project, day, summary, public)
        days = sorted({on or day for on, _ in public})
        click.echo("Recorded in data/program.yaml: " + ", ".join(
            f"{n} change{'s' if n != 1 else ''} taking effect on {d.isoformat()}"
            for d in days for n in [sum((on or day) == d for on, _ in public)]) + ".")


def _effective(project: Project, new: Handbook, public: list, given: dt.date | None) -> dt.date:
    """The day a recorded version takes effect: the one given, else (when every change has a day of its own)
    the earliest of those; never a day already recorded."""
    if not public:
        raise click.UsageError('none of these changes is for the "What changed" page, so there is nothing to record')
    own = sorted({on for on, _ in public if on})
    if given is None and len(own) < len(public):
        undated = sum(on is None for on, _ in public)
        raise click.UsageError(f"--record needs --effective DATE: {undated} of the changes ha{'s no day of its' if undated == 1 else 've no day of their'} "
                               "own; write the day they take effect (often the day you publish), like "
                               f"--effective {as_of_day().isoformat()}")
    day = given or own[0]
    if day in {v.effective for v in new.program.versions}:
        lines = [i for i, line in enumerate((project.data / "program.yaml").read_text(encoding="utf-8").splitlines(), 1)
                 if line.strip().removeprefix("- ").startswith(f"effective: {day.isoformat()}")]
        fail([f"data/program.yaml:{lines[0] if lines else 1}: a version in effect from {day.isoformat()} is already recorded — "
              "add these changes to its  changes:  list there, or record them with another --effective date"],
             "The changes were not recorded; data/ is unchanged:")
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


def _record(project: Project, effective: dt.date, summary: str, changes: list[tuple[dt.date | None, str]]) -> None:
    """Append a version to program.yaml's `versions:` list, keeping the rest of the file as it is, and an entry
    to translate its summary to each further language's file. The new files are checked in a copy of data/
    first; only then are they written, all of them or none."""
    path = project.data / "program.yaml"
    unchanged = "The changes could not be recorded; data/ is unchanged:"
    new_text = _with_version(path.read_text(encoding="utf-8"), effective, summary, changes)
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(project.data, trial, symlinks=True)
        (trial / "program.yaml").write_text(new_text, encoding="utf-8")
        try:
            hb = load_all(trial, translations=False)
        except DataError as e:
            fail([p.told() for p in e.problems], unchanged)
    key = next(k for k, (_, where, _) in translations.texts({"program": hb.program}).items()
               if where == ("versions", len(hb.program.versions) - 1, "summary"))
    to_translate = {language: stubs(hb, language, project.data, only={key}) for language in hb.program.translations}
    try:
        write_all([(path, new_text.encode("utf-8")),
                   *((file, text.encode("utf-8")) for file, text, added in to_translate.values() if added)])
    except OSError as e:
        fail([os_problem(e, "the new version could not be written")], unchanged)
    for language, (_, _, added) in to_translate.items():
        if added:
            say(f"{translations.label(language)}: the summary added, to translate into {translations.language_name(language)}; "
                "check lists it until it is translated.")


def _with_version(text: str, effective: dt.date, summary: str, changes: list[tuple[dt.date | None, str]]) -> str:
    lines = text.splitlines(keepends=True)
    said = lambda c: json.dumps(c, ensure_ascii=False)
    entry = [f"  - effective: {effective.isoformat()}\n", f"    summary: {said(summary)}\n", "    changes:\n",
             *(f"      - {said(c)}\n" if on in (None, effective) else f"      - {{effective: {on.isoformat()}, text: {said(c)}}}\n"
               for on, c in changes)]
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
