"""The built handbook shows exactly what the data holds, in data order, and its links all lead somewhere.

The checks (tests/kit/handbook/) read the built HTML with BeautifulSoup and compare each list
on a page (tiers, activities, roles, duties, steps, requirements, disqualifiers, terms, policy
choices, differences, citations) with the same list in the data, item by item. The tests at the end
of each group change the data or the site on purpose and show that the checks notice.
"""
import shutil

import pytest

from tests.kit import build_site, handbook as hc
from generator.policy.load import load_all


@pytest.fixture(scope="module")
def hb(built_site):
    """The data the session's site was built from."""
    return load_all(built_site.parent / "data")


# ---------------------------------------------------------------- every list on every page
@pytest.mark.parametrize("check", hc.CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
def test_pages_show_exactly_the_data(built_site, hb, check):
    check(built_site, hb)


def _with(hb, name, **changes):
    """The handbook with one part changed (the models are frozen)."""
    return hb.model_copy(update={name: getattr(hb, name).model_copy(update=changes)})


def test_the_checks_notice_pages_that_do_not_match_the_data(built_site, hb):
    # a renamed activity: the tier pages still show the old name
    tier = hb.tiers.tiers[-1]
    renamed = tier.model_copy(update={"activities": [tier.activities[0].model_copy(update={"name": "Renamed"}), *tier.activities[1:]]})
    with pytest.raises(AssertionError, match="tiers › overview table"):
        hc.check_tiers(built_site, _with(hb, "tiers", tiers=[*hb.tiers.tiers[:-1], renamed]))
    # two duties swapped: the page's order no longer matches
    will = hb.duties.will
    with pytest.raises(AssertionError, match="duties › will: item 1 differs"):
        hc.check_duties(built_site, _with(hb, "duties", will=[will[1], will[0], *will[2:]]))
    # a term the data no longer holds is still on the page
    with pytest.raises(AssertionError, match="glossary"):
        hc.check_glossary(built_site, _with(hb, "glossary", terms=hb.glossary.terms[:-1]))
    # a glossary note the page does not show as its own paragraph
    terms = hb.glossary.terms
    n = next(i for i, t in enumerate(terms) if t.note)
    renoted = [*terms[:n], terms[n].model_copy(update={"note": "Another note"}), *terms[n + 1:]]
    with pytest.raises(AssertionError, match=f"glossary › {terms[n].id}"):
        hc.check_glossary(built_site, _with(hb, "glossary", terms=renoted))
    # a quote that is not the one shown
    term = hb.glossary.terms[0]
    requoted = term.model_copy(update={"cite": [term.cite[0].model_copy(update={"quote": "Other words"})]})
    with pytest.raises(AssertionError, match="glossary.md › citations"):
        hc.check_citations(built_site, _with(hb, "glossary", terms=[requoted, *hb.glossary.terms[1:]]))


def test_citations_name_the_source_section_and_link_to_it(built_site, hb):
    """Spot check of what check_citations compares: label, link target (with an id there) and quote."""
    words = hc.strings_for(hb.program)
    small = hc.article(built_site, "glossary.md").select_one("small.cite")
    [shown] = hc.cites_in(small, "glossary.md", words)
    c = hb.glossary.terms[0].cite[0]
    assert shown == hc.Cited(f"{hb.source(c.source).short} › {hb.section(c).title}", f"/sources/#{c.source}-{c.section}", c.quote)
    assert hc.article(built_site, "sources.md").find(id=f"{c.source}-{c.section}").name == "h4"


# ---------------------------------------------------------------- links
def test_every_internal_link_leads_to_a_built_file_and_an_existing_id(built_site):
    assert hc.link_problems(built_site) == []


def test_broken_links_are_found(built_site, hb, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    tier = hb.tiers.tiers[0].id
    (site / "tiers" / tier / "index.html").unlink()
    roles = site / "roles" / "index.html"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("</article>", '<a href="../glossary/#no-such-term">x</a><a href="../nowhere/">y</a>'
                                  '<img src="../assets/missing.png" alt=""></article>', 1), encoding="utf-8")
    problems = hc.link_problems(site, only=[roles, site / "tiers" / "index.html"])
    assert any("roles/index.html" in p and "no id 'no-such-term'" in p for p in problems), problems
    assert any("roles/index.html" in p and "'../nowhere/'" in p for p in problems), problems
    assert any("roles/index.html" in p and "missing.png" in p for p in problems), problems
    assert any(p.startswith("tiers/index.html") and f"no file tiers/{tier}/index.html" in p for p in problems), problems


# ---------------------------------------------------------------- nothing from other hosts
def _allowed(hb):
    return {hb.eligibility.self_check.quick_exit_url}, hc.urls_in_data(hb)


def test_no_page_style_or_script_names_another_host(built_site, hb):
    anywhere, links = _allowed(hb)
    assert links == set(), "the data now holds web addresses: check that each is a plain link a person clicks"
    assert hc.external_addresses(built_site, anywhere, links) == []


def test_a_web_font_setting_brings_no_font_host(project, hb):
    """Material links Google Fonts when mkdocs.yml names a font; the theme override leaves that out."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  font: false" in text
    config.write_text(text.replace("  font: false", "  font:\n    text: Roboto"), encoding="utf-8")
    site = build_site(project)
    assert hc.external_addresses(site, *_allowed(hb)) == []
    assert "googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_addresses_of_other_hosts_are_found(built_site, hb, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    quick_exit = hb.eligibility.self_check.quick_exit_url
    page = site / "glossary" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", (
        '<img src="https://img.example.org/a.png" alt="">'
        '<img srcset="local.png 1x, //cdn.example.org/b.png 2x" alt="">'
        '<a href="https://www.example.org/read-more">more</a>'
        f'<a href="{quick_exit}">leave</a>'
        '<div style="background: url(\'https://bg.example.org/c.png\')"></div>'
        f'<script type="application/json">{{"quick_exit_url": "{quick_exit}", "x": "https://data.example.org/d"}}</script>'
        '</article>'), 1), encoding="utf-8")
    (site / "assets" / "extra.css").write_text('@import "https://fonts.example.org/e.css";', encoding="utf-8")
    (site / "assets" / "extra.js").write_text('fetch("https://api.example.org/f"); // https://comment.example.org', encoding="utf-8")
    changed = [page, site / "assets" / "extra.css", site / "assets" / "extra.js"]
    found = hc.external_addresses(site, *_allowed(hb), only=changed)
    for host in ("img.example.org", "cdn.example.org", "www.example.org/read-more", "bg.example.org", "data.example.org",
                 "fonts.example.org", "api.example.org"):
        assert sum(host in f for f in found) == 1, (host, found)
    assert not any(quick_exit in f for f in found), found
    # a plain link is allowed when the data itself holds that address
    assert not any("read-more" in f for f in hc.external_addresses(site, {quick_exit}, {"https://www.example.org/read-more"}, only=changed))


def test_a_print_page_that_misses_a_citation_is_noticed(built_site, hb, tmp_path):
    site = tmp_path / "project" / "site"
    shutil.copytree(built_site, site)
    shutil.copytree(built_site.parent / "content", site.parent / "content")
    printed = site / "print" / "index.html"
    soup = hc.BeautifulSoup(printed.read_text(encoding="utf-8"), "html.parser")
    soup.select("article small.cite")[-1].decompose()
    printed.write_text(str(soup), encoding="utf-8")
    with pytest.raises(AssertionError, match="print page › citations"):
        hc.check_print(site, hb)
