"""The comparison behind `diff`: generic over the model, matched by id, in plain words."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.kit import ROOT
from generator.site import diff
from generator.policy.load import load_all

OLD = load_all(ROOT / "data")


def changed(tmp_path: Path, *edits: tuple[str, str, str]) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for file, old, new in edits:
        path = data / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    new = load_all(data, translations=False)  # as `diff` reads it: the policy's changes (translations are check's)
    return diff.sentences(diff.compare(OLD, new), new)


def block(text: str, start: str, end: str) -> str:
    """The lines of `text` from the one starting with `start` up to (not including) the one starting with `end`."""
    i = text.index(start)
    return text[i:text.index(end, i + 1)]


def test_no_change_no_sentences():
    assert diff.compare(OLD, OLD) == []


def test_tier_removed_and_added(tmp_path):
    tiers = (ROOT / "data/tiers.yaml").read_text(encoding="utf-8")
    tier5 = tiers[tiers.index("  - id: tier-5\n"):]
    assert changed(tmp_path, ("tiers.yaml", tier5, "")) == ["Tiers: tier 'Tier V' removed"]
    renamed = tier5.replace("id: tier-5", "id: tier-6").replace("name: Tier V\n", "name: Tier VI\n")
    assert changed(tmp_path / "b", ("tiers.yaml", tier5, tier5 + renamed)) == ["Tiers: tier 'Tier VI' added"]


def test_requirement_and_disqualifier_added_removed_reworded(tmp_path):
    text = (ROOT / "data/eligibility.yaml").read_text(encoding="utf-8")
    overcome = block(text, "  - id: dss-overcome\n", "  - id: dhs-reunited-one-year\n")
    req = OLD.eligibility.requirements[1]
    dq = OLD.eligibility.disqualifiers[2]
    lines = changed(tmp_path,
                    ("eligibility.yaml", overcome, ""),
                    ("eligibility.yaml", f'    text: "{OLD.eligibility.requirements[0].text}"', '    text: "Candidates are reunited with their children."'))
    assert lines == [
        f"Who can become a Parent Partner: requirement '{req.title}' removed",
        f"Who can become a Parent Partner: '{OLD.eligibility.requirements[0].title}': text changed from "
        f"'{OLD.eligibility.requirements[0].text}' to 'Candidates are reunited with their children.'",
    ]
    added = overcome.replace("id: dss-overcome", "id: dss-overcome-2").replace(req.title, "Overcame it, again")
    assert changed(tmp_path / "b", ("eligibility.yaml", overcome, overcome + added)) == [
        "Who can become a Parent Partner: requirement 'Overcame it, again' added"]
    dq_block = block(text, f"  - id: {dq.id}\n", "\n\n")
    lines = changed(tmp_path / "c", ("eligibility.yaml", dq_block, ""), ("eligibility.yaml", f", {dq.id}]", "]"))
    assert f"Who can become a Parent Partner: disqualifier '{dq.text}' removed" in lines


def test_role_duties_changed(tmp_path):
    role = OLD.roles.roles[0]
    duty = role.responsibilities[0].text
    lines = changed(tmp_path, ("roles.yaml", f'- text: "{duty}"', '- text: "Deliver services."'))
    assert lines == [f"Roles and responsibilities: '{role.name}': responsibility '{duty}' reworded to 'Deliver services.'"]


def test_no_program_names_in_the_comparison():
    code = (ROOT / "generator/site/diff.py").read_text(encoding="utf-8")
    words = {OLD.program.name, OLD.program.terms.partner, *(t.name for t in OLD.tiers.tiers), *(r.id for r in OLD.eligibility.requirements)}
    for word in words:
        assert not re.search(re.escape(word), code, re.I), word


def test_citations_search_words_and_the_self_checks_lists_are_internal(tmp_path):
    """They are shown by `diff` but are not for the public "What changed" page (diff.INTERNAL); a text is."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edits = (("duties.yaml", '  en: ["must not",', '  en: [nothing, "must not",'),
             ("duties.yaml", 'quote: "They are not counselors."', 'quote: "They are not counselors"'),
             ("eligibility.yaml", "    items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction]",
              "    items: [sex-abuse-registry, founded-sexual-abuse, child-death-conviction]"),
             ("duties.yaml", '- text: "Act as counselors."', '- text: "Act as counsellors."'))
    for file, old, new in edits:
        path = data / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    found = diff.compare(OLD, load_all(data, translations=False))
    assert sorted((c.what, c.internal) for c in found) == [("items", True), ("quote", True), ("search words", True), ("will not", False)]
