"""The interface words: generator/locales/<language>.yaml, plus the words each component keeps in its
own folder (generator/<component>/words.<language>.yaml, such as the self-check's), with a program's
own overrides on top."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent.parent / "locales"
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same safe rules, read by libyaml where PyYAML has it


@functools.lru_cache(maxsize=16)
def _read(path: Path, mtime_ns: int) -> dict:
    """One locale file, parsed once per version of it (a build reads the words several times)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML)


def _words(path: Path) -> dict:
    return dict(_read(path, path.stat().st_mtime_ns))


def word_files(language: str) -> list[Path]:
    """The files of one language's words, in the order they are read (English where a file has no translation)."""
    def pick(path: Path, fallback: Path) -> Path:
        return path if path.is_file() else fallback

    return [pick(LOCALES / f"{language}.yaml", LOCALES / "en.yaml")] + [
        pick(english.with_name(f"words.{language}.yaml"), english) for english in sorted(LOCALES.parent.glob("*/words.en.yaml"))]


def _language(language: str) -> dict:
    """The site's words and every component's words in one language (English where there are none)."""
    words: dict = {}
    for path in word_files(language):
        words.update(_words(path))
    return words


STRING_KEYS = list(_language("en"))


def strings_for(program) -> dict:
    """The words for this program's language, its overrides applied and its terms filled in."""
    words = _language(program.language.split("-")[0])
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
