"""5. Lighthouse (performance, accessibility) of three pages, with the Lighthouse pinned in bench/package.json,
and of a plain Material for MkDocs page built in the same run (the yardstick: the handbook's pages should be
as fast as it).

It is installed with `npm ci` from bench/package-lock.json. Lighthouse's @paulirish/trace_engine asks for
"latest" of third-party-web and legacy-javascript; npm compares "latest" with the registry's newest
release, so the lock stopped agreeing (`npm ci`: "Missing: third-party-web@0.30.0 from lock file") as soon
as a newer one came out. package.json's `overrides` pin both to the versions in the lock.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.common import BENCH, ENV, PY, fmt, log, ok, spread
from bench.context import Context
from tests.kit import CHROMIUM, serve

SECTION = "lighthouse"
TITLE = "5. Lighthouse"
PAGES = {"home": "/", "tier page": "/tiers/tier-1/", "self-check": "/self-check/"}
MODULES = BENCH / "node_modules"
PLAIN = "plain Material page"
PLAIN_CONFIG = "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
"""Material's defaults, without web fonts (the handbook has none, and this machine reaches no font host)."""
PLAIN_PAGE = "# A plain page\n\n" + "Some words of a page, as a documentation site has them. " * 40 + "\n\n## A section\n\nMore words.\n"


def plain_site(work: Path) -> Path:
    """A one-page Material for MkDocs site with the theme's defaults, built with this project's MkDocs."""
    project = work / "plain"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text(PLAIN_PAGE, encoding="utf-8")
    subprocess.run([PY, "-m", "mkdocs", "build", "-q"], cwd=project, env=ENV, check=True, capture_output=True)
    return project / "site"


def install() -> str:
    """Install the pinned Lighthouse into bench/node_modules unless it is there; its version."""
    pinned = json.loads((BENCH / "package.json").read_text(encoding="utf-8"))["dependencies"]["lighthouse"]
    installed = MODULES / "lighthouse" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text(encoding="utf-8"))["version"] != pinned:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)
    return json.loads(installed.read_text(encoding="utf-8"))["version"]


def measure(ctx: Context) -> dict:
    """Each page `ctx.lighthouse_reps` times, taking turns (one of each page, then again): a slow spell of
    the machine then falls on every page alike, not on one page's runs."""
    version = install()
    cli = MODULES / "lighthouse" / "cli" / "index.js"
    handbook, server = serve(ctx.site(), gzip=True)  # compressed, as real hosts serve it
    plain, plain_server = serve(plain_site(ctx.work), gzip=True)
    targets = {**{name: (handbook, path) for name, path in PAGES.items()}, PLAIN: (plain, "/")}
    runs: dict[str, list[dict]] = {name: [] for name in targets}
    try:
        for i in range(ctx.lighthouse_reps):
            for name, (base, path) in targets.items():
                runs[name].append(_run(ctx, cli, name, base + path, i))
    finally:
        server.shutdown()
        plain_server.shutdown()
    pages = {name: {"path": targets[name][1], **{key: spread([run[key] for run in rs]) for key in rs[0]}} for name, rs in runs.items()}
    return {"version": version, "pages": pages}


def _run(ctx: Context, cli: Path, name: str, url: str, i: int) -> dict:
    report = ctx.work / f"lh-{name.replace(' ', '-')}-{i}.json"
    subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,accessibility", "--form-factor=mobile",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   env={**ENV, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, timeout=300)
    result = json.loads(report.read_text())
    cats, audits = result["categories"], result["audits"]
    run = {"performance": round(100 * (cats["performance"]["score"] or 0)), "accessibility": round(100 * (cats["accessibility"]["score"] or 0)),
           "fcp": audits["first-contentful-paint"]["numericValue"] / 1000, "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
           "tbt": audits["total-blocking-time"]["numericValue"] / 1000}
    log(f"  lighthouse {name} rep {i + 1}: performance {run['performance']} accessibility {run['accessibility']} "
        f"FCP {run['fcp']:.2f} s LCP {run['lcp']:.2f} s TBT {run['tbt'] * 1000:.0f} ms")
    return run


def rows(r: dict) -> list[str]:
    lh = r["lighthouse"]
    plain = lh["pages"].get(PLAIN, {}).get("performance", {}).get("median")
    out = []
    for name, v in lh["pages"].items():
        perf, a11y = v["performance"], v["accessibility"]
        timing = ", ".join(f"{label} {fmt(v[key])}" for key, label in (("fcp", "first contentful paint"), ("lcp", "largest contentful paint"),
                                                                        ("tbt", "total blocking time")) if key in v)
        target, met = ("", "") if name == PLAIN or plain is None else (f"performance ≥ the plain Material page's ({plain:.0f})", ok(perf["median"] >= plain))
        out.append(f"| 5 | Lighthouse {name} ({v['path']}) | performance {perf['median']:.0f} ({perf['min']:.0f}–{perf['max']:.0f}), "
                   f"accessibility {a11y['median']:.0f} ({a11y['min']:.0f}–{a11y['max']:.0f}), {timing + ', ' if timing else ''}n={perf['n']} | {target} | {met} | "
                   f"lighthouse {lh['version']} (npm ci, bench/node_modules), Debian Chromium headless=new, mobile emulation with simulated "
                   "throttling, served gzip-compressed from 127.0.0.1 by the test kit's server; the pages take turns, run by run |")
    return out
