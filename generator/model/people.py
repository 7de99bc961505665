"""data/roles.yaml, duties.yaml and selection.yaml: who does what."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from generator.model.common import Cites, Entry, Id, Model, SearchWords, Text, UniqueIds


class Role(Model):
    id: Id
    name: Text
    names: list[Entry] = Field(min_length=1)
    """What each source calls this role."""
    responsibilities: list[Entry] = Field(min_length=1)
    search_words: SearchWords


class Roles(Model):
    intro: list[Entry] = Field(default_factory=list)
    roles: UniqueIds[Role] = Field(min_length=1)
    search_words: SearchWords


class Duties(Model):
    intro: list[Entry] = Field(default_factory=list)
    will: list[Entry] = Field(min_length=1)
    will_not: list[Entry] = Field(min_length=1)
    search_words: SearchWords


class Step(Model):
    text: Text
    who: Optional[Id] = None
    """The id of the role that does this step."""
    cite: Cites


class Procedure(Model):
    id: Id
    title: Text
    intro: list[Entry] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    search_words: SearchWords


class Selection(Model):
    intro: list[Entry] = Field(default_factory=list)
    procedures: UniqueIds[Procedure] = Field(min_length=1)
    search_words: SearchWords
