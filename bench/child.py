"""One MkDocs build of one project, in its own process, so its time and peak memory are its own.

    python bench/child.py PROJECT_DIR [PROFILE_OUT]

Prints one line of JSON: {"seconds": wall-clock build time, "cpu_seconds": CPU time of this process
for the build (user + system; what the ratios use, as other work on the machine barely changes it),
"maxrss_kb": peak resident memory of this process}.
The clock runs from load_config() to the end of build(): hooks, the generator, Markdown, the theme
and the search index; not the Python start-up or the import of MkDocs, which both builds share.
With PROFILE_OUT the same build runs under cProfile and the stats are written there.
"""
import cProfile
import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
logging.getLogger("mkdocs").setLevel(logging.ERROR)

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def main() -> None:
    project = sys.argv[1]
    profile = sys.argv[2] if len(sys.argv) > 2 else None

    def run():
        cfg = load_config(config_file=os.path.join(project, "mkdocs.yml"), site_dir=os.path.join(project, "site"), strict=True)
        build(cfg)

    start, cpu = time.perf_counter(), time.process_time()
    if profile:
        prof = cProfile.Profile(time.process_time)  # CPU time, so other work on the machine does not count
        prof.runcall(run)
        prof.dump_stats(profile)
    else:
        run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
