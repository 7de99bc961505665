"""data/program.yaml: the program's names, its words for people, and its versions."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional, Union

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from generator.model.common import Broken, Entry, Language, Model, Text, Verbatim, report


class Terms(Model):
    """The words this program uses for its people, used in page titles and questions."""

    partner: Text
    partners: Text


class RecordedChange(Model):
    """One line of a version's changes, with the day it takes effect when that is not the version's own."""
    text: Verbatim
    effective: Optional[dt.date] = None
    """The day this change takes effect (a dated value's day, an entry's from: or until:); none: the version's."""


def _text_alone(value):
    """A change written as a plain sentence takes effect on its version's day."""
    return {"text": value} if isinstance(value, str) else value


class Version(Model):
    """One recorded version (written by `python -m generator diff --record`): its summary is translated like
    any text a reader reads; its changes stay as written, in the main language (a further language's "What
    changed" page marks them as that language). Each change is listed under the day it takes effect."""
    effective: dt.date
    """The day the version takes effect: the day of each change that gives none of its own."""
    summary: Text
    changes: list[Annotated[RecordedChange, BeforeValidator(_text_alone, json_schema_input_type=Union[str, RecordedChange])]] \
        = Field(default_factory=list)
    """What changed from the version before, in plain words: a sentence, or  {text: ..., effective: DAY}  for
    a change that takes effect on another day than the version."""

    def days(self) -> dict[dt.date, list[str]]:
        """The version's changes by the day each takes effect (a version with no changes: its own day)."""
        out: dict[dt.date, list[str]] = {}
        for c in self.changes:
            out.setdefault(c.effective or self.effective, []).append(c.text)
        return out or {self.effective: []}


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

    def change_days(self) -> list[tuple[dt.date, list[tuple[str, list[str]]]]]:
        """Every day a recorded change takes effect, newest first, with the summary and the changes of each
        version that has changes that day (a version's summary stands with each of its days)."""
        days: dict[dt.date, list[tuple[str, list[str]]]] = {}
        for v in sorted(self.versions, key=lambda v: v.effective):
            for day, changes in v.days().items():
                days.setdefault(day, []).append((v.summary, changes))
        return sorted(days.items(), reverse=True)

    @model_validator(mode="after")
    def _not_the_main_language(self):
        report(Broken(("translations", i), f"'{code}' is the main language (language: {self.language})",
                      "list only further languages under  translations:")
               for i, code in enumerate(self.translations) if code == self.language)
        return self
