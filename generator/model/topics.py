"""data/training.yaml, commitments.yaml, tiers.yaml and glossary.yaml."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from generator.model.dated import Bounded
from generator.model.common import Cites, Entry, Id, Model, SearchWords, Text, UniqueIds


class Topic(Model):
    id: Id
    title: Text
    entries: list[Entry] = Field(min_length=1)
    search_words: SearchWords


class Topics(Model):
    """training.yaml and commitments.yaml."""

    intro: list[Entry] = Field(default_factory=list)
    topics: UniqueIds[Topic] = Field(min_length=1)
    search_words: SearchWords


class Activity(Bounded):
    id: Id
    name: Text


class Tier(Model):
    id: Id
    name: Text
    activities: UniqueIds[Activity] = Field(min_length=1)
    cite: Cites
    note: Optional[Entry] = None
    search_words: SearchWords


class Tiers(Model):
    intro: list[Entry] = Field(default_factory=list)
    tiers: UniqueIds[Tier] = Field(min_length=1)
    search_words: SearchWords


class Term(Model):
    id: Id
    term: Text
    meaning: Optional[Text] = None
    """None where the sources use the term without saying what it stands for."""
    cite: Cites
    note: Optional[Text] = None


class Glossary(Model):
    terms: UniqueIds[Term] = Field(min_length=1)
    search_words: SearchWords
