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

from bench.common import BENCH, ENV, PY, fmt, log, spread
from bench.context import Context
from tests.kit import CHROMIUM, serve

SECTION = "lighthouse"
TITLE = "5. Lighthouse"
PAGES = {"home": "/", "tier page (a plain Material page)": "/tiers/tier-1/", "self-check": "/self-check/"}
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
    version = install()
    cli = MODULES / "lighthouse" / "cli" / "index.js"
    out = {"version": version, "pages": {}}
    for site, pages in ((ctx.site(), PAGES), (plain_site(ctx.work), {PLAIN: "/"})):
        base, server = serve(site, gzip=True)  # compressed, as real hosts serve it
        try:
            for name, path in pages.items():
                out["pages"][name] = _scores(ctx, cli, name, base, path)
        finally:
            server.shutdown()
    return out


def _scores(ctx: Context, cli: Path, name: str, base: str, path: str) -> dict:
    perf, a11y, fcp = [], [], []
    for i in range(ctx.lighthouse_reps):
        report = ctx.work / f"lh-{name.replace(' ', '-')}-{i}.json"
        subprocess.run(["node", str(cli), base + path, "--quiet", "--output=json", f"--output-path={report}",
                        "--only-categories=performance,accessibility", "--form-factor=mobile",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       env={**ENV, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, timeout=300)
        result = json.loads(report.read_text())
        cats = result["categories"]
        fcp.append(result["audits"]["first-contentful-paint"]["numericValue"] / 1000)
        perf.append(round(100 * (cats["performance"]["score"] or 0)))
        a11y.append(round(100 * (cats["accessibility"]["score"] or 0)))
        log(f"  lighthouse {name} rep {i + 1}: performance {perf[-1]} accessibility {a11y[-1]} FCP {fcp[-1]:.2f} s")
    return {"path": path, "performance": spread(perf), "accessibility": spread(a11y), "fcp": spread(fcp)}


def rows(r: dict) -> list[str]:
    lh = r["lighthouse"]
    return [f"| 5 | Lighthouse {name} ({v['path']}) | performance {v['performance']['median']:.0f} ({v['performance']['min']:.0f}–{v['performance']['max']:.0f}), "
            f"accessibility {v['accessibility']['median']:.0f} ({v['accessibility']['min']:.0f}–{v['accessibility']['max']:.0f}), "
            f"{'first contentful paint ' + fmt(v['fcp']) + ', ' if 'fcp' in v else ''}n={v['performance']['n']} | | | "
            f"lighthouse {lh['version']} (npm ci, bench/node_modules), Debian Chromium headless=new, mobile emulation with simulated throttling, "
            "served gzip-compressed from 127.0.0.1 by the test kit's server |"
            for name, v in lh["pages"].items()]
