"""The guide's edits, as tests/test_guide.py applies them to the copy before a console block: the guide's ```yaml
blocks, put where the guide says (each function says which block and where), and the mistakes it shows."""
from __future__ import annotations

import re
from pathlib import Path

from yaml import safe_load as yaml_load

from tests.guide_replay import replace


def translated(project: Path, yaml: list[str], holding: str) -> None:
    """The entries `translations es` or add-source added at the end of data/translations/es.yaml become the
    guide's block that holds `holding`."""
    block = next(b for b in yaml if holding in b)
    path = project / "data" / "translations" / "es.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index(block.splitlines()[0] + "\n")
    stubs, new = yaml_load(text[first:]), yaml_load(block)
    assert list(stubs) == list(new) and all(s["es"] == "" and s["en"] == new[k]["en"] for k, s in stubs.items()), \
        "the guide's block translates exactly the entries added"
    path.write_text(text[:first] + block, encoding="utf-8")


def dated_value(project: Path, yaml: list[str]) -> None:
    """Step 3: the entry's `rule:` line is replaced with the block's lines after `...`."""
    block = next(b for b in yaml if "at_least:" in b).splitlines(keepends=True)
    entry, new = block[0], block[[line.strip() for line in block].index("...") + 1:]
    path = project / "data" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(entry)
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(new[0].rstrip("\n")))
    path.write_text("".join(lines[:at] + new + lines[at + 1:]), encoding="utf-8")


def new_entries(project: Path, yaml: list[str], guide: str) -> None:
    """Steps 4 and 5: the do-not rule at the end of `will_not:` (the last list of data/duties.yaml); the
    disqualifier after the entry `child-death-conviction`, and its id in the question's `items:` as the guide writes it."""
    rule = next(b for b in yaml if "legal advice" in b and "cite:" in b)
    duties = project / "data" / "duties.yaml"
    text = duties.read_text(encoding="utf-8")
    assert not re.search(r"^\w", text[text.index("\nwill_not:") + 1:].split("\n", 1)[1], re.M), "will_not: is the file's last list"
    duties.write_text(text + rule, encoding="utf-8")
    entry = next(b for b in yaml if "id: child-neglect-conviction" in b)
    items = re.search(r"`(items: \[[^\]`]*child-neglect-conviction\])`", guide)[1]
    path = project / "data" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("  - id: child-death-conviction\n") + 1
    while lines[at].startswith("    "):
        at += 1
    (old,) = [i for i, line in enumerate(lines) if line.startswith("    items: [")]
    lines[old] = f"    {items}\n"
    path.write_text("".join(lines[:at] + [entry] + lines[at:]), encoding="utf-8")


def scenario_moved(project: Path, yaml: list[str]) -> None:
    """Step 3: the scenario the change moves takes the block's `dates:` line."""
    block = next(b for b in yaml if b.lstrip().startswith("- name:") and "today:" not in b).splitlines(keepends=True)
    dates = next(line for line in block if line.lstrip().startswith("dates:"))
    path = project / "data" / "scenarios.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i in range(lines.index(block[0]), len(lines)) if lines[i].lstrip().startswith("dates:"))
    path.write_text("".join(lines[:at] + [dates] + lines[at + 1:]), encoding="utf-8")


def reworded(project: Path, yaml: list[str]) -> None:
    """Step 5: the sentence that spoke for the DHS page about the memo's disqualifier names no source (the line
    in data/eligibility.yaml whose key is the block's), and its Spanish entry becomes the guide's."""
    line = next(b for b in yaml if b.lstrip().startswith("not_met:"))
    key = line.split(":")[0] + ":"
    path = project / "data" / "eligibility.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (at,) = [i for i, old in enumerate(lines) if old.startswith(key) and "The DHS page says a person cannot be" in old]
    lines[at] = line
    path.write_text("".join(lines), encoding="utf-8")
    entry = next(b for b in yaml if "› dhs-not-disqualified ›" in b)
    path = project / "data" / "translations" / "es.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index(entry.splitlines()[0] + "\n")
    end = text.index("\n", text.index("  reviewed:", first)) + 1
    path.write_text(text[:first] + entry + text[end:], encoding="utf-8")


def new_scenarios(project: Path, yaml: list[str]) -> None:
    """Step 7: the block is added at the end of data/scenarios.yaml."""
    block = next(b for b in yaml if "today:" in b)
    with (project / "data" / "scenarios.yaml").open("a", encoding="utf-8") as f:
        f.write(block)


def mistake(file: str, old: str, new: str, shown: str):
    """A mistake the guide shows: `shown` (the wrong text, as the guide's words give it) must be in the guide."""
    def make(project: Path, guide: str) -> None:
        assert f"`{shown}`" in guide, f"the guide should say what was typed wrong: `{shown}`"
        replace(project, file, old, new)
    return make
