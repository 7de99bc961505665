"""The data's texts in further languages: data/translations/<language>.yaml, one entry per text.

Every text a reader reads (a field typed `Text` in the model, generator/model/common.py) has a key,
its path in the data with list entries named by their id: 'eligibility.yaml › questions › reunified
› text'. A translation entry holds the English it was translated from (`en:`, verbatim), the
translation (`<language>:`) and `reviewed:` (false until policy staff have checked it). The check
(`problems`) fails when a text has no entry, when an entry's English is no longer the data's
(the text changed after it was translated), and when an entry points at no text. Quotes from the
sources (`Verbatim`) are never translated. `edition(hb, language)` is the handbook in that language.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml
from pydantic import BaseModel

from generator.policy import facts
from generator import model
from generator.policy.problems import DataError, Problem
from generator.policy.stale import translation_stale
from generator.policy.strings import strings_for
from generator.policy.untranslated import wrap
from generator.policy.yamlread import Located, read_yaml

SEP = " › "
FOLDER = "translations"
REVIEWED_FIX = "write  reviewed: false  until policy staff have checked it, then the date (2026-11-30) or who checked it"


@dataclass(frozen=True)
class Untranslated(Problem):
    """A text with no translation in a language yet (no entry, an empty one, or one translated from older
    English): `check` and `publish` name it; preview, and `publish --untranslated english`, show the English
    in its place, marked (untranslated.py)."""
    language: str = ""
    key: str = ""
    english: str = ""


def reviewed_ok(value: Any) -> bool:
    """`reviewed:` of a translation (an entry, or a translated hand-written page): false, a date or a name."""
    return value is False or isinstance(value, dt.date) or (isinstance(value, str) and bool(value.strip()))


def label(language: str) -> str:
    return f"data/{FOLDER}/{language}.yaml"


def language_name(code: str) -> str:
    """'es' -> 'Spanish' (babel's names, for the messages policy staff read)."""
    from babel import Locale

    try:
        return f"{Locale.parse(code.replace('-', '_')).get_display_name('en')} ({code})"
    except Exception:  # a code babel does not know: the code itself
        return code


# ---------------------------------------------------------------- which texts, and their keys
def _marked(tp: Any) -> bool:
    if typing.get_origin(tp) is typing.Annotated and model.TRANSLATED in tp.__metadata__:
        return True
    return any(_marked(a) for a in typing.get_args(tp))


def _translated(field) -> bool:
    return model.TRANSLATED in field.metadata or _marked(field.annotation)


@functools.cache
def _fields(cls: type[BaseModel]) -> dict[str, bool]:
    """Each field of a model class, and whether it is a translated text (worked out once per class)."""
    return {name: _translated(f) for name, f in cls.model_fields.items()}


def _item(value: Any, index: int) -> str:
    """A list entry's name in a key: its id (an answer's value), else its number from 1 (a source's header line,
    whose value is the source's own words, which may be corrected)."""
    for name in ("id", "value"):
        found = getattr(value, name, None)
        if isinstance(found, str) and (name == "id" or isinstance(value, model.Answer)):
            return found
    return str(index + 1)


def _map(obj: Any, path: tuple, key: tuple, marked: bool, fn: Callable[[str, tuple, str], str], copy: bool = True) -> Any:
    """obj with every translated text replaced by fn(key, path in the YAML, text); a source's own
    words (citations) are left as they are. With copy=False, fn only sees each text, and obj is returned as it is."""
    if isinstance(obj, model.Cite):
        return obj
    if isinstance(obj, BaseModel):
        update = {n: _map(getattr(obj, n), path + (n,), key + (n,), t, fn, copy) for n, t in _fields(type(obj)).items()}
        return obj.model_copy(update=update) if copy else obj
    if isinstance(obj, (list, tuple)):
        items = [_map(x, path + (i,), key + (_item(x, i),), marked, fn, copy) for i, x in enumerate(obj)]
        return type(obj)(items) if copy else obj
    if isinstance(obj, dict):
        return {k: _map(v, path + (k,), key + (str(k),), marked, fn, copy) for k, v in obj.items()}
    if isinstance(obj, str) and marked:
        return fn(SEP.join(key), path, obj)
    return obj


@model.by_identity
def texts(files: dict[str, Any]) -> dict[str, tuple[str, tuple, str]]:
    """Every translated text of the data files given ({name: parsed file}): {key: (file name, path, English)}."""
    found: dict = {}
    for name, value in files.items():
        _map(value, (), (f"{name}.yaml",), False, lambda k, p, s, n=name: found.setdefault(k, (n, p, s)) and s, copy=False)
    return found


# ---------------------------------------------------------------- the check
def _entry_problems(language: str, key: str, entry: Any, loc: Located) -> list[Problem]:
    where = label(language)
    line = loc.key_line((key,))
    if not isinstance(entry, dict) or set(entry) != {"en", language, "reviewed"}:
        return [Problem(where, line, f"the entry '{key}' needs exactly  en:  {language}:  and  reviewed:",
                        f"write the English under  en:, the translation under  {language}:  and  reviewed: false")]
    if not isinstance(entry["en"], str) or not isinstance(entry[language], str):
        return [Problem(where, line, f"the entry '{key}' needs its  en:  and  {language}:  as text", "put each text in quotes")]
    if not entry[language].strip():
        return [Untranslated(where, loc.line((key, language)), f"'{key}' is not translated yet",
                             f"write the {language_name(language)} text under  {language}:  saying the same as  en:",
                             language=language, key=key, english=entry["en"])]
    broken = _placeholder_problems(language, key, entry)
    if broken:
        return [Problem(where, loc.line((key, language)), what, fix) for what, fix in broken]
    reviewed = entry["reviewed"]
    if not reviewed_ok(reviewed):
        return [Problem(where, loc.line((key, "reviewed")), f"'reviewed: {reviewed}' is not false, a date or a name", REVIEWED_FIX)]
    return []


def _placeholder_problems(language: str, key: str, entry: dict) -> list[tuple[str, str]]:
    """A translation shows the same {placeholders} as its English, no control character, and a translated
    interface word (program.yaml › strings) is a word as good as English's (wordcheck.py)."""
    from generator.model.common import CONTROL
    from generator.policy.wordcheck import PLACEHOLDER, word_problem_of

    text, english = entry[language], entry["en"]
    if CONTROL.search(text):
        return [(f"the {language_name(language)} of '{key}' holds an invisible control character (U+{ord(CONTROL.search(text).group()):04X})",
                 "retype the text (it often comes from pasting out of another program)")]
    theirs, ours = set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(text))
    if {"{", "}"} & set(PLACEHOLDER.sub("", text)) and not {"{", "}"} & set(PLACEHOLDER.sub("", english)):
        return [(f"the {language_name(language)} of '{key}' has a {{ or }} that is not part of a placeholder",
                 "write each placeholder as the English has it, with one { and one }")]
    if theirs != ours:
        wrong = ", ".join("{" + p + "}" for p in sorted(ours - theirs)) or "no " + ", ".join("{" + p + "}" for p in sorted(theirs - ours))
        need = ", ".join("{" + p + "}" for p in sorted(theirs)) or "none"
        return [(f"the {language_name(language)} of '{key}' has {wrong}: its placeholders differ from the English's",
                 f"write the placeholders exactly as the English has them ({need}); only the words around them are translated")]
    word = key.removeprefix(f"program.yaml{SEP}strings{SEP}")
    return word_problem_of(word, text) if word != key else []


def _missing(language: str, key: str, name: str, line: int | None, english: str) -> Problem:
    stub = yaml.safe_dump({key: {"en": english, language: "", "reviewed": False}}, allow_unicode=True, width=10**6, sort_keys=False)
    return Untranslated(f"data/{name}.yaml", line, f"this text has no {language_name(language)} translation in {label(language)}",
                        f"add this entry there and translate it (python -m generator translations {language} adds every missing one)",
                        shown=stub.rstrip("\n").replace("\n", "\n      "), language=language, key=key, english=english)


def problems(parsed: dict, located: dict[str, Located], data_dir: Path) -> tuple[dict, list[Problem]]:
    """({language: {key: entry}}, the problems) for the program's further languages."""
    program = parsed.get("program")
    if program is None or not program.translations:
        return {}, []
    english = texts({name: parsed[name] for name in model.FILES if name in parsed})
    main_words = strings_for(program)
    complete = all(name in parsed for name in model.FILES)  # an entry of a file that did not load is not an orphan
    found, out = {}, []
    for i, language in enumerate(program.translations):
        where = label(language)
        stated = translation_stale(parsed, language)
        program_line = located["program"].line(("translations", i))
        path = data_dir / FOLDER / f"{language}.yaml"
        if not (Path(__file__).parent.parent / "locales" / f"{language}.yaml").is_file():
            out.append(Problem("data/program.yaml", program_line, f"the generator has no interface words in {language_name(language)}",
                               f"add generator/locales/{language}.yaml (a copy of en.yaml, translated), or remove '{language}'"))
        if not path.is_file():
            out.append(Problem("data/program.yaml", program_line, f"{where} does not exist",
                               f"run  python -m generator translations {language}  to write it with every text to translate"))
            continue
        try:
            loc = read_yaml(path, where)
        except DataError as e:
            out += e.problems
            continue
        entries = loc.value if isinstance(loc.value, dict) else {}
        words = strings_for(program.model_copy(update={"language": language}))
        if not isinstance(loc.value, dict):
            out.append(Problem(where, 1, "this file is not a list of entries keyed by the English text's place",
                               f"run  python -m generator translations {language}  on an empty file to see the form"))
        missing = [k for k in english if k not in entries]
        usable = {}
        for key, entry in entries.items():
            bad = _entry_problems(language, str(key), entry, loc)
            if bad:
                out += [p if not isinstance(p, Untranslated) or key not in english else
                        dataclasses.replace(p, english=english[key][2]) for p in bad]
            elif key not in english:
                moved = [k for k in missing if english[k][2] == entry["en"]]  # the same English at a new place: an id changed
                if len(moved) == 1:
                    missing.remove(moved[0])
                    out.append(Problem(where, loc.key_line((key,)), f"'{key}' is the place of no text any more: its English is now at '{moved[0]}'",
                                       f"change this entry's key to '{moved[0]}'"))
                elif complete:
                    out.append(Problem(where, loc.key_line((key,)), f"'{key}' is the place of no text in the data (it was removed, or its id changed)",
                                       "remove this entry, or change its key to the text's new place"))
            elif entry["en"] != english[key][2]:  # stale: its old translation is never shown
                out.append(Untranslated(where, loc.line((key, "en")), f"the English of '{key}' changed after it was translated",
                                        f"make  {language}:  say what the new English says, copy the new English into  en:, and set  reviewed: false",
                                        shown=f"was: {entry['en']}\n      now: {english[key][2]}", language=language, key=key,
                                        english=english[key][2]))
            elif stated and stated(entry["en"], entry[language]):
                out.append(Problem(where, loc.line((key, language)), f"the {language_name(language)} of '{key}' states "
                                   f"'{stated(entry['en'], entry[language])[0]}' in words, a value the English shows by a rule's placeholder",
                                   "leave the value to the placeholder, as the English does: written in words, it stays when the rule changes"))
            elif differs := facts.differ(entry["en"], entry[language], main_words, words):
                out.append(Problem(where, loc.line((key, language)), f"the numbers or dates of '{key}' are not its English's: {differs}",
                                   "write the same numbers and dates as the English (a number in digits or in words, a date "
                                   "the way this language writes it)"))
            else:
                usable[key] = entry
        for key in missing:
            name, yaml_path, text = english[key]
            out.append(_missing(language, key, name, located[name].line(yaml_path), text))
        found[language] = usable
    return found, out


# ---------------------------------------------------------------- the handbook in another language
def edition(hb: model.Handbook, language: str) -> model.Handbook:
    """The handbook with every text in `language` (the data as written: before `asof.at`). A text not yet
    translated (only when the data was loaded allowing it) keeps its English, marked (untranslated.py)."""
    entries = hb.translations[language]
    files = {name: _map(getattr(hb, name), (), (f"{name}.yaml",), False,
                        lambda k, p, s: entries[k][language] if k in entries else wrap(s))
             for name in model.FILES}
    files["program"] = files["program"].model_copy(update={"language": language, "translations": []})
    return hb.model_copy(update=files)


def unreviewed(hb: model.Handbook) -> dict[str, list[str]]:
    """Each further language's entries that policy staff have not yet marked reviewed."""
    return {lang: [k for k, e in entries.items() if e["reviewed"] is False] for lang, entries in hb.translations.items()}
