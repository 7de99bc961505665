"""Checks that a built handbook shows exactly what its data holds, read with a real HTML parser.

Each `check_*` function compares a list read from the built pages with the same list built from
the data (generator.load.load_all), item by item and in order, and raises AssertionError naming
the list when they differ. `check_handbook` runs them all. They are shared by the tests of the
real program, of changed copies of it, and of the second program in tests/fixtures/.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import page
from generator import model
from generator.model import Handbook
from generator.pages import citations
from generator.strings import strings_for


# ---------------------------------------------------------------- reading pages
def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def url_of(uri: str) -> str:
    """The site path of a page source path: 'tiers/tier-1.md' -> '/tiers/tier-1/', 'index.md' -> '/'."""
    stem = uri.removesuffix(".md")
    if stem == "index":
        return "/"
    return "/" + stem.removesuffix("/index").removesuffix("index") + "/"


def article(site: Path, uri: str) -> Tag:
    """The page's content, without the ¶ permalinks of headings and the policy date the theme adds."""
    art = page(site, uri).select_one("article")
    assert art is not None, f"{uri}: no <article>"
    for extra in art.select("a.headerlink, p.as-of"):
        extra.decompose()
    return art


@dataclass(frozen=True)
class Cited:
    """One citation as a reader sees it."""

    label: str
    """'<source short> › <section title>'."""
    target: str
    """Where the link goes, as a site path with fragment ('/sources/#dss-selection')."""
    quote: str | None


def cites_in(small: Tag, page_uri: str, words: dict) -> list[Cited]:
    """The citations in one <small class="cite">."""
    found: list[list] = []
    lead = ""
    for child in small.children:
        if isinstance(child, Tag) and child.name == "a":
            found.append([norm(child.get_text()), urljoin(url_of(page_uri), child.get("href", "")), ""])
        elif found:
            found[-1][2] += child.get_text() if isinstance(child, Tag) else str(child)
        else:
            lead += child.get_text() if isinstance(child, Tag) else str(child)
    assert norm(lead) == f"{words['source']}:", f"{page_uri}: a citation starts with {lead!r}"
    out = []
    for label, target, tail in found:
        tail = norm(tail).removesuffix(";").strip()
        quote = tail[1:-1] if tail.startswith("“") and tail.endswith("”") else (tail or None)
        out.append(Cited(label, target, quote))
    return out


def entries_in(el: Tag, page_uri: str, words: dict) -> list[tuple[str, list[Cited]]]:
    """(text, citations) for each <small class="cite"> in `el`: the text is what comes before it
    (after the previous citation, if any)."""
    out, text = [], ""
    for node in el.descendants:
        if isinstance(node, Tag) and node.name == "small" and "cite" in (node.get("class") or []):
            out.append((norm(text), cites_in(node, page_uri, words)))
            text = ""
        elif isinstance(node, NavigableString) and not any(
            isinstance(p, Tag) and p.name == "small" and "cite" in (p.get("class") or []) for p in node.parents
        ):
            text += str(node)
    return out


def entry_in(el: Tag, page_uri: str, words: dict) -> tuple[str, list[Cited]]:
    found = entries_in(el, page_uri, words)
    assert len(found) == 1, f"{page_uri}: expected one cited entry in <{el.name}>, found {len(found)}: {norm(el.get_text())[:120]}"
    return found[0]


def after(start: Tag, stop: tuple[str, ...]) -> list[Tag]:
    """The elements that follow `start`, up to the next one named in `stop`."""
    out = []
    for sib in start.find_next_siblings():
        if sib.name in stop:
            break
        out.append(sib)
    return out


def before_first(art: Tag, name: str) -> list[Tag]:
    out = []
    for child in art.find_all(recursive=False):
        if child.name == name:
            break
        out.append(child)
    return out


def intro_shown(elements: list[Tag], uri: str, words: dict) -> list:
    return [entry_in(p, uri, words) for p in elements if p.name == "p" and "entry" in (p.get("class") or [])]


def items_shown(ul: Tag | None, uri: str, words: dict) -> list:
    assert ul is not None, f"{uri}: a list is missing"
    return [entry_in(li, uri, words) for li in ul.find_all("li", recursive=False)]


def headings(elements, name: str) -> list[tuple[str, str]]:
    return [(h.get("id"), norm(h.get_text())) for h in elements if h.name == name]


def first(elements: list[Tag], name: str) -> Tag | None:
    return next((e for e in elements if e.name == name), None)


# ---------------------------------------------------------------- what the data says
def cited(hb: Handbook, cites: list[model.Cite]) -> list[Cited]:
    return [Cited(f"{hb.source(c.source).short} › {hb.section(c).title}", f"/sources/#{c.source}-{c.section}",
                  norm(c.quote) if c.quote else None) for c in cites]


def entry(hb: Handbook, e: model.Entry) -> tuple[str, list[Cited]]:
    return (norm(e.text + (f" ({e.note})" if e.note else "")), cited(hb, e.cite))


def entries(hb: Handbook, items) -> list:
    return [entry(hb, e) for e in items]


def same(what: str, shown, expected) -> None:
    if shown == expected:
        return
    if isinstance(shown, list) and isinstance(expected, list):
        i = next((i for i, (a, b) in enumerate(zip(shown, expected)) if a != b), min(len(shown), len(expected)))
        raise AssertionError(f"{what}: item {i + 1} differs (the pages show {len(shown)} items, the data holds {len(expected)})\n"
                             f"  page: {shown[i] if i < len(shown) else '(nothing)'!r}\n  data: {expected[i] if i < len(expected) else '(nothing)'!r}")
    raise AssertionError(f"{what}: the pages show\n  {shown!r}\nbut the data holds\n  {expected!r}")


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
    same("selection › procedures", headings(art.find_all("h2"), "h2"), [(p.id, p.title) for p in procs])
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
            line = words["eligibility_time_rule"].replace("{at_least}", req.rule.at_least)
            if req.rule.training_after:
                line += " " + words["eligibility_training_rule"].replace("{training_after}", req.rule.training_after)
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
            expected.append(f"{words['choices_setting']}: {c.setting}: {c.value}")
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


def check_citations(site: Path, hb: Handbook) -> None:
    """Every citation in the data is shown on its page, in data order, with nothing else: the
    source's short name and section title, a link to that section on the sources page, and the quote."""
    words = strings_for(hb.program)
    expected: dict[str, list[Cited]] = {}
    for uri, c in citations(hb):
        expected.setdefault(uri, []).extend(cited(hb, [c]))
    for uri, want in expected.items():
        shown = [c for small in article(site, uri).select("small.cite") for c in cites_in(small, uri, words)]
        same(f"{uri} › citations", shown, want)


def check_print(site: Path, hb: Handbook) -> None:
    """The print page holds every page, in order: the same headings and the same citations."""
    from generator.pages import Renderer

    words = strings_for(hb.program)
    content = site.parent / "content"
    uris = [f.relative_to(content).as_posix() for f in sorted(content.rglob("*.md"))]
    uris += [p.uri for p in Renderer(hb).handbook_pages()]
    levels = ["h1", "h2", "h3", "h4", "h5", "h6"]

    def shown(art: Tag, uri: str):
        return ([norm(h.get_text()) for h in art.find_all(levels)],
                [c for small in art.select("small.cite") for c in cites_in(small, uri, words)])

    whole = article(site, "print.md")
    heads, cites = shown(whole, "print.md")
    want_heads, want_cites = heads[:1], []
    for uri in uris:
        h, c = shown(article(site, uri), uri)
        want_heads += h
        want_cites += c
    same("print page › headings", heads, want_heads)
    same("print page › citations", cites, want_cites)


CHECKS = [check_home, check_roles, check_duties, check_selection, check_training, check_commitments, check_tiers,
          check_eligibility, check_policy_choices, check_glossary, check_sources, check_citations, check_print]


def check_handbook(site: Path, hb: Handbook) -> None:
    for check in CHECKS:
        check(site, hb)


# ---------------------------------------------------------------- links and external addresses
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_URL_ATTRS = ("href", "src", "poster", "data", "action", "formaction", "xlink:href", "background", "cite", "ping")
_EXTERNAL = re.compile(r"""(?:https?:)?//[^\s"'`<>)]+""", re.I)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def is_external(value: str) -> bool:
    value = value.strip()
    return value.lower().startswith(("http:", "https:", "//"))


def page_path(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def resolve(site: Path, base: str, ref: str) -> tuple[Path, str]:
    """The built file a local reference points to, and its fragment."""
    path, fragment = urldefrag(urljoin(base, ref))
    path = unquote(path.split("?")[0])
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def _refs(tag: Tag):
    for attr in _URL_ATTRS:
        if tag.get(attr):
            yield attr, tag[attr]
    for attr in ("srcset", "imagesrcset"):
        for part in (tag.get(attr) or "").split(","):
            if part.strip():
                yield attr, part.split()[0]
    for m in _CSS_URL.finditer(tag.get("style") or ""):
        yield "style", m.group(2) or m.group(4)


@functools.lru_cache(maxsize=512)
def _parsed(file: Path, stamp: tuple) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def soup_of(file: Path) -> BeautifulSoup:
    """A built page, parsed once (until the file changes): the link checks read every page."""
    st = file.stat()
    return _parsed(file, (st.st_mtime_ns, st.st_size))


def _files(site: Path, suffix: str, only: list[Path] | None) -> list[Path]:
    return sorted(f for f in (only if only is not None else site.rglob(f"*{suffix}")) if f.suffix == suffix)


def link_problems(site: Path, only: list[Path] | None = None) -> list[str]:
    """Local links that lead nowhere: a missing file, or a #fragment with no such id on the page.
    `only` limits the pages and style sheets looked at (the links may lead anywhere in the site)."""
    problems, ids = [], {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            soup = soup_of(file)
            ids[file] = {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}
        return ids[file]

    for file in _files(site, ".html", only):
        soup = soup_of(file)
        base = page_path(site, file)
        for tag in soup.find_all(True):
            for attr, ref in _refs(tag):
                ref = ref.strip()
                if not ref or _SCHEME.match(ref) or ref.startswith("//"):
                    continue
                target, fragment = resolve(site, base, ref)
                where = f"{file.relative_to(site)}: <{tag.name} {attr}={ref!r}>"
                if not target.is_file():
                    problems.append(f"{where}: no file {target.relative_to(site) if target.is_relative_to(site) else target}")
                elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    problems.append(f"{where}: no id {fragment!r} on {target.relative_to(site)}")
    for file in _files(site, ".css", only):
        base = page_path(site, file)
        for m in _CSS_URL.finditer(file.read_text(encoding="utf-8", errors="replace")):
            ref = (m.group(2) or m.group(4) or "").strip()
            if ref and not _SCHEME.match(ref) and not ref.startswith(("//", "#")):
                target, _ = resolve(site, base, ref)
                if not target.is_file():
                    problems.append(f"{file.relative_to(site)}: url({ref}): no such file")
    return problems


@functools.cache
def _theme_scripts() -> frozenset[str]:
    """The scripts Material for MkDocs ships, as paths inside a built site."""
    import material

    templates = Path(material.__file__).parent / "templates"
    return frozenset(p.relative_to(templates).as_posix() for p in (templates / "assets").rglob("*.js"))


def external_addresses(site: Path, allowed_anywhere: set[str], allowed_links: set[str], only: list[Path] | None = None) -> list[str]:
    """Every address of another host in the built HTML, CSS and the project's own JavaScript.

    `allowed_anywhere` may appear in any attribute or inline script (the quick-exit address, a place
    to go, not a request); `allowed_links` only as the href of a plain <a> a person clicks."""
    found = []
    for file in _files(site, ".html", only):
        soup = soup_of(file)
        rel = file.relative_to(site)
        for tag in soup.find_all(True):
            for attr, ref in _refs(tag):
                if not is_external(ref) or ref in allowed_anywhere or (tag.name == "a" and attr == "href" and ref in allowed_links):
                    continue
                found.append(f"{rel}: <{tag.name} {attr}={ref!r}>")
            if tag.name == "meta" and "url=" in (tag.get("content") or "").lower():
                found.append(f"{rel}: <meta content={tag['content']!r}>")
            if tag.name in ("script", "style"):
                for m in _EXTERNAL.finditer(tag.string or ""):
                    # '//' also opens a JavaScript comment: only addresses with a host count
                    if "." in m.group(0).split("//", 1)[1].split("/")[0] and m.group(0) not in allowed_anywhere:
                        found.append(f"{rel}: <{tag.name}> {m.group(0)}")
        # Material fetches from other hosts only for these (repository facts, diagrams): none may appear
        for selector in ('[data-md-component="source"]', ".mermaid"):
            if soup.select(selector):
                found.append(f"{rel}: {selector} makes Material fetch from another host")
    for file in _files(site, ".css", only):
        for m in _CSS_URL.finditer(file.read_text(encoding="utf-8", errors="replace")):
            ref = m.group(2) or m.group(4) or ""
            if is_external(ref):
                found.append(f"{file.relative_to(site)}: {m.group(0)}")
    theme = _theme_scripts()
    for file in _files(site, ".js", only):
        rel = file.relative_to(site).as_posix()
        if rel in theme:
            continue
        for m in re.finditer(r"""(["'`])((?:https?:)?//[^"'`\s]+)""", file.read_text(encoding="utf-8", errors="replace")):
            if m.group(2) not in allowed_anywhere:
                found.append(f"{rel}: {m.group(2)}")
    return found


def urls_in_data(hb: Handbook) -> set[str]:
    """Web addresses written in the data's texts (other than the quick-exit address)."""
    out = set()
    for name in model.FILES:
        for _path, value in model.walk(getattr(hb, name)):
            if isinstance(value, str):
                out |= {m.group(0).rstrip(".,;)") for m in re.finditer(r"https?://\S+", value)}
    return out - {hb.eligibility.self_check.quick_exit_url}
