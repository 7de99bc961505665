"""Benchmarks of the handbook generator: `.venv/bin/python -m bench [SECTION ...]` (from the project folder).

Writes bench/RESULTS.md (a table, with how each figure was measured) and bench/results.json.
Every timing is a ratio or comparison within one run, from several repetitions (median, min-max),
so a busy machine slows both sides alike. Sections, each its own module in bench/: overhead, scaling,
preview, weight, quality, lighthouse (`-m bench weight lighthouse` runs only those; the files keep the
other sections' last figures).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from bench import budgets, lighthouse, overhead, preview, quality, scaling, weight
from bench.common import BENCH, log
from bench.context import Context
from bench.report import write_results

SECTIONS = [overhead, scaling, preview, weight, quality, lighthouse]
NAMES = [s.SECTION for s in SECTIONS]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _kept(chosen: list[str]) -> dict:
    """The last figures of the sections not run now (from bench/results.json)."""
    old = BENCH / "results.json"
    if set(chosen) == set(NAMES) or not old.is_file():
        return {}
    kept = {k: v for k, v in json.loads(old.read_text(encoding="utf-8")).items() if k in NAMES and k not in chosen}
    if "scaling" in kept:
        kept["scaling"]["by_scale"] = {int(k): v for k, v in kept["scaling"]["by_scale"].items()}
    return kept


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sections", nargs="*", metavar="SECTION",
                    help=f"which benchmarks to run: {', '.join(NAMES)} (default: all)")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of each timing (default 5)")
    ap.add_argument("--lighthouse-reps", type=int, default=5, help="runs of each page (default 5)")
    args = ap.parse_args(argv)
    if set(args.sections) - set(NAMES):
        ap.error(f"no section {', '.join(sorted(set(args.sections) - set(NAMES)))}; the sections are {', '.join(NAMES)}")
    chosen = args.sections or NAMES
    r: dict = {"when": _now(), "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}", "notes": [], **_kept(chosen)}
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        ctx = Context(Path(tmp), args.reps, args.lighthouse_reps)
        for section in SECTIONS:
            if section.SECTION not in chosen:
                continue
            log(section.TITLE)
            try:
                r[section.SECTION] = section.measure(ctx)
                r[section.SECTION]["measured"] = _now()
            except Exception as e:  # one failing section does not lose the others
                r["notes"].append(f"{section.TITLE}: failed ({type(e).__name__}: {e})")
                log(f"  failed: {e!r}")
            write_results(r, SECTIONS)
    r["machine"] += ", load average {:.1f} at the start and {:.1f} at the end (other work was running)".format(load_start, os.getloadavg()[0])
    write_results(r, SECTIONS)
    log(f"wrote {BENCH / 'RESULTS.md'} and {BENCH / 'results.json'}")


if __name__ == "__main__":
    main()
