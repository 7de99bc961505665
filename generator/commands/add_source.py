"""`python -m generator add-source FILE`: a new policy memo becomes a source without programmer work.

The memo (plain text) is copied byte for byte into data/sources/; its sections are found from its
headings; an entry is added to data/sources.yaml. Nothing changes unless the whole data, with the new
entry, still checks: the new sources.yaml is checked in a copy of data/ first, then written all at once.
If the program has further languages, an entry to translate is added to each translation file for every
text of the new source (check lists them until they are translated).
"""
from __future__ import annotations

import json
import os
import re
import stat
import shutil
import tempfile
from pathlib import Path

import click

from generator.commands.command import USAGE, Project, StaffDate, fail, say, spoken_date, write_all
from generator.policy.crosscheck import MAX_SOURCE_BYTES, source_file_problem
from generator.policy.load import DataError, load_all
from generator.policy.translations import label, language_name
from generator.commands.translations_command import stubs
from generator.policy.yamlread import read_yaml

MAX_HEADING = 70
NUMBERED = re.compile(r"^(\d+(\.\d+)*[.)]?|[IVX]+\.|[A-Z]\.)\s+\S")
UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def slug(text: str, words: int = 4) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join([p for p in parts if p not in SMALL_WORDS][:words] or parts[:words])


def _is_heading(line: str, below: str) -> bool:
    text = line.strip()
    if not text or len(text) > MAX_HEADING or UNDERLINE.match(text):
        return False
    if UNDERLINE.match(below) and below.strip():
        return True
    if text.endswith(":") or NUMBERED.match(text) or (text.isupper() and any(c.isalpha() for c in text)):
        return True
    words = [w for w in re.findall(r"[A-Za-z][\w'/-]*", text) if w.lower() not in SMALL_WORDS]
    return bool(words) and not text.endswith((".", ",", ";")) and all(w[0].isupper() for w in words)


def find_sections(lines: list[str]) -> list[dict]:
    """Each heading's section: id (from its words, unique), title and the words it starts with.
    Text before the first heading is a section of its own ("opening")."""
    sections: list[dict] = []
    for n, line in enumerate(lines):
        below = lines[n + 1] if n + 1 < len(lines) else ""
        if _is_heading(line, below):
            sections.append({"title": line.strip().rstrip(":").strip(), "starts_with": line.strip()})
    first = next((line.strip() for line in lines if line.strip()), "")
    if first and (not sections or sections[0]["starts_with"] != first):
        sections.insert(0, {"title": "Opening (before the first heading)", "starts_with": first[:MAX_HEADING]})
    used: set[str] = set()
    for s in sections:
        base = slug(s["title"]) or "section"
        sid, k = base, 2
        while sid in used:
            sid, k = f"{base}-{k}", k + 1
        used.add(sid)
        s["id"] = sid
    return sections


def _entry(fields: dict, sections: list[dict]) -> str:
    q = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731 - a YAML double-quoted string
    out = [f"  - id: {fields['id']}\n"] + [f"    {k}: {q(v) if k != 'date' else v}\n" for k, v in fields.items() if k != "id"]
    out.append("    sections:\n")
    out += [f"      - {{id: {s['id']}, title: {q(s['title'])}, starts_with: {q(s['starts_with'])}}}\n" for s in sections]
    return "".join(out)


def _insert(text: str, entry: str) -> str:
    """The entry after the last source: before a top-level `differences:` if there is one."""
    m = re.search(r"^differences:", text, flags=re.M)
    if m:
        return text[: m.start()].rstrip("\n") + "\n" + entry + "\n" + text[m.start():]
    return text.rstrip("\n") + "\n" + entry


@click.command("add-source")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "source_id", default=None, help="A short id to cite it by, like memo-2026 (default: from the file name).")
@click.option("--title", default=None, help="The memo's title (default: its first line).")
@click.option("--short", default=None, help="A short name for lists, like \"2026 memo\" (default: the title).")
@click.option("--publisher", default=None, help="Who issued it, like \"Department of Human Services (DHS)\". Required.")
@click.option("--date", "date", type=StaffDate(), default=None, help="The day it was issued, like 2026-11-02. Required.")
@click.option("--date-meaning", default="issued", show_default=True, help="What the date is: issued, last modified ...")
@click.option("--program-name", default=None, help="What the memo calls the program (default: as the first source does).")
@click.pass_obj
def add_source(project: Project, file: Path, source_id, title, short, publisher, date, date_meaning, program_name) -> None:
    """Add the policy memo FILE (plain text) to the sources, and print how to cite each of its sections."""
    missing = [f"--{n} {ex}" for n, v, ex in (("publisher", publisher, '"Department of Human Services (DHS)"'),
                                             ("date", date, "2026-11-02")) if v is None]
    if missing:
        raise click.UsageError("say who issued the memo and when: add " + " and ".join(missing) + " to the command")
    data = _read_memo(file)
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise click.UsageError(f"{file} is not UTF-8 text: open it, Save As plain text with Encoding: UTF-8, then try again") from None
    source_id = source_id or slug(file.stem, 3)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id or ""):
        raise click.UsageError(f"'{source_id}' cannot be an id: use small letters, digits and hyphens, like --id memo-2026")
    name = f"{slug(file.stem, 8) or source_id}.txt"
    target = project.data / "sources" / name
    if target.exists():
        raise click.UsageError(f"data/sources/{name} already exists: give the memo file another name, or remove the old one")
    sections = find_sections(lines)
    if not sections:
        raise click.UsageError(f"{file} holds no text")
    first = read_yaml(project.data / "sources.yaml", "data/sources.yaml").value or {}
    known = (first.get("sources") or [{}])[0] if isinstance(first, dict) else {}
    title = title or sections[0]["starts_with"]
    fields = {"id": source_id, "short": short or title[:40], "file": name, "title": title, "publisher": publisher,
              "date": date.isoformat(), "date_meaning": date_meaning, "program_name": program_name or known.get("program_name", title)}
    new_text = _insert((project.data / "sources.yaml").read_text(encoding="utf-8"), _entry(fields, sections))
    say(f"Found {len(sections)} section{'s' if len(sections) != 1 else ''} in {file.name}:")
    for s in sections:
        say(f"  {s['id']}: {s['title']}")
    with tempfile.TemporaryDirectory() as tmp:  # check the whole data with the new entry before changing anything
        trial = Path(tmp) / "data"
        shutil.copytree(project.data, trial, ignore_dangling_symlinks=True)  # the check says what such a link was
        (trial / "sources" / name).write_bytes(data)
        (trial / "sources.yaml").write_text(new_text, encoding="utf-8")
        try:  # the new source's texts have no translations yet: they are added below, for a translator
            hb = load_all(trial, translations=False)
        except DataError as e:
            fail([p.told() for p in e.problems], "With the new source the data would have problems, so nothing was changed:")
    to_translate = {language: stubs(hb, language, project.data) for language in hb.program.translations}
    writes = [(target, data), (project.data / "sources.yaml", new_text.encode("utf-8")),
              *((path, text.encode("utf-8")) for path, text, added in to_translate.values() if added)]
    write_all(writes)
    say(f"Added data/sources/{name} and the source '{source_id}' ({publisher}, {spoken_date(date)}) to data/sources.yaml.")
    for language, (_, _, added) in to_translate.items():
        if added:
            say(f"{label(language)}: {len(added)} of the new source's texts added, to translate into {language_name(language)}; "
                "check lists each one until it is translated.")
    click.echo("Cite it like this, with the source's own words as the quote:")
    for s in sections:
        click.echo(f'  cite: {{source: {source_id}, section: {s["id"]}, quote: "..."}}    # {s["title"]}')


def _read_memo(file: Path) -> bytes:
    """The memo's bytes; a file that is not a plain file, too large, or unreadable is refused in plain words
    (a pipe or a device is never read: it could wait forever or never end)."""
    try:
        missing, link = not file.exists(), file.is_symlink()
    except OSError as e:  # a name too long, say
        raise click.UsageError(f"{file} could not be read: {e.strerror or e}") from None
    if missing:
        raise click.UsageError(f"{file} is a link to a file that does not exist (or to itself)" if link else
                               f"{file} does not exist: check the name and the folder")
    unfit = source_file_problem(file)
    if unfit:
        raise click.UsageError(f"{file} {unfit[0]}: {unfit[1]}")
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced since it was looked at
                raise click.UsageError(f"{file} is not a plain file")
            data = f.read(MAX_SOURCE_BYTES + 1)
    except OSError as e:
        raise click.UsageError(f"{file} could not be read: {e.strerror or e}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise click.UsageError(f"{file} grew larger than a source document can be ({MAX_SOURCE_BYTES:,} bytes) while it was read")
    return data

