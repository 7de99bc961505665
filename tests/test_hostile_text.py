"""Text in the data that looks like HTML, Markdown or Jinja is shown as text, in a real browser:
the words are visible literally and no element, link or script is made from them."""
from __future__ import annotations

import pytest

from tests.kit import ROOT, build_site, copy_project, serve
from generator.policy.load import load_all
from generator.policy.strings import strings_for

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
BOLD = "**bold**"
JINJA = "{{ 7*7 }} {% if x %}y{% endif %}"
HTML_B = "<b>b</b>"

EDITS = [
    ("tiers.yaml", "    name: Tier III\n", f'    name: "{SCRIPT} Tier III"\n'),
    ("tiers.yaml", "    name: Tier II\n", "    name: \"Tier II & 'two' <i>\"\n"),
    ("tiers.yaml", 'name: "Focus Groups"', f'name: "{IMG} {LINK}"'),
    ("duties.yaml", 'will:\n  - text: "', f'will:\n  - text: "{BOLD} {LINK} {JINJA} '),
    ("glossary.yaml", "meaning: Department of Human Services", f'meaning: "{JINJA} {HTML_B}"'),
    ("eligibility.yaml", 'text: "Were your children returned', f'text: "{SCRIPT} {JINJA} {BOLD} Were your children returned'),
    ("eligibility.yaml", "    title: Successfully reunited with their children\n", f'    title: "{IMG} Reunited"\n'),
]
PAGES = {
    "tiers/tier-3/": [SCRIPT + " Tier III", IMG + " " + LINK],
    "tiers/": [SCRIPT + " Tier III", IMG + " " + LINK],
    "dos-and-donts/": [f"{BOLD} {LINK} {JINJA}"],
    "glossary/": [f"{JINJA} {HTML_B}"],
    "eligibility/": [f"{IMG} Reunited", f"{SCRIPT} {JINJA} {BOLD} Were your children returned"],
    "print/": [SCRIPT + " Tier III", f"{BOLD} {LINK} {JINJA}", f"{JINJA} {HTML_B}", f"{IMG} Reunited"],
    "self-check/": [f"{SCRIPT} {JINJA} {BOLD} Were your children returned"],
}

# Elements that text from the data must never become (the real site has none of them in its content).
MADE_FROM_DATA = """() => {
  const main = document.querySelector('main') || document.body;
  return {
    scripts: [...document.scripts].filter(s => s.type !== 'application/json' && s.textContent.includes('alert(')).length,
    images: main.querySelectorAll('img[src="x"], img[onerror]').length,
    links: document.querySelectorAll('a[href^="javascript"]').length,
    bold: [...main.querySelectorAll('strong, b')].filter(e => ['bold', 'b', 'x'].includes(e.textContent.trim())).length,
    jinja: main.innerText.includes('49'),
  };
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for file, old, new in EDITS:
        path = project / "data" / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    url, server = serve(build_site(project))
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_text_is_shown_as_text(hostile_site, browser_page, path):
    dialogs = []
    browser_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    browser_page.goto(f"{hostile_site}/{path}", wait_until="networkidle")
    if path == "self-check/":
        browser_page.get_by_role("button", name=strings_for(load_all(ROOT / "data").program)["self_check_start"]).click()
        assert browser_page.get_by_role("heading", level=1).inner_text().startswith(PAGES[path][0])
    text = " ".join(browser_page.locator("main").inner_text().split())
    for literal in PAGES[path]:
        assert literal in text, (path, literal)
    assert browser_page.evaluate(MADE_FROM_DATA) == {"scripts": 0, "images": 0, "links": 0, "bold": 0, "jinja": False}
    assert dialogs == []


def test_the_footer_names_the_next_and_previous_page_once_escaped(hostile_site, browser_page):
    """The footer's links are named by their page titles as written ("&" read as "&", not "&amp;")."""
    browser_page.goto(f"{hostile_site}/tiers/tier-1/")
    browser_page.get_by_role("link", name="Next: Tier II & 'two' <i>", exact=True).wait_for()
    browser_page.goto(f"{hostile_site}/tiers/tier-3/")
    browser_page.get_by_role("link", name="Previous: Tier II & 'two' <i>", exact=True).wait_for()
    browser_page.goto(f"{hostile_site}/tiers/tier-2/")
    browser_page.get_by_role("link", name=f"Next: {SCRIPT} Tier III", exact=True).wait_for()
