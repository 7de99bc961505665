"""3. Preview latency: from saving a data file to `mkdocs serve` serving the changed page."""
from __future__ import annotations

import os
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.common import ENV, PY, fmt, free_port, log, ok, spread
from bench.context import Context
from tests.kit import copy_project

SECTION = "preview"
TITLE = "3. preview latency"


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


def measure(ctx: Context) -> dict:
    """Save a data file in a copy of the project; time until `mkdocs serve` serves the changed page."""
    reps = ctx.reps
    project = copy_project(ctx.work / "preview")
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


def rows(r: dict) -> list[str]:
    p = r["preview"]
    return [f"| 3 | preview latency (1×) | {fmt(p['latency_s'])}; the serve process used {fmt(p['serve_cpu_s'], 's CPU')} meanwhile | < 2 s | {ok(p['met'])} | "
             "`mkdocs serve` on 127.0.0.1 in a copy of the project; wall-clock time from writing data/glossary.yaml (a new `meaning:`) until GET /glossary/ "
             "returns the new text, polled every 20 ms. MkDocs notices changes by polling every 0.5 s and waits 0.1 s more, then rebuilds everything; "
             "on a busy machine the wall time grows with the load, the CPU figure does not |"]
