"""The rules about one file's own contents, which the model (generator/model/) holds: each broken
rule is reported with the file, the exact line and the fix, like the cases in test_bad_input.py."""
from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest

from tests.kit import ROOT
from generator import model
from generator.policy.problems import _bare
from tests.test_bad_input import Case, apply, assert_reported, problems


def _drop_lines(after: str, first: str, more: str | None = None) -> typing.Callable[[Path], None]:
    """Delete the first line starting with `first` at or after the line holding `after`, and the lines after it starting with `more`."""
    def edit(path: Path) -> None:
        lines = path.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if after in line)
        n = next(i for i in range(start, len(lines)) if lines[i].startswith(first))
        end = next(i for i in range(n + 1, len(lines)) if more is None or not lines[i].startswith(more))
        path.write_text("\n".join(lines[:n] + lines[end:]), encoding="utf-8")
    return edit


REUNIFIED = "    type: choice\n    answers: returned\n  - id: reunified-since"
DISMISSED = '    unsure_label: "I\'m not sure, it is not closed, or I had no dependency case"\n'
OPEN_CASE_RULE = 'rule: {question: open-case, met_by: ["no"]}'

CASES = [
    # -- question kinds
    Case("choice question without answers", "eligibility.yaml", (REUNIFIED, "    type: choice\n  - id: reunified-since"), "  - id: reunified",
         "the choice question 'reunified' has no  answers: — add  answers:  with one of the  answer_sets:  yes-no-unsure, returned, yes-no-private, none-some"),
    Case("unsure_label on a choice question", "eligibility.yaml", (REUNIFIED, REUNIFIED.replace("\n  -", '\n    unsure_label: "Not sure"\n  -')),
         'unsure_label: "Not sure"', "unsure_label is only for month_year questions — remove it; the answer set has the \"Not sure\" answer"),
    Case("answers on a date question", "eligibility.yaml", (DISMISSED, DISMISSED + "    answers: none-some\n"), "answers: none-some",
         "a month_year question has no answer set — remove the  answers:  line"),
    Case("date question without unsure_label", "eligibility.yaml", (DISMISSED, ""), "  - id: case-dismissed",
         "the date question 'case-dismissed' needs an  unsure_label: — add  unsure_label: \"I'm not sure of the date\""),
    Case("question without a type", "eligibility.yaml", (REUNIFIED, REUNIFIED.replace("    type: choice\n", "")), "  - id: reunified",
         "'type' is missing under 'questions' › entry 1 — add a line  type: ...  here"),
    Case("two questions with one id", "eligibility.yaml", ("  - id: open-case\n", "  - id: reunified\n"), "  - id: reunified\n    text: \"Is child welfare",
         "the id 'reunified' is used twice in this list (also entry 1) — give each entry its own id"),
    Case("ask_if with an answer its question does not have", "eligibility.yaml", ('ask_if: {question: reunified, answers: ["yes"]}', 'ask_if: {question: reunified, answers: ["yep"]}'),
         'answers: ["yep"]', "'yep' is not an answer of the question 'reunified' — use one of: yes, no, never-removed, not-sure"),
    # -- requirements and their rules
    Case("requirement neither asked nor said why", "eligibility.yaml", _drop_lines("  - id: dss-overcome", "    not_asked:"), "  - id: dss-overcome",
         "the requirement 'dss-overcome' has no rule and no  not_asked: — add a  rule:  so the self-check asks about it, or  not_asked:  to say who decides it"),
    Case("rule without explain", "eligibility.yaml", _drop_lines('rule: {question: reunified, met_by: ["yes"]}', "    explain:", "      "), "  - id: dss-reunited",
         "the requirement 'dss-reunited' has a rule but no  explain: — add  explain:  with the texts parents see"),
    Case("time rule on a choice question", "eligibility.yaml", ('rule: {question: case-dismissed, at_least: "1 year"}', 'rule: {question: open-case, at_least: "1 year"}'),
         "question: open-case, at_least", "'open-case' is not a month_year question, so it cannot have  at_least: — point the rule at a date question, or use  met_by:"),
    Case("answer rule on a date question", "eligibility.yaml", (OPEN_CASE_RULE, 'rule: {question: case-dismissed, met_by: ["no"]}'), "question: case-dismissed, met_by",
         "'case-dismissed' is a date question, so it needs  at_least:  not  met_by: — write  at_least: 1 year  (or another duration)"),
    Case("met_by with an answer its question does not have", "eligibility.yaml", (OPEN_CASE_RULE, 'rule: {question: open-case, met_by: ["nope"]}'), 'met_by: ["nope"]',
         "'nope' is not an answer of the question 'open-case' — use one of: yes, no, not-sure"),
    Case("explain without the text its rule needs", "eligibility.yaml", _drop_lines("      wait: \"Your children need to have been home", "      train_now:"),
         '      met: "Your children have been home with you for at least {dhs-reunited-one-year.at_least}."',
         "the requirement 'dhs-reunited-one-year' needs an  explain: train_now:  text — add  train_now: \"...\"  with what a parent is told"),
    # -- policy choices and their settings
    Case("value not one of its setting's", "eligibility.yaml", ("    value: last\n", "    value: final\n"), "value: final",
         "'final' is not a value for month_only_day — write one of: first, last"),
    Case("value without a setting", "eligibility.yaml", ("    setting: month_only_day\n", ""), "    value: last",
         "a value without a  setting: — add the setting it is for, or remove the value"),
    Case("setting set twice", "eligibility.yaml", ("    setting: missing_day\n    value: last-day\n", "    setting: 'month_only_day'\n    value: last\n"),
         "setting: 'month_only_day'", "the setting 'month_only_day' is set twice — keep one policy choice for it"),
    Case("setting never set", "eligibility.yaml", ("    setting: training_when_silent\n    value: wait\n", ""), "  - id: month-only-dates",
         "no policy choice sets 'training_when_silent' — add a policy choice with  setting: training_when_silent  and  value:  one of wait, now"),
    # -- outcomes
    Case("last outcome with a when", "eligibility.yaml", ("  - id: likely\n", "  - id: likely\n    when: {status: [met]}\n"), "when: {status: [met]}",
         "the last outcome must have no  when: — remove its  when:  so it is shown when nothing else matches"),
    Case("outcome without a when before the last", "eligibility.yaml", ("    when: {status: [wait_partner], strength: required}\n", ""), "  - id: train-now",
         "the outcome 'train-now' has no  when: — add a  when:, or move it to the end of the list"),
    Case("disputed requirement without its text", "eligibility.yaml", ('      disputed: "The DSS guide says candidates', '      # disputed: "The DSS guide says candidates'),
         '      met: "You said your children were returned to you."',
         "the requirement 'dss-reunited' needs an  explain: disputed:  text — add  disputed: \"...\"  naming both sources"),
    Case("a policy choice disputing an unknown requirement", "eligibility.yaml", ("    disputes: [dss-reunited]", "    disputes: [dss-reunitd]"),
         "disputes: [dss-reunitd]", "'dss-reunitd' is not a requirement with a rule — did you mean 'dss-reunited'?"),
    Case("unknown placeholder in an outcome", "eligibility.yaml", ("start training by {training_date} at the latest", "start training by {training_day} at the latest"),
         "start training by {training_day}", "'{training_day}' is not a date this text can show — use {training_date} or {partner_date}, or remove the braces"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_rule_of_the_model_names_file_line_and_fix(case, tmp_path):
    assert_reported(case, tmp_path)


def _lists_of_entries_with_ids(cls, path=()):
    """(path, field) of every list in the model whose entries have an id, below model class `cls`."""
    for name, field in cls.model_fields.items():
        tp = _bare(field.annotation)
        items = typing.get_args(tp)[0] if typing.get_origin(tp) is list else tp
        members = typing.get_args(_bare(items)) if typing.get_origin(_bare(items)) is typing.Union else (items,)
        models = [_bare(m) for m in members if isinstance(_bare(m), type) and issubclass(_bare(m), model.Model)]
        for m in models:
            yield from _lists_of_entries_with_ids(m, path + (name,) + ((0,) if items is not tp else ()))
        if items is not tp and models and all("id" in m.model_fields for m in models):
            yield path + (name,), field


def test_every_list_of_entries_with_ids_is_unique_ids():
    found = dict(_lists_of_entries_with_ids(model.Handbook))
    assert {("tiers", "tiers"), ("tiers", "tiers", 0, "activities"), ("eligibility", "questions"), ("sources", "sources", 0, "sections")} <= set(found)
    for path, field in found.items():
        assert any(getattr(m, "func", None) is model.common._unique_ids for m in field.metadata), path


def test_the_data_files_are_the_fields_of_handbook():
    # not data files of their own: the folder, the sources' texts, and the translations (data/translations/<language>.yaml,
    # one per further language, checked against the English by generator/policy/translations.py; and the texts still untranslated)
    assert list(model.FILES) == [n for n in model.Handbook.model_fields if n not in ("data_dir", "source_texts", "translations", "untranslated")]
    assert model.FILES["training"] is model.FILES["commitments"] is model.Topics


def test_a_broken_rule_in_one_file_does_not_hide_problems_between_files(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    apply(CASES[0], data)  # eligibility.yaml breaks a rule of its own
    apply(Case("quote", "tiers.yaml", ('quote: "Tier III Focus Groups', 'quote: "Tier III Focus Group Meetings'), None, ""), data)
    found = problems(data)
    assert any(p.startswith("data/eligibility.yaml:") and "has no  answers:" in p for p in found), found
    assert any(p.startswith("data/tiers.yaml:") and "the quote is not in the section 'services'" in p for p in found), found
