"""Change the data in a copy of the project, rebuild, and the pages follow.

Each test makes one change a policy editor might make, rebuilds (strict), runs every consistency
check against the changed data, and looks at the place the change should show. Where natural it
also shows that the pages no longer match the old data, so the checks would catch a stale site.
"""
import pytest
import yaml

from tests.kit import handbook as hc
from tests.kit import build_site
from generator.policy.load import load_all
from generator.policy.yamlread import parse_yaml


def edit(project, name, change):
    """Change data/<name>.yaml as plain data (read with the project's own YAML rules)."""
    path = project / "data" / f"{name}.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8"), f"data/{name}.yaml").value
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def rebuild(project):
    site = build_site(project)
    hb = load_all(project / "data")
    hc.check_handbook(site, hb)
    return site, hb


def nav_links(site, uri):
    nav = hc.page(site, uri).select_one("nav.md-nav--primary")
    return [(hc.norm(a.get_text()), hc.urljoin(hc.url_of(uri), a["href"])) for a in nav.select("a[href]") if not a["href"].startswith("#")]


def test_a_new_tier_gets_a_page_a_row_in_the_overview_and_a_place_in_the_nav(project):
    before = load_all(project / "data")

    def add(data):
        cite = data["tiers"][0]["cite"]
        cite = cite[0] if isinstance(cite, list) else cite
        data["tiers"].append({"id": "tier-test", "name": "Tier Test", "activities": [{"id": "test-activity", "name": "Test activity"}],
                              "cite": {"source": cite["source"], "section": cite["section"]}})

    edit(project, "tiers", add)
    site, hb = rebuild(project)
    tier = hc.article(site, "tiers/tier-test.md")
    assert hc.norm(tier.find("h1").get_text()) == "Tier Test"
    assert [hc.norm(s.get_text()) for s in tier.select("li > span[id]")] == ["Test activity"]
    rows = hc.article(site, "tiers/index.md").select("table tbody tr")
    assert len(rows) == len(before.tiers.tiers) + 1
    assert [hc.norm(td.get_text()) for td in rows[-1].find_all("td")] == ["Tier Test", "Test activity"]
    links = nav_links(site, "roles.md")
    last_old = (before.tiers.tiers[-1].name, f"/tiers/{before.tiers.tiers[-1].id}/")
    assert links.index(("Tier Test", "/tiers/tier-test/")) == links.index(last_old) + 1
    with pytest.raises(AssertionError, match="tiers"):
        hc.check_tiers(site, before)


def test_a_renamed_activity_shows_its_new_name_everywhere(project):
    before = load_all(project / "data")
    tier = before.tiers.tiers[-1]
    old = tier.activities[0]

    def rename(data):
        data["tiers"][-1]["activities"][0]["name"] = "Renamed activity"

    edit(project, "tiers", rename)
    site, hb = rebuild(project)
    page = hc.article(site, f"tiers/{tier.id}.md")
    assert hc.norm(page.find(id=old.id).get_text()) == "Renamed activity"
    cells = [hc.norm(td.get_text()) for td in hc.article(site, "tiers/index.md").select("table tbody td")]
    assert any("Renamed activity" in c.split("; ") for c in cells)
    assert not any(old.name in c.split("; ") for c in cells)
    with pytest.raises(AssertionError, match=f"tiers/{tier.id}.md › activities|overview table"):
        hc.check_tiers(site, before)


def test_a_dropped_disqualifier_leaves_the_eligibility_page(project):
    before = load_all(project / "data")
    gone = before.eligibility.disqualifiers[-1]

    def drop(data):
        data["disqualifiers"] = [d for d in data["disqualifiers"] if d["id"] != gone.id]
        for q in data["questions"]:
            if gone.id in q.get("items", []):
                q["items"].remove(gone.id)

    edit(project, "eligibility", drop)
    site, hb = rebuild(project)
    page = hc.article(site, "eligibility.md")
    assert page.find(id=gone.id) is None
    assert len(page.find("h2", id="disqualifiers").find_next_sibling("ul").find_all("li", recursive=False)) == len(before.eligibility.disqualifiers) - 1
    assert gone.plain not in hc.article(site, "self-check.md").get_text(" ")
    with pytest.raises(AssertionError, match="disqualifiers"):
        hc.check_eligibility(site, before)


def test_a_changed_duration_shows_on_the_eligibility_page(project):
    before = load_all(project / "data")
    req = next(r for r in before.eligibility.requirements if r.rule and r.rule.kind == "time")
    new = "2 years" if req.rule.at_least == "18 months" else "18 months"

    def change(data):
        next(r for r in data["requirements"] if r["id"] == req.id)["rule"]["at_least"] = new

    edit(project, "eligibility", change)
    site, hb = rebuild(project)
    section = hc.after(hc.article(site, "eligibility.md").find("h3", id=req.id), ("h2", "h3"))
    [rule] = [hc.norm(p.get_text()) for p in section if "time-rule" in (p.get("class") or [])]
    assert rule.startswith(hc.norm(hc.strings_for(hb.program)["eligibility_time_rule"].replace("{at_least}", new)))
    assert req.rule.at_least not in rule.split(".")[0]


def test_reordered_steps_are_shown_in_the_new_order(project):
    before = load_all(project / "data")
    proc = next(p for p in before.selection.procedures if len(p.steps) > 1)

    def reverse(data):
        step_list = next(p for p in data["procedures"] if p["id"] == proc.id)["steps"]
        step_list.reverse()

    edit(project, "selection", reverse)
    site, hb = rebuild(project)
    ol = hc.first(hc.after(hc.article(site, "selection.md").find("h2", id=proc.id), ("h2",)), "ol")
    shown = [hc.entry_in(li, "selection.md", hc.strings_for(hb.program))[0] for li in ol.find_all("li", recursive=False)]
    assert [s.startswith(hc.norm(step.text)) for s, step in zip(shown, reversed(proc.steps))] == [True] * len(proc.steps)
    with pytest.raises(AssertionError, match=f"selection › {proc.id} › steps: item 1 differs"):
        hc.check_selection(site, before)


def test_a_removed_role_leaves_the_roles_page_and_no_link_to_it(project):
    before = load_all(project / "data")
    named = {s.who for p in before.selection.procedures for s in p.steps}
    role = next(r for r in before.roles.roles if r.id not in named)
    edit(project, "roles", lambda data: data.update(roles=[r for r in data["roles"] if r["id"] != role.id]))
    site, hb = rebuild(project)
    page = hc.article(site, "roles.md")
    assert page.find(id=role.id) is None
    assert role.name not in [hc.norm(h.get_text()) for h in page.find_all("h2")]
    assert hc.link_problems(site) == []
    with pytest.raises(AssertionError, match="roles"):
        hc.check_roles(site, before)
