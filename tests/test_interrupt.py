"""Ctrl+C at any moment of any command ends it with one plain line, never a traceback.

Each command is started as policy staff start it (python -m generator ...) and sent SIGINT at moments from
the first one Python runs the generator (the package's import, seen with -X importtime) to well into its
work. Before that moment Python itself is still starting (its own modules, site-packages): a Ctrl+C there is
Python's to report, and no program can catch it.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.kit import ROOT, copy_project

MOMENTS = [0.0, 0.05, 0.2, 0.5, 1.0, 1.6]
"""Seconds after the generator starts to run: its imports, reading the data, the command's work."""
COMMANDS = {
    "check": ["check"],
    "publish": ["publish", "--to", "{tmp}/published"],
    "translations": ["translations", "es"],
    "diff": ["diff", "{project}"],
    "review": ["review", "--against", "{project}", "--out", "{tmp}/review.html"],
    "add-source": ["add-source", "{tmp}/memo.txt", "--publisher", "DSS", "--date", "2026-11-02"],
    "schema": ["schema"],
    "preview": ["preview", "--port", "0"],
}


def _interrupted(args: list[str], moment: float) -> subprocess.CompletedProcess:
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "generator", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    err = []
    while True:  # until Python has imported the generator package (runpy does, just before its __main__)
        line = proc.stderr.readline()
        err.append(line)
        if not line or line.rstrip().endswith("| generator"):
            break
    time.sleep(moment)
    proc.send_signal(signal.SIGINT)
    out, rest = proc.communicate(timeout=120)
    said = [row for row in ("".join(err) + rest).splitlines() if not row.startswith("import time:")]
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, "\n".join(said))


@pytest.mark.parametrize("command", COMMANDS)
def test_ctrl_c_at_any_moment_says_one_plain_line(command, tmp_path):
    project = copy_project(tmp_path / "project", languages=True)
    (tmp_path / "memo.txt").write_text("Memo on mentors\n\nPolicy\nMentors meet twice a month.\n", encoding="utf-8")
    args = ["--project", str(project)] + [a.replace("{tmp}", str(tmp_path)).replace("{project}", str(project))
                                          for a in COMMANDS[command]]
    for moment in MOMENTS:
        done = _interrupted(args, moment)
        assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, (moment, done.stderr)
        stopped = [row for row in done.stderr.splitlines() if "Stopped" in row or "Shutting down" in row]
        if not stopped:  # it was done before Ctrl+C came (add-source: a second time, the memo is already there)
            assert done.returncode >= 0, (moment, done.returncode, done.stderr)  # not ended by the signal itself
            continue
        assert len(stopped) == 1 and done.stderr.splitlines()[-1] == stopped[0], (moment, done.stderr)
        assert done.returncode == (0 if "Shutting down" in stopped[0] else 1), (moment, done.returncode, done.stderr)


def test_the_check_sees_a_traceback():
    """The test above can fail: Python's own reaction to Ctrl+C, in a program that does not catch it, is caught."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys; print('ready', file=sys.stderr, flush=True); import time; time.sleep(30)"],
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr.readline().strip() == "ready"
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"the child did not stop: this process's SIGINT handler {signal.getsignal(signal.SIGINT)!r}, "
                    f"blocked signals {signal.pthread_sigmask(signal.SIG_BLOCK, [])!r} (a child inherits both)")
    assert "Traceback" in err and "KeyboardInterrupt" in err
