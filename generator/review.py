"""`python -m generator review --against REF`: one HTML page for a second person to approve a change.

It shows every page whose text changes (before and after, side by side), made from the data at REF
(a git revision, or a folder holding an older data/) and from the working data/, and how each
scenario of data/scenarios.yaml comes out before and after, and every translated text policy staff have
not yet marked reviewed. The page's words are in templates/review.html.j2.
"""
from __future__ import annotations

import difflib
import tempfile
from pathlib import Path
from types import SimpleNamespace

import click
import jinja2

from . import build, scenarios as scenarios_mod, translations
from .command import Project, fail, say, write_atomically
from .diff_command import _previous_data
from .load import DataError


def _pages(site: build.Site) -> dict[str, tuple[str, str]]:
    pages = {p.uri: (p.title, p.markdown) for p in site.pages}
    pages.update({uri: (uri, text) for uri, text in site.content.items()})
    return pages


def _outcomes(site: build.Site, items: list) -> dict[str, str]:
    table = scenarios_mod.table(site.handbook)
    titles = {o.id: o.title for o in site.handbook.eligibility.outcomes}
    out = {}
    for item in items:
        try:
            got = scenarios_mod.evaluate_item(site.handbook, item, table).id
            out[item.name] = titles.get(got, got)
        except (KeyError, ValueError, TypeError):
            out[item.name] = None  # the scenario asks a question this version does not have
    return out


@click.command()
@click.option("--against", "against", default="HEAD", show_default=True,
              help="The version to compare with: a git revision (HEAD, main, a tag) or a folder holding an older data/.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("review.html"), show_default=True,
              help="Where to write the review page.")
@click.pass_obj
def review(project: Project, against: str, out: Path) -> None:
    """Write one HTML page showing what a change does, for a second person to approve before publishing."""
    content = project.root / "content"
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = _previous_data(project, against, Path(tmp))
        try:
            new = build.prepare(project.data, content)
            old = build.prepare(old_dir, content)
        except build.BuildProblem as e:
            fail(str(e).splitlines()[1:] or [str(e)], f"The data here or in {against} cannot be built, so there is nothing to review:")
        try:
            items = scenarios_mod.load(project.data, new.handbook)
        except DataError as e:
            fail([p.told() for p in e.problems], "The scenarios cannot be read:")
        before, after = _outcomes(old, items), _outcomes(new, items)
    old_pages, new_pages = _pages(old), _pages(new)
    table = difflib.HtmlDiff(wrapcolumn=70)
    changed = []
    for uri in sorted(set(old_pages) | set(new_pages)):
        was, now = old_pages.get(uri, ("", "")), new_pages.get(uri, ("", ""))
        if was[1] != now[1]:
            changed.append({"uri": uri, "title": now[0] or was[0],
                            "table": table.make_table(was[1].splitlines(), now[1].splitlines(), context=True, numlines=2)})
    rows = [{"name": i.name, "before": before[i.name], "after": after[i.name], "expected": i.scenario.outcome} for i in items]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
    hb = new.handbook
    unreviewed = [(SimpleNamespace(code=lang, name=translations.language_name(lang)), [(k, hb.translations[lang][k]) for k in keys])
                  for lang, keys in translations.unreviewed(hb).items()]
    html = env.get_template("review.html.j2").render(against=against, pages=changed, scenarios=rows,
                                                      program=new.site_name, unreviewed=unreviewed, main=hb.program.language)
    write_atomically(out, html.encode("utf-8"))
    moved = sum(r["before"] != r["after"] for r in rows)
    say(f"{len(changed)} page{'s' if len(changed) != 1 else ''} and {moved} scenario result{'s' if moved != 1 else ''} "
        f"change since {against}.")
    click.echo(f"Wrote the review page {out}: open it in a browser, or send it to the person who approves the change.")
