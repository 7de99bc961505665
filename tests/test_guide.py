"""The policy staff guide (docs/policy-staff-guide.md) is true: its worked example is replayed on a copy of
the project, and every command it shows must print exactly what the guide says it prints (how a block is
replayed, and the little that may differ: tests/guide_replay.py).

Before each ```console block, STEPS says which of the guide's edits the copy needs: the guide's ```yaml
blocks (applied as the guide says), or one of the mistakes the guide shows (the wrong text must be in the
guide's words, in `backticks`; the copy is put back after the block). A misspelt key's edit is read from
the message itself (file, line, the key and its misspelling).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.guide_replay import (GUIDE_DAY, UNKNOWN_KEY, blocks, data_files, env, generator, misspelt_key, normal,
                                preview, put_back, replace, replay)
from tests.kit import ROOT
from yaml import safe_load as yaml_load

GUIDE = ROOT / "docs" / "policy-staff-guide.md"
README = ROOT / "README.md"
MEMO = ROOT / "docs" / "example-memo.txt"


# -- the guide's edits ---------------------------------------------------------------------------------

def _stubs_become(project: Path, block: str, who: str) -> None:
    """The entries `who` added at the end of data/translations/es.yaml (English, empty Spanish) become the block's."""
    path = project / "data" / "translations" / "es.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index(block.splitlines()[0] + "\n")
    stubs, new = yaml_load(text[first:]), yaml_load(block)
    assert list(stubs) == list(new) and all(s["es"] == "" and s["en"] == new[k]["en"] for k, s in stubs.items()), \
        f"the guide's block translates exactly the entries {who} added"
    path.write_text(text[:first] + block, encoding="utf-8")


def translated(project: Path, yaml: list[str]) -> None:
    """Step 2: the entries add-source added at the end of data/translations/es.yaml become the block's."""
    _stubs_become(project, next(b for b in yaml if "› example-memo ›" in b), "add-source")


def dated_value(project: Path, yaml: list[str]) -> None:
    """Step 3: the entry's `rule:` line is replaced with the block's lines after `...`."""
    block = next(b for b in yaml if "at_least:" in b).splitlines(keepends=True)
    entry, new = block[0], block[[line.strip() for line in block].index("...") + 1:]
    path = project / "data" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(entry)
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(new[0].rstrip("\n")))
    path.write_text("".join(lines[:at] + new + lines[at + 1:]), encoding="utf-8")


def summary_translated(project: Path, yaml: list[str]) -> None:
    """Step 7: the entry `diff --record` added for the summary, at the end of data/translations/es.yaml, becomes the block's."""
    _stubs_become(project, next(b for b in yaml if "› versions ›" in b), "diff --record")


def new_scenarios(project: Path, yaml: list[str]) -> None:
    """Step 4: the block is added at the end of data/scenarios.yaml."""
    block = next(b for b in yaml if "today:" in b)
    with (project / "data" / "scenarios.yaml").open("a", encoding="utf-8") as f:
        f.write(block)


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
    ("check listing the texts to translate", None, False),
    ("check with the translations and the dated value", "dated_value", False),
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
    ("commit and review", "summary_translated", False),
    ("merge", None, False),
    ("publish", None, False),
    ("publish refusing a mistake", mistake("data/eligibility.yaml", 'value: "18 months"', 'value: "18 mnths"', '"18 mnths"'), True),
    ("revert and publish", None, False),
]


def start(project: Path) -> Path:
    """The copy as the guide starts: the example memo where the guide says it is, all saved in git on main."""
    (project / "docs").mkdir()
    shutil.copy2(MEMO, project / "docs" / MEMO.name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "The handbook as it is"]):
        subprocess.run(["git", *args], cwd=project, env=env(project), check=True, capture_output=True)
    return project


# -- the tests -----------------------------------------------------------------------------------------

def test_the_guide_replays_on_a_copy_of_the_project(translated_project):
    project = translated_project
    guide = GUIDE.read_text(encoding="utf-8")
    console, yaml = blocks(guide, "console"), blocks(guide, "yaml")
    assert len(console) == len(STEPS), \
        f"the guide has {len(console)} console blocks; STEPS in this test names {len(STEPS)}: say what each new block needs"
    day = dt.date.fromisoformat(GUIDE_DAY)
    assert f"on {day:%B} {day.day}, {day.year}" in guide, "the guide says on which day its commands were run"
    start(project)
    for n, ((label, edit, undo), block) in enumerate(zip(STEPS, console)):
        saved = data_files(project)
        if edit == "preview":
            preview(project, block, console[n + 1], label)
            continue
        if edit == "preview, with the block before":
            continue
        if edit == "dated_value":
            translated(project, yaml)
            dated_value(project, yaml)
        elif edit == "new_scenarios":
            new_scenarios(project, yaml)
        elif edit == "summary_translated":
            summary_translated(project, yaml)
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
