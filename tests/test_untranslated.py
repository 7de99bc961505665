"""Translation never blocks looking (generator/policy/untranslated.py): a text not yet translated, or translated from
older English, is shown in English on the further language's pages, marked, when the build lets it through
(preview, `publish --untranslated english`); `publish` refuses it by default, naming it and the way round."""
from __future__ import annotations

import pytest

from generator.policy import untranslated
from tests.kit.project import build_site
from tests.test_staff_messages import cli

MARK = "(aún sin traducir)"
OLD = "Conectar a los padres con recursos."
"""The Spanish of the English text the tests change (data/duties.yaml: 'Connect parents with resources.')."""


def test_a_marked_text_becomes_an_element_in_text_and_nothing_elsewhere():
    o, c = untranslated.OPEN, untranslated.CLOSE
    page = (f'<html><head><title>{o}Title{c} - Site</title><script type="application/json">{{"t":"{o}x{c}"}}</script></head>'
            f'<body><a href="#" title="{o}Tip{c}">{o}Link &amp; more{c}</a><p>{o}half</p><!-- {o}c{c} --></body></html>')
    out = untranslated.to_html(page, "en", "(sin traducir)")
    assert '<a href="#" title="Tip"><span lang="en">Link &amp; more</span> <small class="untranslated">(sin traducir)</small></a>' in out
    assert "<title>Title - Site</title>" in out and '{"t":"x"}' in out and "<p>half</p>" in out and "<!-- c -->" in out
    assert o not in out and c not in out
    assert untranslated.to_html("<p>plain</p>", "en", "x") == "<p>plain</p>"
    assert untranslated.wrap(f"a{o}b{c}") == f"{o}ab{c}"  # a text can never hold a mark of its own


@pytest.fixture
def changed(translated_project):
    """The project with one English text changed after it was translated (its Spanish is now stale), and a new
    hostile English text with no Spanish at all."""
    duties = translated_project / "data" / "duties.yaml"
    text = duties.read_text(encoding="utf-8")
    text = text.replace('  - text: "Connect parents with resources."', '  - text: "Connect parents with resources near them."')
    text += '  - text: "<img src=x onerror=alert(1)> *not* \ue001 [link](http://example.org)"\n' \
            '    cite: {source: dhs, section: approach, quote: "They are not counselors."}\n'
    duties.write_text(text, encoding="utf-8")
    return translated_project


def test_preview_shows_untranslated_texts_in_english_marked_never_the_old_translation(changed, monkeypatch):
    monkeypatch.setenv(untranslated.ENV, "english")
    site = build_site(changed)
    es = (site / "es" / "dos-and-donts" / "index.html").read_text(encoding="utf-8")
    assert f'<span lang="en">Connect parents with resources near them.</span> <small class="untranslated">{MARK}</small>' in es
    assert OLD not in es  # stale = untranslated: the old Spanish is gone
    assert "<img" not in es and "&lt;img src=x onerror=alert(1)&gt; *not*" in es  # data stays text, marked or not
    en = (site / "dos-and-donts" / "index.html").read_text(encoding="utf-8")
    assert "Connect parents with resources near them." in en and "untranslated" not in en
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert untranslated.OPEN not in index and untranslated.CLOSE not in index


def test_publish_refuses_untranslated_texts_and_says_how_to_publish_them_anyway(changed, tmp_path):
    out = tmp_path / "out"
    refused = cli(changed, "publish", "--to", str(out))
    assert refused.returncode == 1 and not out.exists()
    assert "the English of 'duties.yaml › will_not" not in refused.stderr  # (the changed text is in `will`)
    assert "data/translations/es.yaml" in refused.stderr and "changed after it was translated" in refused.stderr
    assert "this text has no Spanish (es) translation" in refused.stderr
    assert refused.stderr.rstrip().endswith("To publish anyway, with the English shown in their place and marked as not yet "
                                            "translated: python -m generator publish --untranslated english")
    check = cli(changed, "check")  # check reports them as ever
    assert check.returncode == 1 and "publish --untranslated" not in check.stderr
    published = cli(changed, "publish", "--to", str(out), "--untranslated", "english")
    assert published.returncode == 0, published.stderr
    assert "2 Spanish (es) texts are not yet translated: they are published in English, marked as not yet translated:" in published.stderr
    es = (out / "es" / "dos-and-donts" / "index.html").read_text(encoding="utf-8")
    assert MARK in es and OLD not in es and "Vista previa" not in es  # marked, but no preview banner
