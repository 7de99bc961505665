"""Two safety properties of the self-check's rules (issue 24), over answer sets on the real data and on data with
a planted change (a rule that changes on a day; entries that start and stop on a day):

(a) "Not sure" never gives a better result than every real answer to that question would.
(b) For the same answers, a later day never gives a worse result unless a dated change falls between, and
    then the earlier result announced that change. A date a result gives, once reached, gives a better one.

Outcomes are ordered as their words read, from worst to best as data/eligibility.yaml lists them (the first
that matches is shown, so the list runs from "cannot" to "may become a Parent Partner"); for the same outcome,
an earlier date is better. Python's evaluator is the one tested: the differential tests (test_rules.py) prove
the page's script gives the same results.
"""
from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.policy.load import load_all
from generator.selfcheck import NOT_SURE, decision_table, evaluate
from generator.selfcheck.evaluate import change_days
from generator.selfcheck.tests.test_rules import base_answers, months_back, random_cases, tables
from tests.kit import ROOT

START, CHANGE, END = dt.date(2024, 10, 1), dt.date(2025, 7, 1), dt.date(2025, 10, 1)
BASES = 60  # random answer sets per table (seeded), plus the one that meets every rule on each of its days
UNSURE = {NOT_SURE, "not-sure", "prefer-not", "never-removed"}  # answers that leave the question open


@pytest.fixture(scope="module", params=["real", "changed-rule", "dated-entries"])
def table(request, tmp_path_factory):
    if request.param == "real":
        return decision_table(load_all(ROOT / "data"), day=START)
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "changed-rule":
        from tests.test_dated import with_change
        return decision_table(load_all(with_change(folder, CHANGE) / "data"), day=START)
    from tests.test_dated_entries import with_entries
    return decision_table(load_all(with_entries(folder, CHANGE, end=END) / "data"), day=START)


def shown(table: dict, got) -> list[dt.date]:
    """The dates the result gives: those its outcome's text shows."""
    text = next(o["text"] for o in table["outcomes"] if o["id"] == got.id)
    return [d for key, d in (("{training_date}", got.training_date), ("{partner_date}", got.partner_date)) if key in text and d]


def score(table: dict, answers: dict, day: dt.date):
    """Higher is better: the outcome's place in the table's list, then an earlier date it gives."""
    got = evaluate(table, answers, day)
    rank = [o["id"] for o in table["outcomes"]].index(got.id)
    return (rank, *(-d.toordinal() for d in shown(table, got))), got


def cases(table: dict) -> list[tuple[dict, dict, dt.date]]:
    """(a table under some setting, answers, the parent's today): seeded random answer sets, with days before,
    around and after the planted change, and the answers that meet every rule."""
    all_tables = tables(table)
    out = [(all_tables[t], answers, today) for t, answers, today in random_cases(table, BASES, seed=24)]
    days = [START, CHANGE - dt.timedelta(days=1), CHANGE, END]
    rnd = random.Random(24)
    out = [(t, a, rnd.choice(days) if i % 2 else d) for i, (t, a, d) in enumerate(out)]
    return out + [(table, base_answers(table), d) for d in days]


def varied(table: dict, days: list[dt.date]) -> list[tuple[dict, dict, dt.date]]:
    """The answers that meet every rule but one month, each month from 24 months before the first of `days`,
    on each of `days`: the parents whose result turns on a time rule, and so on its changes."""
    return [(table, {**base_answers(table), q["id"]: month}, today) for today in days
            for q in table["questions"] if q["type"] == "month_year" for month in months_back(days[0], 24)]


def real_answers(question: dict, today: dt.date) -> list:
    """Every real answer to a question; for a month, each month up to 40 months back (the rules count 6, 12 and
    18 months) and one long ago."""
    if question["type"] == "month_year":
        return months_back(today, 40) + [{"month": 1, "year": 2015}]
    return [a["value"] for a in question["answers"] if a["value"] not in UNSURE]


def test_not_sure_is_never_better_than_every_real_answer(table):
    wrong, compared = [], 0
    for t, answers, today in cases(table):
        for q in t["questions"]:
            unsure = [NOT_SURE] if q["type"] == "month_year" else [a["value"] for a in q["answers"] if a["value"] in UNSURE]
            if not unsure:
                continue
            best = max(score(t, {**answers, q["id"]: value}, today)[0] for value in real_answers(q, today))
            for value in unsure:
                got = score(t, {**answers, q["id"]: value}, today)[0]
                compared += 1
                if got > best:
                    wrong.append((q["id"], value, today, got, best))
    assert compared > 500
    assert not wrong, f"{len(wrong)} 'not sure' answers beat every real answer; first: {wrong[0]}"


def _announced(got, after: dt.date) -> bool:
    return any(c.day <= after for c in got.coming)


def test_a_later_day_is_never_worse_unless_an_announced_change_falls_between(table):
    days = [START + dt.timedelta(days=n) for n in range(0, 3 * 365, 14)]
    worse, checked = [], 0
    for t, answers, _ in cases(table)[::2] + varied(table, [START]):
        before = None
        for day in days:
            now = score(t, answers, day)
            if before and now[0] < before[0]:
                between = [d for d in change_days(t, before[1]) if d <= day]
                if not (between and _announced(before[2], day)):
                    worse.append((answers, before[1], day, before[0][0], now[0]))
            before = (now[0], day, now[1])
            checked += 1
    assert checked > 2000
    assert not worse, f"{len(worse)} results got worse with no announced change; first: {worse[0]}"


def test_a_date_a_result_gives_once_reached_gives_a_better_result_and_not_a_day_before(table):
    """The date is the earliest day on which the rules in force that day are met: on it the result is better,
    the day before it is not (unless a change to come falls between, which the result announces)."""
    later, early, reached = [], [], 0
    for t, answers, today in cases(table) + varied(table, [START, CHANGE - dt.timedelta(days=1), CHANGE]):
        (rank, *_), got = score(t, answers, today)
        for day in shown(t, got):
            reached += 1
            if score(t, answers, day)[0][0] <= rank:
                later.append((answers, today, day, got.id))
            before = day - dt.timedelta(days=1)
            if before > today and not [d for d in change_days(t, today) if d <= day] and score(t, answers, before)[0][0] > rank:
                early.append((answers, today, day, got.id))
    assert reached > 5
    assert not later, f"{len(later)} dates, once reached, gave no better outcome; first: {later[0]}"
    assert not early, f"{len(early)} dates come after a day that already gives a better outcome; first: {early[0]}"


def test_an_announced_change_gives_only_the_dates_its_outcome_gives_and_none_before_its_day(table):
    """"From April 1 the rules change. Then: Talk to a person to find out." gives no date (that outcome's text
    gives none: a date there would be one the parent cannot use, once one already past)."""
    from generator.selfcheck.evaluate import coming

    seen = set()
    for t, answers, today in cases(table) + varied(table, [START, CHANGE - dt.timedelta(days=1)]):
        got = evaluate(t, answers, today)
        for c, line in zip(got.coming, coming(t, got)):
            text = next(o["text"] for o in t["outcomes"] if o["id"] == c.id)
            for key, day in (("training", c.training_date), ("partner", c.partner_date)):
                said = t["words"]["coming_" + key].split("{date}")[0]
                assert (said in line) == bool(day and f"{{{key}_date}}" in text and day != getattr(got, key + "_date")), (c, line)
                assert said not in line or day >= c.day, (c, line)
            seen.add(c.id)
    assert seen or not change_days(table, START)  # with a change to come, some results announce it
