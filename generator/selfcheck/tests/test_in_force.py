"""Entries in force on a parent's own day (issue 12): a requirement a policy choice marks as disputed is
disputed on every day it is in force, whether it starts after the table's day or stopped before it, and a
question is asked only when a requirement in force on that day, or still to come, reads it (itself or
through a question it opens). The data's own program has no dated entries: these tests add made-up ones
to a copy."""
from __future__ import annotations

import datetime as dt

from generator.policy.load import load_all
from generator.selfcheck import decision_table, evaluate
from generator.selfcheck.evaluate import asked
from generator.selfcheck.tests.test_disputes import USUAL
from tests.test_dated_entries import SHARE, bound, with_entries

START, END = dt.date(2027, 1, 1), dt.date(2026, 1, 1)
BUILT = dt.date(2026, 6, 1)
"""The table's day: after the shared-story requirement stopped (END), before evening meetings start (START)."""
DAY = dt.timedelta(days=1)


def _disputed_both(tmp_path):
    """The copy of tests/test_dated_entries.py, with both its dated requirements marked as disputed."""
    project = with_entries(tmp_path, START, end=END)
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    share_explain = text.index("explain:", text.index(SHARE)) + len("explain:\n")
    text = text[:share_explain] + '      disputed: "The other source does not ask this."\n' + text[share_explain:]
    replaced = text.replace('      unknown: "You were not sure about evening meetings."\n',
                            '      unknown: "You were not sure about evening meetings."\n      disputed: "The other source does not ask this."\n', 1)
    replaced = replaced.replace("    disputes: [dss-reunited]\n", "    disputes: [dss-reunited, test-evening-meetings, dhs-share-experience]\n", 1)
    assert replaced.count("The other source does not ask this.") == 2 and "test-evening-meetings, dhs" in replaced
    path.write_text(replaced, encoding="utf-8")
    return project


def test_a_disputed_requirement_is_disputed_whenever_it_is_in_force(tmp_path):
    table = decision_table(load_all(_disputed_both(tmp_path) / "data"), day=BUILT)
    answers = {**USUAL, "flexibility": "no", "share": "no"}

    def status(rid: str, day: dt.date) -> list[str]:
        return [r.status for r in evaluate(table, answers, day).results if r.requirement == rid]

    assert status("test-evening-meetings", START - DAY) == [] and status("test-evening-meetings", START) == ["disputed"]
    assert status("dhs-share-experience", END - DAY) == ["disputed"] and status("dhs-share-experience", END) == []
    said = next(r for r in evaluate(table, answers, START).results if r.requirement == "test-evening-meetings").explain
    assert said == "The other source does not ask this."


def _share_bounded(tmp_path, written: str):
    """A copy whose shared-story requirement (the only one reading the question 'share') has a bound, and
    whose substance-free requirement (the only one reading 'substance-free-since', which 'substance' opens)
    has it too."""
    project = with_entries(tmp_path, START)
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    free = "  - id: dhs-substance-free\n"
    assert SHARE in text and free in text
    path.write_text(text.replace(SHARE, SHARE + "    " + written + "\n", 1).replace(free, free + "    " + written + "\n", 1), encoding="utf-8")
    return decision_table(load_all(project / "data"), day=BUILT)


ALL = {**USUAL, "substance": "yes", "substance-free-since": {"month": 1, "year": 2020}}
WHOLE = ["share", "substance", "substance-free-since"]


def test_a_question_only_a_requirement_still_to_come_reads_is_asked_before_it_starts_and_counts_from_its_day(tmp_path):
    """The result judges the same answers again on each change day to come, so the question a coming
    requirement reads is asked before it starts; its answer changes nothing today and what is announced."""
    table = _share_bounded(tmp_path, f"from: {bound(START)}")
    before, on = asked(table, ALL, START - DAY), asked(table, ALL, START)
    assert set(WHOLE) <= set(before) and before == on == [q["id"] for q in table["questions"] if q["id"] != "not-returned-since"]
    yes, no = evaluate(table, {**ALL, "share": "yes"}, START - DAY), evaluate(table, {**ALL, "share": "no"}, START - DAY)
    assert yes.id == no.id and "dhs-share-experience" not in [r.requirement for r in no.results]
    assert [(c.day, c.id) for c in no.coming] == [(START, "not-met")] and all(c.id != "not-met" for c in yes.coming)


def test_a_question_only_a_requirement_that_stopped_reads_is_not_asked_from_its_end(tmp_path):
    table = _share_bounded(tmp_path, f"until: {bound(END)}")
    before, on = asked(table, ALL, END - DAY), asked(table, ALL, END)
    assert set(WHOLE) <= set(before) and not set(WHOLE) & set(on), on
    assert "flexibility" in on  # read by a requirement in force (and by evening meetings, still to come)


def test_a_question_no_requirement_reads_is_asked_as_before(tmp_path):
    table = _share_bounded(tmp_path, f"until: {bound(END)}")
    unread = {**table, "requirements": [{**r, "rule": None} if r["id"] == "dhs-share-experience" else r for r in table["requirements"]]}
    assert "share" in asked(unread, ALL, END) and "share" not in asked(table, ALL, END)
