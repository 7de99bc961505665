"""bench/RESULTS.md and bench/results.json from the results of the sections that ran (and the kept ones)."""
from __future__ import annotations

import json

from bench.common import BENCH


def write_results(r: dict, sections: list) -> None:
    """`sections` are the section modules, in report order; each gives its table rows (and text after the table)."""
    (BENCH / "results.json").write_text(json.dumps(r, indent=2, default=str) + "\n", encoding="utf-8")
    present = [s for s in sections if s.SECTION in r]
    L = ["# Benchmark results", "",
         f"Written by `.venv/bin/python -m bench` on {r['when']} ({r['machine']}). Timings are ratios or comparisons measured "
         "in the same run; each figure is the median of the repetitions, with min–max and n. "
         "Machine-readable: `bench/results.json`.", ""]
    measured = [(s.SECTION, r[s.SECTION]["measured"]) for s in present if "measured" in r[s.SECTION]]
    if len({when for _, when in measured}) > 1:
        L += ["Sections were measured at different times (" + ", ".join(f"{name} {when}" for name, when in measured)
              + "); the ratios within each section are from one run.", ""]
    L += ["| # | what | figure | target | met? | how it was measured |", "|---|---|---|---|---|---|"]
    for s in present:
        L += s.rows(r)
    for s in present:
        L += s.details(r) if hasattr(s, "details") else []
    if r.get("notes"):
        L += ["", "## Notes", "", *[f"- {n}" for n in r["notes"]]]
    (BENCH / "RESULTS.md").write_text("\n".join(L) + "\n", encoding="utf-8")
