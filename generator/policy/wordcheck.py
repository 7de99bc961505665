"""The interface words (generator/locales/, each component's words.<language>.yaml, a program's `strings:`)
are checked at `check`, so a mistake in one is named with its file and line instead of stopping the build:
each word is of English's kind (text, or a list as long as English's), holds only the {placeholders} its
English holds (and the program's terms, {partner} and {partners}), no brace besides, no control character;
the PDF's file is a plain name ending in .pdf, its page size one WeasyPrint reads and big enough to print on.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from generator.model.common import CONTROL
from generator.model.program import Terms
from generator.policy.problems import Problem
from generator.policy.strings import _language, _words, word_files
from generator.policy.yamlread import Located, read_yaml

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PDF_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.pdf$")
MIN_PAGE_MM = 100
"""The PDF's pages are at least this wide and high: its margins take 36 mm across and 44 mm down."""
PAGE_SIZES = {"a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "a6": (105, 148), "b4": (250, 353), "b5": (176, 250),
              "jis-b4": (257, 364), "jis-b5": (182, 257), "letter": (215.9, 279.4), "legal": (215.9, 355.6), "ledger": (279.4, 431.8)}
"""The named paper sizes of CSS (those of at least MIN_PAGE_MM), in millimetres, portrait."""
UNITS_MM = {"mm": 1, "cm": 10, "q": 0.25, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96}
TERMS = set(Terms.model_fields)
"""The program's words for its people ({partner}, {partners}): every word may show them."""
SIZE_FIX = (f"write a paper size ({', '.join(PAGE_SIZES)}), optionally followed by  landscape , or a width and a height "
            f"like  210mm 297mm  (each at least {MIN_PAGE_MM}mm)")


def page_size_mm(text: str) -> tuple[float, float] | None:
    """The page's (width, height) in millimetres, as WeasyPrint reads CSS `size:`; None if it cannot be read."""
    words = text.lower().split()
    lengths = [re.fullmatch(r"(\d+(?:\.\d+)?)(mm|cm|q|in|pt|pc|px)", w) for w in words]
    if words and len(words) <= 2 and all(lengths):
        sides = [float(m[1]) * UNITS_MM[m[2]] for m in lengths]
        return sides[0], sides[-1]
    orientation = [w for w in words if w in ("portrait", "landscape")]
    named = [w for w in words if w not in ("portrait", "landscape")]
    if len(words) > 2 or len(orientation) > 1 or len(named) > 1 or not words:
        return None
    size = PAGE_SIZES.get(named[0]) if named else PAGE_SIZES["a4"]
    if size is None:
        return None
    return size[::-1] if orientation == ["landscape"] else size


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _word_problems(key: str, value, english, terms: set[str]) -> list[tuple[str, str]]:
    """(what is wrong, the fix) for one word."""
    if isinstance(english, dict):  # more words for numbers ({word: number}): the translations' check (facts.py)
        if not isinstance(value, dict) or not all(isinstance(k, str) and k.strip() and isinstance(n, int) and not isinstance(n, bool)
                                                  for k, n in value.items()):
            return [(f"'{key}' should be words each with its number (like {{both: 2}})", "write them as in generator/locales/en.yaml")]
        return []
    if isinstance(english, list):
        if not isinstance(value, list) or len(value) != len(english) or not all(isinstance(v, str) and v.strip() for v in value):
            return [(f"'{key}' should be a list of {len(english)} words (like {', '.join(english[:3])}, ...)",
                     f"write all {len(english)}, in order, as in generator/locales/en.yaml")]
        value = " ".join(value)
    elif not isinstance(value, str) or not value.strip():
        return [(f"'{key}' should be text", "write the words in double quotes")]
    out = []
    control = CONTROL.search(value)
    if control:
        out.append((f"'{key}' holds an invisible control character (U+{ord(control.group()):04X})",
                    "retype the words (it often comes from pasting out of another program)"))
    allowed = _placeholders(english if isinstance(english, str) else "") | terms
    for name in sorted(_placeholders(value) - allowed):
        close = difflib.get_close_matches(name, sorted(allowed), n=1)
        out.append((f"'{key}' holds '{{{name}}}', which this word cannot show",
                    f"did you mean '{{{close[0]}}}'?" if close else
                    "the placeholders it can hold are " + ", ".join("{" + a + "}" for a in sorted(allowed))))
    if "{" in PLACEHOLDER.sub("", value) or "}" in PLACEHOLDER.sub("", value):
        out.append((f"'{key}' holds a {{ or }} that is not part of a placeholder", "remove it, or write the placeholder whole, like {date}"))
    if key == "pdf_file" and not PDF_FILE.match(value):
        out.append((f"'pdf_file: {value}' is not a plain file name ending in .pdf",
                    "write a name like  handbook.pdf  (letters, digits, - _ and dots; no folder, no / or ..)"))
    if key == "pdf_page_size":
        size = page_size_mm(value)
        if size is None:
            out.append((f"'pdf_page_size: {value}' is not a paper size", SIZE_FIX))
        elif min(size) < MIN_PAGE_MM:
            out.append((f"'pdf_page_size: {value}' is {size[0]:.0f} by {size[1]:.0f} mm, too small to print the handbook on", SIZE_FIX))
    return out


def word_problem_of(key: str, value: str) -> list[tuple[str, str]]:
    """(what is wrong, the fix) for a program's own word `key` (its translation, say), against English's."""
    english = _language("en")
    return _word_problems(key, value, english[key], TERMS) if key in english else []


def word_problems(program, located: Located) -> list[Problem]:
    """Every mistake in the words of each of the program's languages, once each, at its file and line."""
    english = _language("en")
    terms = TERMS
    problems: list[Problem] = []
    for term in terms:
        if "{" in getattr(program.terms, term) or "}" in getattr(program.terms, term):
            problems.append(Problem("data/program.yaml", located.line(("terms", term)), f"the term '{term}' holds a {{ or }}",
                                    "write the word itself, without braces"))
    for language in dict.fromkeys([program.language, *program.translations]):
        for path in word_files(language.split("-")[0]):
            for key, value in _words(path).items():
                if key in program.strings or key not in english:
                    continue
                broken = _word_problems(key, value, english[key], terms)
                if broken:
                    label = path.relative_to(Path(__file__).parent.parent.parent).as_posix()
                    line = read_yaml(path, label).key_line((key,))
                    problems += [Problem(label, line, what, fix) for what, fix in broken]
    for key, value in program.strings.items():
        if isinstance(english.get(key), list):
            problems.append(Problem("data/program.yaml", located.line(("strings", key)),
                                    f"'{key}' is a list of {len(english[key])} words, which a program cannot change under  strings:",
                                    "remove this line (each language's own are in generator/locales/)"))
        elif key in english:
            problems += [Problem("data/program.yaml", located.line(("strings", key)), what, fix)
                         for what, fix in _word_problems(key, value, english[key], terms)]
    return list(dict.fromkeys(problems))
