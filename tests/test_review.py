"""`python -m generator review` (issue 12, point 8): one HTML page with the pages that change, before and
after side by side, and each scenario's result before and after; through the real command line."""
from __future__ import annotations

import re
import shutil

from tests.test_staff_messages import cli, edit


def test_the_review_page_shows_changed_pages_and_scenario_results(project, tmp_path):
    before = tmp_path / "before"
    shutil.copytree(project / "data", before / "data")
    edit(project, "tiers.yaml", 'name: "Focus Groups"', 'name: "Focus Circles"')
    edit(project, "eligibility.yaml", 'rule: {question: case-dismissed, at_least: "1 year"}',
         'rule: {question: case-dismissed, at_least: "5 years"}')
    out = tmp_path / "review.html"
    result = cli(project, "review", "--against", str(before), "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page).replace("&nbsp;", " ")
    assert "Focus Circles" in text and "Focus Groups" in text  # after and before, side by side
    assert 'class="diff"' in page
    assert '<tr class="changed"><td>Meets every requirement</td>' in page  # 5 years after a 2024 dismissal: no longer met
    assert "page" in result.stderr and "scenario result" in result.stderr


def test_review_of_no_change_and_of_an_unknown_version(project, tmp_path):
    before = tmp_path / "before"
    shutil.copytree(project / "data", before / "data")
    out = tmp_path / "review.html"
    result = cli(project, "review", "--against", str(before), "--out", str(out))
    assert result.returncode == 0 and "No page changes." in out.read_text(encoding="utf-8")
    assert "0 pages and 0 scenario results change" in result.stderr
    result = cli(project, "review", "--against", "no-such-version")
    assert result.returncode == 2 and "is neither a folder nor a saved version" in result.stderr


def test_the_review_page_lists_the_translations_not_yet_reviewed(translated_project, tmp_path):
    """Policy staff (not parents: the review page is not part of the site) see each text still to review."""
    import yaml

    path = translated_project / "data" / "translations" / "es.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = "eligibility.yaml › self_check › title"
    data[key]["reviewed"] = "2026-11-26 policy staff"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")
    before = tmp_path / "before"
    shutil.copytree(translated_project / "data", before / "data")
    out = tmp_path / "review.html"
    result = cli(translated_project, "review", "--against", str(before), "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert f'<h2 id="not-reviewed-es">Spanish (es) texts not yet reviewed ({len(data) - 1})</h2>' in page
    assert "<td>eligibility.yaml › questions › reunified › text</td>" in page and f"<td>{key}</td>" not in page
    assert '<td lang="es">¿Le devolvieron a sus hijos después de que se los quitaron?</td>' in page
    site = translated_project / "site"
    assert not site.exists() or "not yet reviewed" not in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
