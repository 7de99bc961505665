"""python -m generator translations LANGUAGE: a starting point for translators.

Adds to data/translations/<language>.yaml an entry for every text of the data that has none: its
English, an empty translation and `reviewed: false`. What is there stays as it is (comments too);
the file is written whole and then swapped in, so it is never left half written.
"""
from __future__ import annotations

from pathlib import Path

import click
import yaml

from . import model, translations
from .command import Project, fail, say, write_atomically
from .load import DataError, load_all


def stubs(hb: model.Handbook, language: str, data_dir: Path | None = None, only: set[str] | None = None
          ) -> tuple[Path, str, list[str]]:
    """The translation file of `language` in `data_dir` (else the data's own folder) with an entry added
    for every text of `hb` that has none (of those keyed `only`, if given): (its path, its new text, the
    keys added). Nothing is written."""
    path = (data_dir or hb.data_dir) / translations.FOLDER / f"{language}.yaml"
    old = path.read_text(encoding="utf-8") if path.is_file() else (
        f"# The data's texts in {translations.language_name(language)}: one entry per text, keyed by its place in the data.\n"
        f"# en: the English it was translated from (leave it: `check` compares it with the data);\n"
        f"# {language}: the translation; reviewed: false until policy staff have checked it (then a date or a name).\n")
    have = yaml.safe_load(old) or {}
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
    added = write_stubs(hb, language)
    where = Path("data") / translations.FOLDER / f"{language}.yaml"
    say(f"{where}: {len(added)} entr{'y' if len(added) == 1 else 'ies'} added to translate." if added else f"{where}: every text has an entry.")
