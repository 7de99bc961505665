"""The parents' self-check, as one component: everything it is lives in this folder (README.md).

The rest of the generator uses it only through what this module names:
    decision_table(hb, link, day, ended)  the decision table of a handbook, as of a day (table.py)
    evaluate(table, answers, today) a parent's results and outcome (evaluate.py)
    NOT_SURE                        the answer to a date question whose "not sure" box is ticked
    shell(theme_dirs, palette)      its page's inline style and script, and the policy allowing them (shell.py)
    PAGE_DIR, PAGE_TEMPLATE         the theme folder holding its page template, and that template's name
    CHECKLIST_DIR, CHECKLIST        the folder and name of its checklist (the page's Markdown) template
"""
from __future__ import annotations

from pathlib import Path

from .. import model  # noqa: F401  (first: the model builds its `rule:` type from rules.py, here)
from .evaluate import evaluate
from .rules import NOT_SURE
from .shell import shell

__all__ = ["CHECKLIST", "CHECKLIST_DIR", "NOT_SURE", "PAGE_DIR", "PAGE_TEMPLATE", "shell", "decision_table", "evaluate"]

HERE = Path(__file__).parent
PAGE_DIR = HERE / "page"
PAGE_TEMPLATE = "selfcheck.html"
CHECKLIST_DIR = HERE
CHECKLIST = "checklist.md.j2"


def decision_table(hb, link=lambda uri: uri, day=None, ended=False) -> dict:
    """The decision table of one handbook (table.py), as of `day` (default: the handbook's own day, else
    today); `link` turns a page's source path into its URL as seen from the self-check page; `ended` keeps
    the entries that stopped before that day too (for the policy scenarios, each judged on its own day)."""
    from .table import decision_table  # here, not above: table.py needs the whole model, which needs rules.py

    return decision_table(hb, link, day, ended)
