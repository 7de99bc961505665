"""The facts a translation keeps: every number and date of a translated text is its English's.

`check` fails on an entry of data/translations/<language>.yaml whose numbers or dates differ from its
English's (`en:`): the numbers written as digits ("7 to 10"), as the number words from two up of each
language's interface words (`number_words`, and `number_words_more` such as "both"), and the months
written beside a number (a date: "August 12, 2011", "12 de agosto de 2011", "March 2024"); a time of day
counts as its hour on a 24-hour clock ("5 pm", "5:00 p.m.", "17 h" and "17:00" are all 17). "One" and
"a" are left out: "un año" and "a year" say the same, but "un" is also the article. Placeholders such as
{dhs-reunited-one-year.at_least} are the rule's own value in both languages, so they are left out too.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TOKEN = re.compile(r"\d+|[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word or a number; a hyphenated word is one ("dix-huit" is not "dix" and "huit")."""
CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?=\W|$)", re.I)


def _hour(m: re.Match) -> str:
    """A time of day as its hour on a 24-hour clock (with its minutes unless they are :00); other numbers as they are."""
    hour, minutes, half = int(m[1]), m[2], (m[3] or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return f"{hour}" + (f" {int(minutes)}" if minutes and int(minutes) else "")
NEAR = 3
"""A month name is part of a date when a number is at most this many words from it."""


def facts(text: str, words: dict) -> Counter:
    """The numbers and dates of a text, in the words of its language: {'12': 1, '2011': 1, 'month 8': 1}."""
    numbers, months = _tables(tuple(words["number_words"]), tuple((words.get("number_words_more") or {}).items()),
                              tuple(words["months"]))
    tokens = TOKEN.findall(CLOCK.sub(_hour, PLACEHOLDER.sub(" ", text)))
    found: Counter = Counter()
    for i, token in enumerate(tokens):
        low = token.lower()
        if token.isdigit():
            found[str(int(token))] += 1
        elif low in numbers:
            found[str(numbers[low])] += 1
        elif low in months and any(t.isdigit() for t in tokens[max(0, i - NEAR):i + NEAR + 1]):
            found[f"month {months[low]}"] += 1
    return found


@functools.lru_cache(maxsize=16)
def _tables(number_words: tuple, more: tuple, month_names: tuple) -> tuple[dict, dict]:
    """A language's number words and months, lowercase, with their numbers (made once per language: `check`
    reads every translated text's facts)."""
    numbers = {w.lower(): n for n, w in enumerate(number_words) if n >= 2}
    numbers |= {w.lower(): n for w, n in more}
    return numbers, {m.lower(): n + 1 for n, m in enumerate(month_names)}


def differ(english: str, translated: str, main_words: dict, words: dict) -> str | None:
    """None when both say the same numbers and dates; else what differs, in words for policy staff."""
    want, got = facts(english, main_words), facts(translated, words)
    if want == got:
        return None

    def said(c: Counter) -> str:
        return ", ".join(f"{k} ({n}×)" if n > 1 else k for k, n in sorted(c.items())) or "none"
    return f"the English says {said(want)}; the translation says {said(got)}"
