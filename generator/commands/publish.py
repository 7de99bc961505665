"""`python -m generator publish`: check the data, build the whole site in a temporary folder beside the
published one, then put it in the published one's place in one step.

It never deletes files it did not make: a folder that holds other files than a published handbook
is refused, and the files a host keeps in a published one (CNAME, .htaccess, robots.txt ...) are kept
(published.py). The published folder gets the usual permissions (0755 folders, 0644 files, whatever the
umask), so a web server running as another user can read it. Whatever stops it (a failed build, a full
disk, Ctrl+C, SIGTERM), no temporary folder is left behind and the published site stays as it was; what
a publish killed outright (SIGKILL, a power cut) left is removed by the next one. Publishes to one
folder take turns.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

import click

from generator.policy import asof
from generator.commands import published, stopping
from generator.policy import untranslated as untranslated_mod
from generator.policy.strings import format_date, strings_for
from generator.commands.command import (AS_OF_OPTION, USAGE, Project, use_as_of, check_data, check_site, fail, log_mkdocs, os_problem, say,
                      shown, unreviewed_lines)

PROJECT_PARTS = ("data", "content", "generator", "site_overrides", "mkdocs.yml", ".git")
"""What `publish --to` may never replace."""
PUBLISHED = ("index.html", "404.html", "sitemap.xml", "search/search_index.json")
"""Files every published handbook has: a folder holding other files but not these is not one."""
UNCHANGED = "Nothing was published; the published site is unchanged."


@click.command()
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of the published site.  [default: site/ in the project]")
@AS_OF_OPTION
@click.option("--untranslated", type=click.Choice(["refuse", "english"]), default="refuse", show_default=True,
              help="A text not yet translated stops the publish (refuse), or is published in English, marked as not yet translated (english).")
@click.pass_obj
def publish(project: Project, target: Path | None, as_of, untranslated: str) -> None:
    """Check the data, build the whole handbook, then replace the published site.

    The new site is built in a temporary folder first. The published folder is replaced only
    when the whole build succeeded: if anything fails, it stays exactly as it was.
    """
    target = (target or project.root / "site").resolve()
    _refuse_unsafe(project, target)
    use_as_of(as_of)
    if untranslated == "english":
        os.environ[untranslated_mod.ENV] = "english"
    say("Step 1 of 3: checking the data")
    hb = check_data(project, publishing=True, untranslated=untranslated == "english")
    say("Step 2 of 3: building the handbook (this takes a few seconds)")
    with _stop_on_sigterm(), _one_at_a_time(target), stopping.raising():
        staging, done, kept = None, False, []
        try:
            _clean_up(target)
            with _signals_held():  # the temporary folder's name is known before it can be left behind
                staging = _make_staging(target)
            _build(project, staging)
            published.settle(staging)
            say(f"Step 3 of 3: replacing {shown(target)}")
            kept = published.carry_over(target, staging)
            with _signals_held():  # a stop now waits until the new site is in place
                _swap(staging, target)
                done = True
        except _BuildFailed as e:  # a Ctrl+C that a library turned into a failed check is a stop, not a problem
            fail([] if stopping.stopped else [str(e)], f"Stopped. {UNCHANGED}" if stopping.stopped else f"The handbook could not be built. {UNCHANGED}")
        except OSError as e:
            fail([os_problem(e, f"{shown(target)} could not be replaced")], f"The handbook could not be published. {UNCHANGED}")
        except KeyboardInterrupt:
            if not done:
                fail([], f"Stopped. {UNCHANGED}")
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
    if kept:
        say(f"Kept {len(kept)} file{'s' if len(kept) != 1 else ''} the handbook did not make: {', '.join(kept[:10])}"
            + (" ..." if len(kept) > 10 else ""))
    pages = sum(1 for _ in target.rglob("*.html"))
    click.echo(f"Published {pages} pages to {shown(target)}")
    for line in unreviewed_lines(hb, check_site(project, hb) if hb and hb.program.translations else None):
        say(line)  # published all the same: each page that holds such text says so
    from generator.site.build import as_of_day

    coming = next_change(hb, as_of_day())
    if coming:  # the site shows the policy as of its build's day: on that day, it must be built again
        words = strings_for(hb.program)
        click.echo(words["publish_next_change"].replace("{date}", format_date(coming, words)))


def next_change(hb, day: dt.date) -> dt.date | None:
    """The first day after `day` on which the published site would change: a dated value or an entry's
    `from:`/`until:` takes effect, or a recorded version of the policy comes into effect."""
    days = [*asof.change_dates(hb), *asof.entry_dates(hb), *(v.effective for v in hb.program.versions)]
    return min((d for d in days if d > day), default=None)


@contextlib.contextmanager
def _one_at_a_time(target: Path):
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(published.one_at_a_time(target, say))
        except OSError as e:  # the folder around the published one cannot be made or opened
            fail([os_problem(e, f"the folder {target.parent} cannot be made or written to")],
                 f"Nothing was published: give a folder you can write to with --to. {UNCHANGED}", USAGE)
        yield


def _clean_up(target: Path) -> None:
    """What earlier publishes that were killed (no clean-up could run) left beside the published folder."""
    left = published.left_behind(target)
    for folder in left:
        shutil.rmtree(folder, ignore_errors=True)
    if left:
        say(f"Removed {len(left)} unfinished cop{'ies' if len(left) != 1 else 'y'} of the site left beside {shown(target)} "
            f"by an earlier publish that was stopped ({', '.join(p.name for p in left)})")


def _refuse_unsafe(project: Project, target: Path) -> None:
    root = project.root
    if target == root or target in root.parents or any(
            target == root / part or root / part in target.parents for part in PROJECT_PARTS):
        raise click.UsageError(f"--to {target} would replace the project itself; give a folder of its own, like site/")
    if target.exists() and not target.is_dir():
        raise click.UsageError(f"--to {target} is a file, not a folder; give a folder, like site/")
    if target.is_dir() and any(target.iterdir()) and not all((target / f).is_file() for f in PUBLISHED):
        raise click.UsageError(f"--to {target} holds other files, not a published handbook, and publishing would delete them; "
                               "give an empty folder or the folder of the last publish")


def _make_staging(target: Path) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    except OSError as e:
        fail([os_problem(e, f"the folder {target.parent} cannot be made or written to")],
             f"Nothing was published: give a folder you can write to with --to. {UNCHANGED}", USAGE)


def _swap(staging: Path, target: Path) -> None:
    """Put the new site in the published one's place."""
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # put the published site back as it was
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _signals_held():
    """Ctrl+C and SIGTERM wait until the block is done (they arrive right after it)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _stop_on_sigterm():
    """SIGTERM (a service manager, `kill`) stops the publish like Ctrl+C, so the clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        stopping.stopped = True
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


class _BuildFailed(Exception):
    pass


def _build(project: Project, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from generator.site import pdf

    log_mkdocs(logging.WARNING)
    pdf.previewing = False  # a published site always has its PDF, even after a preview in this process
    try:
        cfg = load_config(config_file=str(project.config), site_dir=str(site_dir), strict=True)
        build(cfg)
    except (Abort, MkDocsException, SystemExit) as e:
        raise _BuildFailed(str(e) or "the build stopped") from None
    except OSError as e:
        raise _BuildFailed(os_problem(e, "the site could not be written")) from None

