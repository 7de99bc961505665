"""`python -m generator review --against REF`: one HTML page for a second person to approve a change.

It is made from the data at REF (a git revision, or a folder holding an older data/) and from the working
data/ (saved or not), both as of one day (`--as-of`, else today). On top, a summary: how many pages change
(in each language), how many scenario results, and the texts awaiting translation. Then each page whose text
changes, as it reads: each changed section, heading first, before and after side by side (one above the other
on a phone), the words taken out and put in marked (reading.py); each scenario's result before and after;
the texts of the change to translate, and every translated text not yet reviewed. The page asks nothing of
any other file or host (its style is inline). Its words are in templates/review.html.j2.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
import tempfile

import click
import jinja2

from generator.site import build, reading, registry
from generator import model
from generator.selfcheck import scenarios as scenarios_mod
from generator.policy import translations
from generator.commands.command import AS_OF_OPTION, Project, fail, say, write_atomically
from generator.commands.diff_command import _previous_data
from generator.policy.load import DataError, load_all

MARKDOWN = (["attr_list", "md_in_html", "tables", "toc"], {})
"""The site's Markdown extensions, when mkdocs.yml cannot be read."""


def _markdown(project: Project) -> tuple[list, dict]:
    """The Markdown extensions the site is made with (mkdocs.yml), so a section reads as it does on the site."""
    from mkdocs.config import load_config

    try:
        config = load_config(str(project.config))
    except Exception:  # noqa: BLE001 - the build says what is wrong with mkdocs.yml; here the usual ones do
        return MARKDOWN
    return list(config.markdown_extensions), dict(config.mdx_configs)


def _pages(site: build.Site) -> dict[str, tuple[str, str, str]]:
    """Every page but the print page (which repeats them): {uri: (title, language, Markdown)}."""
    pages = [(p.uri, p.title, p.markdown) for p in site.pages] + [(uri, "", text) for uri, text in site.content.items()]
    out = {}
    for uri, title, text in pages:
        edition = site.edition_of(uri)
        if not registry.entry_of(uri.removeprefix(edition.folder), edition.handbook).gathers:
            out[uri] = (title, edition.language, text)
    return out


def changed_pages(old: build.Site, new: build.Site, markdown_with: tuple[list, dict]) -> list[SimpleNamespace]:
    """Each page whose text changes, in the new site's order (then those it no longer has), with its changed sections."""
    before, after = _pages(old), _pages(new)
    out = []
    for uri in list(after) + [u for u in before if u not in after]:
        was, now = before.get(uri), after.get(uri)
        if was and now and was[2] == now[2]:
            continue
        read = lambda page: reading.sections(reading.html(page[2], *markdown_with)) if page else []
        old_sections, new_sections = read(was), read(now)
        found = reading.changed_sections(old_sections, new_sections)
        if found:
            title = (now or was)[0] or next((s.heading for s in new_sections or old_sections), uri)
            language = (now or was)[1]
            out.append(SimpleNamespace(uri=uri, title=title, language=language, language_name=translations.language_name(language),
                                       sections=found))
    return out


def _outcomes(site: build.Site, items: list) -> dict[str, SimpleNamespace | None]:
    """Each scenario's result: the outcome's title and its dates, as a scenario's `dates:` read them (a moved date
    is a change too)."""
    table = scenarios_mod.table(site.handbook)
    outcomes = {o.id: o for o in site.handbook.eligibility.outcomes}
    out = {}
    for item in items:
        try:
            got = scenarios_mod.evaluate_item(site.handbook, item, table)
            out[item.name] = SimpleNamespace(title=outcomes[got.id].title if got.id in outcomes else got.id,
                                             training=got.training_date, partner=got.partner_date)
        except (KeyError, ValueError, TypeError):
            out[item.name] = None  # the scenario asks a question this version does not have
    return out


def _to_translate(old_dir: Path, new_dir: Path, new: build.Site) -> list[SimpleNamespace]:
    """Each further language: the texts this change adds or rewords (to translate, or to check the translation
    of), and every translated text policy staff have not yet marked reviewed."""
    english = lambda data: translations.texts({n: getattr(data, n) for n in model.FILES})
    was, now = english(load_all(old_dir, translations=False)), english(load_all(new_dir, translations=False))
    changed = [k for k, (_, _, text) in now.items() if k not in was or was[k][2] != text]
    unreviewed = translations.unreviewed(new.handbook)
    out = []
    for language, entries in new.handbook.translations.items():
        rows = lambda keys: [(k, entries[k]) for k in keys if k in entries]
        out.append(SimpleNamespace(code=language, name=translations.language_name(language), changed=rows(changed),
                                   unreviewed=rows(unreviewed.get(language, []))))
    return out


@click.command()
@click.option("--against", "against", default="HEAD", show_default=True,
              help="The version to compare with: a git revision (HEAD, main, a tag) or a folder holding an older data/.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("review.html"), show_default=True,
              help="Where to write the review page.")
@AS_OF_OPTION
@click.pass_obj
def review(project: Project, against: str, out: Path, as_of) -> None:
    """Write one HTML page showing what a change does, for a second person to approve before publishing.

    It compares the data at --against with the data in data/ as it is now, saved or not."""
    if as_of is not None:  # given to the builds below (not set for the whole process, as publish does)
        say(f"Showing the pages as of {as_of.isoformat()}")
    content = project.root / "content"
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = _previous_data(project, against, Path(tmp))
        try:
            new = build.prepare(project.data, content, as_of)
            old = build.prepare(old_dir, content, as_of)
        except build.BuildProblem as e:
            fail(str(e).splitlines()[1:] or [str(e)], f"The data here or in {against} cannot be built, so there is nothing to review:")
        try:
            items = scenarios_mod.load(project.data, new.handbook)
        except DataError as e:
            fail([p.told() for p in e.problems], "The scenarios cannot be read:")
        before, after = _outcomes(old, items), _outcomes(new, items)
        languages = _to_translate(old_dir, project.data, new)
    pages = changed_pages(old, new, _markdown(project))
    rows = [{"name": i.name, "before": before[i.name], "after": after[i.name], "changed": before[i.name] != after[i.name]} for i in items]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent.parent / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["language_name"] = translations.language_name
    html = env.get_template("review.html.j2").render(
        against=against, day=new.handbook.day, pages=pages, scenarios=rows, program=new.site_name, languages=languages,
        main=new.handbook.program.language, in_language={e.language: sum(p.language == e.language for p in pages) for e in new.editions})
    write_atomically(out, html.encode("utf-8"))
    moved = sum(r["changed"] for r in rows)
    say(f"{len(pages)} page{'s' if len(pages) != 1 else ''} and {moved} scenario result{'s' if moved != 1 else ''} "
        f"change since {against}.")
    click.echo(f"Wrote the review page {out}: open it in a browser, or send it to the person who approves the change.")
