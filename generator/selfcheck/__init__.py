"""The parents' self-check, as one component: everything it is lives in this folder (README.md).

The rest of the generator uses it only through what this module names:
    decision_table(hb, link, day)   the decision table of a handbook, as of a day (table.py)
    evaluate(table, answers, today) a parent's results and outcome (evaluate.py)
    NOT_SURE                        the answer to a date question whose "not sure" box is ticked
    assets()                        its script and style, by their place in the site
    PAGE_DIR, PAGE_TEMPLATE         the theme folder holding its page template, and that template's name
    CHECKLIST_DIR, CHECKLIST        the folder and name of its checklist (the page's Markdown) template
"""
from __future__ import annotations

from pathlib import Path

from .. import model  # noqa: F401  (first: the model builds its `rule:` type from rules.py, here)
from .evaluate import evaluate
from .rules import NOT_SURE

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


def decision_table(hb, link=lambda uri: uri, day=None) -> dict:
    """The decision table of one handbook (table.py), as of `day` (default: the handbook's own day, else
    today); `link` turns a page's source path into its URL as seen from the self-check page."""
    from .table import decision_table  # here, not above: table.py needs the whole model, which needs rules.py

    return decision_table(hb, link, day)
