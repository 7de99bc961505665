"""Words a parent can trust, in both languages (issue 25): the checks that would have caught each finding,
each shown catching the defect it guards against.

- A further language's page holds no word of the main language's durations, months or statuses outside text
  marked with the main language, on every rendering path: the generated pages, the print page, the
  self-check's no-JavaScript checklist and the decision table its screens are made from.
- Every number and date of a translation is its English's (generator/policy/facts.py, run by `check`).
- A sentence that names a source cites that source, and a self-check text that states policy carries its own
  source and section (generator/policy/naming.py, run by `check`).
What a reader sees of these (the sources on the screens and the checklist, the line on a page not yet reviewed,
the header) is tested in tests/test_words_shown.py.
"""
from __future__ import annotations

import json
import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.policy import translations, values
from generator import model
from generator.site import pages
from generator.policy.load import DataError, load_all
from generator.policy.strings import strings_for
from tests.kit import ROOT
from tests.kit.pages import page_file

HB = load_all(ROOT / "data")
MAIN, FURTHER = HB.program.language, HB.program.translations
WORDS = strings_for(HB.program)
EDITIONS = {lang: translations.edition(HB, lang) for lang in FURTHER}


# ---------------------------------------------------------------- no English word on a Spanish page
def main_words_pattern(words: dict = WORDS) -> re.Pattern:
    """The main language's duration, month and status words, whole ("1 year", "August", "Not met")."""
    durations = {re.sub(r"\{n\}", "", words[k]).strip() for k in ("duration_year", "duration_years", "duration_month", "duration_months")}
    statuses = {v for k, v in words.items() if k.startswith("self_check_status_")}
    found = sorted(durations | set(words["months"]) | statuses, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in found) + r")\b", re.I)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


SOURCES = " ".join(re.sub(r"\s+", " ", t) for t in HB.source_texts.values())
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")
INTERNAL = re.compile(r"[a-z0-9_-]*|\.\./.*|#.*")
"""The table's ids, answer values and links: not words a parent reads."""


def _own_words(text: str) -> str:
    """A text without its {placeholders} and without the sources' own words in quotation marks ("(year one)")."""
    text = re.sub(r"\{[a-z_]+\}", " ", text)
    return QUOTED.sub(lambda q: " " if re.sub(r"\s+", " ", q[1] or q[2] or "x") in SOURCES else q[0], text)


def readable(html: str, language: str) -> list[str]:
    """What a reader of `language` reads on a page: its text (the <noscript> checklist too) without the parts
    marked as another language, and every text of the self-check's decision table (its screens)."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("script", id="sc-table")
    texts = [t for t in _strings(json.loads(table.string)) if not INTERNAL.fullmatch(t)] if table else []
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    for tag in soup.find_all(lang=True):
        if tag.name != "html" and tag["lang"] != language:
            tag.decompose()
    return [_own_words(t) for t in [soup.get_text(" "), *texts]]


def strays(html: str, language: str, pattern: re.Pattern = main_words_pattern()) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 20] for text in readable(html, language) for m in pattern.finditer(text)]


@pytest.mark.parametrize("language", FURTHER)
def test_no_english_duration_month_or_status_word_on_a_further_language_page(built_site, language):
    files = sorted((built_site / language).rglob("*.html"))
    assert page_file(built_site / language, "print.md") in files and page_file(built_site / language, "self-check.md") in files
    found = {str(f.relative_to(built_site)): s for f in files if (s := strays(f.read_text(encoding="utf-8"), language))}
    assert found == {}
    # the paths are really read: the checklist (in <noscript>), the decision table, the print page
    words = strings_for(EDITIONS[language].program)
    sc = " ".join(readable(page_file(built_site, f"{language}/self-check.md").read_text(encoding="utf-8"), language))
    assert words["self_check_checklist_title"] in sc and words["self_check_status_wait_training"] in sc
    year = values.duration_words("1 year", words)
    assert words["eligibility_time_rule"].replace("{at_least}", year) in " ".join(
        readable(page_file(built_site, f"{language}/print.md").read_text(encoding="utf-8"), language))


def _spanish_page(uri: str) -> str:
    """A page of the Spanish edition, rendered from its Markdown as MkDocs does (without the theme)."""
    made, _ = pages.render_site(EDITIONS["es"], {}, "es/", MAIN)
    text = next(p.markdown for p in made if p.uri == uri).split("---\n", 2)[-1]
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"])


def test_the_check_finds_a_duration_left_in_english_on_each_path(monkeypatch):
    assert strays(_spanish_page("eligibility.md"), "es") == []
    monkeypatch.setattr(values, "duration_words", lambda text, words: text)  # as before: the rule's value as written
    assert any("1 year" in s for s in strays(_spanish_page("eligibility.md"), "es"))  # the eligibility and print pages
    assert any("6 months" in s for s in strays(_spanish_page("self-check.md"), "es"))  # the no-JavaScript checklist
    table = '<script type="application/json" id="sc-table">{"explain": {"met": "Lleva al menos 1 year."}}</script>'
    assert strays(table, "es") and strays('<p>Estado: <b>Not met</b></p>', "es") and strays("<p>el 12 de August</p>", "es")
    assert strays('<p>Cita: <span lang="en">“at least one year”</span></p>', "es") == []  # the source's own words


# ---------------------------------------------------------------- every number and date of a translation is its English's
def _check(project) -> list[str]:
    try:
        load_all(project / "data")
    except DataError as e:
        return [str(p) for p in e.problems]
    return []


def _set_translation(project, key: str, old: str, new: str) -> int:
    path = project / "data" / "translations" / "es.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert old in data[key]["es"]
    data[key]["es"] = data[key]["es"].replace(old, new)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == f"{key}:") + 2  # its  es:  line


@pytest.mark.parametrize("key, old, new, said", [
    ("commitments.yaml › topics › commitments › entries › 2 › text", "7 a 10", "7 a 12", "the English says 10, 7; the translation says 12, 7"),
    ("commitments.yaml › topics › commitments › entries › 1 › text", "dos familias", "tres familias",
     "the English says 2; the translation says 3"),
    ("eligibility.yaml › policy_choices › version-dates › gap", "11 de julio de 2011", "11 de junio de 2011",
     "the English says 11, 12, 2011 (2×), month 7, month 8; the translation says 11, 12, 2011 (2×), month 6, month 8"),
])
def test_a_translation_with_another_number_or_date_fails_the_check(translated_project, key, old, new, said):
    assert _check(translated_project) == []
    line = _set_translation(translated_project, key, old, new)
    assert _check(translated_project) == [f"data/translations/es.yaml:{line}: the numbers or dates of '{key}' are not its English's: "
                                          f"{said} — write the same numbers and dates as the English (a number in digits or in "
                                          "words, a date the way this language writes it)"]


# ---------------------------------------------------------------- a sentence that names a source cites it
def _replace(project, file: str, old: str, new: str) -> int:
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if (new.strip().splitlines() or [""])[0] in line)


def test_a_sentence_naming_a_source_it_does_not_cite_fails_the_check(project):
    """Finding 1: a statement of the DHS page under the DSS guide's citation."""
    assert _check(project) == []
    said = "The DSS guide says candidates have successfully reunited with their children. You said your children were not returned to you."
    line = _replace(project, "eligibility.yaml", said, said + " But the DHS page gives time to parents whose children were not returned.")
    problems = _check(project)
    assert len(problems) == 1 and problems[0].startswith(f"data/eligibility.yaml:{line}: “The DSS guide says candidates have successfully")
    assert problems[0].endswith("names the DHS page (“DHS page”) but cites only the DSS guide — add a  cite:  of the section of the "
                                "DHS page that says it, or say only what the citations say")


def _without_cite_of_training_hint(text: str) -> str:
    start = text.index("    hint: \"Supervision means")
    return text[:text.index("    cite:\n", start)] + text[text.index("    error: \"Choose if you would take part", start):]


def _without_cite_of_outcome(text: str) -> str:
    return text.replace("    cite: {source: dhs, section: disqualifiers, quote: \"Will be disqualified if any of the following apply\"}\n"
                        "  - id: not-met", "  - id: not-met")


def _paragraph_as_plain_text(text: str) -> str:
    start = text.index("    - text: \"Already in training?")
    return (text[:start] + "    - \"Already in training? This check is for parents who want to start. The Parent Partner Program gives "
            "training and support, so ask the people there.\"\n" + text[text.index("  minutes:", start):])


@pytest.mark.parametrize("change, text_of", [(_without_cite_of_training_hint, "this question's hint"),
                                             (_without_cite_of_outcome, "this outcome's text"),
                                             (_paragraph_as_plain_text, "this paragraph")])
def test_a_self_check_text_that_states_policy_without_its_own_source_fails_the_check(project, change, text_of):
    """Finding 3: a hint, an outcome or a start-screen paragraph with policy in it and no source shown."""
    path = project / "data" / "eligibility.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(change(before), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != before
    problems = _check(project)
    assert len(problems) == 1 and f": {text_of} states policy (it says “" in problems[0], problems
    assert "  cite: {source: ..., section: ..., quote: \"...\"}  to the" in problems[0]


def test_the_sentences_naming_a_source_in_each_language_cite_it():
    """The same check on each translated edition: a translation that names the other source is caught too."""
    from generator.policy.naming import naming_problems

    for hb in EDITIONS.values():
        parsed = {name: getattr(hb, name) for name in model.FILES}
        assert naming_problems(parsed, {}) == []
        first = hb.eligibility.requirements[0]  # the DSS guide's
        wrong = first.model_copy(update={"explain": first.explain.model_copy(update={"met": "La página del DHS dice que sí."})})
        el = hb.eligibility.model_copy(update={"requirements": [wrong, *hb.eligibility.requirements[1:]]})
        assert len(naming_problems(parsed | {"eligibility": el}, {})) == 1
