"""data/sources.yaml: the source documents, their sections, and where they differ."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field

from generator.model.common import Entry, Id, Model, SourceFile, Text, UniqueIds, Verbatim


class Section(Model):
    id: Id
    title: Text
    starts_with: Verbatim
    """The words that open this section in the source file, used to find it."""


class HeaderFact(Model):
    """One fact of a source's own header, as the source writes it."""

    label: Verbatim
    """The header's own label, copied exactly ("Issued")."""
    value: Verbatim
    """What the header gives for it, copied exactly ("August 12, 2011"), without its formatting."""
    meaning: Optional[Text] = None
    """What the line says, in the handbook's words: a translated edition shows it beside the line, which stays in
    the source's language (not needed where the page already says it, such as the issue date)."""


class Source(Model):
    id: Id
    short: Text
    file: SourceFile
    title: Text
    publisher: Text
    reference: Optional[Text] = None
    date: dt.date
    date_meaning: Text
    program_name: Verbatim
    header: list[HeaderFact] = Field(default_factory=list)
    """The facts the source's own header gives (its issue date, what it replaces, where to send
    changes...), each copied from the file: the build checks that the file holds each label and value."""
    sections: UniqueIds[Section] = Field(min_length=1)


class Difference(Model):
    id: Id
    topic: Text
    statements: list[Entry] = Field(min_length=2)
    note: Text


class Sources(Model):
    sources: UniqueIds[Source] = Field(min_length=1)
    differences: UniqueIds[Difference] = Field(default_factory=list)
