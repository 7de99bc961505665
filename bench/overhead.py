"""1. Build overhead: the project's `mkdocs build` against a bare Material build of the same Markdown."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import yaml
from markupsafe import Markup

from bench.common import BUILD_ENV, PY, fmt, log, ok, spread
from bench.context import Context
from tests.kit import copy_project

SECTION = "overhead"
TITLE = "1. build overhead"
BARE_HOOK = """from __future__ import annotations

import json, pathlib, re

# nothing of the generator: the values its hooks give the theme, worked out beforehand (theme_values.json)
_VALUES = json.loads((pathlib.Path(__file__).parent / "theme_values.json").read_text(encoding="utf-8"))
# the self-check's checklist without heading links (generator/site/hooks.py HEADERLINK), so the pages come out the same
HEADERLINK = re.compile(HEADERLINK_PATTERN)


def on_config(config):
    config.extra.update(_VALUES["extra"])
    return config


def on_env(env, config, files):  # the project's compact `tojson` (generator/site/hooks.py on_env), for the same pages
    env.policies["json.dumps_kwargs"] = DUMPS_KWARGS
    return env


def on_page_content(html, page, config, files):
    return HEADERLINK.sub("", html) if page.meta.get("template") == SELFCHECK_TEMPLATE else html


def on_page_context(context, page, config, nav):
    context.update(_VALUES["pages"].get(page.file.src_uri, {}))
    return context
"""
"""The bare project's only hook: what the generator's hooks give the theme, and of their on_env only what makes the
pages the same (the compact `tojson`); not the cache of compiled theme templates it keeps on disk, which plain
Material does not have (its share of the difference is measured apart: `bare_cached`)."""


def bare_hook() -> str:
    """BARE_HOOK with the three values it needs filled in (no `generator` import)."""
    import jinja2

    from generator.site import hooks
    from generator import selfcheck

    env = jinja2.Environment()
    hooks.on_env(env, None, None)
    return (BARE_HOOK.replace("DUMPS_KWARGS", repr(env.policies["json.dumps_kwargs"]))
            .replace("HEADERLINK_PATTERN", repr(hooks.HEADERLINK.pattern))
            .replace("SELFCHECK_TEMPLATE", repr(selfcheck.PAGE_TEMPLATE)))


def bare_project(project: Path, dest: Path) -> Path:
    """The same rendered Markdown in a plain docs folder, same theme config, none of the generator's hooks:
    only one that hands the theme the values the generator's hooks give it (worked out here, by them)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from generator.site import hooks
    from generator import selfcheck

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
    (dest / "context_hook.py").write_text(bare_hook(), encoding="utf-8")
    cfg = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["hooks"] = ["context_hook.py"]
    cfg.pop("watch", None)
    cfg["docs_dir"] = "docs"
    cfg["site_name"] = site.site_name
    cfg["theme"]["language"] = site.language
    cfg["nav"] = site.nav(sorted(site.content))
    # each further language's pages: in its own navigation in the real build (made by a hook), here in none
    # and the pages reached from another page only (registry: listed=False)
    from generator.site import registry
    cfg["not_in_nav"] = "\n".join([*(f"/{e.folder}" for e in site.editions[1:]), *(f"/{e.uri}" for e in registry.PAGES if not e.listed)])
    (dest / "mkdocs.yml").write_text(yaml.dump(cfg, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


class _Dumper(yaml.SafeDumper):
    """The nav's titles are escaped already (markupsafe.Markup, a kind of str): written as the text they are."""


_Dumper.add_representer(Markup, yaml.representer.SafeRepresenter.represent_str)


RUNS = 7
"""Runs of each build (issue 22: seven each, interleaved)."""
RATIO_TARGET = 1.15
"""The project's whole `mkdocs build` process at most this many times the bare one's CPU (issue 22)."""
CHECK_TARGET = 0.5
"""`python -m generator check`, the whole process, in at most this many CPU seconds ("well under a second")."""
BUILD = [PY, "-m", "mkdocs", "build", "--quiet"]
CHECK = [PY, "-m", "generator", "check"]


def whole_process(args: list[str], cwd: Path) -> dict:
    """Run `args` in `cwd` as its own process: its CPU time (user + system, the whole process: Python's start-up,
    every import, the work) and its wall time. The PDF is left out (common.BUILD_ENV)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args[1:])} in {cwd} failed:\n{err.decode(errors='replace')[-3000:]}")
    return {"cpu_seconds": usage.ru_utime + usage.ru_stime, "seconds": time.perf_counter() - start}


def measure(ctx: Context, runs: int = RUNS) -> dict:
    work = ctx.work
    full = copy_project(work / "overhead-full", languages=True)
    bare = bare_project(full, work / "overhead-bare")
    cached = bare_cached(bare, work / "overhead-bare-cached")
    # warm the disk cache and the caches builds keep on disk (compiled templates, the self-check's minified script),
    # as any earlier build does
    whole_process(BUILD, full), whole_process(BUILD, bare), whole_process(BUILD, cached), whole_process(CHECK, full)
    t: dict[str, list[dict]] = {"full": [], "bare": [], "cached": [], "check": []}
    for i in range(runs):  # interleaved: the project, the bare one, the bare one with the theme cache, check
        for name, args, where in (("full", BUILD, full), ("bare", BUILD, bare), ("cached", BUILD, cached), ("check", CHECK, full)):
            t[name].append(whole_process(args, where))
        f, b, k, c = (t[n][-1]["cpu_seconds"] for n in ("full", "bare", "cached", "check"))
        log(f"  overhead run {i + 1}: project {f:.2f}s CPU, bare {b:.2f}s CPU ({f / b:.2f}x), bare with the theme cache "
            f"{k:.2f}s CPU ({f / k:.2f}x); check {c:.2f}s CPU")
    cpu = {n: [x["cpu_seconds"] for x in runs_] for n, runs_ in t.items()}
    wall = {n: spread([x["seconds"] for x in runs_]) for n, runs_ in t.items()}
    ratio = statistics.median(cpu["full"]) / statistics.median(cpu["bare"])
    return {"full_s": wall["full"], "bare_s": wall["bare"], "full_cpu_s": spread(cpu["full"]), "bare_cpu_s": spread(cpu["bare"]),
            "ratio": ratio, "pair_ratios": spread([f / b for f, b in zip(cpu["full"], cpu["bare"])]), "target": RATIO_TARGET,
            "met": ratio <= RATIO_TARGET, "cached_cpu_s": spread(cpu["cached"]),
            "ratio_cached": statistics.median(cpu["full"]) / statistics.median(cpu["cached"]),
            "check_cpu_s": spread(cpu["check"]), "check_s": wall["check"],
            "check_target": CHECK_TARGET, "check_met": statistics.median(cpu["check"]) <= CHECK_TARGET,
            "same_pages": _same_html(full / "site", bare / "site"), "load": os.getloadavg()}


def bare_cached(bare: Path, dest: Path) -> Path:
    """The bare project with the one thing of the project's on_env that is not about the pages: compiled theme
    templates kept on disk (in a folder of its own), to tell that cache's share of the difference from the generator's."""
    shutil.copytree(bare, dest, ignore=shutil.ignore_patterns("site"))
    hook = (dest / "context_hook.py").read_text(encoding="utf-8").replace(
        "    return env\n", f"    env.bytecode_cache = jinja2.FileSystemBytecodeCache({str(dest / 'template-cache')!r})\n    return env\n", 1)
    (dest / "template-cache").mkdir()
    (dest / "context_hook.py").write_text(hook.replace("import json,", "import jinja2, json,", 1), encoding="utf-8")
    return dest


def _same_html(a: Path, b: Path) -> dict:
    """How many built pages are byte-identical between the two builds (a check that they compare like with like)."""
    pages = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    same = {p for p in pages if (b / p).is_file() and (a / p).read_bytes() == (b / p).read_bytes()}
    further = {p.name for p in (a.parent / "data" / "translations").glob("*.yaml")}
    main = {p for p in pages if p.parts[0] + ".yaml" not in further}
    return {"pages": len(pages), "identical": len(same), "main_language": len(main), "main_identical": len(main & same)}


def rows(r: dict) -> list[str]:
    o = r["overhead"]
    if "ratio" not in o:  # figures of the earlier benchmark (build only, imports left out), kept until it runs again
        return []
    how = ("whole process, as a policy officer waits for it: Python's start-up, every import and the build, CPU time (user + "
           "system of the process, from os.wait4), which other work on this 2-core machine barely changes; the PDF left out "
           "(an output of its own); the self-check's minified script read from its cache on disk (warm: the runs before "
           "the timed ones fill it, as any earlier build does), the same cache for both")
    return [f"| 1 | build overhead, whole process | {o['ratio']:.2f}× the bare build's CPU (ratio of the medians; run by run "
            f"{o['pair_ratios']['min']:.2f}–{o['pair_ratios']['max']:.2f}×, n={o['pair_ratios']['n']}); CPU: project {fmt(o['full_cpu_s'])}, "
            f"bare {fmt(o['bare_cpu_s'])}; wall: project {fmt(o['full_s'])}, bare {fmt(o['bare_s'])} | ≤ {o['target']:.2f}× | {ok(o['met'])} | "
            f"`python -m mkdocs build` of the project vs. the same of a bare Material project with the same rendered Markdown "
            f"(prepare() dumped into a plain docs folder, same theme config and nav; its one hook imports nothing of the generator: it "
            f"hands the theme the values the generator's hooks work out, read from a file, and has the project's own on_env); "
            f"the project, the bare one and check take turns, each run a new process; {how}. "
            f"{o['same_pages']['identical']} of {o['same_pages']['pages']} built pages are byte-identical between the two "
            f"({o['same_pages']['main_identical']} of the main language's {o['same_pages']['main_language']}; a further language's pages have their own navigation only in the project's build). "
            f"Load average {o['load'][0]:.1f} at the end. |",
            f"| 1 | the same, against a bare build that also keeps its compiled theme templates on disk | {o['ratio_cached']:.2f}× "
            f"(bare with the cache: CPU {fmt(o['cached_cpu_s'])}) | (for information) | | the project's on_env keeps Material's and "
            f"site_overrides/' compiled templates on disk (generator/site/diskcache.py), which plain Material does not: this is the "
            f"ratio with that share taken out, the generator's own overhead; {how} |",
            f"| 1 | `python -m generator check`, whole process | CPU {fmt(o['check_cpu_s'])}; wall {fmt(o['check_s'])} | "
            f"≤ {o['check_target']:.2f} s CPU | {ok(o['check_met'])} | in the project (every language), in turn with the builds above; {how} |"]


BEFORE = {"commit": "8948792", "when": "2026-12-05 02:46 UTC", "ratio": 1.68, "full": 1.30, "bare": 0.77, "cached": 2.04,
          "check": 0.82, "load": 1.1, "busy": "1.70× (1.47 s vs 0.87 s), `check` 0.91 s, at 01:56 UTC with load average 6.4"}
"""This benchmark's figures before the changes of issue 22 (2): the same method on the same machine, that commit's code
measured right after the 'after' figures (so at the same load), and earlier on a busier machine."""


def details(r: dict) -> list[str]:
    o, b = r["overhead"], BEFORE
    if "ratio" not in o:
        return []
    return ["", "## Build overhead, whole process: before and after (issue 22, 2)", "",
            f"Before (commit {b['commit']}, {b['when']}, load average {b['load']:.1f}): the project's build {b['ratio']:.2f}× the bare "
            f"build's CPU ({b['full']:.2f} s vs {b['bare']:.2f} s; {b['cached']:.2f}× against the bare build with the theme cache), "
            f"`check` {b['check']:.2f} s (earlier, busier: {b['busy']}). After ({o['measured']}, load average "
            f"{o['load'][0]:.1f}): {o['ratio']:.2f}× ({o['full_cpu_s']['median']:.2f} s vs {o['bare_cpu_s']['median']:.2f} s; "
            f"{o['ratio_cached']:.2f}× against a bare build that keeps its compiled templates too), `check` {o['check_cpu_s']['median']:.2f} s.",
            "",
            "Where the time went (`python -X importtime`, cProfile with a CPU clock, and each hook timed in the build): importing the "
            "generator (mostly pydantic building the model's classes), loading and checking the data, compiling the templates on every "
            "build (the generator's, the hand-written pages', Material's), `check` loading the data twice, "
            "and work done again on the same data (every translated text walked by copying the data, once per check; the handbook "
            "as of today made twice; each citation's pages looked up against every page). What changed: compiled templates are kept "
            "in the user's cache folder (generator/site/diskcache.py); the model's field docs are read for the schema only "
            "(use_attribute_docstrings read every model's source on every import); texts, citations and the handbook as of a day "
            "are worked out once per loaded data (model.by_identity); `check` and `publish` load the data once; the build's objects are kept out of Python's collector rounds while MkDocs "
            "builds (gc.freeze). What remains above bare Material is the generator's own work: importing pydantic and building the "
            "model's classes (about a tenth of a second), loading and checking the data (about as much), and rendering its pages "
            "in two languages."]
