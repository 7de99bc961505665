"""Further languages: every text of the data has its translation, and `check` names the file, the line
and what to do when one is missing, stale (its English changed) or points at nothing."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from generator import model
from generator.policy import translations
from generator.policy.asof import at
from generator.commands.cli import main
from generator.policy.load import DataError, load_all
from generator.policy.strings import LOCALES, format_date, strings_for
from tests.kit import ROOT

ES = "data/translations/es.yaml"


@pytest.fixture
def project(translated_project):
    """The tests here change a copy of the project that keeps its further languages."""
    return translated_project


def run(project, *args):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def entries(project) -> dict:
    return yaml.safe_load((project / ES).read_text(encoding="utf-8"))


def write(project, data: dict) -> None:
    (project / ES).write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False), encoding="utf-8")


def line_of(project, file: str, text: str) -> int:
    lines = (project / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# ---------------------------------------------------------------- the interface words
@pytest.mark.parametrize("english", [LOCALES / "en.yaml", *sorted(LOCALES.parent.glob("*/words.en.yaml"))], ids=lambda p: p.name)
def test_every_language_has_the_same_interface_words_as_english(english):
    keys = set(yaml.safe_load(english.read_text(encoding="utf-8")))
    others = [p for p in english.parent.glob("*.yaml" if english.name == "en.yaml" else "words.*.yaml") if p != english]
    assert others, "no other language to compare"
    for other in others:
        assert set(yaml.safe_load(other.read_text(encoding="utf-8"))) == keys, other


# ---------------------------------------------------------------- the real data
def test_every_text_of_the_data_has_its_spanish_and_quotes_have_none():
    hb = load_all(ROOT / "data")
    english = translations.texts({n: getattr(hb, n) for n in model.FILES})
    assert set(hb.translations["es"]) == set(english)
    assert not any("quote" in key.split(translations.SEP) for key in english)
    es = translations.edition(hb, "es")
    assert es.program.language == "es" and es.eligibility.self_check.title == "¿Podría ser Parent Partner?"
    quotes = [c.quote for _, c in model.walk(es) if isinstance(c, model.Cite) and c.quote]
    assert quotes == [c.quote for _, c in model.walk(hb) if isinstance(c, model.Cite) and c.quote]  # quotes stay as the sources wrote them


def test_dates_and_durations_are_written_the_spanish_way(project):
    el = project / "data" / "eligibility.yaml"
    el.write_text(el.read_text(encoding="utf-8").replace('at_least: "1 year", training_after', 'at_least: "18 months", training_after'), encoding="utf-8")
    hb = at(translations.edition(load_all(project / "data"), "es"), dt.date(2026, 11, 30))
    req = next(r for r in hb.eligibility.requirements if r.id == "dhs-reunited-one-year")
    assert req.title == "Al menos 18 meses de reunificación" and "tras seis meses de reunificación" in req.text
    assert format_date(dt.date(2026, 11, 30), strings_for(hb.program)) == "30 de noviembre de 2026"


# ---------------------------------------------------------------- the check's messages
def test_a_text_without_its_translation_is_named_at_the_english_text_with_the_entry_to_add(project):
    key = "eligibility.yaml › questions › open-case › text"
    data = entries(project)
    english = data.pop(key)["en"]
    write(project, data)
    result = run(project, "check")
    assert result.exit_code == 1
    where = f"data/eligibility.yaml:{line_of(project, 'data/eligibility.yaml', english)}:"
    assert f"{where} this text has no Spanish (es) translation in {ES} — add this entry there" in result.stderr
    assert "python -m generator translations es" in result.stderr
    assert f"{key}:\n        en: {english}\n        es: ''\n        reviewed: false" in result.stderr


def test_a_translation_whose_english_changed_is_stale_with_old_and_new(project):
    el = project / "data" / "eligibility.yaml"
    old = "Is your family life healthy and stable right now?"
    el.write_text(el.read_text(encoding="utf-8").replace(old, "Is your family life safe and stable right now?"), encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    line = line_of(project, ES, f"en: {old}")
    assert (f"{ES}:{line}: the English of 'eligibility.yaml › questions › stable-family › text' changed after it was translated — "
            "make  es:  say what the new English says, copy the new English into  en:, and set  reviewed: false") in result.stderr
    assert f"was: {old}\n      now: Is your family life safe and stable right now?" in result.stderr


def test_an_entry_for_no_text_is_named_with_its_line(project):
    data = entries(project)
    data["tiers.yaml › tiers › tier-9 › name"] = {"en": "Tier IX", "es": "Nivel IX", "reviewed": False}
    write(project, data)
    result = run(project, "check")
    assert result.exit_code == 1
    line = line_of(project, ES, "tier-9")
    assert (f"{ES}:{line}: 'tiers.yaml › tiers › tier-9 › name' is the place of no text in the data (it was removed, or its id changed) — "
            "remove this entry, or change its key to the text's new place") in result.stderr


def test_an_empty_translation_and_a_bad_reviewed_are_named(project):
    data = entries(project)
    data["tiers.yaml › tiers › tier-1 › name"]["es"] = ""
    data["tiers.yaml › tiers › tier-2 › name"]["reviewed"] = ""
    write(project, data)
    result = run(project, "check")
    assert result.exit_code == 1
    empty = line_of(project, ES, "es: ''")
    assert f"{ES}:{empty}: 'tiers.yaml › tiers › tier-1 › name' is not translated yet" in result.stderr
    assert "is not false, a date or a name — write  reviewed: false  until policy staff have checked it" in result.stderr


def test_a_language_without_its_file_or_words_is_named_in_program_yaml(project):
    program = project / "data" / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace("translations: [es]", "translations: [es, xx]"), encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    line = line_of(project, "data/program.yaml", "translations:")
    assert f"data/program.yaml:{line}: the generator has no interface words in xx — add generator/locales/xx.yaml" in result.stderr
    assert f"data/program.yaml:{line}: data/translations/xx.yaml does not exist — run  python -m generator translations xx" in result.stderr


def test_the_main_language_is_not_a_further_one(project):
    program = project / "data" / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace("translations: [es]", "translations: [es, en]"), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_all(project / "data")
    assert "'en' is the main language (language: en) — list only further languages under  translations:" in e.value.message()


def test_check_counts_the_texts_not_yet_reviewed(project):
    data = entries(project)
    for entry in list(data.values())[:5]:
        entry["reviewed"] = "2026-11-26 policy staff"
    write(project, data)
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert f"{len(data) - 5} Spanish (es) texts are not yet reviewed ({ES}: reviewed: false)" in result.stderr


# ---------------------------------------------------------------- a starting point for translators
def test_the_translations_command_adds_an_entry_for_each_missing_text_and_keeps_the_rest(project):
    data = entries(project)
    removed = [k for k in data if k.startswith("glossary.yaml")]
    for key in removed:
        del data[key]
    write(project, data)
    before = (project / ES).read_text(encoding="utf-8")
    result = run(project, "translations", "es")
    assert result.exit_code == 0, result.output
    assert f"{len(removed)} entries added to translate" in result.stderr
    after = (project / ES).read_text(encoding="utf-8")
    assert after.startswith(before)
    added = yaml.safe_load(after[len(before):])
    assert list(added) == removed and all(e["es"] == "" and e["reviewed"] is False for e in added.values())
    assert not list((project / "data" / "translations").glob(".*"))  # no temporary file left behind
    result = run(project, "check")
    assert result.exit_code == 1 and result.stderr.count("is not translated yet") == len(removed)


def test_the_quotes_of_a_translated_page_are_marked_english(built_site):
    from tests.kit import page

    spans = page(built_site, "es/roles.md").select("small.cite span[lang=en]")
    assert spans and all(re.match(r"^“.*”$", s.get_text()) for s in spans)
    assert not page(built_site, "roles.md").select("small.cite span[lang]")


def test_check_names_a_language_the_theme_has_no_words_for(project):
    """A language the generator has words for (here a copy of the Spanish ones) but Material has not."""
    program = project / "data" / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace("translations: [es]", "translations: [es, xx]"), encoding="utf-8")
    for folder, name in ((project / "generator" / "locales", "{}.yaml"), (project / "generator" / "selfcheck", "words.{}.yaml")):
        (folder / name.format("xx")).write_text((folder / name.format("es")).read_text(encoding="utf-8"), encoding="utf-8")
    es = project / "data" / "translations" / "es.yaml"
    (es.parent / "xx.yaml").write_text(es.read_text(encoding="utf-8").replace("\n  es: ", "\n  xx: "), encoding="utf-8")
    # in a process of its own, run from the copy, so the copy's generator/ (with the xx words) is used
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1, result.stderr
    line = line_of(project, "data/program.yaml", "translations:")
    assert f"data/program.yaml:{line}: the theme has no words for the language 'xx' — write one of: " in result.stderr


def test_a_changed_id_is_one_message_naming_the_new_key(project):
    tiers = project / "data" / "tiers.yaml"
    tiers.write_text(tiers.read_text(encoding="utf-8").replace("{id: focus-groups,", "{id: focus-circles,"), encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    line = line_of(project, ES, "focus-groups")
    assert (f"{ES}:{line}: 'tiers.yaml › tiers › tier-3 › activities › focus-groups › name' is the place of no text any more: its "
            "English is now at 'tiers.yaml › tiers › tier-3 › activities › focus-circles › name' — change this entry's key to "
            "'tiers.yaml › tiers › tier-3 › activities › focus-circles › name'") in result.stderr
    assert "The policy data has 1 problem." in result.stderr


def test_a_changed_rule_value_leaves_every_translation_in_step(project):
    """Durations reach texts through {requirement.field} placeholders, in both languages: a new value needs no new translation."""
    el = project / "data" / "eligibility.yaml"
    el.write_text(el.read_text(encoding="utf-8").replace('at_least: "1 year"', 'at_least: "29 months"'), encoding="utf-8")
    hb = load_all(project / "data")  # no stale, missing or orphan translation (the scenarios' dates change, not the texts)
    es = at(translations.edition(hb, "es"), dt.date(2026, 11, 30))
    assert next(r for r in es.eligibility.requirements if r.id == "dhs-substance-free").title.startswith("Sin sustancias por 29 meses")
