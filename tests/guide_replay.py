"""Replaying a guide's console blocks on a copy of the project (used by tests/test_guide.py).

In a ```console block, a line starting with `$ ` is a command and the lines under it are what it prints
(the terminal's output and error output together, as staff see them). `.venv/bin/python -m generator ...`
runs in a subprocess from the copy, as staff run it; `echo $?` must print the exit code of the command
before it; `git ...` must succeed, and the guide shows none of git's own messages (a commit must leave
nothing in data/ unsaved). `preview` serves until it is stopped: it runs until it serves, the mistake its
second block shows is saved, then put right, and it is stopped once it has reloaded.

The only normalisation: the copy's own path becomes `.`, spaces at line ends are dropped, and in
preview's output the times (clock, seconds a build took) and the port (a free one, not 8000). Every
command runs with the computer's clock set to GUIDE_DAY, the day the guide says its commands were run
(time-machine, in the command's own process: the clock then runs on from 9:00 that morning). The PDF is
left out (HANDBOOK_PDF=off): publish prints the same lines with it (preview leaves it out anyway).
"""
from __future__ import annotations

import os
import queue
import re
import shlex
import socket
import subprocess
import threading
from pathlib import Path

from generator.policy import untranslated
from generator.site.build import AS_OF
from tests.test_staff_messages import PY

FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```$", re.M | re.S)
UNKNOWN_KEY = re.compile(r"(data/[\w/.-]+):(\d+): unknown key '(\w+)' — did you mean '(\w+)'\?")
GENERATOR = [".venv/bin/python", "-m", "generator"]
GUIDE_DAY = "2027-02-08"
"""The day the guide's commands were run, a few weeks before its change takes effect (CHANGE_DAY)."""
CHANGE_DAY = "2027-03-01"
"""The day the example memo's change takes effect."""
CLOCK = """import sys, runpy, datetime, time_machine
time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1] + "T09:00"), tick=True).start()
sys.argv = ["generator", *sys.argv[2:]]
runpy.run_module("generator", run_name="__main__", alter_sys=True)"""
"""`python -m generator ARGS` with the clock set to a day: python -c CLOCK DAY ARGS."""


def blocks(text: str, lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall(text) if kind == lang]


def write(path: Path, data: bytes) -> None:
    """Save a file of data/ at once (as editors do), so that a running preview sees one change: the new
    text is written beside data/ (preview does not watch the project folder itself), then moved in place."""
    root = next(folder.parent for folder in path.parents if folder.name == "data")
    part = root / ".saving"
    part.write_bytes(data)
    os.replace(part, path)


def replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{file} should hold {old!r} once"
    write(path, text.replace(old, new).encode("utf-8"))


def misspelt_key(project: Path, message: str) -> None:
    """The mistake a message 'FILE:LINE: unknown key TYPO — did you mean KEY?' names, made on that line."""
    found = UNKNOWN_KEY.search(message)
    assert found, f"no misspelt-key message in {message!r}"
    file, line, typo, key = found.groups()
    path = project / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = int(line) - 1
    assert re.search(rf"\b{key}:", lines[n]), f"{file}:{line} holds no key '{key}': {lines[n]!r}"
    lines[n] = re.sub(rf"\b{key}:", f"{typo}:", lines[n], count=1)
    write(path, "".join(lines).encode("utf-8"))


def env(project: Path) -> dict:
    who = {f"GIT_{role}_{part}": value for role in ("AUTHOR", "COMMITTER")
           for part, value in (("NAME", "Policy officer"), ("EMAIL", "policy@example.org"))}
    own = {k: v for k, v in os.environ.items() if k not in (AS_OF, untranslated.ENV)}  # the clock alone says the day
    return {**own, **who, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project), "PYTHONUNBUFFERED": "1", "HANDBOOK_PDF": "off"}


def generator(project: Path, *args: str, day: str = GUIDE_DAY, pdf: bool = False) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` from the copy on `day`, its output and error output together, as a terminal
    shows them (with the PDF only when `pdf`)."""
    environment = env(project)
    if pdf:
        del environment["HANDBOOK_PDF"]
    return subprocess.run([PY, "-c", CLOCK, day, *args], cwd=project, env=environment, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)


def put_back(saved: dict[Path, bytes]) -> None:
    for path, data in saved.items():
        write(path, data)


def data_files(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (project / "data").rglob("*.yaml")}


def normal(text: str, project: Path) -> list[str]:
    lines = [line.rstrip() for line in text.replace(str(project) + "/", "").replace(str(project), ".").splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def commands(block: str) -> list[tuple[list[str], list[str]]]:
    """Each `$ ` command of a block, as its words, with the lines the guide shows under it."""
    out: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((shlex.split(line[2:], comments=True), []))
        else:
            assert out, f"a console block starts with output, not a command: {line!r}"
            out[-1][1].append(line.rstrip())
    return out


def replay(project: Path, block: str, label: str) -> None:
    rc = None
    for words, shown in commands(block):
        where = f"{label}: $ {shlex.join(words)}"
        if words == ["echo", "$?"]:
            assert shown == [str(rc)], f"{where}: the exit code was {rc}"
        elif words[0] == "git":
            result = subprocess.run(words, cwd=project, env=env(project), capture_output=True, text=True)
            assert result.returncode == 0, f"{where}: {result.stderr}"
            assert shown == [], f"{where}: the guide shows none of git's own messages"
            if words[1] == "commit":
                left = subprocess.run(["git", "status", "--porcelain", "data"], cwd=project, capture_output=True, text=True).stdout
                assert not left, f"{where}: the guide's commit leaves changes in data/ unsaved:\n{left}"
        else:
            assert words[:3] == GENERATOR, f"{where}: a command the guide replay does not know"
            result = generator(project, *words[3:])
            rc = result.returncode
            assert normal(result.stdout, project) == shown, f"{where}: the guide shows\n" + "\n".join(shown) + \
                "\n\nbut it prints\n" + result.stdout


PREVIEW_TIMES = ((re.compile(r"\[\d\d:\d\d:\d\d\]"), "[TIME]"), (re.compile(r"built in \d+\.\d+ seconds"), "built in N seconds"))


def preview(project: Path, started: str, mistake: str, label: str, serving=lambda url: None) -> None:
    """Preview, run as the guide shows: until it serves (then `serving(its address)` looks at it); then the
    guide's mistake is saved, and put right. Its output must be the two blocks', but for the times and the
    port (a free one, not 8000)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    words, shown = commands(started)[0]
    assert words == GENERATOR + ["preview"], label
    proc = subprocess.Popen([PY, "-c", CLOCK, GUIDE_DAY, "preview", "--port", str(port)], cwd=project, env=env(project),
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def until(text: str) -> list[str]:
        got: list[str] = []
        while not got or text not in got[-1]:
            got.append(lines.get(timeout=120).rstrip("\n"))
        return got

    def same(lines: list[str]) -> list[str]:
        lines = [line.replace(f"127.0.0.1:{port}", "127.0.0.1:8000") for line in normal("\n".join(lines), project)]
        for pattern, word in PREVIEW_TIMES:
            lines = [pattern.sub(word, line) for line in lines]
        return lines

    saved = data_files(project)
    try:
        assert same(until("Serving on")) == same(shown), f"{label}: preview starts differently"
        serving(f"http://127.0.0.1:{port}/")
        misspelt_key(project, mistake)
        after = until("Reloading browsers")
        put_back(saved)
        after += until("Reloading browsers")
        assert same(after) == same(mistake.splitlines()), f"{label}: the guide shows\n{mistake}\nbut preview prints\n" + "\n".join(after)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


# -- the published sites, for assertions on every page ------------------------------------------------

class Published:
    """The copy published with the clock on `day`: its folder (both languages, the print pages, the PDF) and
    what `publish` printed."""

    def __init__(self, day: str, folder: Path, printed: str):
        self.day, self.folder, self.printed = day, folder, printed

    def html(self, path: str) -> str:
        """A page's HTML, by its place in the site: 'eligibility/index.html', 'es/eligibility/index.html'."""
        return (self.folder / path).read_text(encoding="utf-8")

    def text(self, path: str) -> str:
        """A page's text as it reads (its header, navigation and footer included), spaces folded."""
        from bs4 import BeautifulSoup

        return " ".join(BeautifulSoup(self.html(path), "html.parser").get_text(" ").split())

    def pages(self, language: str = "en") -> list[str]:
        """Every page of one language's edition, by its place in the site."""
        found = sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*.html"))
        return [p for p in found if p.startswith("es/")] if language == "es" else [p for p in found if not p.startswith("es/")]

    def print_text(self, language: str = "en") -> str:
        """The print page (the whole handbook on one page) of one language, as text."""
        return self.text(("es/" if language == "es" else "") + "print/index.html")

    def pdf_text(self) -> str:
        """The PDF's text (pdftotext; the PDF is made from the English print page only)."""
        return subprocess.run(["pdftotext", "-layout", str(self.folder / "handbook.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout


def publish_as_on(project: Path, day: str, folder: Path) -> Published:
    """`publish --to folder` with the clock on `day`, the PDF made: as a publish scheduled for that day does it."""
    result = generator(project, "publish", "--to", str(folder), day=day, pdf=True)
    assert result.returncode == 0, result.stdout
    return Published(day, folder, "\n".join(normal(result.stdout, project)))
