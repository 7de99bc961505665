"""Turn the validated Handbook into Markdown pages, through the Jinja templates in templates/.

Everything here is plain functions of the data: MkDocs calls them through hooks.py, and the
tests call them directly. Values from the data are escaped on output (see `_escape`), so text
in the YAML always shows as text, whatever characters it holds.
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from . import model
from .load import Handbook
from .strings import format_date, strings_for

TEMPLATES = Path(__file__).parent / "templates"

# Markdown characters that a backslash makes literal (Python-Markdown, plus | for tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def _escape(value: Any) -> Any:
    """Finalize hook: data values become text in both HTML and Markdown."""
    if value is None or isinstance(value, Markup):
        return value
    return Markup(html.escape(_MD_SPECIAL.sub(r"\\\1", str(value)), quote=False))


@functools.lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    """One environment per process: `mkdocs serve` rebuilds without compiling the templates again
    (Jinja still reloads a template whose file changed)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class Page:
    uri: str
    """Where the page lives, as MkDocs sees it (e.g. 'tiers/tier-1.md')."""
    title: str
    markdown: str
    section: str | None = None
    """Pages with the same section are grouped in the navigation."""


@dataclass(frozen=True)
class _Spec:
    uri: str
    template: str
    data: str
    """The attribute of Handbook the page shows."""
    title: str
    """The key of its title in the interface words."""


# The handbook's pages, in reading order. Every program gets the same pages, filled from its data.
SPECS = [
    _Spec("roles.md", "roles.md.j2", "roles", "roles_title"),
    _Spec("dos-and-donts.md", "duties.md.j2", "duties", "duties_title"),
    _Spec("selection.md", "selection.md.j2", "selection", "selection_title"),
    _Spec("training.md", "topics.md.j2", "training", "training_title"),
    _Spec("tiers/index.md", "tiers.md.j2", "tiers", "tiers_title"),
    _Spec("eligibility.md", "eligibility.md.j2", "eligibility", "eligibility_title"),
    _Spec("policy-choices.md", "policy-choices.md.j2", "eligibility", "choices_title"),
    _Spec("commitments.md", "topics.md.j2", "commitments", "commitments_title"),
    _Spec("glossary.md", "glossary.md.j2", "glossary", "glossary_title"),
    _Spec("sources.md", "sources.md.j2", "sources", "sources_title"),
    _Spec("changes.md", "changes.md.j2", "program", "changes_title"),
]
HOME = "index.md"
SELF_CHECK = "self-check.md"
PRINT = "print.md"


def page_of(path: tuple) -> str:
    """The page on which the data at `path` (file name first) is shown."""
    file, rest = path[0], path[1:]
    if file == "program":
        return HOME
    if file == "tiers" and rest[:1] == ("tiers",) and len(rest) > 1:
        return f"tiers/{rest[1]}.md"  # replaced by the tier's id in citations()
    if file == "eligibility" and rest[:1] == ("policy_choices",):
        return "policy-choices.md"
    if file == "eligibility" and rest[:1] == ("self_check",):
        return SELF_CHECK
    return next(s.uri for s in SPECS if s.data == file)


def citations(hb: Handbook) -> list[tuple[str, model.Cite]]:
    """Every citation in the data with each page that shows it, in data order.

    A tier's citations are shown on its own page and again on the tiers overview."""
    from .load import _walk

    found = []
    for name in model.FILES:
        for path, value in _walk(getattr(hb, name), (name,)):
            if isinstance(value, model.Cite):
                uri = page_of(path)
                if uri.startswith("tiers/") and uri != "tiers/index.md":
                    found.append(("tiers/index.md", value))
                    uri = f"tiers/{hb.tiers.tiers[path[2]].id}.md"
                found.append((uri, value))
    return found


class Renderer:
    """Renders every page of one handbook."""

    def __init__(self, hb: Handbook):
        self.hb = hb
        self.t = strings_for(hb.program)
        self.env = environment()
        self.titles = {s.uri: self.t[s.title] for s in SPECS}
        self.titles.update({f"tiers/{tier.id}.md": tier.name for tier in hb.tiers.tiers})
        self.titles[HOME] = hb.program.name
        self.titles[SELF_CHECK] = hb.eligibility.self_check.title
        self.titles[PRINT] = self.t["print_title"]
        self.cites = citations(hb)

    # -- helpers the templates call
    def context(self, page_uri: str, prefix: str = "") -> dict:
        hb = self.hb

        def link(uri: str, anchor: str | None = None) -> Markup:
            target = posixpath.relpath(uri, posixpath.dirname(page_uri) or ".")
            return Markup(target + (f"#{anchor}" if anchor else ""))

        def source_link(c: model.Cite) -> Markup:
            return link("sources.md", f"{c.source}-{c.section}")

        def question(qid: str) -> model.Question:
            return next(q for q in hb.eligibility.questions if q.id == qid)

        def answer_text(q: model.Question, value: str) -> str:
            return next(a.label for a in hb.eligibility.answer_sets[q.answers] if a.value == value)

        def cited_on(source: str, section: str) -> list[tuple[str, str, int]]:
            counts: dict[str, int] = {}
            for uri, c in self.cites:
                if c.source == source and c.section == section:
                    counts[uri] = counts.get(uri, 0) + 1
            return [(self.titles[uri], uri, n) for uri, n in counts.items()]

        return {
            "hb": hb,
            "t": self.t,
            "program": hb.program,
            "aid": lambda name: Markup(prefix + name),
            "page_title": lambda uri: self.titles[uri],
            "link": link,
            "source_link": source_link,
            "cited_on": cited_on,
            "date": lambda d: format_date(d, self.t),
            "role": lambda rid: next(r for r in hb.roles.roles if r.id == rid),
            "question": lambda qid: next(q for q in hb.eligibility.questions if q.id == qid),
            "disqualifier": lambda did: next(d for d in hb.eligibility.disqualifiers if d.id == did),
            "answer_text": answer_text,
            "answer_label": lambda ask_if: answer_text(question(ask_if.question), ask_if.answers[0]),
            "question_number": lambda qid: str(1 + [q.id for q in hb.eligibility.questions].index(qid)),
        }

    def render(self, template: str, page_uri: str, prefix: str = "", **extra) -> str:
        return self.env.get_template(template).render(**self.context(page_uri, prefix), **extra)

    def render_text(self, text: str, page_uri: str) -> str:
        """A hand-written page from content/, which may use the data: {{ program.name }}."""
        head = '{% import "_macros.md.j2" as m with context %}'
        return self.env.from_string(head + text).render(**self.context(page_uri))

    # -- the pages
    def handbook_pages(self, page_uri: str | None = None, prefix: Callable[[str], str] = lambda uri: "") -> list[Page]:
        pages = []
        for spec in SPECS:
            where = page_uri or spec.uri
            text = self.render(spec.template, where, prefix(spec.uri), data=getattr(self.hb, spec.data), title=self.titles[spec.uri])
            pages.append(Page(spec.uri, self.titles[spec.uri], text, "tiers" if spec.uri.startswith("tiers/") else None))
            if spec.data == "tiers":
                for tier in self.hb.tiers.tiers:
                    uri = f"tiers/{tier.id}.md"
                    text = self.render("tier.md.j2", page_uri or uri, prefix(uri), tier=tier)
                    pages.append(Page(uri, tier.name, text, "tiers"))
        return pages

    def print_page(self, content: dict[str, str]) -> Page:
        """The whole handbook on one page: hand-written pages first, then every generated page."""
        parts = [self.render("print.md.j2", PRINT)]
        for uri, text in content.items():
            parts.append(_demote(self.render_text(text, PRINT)))
        slug = lambda uri: re.sub(r"[^a-z0-9]+", "-", uri.removesuffix(".md")) + "--"
        for page in self.handbook_pages(PRINT, slug):
            parts.append(_demote(page.markdown))
        return Page(PRINT, self.t["print_title"], "\n\n".join(parts))

    def self_check_page(self) -> Page:
        """The printable checklist; its own theme template (site_overrides/selfcheck.html) adds the self-check."""
        front = "---\ntemplate: selfcheck.html\nhide:\n  - toc\n---\n"
        return Page(SELF_CHECK, self.titles[SELF_CHECK], front + self.render("self-check.md.j2", SELF_CHECK))


def _demote(markdown: str) -> str:
    """Push every heading one level down, so a page's title becomes a section of the print page."""
    return re.sub(r"^(#{1,5}) ", r"#\1 ", markdown, flags=re.M)


def render_site(hb: Handbook, content: dict[str, str]) -> tuple[list[Page], dict[str, str]]:
    """All generated pages, and the hand-written pages (uri -> Markdown) rendered with the data."""
    r = Renderer(hb)
    pages = r.handbook_pages()
    pages.append(r.self_check_page())
    rendered = {uri: r.render_text(text, uri) for uri, text in content.items()}
    pages.append(r.print_page({uri: text for uri, text in content.items()}))
    return pages, rendered
