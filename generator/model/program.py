"""data/program.yaml: the program's names, its words for people, and its versions."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from .common import Broken, Entry, Language, Model, Text, Verbatim, report


class Terms(Model):
    """The words this program uses for its people, used in page titles and questions."""

    partner: Text
    partners: Text


class Version(Model):
    """One recorded version: the program's log of what changed, kept in the main language only (a
    further language's "What changed" page shows it as written, marked as that language)."""
    effective: dt.date
    summary: Verbatim
    changes: list[Verbatim] = Field(default_factory=list)
    """What changed from the version before, in plain words (written by `python -m generator diff --record`)."""


def _one_version_a_day(versions: list[Version]) -> list[Version]:
    seen: dict = {}
    report(Broken((i, "effective"), f"the date {v.effective.isoformat()} is recorded twice (also entry {seen[v.effective] + 1})",
                  "merge the two versions into one: put all their  changes:  under the first")
           for i, v in enumerate(versions) if seen.setdefault(v.effective, i) != i)
    return versions


def _further_languages(languages: list[str]) -> list[str]:
    seen: set = set()
    report(Broken((i, ), f"the language '{code}' is listed twice", "list each language once")
           for i, code in enumerate(languages) if code in seen or seen.add(code))
    return languages


class Program(Model):
    name: Text
    short_name: Text
    language: Language = "en"
    """The main language: the one the data is written in."""
    translations: Annotated[list[Language], AfterValidator(_further_languages)] = Field(default_factory=list)
    """Further languages the whole site is published in (as /<language>/), each with its texts in
    data/translations/<language>.yaml."""
    as_of: dt.date
    summary: Text
    terms: Terms
    about: list[Entry] = Field(min_length=1)
    versions: Annotated[list[Version], AfterValidator(_one_version_a_day)] = Field(default_factory=list)
    strings: dict[str, Text] = Field(default_factory=dict)
    """Overrides of the interface words in generator/strings/<language>.yaml."""

    @model_validator(mode="after")
    def _not_the_main_language(self):
        report(Broken(("translations", i), f"'{code}' is the main language (language: {self.language})",
                      "list only further languages under  translations:")
               for i, code in enumerate(self.translations) if code == self.language)
        return self
