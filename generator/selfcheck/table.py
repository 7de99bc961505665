"""The self-check's decision table: every question, rule, text and setting it needs, as one plain dict.

The build embeds it in the self-check page as JSON; the browser's evaluator (evaluate.js) and the
Python one (evaluate.py) both read it. Nothing in it is written by hand: it all comes from
data/eligibility.yaml, data/sources.yaml and the interface words (words.en.yaml here, with the site's).
Everything that can be worked out before a parent answers is worked out here, once: the text that
goes with each status, each question's unsure answers, each question's whole chain of `ask_if` gates.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Callable

from generator.policy.asof import at
from generator.model import SETTINGS
from generator.policy.strings import strings_for
from generator.model.rules import NOT_SURE

if TYPE_CHECKING:
    from generator.model import Handbook

PREFIX = "self_check_"
EXPLAIN_FOR = {"met": ("met",), "not_met": ("not_met",), "disputed": ("disputed", "not_met"), "unknown": ("unknown",), "not_applicable": ("not_applicable",),
               "wait_training": ("wait",), "wait_partner": ("train_now", "wait")}
"""Each status a requirement can have, and the `explain:` texts a parent reads for it, first found first.
A status with none of them is left out of the table: the evaluators fall back to the requirement's own
text (left out, not repeated, to keep the self-check page within its size budget)."""


@functools.lru_cache(maxsize=1)
def _script_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words the page's script reads: by name (W.name), and by prefix (W["prefix_" + ...]). The table
    carries only those (the checklist's own words are in its Markdown), for the page's size budget."""
    from generator.selfcheck.shell import HERE, SCRIPTS

    script = "\n".join((HERE / name).read_text(encoding="utf-8") for name in SCRIPTS)
    return frozenset(re.findall(r"\bW\.(\w+)", script)), tuple(re.findall(r'\bW\["(\w+_)" \+', script))


def _read_by_script(key: str) -> bool:
    names, prefixes = _script_words()
    return key in names or key.startswith(prefixes)


def _explain(req) -> dict:
    given = req.explain.model_dump() if req.explain else {}
    found = {status: next((given[k] for k in keys if given.get(k)), None) for status, keys in EXPLAIN_FOR.items()}
    return {status: text for status, text in found.items() if text} | {f"answer:{a}": text for a, text in given.get("by_answer", {}).items()}


def _unsure(el, q) -> list[str]:
    if q.type == "month_year":
        return [NOT_SURE]
    return [a.value for a in el.answer_sets[q.answers] if a.unsure]


def _gates(el, q) -> list[dict]:
    """The question's `ask_if` and those of the questions it depends on, the first asked first."""
    questions = {x.id: x for x in el.questions}
    gates = []
    while q.ask_if:
        gate = questions[q.ask_if.question]
        gates.insert(0, {"question": gate.id, "answers": list(q.ask_if.answers), "unsure": _unsure(el, gate)})
        q = gate
    return gates


def _dispute_cite(cite: Callable, req, disputed: dict) -> dict:
    """The sources of the policy choices that dispute a requirement, besides its own: its result shows them
    when it is disputed (its text then names the other source too)."""
    own = cite(req.cite)
    more = [c for c in dict.fromkeys(cite(disputed.get(req.id, []))) if c not in own]
    return {"dispute_cite": more} if more else {}


def _rule(r) -> dict | None:
    return {"kind": r.rule.kind, "question": r.rule.question, **r.rule.entry()} if r.rule else None


def _bounds(entry) -> dict:
    """An entry's `from` and `until` days, when it has them (none for most: the table stays as small)."""
    return {key: b.date.isoformat() for key, b in (("from", entry.start), ("until", entry.until)) if b}


def _left_out(hb) -> tuple[list[dict[str, list]], list[dict[str, list[str]]]]:
    """The entries not in force on the table's day, which it carries all the same, as (their lists, each
    question's disqualifier ids): those still to come and those that stopped. A parent is judged on their
    own today, which is not the table's day: a page published ahead of a change (`publish --as-of`), or
    built on a server whose clock is already on tomorrow, is read by parents still on an earlier day."""
    return [hb.coming_entries, hb.ended_entries], [hb.coming_items, hb.ended_items]


def _item_entries(hb, q, left_out: tuple[list, list]) -> list:
    """A question's disqualifiers: those in force, and those left out that the table carries (`_left_out`)."""
    entries, items = left_out
    by_id = {d.id: d for d in [*hb.eligibility.disqualifiers, *(d for e in entries for d in e.get("disqualifiers", []))]}
    return [by_id[i] for i in [*q.items, *(i for each in items for i in each.get(q.id, []))]]


def _items(hb, q, left_out: tuple[list, list]) -> list:
    """A question's disqualifiers in the table: plain words, or with the day each starts or stops."""
    return [{"text": d.plain, **_bounds(d)} if _bounds(d) else d.plain for d in _item_entries(hb, q, left_out)]


def _cites(hb, r, left_out: tuple[list, list]) -> list:
    """A requirement's citations, and those of the items of the question it reads (a memo's disqualifier
    shows its memo on the result's row, as each disqualifier does on the eligibility page)."""
    question = next((q for q in hb.eligibility.questions if r.rule and q.id == r.rule.question), None)
    return [*r.cite, *(c for d in (_item_entries(hb, question, left_out) if question else []) for c in d.cite)]


def decision_table(hb: Handbook, link: Callable[[str], str] = lambda uri: uri, day: dt.date | None = None) -> dict:
    """The table for one handbook, as of its day (`day`, else today, when it is the data as written).
    `link` turns a page's source path ('eligibility.md') into its URL as seen from the self-check page.
    A requirement whose rule changes on dates has `dated`: the rule and texts from each date, in order;
    the evaluators apply the last one from on or before the parent's today (else `rule`).
    A requirement or a disqualifier that starts or stops on a day has `from` / `until` (one still to come and
    one that stopped are in the table too: `_left_out`): the evaluators leave it out on the days it is not
    in force. A disputed requirement is disputed on every day it is in force."""
    hb = at(hb, day or dt.date.today())
    el, words, left_out = hb.eligibility, strings_for(hb.program), _left_out(hb)
    cite = lambda cites: list(dict.fromkeys(f"{hb.source(c.source).short} › {hb.section(c).title}" for c in cites))  # each section once
    eligibility = link("eligibility.md")
    disputed = {r: [c for choice in el.policy_choices if r in choice.disputes for c in choice.cite] for r in hb.disputed}
    sc = el.self_check
    takes = next((t for t in hb.commitments.topics if t.id == sc.commitments), None)
    return {
        "questions": [
            {"id": q.id, "text": q.text, "hint": q.hint, "error": q.error, "type": q.type,
             "answers": [a.model_dump() for a in el.answer_sets[q.answers]] if q.answers else None,
             "unsure_label": q.unsure_label, "unsure": _unsure(el, q),
             "items": _items(hb, q, left_out),
             "gates": _gates(el, q), **({"cite": cite(q.cite)} if q.cite else {})}
            for q in el.questions
        ],
        "requirements": [
            {"id": r.id, "title": r.title, "text": r.text, "strength": r.strength, "kind": r.kind,
             "rule": _rule(r), "explain": _explain(r) if r.rule else None,
             "dated": [{"from": d.isoformat(), "rule": _rule(v), "explain": _explain(v), "title": v.title, "text": v.text, "cite": cite(v.cite)}
                       for d, v in hb.rule_versions.get(r.id, [])],
             "not_asked": r.not_asked, "cite": cite(_cites(hb, r, left_out)), "link": f"{eligibility}#{r.id}",
             "disputed": r.id in disputed, **_bounds(r), **_dispute_cite(cite, r, disputed)}
            for r in [*el.requirements, *(r for e in left_out[0] for r in e.get("requirements", []))]
        ],
        "outcomes": [{"id": o.id, "title": o.title, "text": o.text, **({"cite": cite(o.cite)} if o.cite else {}),
                      **({"more": {"text": o.more.text, **({"cite": cite(o.more.cite)} if o.more.cite else {})}} if o.more else {}),
                      "when": o.when.model_dump() if o.when else None} for o in el.outcomes],
        "settings": {name: hb.setting(name) for name in SETTINGS},
        "self_check": {"title": sc.title, "intro": [{"text": p.text, **({"cite": cite(p.cite)} if p.cite else {})} for p in sc.paragraphs], "minutes": sc.minutes, "quick_exit_url": sc.quick_exit_url,
                       "next_step": {"text": sc.next_step.text, "cite": cite(sc.next_step.cite)},
                       "contacts": [c.model_dump() for c in sc.contacts],
                       "takes": {"title": takes.title, "items": [{"text": x.text, "cite": cite(x.cite)} for x in takes.entries]} if takes else None},
        "words": {k: v for k, v in ({k[len(PREFIX):]: v for k, v in words.items() if k.startswith(PREFIX)} | {"source": words["source"]}).items()
                  if _read_by_script(k)},
        "back": eligibility,
        "months": words["months"],
        "date_format": words["date_format"],
    }
