"""The cases of tests/hostile_cases.yaml: each gives a plain message and exit code, and changes nothing.

The table says what is changed and what the command must say; this file only carries it out:
copy the project, publish it once, make the change, run the command (with the computer failing
where a case says so), and compare the published folder, data/ and the folder around them.
"""
from __future__ import annotations

import errno
import html
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.kit import ROOT, copy_project
from generator.commands.cli import main

CASES = yaml.safe_load((Path(__file__).with_name("hostile_cases.yaml")).read_text(encoding="utf-8"))


def billion_laughs() -> str:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    return "\n".join(rows) + "\n"


GENERATE = {
    "billion laughs": billion_laughs,
    "nested brackets": lambda: "tiers: " + "[" * 5000 + "]" * 5000 + "\n",
    "nested braces": lambda: "roles: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
    "nested keys": lambda: "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "end\n",
    "many values": lambda: "topics: [" + ",".join(["1"] * 200_000) + "]\n",
}


def _fail_with(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(args[-1]) if args else None)
    return fail


def _simulate(what: str, mp: pytest.MonkeyPatch, published: Path) -> None:
    import mkdocs.utils

    if what == "full disk":
        mp.setattr(mkdocs.utils, "write_file", _fail_with(errno.ENOSPC))
        mp.setattr(os, "fsync", _fail_with(errno.ENOSPC))
    elif what == "no permission":
        mp.setattr(tempfile, "mkdtemp", _fail_with(errno.EACCES))
    elif what in ("memo no permission", "memo read error"):  # the memo given to add-source cannot be read
        code, real_open = (errno.EACCES if what == "memo no permission" else errno.EIO), os.open
        mp.setattr(os, "open", lambda path, *a, **k: _fail_with(code)(path) if str(path).endswith("memo.txt") else real_open(path, *a, **k))
    elif what == "busy folder":
        rename = pathlib.Path.rename
        mp.setattr(pathlib.Path, "rename", lambda self, to: _fail_with(errno.EBUSY)(self) if self == published else rename(self, to))
    else:
        raise AssertionError(f"unknown simulation {what!r}")


def _place(text: str, tmp: Path, project: Path, published: Path) -> str:
    return text.replace("{tmp}", str(tmp)).replace("{project}", str(project)).replace("{published}", str(published))


def _change(change: dict, tmp: Path, project: Path, published: Path) -> Path:
    raw = _place(change["file"], tmp, project, published)
    path = Path(raw) if Path(raw).is_absolute() else project / raw
    path.parent.mkdir(parents=True, exist_ok=True)
    if "replace" in change:
        text = path.read_text(encoding="utf-8")
        assert change["replace"] in text, (path, change["replace"])
        path.write_text(text.replace(change["replace"], change["with"], 1), encoding="utf-8")
    elif "write" in change:
        path.write_text(change["write"], encoding="utf-8")
    elif "append_bytes" in change:
        path.write_bytes(path.read_bytes() + change["append_bytes"].encode("latin-1"))
    elif "generate" in change:
        path.write_text(GENERATE[change["generate"]](), encoding="utf-8")
    elif "remove" in change:
        path.unlink()
    elif "size" in change:  # a text file of that many bytes
        line = b"Policy memo text, line after line, far too long for a policy memo.\n"
        path.write_bytes((line * (change["size"] // len(line) + 1))[: change["size"]])
    elif "mkfifo" in change:
        os.mkfifo(path)
    elif "symlink_to" in change:  # a link, which may lead nowhere
        path.symlink_to(_place(change["symlink_to"], tmp, project, published))
    elif "rename_to" in change:
        path.rename(project / change["rename_to"])
    elif "link_to" in change:
        outside = Path(_place(change["link_to"], tmp, project, published))
        outside.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, outside)
        path.symlink_to(outside)
    else:
        raise AssertionError(f"unknown change {change}")
    return path


def _state(*folders: Path) -> dict:
    """Every file and link under the folders, byte for byte, and every name in the folder around them."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")) if folder.is_dir() else ():
            out[p] = os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else "folder"
    return out


@pytest.fixture(scope="module")
def published_once(tmp_path_factory):
    base = tmp_path_factory.mktemp("published-once")
    project = copy_project(base / "project")
    result = CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(base / "published")])
    assert result.exit_code == 0, result.output
    return base


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_case(case, published_once, tmp_path, monkeypatch):
    tmp = tmp_path / "work"
    shutil.copytree(published_once, tmp, symlinks=True)
    project, published = tmp / "project", tmp / "published"
    shutil.copytree(project / "data", tmp / "before" / "data")
    changes = case.get("change", [])
    changed = [_change(c, tmp, project, published) for c in (changes if isinstance(changes, list) else [changes])]
    expected = case.get("says") or case.get("says_part", "")
    if "line_of" in case:
        line_file = project / case["line_file"] if "line_file" in case else changed[0]
        text = line_file.read_bytes().decode("utf-8", errors="replace")
        line = next(n for n, row in enumerate(text.split("\n"), 1) if case["line_of"] in row)
        expected = expected.replace("{line}", str(line))
        where = f"{line_file.relative_to(project).as_posix()}:{line}:"
    before = _state(tmp)
    with monkeypatch.context() as mp:
        for name, value in case.get("env", {}).items():
            mp.setenv(name, value)
        if "simulate" in case:
            _simulate(case["simulate"], mp, published)
        args = [_place(a, tmp, project, published) for a in case.get("run", ["publish", "--to", "{published}"])]
        result = CliRunner().invoke(main, ["--project", str(project), *args])
    output = result.stdout + result.stderr
    assert result.exit_code == case.get("exit", 1), output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    if "published_without" in case:
        pages = "".join(p.read_text(encoding="utf-8") for p in published.rglob("*.html"))
        for text in case["published_without"]:
            assert text not in pages  # not as markup ...
            assert html.escape(text, quote=False) in pages  # ... but as the words it is
        return
    lines = [row.strip() for row in output.splitlines()]
    if "says" in case:
        assert expected.strip() in lines, output
    else:
        assert expected in output, output
    for line in case.get("says_all", []):  # more lines, each whole (such as how many problems there are)
        assert line.strip() in lines, output
    if "line_of" in case:
        assert where in output, output
    assert _state(tmp) == before  # nothing published, no data file changed, no temporary folder left


def test_there_are_at_least_forty_cases():
    assert len({c["case"] for c in CASES}) == len(CASES) >= 40


# ---------------------------------------------------------------- the machine is not eaten
MEASURE = r"""
import re, sys
from generator.commands.cli import main
try:
    main(["--project", sys.argv[1], "check"], standalone_mode=False)
except BaseException as e:
    print("stopped:", type(e).__name__, file=sys.stderr)
# this process's own peak memory (VmHWM); getrusage's ru_maxrss also counts the parent's before exec,
# so it reported the size of a long test run, not of this check
print(int(re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read()).group(1)) // 1024)
"""


@pytest.mark.parametrize("kind", ["billion laughs", "nested brackets", "nested braces", "nested keys", "many values"])
def test_hostile_yaml_uses_little_memory_and_time(kind, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "tiers.yaml").write_text(GENERATE[kind](), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", MEASURE, str(project)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)  # python -c: the working folder (this checkout) comes first on the import path
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, result.stderr
    assert "data/tiers.yaml" in result.stderr
    megabytes = int(result.stdout.split()[-1])
    assert megabytes < 300, f"{kind}: {megabytes} MB"
