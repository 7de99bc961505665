"""The benchmarks' own set-up runs (bench/): a fault there is found by the tests, not at the next
`python -m bench`. The timings themselves are never tested (they live in bench/)."""
from __future__ import annotations

import re

import yaml

from bench.overhead import _same_html, bare_project
from generator.site import build
from tests.kit import build_site


def test_the_bare_build_gets_the_same_navigation_as_plain_text(project, tmp_path):
    dest = bare_project(project, tmp_path / "bare")
    config = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    site = build.prepare(project / "data", project / "content")
    assert config["nav"] == site.nav(sorted(site.content))
    assert config["site_name"] == site.site_name
    assert config["hooks"] == ["context_hook.py"]  # none of the generator's hooks


def test_the_bare_build_makes_the_same_pages_as_the_real_one(project, tmp_path):
    """The overhead benchmark compares like with like only if the bare build gets every value the
    generator's hooks give the theme: a value added to the hooks but not to page_values() or on_config()
    makes the pages differ."""
    bare = build_site(bare_project(project, tmp_path / "bare"))
    same = _same_html(build_site(project), bare)
    assert same["pages"] > 20
    assert same["identical"] == same["pages"]


def test_the_scaled_project_loads_with_every_entry_repeated(tmp_path):
    """As the scaling benchmark makes it: from the project as it is (which publishes Spanish too)."""
    from bench.scaling import SCALES, scaled_project
    from generator.policy.load import load_all
    from tests.kit import ROOT

    one = load_all(ROOT / "data")
    three = load_all(scaled_project(tmp_path / "scale-3", 3) / "data")
    assert len(three.tiers.tiers) == 3 * len(one.tiers.tiers)
    assert len(three.eligibility.requirements) == 3 * len(one.eligibility.requirements)
    hundred = load_all(scaled_project(tmp_path / "scale-100", SCALES[-1]) / "data")  # every file within the loader's limits
    assert len(hundred.tiers.tiers) == SCALES[-1] * len(one.tiers.tiers)


def test_the_overhead_benchmark_measures_whole_processes(tmp_path):
    """bench/overhead.py as `python -m bench overhead` runs it (one run instead of seven): the project's and the bare
    project's builds and `check`, each a process of its own, with the CPU time of the whole process."""
    from bench import overhead
    from bench.context import Context

    r = overhead.measure(Context(tmp_path), runs=1)
    assert r["full_cpu_s"]["n"] == r["bare_cpu_s"]["n"] == r["cached_cpu_s"]["n"] == r["check_cpu_s"]["n"] == 1
    assert r["ratio"] == r["full_cpu_s"]["median"] / r["bare_cpu_s"]["median"] > 0
    assert r["check_cpu_s"]["median"] > 0
    # both built, every language: the main language's pages the same byte for byte (a further language's differ only
    # in the navigation, which only the project's hooks give them)
    assert r["same_pages"]["pages"] > 40 and r["same_pages"]["main_identical"] == r["same_pages"]["main_language"] > 20
    row = overhead.rows({"overhead": r})
    assert "whole process" in row[0] and "theme templates" in row[1] and "check" in row[2]


def test_the_bare_build_imports_nothing_of_the_generator(project, tmp_path):
    """The bare side of the overhead benchmark is plain Material: its hook has no `generator` import (which would
    load the generator on both sides), yet what the project's on_env does for the pages."""
    import importlib.util

    import jinja2

    from generator.site import hooks

    dest = bare_project(project, tmp_path / "bare")
    text = (dest / "context_hook.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+generator\b", text, re.M)
    spec = importlib.util.spec_from_file_location("context_hook", dest / "context_hook.py")
    bare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bare)
    ours, theirs = jinja2.Environment(), jinja2.Environment()
    hooks.on_env(ours, None, None), bare.on_env(theirs, None, None)
    assert ours.policies == theirs.policies  # the same pages (the compact `tojson`)
    assert ours.bytecode_cache is not None and theirs.bytecode_cache is None  # plain Material compiles its templates
