"""A second, made-up program (tests/fixtures/other-program/data) builds its own complete handbook
with the same generator: its own names, terms, three tiers, roles, rules and sources, and nothing of
the real program. If this fails, something specific to one program is built into generator/."""
import re
from pathlib import Path

import pytest

from tests.kit import handbook as hc
from tests.kit import ROOT, build_site, copy_project
from generator.policy.load import load_all

FIXTURE = Path(__file__).parent / "fixtures" / "other-program" / "data"


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """The other program's site (built strict, as the README does) and its data."""
    project = copy_project(tmp_path_factory.mktemp("other") / "project", data=FIXTURE, languages=True)
    return build_site(project), load_all(project / "data")


def test_its_pages_show_exactly_its_data(other):
    site, hb = other
    hc.check_handbook(site, hb)


def test_it_has_its_own_names_tiers_and_rules(other):
    site, hb = other
    assert hb.program.name == "Family Mentor Circle handbook" and len(hb.tiers.tiers) == 3
    assert hc.norm(hc.article(site, "index.md").find("h1").get_text()) == "Family Mentor Circle handbook"
    assert hc.norm(hc.page(site, "roles.md").title.get_text()) == "Roles and responsibilities - Family Mentor Circle handbook"
    # its word for tiers, and its three levels, in the navigation and the overview
    tiers = hc.article(site, "tiers/index.md")
    assert hc.norm(tiers.find("h1").get_text()) == "Mentor levels"
    assert [hc.norm(a.get_text()) for a in tiers.select("table tbody a")] == ["Listener level", "Guide level", "Circle Lead level"]
    assert [hc.norm(th.get_text()) for th in tiers.select("table th")] == ["Level", "Activities"]
    for tier in hb.tiers.tiers:
        assert (site / "tiers" / tier.id / "index.html").is_file()
    assert sorted(p.name for p in (site / "tiers").iterdir() if p.is_dir()) == sorted(t.id for t in hb.tiers.tiers)
    # its terms and its own durations
    eligibility = hc.article(site, "eligibility.md")
    assert hc.norm(eligibility.find("h1").get_text()) == "Who can become a Family Mentor"
    assert [hc.norm(p.get_text()) for p in eligibility.select("p.time-rule")] == ["Time rule: at least 18 months. Training may start after three months."]
    assert hc.norm(hc.article(site, "self-check.md").find("h1").get_text()) == "Could I become a Family Mentor?"
    assert sorted(p.name for p in (site / "source-documents").iterdir()) == sorted(s.file for s in hb.sources.sources)


def _real_names():
    """The real program's own names: program, terms, tiers, roles, sources, glossary terms."""
    real = load_all(ROOT / "data")
    names = {real.program.name, real.program.short_name, real.program.terms.partner, real.program.terms.partners}
    names |= {t.name for t in real.tiers.tiers} | {r.name for r in real.roles.roles} | {t.term for t in real.glossary.terms}
    for s in real.sources.sources:
        names |= {s.short, s.title, s.program_name, s.publisher, s.file}
    names |= {"Parents Becoming Partners", "Tier IV", real.eligibility.self_check.quick_exit_url}
    return names


def test_nothing_of_the_real_program_shows(other):
    site, hb = other
    names = _real_names()
    assert {"Parents Becoming Partners", "Tier IV", "Parent Partner"} <= names
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    found = []
    for file in sorted(site.rglob("*.html")):
        soup = hc.soup_of(file)
        text = soup.get_text(" ") + " " + " ".join(str(v) for tag in soup.find_all(True) for v in tag.attrs.values())
        found += [f"{file.relative_to(site)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []
    # the same search finds the real program's names in the real data
    assert {m.group(0) for m in pattern.finditer((ROOT / "data" / "tiers.yaml").read_text(encoding="utf-8"))} >= {"Tier IV", "Parents Becoming Partners"}


def test_its_links_lead_somewhere_and_nothing_comes_from_other_hosts(other):
    site, hb = other
    assert hc.link_problems(site) == []
    assert hc.external_addresses(site, {hb.eligibility.self_check.quick_exit_url}, hc.urls_in_data(hb)) == []


def test_its_second_language_is_its_own(other):
    """The other program publishes French (its translations: [fr]): every page again under /fr/, in French,
    with its own hand-written pages from content/fr/; the real program's content/es/ is not part of it."""
    from generator.policy import translations
    from generator.selfcheck import decision_table, evaluate

    site, hb = other
    assert hb.program.translations == ["fr"] and not (site / "es").exists()
    fr = translations.edition(hb, "fr")
    for uri in ("index.md", "roles.md", "tiers/index.md", "self-check.md", "how-this-handbook-is-made.md"):
        assert hc.page(site, f"fr/{uri}").html["lang"] == "fr", uri
    assert hc.norm(hc.article(site, "fr/tiers/index.md").find("h1").get_text()) == "Niveaux de mentor"
    assert hc.norm(hc.article(site, "fr/index.md").find("h1").get_text()) == fr.program.name == "Manuel du Family Mentor Circle"
    english, french = decision_table(hb), decision_table(fr)
    assert french["words"]["start"] == "Commencer" and french["months"][7] == "août"
    import datetime as dt
    answers = {"plan-done": "yes", "plan-done-since": {"month": 1, "year": 2024}, "county": "yes", "hours": "yes", "barriers": "none"}
    assert evaluate(english, answers, dt.date(2024, 6, 1)).id == evaluate(french, answers, dt.date(2024, 6, 1)).id
