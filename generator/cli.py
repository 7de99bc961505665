"""The command line for policy staff: python -m generator check | preview | publish | diff.

Exit codes, for scripts: 0 all went well; 1 the data has problems (or a scenario failed, or the
site could not be built); 2 the command was typed wrong (unknown option, missing folder or version).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import click

from . import diff as diff_mod
from . import scenarios as scenarios_mod
from .load import DataError, Handbook, load_all

OK, DATA_PROBLEM, USAGE = 0, 1, 2
PROJECT_PARTS = ("data", "content", "generator", "site_overrides", "mkdocs.yml", ".git")
"""What `publish --to` may never replace."""


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.config = root / "mkdocs.yml"


def _say(text: str = "") -> None:
    """Progress and problems go to stderr, so stdout holds only the command's result."""
    click.echo(text, err=True)


def _fail(problems: list[str], head: str) -> None:
    _say(head)
    for p in problems:
        _say(f"  {p}")
    raise click.exceptions.Exit(DATA_PROBLEM)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The project folder: the one holding data/ and mkdocs.yml.")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Check, preview, compare and publish the policy handbook.

    \b
    Exit codes:
      0  all went well
      1  the data has problems, a scenario failed, or the site could not be built
      2  the command was typed wrong (unknown option, folder or version)
    """
    root = project.resolve()
    if not (root / "data").is_dir() or not (root / "mkdocs.yml").is_file():
        raise click.UsageError(f"{project} is not a handbook project (it needs a data/ folder and mkdocs.yml); "
                               "run the command from the project folder or give --project")
    ctx.obj = Project(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _load(project: Project) -> Handbook:
    try:
        return load_all(project.data)
    except DataError as e:
        _fail([str(p) for p in e.problems], e.message().splitlines()[0])


def _check(project: Project, publishing: bool = False) -> Handbook:
    """Load every data file and run every scenario; exit 1 with all problems listed."""
    after = " Nothing was published." if publishing else ""
    _say("Checking the policy data in data/ ...")
    problems: list[str] = []
    try:
        hb = load_all(project.data)
    except DataError as e:
        problems += [str(p) for p in e.problems]
        hb = None
    try:
        scenarios = scenarios_mod.load(project.data, hb)
    except DataError as e:
        problems += [str(p) for p in e.problems]
        scenarios = []
    if problems:
        _fail(problems, f"The policy data has {len(problems)} problem{'s' if len(problems) != 1 else ''}.{after}")
    if not scenarios:
        _say(f"There are no policy scenarios to run: add some in data/{scenarios_mod.FILE} (see docs/policy-staff-guide.md).")
        return hb
    failures: list[str] = []
    table = scenarios_mod.table(hb)
    with click.progressbar(scenarios, label=f"Running {len(scenarios)} policy scenarios", file=sys.stderr,
                           item_show_func=lambda s: s.name if s else None) as bar:
        for scenario in bar:
            failures += scenarios_mod.run(hb, scenario, table)
    if failures:
        _fail(failures, f"{len(failures)} scenario{'s' if len(failures) != 1 else ''} of {len(scenarios)} "
                        f"did not give the expected result.{after}")
    _say(f"All {len(scenarios)} scenarios give the expected result.")
    return hb


@main.command()
@click.pass_obj
def check(project: Project) -> None:
    """Check every data file and run the policy scenarios (data/scenarios.yaml).

    Prints every problem at once, each as  file:line: what is wrong — what to write instead.
    Exit code 0 when all is well, 1 when there is any problem.
    """
    _check(project)
    click.echo("The policy data is ready to publish.")


@main.command()
@click.option("--port", default=8000, show_default=True, help="The port to serve the preview on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve the preview on.")
@click.pass_obj
def preview(project: Project, port: int, host: str) -> None:
    """Show the handbook at http://127.0.0.1:8000 while you edit.

    It rebuilds when anything in data/, content/ or generator/ (the templates) changes. A mistake in
    the data is shown here in the terminal and the preview keeps running: fix it, save, and the
    page updates. Stop it with Ctrl+C.
    """
    _log_mkdocs(logging.INFO)
    while True:
        try:
            load_all(project.data)
            break
        except DataError as e:
            _say(e.message())
            _say("Waiting for the data to be fixed (save the file to try again; Ctrl+C to stop) ...")
            _wait_for_change(project)
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort

    _say(f"Preview at http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        serve(config_file=str(project.config), dev_addr=f"{host}:{port}", livereload=True)
    except Abort as e:
        _say(str(e))
        raise click.exceptions.Exit(DATA_PROBLEM)
    except OSError as e:
        raise click.UsageError(f"cannot serve on {host}:{port} ({e.strerror}); give another port, like --port 8001") from None


def _wait_for_change(project: Project) -> None:
    def stamp():
        return sorted((p, p.stat().st_mtime_ns, p.stat().st_size) for p in project.data.rglob("*") if p.is_file())

    before = stamp()
    while stamp() == before:
        time.sleep(0.5)


@main.command()
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of the published site.  [default: site/ in the project]")
@click.pass_obj
def publish(project: Project, target: Path | None) -> None:
    """Check the data, build the whole handbook, then replace the published site.

    The new site is built in a temporary folder first. The published folder is replaced only
    when the whole build succeeded: if anything fails, it stays exactly as it was.
    """
    target = (target or project.root / "site").resolve()
    if target == project.root or target in project.root.parents or any(
            target == project.root / part or project.root / part in target.parents for part in PROJECT_PARTS):
        raise click.UsageError(f"--to {target} would replace the project itself; give a folder of its own, like site/")
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise click.UsageError(f"--to {target} holds other files, not a published handbook; "
                               "give an empty folder or the folder of the last publish")
    _say("Step 1 of 3: checking the data")
    _check(project, publishing=True)
    _say("Step 2 of 3: building the handbook (this takes a few seconds)")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        _build(project, staging)
    except _BuildFailed as e:
        shutil.rmtree(staging, ignore_errors=True)
        _fail([str(e)], "The handbook could not be built. Nothing was published; the published site is unchanged.")
    except BaseException:  # Ctrl+C or anything unexpected: no half-built folder is left behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _say(f"Step 3 of 3: replacing {_shown(target)}")
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # put the published site back as it was
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for _ in target.rglob("*.html"))
    click.echo(f"Published {pages} pages to {_shown(target)}")


class _BuildFailed(Exception):
    pass


def _build(project: Project, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    _log_mkdocs(logging.WARNING)
    try:
        cfg = load_config(config_file=str(project.config), site_dir=str(site_dir), strict=True)
        build(cfg)
    except (Abort, MkDocsException, SystemExit) as e:
        raise _BuildFailed(str(e) or "the build stopped") from None


class _Echo(logging.Handler):
    """MkDocs' messages, on whatever stderr is now."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def _log_mkdocs(level: int) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Echo) for h in logger.handlers):
        handler = _Echo()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"


@main.command()
@click.argument("previous", default="HEAD")
@click.option("--record", is_flag=True, help="Write the changes into data/program.yaml as a new version.")
@click.option("--effective", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="With --record: the date the new version takes effect, like 2026-12-01.")
@click.option("--summary", default=None, help="With --record: one sentence saying what the new version is about.")
@click.pass_obj
def diff(project: Project, previous: str, record: bool, effective, summary: str | None) -> None:
    """Say in plain words what changed since PREVIOUS.

    PREVIOUS is a saved version (a git revision such as HEAD, HEAD~1 or a tag) or a folder
    holding an older data/. The default, HEAD, is the last saved version.

    With --record, the changes are written into data/program.yaml under `versions:` with the
    date they take effect, and the handbook's "What changed" page shows them.
    """
    if record and (effective is None or not summary):
        raise click.UsageError("--record needs --effective DATE and --summary TEXT")
    new = _load(project)
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = _previous_data(project, previous, Path(tmp))
        _say(f"Comparing data/ with {previous} ...")
        try:
            old = load_all(old_dir)
        except DataError as e:
            _fail([str(p) for p in e.problems], f"The data in {previous} cannot be read, so it cannot be compared:")
    changes = diff_mod.sentences(diff_mod.compare(old, new), new)
    if not changes:
        click.echo(f"No changes to the policy since {previous}.")
        return
    click.echo(f"{len(changes)} change{'s' if len(changes) != 1 else ''} since {previous}:")
    for line in changes:
        click.echo(f"- {line}")
    if record:
        _record(project, effective.date(), summary, changes)
        click.echo(f"Recorded as the version in effect from {effective.date().isoformat()} in data/program.yaml.")


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
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    return out


def _git(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout


def _record(project: Project, effective: dt.date, summary: str, changes: list[str]) -> None:
    """Append a version to program.yaml's `versions:` list, keeping the rest of the file as it is."""
    import json

    path = project.data / "program.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    entry = [f"  - effective: {effective.isoformat()}\n", f"    summary: {json.dumps(summary, ensure_ascii=False)}\n",
             "    changes:\n", *(f"      - {json.dumps(c, ensure_ascii=False)}\n" for c in changes)]
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "versions:"), None)
    if start is None:
        block = ["versions:\n", *entry]
        new_lines = lines + (["\n"] if lines and not lines[-1].endswith("\n") else []) + block
    else:
        end = start + 1
        while end < len(lines) and (lines[end].startswith((" ", "-", "#")) or not lines[end].strip()):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        if not lines[end - 1].endswith("\n"):
            lines[end - 1] += "\n"
        new_lines = lines[:end] + entry + lines[end:]
    path.write_text("".join(new_lines), encoding="utf-8")
    try:
        load_all(project.data)
    except DataError as e:
        path.write_text(text, encoding="utf-8")
        _fail([str(p) for p in e.problems], "The changes could not be recorded; data/program.yaml is unchanged:")
