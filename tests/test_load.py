"""The loader: the real data loads, and mistakes are reported with file, line and fix."""
from pathlib import Path

import pytest

from generator.policy.load import DataError, load_all

ROOT = Path(__file__).resolve().parents[1]


def test_real_data_loads():
    hb = load_all(ROOT / "data")
    assert [t.name for t in hb.tiers.tiers] == ["Tier I", "Tier II", "Tier III", "Tier IV", "Tier V"]
    assert hb.setting("month_only_day") == "last"


def _break(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_all(project / "data")
    return [str(p) for p in caught.value.problems]


def test_misspelt_key_names_file_line_and_close_match(project):
    _break(project, "tiers.yaml", "    name: Tier III", "    nmae: Tier III")
    line = (project / "data/tiers.yaml").read_text().splitlines().index("    nmae: Tier III") + 1
    problems = _problems(project)
    assert f"data/tiers.yaml:{line}: unknown key 'nmae' — did you mean 'name'?" in problems


def test_quote_not_in_source_is_an_error(project):
    _break(project, "tiers.yaml", 'quote: "Tier III Focus Groups', 'quote: "Tier III Focus Group Meetings')
    assert any("data/tiers.yaml:" in p and "the quote is not in the section 'services'" in p for p in _problems(project))


def test_unknown_source_is_an_error(project):
    _break(project, "duties.yaml", "cite: {source: dhs, section: will, quote: \"Connect", "cite: {source: dhss, section: will, quote: \"Connect")
    assert any("unknown source 'dhss'" in p and "use one of: dss, dhs" in p for p in _problems(project))


def test_all_problems_are_reported_at_once(project):
    _break(project, "tiers.yaml", "    name: Tier III", "    nmae: Tier III")
    _break(project, "roles.yaml", "    name: Parent Partner Coordinator", "    nam: Parent Partner Coordinator")
    problems = _problems(project)
    assert any(p.startswith("data/tiers.yaml:") for p in problems)
    assert any(p.startswith("data/roles.yaml:") for p in problems)
