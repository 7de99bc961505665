"""Texts shown in the main language in a further language's edition, because they are not translated yet.

Translation never blocks looking: `preview` (and `publish --untranslated english`) builds a further
language's edition with the English of each text that has no translation yet (translations.py), marked.
The text is wrapped in two private-use characters when the edition is made (`wrap`); they pass through the
templates, Markdown and the theme as text, and each built page (hooks.on_post_page) turns every wrapped text
into `<span lang="en">text</span> <small class="untranslated">(not yet translated, in the page's words)</small>`
(`to_html`). Inside a tag (an attribute), a script (the self-check's table), <title> or a comment the
characters are only dropped; so is any character of the two left unpaired. The marked text can only ever be
text between two tags: the markup added is fixed, never made from the data.
"""
from __future__ import annotations

import functools
import re

from markupsafe import escape

OPEN, CLOSE = "\ue000", "\ue001"
ENV = "HANDBOOK_UNTRANSLATED"
"""The environment variable that lets a build show untranslated texts in the main language, marked
(`english`; preview and `publish --untranslated english` set it). Unset, such a text stops the build."""
_RAW = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<title\b.*?</title\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)
_PAIR = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")


def strip(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


def wrap(text: str) -> str:
    """An untranslated text, marked to be shown as such."""
    return OPEN + strip(text) + CLOSE


def to_html(html: str, language: str, mark: str) -> str:
    """A built page with each wrapped text in `language` (the main one) and followed by `mark`."""
    if OPEN not in html and CLOSE not in html:
        return html
    lang, small = escape(language), escape(mark)

    def text(part: str) -> str:
        return strip(_PAIR.sub(lambda m: f'<span lang="{lang}">{m[1]}</span> <small class="untranslated">{small}</small>', part))

    parts = _RAW.split(html)
    return "".join(strip(part) if i % 2 else text(part) for i, part in enumerate(parts))


def language_in(code: str, language: str) -> str:
    """A language's name in another language's words ('es' in 'en': 'Spanish'), from babel; else its code."""
    from babel import Locale

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(language.replace("-", "_")) or code
    except Exception:  # noqa: BLE001 - a code babel does not know: the code itself
        return code


@functools.cache
def name_in(main: str, language: str) -> str:
    """The name of the language `main` in `language`'s words, as babel lists it among that language's names (for
    the line a page with text not yet reviewed shows; worked out once per build, not on each page)."""
    from babel import Locale

    try:
        return Locale.parse(language.replace("-", "_")).languages.get(main.split("-")[0], main)
    except Exception:  # noqa: BLE001 - a code babel does not know: the code itself
        return main
