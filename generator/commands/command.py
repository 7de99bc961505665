"""What every command of the command line shares: the project, messages, exit codes, the data check.

Exit codes, for scripts: 0 all went well; 1 the data has problems (or a scenario failed, or the
site could not be built or written); 2 the command was typed wrong (unknown option, missing folder
or version, a folder that cannot be used).
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from generator.site import registry
from generator.selfcheck import scenarios as scenarios_mod
from generator.policy.load import DataError, Handbook, load_all
from generator.policy.staffdate import read_day, spoken_date
from generator.commands.stopping import raising
from generator.policy.translations import Untranslated, language_name, unreviewed

OK, DATA_PROBLEM, USAGE = 0, 1, 2


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.config = root / "mkdocs.yml"


def say(text: str = "") -> None:
    """Progress and problems go to stderr, so stdout holds only the command's result."""
    click.echo(text, err=True)


def fail(problems: list[str], head: str, code: int = DATA_PROBLEM, tail: str = "") -> None:
    say(head)
    for p in problems:
        say(f"  {p}")
    if tail:
        say(tail)
    raise click.exceptions.Exit(code)


def load(project: Project, translations: bool = True) -> Handbook:
    try:
        return load_all(project.data, translations)
    except DataError as e:
        fail([p.told() for p in e.problems], e.message().splitlines()[0])


UNTRANSLATED_ANYWAY = ("To publish anyway, with the English shown in their place and marked as not yet translated: "
                       "python -m generator publish --untranslated english")


def check_data(project: Project, publishing: bool = False, untranslated: bool = False) -> Handbook:
    """Load every data file and run every scenario; exit 1 with all problems listed. `untranslated`: texts
    not yet translated are no problem (publish --untranslated english): they are listed, published in English."""
    after = " Nothing was published." if publishing else ""
    say("Checking the policy data in data/ ...")
    problems: list[str] = []
    tail = ""
    try:
        hb = load_all(project.data, untranslated=untranslated)
        problems += [p.told() for p in registry.place_problems(hb, project.data)]
    except DataError as e:
        problems += [p.told() for p in e.problems]
        if publishing and any(isinstance(p, Untranslated) for p in e.problems):
            tail = UNTRANSLATED_ANYWAY
        hb = None
    try:
        scenarios = scenarios_mod.load(project.data, hb)
    except DataError as e:
        problems += [p.told() for p in e.problems]
        scenarios = []
    if problems:
        fail(problems, f"The policy data has {len(problems)} problem{'s' if len(problems) != 1 else ''}.{after}", tail=tail)
    for language, texts in hb.untranslated.items():
        say(f"{len(texts)} {language_name(language)} text{'s are' if len(texts) != 1 else ' is'} not yet translated: "
            f"{'they are' if len(texts) != 1 else 'it is'} published in English, marked as not yet translated:")
        for t in texts:
            say(f"  {t.file}:{t.line}: {t.key}")
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
    from generator.selfcheck.coverage import uncovered

    warnings = uncovered(hb, scenarios, table)
    if warnings:
        say(f"Warning: {len(warnings)} rule{'s have' if len(warnings) != 1 else ' has'} no scenario to prove what "
            f"{'they do' if len(warnings) != 1 else 'it does'} (the data can still be published):")
        for w in warnings:
            say(f"  {w}")
    return hb


def check_site(project: Project, hb: Handbook | None = None):
    """What only making the pages finds (a page in content/ in a generated page's place, a template
    mistake, a language the theme has no words for): told like the data's problems, nothing written.
    The site as made (build.Site), or None when mkdocs.yml cannot be read. `hb`: the data as check_data
    loaded it (not loaded again)."""
    from mkdocs.config import load_config

    from generator.site import build

    try:
        config = load_config(str(project.config), plugins=[], hooks=[])  # its folders only: no plugin or hook loaded
    except Exception:  # noqa: BLE001 - a broken mkdocs.yml is the developers' to fix: the build says how
        return
    try:
        site = build.prepare(project.data, Path(config.docs_dir), loaded=hb)
        problems = build.language_problems(site.handbook.program, config.theme.dirs, project.data)
    except build.BuildProblem as e:
        fail(str(e).splitlines(), "The handbook cannot be made from this data.")
    if problems:
        fail(problems, "The handbook cannot be made from this data.")
    return site


def unreviewed_lines(hb: Handbook | None, site) -> list[str]:
    """What waits for policy staff's review in each further language: not a problem (it is published, and each
    page that holds some says so, with a link to the page in the main language), but `check` and `publish` name it."""
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
    with raising():  # Ctrl+C removes the temporary file
        _write_atomically(path, data, mode)


def _write_atomically(path: Path, data: bytes, mode: int | None) -> None:
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


def write_all(writes: list[tuple[Path, bytes]]) -> None:
    """Each file written whole and swapped in (a file already there keeps its permissions); if one cannot be,
    those already written are put back (Ctrl+C too: it is raised here, after the putting back)."""
    with raising():
        _write_each(writes)


def _write_each(writes: list[tuple[Path, bytes]]) -> None:
    before = [(path, path.read_bytes() if path.is_file() else None) for path, _ in writes]
    done = 0
    try:
        for path, data in writes:
            path.parent.mkdir(exist_ok=True)
            write_atomically(path, data, path.stat().st_mode & 0o7777 if path.is_file() else None)
            done += 1
    except BaseException as e:
        if isinstance(e, OSError) and not e.filename:
            e.filename = str(path)  # so the message names the file
        for path, old in before[:done]:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, old)
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def os_problem(e: OSError, doing: str) -> str:
    """An error of the operating system (full disk, no permission ...) in plain words."""
    if isinstance(e, shutil.Error) and e.args and isinstance(e.args[0], list):  # a copy of a folder: each file that failed
        return f"{doing}: " + "; ".join(f"{row[0]}: {str(row[-1]).split('] ')[-1]}" for row in e.args[0][:3] if isinstance(row, tuple))
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

    def convert(self, value, param, ctx):
        try:
            date, worth_saying = read_day(value)
        except ValueError as e:
            self.fail(str(e), param, ctx)
        if worth_saying:
            say(f"{param.opts[0] if param else 'date'} {value}: read as {spoken_date(date)} ({date.isoformat()}).")
        return date


AS_OF_OPTION = click.option("--as-of", "as_of", type=StaffDate(), default=None,
                            help="Show the policy as it will be (or was) on this day, like 2027-01-01 or \"January 1, 2027\".  [default: today]")


def use_as_of(as_of) -> None:
    """Builds in this process and its MkDocs runs show the policy as of this day (build.AS_OF)."""
    from generator.site.build import AS_OF
    if as_of is not None:
        os.environ[AS_OF] = as_of.isoformat()
        say(f"Showing the policy as of {as_of.isoformat()}")
