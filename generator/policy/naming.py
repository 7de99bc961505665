"""A sentence that names a source cites that source, and a self-check text that states policy cites its own.

`check` (so every build and `publish`) fails on
- a text that names one of the sources (its short name, such as "DHS page", its publisher, or the letters
  in brackets after the publisher, "DHS") that is not shown with a citation of that source: the `cite:` of
  its own entry, or of the entry it belongs to (a requirement's explanations are shown with the
  requirement's; a disputed requirement's, also with those of the policy choices that dispute it; a
  difference's topic and note, with its statements'). A text with no citation in reach (the program's
  name, a source's own description) is not checked, but
- a self-check text that states policy (a paragraph of its start screen, a question's hint, an outcome)
  needs a `cite:` of its own, which the self-check shows beside it: one is said to state policy when it
  names a source, a term of the glossary or the program's words for its partners.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from generator import model
from generator.policy import translations
from generator.policy.problems import Problem
from generator.policy.yamlread import Located



def _owner(file: str, path: tuple) -> str | None:
    """What holds a self-check text that needs a cite of its own when it states policy, if it is one."""
    if file != "eligibility":
        return None
    if path[:1] == ("questions",) and path[2:] == ("hint",):
        return "question"
    if path[:1] == ("outcomes",) and path[2:] == ("text",):
        return "outcome"
    if path[:1] == ("outcomes",) and path[2:] == ("more", "text"):
        return "paragraph"
    return "paragraph" if path[:2] == ("self_check", "intro") and path[3:] in ((), ("text",)) else None


def _pattern(words: list[str]) -> re.Pattern | None:
    """Any of the words, whole: letters-only capitals (DHS) as written, other words in any case."""
    parts = [(r"(?-i:\b%s\b)" if w.isupper() else r"\b%s\b") % re.escape(w) for w in words if w]
    return re.compile("|".join(parts), re.I) if parts else None


def source_names(sources: model.Sources) -> dict[str, tuple[re.Pattern, set[str]]]:
    """Each word that names a source (its short name, its publisher, the letters in brackets after it), with the
    sources it names: a text that says it must cite one of them (two sources may share a publisher)."""
    owners: dict[str, set[str]] = {}
    for s in sources.sources:
        bracketed = re.findall(r"\(([^()]+)\)", s.publisher)
        for word in (s.short, re.sub(r"\s*\([^()]*\)", "", s.publisher).strip(), *bracketed):
            if word:
                owners.setdefault(word if word.isupper() else word.lower(), set()).add(s.id)
    return {word: (_pattern([word]), ids) for word, ids in owners.items()}


def _own(obj: Any, found: list) -> list:
    """The citations in reach below `obj`: its own, a difference's statements', else those from above."""
    cite = getattr(obj, "cite", None) if isinstance(obj, BaseModel) else None
    if isinstance(cite, list) and cite:
        return list(cite)
    if isinstance(obj, model.Difference):
        return [c for s in obj.statements for c in s.cite]
    return found


def reach(root: Any, path: tuple) -> tuple[list, Any]:
    """(the citations shown with the text at `path`, the object that holds it)."""
    obj, found, holder = root, _own(root, []), root
    for step in path:
        holder = obj
        obj = obj[step] if isinstance(obj, (list, tuple, dict)) else getattr(obj, step)
        found = _own(obj, found)
    return found, holder


def shortened(text: str) -> str:
    """The text, or its first 67 characters and "..." (a sentence quoted in a message)."""
    return text if len(text) < 70 else text[:67] + "..."


def naming_problems(parsed: dict, located: dict[str, Located]) -> list[Problem]:
    if "sources" not in parsed:
        return []
    names = source_names(parsed["sources"])
    shorts = {s.id: s.short for s in parsed["sources"].sources}
    policy = None
    if "glossary" in parsed and "program" in parsed:
        terms = parsed["program"].terms
        policy = _pattern([t.term for t in parsed["glossary"].terms] + [terms.partner, terms.partners])
    files = {name: parsed[name] for name in model.FILES if name in parsed}
    problems = []
    for key, (file, path, text) in translations.texts(files).items():
        if (file, *path[:1]) == ("program", "versions"):
            continue  # what was recorded about an earlier version stays as it was written
        cites, holder = reach(parsed[file], path)
        if file == "eligibility" and path[:1] == ("requirements",) and path[2:4] == ("explain", "disputed"):
            rid = parsed[file].requirements[path[1]].id
            disputing = [c for choice in parsed[file].policy_choices if rid in choice.disputes for c in choice.cite]
            if not disputing:
                continue  # no policy choice disputes the requirement: this text is never shown
            cites = cites + disputing
        where = (f"data/{file}.yaml", located[file].line(path) if file in located else None)
        owner = _owner(file, path)
        if owner and getattr(holder, "cite", None) is None and policy and policy.search(text):
            text_of = {"question": "this question's hint", "outcome": "this outcome's text", "paragraph": "this paragraph"}[owner]
            problems.append(Problem(*where, f"{text_of} states policy (it says “{policy.search(text)[0]}”) but the {owner} has no  cite:",
                                    f"add  cite: {{source: ..., section: ..., quote: \"...\"}}  to the {owner}, naming where the sources say it; "
                                    "the self-check shows it beside the text"))
            continue
        if not cites:
            continue
        cited, told = {c.source for c in cites}, set()
        for pattern, sources in names.values():
            m = pattern.search(text)
            if m and not sources & cited and not sources & told:
                told |= sources
                named = " or ".join(f"the {shorts[s]}" for s in sorted(sources))
                problems.append(Problem(*where, f"“{shortened(text)}” names {named} (“{m[0]}”) but cites only "
                                        + " and ".join(f"the {shorts[s]}" for s in sorted(cited) if s in shorts),
                                        f"add a  cite:  of the section of {named} that says it, or say only what the citations say"))
    return problems
