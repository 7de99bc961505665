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


def test_a_file_read_again_is_parsed_again_only_when_its_text_changed(tmp_path):
    """parse_yaml keeps its last results by text: an unchanged file is not parsed twice, a changed one always is,
    each caller gets its own copy, and nothing the commands do changes what it keeps (each kept parse equals a
    fresh one after check, publish, translations and review, in this process)."""
    from generator.policy import yamlread
    from tests.planted import coming_day, planted, run

    translated_project = planted(tmp_path / "project", coming_day())  # in git, with a dated change not yet saved
    data = translated_project / "data"
    first = load_all(data).glossary
    parsed = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yamlread, "_parse", lambda text, file, real=yamlread._parse: parsed.append(file) or real(text, file))
        again = yamlread.read_yaml(data / "glossary.yaml", "data/glossary.yaml")
        again.value["terms"].reverse()  # a caller's own copy
        assert yamlread.read_yaml(data / "glossary.yaml", "data/glossary.yaml").value["terms"][0]["meaning"] == first.terms[0].meaning
    assert parsed == []  # kept, not parsed again
    _break(translated_project, "glossary.yaml", first.terms[0].meaning, "A meaning changed in place")
    assert load_all(data, translations=False).glossary.terms[0].meaning == "A meaning changed in place"
    _break(translated_project, "glossary.yaml", "A meaning changed in place", first.terms[0].meaning)
    for args in (["check"], ["publish", "--to", str(translated_project / "out")], ["translations", "es"],
                 ["review", "--out", str(tmp_path / "review.html")]):
        result = run(translated_project, *args)
        assert result.exit_code == 0, (args, result.output)
    kept = dict(yamlread._PARSED)
    assert len(kept) >= 12
    for (file, text), located in kept.items():
        fresh = yamlread._parse(text, file)
        assert (located.value, located.lines) == (fresh.value, fresh.lines), file
