"""What builds keep in the user's cache folder, so the next build does not do the same work again: the
self-check's minified script (selfcheck/shell.py) and the page templates compiled to Python (pages.py).

Everything kept is found by a hash of what it was made from, so a changed input is never served an old
result; the folder can be deleted at any time. Where it cannot be written, builds still work, only slower.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import jinja2


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handbook-generator"


class Templates(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates (each found by the template's file and a checksum of its text),
    in the cache folder. Its files' names also hold a hash of `settings` (how the environment compiles:
    a change there must not reuse code compiled the old way) and Jinja's version."""

    def __init__(self, settings: bytes) -> None:
        key = hashlib.sha256(jinja2.__version__.encode() + b"\n" + settings).hexdigest()[:16]
        super().__init__(str(cache_folder() / "templates"), f"{key}-%s.cache")

    pruned = False
    """Whether this process has let go of the templates no build used for KEEP_DAYS (done once, on its first write)."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
            if bucket.code is not None:  # used now: kept another KEEP_DAYS
                os.utime(self._get_cache_filename(bucket))
        except OSError:
            pass  # no cache folder to read (its place is a file, say): compiled anew

    def dump_bytecode(self, bucket) -> None:
        try:  # written whole, then renamed (Jinja's own way): a build beside this one never reads half of it
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
            if not Templates.pruned:
                Templates.pruned = True
                _prune(Path(self.directory))
        except OSError:
            pass  # no cache folder to write to: the next build compiles again


KEEP_DAYS = 14
"""A compiled template no build has used for this many days is deleted (each copy of the project, each test's
among them, has templates of its own: the folder would otherwise only grow)."""


def _prune(folder: Path) -> None:
    old = time.time() - KEEP_DAYS * 86400
    for path in folder.glob("*.cache"):
        try:
            if path.stat().st_mtime < old:
                path.unlink()
        except OSError:
            pass  # another build removed or is replacing it


def from_text(env: jinja2.Environment, source: str, filename: str | None = None) -> jinja2.Template:
    """env.from_string(source), its compiled code kept in env's bytecode cache (Jinja's from_string keeps none):
    a hand-written page is compiled once, not on every build. `filename` names it in its errors."""
    cache = env.bytecode_cache
    if cache is None:
        return env.template_class.from_code(env, env.compile(source, filename=filename), env.make_globals(None))
    key = f"{type(env).__name__}\0{filename}\0{source}"
    name = "text:" + hashlib.sha256(key.encode("utf-8")).hexdigest()  # its own file in the cache, by its text
    bucket = cache.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source, filename=filename)
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None))


def theme_settings(env: jinja2.Environment) -> bytes:
    """What the theme's compiled templates depend on besides their text (hooks.py on_env): MkDocs' and Material's
    versions (which set up the environment) and the environment's extensions and gettext style."""
    import material
    import mkdocs

    return repr((mkdocs.__version__, material.__version__, sorted(env.extensions), getattr(env, "newstyle_gettext", None),
                 env.autoescape, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline)).encode()
