"""Mistakes policy staff really make: each gives the file, the line and a message in plain words,
and `publish` writes nothing (the published site stays byte for byte as it was).

Each case changes one thing in a copy of the real data. `marker` is text on the line the message
must point at (None: the problem is about the whole file); `expect` is the message after
`data/<file>:<line>: `, word for word.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from tests.kit import ROOT, copy_project
from generator.commands.cli import main
from generator.policy.load import DataError, load_all
from generator.selfcheck import scenarios


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    edit: tuple[str, str] | Callable[[Path], None]
    """(old, new): replace the first `old` in the file; or a function given the file's path."""
    marker: str | None
    expect: str

    def __str__(self) -> str:
        return self.id


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _remove(path: Path) -> None:
    path.unlink()


def _prepend(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data + path.read_bytes())


def _replace_bytes(old: bytes, new: bytes) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        raw = path.read_bytes()
        assert old in raw
        path.write_bytes(raw.replace(old, new, 1))
    return edit


TIER_II = "    name: Tier II\n"
TIER_II_LINE = (ROOT / "data/tiers.yaml").read_text(encoding="utf-8").split("\n").index(TIER_II.rstrip("\n")) + 1
ACTIVITY = '      - {id: focus-groups, name: "Focus Groups"}\n'
STEP_WHO = "        who: pbp-sws\n"
PRIDE = '    activities:\n      - {id: pride-trainings, name: "Parent Resources for Information, Development and Education (PRIDE) trainings"}\n'


def _replace_line(start: str, new: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        lines = path.read_text(encoding="utf-8").split("\n")
        n = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[n] = new
        path.write_text("\n".join(lines), encoding="utf-8")
    return edit

CASES = [
    # -- YAML that cannot be read
    Case("unclosed quote", "tiers.yaml", (TIER_II, '    name: "Tier II\n'), 'name: "Tier II',
        "a quote ( \" ) on this line is not closed — end the text with a closing  \"  on the same line"),
    Case("line indented too far", "tiers.yaml", (TIER_II, "      name: Tier II\n"), "      name: Tier II",
        "this line is indented further than the line above it — start it with the same number of spaces as the line above"),
    Case("tab for indenting", "tiers.yaml", (TIER_II, "\tname: Tier II\n"), "\tname: Tier II",
        "there is a tab character at the start of a line or between words — YAML needs spaces for indenting: replace each tab with spaces"),
    Case("tab between words", "tiers.yaml", ("    name: Tier III\n", "    name:\tTier III\n"), "name:\tTier III",
        "there is a tab character at the start of a line or between words — YAML needs spaces for indenting: replace each tab with spaces"),
    Case("unclosed bracket", "tiers.yaml", (ACTIVITY, '      - {id: focus-groups, name: "Focus Groups"\n'), '- {id: focus-groups',
        "a bracket { or [ on this line is not closed — close it with  }  or  ]  at the end of the entry"),
    Case("colon in unquoted text", "program.yaml", _replace_line("summary:", "summary: Note: parents mentor families"), "summary: Note:",
        "a colon ( : ) inside text confuses YAML — put the whole text in double quotes, like  text: \"Note: ...\""),
    Case("text starting with a backquote", "tiers.yaml", (TIER_II, "    name: `Tier II`\n"), "name: `Tier II`",
        "text starts with a character YAML reserves — put the text in double quotes"),
    Case("text starting with an asterisk", "tiers.yaml", (TIER_II, "    name: *Tier II\n"), "name: *Tier II",
        "text starts with * , which YAML reads as a reference to something else — put the whole text in double quotes, like  name: \"*Tier II\""),
    Case("duplicate key", "tiers.yaml", (TIER_II, TIER_II + "    name: Tier Two\n"), "name: Tier Two",
        f"the key 'name' appears twice here (first on line {TIER_II_LINE}) — keep one of them and delete the other"),
    Case("unsafe python tag", "tiers.yaml", (TIER_II, "    name: !!python/object:os.system [echo hi]\n"), "!!python/object",
        "the tag !!python/object:os.system is not allowed here (words starting with ! are YAML tags) — remove it: write plain text, lists and keys only"),
    Case("custom tag", "tiers.yaml", (TIER_II, "    name: !important Tier II\n"), "!important",
        "the tag !important is not allowed here (words starting with ! are YAML tags) — remove it: write plain text, lists and keys only"),
    Case("merge key", "tiers.yaml", ("  - id: tier-2\n", "  - <<: {id: tier-2}\n"), "<<:",
        "this key is not a plain word — write keys as plain words followed by a colon"),
    # -- files that are not text, missing, empty or huge
    Case("missing file", "duties.yaml", _remove, None,
        "the file is missing — create data/duties.yaml; every handbook needs it"),
    Case("empty file", "glossary.yaml", _write(b""), None,
        "the file is empty — fill it in; see the other files in data/ for the layout"),
    Case("only comments", "glossary.yaml", _write(b"# nothing here yet\n"), None,
        "the file is empty — fill it in; see the other files in data/ for the layout"),
    Case("not UTF-8", "tiers.yaml", _replace_bytes(b"Tier III", b"Tier \xe9III"), "Tier \ufffdIII",
        "this line has characters that are not UTF-8 text — save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"),
    Case("binary data", "tiers.yaml", _replace_bytes(b"    name: Tier II\n", b"    name: Tier\x00II\n"), "Tier\x00II",
        "the file holds binary data — this is not a text file: restore it from the last good version"),
    Case("control character pasted in", "tiers.yaml", _replace_bytes(b"    name: Tier II\n", b"    name: Tier\x0bII\n"), "Tier\x0bII",
        "this line holds an invisible control character (#x000b) — delete it: retype the line, or paste the text as plain text"),
    Case("enormous file", "glossary.yaml", _write(b"terms:\n" + b"# x\n" * 300_000), None,
        "the file is 1,200,007 bytes, larger than 1,000,000 — a policy file this large is almost certainly a mistake: check what was pasted in"),
    Case("list at the top", "glossary.yaml", _write(b"- id: dhs\n  term: DHS\n"), "- id: dhs",
        "the file should be a set of  key: value  lines at the top level — put the list under its key, as in the last good version of the file (for example  tiers:  with the list below it)"),
    # -- keys and types
    Case("misspelt key", "tiers.yaml", (TIER_II, "    nmae: Tier II\n"), "nmae: Tier II",
        "unknown key 'nmae' — did you mean 'name'?"),
    Case("unknown key", "tiers.yaml", (TIER_II, TIER_II + "    colour: blue\n"), "colour: blue",
        "unknown key 'colour' — the keys allowed here are: id, name, activities, cite, note, search_words"),
    Case("missing required field", "tiers.yaml", (TIER_II, ""), "  - id: tier-2",
        "'name' is missing under 'tiers' › entry 2 — add a line  name: ...  here"),
    Case("empty text", "tiers.yaml", (TIER_II, '    name: ""\n'), 'name: ""',
        "'tiers' › entry 2 › 'name' is empty — write the text, or remove the line"),
    Case("number where text is expected", "tiers.yaml", (TIER_II, "    name: 2\n"), "    name: 2",
        "'tiers' › entry 2 › 'name' should be text — write text here (put text in double quotes)"),
    Case("list where a mapping is expected", "program.yaml", ("terms:\n  partner: Parent Partner\n  partners: Parent Partners\n",
                                                              "terms:\n  - Parent Partner\n  - Parent Partners\n"), "- Parent Partner",
        "'terms' should be a set of  key: value  lines — write a set of  key: value  lines here"),
    Case("text where a list is expected", "tiers.yaml", (PRIDE, "    activities: PRIDE trainings\n"), "activities: PRIDE trainings",
        "'tiers' › entry 4 › 'activities' should be a list (lines starting with - ) — write a list (lines starting with - ) here"),
    Case("yes as a value", "eligibility.yaml", ('    rule: {question: reunified, met_by: ["yes"]}', "    rule: {question: reunified, met_by: yes}"), "met_by: yes}",
        "'requirements' › entry 1 › 'rule' › 'met_by' should be a list (lines starting with - ) — write a list (lines starting with - ) here"),
    Case("a word where true/false is expected", "eligibility.yaml", ('{value: not-sure, label: "Not sure", unsure: true}', '{value: not-sure, label: "Not sure", unsure: maybe}'), "unsure: maybe",
        "'answer_sets' › 'yes-no-unsure' › entry 3 › 'unsure' should be true or false — write true or false here"),
    Case("id with spaces and capitals", "tiers.yaml", ("  - id: tier-2\n", "  - id: Tier 2\n"), "id: Tier 2",
        "'tiers' › entry 2 › 'id': 'Tier 2' is not a valid value — use lowercase letters, digits and hyphens only, like  tier-1"),
    Case("duplicate id", "tiers.yaml", ("  - id: tier-3\n", "  - id: tier-2\n"), "  - id: tier-2\n    name: Tier III",
        "the id 'tier-2' is used twice in this list (also entry 2) — give each entry its own id"),
    Case("tier without activities", "tiers.yaml", (PRIDE, "    activities: []\n"), "activities: []",
        "'tiers' › entry 4 › 'activities' needs at least 1 entry — add the missing entries (lines starting with - )"),
    Case("tier with the activities line left empty", "tiers.yaml", (PRIDE, "    activities:\n"), '    activities:\n    cite: {source: dss, section: services, quote: "Tier IV',
        "'tiers' › entry 4 › 'activities' should be a list (lines starting with - ) — write a list (lines starting with - ) here"),
    Case("malformed duration", "eligibility.yaml", ('at_least: "1 year", training_after', 'at_least: "one year", training_after'), 'at_least: "one year"',
        "'requirements' › entry 3 › 'rule' › 'at_least': 'one year' is not a duration — write a duration like  1 year  or  18 months"),
    Case("misspelt at_least in a time rule", "eligibility.yaml", ('at_least: "1 year", training_after', 'at_lest: "18 months", training_after'), "at_lest:",
        "unknown key 'at_lest' — did you mean 'at_least'?"),
    Case("duration of zero", "eligibility.yaml", ('at_least: "1 year", training_after', 'at_least: "0 months", training_after'), 'at_least: "0 months"',
        "'requirements' › entry 3 › 'rule' › 'at_least': '0 months' is not a duration — write a duration like  1 year  or  18 months"),
    Case("date like 12/08/2011", "program.yaml", ("as_of: 2011-08-12", "as_of: 12/08/2011"), "as_of: 12/08/2011",
        "'as_of' should be a date like 2011-08-12 — write a date like 2011-08-12 here"),
    Case("impossible date", "program.yaml", ("as_of: 2011-08-12", "as_of: 2011-02-30"), "as_of: 2011-02-30",
        "'2011-02-30' is not a real date (day is out of range for month) — check the day and the month, and write the date like 2011-08-12"),
    Case("wrong choice value", "eligibility.yaml", ("    type: month_year\n    unsure_label: \"I'm not sure of the date\"\n    ask_if: {question: reunified",
                                                    "    type: month-year\n    unsure_label: \"I'm not sure of the date\"\n    ask_if: {question: reunified"), "type: month-year",
        "'questions' › entry 2 › 'type': 'month-year' is not one of the allowed values — write one of: 'choice' or 'month_year'"),
    # -- references between entries and files
    Case("citation to an unknown source", "tiers.yaml", ("cite: {source: dss, section: services, quote: \"Tier II ", "cite: {source: dds, section: services, quote: \"Tier II "), "source: dds",
        "the citation names an unknown source 'dds' — use one of: dss, dhs (the ids in data/sources.yaml)"),
    Case("citation to an unknown section", "tiers.yaml", ("cite: {source: dss, section: services, quote: \"Tier II ", "cite: {source: dss, section: service, quote: \"Tier II "), "section: service,",
        "the source 'dss' has no section 'service' — did you mean 'services'?"),
    Case("quote not in the source", "tiers.yaml", ('quote: "Tier III Focus Groups', 'quote: "Tier III Focus Group Meetings'), "Focus Group Meetings",
        "the quote is not in the section 'services' of dss-pbp-requirements-training-2011.txt — copy the words exactly as the source has them, typos included"),
    Case("quote from another section", "tiers.yaml", ('cite: {source: dss, section: services, quote: "Tier II ', 'cite: {source: dss, section: selection, quote: "Tier II '), "section: selection, quote: \"Tier II ",
        "the quote is not in the section 'selection' of dss-pbp-requirements-training-2011.txt — it is in the section 'services': cite that section"),
    Case("source header fact not in its file", "sources.yaml", ('{label: "Replaces Issue", value: "New", meaning:', '{label: "Replaces Issue", value: "Item 026", meaning:'), 'value: "Item 026"',
        "the header fact 'Replaces Issue: Item 026' is not in dss-pbp-requirements-training-2011.txt — copy the label and the value from the source's own header exactly"),
    Case("question naming an unknown answer set", "eligibility.yaml", ("    type: choice\n    answers: yes-no-private\n", "    type: choice\n    answers: yes-no-privat\n"), "answers: yes-no-privat",
        "there is no answer set 'yes-no-privat' — use one of: yes-no-unsure, returned, yes-no-private, none-some"),
    Case("question listing an unknown disqualifier", "eligibility.yaml", ("items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction]", "items: [founded-sexual-abuse, sex-abuse-registry, child-death-convicton]"), "child-death-convicton]",
        "there is no disqualifier 'child-death-convicton' — use one of: child-death-conviction, founded-sexual-abuse, sex-abuse-registry"),
    Case("rule naming an unknown question", "eligibility.yaml", ('rule: {question: reunified, met_by: ["yes"]}', 'rule: {question: reunited, met_by: ["yes"]}'), "question: reunited",
        "there is no question 'reunited' — did you mean 'reunified'?"),
    Case("ask_if to a later question", "eligibility.yaml", ("ask_if: {question: reunified, answers", "ask_if: {question: share, answers"), "ask_if: {question: share",
        "ask_if names 'share', which is not a question before this one — name the id of an earlier question"),
    Case("step naming an unknown role", "selection.yaml", (STEP_WHO, "        who: pbp-supervisor\n"), "who: pbp-supervisor",
        "no role has the id 'pbp-supervisor' — use one of: caseworker, coordinator, mentored-parent, parent-partner, pbp-sws, staff (the ids in data/roles.yaml)"),
    Case("disqualifier not asked", "eligibility.yaml", ("items: [founded-sexual-abuse, sex-abuse-registry, child-death-conviction]", "items: [founded-sexual-abuse, sex-abuse-registry]"), "  - id: child-death-conviction",
        "the disqualifier 'child-death-conviction' is not asked by any question — add its id to the  items:  of the question that asks about disqualifiers"),
    Case("unknown placeholder", "eligibility.yaml", ("start training by {training_date} at the latest", "start training by {training_day} at the latest"), "{training_day}",
        "'{training_day}' is not a date this text can show — use {training_date} or {partner_date}, or remove the braces"),
    Case("scenario with an unknown outcome", "scenarios.yaml", ("    outcome: cannot\n", "    outcome: cant\n"), "outcome: cant",
        "there is no outcome 'cant' — did you mean 'cannot'?"),
    Case("scenario with a date like 3/2024", "scenarios.yaml", ("answers: {reunified-since: 2026-03}", "answers: {reunified-since: 3/2026}"), "reunified-since: 3/2026",
        "'3/2026' is not a month for the date question 'reunified-since' — write the year and month like 2024-03, or not-sure"),
    Case("interface word that does not exist", "program.yaml", ("language: en\n", "language: en\nstrings:\n  zzqx: Hello\n"), "zzqx: Hello",
        "'zzqx' is not one of the interface words — the interface words are the keys of generator/locales/en.yaml and generator/selfcheck/words.en.yaml"),
    Case("search words for an unknown language", "duties.yaml", ('  es: ["no deben"', '  sp: ["no deben"'), 'sp: ["no deben"',
        "'sp' is not a language the handbook has words for — write the search words under one of: en, es, fr"),
    Case("self-check word misspelt", "program.yaml", ("language: en\n", "language: en\nstrings:\n  self_check_exitt: Go\n"), "self_check_exitt: Go",
        "'self_check_exitt' is not one of the interface words — did you mean 'self_check_exit'?"),
]


def apply(case: Case, data: Path) -> None:
    path = data / case.file
    if callable(case.edit):
        case.edit(path)
    else:
        old, new = case.edit
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{case.id}: {old!r} is not in {case.file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def expected_line(case: Case, data: Path) -> int | None:
    if case.marker is None:
        return None
    text = (data / case.file).read_bytes().decode("utf-8", errors="replace")
    if "\n" in case.marker:  # a marker over several lines: the line it starts on
        return text[: text.index(case.marker)].count("\n") + 1
    return next(n for n, line in enumerate(text.split("\n"), 1) if case.marker in line)


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        hb = load_all(data)
        scenarios.load(data, hb)
    for p in caught.value.problems:
        assert p.file and p.what, p
    return [str(p) for p in caught.value.problems]


PYTHON_WORDS = re.compile(r"Traceback|NoneType|\bdict\b|\bstr\b|pydantic|validation error|input_value|type=|Errno|\bint\b", re.I)


def assert_reported(case: Case, tmp_path: Path) -> list[str]:
    """Make the case's change in a copy of the data: loading it names the file, the line and the fix.
    Returns every problem found."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    apply(case, data)
    line = expected_line(case, data)
    where = f"data/{case.file}" + (f":{line}" if line else "")
    found = problems(data)
    assert f"{where}: {case.expect}" in found, found
    return found


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_names_file_line_and_fix(case, tmp_path):
    for text in assert_reported(case, tmp_path):
        assert " — " in text and not PYTHON_WORDS.search(text), text


def test_there_are_at_least_thirty_distinct_cases():
    assert len({c.id for c in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=str)
def test_publish_writes_nothing_for_bad_input(case, tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    published = tmp_path / "published"
    shutil.copytree(built_site, published)
    before = {p.relative_to(published): p.read_bytes() for p in published.rglob("*") if p.is_file()}
    apply(case, project / "data")
    line = expected_line(case, project / "data")
    result = CliRunner().invoke(main, ["--project", str(project), "publish", "--to", str(published)])
    assert result.exit_code == 1, result.output
    assert f"data/{case.file}" + (f":{line}" if line else "") + f": {case.expect}" in result.stderr
    assert "Traceback" not in result.output
    after = {p.relative_to(published): p.read_bytes() for p in published.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"]


def test_a_byte_order_mark_is_accepted(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name in ("tiers.yaml", "scenarios.yaml"):
        _prepend(b"\xef\xbb\xbf")(data / name)
    hb = load_all(data)
    assert [t.id for t in hb.tiers.tiers] == [t.id for t in load_all(ROOT / "data").tiers.tiers]
    assert len(scenarios.load(data, hb)) == len(scenarios.load(ROOT / "data", hb))


def test_yes_and_no_stay_words(tmp_path):
    """Unquoted yes/no/on/off are the words, not true/false (YAML 1.1 would turn them into booleans)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    assert '{value: "yes", label: "Yes"}' in text and 'met_by: ["yes"]' in text
    path.write_text(text.replace('{value: "yes", label: "Yes"}', "{value: yes, label: Yes}").replace('met_by: ["yes"]', "met_by: [yes]")
                    .replace('{value: "no", label: "No"}', "{value: no, label: No}"), encoding="utf-8")
    hb = load_all(data)
    assert [a.value for a in hb.eligibility.answer_sets["yes-no-unsure"]][:2] == ["yes", "no"]
    assert [a.label for a in hb.eligibility.answer_sets["yes-no-unsure"]][:2] == ["Yes", "No"]
    assert hb.eligibility.requirements[0].rule.met_by == ["yes"]
