"""Quality budgets: the self-check's weight, no external requests, valid HTML, plain words for parents.

Sizes and scores only, never times. Each budget has a second test that breaks it on purpose in a
copy of the project and checks that the budget reports it. The checks live in bench/budgets.py,
which the benchmarks (`.venv/bin/python -m bench`) use too.
"""
import base64
import os
import random
import subprocess
import sys

import pytest
import yaml

from bench import budgets
from generator.policy.load import load_all
from tests.kit import ROOT, build_site, serve


def _incompressible(n: int) -> str:
    """n characters that gzip cannot shrink much (so padding really weighs what it says)."""
    return base64.b64encode(random.Random(1).randbytes(n * 3 // 4)).decode()


def _build_own_process(project):
    """Build in a new process, so the copy's own generator/ (where the self-check's files are) is used."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return project / "site"


def _source_of(project, name):
    """The file in the project that becomes `name` in the built site (wherever the self-check keeps it)."""
    found = [p for p in project.rglob(name) if "site" not in p.relative_to(project).parts[:1]]
    assert found, f"no {name} in the project: the self-check's assets are not there yet"
    return found[0]


# ---------------------------------------------------------------- the self-check's own script
def test_self_check_script_is_within_its_budget(built_site):
    assert budgets.js_problem(built_site) is None


def test_a_heavy_self_check_script_breaks_the_budget(project):
    script = _source_of(project, "selfcheck.js")
    script.write_text(script.read_text(encoding="utf-8") + '\nvar padding = "' + _incompressible(16_000) + '";\n', encoding="utf-8")
    problem = budgets.js_problem(_build_own_process(project))
    assert problem and "over the budget" in problem


# ---------------------------------------------------------------- the self-check's HTML document
def test_self_check_document_is_within_its_budget(built_site):
    assert budgets.document_problem(built_site) is None


def test_a_heavy_self_check_style_breaks_the_document_budget(project):
    style = _source_of(project, "selfcheck.css")
    style.write_text(style.read_text(encoding="utf-8") + '\n.sc-pad::after { content: "' + _incompressible(4_000) + '"; }\n', encoding="utf-8")
    problem = budgets.document_problem(_build_own_process(project))
    assert problem and budgets.SELF_CHECK_PAGE in problem and "over the budget" in problem


def test_nothing_blocks_the_self_check_page_from_rendering(built_site):
    assert budgets.blocking_problem(built_site) is None


def test_a_stylesheet_and_a_script_in_the_head_are_render_blocking(project):
    template = _source_of(project, "selfcheck.html")
    text = template.read_text(encoding="utf-8")
    assert "</head>" in text
    template.write_text(text.replace("</head>", '<link rel="stylesheet" href="x.css"><script src="x.js"></script>\n</head>', 1), encoding="utf-8")
    problem = budgets.blocking_problem(_build_own_process(project))
    assert problem and "x.css" in problem and "x.js" in problem


def test_the_document_alone_shows_the_start_screen_and_starts(browser, built_site):
    url, server = serve(built_site, gzip=True)
    try:
        assert budgets.alone_problem(browser, url) is None
    finally:
        server.shutdown()


def test_a_self_check_script_in_a_file_needs_a_second_request(project, browser):
    """The same page with its script in a file of its own works when that file may load, and not alone."""
    template = _source_of(project, "selfcheck.html")
    text = template.read_text(encoding="utf-8")
    assert "<script>{{ sc.script }}</script>" in text and "{{ sc.csp | e }}" in text
    text = text.replace("<script>{{ sc.script }}</script>", '<script src="self-check.js"></script>').replace(
        "{{ sc.csp | e }}", "default-src 'self'; style-src 'unsafe-inline'")
    template.write_text(text, encoding="utf-8")
    # a file of the theme's folder (content/ takes Markdown, pictures and plain text only), copied as it is
    (project / "site_overrides" / "self-check").mkdir(parents=True, exist_ok=True)
    from generator.selfcheck.shell import SCRIPTS
    (project / "site_overrides" / "self-check" / "self-check.js").write_text(
        "\n".join(_source_of(project, name).read_text(encoding="utf-8") for name in SCRIPTS), encoding="utf-8")
    url, server = serve(_build_own_process(project), gzip=True)
    try:
        with_file = budgets.first_load(browser, url)
        problem = budgets.alone_problem(browser, url)
    finally:
        server.shutdown()
    assert any(r["url"].endswith("/self-check/self-check.js") for r in with_file)
    assert problem and "self-check.js" in problem


# ---------------------------------------------------------------- first load of /self-check/
def test_first_load_of_the_self_check_is_within_budget(browser, built_site):
    url, server = serve(built_site, gzip=True)
    try:
        responses = budgets.first_load(browser, url, "/self-check/")
    finally:
        server.shutdown()
    assert responses[0]["url"] == url + "/self-check/" and responses[0]["transferred"] < responses[0]["bytes"]  # sent gzipped
    assert budgets.first_load_problem(responses) is None


def test_a_heavy_icon_breaks_the_first_load_budget(project, browser):
    """Whatever the page fetches counts: a 60 KB tab icon (the document itself stays within its own budget)."""
    (project / "content" / "heavy-icon.png").write_bytes(_incompressible(60_000).encode())
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  favicon: heavy-icon.png\n", 1), encoding="utf-8")
    site = _build_own_process(project)
    assert budgets.document_problem(site) is None
    url, server = serve(site, gzip=True)
    try:
        problem = budgets.first_load_problem(budgets.first_load(browser, url, "/self-check/"))
    finally:
        server.shutdown()
    assert problem and "heavy-icon.png" in problem


# ---------------------------------------------------------------- nothing fetched from elsewhere
def test_the_built_site_fetches_nothing_from_other_hosts(built_site):
    assert budgets.external_references(built_site) == []


def test_an_external_image_and_stylesheet_are_found(project):
    (project / "content" / "extra.md").write_text('# Extra\n\n<img src="https://images.example.org/a.png" alt="A">\n', encoding="utf-8")
    css = project / "site_overrides" / "assets" / "handbook.css"
    css.write_text('@import url("https://fonts.example.org/b.css");\n' + css.read_text(encoding="utf-8"), encoding="utf-8")
    found = budgets.external_references(build_site(project))
    assert any("extra/index.html" in f and "images.example.org" in f for f in found), found
    assert any("handbook.css" in f and "fonts.example.org" in f for f in found), found


def test_the_self_check_page_allows_only_its_own_script_and_style(built_site):
    """Its Content-Security-Policy: no other host, no inline event handler, no script or style but the page's own."""
    import base64
    import hashlib

    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / budgets.SELF_CHECK_PAGE).read_text(encoding="utf-8"), "html.parser")
    policy = dict(part.strip().split(" ", 1) for part in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].split(";"))
    digest = lambda text: "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"  # noqa: E731
    script = next(s for s in soup.find_all("script") if not s.get("type"))
    assert policy["default-src"] == "'none'" and policy["connect-src"] == "'none'"
    assert policy["script-src"] == digest(script.string) and policy["style-src"] == digest(soup.find("style").string)
    assert not soup.select("[onclick], [onload], [onerror], [style]")


def test_handbook_pages_allow_exactly_their_inline_scripts(built_site):
    """Each handbook page's small scripts are inline (no request holds up its first paint), each allowed by
    its hash; nothing else inline may run, and no inline event handler."""
    import base64
    import hashlib

    from bs4 import BeautifulSoup

    digest = lambda text: "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"  # noqa: E731
    pages = [p for p in built_site.rglob("*.html") if "self-check" not in p.relative_to(built_site).parts]
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = dict(part.strip().split(" ", 1) for part in soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].split(";"))
        allowed = set(policy["script-src"].split())
        inline = [s.string for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
        assert inline and {digest(s) for s in inline} <= allowed, path
        assert "'unsafe-inline'" not in allowed and not soup.select("[onclick], [onload], [onerror]"), path


# ---------------------------------------------------------------- valid HTML (Nu HTML Checker)
def test_every_built_page_is_valid_html(built_site):
    problems, known_material = budgets.html_problems(built_site)
    assert problems == []
    assert budgets.MATERIAL_KNOWN == [] and known_material == 0  # nothing set aside


def test_without_the_theme_overrides_material_markup_is_invalid(project):
    for name in ("base.html", "partials/nav-item.html", "partials/search.html"):
        (project / "site_overrides" / name).unlink()
    problems, _ = budgets.html_problems(build_site(project))
    for rule in ("Attribute 'autocomplete' is only allowed", "Bad value '' for attribute 'tabindex'",
                 "Attribute 'autocorrect' not allowed", "The value of the 'for' attribute of the 'label'"):
        assert any(rule in p for p in problems), rule


def test_invalid_html_in_a_page_is_reported(project):
    (project / "content" / "extra.md").write_text(
        '# Extra\n\n<p><span id="twice">One</span> and <span id="twice">two</span>.</p>\n', encoding="utf-8")
    problems, _ = budgets.html_problems(build_site(project))
    assert any(p.startswith("extra/index.html:") and "Duplicate ID" in p for p in problems), problems


# ---------------------------------------------------------------- reading grade of what parents read
def test_parent_facing_text_reads_at_grade_8_or_below():
    assert len(budgets.parent_texts(ROOT / "data")) > 50  # questions, hints, answers, explanations, outcomes, self-check words
    assert budgets.grade_problem(budgets.parent_blocks(ROOT / "data")) is None


def test_one_complex_hint_breaks_the_reading_grade(project):
    eligibility = project / "data" / "eligibility.yaml"
    text = eligibility.read_text(encoding="utf-8")
    legalese = ("Notwithstanding any determination previously communicated by departmental representatives, "
                "eligibility considerations necessitate comprehensive documentation substantiating continuous "
                "rehabilitation, demonstrable organizational accountability and administrative verification "
                "of jurisdictional authorization, consistent with applicable regulatory requirements.")
    assert "    hint: " in text
    eligibility.write_text(text.replace("    hint: ", f'    hint: "{legalese}" # ', 1), encoding="utf-8")
    blocks = budgets.parent_blocks(project / "data", project / "generator" / "selfcheck" / "words.en.yaml")
    first_question = next(block for block, _ in blocks if block.startswith("questions/"))
    problem = budgets.grade_problem(blocks)
    assert problem and f"{first_question} (" in problem


# ---------------------------------------------------------------- the self-check in each further language
LANGUAGES = load_all(ROOT / "data").program.translations


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_s_self_check_document_is_within_the_same_budget(built_site, language):
    assert (built_site / language / budgets.SELF_CHECK_PAGE).is_file()
    assert budgets.document_problem(built_site, f"{language}/{budgets.SELF_CHECK_PAGE}") is None


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang in budgets.READING_EASE])
def test_each_language_s_parent_facing_text_reads_fairly_easy(language):
    words = ROOT / "generator" / "selfcheck" / f"words.{language}.yaml"
    blocks = budgets.parent_blocks(ROOT / "data", words, language)
    assert len(blocks) > 20
    assert budgets.ease_problem(blocks, language) is None


def test_one_complex_spanish_hint_breaks_its_reading_ease(translated_project):
    path = translated_project / "data" / "translations" / "es.yaml"
    key = "eligibility.yaml › questions › reunified › hint"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key]["es"] = ("Independientemente de cualquier determinación comunicada previamente por representantes departamentales, "
                       "las consideraciones de elegibilidad requieren documentación exhaustiva que fundamente la rehabilitación "
                       "continua, la responsabilidad organizacional demostrable y la verificación administrativa correspondiente "
                       "en ambas fuentes.")  # "both": the English's number, which the translation keeps (generator/policy/facts.py)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")
    blocks = budgets.parent_blocks(translated_project / "data", ROOT / "generator" / "selfcheck" / "words.es.yaml", "es")
    problem = budgets.ease_problem(blocks, "es")
    assert problem and "questions/reunified (" in problem
