"""What every command of the command line shares: the project, messages, exit codes, the data check.

Exit codes, for scripts: 0 all went well; 1 the data has problems (or a scenario failed, or the
site could not be built or written); 2 the command was typed wrong (unknown option, missing folder
or version, a folder that cannot be used).
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import click

from . import scenarios as scenarios_mod
from .load import DataError, Handbook, load_all

OK, DATA_PROBLEM, USAGE = 0, 1, 2


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.config = root / "mkdocs.yml"


def say(text: str = "") -> None:
    """Progress and problems go to stderr, so stdout holds only the command's result."""
    click.echo(text, err=True)


def fail(problems: list[str], head: str, code: int = DATA_PROBLEM) -> None:
    say(head)
    for p in problems:
        say(f"  {p}")
    raise click.exceptions.Exit(code)


def load(project: Project, translations: bool = True) -> Handbook:
    try:
        return load_all(project.data, translations)
    except DataError as e:
        fail([p.told() for p in e.problems], e.message().splitlines()[0])


def check_data(project: Project, publishing: bool = False) -> Handbook:
    """Load every data file and run every scenario; exit 1 with all problems listed."""
    after = " Nothing was published." if publishing else ""
    say("Checking the policy data in data/ ...")
    problems: list[str] = []
    try:
        hb = load_all(project.data)
    except DataError as e:
        problems += [p.told() for p in e.problems]
        hb = None
    try:
        scenarios = scenarios_mod.load(project.data, hb)
    except DataError as e:
        problems += [p.told() for p in e.problems]
        scenarios = []
    if problems:
        fail(problems, f"The policy data has {len(problems)} problem{'s' if len(problems) != 1 else ''}.{after}")
    if not scenarios:
        say(f"There are no policy scenarios to run: add some in data/{scenarios_mod.FILE} (see docs/policy-staff-guide.md).")
        return hb
    failures: list[str] = []
    table = scenarios_mod.table(hb)
    with click.progressbar(scenarios, label=f"Running {len(scenarios)} policy scenarios", file=sys.stderr,
                           item_show_func=lambda s: s.name if s else None) as bar:
        for scenario in bar:
            failures += scenarios_mod.run(hb, scenario, table)
    if failures:
        fail(failures, f"{len(failures)} scenario{'s' if len(failures) != 1 else ''} of {len(scenarios)} "
                       f"did not give the expected result.{after}")
    say(f"All {len(scenarios)} scenarios give the expected result.")
    from .coverage import uncovered

    warnings = uncovered(hb, scenarios, table)
    if warnings:
        say(f"Warning: {len(warnings)} rule{'s have' if len(warnings) != 1 else ' has'} no scenario to prove what "
            f"{'they do' if len(warnings) != 1 else 'it does'} (the data can still be published):")
        for w in warnings:
            say(f"  {w}")
    return hb


def check_site(project: Project):
    """What only making the pages finds (a page in content/ in a generated page's place, a template
    mistake, a language the theme has no words for): told like the data's problems, nothing written.
    The site as made (build.Site), or None when mkdocs.yml cannot be read."""
    from mkdocs.config import load_config

    from . import build

    try:
        config = load_config(str(project.config))
    except Exception:  # noqa: BLE001 - a broken mkdocs.yml is the developers' to fix: the build says how
        return
    try:
        site = build.prepare(project.data, Path(config.docs_dir))
        problems = build.language_problems(site.handbook.program, config.theme.dirs, project.data)
    except build.BuildProblem as e:
        fail(str(e).splitlines(), "The handbook cannot be made from this data.")
    if problems:
        fail(problems, "The handbook cannot be made from this data.")
    return site


def unreviewed_lines(hb: Handbook | None, site) -> list[str]:
    """What waits for policy staff's review in each further language: not a problem (it is published, and each
    page that holds some says so, with a link to the page in the main language), but `check` and `publish` name it."""
    from .translations import language_name, unreviewed

    lines = []
    for language, keys in unreviewed(hb).items() if hb else ():
        name, uris = language_name(language), site.unreviewed.get(language, []) if site else []
        if keys:
            lines.append(f"{len(keys)} {name} text{'s are' if len(keys) != 1 else ' is'} not yet reviewed "
                         f"(data/translations/{language}.yaml: reviewed: false)")
        if uris:
            lines.append(f"{len(uris)} {name} page{'s are' if len(uris) != 1 else ' is'} not yet reviewed "
                         f"({', '.join(f'content/{u}' for u in uris)}: reviewed: false)")
        shown = len(site.unreviewed_pages.get(language, ())) if site else 0
        if shown:
            lines.append(f"{shown} {name} page{'s say' if shown != 1 else ' says'} that {'they hold' if shown != 1 else 'it holds'} "
                         f"text not yet reviewed, with a link to the {language_name(hb.program.language)} page, which decides; "
                         "python -m generator review lists every such text")
    return lines


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` all at once: a temporary file in the same folder, renamed over it.
    Whatever goes wrong (full disk, no permission, Ctrl+C), `path` is either as it was or complete."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def os_problem(e: OSError, doing: str) -> str:
    """An error of the operating system (full disk, no permission ...) in plain words."""
    where = f" ({e.filename})" if getattr(e, "filename", None) else ""
    return f"{doing}{where}: {e.strerror or e}"


class _Echo(logging.Handler):
    """MkDocs' messages, on whatever stderr is now."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def log_mkdocs(level: int) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Echo) for h in logger.handlers):
        handler = _Echo()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"


class StaffDate(click.ParamType):
    """A date as staff type it: 2026-12-01, 12/01/2026 (US month/day), December 1, 2026 or 1 December 2026.
    Any form other than 2026-12-01 is printed back as read, so a misreading is seen at once."""

    name = "date"
    FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")

    def convert(self, value, param, ctx):
        import datetime as dt

        if isinstance(value, dt.date):
            return value
        text = " ".join(str(value).replace(".", "").split())
        for form in self.FORMATS:
            try:
                date = dt.datetime.strptime(text, form).date()
            except ValueError:
                continue
            if form != "%Y-%m-%d":
                say(f"{param.opts[0] if param else 'date'} {value}: read as {spoken_date(date)} ({date.isoformat()}).")
            return date
        self.fail(f"'{value}' is not a date that can be read; write it like 2026-12-01 (year-month-day), "
                  "12/01/2026 (month/day/year) or December 1, 2026", param, ctx)


def spoken_date(date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


AS_OF_OPTION = click.option("--as-of", "as_of", type=StaffDate(), default=None,
                            help="Show the policy as it will be (or was) on this day, like 2027-01-01 or \"January 1, 2027\".  [default: today]")


def use_as_of(as_of) -> None:
    """Builds in this process and its MkDocs runs show the policy as of this day (build.AS_OF)."""
    from .build import AS_OF
    if as_of is not None:
        os.environ[AS_OF] = as_of.isoformat()
        say(f"Showing the policy as of {as_of.isoformat()}")
