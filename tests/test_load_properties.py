"""Property tests: whatever text is in a data file, the loader either loads it or raises DataError
whose problems each name a file and say what is wrong. Never any other exception."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.kit import ROOT
from generator import model
from generator.selfcheck import scenarios
from generator.policy.load import DataError, load_all

FILES = [f"{name}.yaml" for name in model.FILES] + [scenarios.FILE]
DATA = tempfile.mkdtemp(prefix="handbook-props-")
shutil.copytree(ROOT / "data", Path(DATA) / "data")
DATA_DIR = Path(DATA) / "data"
ORIGINAL = {name: (ROOT / "data" / name).read_bytes() for name in FILES}
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def load_with(name: str, content: bytes) -> None:
    """Put `content` in data/<name> (the others as they are) and load; check the only allowed outcomes."""
    path = DATA_DIR / name
    path.write_bytes(content)
    try:
        hb = load_all(DATA_DIR)
        scenarios.load(DATA_DIR, hb)
    except DataError as e:
        assert e.problems
        for p in e.problems:
            assert isinstance(p.file, str) and p.file.startswith("data/"), p
            assert isinstance(p.what, str) and p.what.strip(), p
            assert p.line is None or (isinstance(p.line, int) and p.line >= 1), p
            assert "Traceback" not in str(p)
    finally:
        path.write_bytes(ORIGINAL[name])


# YAML-shaped values: what a parser could produce, dumped back to text in several styles
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.dates().map(str), st.sampled_from(["yes", "no", "on", "~", "1 year", "18 months", "dss", "tier-1"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(["id", "name", "text", "cite", "source", "section", "quote", "tiers",
                                                                     "activities", "rule", "at_least", "answers", "scenarios", "today"])),
                    inner, max_size=4)), max_leaves=20)


@SETTINGS
@given(st.sampled_from(FILES), st.text(max_size=400))
def test_any_text_loads_or_fails_cleanly(name, text):
    load_with(name, text.encode("utf-8", errors="replace"))


@SETTINGS
@given(st.sampled_from(FILES), st.binary(max_size=300))
def test_any_bytes_load_or_fail_cleanly(name, raw):
    load_with(name, raw)


@SETTINGS
@given(st.sampled_from(FILES), values, st.booleans())
def test_any_yaml_structure_loads_or_fails_cleanly(name, value, flow):
    load_with(name, yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True).encode("utf-8"))


def _mutate(text: str, data) -> str:
    """One of the slips of an editor: delete, insert, duplicate, swap or re-indent a piece of the real file."""
    lines = text.split("\n")
    kind = data.draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "indent", "replace-value"]))
    n = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        start = data.draw(st.integers(0, len(text)))
        return text[:start] + text[start + data.draw(st.integers(1, 40)):]
    if kind == "insert":
        at = data.draw(st.integers(0, len(text)))
        return text[:at] + data.draw(st.sampled_from([":", "- ", "\t", '"', "'", "{", "}", "[", "]", "#", "&a", "*a", "!!str ", "\n",
                                                      "  ", "---\n", "yes", "\x00", "\ufeff", "é"]) | st.text(max_size=8)) + text[at:]
    if kind == "duplicate":
        lines.insert(n, lines[n])
    elif kind == "swap":
        m = data.draw(st.integers(0, len(lines) - 1))
        lines[n], lines[m] = lines[m], lines[n]
    elif kind == "indent":
        lines[n] = " " * data.draw(st.integers(0, 8)) + lines[n].lstrip(" ")
    else:
        if ":" in lines[n]:
            key = lines[n].split(":", 1)[0]
            lines[n] = key + ": " + data.draw(st.sampled_from(["", "[]", "{}", "-1", "0 months", "2011-02-30", "12/08/2011",
                                                              "no", "null", "<script>", "{{ 7*7 }}", "- x"]))
    return "\n".join(lines)


@SETTINGS
@given(st.sampled_from(FILES), st.data())
def test_any_slip_in_the_real_data_loads_or_fails_cleanly(name, data):
    text = ORIGINAL[name].decode("utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        text = _mutate(text, data)
    load_with(name, text.encode("utf-8", errors="replace"))
