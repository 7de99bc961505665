"""The self-check's decision table: every question, rule, text and setting it needs, as one plain dict.

The build embeds it in the self-check page as JSON; the browser's evaluator (selfcheck/selfcheck.js)
and the Python one (evaluate.py) both read it. Nothing in it is written by hand: it all comes from
data/eligibility.yaml, data/sources.yaml and the interface words (generator/locales/).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .load import SETTINGS, Handbook
from .model import duration_months
from .strings import strings_for

ASSETS = Path(__file__).parent / "selfcheck"
ASSET_DIR = "assets/selfcheck"
PREFIX = "self_check_"


def assets() -> dict[str, bytes]:
    """The self-check's script and style, by their place in the site."""
    return {f"{ASSET_DIR}/{p.name}": p.read_bytes() for p in sorted(ASSETS.glob("selfcheck.*"))}


def _rule(rule) -> dict | None:
    if rule is None:
        return None
    if rule.kind == "answer":
        return {"kind": "answer", "question": rule.question, "met_by": list(rule.met_by)}
    return {"kind": "time", "question": rule.question, "at_least_months": duration_months(rule.at_least),
            "training_after_months": duration_months(rule.training_after) if rule.training_after else None}


def decision_table(hb: Handbook, link: Callable[[str], str] = lambda uri: uri) -> dict:
    """The table for one handbook. `link` turns a page's source path ('eligibility.md') into its URL
    as seen from the self-check page."""
    el, words = hb.eligibility, strings_for(hb.program)
    disqualifiers = {d.id: d for d in el.disqualifiers}
    cite = lambda cites: [f"{hb.source(c.source).short} › {hb.section(c).title}" for c in cites]
    eligibility = link("eligibility.md")
    return {
        "questions": [
            {"id": q.id, "text": q.text, "hint": q.hint, "type": q.type,
             "answers": [a.model_dump() for a in el.answer_sets[q.answers]] if q.answers else None,
             "unsure_label": q.unsure_label,
             "items": [disqualifiers[i].plain for i in q.items],
             "ask_if": q.ask_if.model_dump() if q.ask_if else None}
            for q in el.questions
        ],
        "requirements": [
            {"id": r.id, "title": r.title, "text": r.text, "strength": r.strength, "kind": r.kind,
             "rule": _rule(r.rule), "explain": r.explain.model_dump() if r.explain else None,
             "not_asked": r.not_asked, "cite": cite(r.cite), "link": f"{eligibility}#{r.id}"}
            for r in el.requirements
        ],
        "outcomes": [{"id": o.id, "title": o.title, "text": o.text,
                      "when": o.when.model_dump() if o.when else None} for o in el.outcomes],
        "settings": {name: hb.setting(name) for name in SETTINGS},
        "self_check": {"title": el.self_check.title, "intro": list(el.self_check.intro),
                       "minutes": el.self_check.minutes, "quick_exit_url": el.self_check.quick_exit_url,
                       "next_step": {"text": el.self_check.next_step.text, "cite": cite(el.self_check.next_step.cite)}},
        "words": {k[len(PREFIX):]: v for k, v in words.items() if k.startswith(PREFIX)} | {"source": words["source"]},
        "back": eligibility,
        "months": words["months"],
        "date_format": words["date_format"],
    }
