"""The published folder's housekeeping, for `publish` (publish.py): one publish at a time beside it, what
earlier stopped publishes left cleaned up, the usual permissions whatever the umask, and the files the
handbook did not make (CNAME, .htaccess, robots.txt, a .well-known/ folder ...) kept as they are.

What a publish made is listed in the published folder (MANIFEST), so the next one knows which files are the
handbook's to replace and which are the host's to keep. A folder published before there was a list: its files
at the top and its dot-files are kept (the handbook's own pages and assets are all in folders).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from pathlib import Path

MANIFEST = ".handbook-files"
"""The list of the files the last publish made, one per line, in the published folder."""
FILE_MODE, FOLDER_MODE = 0o644, 0o755
"""Readable by a web server running as another user, whatever the umask (as README says)."""


@contextlib.contextmanager
def one_at_a_time(target: Path, say):
    """Hold the folder around `target` for one publish: another publish to it waits until this one is done."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Another publish to {target.parent} is running: waiting for it to finish ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # lets the lock go


def left_behind(target: Path) -> list[Path]:
    """The temporary copies an earlier publish to `target` left when it was killed (none is running: see one_at_a_time)."""
    mine = re.compile(rf"^\.{re.escape(target.name)}-(new|old)-[A-Za-z0-9_]+$")
    return sorted(p for p in target.parent.iterdir() if mine.match(p.name) and p.is_dir() and not p.is_symlink())


def settle(staging: Path) -> None:
    """Give the new site the usual permissions and list its files in MANIFEST."""
    made = []
    for folder, dirs, files in os.walk(staging):
        os.chmod(folder, FOLDER_MODE)
        for name in files:
            os.chmod(os.path.join(folder, name), FILE_MODE)
            made.append(Path(folder, name).relative_to(staging).as_posix())
    listing = "# The files the last publish of the handbook made: the next one replaces these and keeps every other file here.\n"
    (staging / MANIFEST).write_text(listing + "".join(f"{m}\n" for m in sorted(made)), encoding="utf-8")
    os.chmod(staging / MANIFEST, FILE_MODE)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_symlink() or p.is_file())


def not_made(target: Path) -> list[str]:
    """The files in the published folder `target` that the handbook did not make."""
    if not target.is_dir():
        return []
    listed = target / MANIFEST
    if listed.is_file():
        made = {line for line in listed.read_text(encoding="utf-8", errors="replace").splitlines() if line and not line.startswith("#")}
        return [f for f in _files(target) if f not in made and f != MANIFEST]
    return [f for f in _files(target) if "/" not in f or any(part.startswith(".") for part in f.split("/"))]


def carry_over(target: Path, staging: Path) -> list[str]:
    """Copy into the new site every file of `target` that the handbook did not make and does not make now;
    the files kept."""
    kept = []
    for name in not_made(target):
        to = staging / name
        if to.exists() or to.is_symlink():
            continue  # the handbook makes it now
        for folder in reversed(to.relative_to(staging).parents[:-1]):
            if not (staging / folder).is_dir():
                (staging / folder).mkdir()
                os.chmod(staging / folder, FOLDER_MODE)
        shutil.copy2(target / name, to, follow_symlinks=False)
        kept.append(name)
    return kept
