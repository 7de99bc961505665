"""A copy of the project that a test (or a benchmark) may change, and building it with MkDocs.

The copy holds the project's own folders, generator/ included. A build in this process (build_site)
uses the installed generator package (`pip install -e .`: this checkout's generator/); a build run
as `python -m mkdocs build` or `python -m generator ...` with the copy as working folder uses the
copy's generator/, because `python -m` puts the working folder first on the import path.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project folder (the checkout the tests run from)."""
PROJECT_PARTS = ("content", "data", "generator", "site_overrides", "mkdocs.yml")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(dest: Path, data: Path | None = None, languages: bool = False) -> Path:
    """A copy of the project in `dest`, optionally with another program's data folder. The copy publishes
    only the main language unless `languages` (its program.yaml's `translations:` is taken out): a test
    that changes an English text would otherwise have to keep each translation in step (check fails on
    a stale one); the tests of the further languages, and the site built once for the run, keep them."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    if data is not None:
        shutil.rmtree(dest / "data")
        shutil.copytree(data, dest / "data")
    if not languages:
        program = dest / "data" / "program.yaml"
        text = program.read_text(encoding="utf-8")
        # a comment in its place, so every line keeps its number (messages and the guide name lines)
        program.write_text(re.sub(r"^translations:.*$", "# translations: left out of this test copy", text, flags=re.M),
                           encoding="utf-8")
    return dest


def build_site(project: Path, pdf: bool = False) -> Path:
    """Build `project` with MkDocs (strict, as the README does) and return its site folder.
    The PDF takes longer than the rest of a build, so it is made only when `pdf` is true (the real
    project built for the whole run has it); otherwise its file is an empty stand-in."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site.pdf import SKIP

    before = os.environ.get(SKIP[0])
    if pdf:
        os.environ.pop(SKIP[0], None)
    else:
        os.environ[SKIP[0]] = SKIP[1]
    try:
        cfg = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        build(cfg)
    finally:
        if before is None:
            os.environ.pop(SKIP[0], None)
        else:
            os.environ[SKIP[0]] = before
    return project / "site"


def full_disk_in(monkeypatch, folder: str) -> None:
    """From now on in this test, writing a file inside a folder named `folder` fails as on a full disk (the
    commands write every file with generator.commands.command.write_atomically); other files are written as usual."""
    from generator.commands import command

    real = command.write_atomically

    def write(path, data, mode=None):
        if path.parent.name == folder:
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(command, "write_atomically", write)
