"""The parents' self-check, as one component: everything it is lives in this folder (README.md).

The rest of the generator uses it only through what this module names:
    decision_table(hb, link)        the decision table of a handbook (table.py)
    evaluate(table, answers, today) a parent's results and outcome (evaluate.py)
    assets()                        its script and style, by their place in the site
    PAGE_DIR, PAGE_TEMPLATE         the theme folder holding its page template, and that template's name
    CHECKLIST_DIR, CHECKLIST        the folder and name of its checklist (the page's Markdown) template
"""
from __future__ import annotations

from pathlib import Path

from .evaluate import evaluate
from .table import NOT_SURE, decision_table

__all__ = ["ASSET_DIR", "CHECKLIST", "CHECKLIST_DIR", "NOT_SURE", "PAGE_DIR", "PAGE_TEMPLATE", "assets", "decision_table", "evaluate"]

HERE = Path(__file__).parent
ASSET_DIR = "assets/selfcheck"
PAGE_DIR = HERE / "page"
PAGE_TEMPLATE = "selfcheck.html"
CHECKLIST_DIR = HERE
CHECKLIST = "checklist.md.j2"


def assets() -> dict[str, bytes]:
    """The self-check's script and style, by their place in the site."""
    return {f"{ASSET_DIR}/{p.name}": p.read_bytes() for p in sorted(HERE.glob("selfcheck.*"))}

