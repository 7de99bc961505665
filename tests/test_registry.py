"""The page registry (generator/site/registry.py): a new page is an entry and a template, and then it has
its title, its place in the navigation, its part of the print page and its citations ("cited on")."""
import json
import os
import subprocess
import sys

from bs4 import BeautifulSoup

from tests.kit import ROOT, page
from generator import model
from generator.site import registry
from generator.policy.load import load_all
from generator.policy.strings import STRING_KEYS

HB = load_all(ROOT / "data")

NEW_ENTRY = '    Entry("differences.md", "differences.md.j2", "sources_differences", shows=("sources.differences",)),\n'
NEW_TEMPLATE = """{% import "_macros.md.j2" as m with context -%}
# {{ title }}
{% for d in data.differences %}

## {{ d.topic }} {: #{{ aid(d.id) }} }

{{ m.bullets(d.statements) }}
{% endfor %}
"""


def _build(project):
    """Build `project` in its own Python, so that its own generator/ (changed by the test) is the one used."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _nav(site, uri: str) -> list[str]:
    """The pages in the navigation of one page (not the sections of the page itself)."""
    return [a.get_text(" ", strip=True) for a in page(site, uri).select("nav.md-nav--primary > ul a.md-nav__link")
            if not a["href"].startswith("#")]


def test_a_new_page_is_an_entry_and_a_template(project):
    code = project / "generator/site/registry.py"
    sources_line = next(line for line in code.read_text(encoding="utf-8").splitlines(keepends=True)
                        if line.lstrip().startswith('Entry("sources.md"'))
    code.write_text(code.read_text(encoding="utf-8").replace(sources_line, sources_line + NEW_ENTRY), encoding="utf-8")
    (project / "generator/templates/differences.md.j2").write_text(NEW_TEMPLATE, encoding="utf-8")
    site = _build(project)
    title = "Where the sources differ"
    topics = [d.topic for d in HB.sources.differences]

    # its title, and the data it shows
    new = page(site, "differences.md")
    assert new.title.get_text().startswith(f"{title} - ")
    assert new.select_one("article h1").get_text(strip=True).rstrip("¶") == title
    assert [h.get_text(strip=True).rstrip("¶") for h in new.select("article h2")] == topics
    # its place in the navigation: after the sources page, on every page
    for uri in ("index.md", "sources.md", "differences.md"):
        nav = _nav(site, uri)
        assert nav[nav.index("Sources and where they differ") + 1] == title, uri
    # the print page holds it, after the sources page
    heads = [h.get_text(strip=True).rstrip("¶") for h in page(site, "print.md").select("article h2")]
    assert heads.index(title) == heads.index("Sources and where they differ") + 1
    # search finds it
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "differences/" in [d["location"] for d in index["docs"]]
    # "cited on": the differences' citations are now on the new page, and no longer on the sources page
    cited_on = [(a.get_text(strip=True), a["href"]) for p in page(site, "sources.md").select("article p")
                if p.get_text().startswith("Cited on") for a in p.select("a")]
    assert (title, "../differences/") in cited_on
    assert "Sources and where they differ" not in [text for text, _ in cited_on]


def test_the_unchanged_registry_shows_differences_on_the_sources_page(built_site):
    cited_on = [a.get_text(strip=True) for p in page(built_site, "sources.md").select("article p")
                if p.get_text().startswith("Cited on") for a in p.select("a")]
    assert "Sources and where they differ" in cited_on
    assert "Where the sources differ" not in cited_on


def test_data_is_shown_on_the_page_with_the_longest_path_for_it():
    tier = HB.tiers.tiers[1]
    assert registry.pages_showing(HB, ("tiers", "tiers", 1, "cite", 0)) == ["tiers/index.md", f"tiers/{tier.id}.md"]
    assert registry.pages_showing(HB, ("tiers", "intro", 0, "cite", 0)) == ["tiers/index.md"]
    assert registry.pages_showing(HB, ("eligibility", "policy_choices", 0, "cite", 0)) == ["policy-choices.md"]
    assert registry.pages_showing(HB, ("eligibility", "requirements", 0, "cite", 0)) == ["eligibility.md"]
    assert registry.pages_showing(HB, ("program", "about", 0, "cite", 0)) == ["index.md"]
    assert registry.pages_showing(HB, ("program", "versions", 0)) == ["changes.md"]


def test_every_data_file_is_shown_on_a_page_with_a_title():
    titles = registry.titles(HB, {k: k for k in STRING_KEYS})
    for name in model.FILES:
        shown_on = registry.pages_showing(HB, (name,))
        assert len(shown_on) == 1 and shown_on[0] in titles, name
