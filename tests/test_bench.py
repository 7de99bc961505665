"""The benchmarks' own set-up runs (bench/): a fault there is found by the tests, not at the next
`python -m bench`. The timings themselves are never tested (they live in bench/)."""
from __future__ import annotations

import yaml

from bench.overhead import bare_project
from generator import build


def test_the_bare_build_gets_the_same_navigation_as_plain_text(project, tmp_path):
    dest = bare_project(project, tmp_path / "bare")
    config = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    site = build.prepare(project / "data", project / "content")
    assert config["nav"] == site.nav(sorted(site.content))
    assert config["site_name"] == site.site_name
    assert config["hooks"] == ["context_hook.py"]  # none of the generator's hooks
