"""The policy staff guide (docs/policy-staff-guide.md) is true: its worked example is replayed on a copy of
the project, with the clock set to the day the guide says its commands were run (GUIDE_DAY), and every
command it shows must print exactly what the guide says it prints (how a block is replayed, and the little
that may differ: tests/guide_replay.py). The copy, as the guide publishes it, is then published again with the
clock on the day before its change takes effect and on that day (CHANGE_DAY), PDF included: the fixture
`guide_sites` holds both, with the review pages the guide writes and a publish of its texts not yet translated,
for the assertions on every page in both languages, the print pages and the PDF (tests/test_guide_pages.py).

Before each ```console block, STEPS says which of the guide's edits the copy needs (tests/guide_edits.py): the
guide's ```yaml blocks (applied as the guide says), or one of the mistakes the guide shows (the wrong text must be in the
guide's words, in `backticks`; the copy is put back after the block). A misspelt key's edit is read from
the message itself (file, line, the key and its misspelling).
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.guide_edits import dated_value, mistake, new_entries, new_scenarios, reworded, scenario_moved, translated
from tests.guide_replay import (CHANGE_DAY, GUIDE_DAY, UNKNOWN_KEY, Published, blocks, commands, data_files, env, generator,
                                misspelt_key, normal, preview, publish_as_on, put_back, replay)
from tests.kit import ROOT
from tests.kit.project import copy_project

GUIDE = ROOT / "docs" / "policy-staff-guide.md"
README = ROOT / "README.md"
MEMO = ROOT / "docs" / "example-memo.txt"
MARK = "(aún sin traducir)"


# One entry per console block of the guide, in order: (what the block shows, the edits it needs first,
# whether the edit is a mistake that is put back after the block).
STEPS = [
    ("a branch and a clean check", (), False),
    ("add-source", (), False),
    ("check listing the texts to translate", (), False),
    ("check with the translations and the dated value: a scenario it moves", ("translated memo", "dated_value"), False),
    ("check with the scenario's new result", ("scenario_moved",), False),
    ("a sentence stating the value", (mistake("data/eligibility.yaml", "    title: Reunited for at least {dhs-reunited-one-year.at_least}",
                                             "    title: Reunited for at least 18 months", "title: Reunited for at least 18 months"),), True),
    ("a quote not in the memo", (mistake("data/eligibility.yaml", 'quote: "Parent Partners must have been reunited',
                                         'quote: "Parent Partners must be reunited', '"Parent Partners must be reunited ..."'),), True),
    ("a misspelt key", ("misspelt_key",), True),
    ("check naming the new texts and a sentence speaking for the DHS page", ("new_entries",), False),
    ("preview", ("reworded", "preview"), False),
    ("preview showing a mistake, then its fix", ("the block before",), False),
    ("publish refusing texts not yet translated", (), False),
    ("translations es", (), False),
    ("check with the translations and the new scenarios", ("translated rule", "new_scenarios"), False),
    ("a scenario expecting the old result", (mistake("data/scenarios.yaml", "    outcome: train-now\n    dates: {partner: 2027-08-28}\n",
                                                     "    outcome: likely\n", "outcome: likely"),), True),
    ("diff", (), False),
    ("diff --record", (), False),
    ("recording a date twice", (), False),
    ("commit and review", ("translated summary", "review before the commit"), False),
    ("review as of the change day", (), False),
    ("merge", (), False),
    ("publish", (), False),
    ("publish refusing a mistake", (mistake("data/eligibility.yaml", 'value: "18 months"', 'value: "18 mnths"', '"18 mnths"'),), True),
    ("revert and publish", (), False),
]


TRANSLATED = {"translated memo": "› example-memo ›", "translated rule": "will_not › 6", "translated summary": "› versions ›"}
"""The guide's blocks of Spanish for the entries a command added at the end of data/translations/es.yaml, by a
key they hold."""
EDITS = {"dated_value": dated_value, "scenario_moved": scenario_moved, "reworded": reworded, "new_scenarios": new_scenarios}


def start(project: Path) -> Path:
    """The copy as the guide starts: the example memo where the guide says it is, all saved in git on main."""
    (project / "docs").mkdir()
    shutil.copy2(MEMO, project / "docs" / MEMO.name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "The handbook as it is"]):
        subprocess.run(["git", *args], cwd=project, env=env(project), check=True, capture_output=True)
    return project


def untranslated_in_preview(url: str) -> None:
    """Item 7: while the new texts have no Spanish, the preview shows them in English on the Spanish pages,
    marked (lang="en" and the mark in Spanish), and its banner lists them; the English pages are as ever."""
    def page(path: str) -> str:
        with urllib.request.urlopen(url + path, timeout=60) as r:
            return r.read().decode("utf-8")

    rule = "Give legal advice to the parents they mentor."
    es = page("es/dos-and-donts/")
    assert f'<span lang="en">{rule}</span> <small class="untranslated">{MARK}</small>' in es
    assert "Vista previa: 3 textos aún no están traducidos al español." in es and f"<li>duties.yaml › will_not › 6 › text: {rule}</li>" in es
    elig = page("es/eligibility/")
    assert f'<span lang="en">Convicted of child neglect</span> <small class="untranslated">{MARK}</small>' in elig
    en = page("dos-and-donts/")
    assert rule in en and MARK not in en.replace("marked “(aún sin traducir)”", "")
    assert "Preview: 3 texts are not yet translated into Spanish. The pages in Spanish show them in English, marked “(aún sin traducir)”:" in en


def replay_guide(project: Path, published: Path) -> None:
    """The guide, replayed on `project`; the copy as it is published (step 11) is kept in `published`."""
    guide = GUIDE.read_text(encoding="utf-8")
    console, yaml = blocks(guide, "console"), blocks(guide, "yaml")
    assert len(console) == len(STEPS), \
        f"the guide has {len(console)} console blocks; STEPS in this test names {len(STEPS)}: say what each new block needs"
    day = dt.date.fromisoformat(GUIDE_DAY)
    assert f"on {day:%B} {day.day}, {day.year}" in guide, "the guide says on which day its commands were run"
    start(project)
    for n, ((label, edits, undo), block) in enumerate(zip(STEPS, console)):
        saved = data_files(project)
        if "the block before" in edits:  # preview's second block is replayed with its first
            continue
        for edit in edits:
            if edit == "preview":
                preview(project, block, console[n + 1], label, untranslated_in_preview)
            elif edit in TRANSLATED:
                translated(project, yaml, TRANSLATED[edit])
            elif edit == "misspelt_key":
                misspelt_key(project, block)
            elif edit == "review before the commit":  # item 9: review works on data not yet committed, and counts the same
                result = generator(project, "review", "--against", "main", "--out", "review.html")
                shown = next(out for words, out in commands(block) if "review" in words)
                assert result.returncode == 0 and normal(result.stdout, project) == shown, result.stdout
                (project / "review.html").unlink()
            elif edit == "new_entries":
                new_entries(project, yaml, guide)
            elif isinstance(edit, str):
                EDITS[edit](project, yaml)
            else:
                edit(project, guide)
        if "preview" in edits:
            continue
        replay(project, block, label)
        if undo:
            put_back(saved)
        if label == "publish refusing texts not yet translated":  # item 7: what the guide says the way out does
            result = generator(project, "publish", "--untranslated", "english", "--to", str(published.parent / "untranslated"))
            assert result.returncode == 0, result.stdout
            (published.parent / "untranslated.txt").write_text("\n".join(normal(result.stdout, project)), encoding="utf-8")
        if label == "review as of the change day":  # item 6: the two review pages the guide wrote, kept
            (published.parent / "review").mkdir()
            for name in ("review.html", "review-march.html"):
                shutil.move(project / name, published.parent / "review" / name)
        if label == "publish":
            shutil.copytree(project, published, ignore=lambda folder, names: [  # the built site/, not generator/site/
                n for n in names if n == ".git" or n == "site" and Path(folder) == project])


# -- the replay, once per test run (shared by the test processes), and the sites it publishes -------

class GuideSites:
    """The guide replayed; the copy as it publishes it, published again on the day before the change and on
    the change's day (`before`, `on`: tests/guide_replay.Published)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.project = folder / "published-copy"
        printed = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
        self.before = Published(printed["before"][0], folder / "before", printed["before"][1])
        self.on = Published(printed["on"][0], folder / "on", printed["on"][1])
        self.untranslated = Published(GUIDE_DAY, folder / "untranslated", (folder / "untranslated.txt").read_text(encoding="utf-8"))
        """Published with `publish --untranslated english` while three texts had no Spanish (step 6)."""
        self.review = folder / "review"
        """The review pages of step 10: review.html (as of the guide's day) and review-march.html (as of the change's)."""


def _run_once(folder: Path) -> None:
    replay_guide(copy_project(folder / "replayed", languages=True), folder / "published-copy")
    day_before = (dt.date.fromisoformat(CHANGE_DAY) - dt.timedelta(days=1)).isoformat()
    before = publish_as_on(folder / "published-copy", day_before, folder / "before")
    on = publish_as_on(folder / "published-copy", CHANGE_DAY, folder / "on")
    printed = {"before": [before.day, before.printed], "on": [on.day, on.printed]}
    (folder / "printed.json").write_text(json.dumps(printed), encoding="utf-8")


@pytest.fixture(scope="session")
def guide_sites(tmp_path_factory) -> GuideSites:
    """The guide replayed once per test run: the test processes (pytest-xdist) share it, the first one makes it."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    folder = (tmp_path_factory.getbasetemp().parent / f"guide-{run}") if run else tmp_path_factory.mktemp("guide")
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        failed = folder / "failed.txt"
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"))
        if not (folder / "printed.json").exists():
            try:
                _run_once(folder)
            except BaseException as e:
                failed.write_text(f"the guide's replay failed (in another test process): {e}", encoding="utf-8")
                raise
    return GuideSites(folder)


# -- the tests -----------------------------------------------------------------------------------------

def test_the_guide_replays_on_a_copy_of_the_project(guide_sites):
    assert (guide_sites.project / "data" / "sources" / MEMO.name).is_file()


def test_publish_says_when_to_publish_again(guide_sites):
    """Item 10: a publish before the change ends with its day; on that day no change is left to come."""
    assert guide_sites.before.printed.splitlines()[-1] == "The next change takes effect on March 1, 2027: publish again on that day."
    assert "next change" not in guide_sites.on.printed
    assert any(line.startswith("Published ") for line in guide_sites.on.printed.splitlines())


def test_the_sites_before_and_on_the_change_day(guide_sites):
    """The published sites the lead's assertions (items 1 to 4) start from: the change is coming the day before,
    in force on its day, in both languages, on the print pages and in the PDF; nothing is left untranslated."""
    before, on = guide_sites.before, guide_sites.on
    assert "From March 1, 2027, this is added:" in before.text("eligibility/index.html")
    assert "Desde el 1 de marzo de 2027, se añade esto:" in before.text("es/eligibility/index.html")
    assert "this is added" not in on.text("eligibility/index.html") and "Convicted of child neglect" in on.text("eligibility/index.html")
    assert "Reunited for at least 18 months" in on.print_text() and "Reunited for at least one year" in before.print_text()
    assert "18 meses" in on.print_text("es")
    assert "18 months" in " ".join(on.pdf_text().split()) and "legal advice" in on.pdf_text()
    for site in (before, on):
        for path in site.pages("en") + site.pages("es"):
            html = site.html(path)
            assert "\ue000" not in html and "\ue001" not in html and MARK not in html, path


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
