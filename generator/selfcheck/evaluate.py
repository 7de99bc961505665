"""The self-check's rules, in Python: from a parent's answers to each requirement's result and an outcome.

It reads the decision table (table.py), the same plain dict the browser gets, so the twin in
evaluate.js reads exactly the same rules; the tests run both over thousands of answer sets and
dates and require them to agree, result by result.

Answers: a choice question's answer is the answer's `value`; a month_year question's answer is
{"month": 3, "year": 2024} or "not-sure". Statuses: those of rules.Status, not_applicable (a gate
of the question was answered so that it is not asked) and disputed (not met, but a policy choice marks the
requirement as contradicted or widened by the other source, so the answer is never a "no").

Policy over time (README.md, "Dated rules"). A parent is judged on their own today by the entries and the
rule versions in force that day. A date a result gives is the earliest day on which the rule in force
*that* day is met: the walk goes through the rule's coming versions (between two of them the rule is
constant, so each step is one date and one comparison). The same answers are then judged again on each
change day still to come: where a change alters the result (its outcome, or a date it gives), the outcome
announces it (`coming`), with the result from that day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.policy.strings import format_date as _format_words_date
from generator.model.rules import KINDS, Status

WAITING = ("wait_training", "wait_partner")


@dataclass(frozen=True)
class Result:
    requirement: str
    status: str
    training_date: dt.date | None = None
    partner_date: dt.date | None = None
    explain: str = ""
    """The text a parent reads about it, before its dates are filled in (`explanation` fills them)."""
    decides: bool = False
    """Whether this result is one that gives the outcome (the outcome's `when` matches it)."""
    change: dt.date | None = None
    """The day the requirement's rule next changes after today, if it does."""
    change_text: str = ""
    """The requirement's text from that day."""


@dataclass(frozen=True)
class Coming:
    """A change still to come that alters the parent's result: from `day`, the result is this one."""
    day: dt.date
    id: str
    training_date: dt.date | None
    partner_date: dt.date | None


@dataclass(frozen=True)
class Outcome:
    id: str
    results: list[Result]
    training_date: dt.date | None
    partner_date: dt.date | None
    changes: tuple = ()
    """Each requirement or disqualifier that starts or stops after today: (day, 'from' or 'until', its
    words), in order (the details of what is coming; `coming` says which of them alter the result)."""
    coming: tuple = ()
    """Each change day still to come on which the same answers give another result (Coming), in order."""


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _gated(question: dict, answers: dict) -> str | None:
    """None when the question is asked; else not_applicable, or unknown when an unsure answer closed it."""
    unsure = False
    for gate in question["gates"]:
        value = answers.get(gate["question"])
        unsure = unsure or value in gate["unsure"]
        if value not in gate["answers"]:
            return "unknown" if unsure else "not_applicable"
    return None


def in_force(req: dict, day: dt.date) -> dict:
    """The requirement's rule and texts in force on `day`: its last `dated` version from on or before that
    day (before the first, the first: the handbook has no older policy), else its own."""
    if not req["dated"]:
        return req
    return next((v for v in reversed(req["dated"]) if _day(v["from"]) <= day), req["dated"][0])


def on(entry: dict | str, day: dt.date) -> bool:
    """Whether a requirement or a question's item is in force on `day` (its `from` and `until`, if any)."""
    get = entry.get if isinstance(entry, dict) else {}.get
    return (not get("from") or _day(get("from")) <= day) and (not get("until") or day < _day(get("until")))


def _items(question: dict, day: dt.date) -> list[str]:
    """The words of a question's items (disqualifiers asked together) in force on `day`."""
    return [i["text"] if isinstance(i, dict) else i for i in question["items"] if on(i, day)]


def _readers(table: dict) -> dict[str, list[dict]]:
    """Each question's id, and the requirements that read it, itself or through a question it opens."""
    questions = {q["id"]: q for q in table["questions"]}
    out: dict[str, list[dict]] = {}
    for r in table["requirements"]:
        if r["rule"]:
            read = r["rule"]["question"]
            for q in dict.fromkeys([read, *(g["question"] for g in questions[read]["gates"])]):
                out.setdefault(q, []).append(r)
    return out


def _counts(readers: list[dict], question: dict, today: dt.date) -> bool:
    """Whether a question's answer can count, on `today` or on a change day to come: a requirement in force
    today or still to come reads it (one that has stopped does not), or none reads it at all; and a question
    with items has some in force today (the answer is about the items shown: one that starts later is
    announced, not asked about)."""
    if question["items"] and not any(on(i, today) for i in question["items"]):
        return False
    return not readers or any(on(r, today) or _starts_later(r, today) for r in readers)


def _starts_later(entry: dict | str, today: dt.date) -> bool:
    return isinstance(entry, dict) and bool(entry.get("from")) and _day(entry["from"]) > today


def needed(table: dict, question: dict, today: dt.date) -> bool:
    """Whether a question's answer can count (`_counts`): a requirement still to come is judged from its
    first day (the result announces what it changes), so the question it reads is asked before then."""
    return _counts(_readers(table).get(question["id"], []), question, today)


def asked(table: dict, answers: dict, today: dt.date) -> list[str]:
    """The ids of the questions a parent is asked on `today`, in order: those whose gates the answers open
    and whose answer can count (`needed`)."""
    readers = _readers(table)
    return [q["id"] for q in table["questions"] if not _gated(q, answers) and _counts(readers.get(q["id"], []), q, today)]


def _static(table: dict, req: dict, questions: dict, answers: dict, asked_on: dt.date, clock: dt.date, rules: dt.date) -> Status:
    """The requirement's status on `clock` under the rule version in force on `rules`, with nothing that
    changes after `rules` (the parent answered on `asked_on`: a question's items are those shown then)."""
    rule = in_force(req, rules)["rule"]
    question = questions[rule["question"]]
    closed = _gated(question, answers)
    if closed:
        return Status(closed)
    answer = answers.get(question["id"])
    got = KINDS[rule["kind"]].status(rule, answer, answer in question["unsure"], table["settings"], clock)
    if question["items"]:
        shown, now = _items(question, asked_on), _items(question, rules)
        if not now:
            return Status("not_applicable")  # none of its items is in force: nothing to be stopped by
        # The answer was about the items shown on the day it was given: it still holds for the items in
        # force then only if those that apply are all still there, or none of those now was left out.
        holds = got.status == "not_met" and set(shown) <= set(now) or got.status == "met" and set(now) <= set(shown)
        if now != shown and not holds:
            return Status("unknown")
    return Status("disputed") if got.status == "not_met" and req["disputed"] else got


def _dates(table: dict, req: dict, questions: dict, answers: dict, asked_on: dt.date, today: dt.date, got: Status) -> Status:
    """A waiting status with the earliest day each date is reached under the rule version in force on that
    day: walk the rule's versions from today (each version holds until the next one starts). A requirement
    that stops applying before a date is reached gives the day it stops."""
    if got.status not in WAITING:
        return got
    starts = sorted({_day(v["from"]) for v in req["dated"] if _day(v["from"]) > today})
    bounds = [today, *starts]
    training = partner = None
    for i, first in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else None
        step = _static(table, req, questions, answers, asked_on, first, first)
        # today's rule gives its own dates, past ones too (training could start on a day gone by); a later
        # version counts only from its first day
        reach = [d if i == 0 or d is None else max(first, d) for d in (step.training_date, step.partner_date)]
        if training is None and reach[0] and (end is None or reach[0] < end):
            training = reach[0]
        if partner is None and reach[1] and (end is None or reach[1] < end):
            partner = reach[1]
        if training and partner:
            break
    if req.get("until"):
        stop = _day(req["until"])
        training, partner = (min(d, stop) if d else d for d in (training, partner))
    return Status(got.status, training, partner)


def _explain_text(version: dict, status: str, answer=None) -> str:
    """What a parent reads for a status: the `by_answer:` text of the answer given ("answer:<value>" in the
    table), else its `explain:` text, else the requirement's own text (table.py)."""
    return (isinstance(answer, str) and version["explain"].get(f"answer:{answer}")) or version["explain"].get(status, version["text"])


def _given(req: dict, questions: dict, answers: dict, today: dt.date):
    """The answer to the question the rule in force reads, when that question is asked."""
    question = questions[in_force(req, today)["rule"]["question"]]
    return None if _gated(question, answers) else answers.get(question["id"])


def _matches(when: dict | None, req: dict, status: str) -> bool:
    return when is None or (status in when["status"] and when.get("strength") in (None, req["strength"])
                            and when.get("kind") in (None, req["kind"]))


def _judge(table: dict, answers: dict, asked_on: dt.date, day: dt.date, static: dt.date | None = None):
    """(the outcome, the results with their requirements, its training date, its partner date) on `day`;
    with `static`, under the rules in force on `static` and nothing after (dates as those rules give)."""
    questions = {q["id"]: q for q in table["questions"]}
    rules = static or day
    pairs = []
    for req in table["requirements"]:
        if req["rule"] and on(req, rules):
            got = _static(table, req, questions, answers, asked_on, day, rules)
            pairs.append((req, got if static else _dates(table, req, questions, answers, asked_on, day, got)))
    outcome = next(o for o in table["outcomes"] if o["when"] is None or any(_matches(o["when"], req, s.status) for req, s in pairs))
    strength = (outcome["when"] or {}).get("strength")
    waiting = [s for req, s in pairs if s.status in WAITING and strength in (None, req["strength"])]
    training = max((s.training_date for s in waiting if s.training_date), default=None)
    partner = max((s.partner_date for s in waiting if s.partner_date), default=None)
    return outcome, pairs, training, partner


def change_days(table: dict, today: dt.date) -> list[dt.date]:
    """Every day after `today` on which a rule version, a requirement or a question's item starts or stops."""
    entries = [*table["requirements"], *(i for q in table["questions"] for i in q["items"] if isinstance(i, dict))]
    days = {_day(v["from"]) for r in table["requirements"] for v in r["dated"]}
    days |= {_day(e[key]) for e in entries for key in ("from", "until") if e.get(key)}
    return sorted(d for d in days if d > today)


def _coming(table: dict, answers: dict, today: dt.date, now: tuple) -> tuple:
    """Each change day to come on which a change alters the result: the rules of that day and of the day
    before give another result that day, and the result from that day is not the one last told."""
    out, told = [], now
    for day in change_days(table, today):
        before = _judge(table, answers, today, day, static=day - dt.timedelta(days=1))
        after = _judge(table, answers, today, day, static=day)
        if (before[0]["id"], *before[2:]) == (after[0]["id"], *after[2:]):
            continue
        outcome, _, training, partner = _judge(table, answers, today, day)
        if (outcome["id"], training, partner) != told:
            out.append(Coming(day, outcome["id"], training, partner))
            told = (outcome["id"], training, partner)
    return tuple(out)


def _entry_changes(table: dict, today: dt.date) -> tuple:
    entries = [(r, r["title"]) for r in table["requirements"]] + [(i, i["text"]) for q in table["questions"] for i in q["items"] if isinstance(i, dict)]
    return tuple(sorted((d, key, text) for e, text in entries for key in ("from", "until") if e.get(key)
                        for d in [_day(e[key])] if today < d))


def evaluate(table: dict, answers: dict, today: dt.date) -> Outcome:
    """Every requirement's result on the parent's today, the outcome they lead to, and what is coming."""
    outcome, pairs, training, partner = _judge(table, answers, today, today)
    when = outcome["when"]
    questions = {q["id"]: q for q in table["questions"]}
    results = []
    for req, s in pairs:
        nxt = next((v for v in req["dated"] if _day(v["from"]) > today), None)
        results.append(Result(req["id"], s.status, s.training_date, s.partner_date,
                              _explain_text(in_force(req, today), s.status, _given(req, questions, answers, today)),
                              when is not None and _matches(when, req, s.status),
                              _day(nxt["from"]) if nxt else None, nxt["text"] if nxt else ""))
    return Outcome(outcome["id"], results, training, partner, _entry_changes(table, today),
                   _coming(table, answers, today, (outcome["id"], training, partner)))


def format_date(day: dt.date | None, table: dict) -> str:
    """A date in the table's words (its `months` and `date_format`), or '' for none."""
    return "" if day is None else _format_words_date(day, table)


def fill(text: str, table: dict, training: dt.date | None, partner: dt.date | None) -> str:
    return text.replace("{training_date}", format_date(training, table)).replace("{partner_date}", format_date(partner, table))


def entry_changes(table: dict, outcome: Outcome) -> list[str]:
    """What a parent reads about each requirement or disqualifier that starts or stops after today."""
    return [table["words"]["entry_" + key].replace("{date}", format_date(day, table)).replace("{text}", text)
            for day, key, text in outcome.changes]


def coming(table: dict, outcome: Outcome) -> list[str]:
    """What a parent reads, in the answer, about each coming change that alters the result: with each date that
    outcome's text gives (a "talk to a person" gives none) and the result does not give already."""
    outcomes, words, out = {o["id"]: o for o in table["outcomes"]}, table["words"], []
    for c in outcome.coming:
        then = outcomes[c.id]
        text = words["coming"].replace("{date}", format_date(c.day, table)).replace("{outcome}", fill(then["title"], table, c.training_date, c.partner_date))
        for key, day, now in (("training", c.training_date, outcome.training_date), ("partner", c.partner_date, outcome.partner_date)):
            if day and day != now and f"{{{key}_date}}" in then["text"]:  # only a date that outcome's text gives
                text += " " + words["coming_" + key].replace("{date}", format_date(day, table))
        out.append(text)
    return out


def explanation(table: dict, result: Result) -> str:
    """What a parent reads about one requirement, dates filled in, and the rule's next change if it has one."""
    text = fill(result.explain, table, result.training_date, result.partner_date)
    if result.change:
        text += " " + table["words"]["rule_changes"].replace("{date}", format_date(result.change, table)).replace("{text}", result.change_text)
    return text
