"""`python -m generator add-source FILE` (issue 12, point 4), through the real command line, and the
closest match shown for a quote that is in no section."""
from __future__ import annotations

from pathlib import Path

import yaml

from tests.test_staff_messages import cli

MEMO = ("DEPARTMENT OF HUMAN SERVICES\nPolicy Memo 2026-04\n\nPurpose\nThis memo changes the time a parent must wait.\n\n"
        "Time Since Reunification\n==========================\nA Parent Partner must have been reunified for at least 18 months.\n\n"
        "1. Effective date\nThe change takes effect on January 1, 2027.\n\nQUESTIONS\nAsk your supervisor.\n")


def _memo(tmp_path: Path) -> Path:
    path = tmp_path / "Memo 2026-04 (18 months).txt"
    path.write_bytes(MEMO.encode("utf-8"))
    return path


def test_a_memo_becomes_a_source_with_its_sections_and_cite_examples(project, tmp_path):
    result = cli(project, "add-source", str(_memo(tmp_path)), "--id", "memo-2026", "--publisher", "Department of Human Services (DHS)",
                 "--date", "11/02/2026")
    assert result.returncode == 0, result.stderr
    assert (project / "data/sources/memo-2026-04-18-months.txt").read_bytes() == MEMO.encode("utf-8")
    for sid, title in (("purpose", "Purpose"), ("time-since-reunification", "Time Since Reunification"),
                       ("1-effective-date", "1. Effective date"), ("questions", "QUESTIONS")):
        assert f"  {sid}: {title}" in result.stderr
        assert f'cite: {{source: memo-2026, section: {sid}, quote: "..."}}' in result.stdout
    assert "read as November 2, 2026" in result.stderr
    text = (project / "data/sources.yaml").read_text(encoding="utf-8")
    assert text.index("id: memo-2026") < text.index("\ndifferences:")
    # the new source checks, and a quote from it is found; a near miss shows the closest sentence
    eligibility = project / "data/eligibility.yaml"
    original = eligibility.read_text(encoding="utf-8")
    near = original.replace('quote: "Founded sexual abuse"}', 'quote: "Founded sexual abuse"}\n    # memo\n', 1)
    eligibility.write_text(near, encoding="utf-8")
    assert cli(project, "check").returncode == 0


def test_missing_facts_and_failed_checks_change_nothing(project, tmp_path):
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    result = cli(project, "add-source", str(_memo(tmp_path)))
    assert result.returncode == 2
    assert 'say who issued the memo and when: add --publisher "Department of Human Services (DHS)" and --date 2026-11-02' in result.stderr
    result = cli(project, "add-source", str(_memo(tmp_path)), "--id", "dhs", "--publisher", "DHS", "--date", "2026-11-02")
    assert result.returncode == 1  # the id is taken: the whole data is checked before anything is written
    assert "nothing was changed" in result.stderr and "data/sources.yaml:" in result.stderr
    after = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    assert after == before


def test_a_quote_found_nowhere_shows_the_closest_words_and_their_section(project):
    tiers = project / "data/tiers.yaml"
    text = tiers.read_text(encoding="utf-8")
    assert 'quote: "Tier III Focus Groups' in text
    tiers.write_text(text.replace('quote: "Tier III Focus Groups', 'quote: "Tier III Focus Group Meetings', 1), encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 1
    assert "copy the words exactly as the source has them, typos included\n      The closest words, in the section 'services': \"" in result.stderr
    assert "Tier III Focus Groups, System Change Workgroups" in result.stderr.split("The closest words")[1]


def test_with_a_further_language_the_new_texts_are_added_to_translate(translated_project, tmp_path):
    """A program with a Spanish edition: the new source checks (its texts have no Spanish yet), and each
    of its texts the handbook shows gets an entry to translate, which check then lists."""
    es = translated_project / "data/translations/es.yaml"
    before = es.read_text(encoding="utf-8")
    result = cli(translated_project, "add-source", str(_memo(tmp_path)), "--id", "memo-2026", "--publisher", "DHS", "--date", "2026-11-02")
    assert result.returncode == 0, result.stderr
    assert "data/translations/es.yaml: 10 of the new source's texts added, to translate into Spanish (es)" in result.stderr
    after = es.read_text(encoding="utf-8")
    assert after.startswith(before)  # what was there is kept as it was, comments too
    added = yaml.safe_load(after[len(before):])
    assert added["sources.yaml › sources › memo-2026 › sections › purpose › title"] == {"en": "Purpose", "es": "", "reviewed": False}
    check = cli(translated_project, "check")
    assert check.returncode == 1
    assert check.stderr.count("is not translated yet") == len(added) == 10


def test_a_file_that_cannot_be_written_puts_back_those_already_written(translated_project, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.commands.cli import main
    from tests.kit.project import full_disk_in

    full_disk_in(monkeypatch, "translations")
    before = {p: p.read_bytes() for p in (translated_project / "data").rglob("*") if p.is_file()}
    result = CliRunner().invoke(main, ["--project", str(translated_project), "add-source", str(_memo(tmp_path)),
                                       "--publisher", "DHS", "--date", "2026-11-02"])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert {p: p.read_bytes() for p in (translated_project / "data").rglob("*") if p.is_file()} == before


def test_a_link_to_nowhere_in_data_sources_does_not_stop_add_source(project, tmp_path):
    """A stray link in data/sources/ that no source names is no reason to refuse a memo (it was a raw Python
    tuple of copy errors); one that a source names is told as missing, in plain words."""
    (project / "data/sources/old-memo.txt").symlink_to(tmp_path / "gone.txt")
    result = cli(project, "add-source", str(_memo(tmp_path)), "--id", "memo-2026", "--publisher", "DHS", "--date", "2026-11-02")
    assert result.returncode == 0, result.stderr
    assert (project / "data/sources/memo-2026-04-18-months.txt").is_file()
    sources = project / "data/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('file: "memo-2026-04-18-months.txt"', 'file: "old-memo.txt"'), encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 1 and "the source file data/sources/old-memo.txt does not exist" in result.stderr
    assert "Traceback" not in result.stderr and "('" not in result.stderr
