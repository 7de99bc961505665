"""A new kind of rule is one class in generator/model/rules.py and one entry in the RULES map of
evaluate.js. The two blocks of the component's README ("Adding a rule kind"), added as they are to
a copy of the project, give a kind of rule that the data accepts, `check` checks with file and line,
the checklist shows, and the Python and browser evaluators agree on, result by result."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.kit import ROOT, copy_project, page, serve
from generator.policy.load import load_all
from generator.model import rules
from generator.selfcheck import decision_table
from generator.selfcheck.tests.test_rules import TODAYS, _compare, js_results, python_results, random_cases

README = ROOT / "generator" / "selfcheck" / "README.md"
OLD = 'rule: {question: open-case, met_by: ["no"]}'
NEW = 'rule: {question: open-case, not_met_by: ["yes"]}'
"""The same requirement, written with the new kind: met by any sure answer but "yes"."""


def readme_blocks() -> tuple[str, str]:
    """The README's Python class and JavaScript entry for the new kind."""
    text = README.read_text(encoding="utf-8").split("## Adding a rule kind", 1)[1]
    return tuple(re.search(rf"```{lang}\n(.*?)```", text, re.S).group(1) for lang in ("python", "js"))


def _run(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with the README's two blocks added, and one requirement using the new kind."""
    project = copy_project(tmp_path_factory.mktemp("kind") / "project")
    python, js = readme_blocks()
    path = project / "generator" / "model" / "rules.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + python, encoding="utf-8")
    path = project / "generator" / "selfcheck" / "evaluate.js"
    text = path.read_text(encoding="utf-8")
    assert text.count("var RULES = {\n") == 1
    path.write_text(text.replace("var RULES = {\n", "var RULES = {\n" + js), encoding="utf-8")
    path = project / "data" / "eligibility.yaml"
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, NEW), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project):
    done = _run(project, "-m", "mkdocs", "build", "--strict", "--quiet")
    assert done.returncode == 0, done.stderr
    return project / "site"


@pytest.fixture
def new_kind(monkeypatch):
    """The README's class, registered in this process's rules.py for the length of a test."""
    python, _ = readme_blocks()
    namespace = dict(vars(rules), register=lambda cls: cls)
    exec(compile(python, str(README), "exec"), namespace)
    cls = namespace["NotMetByRule"]
    monkeypatch.setitem(rules.KINDS, "not_met_by", cls)
    return cls


def test_check_accepts_the_new_kind_and_says_where_it_is_wrong(project):
    done = _run(project, "-m", "generator", "check")
    assert done.returncode == 0, done.stdout + done.stderr  # the data and every scenario
    path = project / "data" / "eligibility.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(NEW, NEW.replace('"yes"', '"maybe"')), encoding="utf-8")
    try:
        done = _run(project, "-m", "generator", "check")
    finally:
        path.write_text(path.read_text(encoding="utf-8").replace(NEW.replace('"yes"', '"maybe"'), NEW), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("    " + NEW) + 1
    assert done.returncode != 0
    assert (f"data/eligibility.yaml:{line}: 'maybe' is not an answer of the question 'open-case' — use one of: yes, no, not-sure"
            in done.stdout + done.stderr)


def test_the_checklist_lists_the_answers_that_meet_it(site):
    checklist = page(site, "self-check/list.md").find(id="checklist").find_next("ol")
    item = next(li for li in checklist.find_all("li", recursive=False) if "child welfare involved" in li.get_text())
    assert "This is met if you answer: “No”." in " ".join(item.get_text().split())


def test_python_and_browser_agree_on_the_new_kind(site, new_kind, browser_page):
    url, server = serve(site)
    try:
        browser_page.goto(url + "/self-check/")
        table = json.loads(browser_page.locator("#sc-table").text_content())
        rule = next(r["rule"] for r in table["requirements"] if r["id"] == "dhs-no-open-case")
        assert rule == {"kind": "not_met_by", "question": "open-case", "not_met_by": ["yes"]}
        usual = decision_table(load_all(ROOT / "data"))  # the same questions, with the usual rule
        base = random_cases(usual, 1)[0][1]
        cases = [(0, {**base, "open-case": v}, today) for v in ("yes", "no", "not-sure", None) for today in TODAYS]
        cases += [(0, answers, today) for _, answers, today in random_cases(usual, 2000)]
        python = python_results([table], cases)
        assert python == python_results([usual], cases)  # not_met_by ["yes"] reads as met_by ["no"] did
        statuses = {r[1] for row in python for r in row[3] if r[0] == "dhs-no-open-case"}
        assert statuses == {"met", "not_met", "unknown"}
        _compare(python, js_results(browser_page, url, [table], cases), cases)
    finally:
        server.shutdown()
