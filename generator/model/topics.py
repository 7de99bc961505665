"""data/training.yaml, commitments.yaml, tiers.yaml and glossary.yaml."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from .common import Cites, Entry, Id, Model, Searchable, Text, UniqueIds


class Topic(Searchable):
    id: Id
    title: Text
    entries: list[Entry] = Field(min_length=1)


class Topics(Searchable):
    """training.yaml and commitments.yaml."""

    intro: list[Entry] = Field(default_factory=list)
    topics: UniqueIds[Topic] = Field(min_length=1)


class Activity(Model):
    id: Id
    name: Text


class Tier(Searchable):
    id: Id
    name: Text
    activities: UniqueIds[Activity] = Field(min_length=1)
    cite: Cites
    note: Optional[Entry] = None


class Tiers(Searchable):
    intro: list[Entry] = Field(default_factory=list)
    tiers: UniqueIds[Tier] = Field(min_length=1)


class Term(Model):
    id: Id
    term: Text
    meaning: Optional[Text] = None
    """None where the sources use the term without saying what it stands for."""
    cite: Cites
    note: Optional[Text] = None


class Glossary(Searchable):
    terms: UniqueIds[Term] = Field(min_length=1)
