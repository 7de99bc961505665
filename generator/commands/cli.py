"""The command line for policy staff: python -m generator check | preview | publish | diff.

Exit codes, for scripts: 0 all went well; 1 the data has problems (or a scenario failed, or the
site could not be built); 2 the command was typed wrong (unknown option, missing folder or version).
Every way a command can fail ends in a message in plain words, never a traceback.
The commands live in their own modules: publish.py, diff_command.py; what they share in command.py.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import click

from generator.commands.command import AS_OF_OPTION, DATA_PROBLEM, Project, check_data, check_site, log_mkdocs, os_problem, say, unreviewed_lines, use_as_of
from generator.commands.add_source import add_source
from generator.commands.diff_command import diff
from generator.policy.load import DataError, load_all, read_yaml
from generator.policy import untranslated
from generator.commands.publish import publish
from generator.commands.review import review
from generator.commands.schema import schema
from generator.commands.translations_command import translations_command
from generator.commands.stopping import STOPPED, raising


class _Commands(click.Group):
    """Whatever a command did not foresee still ends in a plain message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl+C: one plain line (publish says what it left as it was)
            say(STOPPED)
        except OSError as e:
            say(os_problem(e, "A file or folder could not be read or written"))
        except Exception as e:  # a fault in generator/, not in the data: say so, without a traceback
            say(f"The command stopped on a fault in generator/ ({type(e).__name__}: {e}); tell the developers.")
        raise click.exceptions.Exit(DATA_PROBLEM)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
        missing = " and ".join(n for n, ok in (("data/", (root / "data").is_dir()), ("mkdocs.yml", (root / "mkdocs.yml").is_file())) if not ok)
        raise click.UsageError(f"the folder {root} has no {missing}, so it is not a handbook project: run this from the "
                               "project folder (the one holding data/ and mkdocs.yml), or pass --project FOLDER")
    ctx.obj = Project(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command()
@click.pass_obj
def check(project: Project) -> None:
    """Check every data file and run the policy scenarios (data/scenarios.yaml).

    Prints every problem at once, each as  file:line: what is wrong — what to write instead.
    Exit code 0 when all is well, 1 when there is any problem.
    """
    hb = check_data(project)
    site = check_site(project, hb)
    for line in unreviewed_lines(hb, site):  # not a problem: published, and marked on each page that holds some
        say(line)
    if hb and not hb.eligibility.self_check.contacts:  # not a problem: the sources may give none
        line = read_yaml(project.data / "eligibility.yaml", "data/eligibility.yaml").key_line(("self_check",))
        say(f"Warning: data/eligibility.yaml:{line}: the self-check and the handbook give parents no contact for their next "
            "step (self_check has no  contacts:) — add the program's contacts there (docs/policy-staff-guide.md, "
            "\"Contacts for parents\")")
    click.echo("The policy data is ready to publish.")


@main.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port to serve the preview on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to serve the preview on.")
@AS_OF_OPTION
@click.pass_obj
def preview(project: Project, port: int, host: str, as_of) -> None:
    """Show the handbook at http://127.0.0.1:8000 while you edit.

    It rebuilds when anything in data/, content/ or generator/ (the templates) changes. A mistake in
    the data is shown here in the terminal and on every page in the browser, and the preview keeps
    running: fix it, save, and the
    page updates. Stop it with Ctrl+C.
    """
    use_as_of(as_of)
    os.environ[untranslated.ENV] = "english"  # translation never blocks looking: such texts show in English, marked
    log_mkdocs(logging.INFO)
    while True:
        try:
            load_all(project.data, untranslated=True)
            break
        except DataError as e:
            say(e.message())
            say("Waiting for the data to be fixed (save the file to try again; Ctrl+C to stop) ...")
            _wait_for_change(project)
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort

    say(f"Preview at http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        with raising():  # MkDocs stops its server and removes its temporary folder on Ctrl+C
            serve(config_file=str(project.config), dev_addr=f"{host}:{port}", livereload=True)
    except Abort as e:
        say(str(e))
        raise click.exceptions.Exit(DATA_PROBLEM)
    except OSError as e:
        raise click.UsageError(f"cannot serve on {host}:{port} ({e.strerror}); give another port, like --port 8001") from None


def _wait_for_change(project: Project) -> None:
    def stamp():
        return sorted((p, p.stat().st_mtime_ns, p.stat().st_size) for p in project.data.rglob("*") if p.is_file())

    before = stamp()
    while stamp() == before:
        time.sleep(0.5)


main.add_command(publish)
main.add_command(diff)
main.add_command(add_source)
main.add_command(schema)
main.add_command(review)
main.add_command(translations_command)
