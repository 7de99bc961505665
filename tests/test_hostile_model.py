"""Nothing in the data runs, whatever it says: every text field of the model holds a hostile value
(tags, a closing </title>, an image on another host, javascript: links, Markdown and Jinja), the
site is built, and Chromium shows that on every page, the print page, search and every screen of
the self-check nothing runs, nothing is injected and nothing is asked of another host.

The fields are not listed by hand: the test walks the pydantic models of the real data. A field
whose type accepts the hostile value gets it (and must be escaped wherever it is shown); a field
whose type refuses it (ids, dates, choices, durations, file names) cannot bring it to a page.
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from pydantic import BaseModel, ValidationError

from tests.kit import ROOT, build_site, copy_project, open_each, serve
from generator.site import build as build_mod
from generator.policy.load import load_all

RAN = "HOSTILE-RAN"
JINJA_RESULT = "46662"  # 6*7777: the page shows it only if the data were run as a template
HOSTILE = ('</title></textarea></script><script>console.error("' + RAN + '");alert(1)</script>'
           '<img src="http://evil.invalid/i.png" class="hostile" onerror="console.error(\'' + RAN + '\')">'
           '<a href="javascript:alert(2)" class="hostile">x</a> [md](javascript:alert(3)) '
           '![i](http://evil.invalid/m.png) <svg onload="alert(4)"></svg> ')
TEMPLATE = "{{ 6*7777 }} {% raw %} "
"""Jinja; texts that may hold a date placeholder such as {training_date} refuse other braces, so they
get the hostile value without it."""

# What a page would hold if anything of HOSTILE had become an element, a script or a request.
FOUND = """() => ({
  injected: document.querySelectorAll('.hostile, img[src*="evil"], svg[onload], [onerror], a[href^="javascript:"]').length,
  scripts: [...document.scripts].filter(s => s.type !== 'application/json' && s.textContent.includes('HOSTILE')).length,
  jinja: document.body.innerText.includes('""" + JINJA_RESULT + """'),
  violations: window.__violations || [],
})"""
NOTHING = {"injected": 0, "scripts": 0, "jinja": False, "violations": []}
WATCH = "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"


def _leaves(value, path=()):
    """Every (path, text) in plain data (a model dumped to dicts and lists)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def hostile(obj: BaseModel) -> tuple[BaseModel, int, list[tuple]]:
    """`obj` with HOSTILE put before the text of every field whose type accepts it; also how many
    fields took it and the paths of the text fields whose type refused it."""
    cls, data = type(obj), obj.model_dump()
    planted, refused = 0, []
    for path, text in list(_leaves(data)):
        for value in (HOSTILE + TEMPLATE + text, HOSTILE + text):
            _set(data, path, value)
            try:
                cls.model_validate(data)
                planted += 1
                break
            except ValidationError:
                _set(data, path, text)
        else:
            refused.append(path)
    return cls.model_validate(data), planted, refused


def _with_recorded_changes(hb):
    """The data with one more recorded version: a change on its own day and one coming on another (the "What
    changed" page's lines, in every language), and its summary's translations."""
    from generator.model import Program

    program = hb.program.model_dump(by_alias=True)
    program["versions"].append({"effective": "2026-01-01", "summary": "A recorded version.",
                                "changes": ["A change.", {"effective": "2099-01-01", "text": "A coming change."}]})
    key = f"program.yaml › versions › {len(program['versions'])} › summary"
    languages = {lang: {**entries, key: {"en": "A recorded version.", lang: "Una versión.", "reviewed": False}}
                 for lang, entries in hb.translations.items()}
    return hb.model_copy(update={"program": Program.model_validate(program), "translations": languages})


@pytest.fixture(scope="module")
def hostile_handbook():
    hb = _with_recorded_changes(load_all(ROOT / "data"))
    parts, planted, refused = {}, 0, []
    for name in type(hb).model_fields:
        value = getattr(hb, name)
        if isinstance(value, BaseModel):
            parts[name], n, r = hostile(value)
            planted, refused = planted + n, refused + [(name, *p) for p in r]
    # every translation too (data/translations/<language>.yaml): the further languages' pages show them
    parts["translations"] = {lang: {key: {**entry, lang: HOSTILE + ("" if "{" in entry[lang] else TEMPLATE) + entry[lang]} for key, entry in entries.items()}
                             for lang, entries in hb.translations.items()}
    planted += sum(len(entries) for entries in parts["translations"].values())
    return hb.model_copy(update=parts), planted, refused


def test_every_text_field_takes_the_hostile_value_or_refuses_it(hostile_handbook):
    hb, planted, refused = hostile_handbook
    assert planted > 300  # the real data has hundreds of text fields
    # what the types refuse: ids and references to them, choices, durations, the address, the languages, file names
    names = {next(part for part in reversed(path) if isinstance(part, str)) for path in refused}
    assert names == {"id", "source", "section", "who", "question", "answers", "items", "met_by", "value", "setting",
                     "type", "strength", "kind", "status", "at_least", "training_after", "quick_exit_url",
                     "language", "translations", "file", "disputes", "commitments", "questions"}


@pytest.fixture(scope="module")
def hostile_site(hostile_handbook, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-model") / "project", languages=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build_mod, "load_all", lambda data_dir, **_: hostile_handbook[0])
        site = build_site(project)
    url, server = serve(site)
    yield url, sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    server.shutdown()


@pytest.fixture
def watched(browser, hostile_site):
    """A browser page that records dialogs, console lines, policy violations and other hosts asked."""
    url = hostile_site[0]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH)
    seen = {"dialogs": [], "console": [], "remote": []}
    local = urlparse(url).netloc

    def route(r):
        if urlparse(r.request.url).netloc != local:
            seen["remote"].append(r.request.url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    context.set_default_timeout(10_000)
    # on the context, so that every tab it opens (open_each) is watched too
    context.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    context.on("console", lambda m: RAN in m.text and seen["console"].append(m.text))
    page = context.new_page()
    yield page, seen
    context.close()


def _nothing_ran(page, seen) -> None:
    assert page.evaluate(FOUND) == NOTHING, page.url
    assert seen == {"dialogs": [], "console": [], "remote": []}, page.url


def test_no_page_runs_or_requests_anything_from_the_data(hostile_site, watched):
    url, files = hostile_site
    page, seen = watched
    assert "print/index.html" in files and "self-check/index.html" in files
    for language in load_all(ROOT / "data").program.translations:  # the pages made from the hostile translations
        assert f"{language}/self-check/index.html" in files and f"{language}/index.html" in files
    for _, tab in open_each(page.context, [f"{url}/{file}" for file in files]):
        _nothing_ran(tab, seen)


def test_the_hostile_text_is_shown_as_text(hostile_site, watched):
    url, _ = hostile_site
    page, seen = watched
    page.goto(f"{url}/tiers/", wait_until="networkidle")
    assert "<script>" in page.title()  # the site name and page title, shown as the words they are
    assert '<img src="http://evil.invalid/i.png"' in page.get_by_role("main").inner_text()
    _nothing_ran(page, seen)


def test_search_results_run_nothing(hostile_site, watched):
    url, _ = hostile_site
    page, seen = watched
    page.goto(f"{url}/", wait_until="networkidle")
    page.get_by_role("textbox", name="Search").press_sequentially("partner")
    page.locator(".md-search-result__item").first.wait_for()
    _nothing_ran(page, seen)
    # a question found nowhere is shown back in the note that says so: as the words typed
    question = '<img src="x" class="hostile" onerror="alert(5)">'
    page.get_by_role("textbox", name="Search").fill(question)
    page.get_by_text(question).wait_for()
    _nothing_ran(page, seen)


def test_every_screen_of_the_self_check_runs_nothing(hostile_site, watched):
    url, _ = hostile_site
    page, seen = watched
    page.goto(f"{url}/self-check/", wait_until="networkidle")
    app = page.locator("#sc-app")
    for _ in range(60):  # start, each question (first answer, or "not sure"), check answers, result
        _nothing_ran(page, seen)
        if app.locator("[data-act=print]").count():
            break
        before = app.inner_html()
        radios, unsure = app.locator("input[type=radio]"), app.locator("input[type=checkbox]")
        if radios.count():
            radios.first.check()
        elif unsure.count():
            unsure.first.check()
        app.locator(".md-button--primary").first.click()
        page.wait_for_function("before => document.getElementById('sc-app').innerHTML !== before", arg=before)
    assert app.locator("[data-act=print]").count() == 1  # the result screen was reached
    _nothing_ran(page, seen)


def test_the_check_sees_what_runs(watched):
    """The checks above can fail: the same value put into a page unescaped is caught by each of them."""
    page, seen = watched
    page.set_content(f"<title>{HOSTILE}</title><main>{HOSTILE}{TEMPLATE}</main>")
    page.wait_for_function("document.querySelector('img.hostile') && document.querySelector('img.hostile').complete")
    found = page.evaluate(FOUND)
    assert found["injected"] >= 3 and found["scripts"] >= 1
    assert seen["dialogs"] and seen["console"] and any("evil.invalid" in u for u in seen["remote"])
