"""The self-check's rules: the Python evaluator (generator/selfcheck/evaluate.py) and the browser's twin in the
shipped selfcheck.js must agree on every status, date, explanation, deciding result and outcome (and on which questions are asked), over every answer of every question,
a grid of dates around month ends and exact anniversaries, several "today"s, every setting, and a
large seeded sample of whole answer sets."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import pytest

from tests.kit import ROOT, page
from generator.policy.load import load_all
from generator.selfcheck import NOT_SURE, decision_table, evaluate
from generator.selfcheck.evaluate import asked
from generator.model.rules import add_months
from generator.selfcheck.table import EXPLAIN_FOR
from generator.selfcheck.tests.driving import LANGUAGES, language_table

TODAYS = [dt.date(*d) for d in [(2025, 6, 15), (2024, 2, 29), (2025, 2, 28), (2025, 3, 1), (2025, 12, 31),
                                (2024, 8, 31), (2025, 9, 30), (2025, 10, 1), (2026, 1, 1)]]
SETTINGS = {"month_only_day": ["first", "last"], "missing_day": ["next-day", "last-day"],
            "training_when_silent": ["wait", "now"]}


@pytest.fixture(scope="module", params=[None, *LANGUAGES], ids=lambda language: language or "main")
def table(request):
    """The table in the data's main language, then in each further one (the evaluators must agree in each)."""
    return language_table(ROOT / "data", request.param)


def tables(table: dict) -> list[dict]:
    """The table under every combination of the three settings (the data's own first)."""
    out = [table]
    for values in itertools.product(*SETTINGS.values()):
        settings = dict(zip(SETTINGS, values))
        if settings != table["settings"]:
            out.append({**table, "settings": settings})
    return out


def months_back(today: dt.date, n: int) -> list[dict]:
    """Every month from n months before today's month to today's month."""
    i = today.year * 12 + today.month - 1
    return [{"month": j % 12 + 1, "year": j // 12} for j in range(i - n, i + 1)]


def answers_of(q: dict, today: dt.date) -> list:
    if q["type"] == "month_year":
        return months_back(today, 27) + [NOT_SURE]
    return [a["value"] for a in q["answers"]]


def base_answers(table: dict) -> dict:
    """A parent who meets every answer rule, with dates long ago."""
    out = {}
    for q in table["questions"]:
        rule = next((r["rule"] for r in table["requirements"] if r["rule"] and r["rule"]["question"] == q["id"]), None)
        if q["type"] == "month_year":
            out[q["id"]] = {"month": 1, "year": 2020}
        elif rule:
            out[q["id"]] = rule["met_by"][0]
        else:
            out[q["id"]] = q["answers"][0]["value"]
    return out


def grid_cases(table: dict) -> list[tuple[int, dict, dt.date]]:
    """Each answer of each question (its gate opened), for each today and each setting."""
    cases = []
    for t, today in itertools.product(range(len(tables(table))), TODAYS):
        for q in table["questions"]:
            for value in answers_of(q, today):
                answers = {**base_answers(table), q["id"]: value}
                for gate in q["gates"]:
                    answers[gate["question"]] = gate["answers"][0]
                cases.append((t, answers, today))
    return cases


def random_cases(table: dict, n: int, seed: int = 20251115) -> list[tuple[int, dict, dt.date]]:
    rnd = random.Random(seed)
    cases = []
    for _ in range(n):
        today = rnd.choice(TODAYS) if rnd.random() < .5 else dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(1500))
        answers = {}
        for q in table["questions"]:
            if q["type"] == "month_year":
                answers[q["id"]] = NOT_SURE if rnd.random() < .2 else rnd.choice(months_back(today, 40))
            else:  # mostly an answer that meets its rule, so every outcome is reached
                rule = next((r["rule"] for r in table["requirements"] if r["rule"] and r["rule"]["question"] == q["id"]), None)
                met = rule and rnd.random() < .85
                answers[q["id"]] = rnd.choice(rule["met_by"]) if met else rnd.choice(q["answers"])["value"]
        cases.append((rnd.randrange(len(tables(table))), answers, today))
    return cases


def python_results(all_tables: list[dict], cases) -> list:
    def iso(d):
        return d.isoformat() if d else None

    out = []
    for t, answers, today in cases:
        got = evaluate(all_tables[t], answers, today)
        out.append([got.id, iso(got.training_date), iso(got.partner_date),
                    [[r.requirement, r.status, iso(r.training_date), iso(r.partner_date), r.explain, r.decides, iso(r.change), r.change_text]
                     for r in got.results], [[iso(d), key, text] for d, key, text in got.changes], asked(all_tables[t], answers, today),
                    [[iso(c.day), c.id, iso(c.training_date), iso(c.partner_date)] for c in got.coming]])
    return out


JS_RUN = """([tables, cases]) => {
  const iso = d => d ? `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` : null;
  return cases.map(([t, answers, today]) => {
    const [y, m, d] = today.split('-').map(Number);
    const r = window.SelfCheck.evaluate(tables[t], answers, {y, m, d});
    return [r.outcome, iso(r.training_date), iso(r.partner_date),
            r.results.map(x => [x.requirement, x.status, iso(x.training_date), iso(x.partner_date), x.explain, x.decides, iso(x.change), x.change_text]),
            r.changes.map(c => [iso(c[0]), c[1], c[2]]), window.SelfCheck.asked(tables[t], answers, {y, m, d}).map(x => x.id),
            r.coming.map(c => [iso(c.day), c.outcome, iso(c.training_date), iso(c.partner_date)])];
  });
}"""


def js_results(browser_page, site_url, all_tables, cases) -> list:
    browser_page.goto(site_url + "/self-check/")
    payload = json.dumps([all_tables, [[t, answers, today.isoformat()] for t, answers, today in cases]])
    # One round trip, both ways as JSON text: Playwright's own encoding of arguments and results takes
    # about fifteen times as long for thousands of cases.
    return json.loads(browser_page.evaluate(f"s => JSON.stringify(({JS_RUN})(JSON.parse(s)))", payload))


def _compare(python: list, js: list, cases) -> None:
    assert len(python) == len(js) == len(cases)
    wrong = [(cases[i], p, j) for i, (p, j) in enumerate(zip(python, js)) if p != j]
    assert not wrong, f"{len(wrong)} of {len(cases)} differ; first: {wrong[0]}"


def test_python_and_browser_agree_on_every_answer_and_date(browser_page, site_url, table):
    cases = grid_cases(table)
    assert len(cases) > 5000
    all_tables = tables(table)
    python = python_results(all_tables, cases)
    # the grid really reaches every status and every outcome
    assert {s for row in python for _, s, *_ in row[3]} == set(EXPLAIN_FOR)
    _compare(python, js_results(browser_page, site_url, all_tables, cases), cases)


def test_python_and_browser_agree_on_random_answer_sets(browser_page, site_url, table):
    cases = random_cases(table, 6000)
    all_tables = tables(table)
    python = python_results(all_tables, cases)
    assert {row[0] for row in python} == {o["id"] for o in table["outcomes"]}
    _compare(python, js_results(browser_page, site_url, all_tables, cases), cases)


def test_python_and_browser_agree_on_a_rule_that_changes_on_a_date(browser_page, site_url, tmp_path):
    """The reunification time becomes 18 months on 2025-07-01, between the grid's todays: both apply the rule
    in force on each today, and both say when it changes before the date they give."""
    from tests.test_dated import with_change
    dated = decision_table(load_all(with_change(tmp_path, dt.date(2025, 7, 1)) / "data"), day=dt.date(2025, 1, 1))
    assert [v["rule"]["at_least_months"] for v in next(r for r in dated["requirements"] if r["dated"])["dated"]] == [12, 18]
    cases = grid_cases(dated) + random_cases(dated, 2000)
    all_tables = tables(dated)
    python = python_results(all_tables, cases)
    assert any(res[6] == "2025-07-01" for row in python for res in row[3])  # some results say the rule changes first
    assert any(c[0] == "2025-07-01" for row in python for c in row[6])  # and some results change on that day, announced
    _compare(python, js_results(browser_page, site_url, all_tables, cases), cases)


def test_python_and_browser_agree_on_entries_that_start_and_stop_on_a_date(browser_page, site_url, tmp_path):
    """A requirement and a disqualifier start on 2025-07-01 and a requirement stops on 2025-10-01, between the
    grid's todays: both leave out what is not in force on each today, and both say when one starts or
    stops before the date they give."""
    from tests.test_dated_entries import with_entries
    dated = decision_table(load_all(with_entries(tmp_path, dt.date(2025, 7, 1), end=dt.date(2025, 10, 1)) / "data"), day=dt.date(2025, 1, 1))
    assert next(r for r in dated["requirements"] if r["id"] == "test-evening-meetings")["from"] == "2025-07-01"
    assert {"text": "Owing late fees", "from": "2025-07-01"} in next(q for q in dated["questions"] if q["id"] == "disqualifiers")["items"]
    cases = grid_cases(dated) + random_cases(dated, 2000)
    all_tables = tables(dated)
    python = python_results(all_tables, cases)
    applied = {case[2] >= dt.date(2025, 7, 1) for case, row in zip(cases, python) if any(r[0] == "test-evening-meetings" for r in row[3])}
    assert applied == {True}
    assert not any(r[0] == "dhs-share-experience" for case, row in zip(cases, python) if case[2] >= dt.date(2025, 10, 1) for r in row[3])
    said = {tuple(c) for row in python for c in row[4]}
    assert {("2025-07-01", "from", "Goes to evening meetings"), ("2025-07-01", "from", "Owing late fees"),
            ("2025-10-01", "until", "Shares their experience to help others learn")} <= said
    # the question only the stopped requirement reads is asked before it stops, not after
    assert {case[2] < dt.date(2025, 10, 1) for case, row in zip(cases, python) if "share" in row[5]} == {True}
    assert any("share" in row[5] for row in python)
    assert {c[0] for row in python for c in row[6]} >= {"2025-07-01"}  # results that change on a day announce it
    _compare(python, js_results(browser_page, site_url, all_tables, cases), cases)


# ---------------------------------------------------------------- the rules themselves
@pytest.mark.parametrize("day, months, missing, expected", [
    ((2024, 2, 29), 12, "next-day", (2025, 3, 1)),
    ((2024, 2, 29), 12, "last-day", (2025, 2, 28)),
    ((2024, 2, 29), 48, "next-day", (2028, 2, 29)),
    ((2024, 8, 31), 6, "next-day", (2025, 3, 1)),
    ((2024, 8, 31), 6, "last-day", (2025, 2, 28)),
    ((2025, 3, 31), 6, "next-day", (2025, 10, 1)),
    ((2024, 12, 31), 11, "next-day", (2025, 12, 1)),
    ((2024, 10, 31), 4, "next-day", (2025, 3, 1)),
    ((2024, 1, 31), 10, "last-day", (2024, 11, 30)),
    ((2024, 1, 15), 12, "next-day", (2025, 1, 15)),
])
def test_add_months(day, months, missing, expected):
    assert add_months(dt.date(*day), months, missing) == dt.date(*expected)


def test_one_year_is_met_on_the_day_and_not_the_day_before(table):
    answers = {**base_answers(table), "reunified-since": {"month": 6, "year": 2024}}  # counted from 30 June 2024
    statuses = []
    for today in (dt.date(2025, 6, 29), dt.date(2025, 6, 30)):
        statuses += [r.status for r in evaluate(table, answers, today).results if r.requirement == "dhs-reunited-one-year"]
    assert statuses == ["wait_partner", "met"]


def test_a_closed_gate_is_not_applicable_and_an_unsure_gate_is_unknown(table):
    def status(answers):
        got = evaluate(table, {**base_answers(table), **answers}, dt.date(2025, 6, 15))
        return next(r.status for r in got.results if r.requirement == "dhs-substance-free")

    assert status({"substance": "no"}) == "not_applicable"
    assert status({"substance": "prefer-not"}) == "unknown"
    assert status({"substance": "yes", "substance-free-since": NOT_SURE}) == "unknown"


def test_the_page_embeds_the_decision_table(built_site):
    embedded = json.loads(page(built_site, "self-check.md").find("script", id="sc-table").string)
    expected = decision_table(load_all(built_site.parent / "data"), lambda uri: "../" + uri.removesuffix(".md") + "/")
    assert embedded == expected
    assert all(r["link"] == f"../eligibility/#{r['id']}" for r in embedded["requirements"])
    eligibility = page(built_site, "eligibility.md")
    assert all(eligibility.find(id=r["id"]) for r in embedded["requirements"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_s_page_embeds_its_own_decision_table(built_site, language):
    embedded = json.loads(page(built_site, f"{language}/self-check.md").find("script", id="sc-table").string)
    expected = language_table(built_site.parent / "data", language, lambda uri: "../" + uri.removesuffix(".md") + "/")
    assert embedded == expected and embedded != language_table(built_site.parent / "data")
    assert all(r["link"] == f"../eligibility/#{r['id']}" for r in embedded["requirements"])
    eligibility = page(built_site, f"{language}/eligibility.md")
    assert all(eligibility.find(id=r["id"]) for r in embedded["requirements"])
