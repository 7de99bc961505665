"""The interface words: generator/locales/<language>.yaml, with a program's own overrides."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"
STRING_KEYS = list(yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8")))


def strings_for(program) -> dict:
    """The words for this program's language, its overrides applied and its terms filled in."""
    path = LOCALES / f"{program.language.split('-')[0]}.yaml"
    words = yaml.safe_load((path if path.is_file() else LOCALES / "en.yaml").read_text(encoding="utf-8"))
    words.update(program.strings)
    terms = program.terms.model_dump()
    return {k: _fill(v, terms) for k, v in words.items()}


def _fill(value, terms: dict):
    if isinstance(value, str):
        for name, word in terms.items():
            value = value.replace("{" + name + "}", word)
    return value


def format_date(day: dt.date, words: dict) -> str:
    """A date in the program's words, e.g. 'August 12, 2011'."""
    return words["date_format"].format(month=words["months"][day.month - 1], day=day.day, year=day.year)
