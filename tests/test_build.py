"""Building the site: strict build passes, and bad data stops the build before anything is written."""
import subprocess
import sys

from tests.kit import ROOT, build_site, page


def test_every_page_shows_the_policy_date(built_site):
    """In the page's own language: the main one's words, or a further language's under its folder. The parents'
    self-check leaves the date and the PDF to the handbook: a 2011 date means nothing to a parent (issue 21, item 7)."""
    from tests.kit.pages import page_words

    for html in built_site.rglob("*.html"):
        if html.name == "404.html":
            continue
        words = page_words(built_site, html)
        expected = words["as_of"].replace("{date}", words["date_format"].format(month=words["months"][7], day=12, year=2011))
        if "self-check" in html.relative_to(built_site).parts:  # the self-check's page and its checklist's
            assert expected not in html.read_text(encoding="utf-8") and words["pdf_link"] not in html.read_text(encoding="utf-8"), html
            continue
        assert expected in html.read_text(encoding="utf-8"), html
    # "as of", not "in force" (vigente): the date is the handbook's reading, not one the sources give
    assert "Política al 12 de agosto de 2011" in (built_site / "es" / "index.html").read_text(encoding="utf-8")


def test_bad_data_stops_the_build_and_keeps_the_old_site(project):
    site = build_site(project)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    tiers = project / "data/tiers.yaml"
    tiers.write_text(tiers.read_text().replace("    name: Tier II\n", "    nmae: Tier II\n"))
    result = subprocess.run([str(ROOT / ".venv/bin/mkdocs") if (ROOT / ".venv/bin/mkdocs").exists() else "mkdocs", "build"],
                            cwd=project, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/tiers.yaml:" in result.stderr and "unknown key 'nmae' — did you mean 'name'?" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_tier_pages_list_their_activities_in_order(built_site):
    items = [li.get_text(strip=True) for li in page(built_site, "tiers/tier-3.md").select("article li")]
    assert items[:3] == ["Focus Groups", "System Change Workgroups", "Immersion Classes"]
