"""python -m generator translations LANGUAGE: a starting point for translators.

Adds to data/translations/<language>.yaml an entry for every text of the data that has none: its
English, an empty translation and `reviewed: false`. What is there stays as it is (comments too);
the file is written whole and then swapped in, so it is never left half written.
"""
from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

import click
import yaml

from generator import model
from generator.policy import translations
from generator.commands.command import Project, fail, say, write_atomically
from generator.policy.load import DataError, load_all
from generator.policy.yamlread import read_yaml


def stubs(hb: model.Handbook, language: str, data_dir: Path | None = None, only: set[str] | None = None
          ) -> tuple[Path, str, list[str]]:
    """The translation file of `language` in `data_dir` (else the data's own folder) with an entry added
    for every text of `hb` that has none (of those keyed `only`, if given): (its path, its new text, the
    keys added). Nothing is written."""
    path = (data_dir or hb.data_dir) / translations.FOLDER / f"{language}.yaml"
    have: dict = {}
    if path.exists():  # read as every data file is (its size, its nesting, UTF-8), or a DataError says what is wrong
        have = read_yaml(path, translations.label(language), empty_ok=True).value or {}
        old = path.read_bytes().decode("utf-8-sig")
    else:
        old = (f"# The data's texts in {translations.language_name(language)}: one entry per text, keyed by its place in the data.\n"
               f"# en: the English it was translated from (leave it: `check` compares it with the data);\n"
               f"# {language}: the translation; reviewed: false until policy staff have checked it (then a date or a name).\n")
    missing = {k: {"en": s, language: "", "reviewed": False}
               for k, (_, _, s) in translations.texts({n: getattr(hb, n) for n in model.FILES}).items()
               if k not in have and (only is None or k in only)}
    if not missing:
        return path, old, []
    return path, old + ("" if old.endswith("\n") else "\n") + yaml.safe_dump(missing, allow_unicode=True, width=10**6, sort_keys=False), list(missing)


def write_stubs(hb: model.Handbook, language: str) -> list[str]:
    """Add the missing entries to the data's translation file; the keys added."""
    path, text, added = stubs(hb, language)
    if added:
        path.parent.mkdir(exist_ok=True)
        write_atomically(path, text.encode("utf-8"), 0o644)
    return added


@click.command("translations")
@click.argument("language")
@click.pass_obj
def translations_command(project: Project, language: str) -> None:
    """Add an entry to translate for every text without one to data/translations/LANGUAGE.yaml.

    Each new entry has the English (en:), an empty translation and reviewed: false; `check` then
    lists each one still to translate. Entries already there are kept as they are.
    """
    try:
        hb = load_all(project.data, translations=False)
    except DataError as e:
        fail([p.told() for p in e.problems], e.message().splitlines()[0].replace(" Nothing was published.", ""))
    _known_language(hb.program, language)
    try:
        added = write_stubs(hb, language)
    except DataError as e:
        fail([p.told() for p in e.problems], f"{translations.label(language)} cannot be read, so nothing was added:")
    where = Path("data") / translations.FOLDER / f"{language}.yaml"
    say(f"{where}: {len(added)} entr{'y' if len(added) == 1 else 'ies'} added to translate." if added else f"{where}: every text has an entry.")


def _known_language(program, language: str) -> None:
    """LANGUAGE is the code of one of the program's further languages (data/program.yaml › translations);
    a language's name, in English or in itself ("Spanish", "español"), is answered with its code."""
    codes = list(program.translations)
    listed = ", ".join(codes) or "none yet"
    if language in codes:
        return
    if language == program.language:
        raise click.UsageError(f"'{language}' is the main language, the one the data is written in; give a further language "
                               f"(data/program.yaml › translations: {listed})")
    names = {_plain(n): code for code in codes for n in (code, translations.language_name(code), *_names(code))}
    close = names.get(_plain(language)) or next(iter(difflib.get_close_matches(_plain(language), names, n=1, cutoff=0.75)), None)
    if close:
        code = names[close]
        raise click.UsageError(f"'{language}' is not a language code: write  {code}  ({translations.language_name(code)}), "
                               f"as in data/program.yaml › translations: {listed}")
    raise click.UsageError(f"'{language}' is not a language code of this program: give one of its further languages "
                           f"(data/program.yaml › translations: {listed}), or add the new language's code there first")


def _names(code: str) -> list[str]:
    """A language's name in English and in itself (babel's), like Spanish and español."""
    from babel import Locale

    try:
        locale = Locale.parse(code.replace("-", "_"))
        return [locale.get_display_name("en") or code, locale.get_display_name(locale) or code]
    except Exception:  # noqa: BLE001 - a code babel does not know has only its code
        return []


def _plain(text: str) -> str:
    """'Español ' -> 'espanol': letters only, no accents, lower case."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum() and not unicodedata.combining(c))
