"""A further language's hand-written pages (content/es/) keep up with their English page (generator/site/handwritten.py):
a translated page names the English it was translated from, and `check` fails, with the line and the fix,
when the English page changed after it was translated."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from generator.site.handwritten import fingerprint
from tests.test_staff_messages import cli


def test_a_changed_english_page_fails_check_until_its_translation_says_it_is_up_to_date(translated_project):
    english, spanish = translated_project / "content/index.md", translated_project / "content/es/index.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph for caseworkers.\n", encoding="utf-8")
    result = cli(translated_project, "check")
    assert result.returncode == 1
    now = fingerprint(english.read_text(encoding="utf-8"))
    assert (f"  content/es/index.md:2: content/index.md changed after this page was translated — make this page say what "
            f"content/index.md says now (git log -p content/index.md shows what changed), then write  translated_from: \"{now}\"  "
            "and  reviewed: false") in result.stderr
    assert "content/es/how-this-handbook-is-made.md" not in result.stderr  # its English did not change
    # the translator brings the page up to date and writes the new fingerprint, as the message says
    text = spanish.read_text(encoding="utf-8") + "\nUn párrafo nuevo para los trabajadores sociales.\n"
    spanish.write_text(re.sub(r'^translated_from: "\w+"', f'translated_from: "{now}"', text, flags=re.M), encoding="utf-8")
    assert cli(translated_project, "check").returncode == 0


def test_a_translated_page_that_does_not_say_what_it_was_translated_from_fails_check(translated_project):
    spanish = translated_project / "content/es/how-this-handbook-is-made.md"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text[text.index("\n---\n") + 5:], encoding="utf-8")  # without its front matter
    result = cli(translated_project, "check")
    assert result.returncode == 1
    now = fingerprint((translated_project / "content/how-this-handbook-is-made.md").read_text(encoding="utf-8"))
    assert (f"  content/es/how-this-handbook-is-made.md:1: this page does not say which English it was translated from — "
            f"make sure it says what content/how-this-handbook-is-made.md says now, then start the page with these lines:  "
            f"---  translated_from: \"{now}\"  reviewed: false  ---") in result.stderr


def test_check_counts_the_pages_not_yet_reviewed(translated_project):
    spanish = translated_project / "content/es/index.md"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: 2026-11-30", 1), encoding="utf-8")
    result = cli(translated_project, "check")
    assert result.returncode == 0
    assert "1 Spanish (es) page is not yet reviewed (content/es/how-this-handbook-is-made.md: reviewed: false)" in result.stderr


def test_the_fingerprint_does_not_count_line_ends_or_spaces_at_line_ends():
    assert fingerprint("# Title\n\nText.\n") == fingerprint("# Title  \r\n\r\nText.") != fingerprint("# Title\n\nText!\n")


def test_the_front_matter_is_not_shown_on_the_page(built_site):
    for page in ("es/index.html", "es/how-this-handbook-is-made/index.html"):
        text = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser").get_text()
        assert "translated_from" not in text and "reviewed:" not in text
