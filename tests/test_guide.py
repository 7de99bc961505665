"""The policy staff guide (docs/policy-staff-guide.md) is true: its worked example is replayed on a copy of
the project, and every command it shows must print exactly what the guide says it prints.

The guide's ```console blocks are read in order. In a block, a line starting with `$ ` is a command and
the lines under it are what it prints (the terminal's output and error output together, as staff see
them). `.venv/bin/python -m generator ...` runs in a subprocess from the copy, as staff run it; `echo $?`
must print the exit code of the command before it; `git ...` must succeed, and the guide shows none of
git's own messages. Before each block, STEPS says which of the guide's edits the copy needs: the guide's
```yaml blocks (applied as the guide says), or one of the mistakes the guide shows (the wrong text must
be in the guide's words, in `backticks`; the copy is put back after the block). A misspelt key's edit is
read from the message itself (file, line, the key and its misspelling).

`preview` serves until it is stopped: it runs until it serves, the mistake its second block shows is
saved, then put right, and it is stopped once it has reloaded. The only normalisation: the copy's own
path becomes `.`, spaces at line ends are dropped, and in preview's output the times (clock, seconds
a build took) and the port (a free one, not 8000). The PDF is left out (HANDBOOK_PDF=off): publish
prints the same lines with it (preview leaves it out anyway).
"""
from __future__ import annotations

import os
import queue
import re
import shlex
import shutil
import socket
import subprocess
import threading
from pathlib import Path

from tests.kit import ROOT
from tests.test_staff_messages import PY

GUIDE = ROOT / "docs" / "policy-staff-guide.md"
README = ROOT / "README.md"
MEMO = ROOT / "docs" / "example-memo.txt"
FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```$", re.M | re.S)
UNKNOWN_KEY = re.compile(r"(data/[\w/.-]+):(\d+): unknown key '(\w+)' — did you mean '(\w+)'\?")
GENERATOR = [".venv/bin/python", "-m", "generator"]


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


# -- the guide's edits ---------------------------------------------------------------------------------

def dated_value(project: Path, yaml: list[str]) -> None:
    """Step 3: the entry's `rule:` line is replaced with the block's lines after `...`."""
    block = next(b for b in yaml if "at_least:" in b).splitlines(keepends=True)
    entry, new = block[0], block[[line.strip() for line in block].index("...") + 1:]
    path = project / "data" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(entry)
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(new[0].rstrip("\n")))
    path.write_text("".join(lines[:at] + new + lines[at + 1:]), encoding="utf-8")


def new_scenarios(project: Path, yaml: list[str]) -> None:
    """Step 4: the block is added at the end of data/scenarios.yaml."""
    block = next(b for b in yaml if "today:" in b)
    with (project / "data" / "scenarios.yaml").open("a", encoding="utf-8") as f:
        f.write(block)


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


def mistake(file: str, old: str, new: str, shown: str):
    """A mistake the guide shows: `shown` (the wrong text, as the guide's words give it) must be in the guide."""
    def make(project: Path, guide: str) -> None:
        assert f"`{shown}`" in guide, f"the guide should say what was typed wrong: `{shown}`"
        replace(project, file, old, new)
    return make


# One entry per console block of the guide, in order: (what the block shows, the edit it needs first,
# whether the edit is a mistake that is put back after the block).
STEPS = [
    ("a branch and a clean check", None, False),
    ("add-source", None, False),
    ("check with the dated value", "dated_value", False),
    ("a sentence stating the value", mistake("data/eligibility.yaml", "    title: Reunited for at least {dhs-reunited-one-year.at_least}",
                                            "    title: Reunited for at least 18 months", "title: Reunited for at least 18 months"), True),
    ("a quote not in the memo", mistake("data/eligibility.yaml", 'quote: "Parent Partners must have been reunited',
                                        'quote: "Parent Partners must be reunited', '"Parent Partners must be reunited ..."'), True),
    ("a misspelt key", "misspelt_key", True),
    ("check with the new scenarios", "new_scenarios", False),
    ("a scenario expecting the old result", mistake("data/scenarios.yaml", "    outcome: train-now\n    dates: {partner: 2027-05-30}\n",
                                                    "    outcome: likely\n", "outcome: likely"), True),
    ("preview", "preview", False),
    ("preview showing a mistake, then its fix", "preview, with the block before", False),
    ("diff", None, False),
    ("diff --record", None, False),
    ("recording a date twice", None, False),
    ("commit and review", None, False),
    ("merge", None, False),
    ("publish", None, False),
    ("publish refusing a mistake", mistake("data/eligibility.yaml", 'value: "18 months"', 'value: "18 mnths"', '"18 mnths"'), True),
    ("revert and publish", None, False),
]


# -- running what a block shows ------------------------------------------------------------------------

def env(project: Path) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project), "PYTHONUNBUFFERED": "1",
            "HANDBOOK_PDF": "off", "GIT_AUTHOR_NAME": "Policy officer", "GIT_AUTHOR_EMAIL": "policy@example.org",
            "GIT_COMMITTER_NAME": "Policy officer", "GIT_COMMITTER_EMAIL": "policy@example.org"}


def generator(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` from the copy, its output and error output together, as a terminal shows them."""
    return subprocess.run([PY, "-m", "generator", *args], cwd=project, env=env(project), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)


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


def preview(project: Path, started: str, mistake: str, label: str) -> None:
    """Preview, run as the guide shows: until it serves; then the guide's mistake is saved, and put right.
    Its output must be the two blocks', but for the times and the port (a free one, not 8000)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    words, shown = commands(started)[0]
    assert words == GENERATOR + ["preview"], label
    proc = subprocess.Popen([PY, "-m", "generator", "preview", "--port", str(port)], cwd=project, env=env(project),
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
        misspelt_key(project, mistake)
        after = until("Reloading browsers")
        put_back(saved)
        after += until("Reloading browsers")
        assert same(after) == same(mistake.splitlines()), f"{label}: the guide shows\n{mistake}\nbut preview prints\n" + "\n".join(after)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def start(project: Path) -> Path:
    """The copy as the guide starts: the example memo where the guide says it is, all saved in git on main."""
    (project / "docs").mkdir()
    shutil.copy2(MEMO, project / "docs" / MEMO.name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "The handbook as it is"]):
        subprocess.run(["git", *args], cwd=project, env=env(project), check=True, capture_output=True)
    return project


# -- the tests -----------------------------------------------------------------------------------------

def test_the_guide_replays_on_a_copy_of_the_project(project):
    guide = GUIDE.read_text(encoding="utf-8")
    console, yaml = blocks(guide, "console"), blocks(guide, "yaml")
    assert [label for label, *_ in STEPS] and len(console) == len(STEPS), \
        f"the guide has {len(console)} console blocks; STEPS in this test names {len(STEPS)}: say what each new block needs"
    start(project)
    for n, ((label, edit, undo), block) in enumerate(zip(STEPS, console)):
        saved = data_files(project)
        if edit == "preview":
            preview(project, block, console[n + 1], label)
            continue
        if edit == "preview, with the block before":
            continue
        if edit == "dated_value":
            dated_value(project, yaml)
        elif edit == "new_scenarios":
            new_scenarios(project, yaml)
        elif edit == "misspelt_key":
            misspelt_key(project, block)
        elif edit is not None:
            edit(project, guide)
        replay(project, block, label)
        if undo:
            put_back(saved)


def test_the_readme_example_message_is_what_check_says(project):
    readme = README.read_text(encoding="utf-8")
    messages = [line.strip() for block in blocks(readme, "") for line in block.splitlines() if UNKNOWN_KEY.search(line)]
    assert messages, "the README's short example shows a misspelt key's message"
    for message in messages:
        saved = data_files(project)
        misspelt_key(project, message)
        result = generator(project, "check")
        assert result.returncode == 1 and f"  {message}" in normal(result.stdout, project), result.stdout
        put_back(saved)
    # the README's section "Putting the handbook on the web" points to the guide's section on it, by number
    number = re.search(r"docs/policy-staff-guide\.md, section (\d+)", readme).group(1)
    assert re.search(rf"^## {number}\. .*\bweb\b", GUIDE.read_text(encoding="utf-8"), re.M), \
        f"README points to the guide's section {number} for putting the handbook on the web"


def test_the_example_memo_says_it_is_invented_and_is_not_in_the_real_data():
    memo = MEMO.read_text(encoding="utf-8")
    assert "invented" in memo.splitlines()[0].lower() and "It is not program policy" in memo
    assert MEMO.name not in os.listdir(ROOT / "data" / "sources")
    assert all(p.read_bytes() != MEMO.read_bytes() for p in (ROOT / "data" / "sources").iterdir())
    assert "example-memo" not in (ROOT / "data" / "sources.yaml").read_text(encoding="utf-8")
