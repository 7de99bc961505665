"""The building blocks every data file uses: ids, texts, durations, citations, and the way a
model states a broken rule (Broken, report) so the loader can point at the exact line."""
from __future__ import annotations

import copy
import functools
import re
from typing import Annotated, Any, Iterable, NamedTuple, Optional, TypeVar, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Translated:
    """The mark of a text a reader reads: each program's translations (data/translations/) give it in
    every further language (generator/policy/translations.py)."""

    def __repr__(self) -> str:
        return "TRANSLATED"


TRANSLATED = Translated()
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters no text may hold: invisible controls (a tab and a line break are fine), often pasted in from
another program; a carriage return in a heading, for one, breaks the page's anchors."""


def no_control(value: str) -> str:
    found = CONTROL.search(value)
    if found:
        raise ValueError(f"control character U+{ord(found.group()):04X}")
    return value


Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(no_control), TRANSLATED]
Verbatim = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(no_control)]
"""Text that stays as written in every language: a source's own words, a phone number, an address."""
SOURCE_FILE = r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$"
SourceFile = Annotated[str, StringConstraints(pattern=SOURCE_FILE)]
"""A file's place inside data/sources/: no / at the start, no .. (no part starts with a dot), no \\."""

DURATION = re.compile(r"^\s*(\d+)\s+(year|years|month|months)\s*$")


def duration_months(text: str) -> int:
    """'1 year' -> 12, '18 months' -> 18. The format is checked by the Duration type."""
    number, unit = DURATION.match(text).groups()
    return int(number) * (12 if unit.startswith("year") else 1)


MAX_DURATION_YEARS = 100
"""Longer waits are a typo, and dates that far away cannot be counted."""


def _check_duration(value):
    if isinstance(value, str) and DURATION.match(value) and duration_months(value) > 0:
        if duration_months(value) > 12 * MAX_DURATION_YEARS:
            raise ValueError("too long")
        return value.strip()
    raise ValueError("duration")


Duration = Annotated[str, BeforeValidator(_check_duration)]


def _as_list(value):
    """Let policy staff write one citation as a mapping or several as a list."""
    return [value] if isinstance(value, dict) else value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # each field's docs go into the schema (schema.py reads them)


Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
"""A language code: "en", "es", "pt-BR"."""

SearchWords = Annotated[Union[list[Verbatim], dict[Language, list[Verbatim]]], Field(default_factory=list, description=(
    "Words a reader may type into search to find this page or section, besides the words it shows "
    "(such as \"refer\" for a referral, \"don't\" for what a role does not do). Search lists this page, "
    "and this section on it, first for them; no page shows them. They are not policy facts, so they need no citation. "
    "A list is for the main language's pages; to give words for each language, write them under its code "
    "(en: [...], es: [...])."))]
"""The optional `search_words` of a part of the data that is a page or a section of one
(generator/site/search.py puts them into each language's search index). A list holds words of the main
language, for its pages; a mapping gives each language its own (a language left out has none)."""


def search_words_in(words: list | dict, language: str, main: bool) -> list[str]:
    """The search words for the pages in `language` (`main`: the program's main language)."""
    return list(words.get(language, [])) if isinstance(words, dict) else (list(words) if main else [])


# ---------------------------------------------------------------- broken rules, with where they are
RULE_ERROR = "data_rule"
"""The pydantic error type of a broken rule; its ctx holds every Broken, each with its own path."""


class Broken(NamedTuple):
    path: tuple
    """Where the offending value is, below the object whose validator found it."""
    what: str
    fix: str


def report(broken: Iterable[Broken]) -> None:
    """Raise one pydantic error carrying every broken rule, if there are any (a validator raises only once)."""
    broken = list(broken)
    if broken:
        raise PydanticCustomError(RULE_ERROR, "{what}", {"what": broken[0].what, "broken": broken})


def _unique_ids(items: list) -> list:
    seen: dict[str, int] = {}
    broken = []
    for i, item in enumerate(items):
        if item.id in seen:
            broken.append(Broken((i, "id"), f"the id '{item.id}' is used twice in this list (also entry {seen[item.id] + 1})",
                                 "give each entry its own id"))
        seen.setdefault(item.id, i)
    report(broken)
    return items


T = TypeVar("T")
UniqueIds = Annotated[list[T], AfterValidator(_unique_ids)]
"""A list of entries with ids, no id used twice."""


def walk(value: Any, path: tuple = ()):
    """Every (path, object) pair in a parsed model, depth first, in data order (with a stack of its own: nested
    generators would pass each pair up through every level, and the build walks the whole data often)."""
    stack = [(path, value)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, BaseModel):
            stack += [(path + (name,), getattr(value, name)) for name in reversed(type(value).model_fields)]
        elif isinstance(value, (list, tuple)):
            stack += [(path + (i,), value[i]) for i in range(len(value) - 1, -1, -1)]
        elif isinstance(value, dict):
            stack += [(path + (k,), value[k]) for k in reversed(value)]


def by_identity(fn):
    """fn, remembering its last few answers by the identity of its model arguments (of a dict's values) and the
    value of the others. Models are frozen, so the same objects give the same answer; the build and `check` ask
    several times about the same loaded data. The arguments are kept with the answer, so an identity stays
    theirs; a list or dict answer is copied for each caller, a model is given as it is (frozen)."""
    kept: list = []

    def identity(value):
        if isinstance(value, dict):
            return tuple((k, id(v)) for k, v in value.items())
        return id(value) if isinstance(value, BaseModel) else value

    @functools.wraps(fn)
    def remembered(*args):
        key = tuple(identity(a) for a in args)
        answer = next((known for asked, _, known in kept if asked == key), None)
        if answer is None:
            answer = fn(*args)
            kept[:] = [*kept[-3:], (key, args, answer)]
        return copy.copy(answer) if isinstance(answer, (dict, list)) else answer
    return remembered


# ---------------------------------------------------------------- citations and statements
class Cite(Model):
    source: Id
    """The id of a source in sources.yaml."""
    section: Id
    """The id of a section of that source."""
    quote: Optional[Verbatim] = None
    """The source's own words, copied exactly (typos too); checked against the source file."""


Cites = Annotated[list[Cite], BeforeValidator(_as_list, json_schema_input_type=Union[Cite, list[Cite]]), Field(min_length=1)]


class Entry(Model):
    """One statement of policy in plain words, with where it comes from."""

    text: Text
    cite: Cites
    note: Optional[Text] = None
