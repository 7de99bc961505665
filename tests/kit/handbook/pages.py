"""One check per page of the handbook: what the page shows against what the data holds."""
from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from urllib.parse import urljoin

from generator.policy import asof
from generator import model
from generator.model import Handbook
from generator.site.pages import citations
from generator.policy.values import duration_words
from generator.policy.strings import strings_for
from tests.kit.handbook.reading import (
    after, article, before_first, cited, entries, entries_in, entry, entry_in, first, headings,
    intro_shown, items_shown, norm, same, url_of,
)
from tests.kit.pages import page
from tests.kit.handbook.printed import check_citations, check_print  # the checks across pages


# ---------------------------------------------------------------- one check per page
def check_home(site: Path, hb: Handbook) -> None:
    words = strings_for(hb.program)
    art = article(site, "index.md")
    same("home page › title", norm(art.find("h1").get_text()), hb.program.name)
    shown = [entry_in(li, "index.md", words) for li in art.find_all("li") if li.select("small.cite")]
    same("home page › what the program is", shown, entries(hb, hb.program.about))


def check_roles(site: Path, hb: Handbook) -> None:
    uri, words = "roles.md", strings_for(hb.program)
    art = article(site, uri)
    same("roles", headings(art.find_all("h2"), "h2"), [(r.id, r.name) for r in hb.roles.roles])
    same("roles › intro", intro_shown(before_first(art, "h2"), uri, words), entries(hb, hb.roles.intro))
    for h2, role in zip(art.find_all("h2"), hb.roles.roles):
        lists = [e for e in after(h2, ("h2",)) if e.name == "ul"]
        same(f"roles › {role.id} › lists", len(lists), 2)
        same(f"roles › {role.id} › names", items_shown(lists[0], uri, words), entries(hb, role.names))
        same(f"roles › {role.id} › responsibilities", items_shown(lists[1], uri, words), entries(hb, role.responsibilities))


def check_duties(site: Path, hb: Handbook) -> None:
    uri, words = "dos-and-donts.md", strings_for(hb.program)
    art = article(site, uri)
    same("duties › headings", [h.get("id") for h in art.find_all("h2")], ["will", "will-not"])
    same("duties › intro", intro_shown(before_first(art, "h2"), uri, words), entries(hb, hb.duties.intro))
    for anchor, items in (("will", hb.duties.will), ("will-not", hb.duties.will_not)):
        same(f"duties › {anchor}", items_shown(first(after(art.find(id=anchor), ("h2",)), "ul"), uri, words), entries(hb, items))


def check_selection(site: Path, hb: Handbook) -> None:
    uri, words = "selection.md", strings_for(hb.program)
    art = article(site, uri)
    procs = hb.selection.procedures
    contacts = hb.eligibility.self_check.contacts
    same("selection › procedures", headings(art.find_all("h2"), "h2"),
         [(p.id, p.title) for p in procs] + ([("contacts", words["self_check_contacts_title"])] if contacts else []))
    if contacts:  # whom to contact: every detail of every contact, under its own heading
        shown = norm(" ".join(t.get_text(" ") for t in after(art.find_all("h2")[len(procs)], ("h2",))))
        for c in contacts:
            for value in (c.name, c.area, c.phone, c.email, c.hours):
                assert value is None or norm(value) in shown, f"selection › contacts: {value!r} is not shown"
    same("selection › intro", intro_shown(before_first(art, "h2"), uri, words), entries(hb, hb.selection.intro))
    roles = {r.id: r for r in hb.roles.roles}
    for h2, proc in zip(art.find_all("h2"), procs):
        block = after(h2, ("h2",))
        same(f"selection › {proc.id} › intro", intro_shown(block, uri, words), entries(hb, proc.intro))
        steps = first(block, "ol")
        assert steps is not None, f"selection › {proc.id}: no numbered list of steps"
        shown, expected = [], []
        for li in steps.find_all("li", recursive=False):
            text, cites = entry_in(li, uri, words)
            who = [(norm(a.get_text()), urljoin(url_of(uri), a["href"])) for a in li.find_all("a") if not a.find_parent("small")]
            shown.append((text, cites, who))
        for step in proc.steps:
            who_name = roles[step.who].name if step.who else None
            text = norm(step.text + (f" ({words['selection_who']}: {who_name})" if who_name else ""))
            expected.append((text, cited(hb, step.cite), [(who_name, f"/roles/#{step.who}")] if who_name else []))
        same(f"selection › {proc.id} › steps", shown, expected)
        same(f"selection › {proc.id} › step numbers", steps.get("start", "1"), "1")


def _check_topics(site: Path, hb: Handbook, uri: str, topics: model.Topics) -> None:
    words = strings_for(hb.program)
    art = article(site, uri)
    same(f"{uri} › topics", headings(art.find_all("h2"), "h2"), [(t.id, t.title) for t in topics.topics])
    same(f"{uri} › intro", intro_shown(before_first(art, "h2"), uri, words), entries(hb, topics.intro))
    for h2, topic in zip(art.find_all("h2"), topics.topics):
        same(f"{uri} › {topic.id}", items_shown(first(after(h2, ("h2",)), "ul"), uri, words), entries(hb, topic.entries))


def check_training(site: Path, hb: Handbook) -> None:
    _check_topics(site, hb, "training.md", hb.training)


def check_commitments(site: Path, hb: Handbook) -> None:
    _check_topics(site, hb, "commitments.md", hb.commitments)


def check_tiers(site: Path, hb: Handbook) -> None:
    """The tiers overview (table and citations), each tier's own page, and the navigation."""
    uri, words = "tiers/index.md", strings_for(hb.program)
    tiers = hb.tiers.tiers
    art = article(site, uri)
    same("tiers › intro", intro_shown(before_first(art, "h2"), uri, words), entries(hb, hb.tiers.intro))
    table = art.find("table")
    assert table is not None, "tiers: the overview table is missing"
    rows = []
    for tr in table.select("tbody tr"):
        cells = tr.find_all("td")
        links = [(norm(a.get_text()), urljoin(url_of(uri), a["href"])) for a in cells[0].find_all("a")]
        rows.append((links, norm(cells[1].get_text())))
    same("tiers › overview table", rows,
         [([(t.name, url_of(f"tiers/{t.id}.md"))], "; ".join(a.name for a in t.activities)) for t in tiers])
    after_table = [p for p in table.find_all_next("p", class_="entry") if p.find_parent("article") is art]
    shown = [(norm(p.find("strong").get_text()) if p.find("strong") else None, entries_in(p, uri, words)) for p in after_table]
    expected = [(t.name, [("", cited(hb, t.cite))] + ([entry(hb, t.note)] if t.note else [])) for t in tiers]
    # the tier's name is the text before its citation
    shown = [(name, [("" if i == 0 and text == name else text, c) for i, (text, c) in enumerate(found)]) for name, found in shown]
    same("tiers › citation of each tier", shown, expected)
    for tier in tiers:
        turi = f"tiers/{tier.id}.md"
        tart = article(site, turi)
        same(f"{turi} › title", norm(tart.find("h1").get_text()), tier.name)
        same(f"{turi} › activities", [(s.get("id"), norm(s.get_text())) for s in tart.select("li > span[id]")],
             [(a.id, a.name) for a in tier.activities])
        same(f"{turi} › citations", [e for p in tart.select("p.entry") for e in entries_in(p, turi, words)],
             [("", cited(hb, tier.cite))] + ([entry(hb, tier.note)] if tier.note else []))
    nav = page(site, uri).select_one("nav.md-nav--primary")
    pages = []
    for a in nav.select("a[href]"):
        target = urljoin(url_of(uri), a["href"]).split("#")[0]
        if target.startswith("/tiers/") and target != "/tiers/" and not a["href"].startswith("#"):
            if (norm(a.get_text()), target) not in pages:
                pages.append((norm(a.get_text()), target))
    same("navigation › tiers", pages, [(t.name, url_of(f"tiers/{t.id}.md")) for t in tiers])


def check_eligibility(site: Path, hb: Handbook) -> None:
    uri, words = "eligibility.md", strings_for(hb.program)
    el = hb.eligibility
    art = article(site, uri)
    same("eligibility › intro", intro_shown(before_first(art, "h2"), uri, words), entries(hb, el.intro))
    reqs_h2 = art.find("h2", id="requirements")
    assert reqs_h2 is not None, "eligibility: no Requirements heading"
    block = after(reqs_h2, ("h2",))
    same("eligibility › requirements", headings(block, "h3"), [(r.id, r.title) for r in el.requirements])
    questions = {q.id: q for q in el.questions}
    for h3, req in zip([e for e in block if e.name == "h3"], el.requirements):
        parts = after(h3, ("h2", "h3"))
        shown_entry = intro_shown(parts, uri, words)
        text = req.text + (f" {words['eligibility_preferred']}" if req.strength == "preferred" else "")
        same(f"eligibility › {req.id}", shown_entry, [(norm(text), cited(hb, req.cite))])
        time_rule = [norm(p.get_text()) for p in parts if "time-rule" in (p.get("class") or [])]
        expected_time = []
        if req.rule and req.rule.kind == "time":
            line = words["eligibility_time_rule"].replace("{at_least}", duration_words(req.rule.at_least, words))
            if req.rule.training_after:
                line += " " + words["eligibility_training_rule"].replace("{training_after}", duration_words(req.rule.training_after, words))
            expected_time = [norm(line)]
        same(f"eligibility › {req.id} › time rule", time_rule, expected_time)
        asked = [norm(p.get_text()) for p in parts if "asked" in (p.get("class") or [])]
        if req.rule:
            expected_asked = f"{words['eligibility_asked']} “{questions[req.rule.question].text}”"
        else:
            expected_asked = f"{words['eligibility_not_asked']} {req.not_asked}"
        same(f"eligibility › {req.id} › asked", asked, [norm(expected_asked)])
    dq_h2 = art.find("h2", id="disqualifiers")
    if not el.disqualifiers:
        same("eligibility › disqualifiers heading", dq_h2, None)
        return
    assert dq_h2 is not None, "eligibility: no Disqualifiers heading"
    ul = first(after(dq_h2, ("h2",)), "ul")
    shown = [(li.find("span")["id"], *entry_in(li, uri, words)) for li in ul.find_all("li", recursive=False)]
    same("eligibility › disqualifiers", shown, [(d.id, norm(d.text), cited(hb, d.cite)) for d in el.disqualifiers])


def check_policy_choices(site: Path, hb: Handbook) -> None:
    uri, words = "policy-choices.md", strings_for(hb.program)
    choices = hb.eligibility.policy_choices
    art = article(site, uri)
    same("policy choices", headings(art.find_all("h2"), "h2"), [(c.id, c.title) for c in choices])
    for h2, c in zip(art.find_all("h2"), choices):
        parts = after(h2, ("h2",))
        plain = [norm(p.get_text()) for p in parts if p.name == "p" and "entry" not in (p.get("class") or [])]
        expected = [f"{words['choices_gap']}: {c.gap}", f"{words['choices_reading']}: {c.reading}"]
        if c.setting:
            expected.append(f"{words['choices_setting']}: {words['setting_' + c.setting]}: {words[f'setting_{c.setting}_{c.value}']}.")
        same(f"policy choices › {c.id}", plain, [norm(e) for e in expected])
        same(f"policy choices › {c.id} › citation", [e for p in parts if "entry" in (p.get("class") or [])
                                                      for e in entries_in(p, uri, words)], [("", cited(hb, c.cite))])


def check_glossary(site: Path, hb: Handbook) -> None:
    uri, words = "glossary.md", strings_for(hb.program)
    terms = hb.glossary.terms
    art = article(site, uri)
    same("glossary", headings(art.find_all("h2"), "h2"), [(t.id, t.term) for t in terms])
    for h2, term in zip(art.find_all("h2"), terms):
        # the meaning, the note and the source are separate paragraphs, never one run of text
        block = after(h2, ("h2",))
        parts = [(p["class"][0], norm(p.get_text())) for p in block
                 if p.name == "p" and set(p.get("class") or []) & {"glossary-meaning", "glossary-note"}]
        same(f"glossary › {term.id}", parts,
             [("glossary-meaning", norm(term.meaning or words["glossary_not_defined"]))]
             + ([("glossary-note", norm(f"{words['note']}: {term.note}"))] if term.note else []))
        same(f"glossary › {term.id} › source", intro_shown(block, uri, words), [("", cited(hb, term.cite))])


def check_sources(site: Path, hb: Handbook) -> None:
    """Each source and its sections (the anchors citations link to), what cites each section, and
    where the sources differ."""
    uri, words = "sources.md", strings_for(hb.program)
    art = article(site, uri)
    srcs = hb.sources.sources
    h2s = [h for h in art.find_all("h2") if h.get("id") != "differences"]
    same("sources", headings(h2s, "h2"), [(s.id, f"{s.title} ({s.short})") for s in srcs])
    counts: dict[tuple, dict[str, int]] = {}
    for page_uri, c in citations(hb):
        per = counts.setdefault((c.source, c.section), {})
        per[url_of(page_uri)] = per.get(url_of(page_uri), 0) + 1
    for h2, s in zip(h2s, srcs):
        block = after(h2, ("h2",))
        same(f"sources › {s.id} › sections", headings(block, "h4"), [(f"{s.id}-{sec.id}", sec.title) for sec in s.sections])
        for h4, sec in zip([e for e in block if e.name == "h4"], s.sections):
            para = h4.find_next_sibling("p")
            shown = [(urljoin(url_of(uri), a["href"]), int(re.search(r"\((\d+)\)", str(a.next_sibling)).group(1)))
                     for a in para.find_all("a")]
            same(f"sources › {s.id}-{sec.id} › cited on", shown, list(counts.get((s.id, sec.id), {}).items()))
    diffs = hb.sources.differences
    d_h2 = art.find("h2", id="differences")
    if not diffs:
        same("sources › differences heading", d_h2, None)
        return
    block = after(d_h2, ("h2",))
    same("sources › differences", headings(block, "h3"), [(d.id, d.topic) for d in diffs])
    for h3, d in zip([e for e in block if e.name == "h3"], diffs):
        parts = after(h3, ("h2", "h3"))
        same(f"sources › differences › {d.id}", items_shown(first(parts, "ul"), uri, words), entries(hb, d.statements))
        same(f"sources › differences › {d.id} › note",
             [norm(p.get_text()) for p in parts if "difference-note" in (p.get("class") or [])], [norm(d.note)])


CHECKS = [check_home, check_roles, check_duties, check_selection, check_training, check_commitments, check_tiers,
          check_eligibility, check_policy_choices, check_glossary, check_sources, check_citations, check_print]


def check_handbook(site: Path, hb: Handbook) -> None:
    for check in CHECKS:
        check(site, hb)


def _as_built(check):
    """The checks compare the pages with the data as the build shows it: as of today (generator/policy/asof.py)."""
    @functools.wraps(check)
    def run(site: Path, hb: Handbook, *args, **kwargs):
        return check(site, asof.at(hb, dt.date.today()), *args, **kwargs)
    return run


for _name in [n for n in globals() if n.startswith("check_")]:
    globals()[_name] = _as_built(globals()[_name])
CHECKS = [globals()[c.__name__] for c in CHECKS]
