"""publish leaves the published folder readable by a web server running as another user (whatever the
umask), keeps the files a host keeps there, and SIGTERM (a service manager, `kill`) leaves neither a
half-built nor an old copy beside it; what a publish killed outright left, the next one removes; two
publishes to one folder take turns."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import fcntl
import pytest
from click.testing import CliRunner

from tests.kit import ROOT, copy_project
from generator.commands.cli import main


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_the_published_site_has_the_usual_permissions(tmp_path, umask):
    project = copy_project(tmp_path / "project")
    before = os.umask(umask)
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


def _publish(project, target):
    return CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(target)])


HOST_FILES = {"CNAME": "handbook.example.org\n", ".htaccess": "Header set X-Frame-Options DENY\n",
              "robots.txt": "User-agent: *\n", ".nojekyll": "", ".well-known/security.txt": "Contact: mailto:it@example.org\n",
              "google1234.html": "google-site-verification: google1234.html\n"}


def test_publish_keeps_the_files_the_handbook_did_not_make(tmp_path):
    project, target = copy_project(tmp_path / "project"), tmp_path / "published"
    assert _publish(project, target).exit_code == 0
    for name, text in HOST_FILES.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text)
    (target / "tiers" / "old-tier").mkdir()  # a page an earlier publish made, the data no longer has
    (target / "tiers" / "old-tier" / "index.html").write_text("old")
    made = (target / ".handbook-files")
    made.write_text(made.read_text() + "tiers/old-tier/index.html\n")
    result = _publish(project, target)
    assert result.exit_code == 0, result.output
    assert {name: (target / name).read_text() for name in HOST_FILES} == HOST_FILES
    assert not (target / "tiers" / "old-tier").exists()
    assert "Kept 6 files the handbook did not make: .htaccess, .nojekyll, .well-known/security.txt, CNAME, google1234.html, robots.txt" in result.output
    again = _publish(project, target)  # they stay the host's: kept again, never listed as the handbook's
    assert again.exit_code == 0 and {name: (target / name).read_text() for name in HOST_FILES} == HOST_FILES


def test_a_site_published_before_the_list_keeps_its_top_files_and_dot_files(tmp_path):
    project, target = copy_project(tmp_path / "project"), tmp_path / "published"
    assert _publish(project, target).exit_code == 0
    (target / ".handbook-files").unlink()  # as a publish before there was a list left it
    for name, text in HOST_FILES.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text)
    (target / "tiers" / "old-tier").mkdir()
    (target / "tiers" / "old-tier" / "index.html").write_text("old")
    assert _publish(project, target).exit_code == 0
    assert {name: (target / name).read_text() for name in HOST_FILES} == HOST_FILES
    assert not (target / "tiers" / "old-tier").exists()


def test_publish_removes_what_an_earlier_killed_publish_left(tmp_path):
    project, target = copy_project(tmp_path / "project"), tmp_path / "published"
    assert _publish(project, target).exit_code == 0
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "publish", "--to", str(target)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**{k: v for k, v in os.environ.items() if k != "HANDBOOK_PDF"}, "NO_MKDOCS_2_WARNING": "1"})
    while not list(tmp_path.glob(".published-new-*")) and proc.poll() is None:  # its build has started
        time.sleep(0.05)
    proc.kill()  # SIGKILL: no clean-up can run
    proc.communicate(timeout=60)
    (tmp_path / ".published-old-4242").mkdir()  # a swap killed halfway
    assert sorted(p.name.split("-")[1] for p in tmp_path.iterdir() if p.name.startswith(".published-")) == ["new", "old"]
    (tmp_path / ".other-new-abc").mkdir()  # another site's: not this one's to remove
    result = _publish(project, target)
    assert result.exit_code == 0, result.output
    assert "Removed 2 unfinished copies of the site left beside" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other-new-abc", "project", "published"]


def test_a_publish_waits_for_another_to_the_same_folder(tmp_path):
    project, target = copy_project(tmp_path / "project"), tmp_path / "published"
    held = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a publish to this folder running now holds it
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project), "publish", "--to", str(target)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = ""
        while "waiting for it to finish" not in said:
            said += proc.stderr.readline()
            assert proc.poll() is None, said
        assert not target.exists() and not list(tmp_path.glob(".published-new-*"))  # nothing begun while it waits
    finally:
        os.close(held)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert (target / "index.html").is_file()
