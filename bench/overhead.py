"""1. Build overhead: the project's `mkdocs build` against a bare Material build of the same Markdown."""
from __future__ import annotations

import json
import shutil
import statistics
from pathlib import Path

import yaml
from markupsafe import Markup

from bench.common import child_build, fmt, log, ok, spread
from bench.context import Context
from tests.kit import copy_project

SECTION = "overhead"
TITLE = "1. build overhead"
BARE_HOOK = """import json, pathlib

# the theme's compact `tojson`, and the self-check's checklist without heading links, so the pages come out byte for byte the same
from generator.hooks import on_env, on_page_content

_VALUES = json.loads((pathlib.Path(__file__).parent / "theme_values.json").read_text(encoding="utf-8"))


def on_config(config):
    config.extra.update(_VALUES["extra"])
    return config


def on_page_context(context, page, config, nav):
    context.update(_VALUES["pages"].get(page.file.src_uri, {}))
    return context
"""


def bare_project(project: Path, dest: Path) -> Path:
    """The same rendered Markdown in a plain docs folder, same theme config, none of the generator's hooks:
    only one that hands the theme the values the generator's hooks give it (worked out here, by them)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from generator import hooks, selfcheck

    hooks.on_startup("build", dirty=False)
    config = hooks.on_config(load_config(str(project / "mkdocs.yml")))
    site = hooks.prepared_site()
    docs = dest / "docs"
    for uri, text in [*site.content.items(), *((p.uri, p.markdown) for p in site.pages)]:
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    for uri, data in site.assets.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(data)
    (docs / site.words["pdf_file"]).write_bytes(b"")  # the PDF's stand-in, as the hooks' (no PDF is made here)
    shutil.copytree(project / "site_overrides", dest / "site_overrides")
    # the self-check's page template, which the hooks add to the theme's folders
    shutil.copy2(selfcheck.PAGE_DIR / selfcheck.PAGE_TEMPLATE, dest / "site_overrides" / selfcheck.PAGE_TEMPLATE)
    uris = [*site.content, *(p.uri for p in site.pages)]
    urls = {u: File(u, str(docs), str(dest / "site"), True).url for u in uris}
    pages = {u: hooks.page_values(u, lambda other, u=u: get_relative_url(urls[other], urls[u]), urls.__contains__)
             for u in uris}
    values = {"extra": {key: config.extra[key] for key in config.extra}, "pages": pages}
    (dest / "theme_values.json").write_text(json.dumps(values), encoding="utf-8")
    (dest / "context_hook.py").write_text(BARE_HOOK, encoding="utf-8")
    cfg = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["hooks"] = ["context_hook.py"]
    cfg.pop("watch", None)
    cfg["docs_dir"] = "docs"
    cfg["site_name"] = site.site_name
    cfg["theme"]["language"] = site.language
    cfg["nav"] = site.nav(sorted(site.content))
    # each further language's pages: in its own navigation in the real build (made by a hook), here in none
    # and the pages reached from another page only (registry: listed=False)
    from generator import registry
    cfg["not_in_nav"] = "\n".join([*(f"/{e.folder}" for e in site.editions[1:]), *(f"/{e.uri}" for e in registry.PAGES if not e.listed)])
    (dest / "mkdocs.yml").write_text(yaml.dump(cfg, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


class _Dumper(yaml.SafeDumper):
    """The nav's titles are escaped already (markupsafe.Markup, a kind of str): written as the text they are."""


_Dumper.add_representer(Markup, yaml.representer.SafeRepresenter.represent_str)


def measure(ctx: Context) -> dict:
    work, reps = ctx.work, ctx.reps
    full = copy_project(work / "overhead-full", languages=True)
    bare = bare_project(full, work / "overhead-bare")
    child_build(full), child_build(bare)  # warm the disk cache
    full_t, bare_t, full_c, bare_c, ratios = [], [], [], [], []
    for i in range(reps):
        f, b = child_build(full), child_build(bare)
        full_t.append(f["seconds"]), bare_t.append(b["seconds"])
        full_c.append(f["cpu_seconds"]), bare_c.append(b["cpu_seconds"])
        ratios.append(f["cpu_seconds"] / b["cpu_seconds"] - 1)
        log(f"  overhead rep {i + 1}: full {f['cpu_seconds']:.2f}s CPU ({f['seconds']:.2f}s wall), "
            f"bare {b['cpu_seconds']:.2f}s CPU ({b['seconds']:.2f}s wall): +{100 * ratios[-1]:.1f} %")
    same = _same_html(full / "site", bare / "site")
    return {"full_s": spread(full_t), "bare_s": spread(bare_t), "full_cpu_s": spread(full_c), "bare_cpu_s": spread(bare_c),
            "overhead": spread(ratios), "target": 0.10,
            "met": statistics.median(ratios) <= 0.10, "same_pages": same}


def _same_html(a: Path, b: Path) -> dict:
    """How many built pages are byte-identical between the two builds (a check that they compare like with like)."""
    pages = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    same = sum((b / p).is_file() and (a / p).read_bytes() == (b / p).read_bytes() for p in pages)
    return {"pages": len(pages), "identical": same}


def rows(r: dict) -> list[str]:
    o = r["overhead"]
    return [f"| 1 | build overhead | +{100 * o['overhead']['median']:.1f} % (+{100 * o['overhead']['min']:.1f} to +{100 * o['overhead']['max']:.1f} %, n={o['overhead']['n']}); "
            f"CPU: full {fmt(o['full_cpu_s'])}, bare {fmt(o['bare_cpu_s'])}; wall: full {fmt(o['full_s'])}, bare {fmt(o['bare_s'])} | ≤ 10 % | {ok(o['met'])} | "
            f"`mkdocs build` of the project vs. a bare Material build of the same rendered Markdown (prepare() dumped into a plain docs folder, "
            f"same theme config and nav; none of the generator's hooks, only one that hands the theme the values they work out, and the further languages' pages without their own navigation); alternating, each build in a fresh process, timed from load_config() to the end of build(), both without the PDF (an output of its own); "
            f"the ratio is of CPU time (user + system of the build process), which other work on this 2-core machine barely disturbs. "
            f"{o['same_pages']['identical']} of {o['same_pages']['pages']} built pages are byte-identical between the two. |"]
