"""What builds keep in the user's cache folder (generator/site/diskcache.py): compiled templates are found by their
text, so a changed template is never served its old code; a folder that cannot be written only makes builds
slower; templates no build used for a while are let go."""
from __future__ import annotations

import os
import time

import jinja2
import pytest

from generator.site import diskcache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(diskcache.Templates, "pruned", False)
    return tmp_path / "cache" / "handbook-generator" / "templates"


def _env(folder) -> jinja2.Environment:
    """A new environment, as each build has: only the disk cache is shared."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=diskcache.Templates(b"settings"))


def test_a_template_changed_after_it_was_kept_gives_its_new_text(cache_home, tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.j2").write_text("old {{ x }}", encoding="utf-8")
    assert _env(tmp_path / "t").get_template("page.j2").render(x=1) == "old 1"
    assert len(list(cache_home.glob("*.cache"))) == 1  # kept
    assert _env(tmp_path / "t").get_template("page.j2").render(x=2) == "old 2"  # from the cache
    (tmp_path / "t" / "page.j2").write_text("new {{ x }}", encoding="utf-8")
    assert _env(tmp_path / "t").get_template("page.j2").render(x=3) == "new 3"


def test_a_text_is_compiled_once_and_its_mistakes_told_as_before(cache_home):
    env = _env(cache_home.parent)
    assert diskcache.from_text(env, "{{ 1 + x }}").render(x=1) == "2"
    assert diskcache.from_text(_env(cache_home.parent), "{{ 1 + x }}").render(x=2) == "3"
    assert len(list(cache_home.glob("*.cache"))) == 1
    with pytest.raises(jinja2.TemplateSyntaxError) as ours:
        diskcache.from_text(env, "x\n{% if %}")
    with pytest.raises(jinja2.TemplateSyntaxError) as jinjas:
        env.from_string("x\n{% if %}")
    assert (ours.value.lineno, ours.value.filename, str(ours.value)) == (jinjas.value.lineno, jinjas.value.filename, str(jinjas.value)) == (2, None, str(jinjas.value))


def test_a_cache_folder_that_cannot_be_written_only_makes_builds_slower(tmp_path, monkeypatch):
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    env = jinja2.Environment(loader=jinja2.DictLoader({"a": "{{ x }}!"}), bytecode_cache=diskcache.Templates(b""))
    assert env.get_template("a").render(x=1) == "1!"
    assert diskcache.from_text(env, "{{ x }}?").render(x=1) == "1?"


def test_templates_no_build_used_for_two_weeks_are_let_go(cache_home, tmp_path):
    cache_home.mkdir(parents=True)
    old, recent = cache_home / "old.cache", cache_home / "recent.cache"
    for path, days in ((old, diskcache.KEEP_DAYS + 1), (recent, diskcache.KEEP_DAYS - 1)):
        path.write_bytes(b"")
        os.utime(path, (time.time() - days * 86400,) * 2)
    env = jinja2.Environment(loader=jinja2.DictLoader({"a": "{{ x }}"}), bytecode_cache=diskcache.Templates(b""))
    env.get_template("a")  # the first template this process writes
    assert not old.exists() and recent.exists()
