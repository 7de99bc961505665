"""2. Scaling: the build of data repeated 1, 10 and 100 times, its CPU time, memory and profile."""
from __future__ import annotations

import pstats
import shutil
from pathlib import Path

import yaml

from bench.common import child_build, fmt, log, ok, spread
from bench.context import Context
from tests.kit import copy_project

SECTION = "scaling"
TITLE = "2. scaling"
SCALES = (1, 10, 100)
MAX_REQUIREMENT_COPIES = 50
"""The requirements are repeated at most this often: 100 copies make eligibility.yaml larger than the 1 MB
the loader accepts in one policy file (generator/policy/yamlread.py)."""

class _WrittenOut(yaml.SafeDumper):
    """Every value written out in full: the copies share entries (cites), and policy data refuses YAML's
    anchors and aliases (generator/policy/yamlread.py)."""

    def ignore_aliases(self, data) -> bool:
        return True


def scaled_data(src: Path, dest: Path, k: int) -> None:
    """data/ with tiers (and so activities), roles, requirements and glossary terms repeated k times.

    Copies get new ids and names; quotes and citations stay verbatim, so the loader checks them all.
    """
    from generator.policy.yamlread import read_yaml

    shutil.copytree(src, dest)

    def grow(items: list, name_key: str, times: int = k) -> list:
        out = list(items)
        for n in range(2, times + 1):
            for item in items:
                copy = dict(item, id=f"{item['id']}-x{n}")
                copy[name_key] = f"{item[name_key]} ({n})"
                out.append(copy)
        return out

    def edit(file: str, change) -> None:
        value = read_yaml(dest / f"{file}.yaml", f"data/{file}.yaml").value
        change(value)
        (dest / f"{file}.yaml").write_text(yaml.dump(value, Dumper=_WrittenOut, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")

    edit("tiers", lambda v: v.update(tiers=grow(v["tiers"], "name")))
    edit("roles", lambda v: v.update(roles=grow(v["roles"], "name")))
    edit("glossary", lambda v: v.update(terms=grow(v["terms"], "term")))
    edit("eligibility", lambda v: v.update(requirements=grow(v["requirements"], "title", min(k, MAX_REQUIREMENT_COPIES))))


def scaled_project(dest: Path, k: int) -> Path:
    """A copy of the project (its main language only: the copies' texts have no translations) with its
    data repeated k times."""
    project = copy_project(dest)
    shutil.move(project / "data", dest.parent / f"{dest.name}-data")
    scaled_data(dest.parent / f"{dest.name}-data", project / "data", k)
    return project


PHASES = [  # (label, file suffix, function name); cumulative time from cProfile
    ("load and check the data (load_all)", "generator/policy/load.py", "load_all"),
    ("  of which YAML parsing", "generator/policy/yamlread.py", "read_yaml"),
    ("  of which schema validation (pydantic)", "generator/policy/load.py", "<model_validate>"),
    ("  of which cross-checks and quote checks", "generator/policy/crosscheck.py", "cross_check"),
    ("render pages with Jinja (render_site)", "generator/site/pages.py", "render_site"),
    ("Markdown to HTML (Page.render)", "mkdocs/structure/pages.py", "render"),
    ("theme templates, Material (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("search index (Material's search plugin)", "material/plugins/search/plugin.py", "<search>"),
    ("copy theme and static files", "mkdocs/structure/files.py", "copy_static_files"),
    ("hooks: add pages to MkDocs (on_files)", "generator/site/hooks.py", "on_files"),
]


def profile_phases(stats_file: Path) -> dict:
    stats = pstats.Stats(str(stats_file)).stats
    total = max(ct for (f, _, fn), (_, _, _, ct, _) in stats.items() if f.endswith("bench/child.py") and fn == "run")
    out = {"total": total}
    for label, suffix, fn in PHASES:
        if fn == "<model_validate>":
            ct = sum(c for (f, _, name), (_, _, _, c, callers) in stats.items()
                     if name == "model_validate" and any(k[0].endswith("generator/policy/load.py") for k in callers))
        elif fn == "<search>":
            ct = sum(c for (f, _, name), (_, _, _, c, _) in stats.items()
                     if f.endswith(suffix) and name in ("on_page_context", "on_post_build"))
        else:
            ct = max((c for (f, _, name), (_, _, _, c, _) in stats.items() if f.endswith(suffix) and name == fn), default=0.0)
        out[label] = ct
    return out


def measure(ctx: Context) -> dict:
    from generator.site import build as gb

    work, reps = ctx.work, ctx.reps

    results = {}
    for k in SCALES:
        project = scaled_project(work / f"scale-{k}", k)
        site = gb.prepare(project / "data", project / "content")
        md_bytes = sum(len(p.markdown.encode()) for p in site.pages) + sum(len(t.encode()) for t in site.content.values())
        child_build(project)  # warm-up
        times, cpu, mem = [], [], []
        n = reps if k < 100 else max(2, reps // 2)
        for i in range(n):
            r = child_build(project)
            times.append(r["seconds"]), cpu.append(r["cpu_seconds"]), mem.append(r["maxrss_kb"] / 1024)
            log(f"  scale {k}x rep {i + 1}: {r['cpu_seconds']:.2f}s CPU ({r['seconds']:.2f}s wall), {r['maxrss_kb'] / 1024:.0f} MiB")
        child_build(project, work / f"scale-{k}.prof")
        phases = profile_phases(work / f"scale-{k}.prof")
        html = list((project / "site").rglob("*.html"))
        results[k] = {"pages": len(site.pages) + len(site.content), "markdown_bytes": md_bytes,
                      "html_bytes": sum(p.stat().st_size for p in html), "seconds": spread(times), "cpu_seconds": spread(cpu), "peak_mib": spread(mem),
                      "profile_s": phases}
        shutil.rmtree(project / "site")
    base = results[1]["cpu_seconds"]["median"]
    for k in SCALES:
        results[k]["time_vs_1x"] = results[k]["cpu_seconds"]["median"] / base
    gen = lambda k: results[k]["profile_s"]["load and check the data (load_all)"] + results[k]["profile_s"]["render pages with Jinja (render_site)"]
    for k in SCALES:
        results[k]["generator_vs_1x"] = gen(k) / gen(1)
        results[k]["markdown_vs_1x"] = results[k]["markdown_bytes"] / results[1]["markdown_bytes"]
    return {"by_scale": results, "target_100x_within": 30, "met": results[100]["time_vs_1x"] <= 30}


def rows(r: dict) -> list[str]:
    out = []
    s = r["scaling"]["by_scale"]
    for k in SCALES:
        x = s[k]
        out.append(f"| 2 | scaling {k}× ({x['pages']} pages, {x['markdown_bytes'] / 1024:.0f} KiB Markdown) | CPU {fmt(x['cpu_seconds'])} (wall {x['seconds']['median']:.2f} s); "
                 f"{x['time_vs_1x']:.1f}× the 1× time; peak memory {x['peak_mib']['median']:.0f} MiB | "
                 f"{'100× ≤ 30× of 1×' if k == 100 else ''} | {ok(r['scaling']['met']) if k == 100 else ''} | "
                 f"synthetic data: tiers (with their activities), roles and glossary terms repeated {k}×, requirements {min(k, MAX_REQUIREMENT_COPIES)}×, with new ids, quotes verbatim; "
                 f"build in a child process (CPU time of the build, as in row 1), peak memory = its ru_maxrss |")
    return out


def details(r: dict) -> list[str]:
    s = r["scaling"]["by_scale"]
    L = ["", "## Where the build time goes (cProfile with a CPU-time clock, cumulative CPU seconds in one profiled build)", "",
          "| phase | " + " | ".join(f"{k}×" for k in SCALES) + " |", "|---|" + "---|" * len(SCALES)]
    for label, *_ in [("total", None, None), *PHASES]:
        L.append(f"| {label} | " + " | ".join(f"{s[k]['profile_s'][label]:.2f}" for k in SCALES) + " |")
    L.append("| generator's own work (load + render), growth vs 1× | " + " | ".join(f"{s[k]['generator_vs_1x']:.1f}×" for k in SCALES) + " |")
    L.append("| Markdown it writes, growth vs 1× | " + " | ".join(f"{s[k]['markdown_vs_1x']:.1f}×" for k in SCALES) + " |")
    share = lambda k, label: 100 * s[k]["profile_s"][label] / s[k]["profile_s"]["total"]
    gen = "load and check the data (load_all)", "render pages with Jinja (render_site)"
    md, theme = "Markdown to HTML (Page.render)", "theme templates, Material (_build_page)"
    L += ["", "What dominates: at 1× the generator's own work (loading and checking the data, rendering the pages) is "
          f"{share(1, gen[0]) + share(1, gen[1]):.0f} % of the profiled build, Markdown {share(1, md):.0f} %, Material's templates {share(1, theme):.0f} %; "
          f"at 100× the generator is {share(100, gen[0]) + share(100, gen[1]):.0f} %, Markdown {share(100, md):.0f} % and Material's templates "
          f"{share(100, theme):.0f} %. The generator's work grows {s[100]['generator_vs_1x']:.0f}× for {s[100]['markdown_vs_1x']:.0f}× the Markdown it writes, "
          f"so it grows no faster than its output. Material's template time grows "
          f"{s[100]['profile_s'][theme] / max(s[1]['profile_s'][theme], 1e-9):.0f}× for {s[100]['pages'] / s[1]['pages']:.0f}× the pages: every page "
          "carries the whole navigation, so that part grows with pages × nav entries (with 100× the tiers, the Tiers section lists them all on every page).",
          "",
          "Changes made after measuring (commit 'Faster builds'): the data files are parsed by libyaml (C) instead of PyYAML's pure-Python parser, "
          "falling back to the Python parser only for a file with a mistake, so the error messages stay the same (YAML parsing was 0.73 s of 4.7 s "
          "at 1× and 10.4 s of 129 s at 100× in the profile before); the locale file is parsed once per build instead of five times; "
          "and the Jinja environment is kept for the process, so `mkdocs serve` does not compile the templates again on every rebuild."]
    return L
