"""The parents' self-check, as one component: everything it is lives in this folder (README.md).

The rest of the generator uses it only through what this module names:
    decision_table(hb, link, day)   the decision table of a handbook, as of a day (table.py)
    evaluate(table, answers, today) a parent's results and outcome (evaluate.py)
    NOT_SURE                        the answer to a date question whose "not sure" box is ticked
    shell(theme_dirs, palette)      its page's inline style and script, and the policy allowing them (shell.py)
    PAGE_DIR, PAGE_TEMPLATE         the theme folder holding its page template, and that template's name
    CHECKLIST_DIR, CHECKLIST        the folder and name of its checklist (the page's Markdown) template
    LIST_URI                        the source path of the checklist's own page (shown without JavaScript)
    page_values(hb, link, app)      the values its page template gets (the table, the way out, the checklist's link)
"""
from __future__ import annotations

from pathlib import Path

from generator import model  # noqa: F401  (first: the model builds its `rule:` type from model/rules.py)
from generator.selfcheck.evaluate import evaluate
from generator.model.rules import NOT_SURE
from generator.selfcheck.shell import shell

__all__ = ["CHECKLIST", "CHECKLIST_DIR", "LIST_URI", "NOT_SURE", "PAGE_DIR", "PAGE_TEMPLATE", "decision_table", "evaluate", "page_values", "shell"]

HERE = Path(__file__).parent
PAGE_DIR = HERE / "page"
PAGE_TEMPLATE = "selfcheck.html"
CHECKLIST_DIR = HERE
CHECKLIST = "checklist.md.j2"
LIST_URI = "self-check/list.md"
"""The printable checklist's page (what a browser without JavaScript is sent to), beside the self-check's."""


def decision_table(hb, link=lambda uri: uri, day=None) -> dict:
    """The decision table of one handbook (table.py), as of `day` (default: the handbook's own day, else
    today); `link` turns a page's source path into its URL as seen from the self-check page. It carries
    every entry a parent could be judged by, on any day (those still to come and those that stopped)."""
    from generator.selfcheck.table import decision_table  # here, not above: table.py needs the whole model

    return decision_table(hb, link, day)


def page_values(hb, link, app: bool = True) -> dict:
    """What its page template (page/selfcheck.html) gets besides the page: the way out (the quick exit's
    address and words, for the plain link shown without JavaScript), and on the self-check's own page
    (`app`) the decision table, the checklist's address and the words that send a browser without
    JavaScript to it. `link(source path)` is a page's URL from this one."""
    from generator.policy.strings import strings_for

    words = strings_for(hb.program)
    values = {"leave": {"url": hb.eligibility.self_check.quick_exit_url, "label": words["self_check_exit"]}}
    if app:
        values |= {"decision_table": decision_table(hb, link), "checklist": link(LIST_URI),
                   "no_js": {"text": words["self_check_needs_js"], "link": words["self_check_checklist_title"]}}
    return values
