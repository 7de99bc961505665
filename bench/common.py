"""What every benchmark uses: a build in its own process, spreads of repeated figures, the log."""
from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
from pathlib import Path

from tests.kit import ROOT  # noqa: F401  (the project folder, for the sections)

BENCH = ROOT / "bench"
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
BUILD_ENV = {**ENV, "HANDBOOK_PDF": "off"}
"""The benchmarks' builds leave out the PDF (generator/site/pdf.py SKIP): it is an output of its own, made from the
built print page, and takes longer than the rest of a build; the sections time the site."""


def child_build(project: Path, profile: Path | None = None) -> dict:
    """Build `project` in a new process (bench/child.py); its build time and peak memory."""
    args = [PY, str(BENCH / "child.py"), str(project)] + ([str(profile)] if profile else [])
    run = subprocess.run(args, capture_output=True, text=True, env=BUILD_ENV, cwd=project)
    if run.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values), "all": values}


def fmt(s: dict, unit: str = "s", digits: int = 2) -> str:
    return f"{s['median']:.{digits}f} {unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f}, n={s['n']})"


def ok(met: bool) -> str:
    return "yes" if met else "**no**"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)
