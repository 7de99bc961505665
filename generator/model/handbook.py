"""The whole handbook: one field per data file (data/<field>.yaml), plus what is read beside them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from generator.model.common import Cite, Model
from generator.model.eligibility import Eligibility
from generator.model.people import Duties, Roles, Selection
from generator.model.program import Program
from generator.model.sources import Section, Source, Sources
from generator.model.topics import Glossary, Tiers, Topics


class Handbook(Model):
    """Everything in data/, validated. Each field whose type is a Model is a data file of that name."""

    data_dir: Path
    program: Program
    sources: Sources
    roles: Roles
    duties: Duties
    selection: Selection
    training: Topics
    tiers: Tiers
    commitments: Topics
    eligibility: Eligibility
    glossary: Glossary
    source_texts: dict[str, str] = Field(default_factory=dict)
    """Each source section's text, whitespace folded, keyed 'source#section' (for checking quotes)."""
    translations: dict[str, dict] = Field(default_factory=dict)
    """Each further language's entries (data/translations/<language>.yaml), checked: {language: {key: entry}}."""
    untranslated: dict[str, list[Any]] = Field(default_factory=dict)
    """Each further language's texts not yet translated (translations.Untranslated), when the data was loaded
    letting them through (preview, `publish --untranslated english`): their English is shown, marked."""

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources.sources if s.id == source_id)

    def section(self, cite: Cite) -> Section:
        return next(s for s in self.source(cite.source).sections if s.id == cite.section)

    def setting(self, name: str) -> str:
        return next(c.value for c in self.eligibility.policy_choices if c.setting == name)


FILES: dict[str, type[Model]] = {name: f.annotation for name, f in Handbook.model_fields.items()
                                 if isinstance(f.annotation, type) and issubclass(f.annotation, Model)}
"""Each data file (data/<name>.yaml) and the class its content must fit, in the order of Handbook's fields."""
