"""data/program.yaml: the program's names, its words for people, and its versions."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from .common import Broken, Entry, Model, Text, report


class Terms(Model):
    """The words this program uses for its people, used in page titles and questions."""

    partner: Text
    partners: Text


class Version(Model):
    effective: dt.date
    summary: Text
    changes: list[Text] = Field(default_factory=list)
    """What changed from the version before, in plain words (written by `python -m generator diff --record`)."""


def _one_version_a_day(versions: list[Version]) -> list[Version]:
    seen: dict = {}
    report(Broken((i, "effective"), f"the date {v.effective.isoformat()} is recorded twice (also entry {seen[v.effective] + 1})",
                  "merge the two versions into one: put all their  changes:  under the first")
           for i, v in enumerate(versions) if seen.setdefault(v.effective, i) != i)
    return versions


class Program(Model):
    name: Text
    short_name: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    as_of: dt.date
    summary: Text
    terms: Terms
    about: list[Entry] = Field(min_length=1)
    versions: Annotated[list[Version], AfterValidator(_one_version_a_day)] = Field(default_factory=list)
    strings: dict[str, Text] = Field(default_factory=dict)
    """Overrides of the interface words in generator/strings/<language>.yaml."""
