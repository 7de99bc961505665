"""publish leaves the published folder readable by a web server running as another user, and
SIGTERM (a service manager, `kill`) leaves neither a half-built nor an old copy beside it."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

from click.testing import CliRunner

from tests.kit import ROOT, copy_project
from generator.cli import main


def test_the_published_site_has_the_usual_permissions(tmp_path):
    project = copy_project(tmp_path / "project")
    before = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(tmp_path / "published")])
    finally:
        os.umask(before)
    assert result.exit_code == 0, result.output
    site = tmp_path / "published"
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert {m for p, m in modes.items() if (tmp_path / p).is_dir()} == {0o755}
    assert {m for p, m in modes.items() if (tmp_path / p).is_file()} == {0o644}


def test_sigterm_while_building_leaves_the_published_site_and_no_temporary_folder(tmp_path):
    project = copy_project(tmp_path / "project")
    published = tmp_path / "published"
    assert CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(published)]).exit_code == 0
    before = {p.relative_to(published): p.read_bytes() for p in published.rglob("*") if p.is_file()}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "publish", "--to", str(published)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            # with the PDF: the build lasts long enough to be stopped halfway
                            env={**{k: v for k, v in os.environ.items() if k != "HANDBOOK_PDF"}, "NO_MKDOCS_2_WARNING": "1"})
    staging = []
    while not staging and proc.poll() is None:  # wait for the build to start in its temporary folder
        staging = list(tmp_path.glob(".published-new-*"))
        time.sleep(0.05)
    assert staging, "the build never started"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "Stopped. Nothing was published; the published site is unchanged." in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"]
    assert {p.relative_to(published): p.read_bytes() for p in published.rglob("*") if p.is_file()} == before
