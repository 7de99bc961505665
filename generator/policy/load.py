"""Load data/*.yaml into the model, or explain every problem in words policy staff understand.

load_all(data_dir) returns a Handbook or raises DataError, whose problems each name the file,
the line, what is wrong and what to write instead. All problems are collected, not just the first.
Each file is read with its lines (yamlread), checked against the model with every rule about its
own contents (model, errors worded by problems), then the files are checked against each other
(crosscheck).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator import model
from generator.policy.crosscheck import cross_check, read_sources
from generator.policy.naming import naming_problems
from generator.policy.provenance import provenance_problems
from generator.model import SETTINGS, Handbook
from generator.policy.problems import DataError, Problem, schema_problems
from generator.policy.stale import stale_problems
from generator.policy import translations as translations_mod
from generator.policy.yamlread import Located, parse_yaml, read_yaml

__all__ = ["DataError", "Handbook", "Located", "Problem", "SETTINGS", "load_all", "parse_yaml", "read_yaml", "schema_problems"]
"""Re-exported for the modules that import them from here (cli, build, selfcheck, the tests)."""


def load_all(data_dir: Path | str, translations: bool = True, untranslated: bool = False) -> Handbook:
    """The whole data; `translations=False` leaves out the further languages' texts and their checks;
    `untranslated=True` lets texts not yet translated through (in `Handbook.untranslated`, shown in English)."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    located: dict[str, Located] = {}
    for name, cls in model.FILES.items():
        label = f"data/{name}.yaml"
        try:
            loc = read_yaml(data_dir / f"{name}.yaml", label)
        except DataError as e:
            problems.extend(e.problems)
            continue
        located[name] = loc
        try:
            parsed[name] = cls.model_validate(loc.value)
        except ValidationError as e:
            problems.extend(schema_problems(e, cls, loc, label))
    texts: dict[str, str] = {}
    sources_read = False
    if "sources" in parsed:
        texts, source_problems = read_sources(parsed["sources"], located["sources"], data_dir)
        problems += source_problems
        sources_read = not source_problems
    problems += cross_check(parsed, located, texts)  # between the files that loaded, so all problems are told at once
    if sources_read:  # which quoted words are the sources' own is known only once every source is read
        problems += stale_problems(parsed, located, texts)  # sentences that restate a rule's value (stale.py)
        problems += naming_problems(parsed, located)  # a sentence naming a source cites it (naming.py)
        problems += provenance_problems(parsed, located)  # ... and states that source's values (provenance.py)
    found: dict = {}
    waiting: dict[str, list] = {}
    if translations:  # each further language's texts, checked against the English (translations.py)
        found, translation_problems = translations_mod.problems(parsed, located, data_dir)
        for p in translation_problems:
            if untranslated and isinstance(p, translations_mod.Untranslated):
                waiting.setdefault(p.language, []).append(p)
            else:
                problems.append(p)
    if problems:
        raise DataError(problems)
    return Handbook(data_dir=data_dir, source_texts=texts, translations=found, untranslated=waiting, **parsed)
