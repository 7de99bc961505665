"""Checks that need more than one file: citations name real sources and sections, quotes are the
sources' own words, selection steps name real roles, and program `strings:` overrides name known
interface words. Rules about one file's own contents are in the model (generator/model/)."""
from __future__ import annotations

import difflib
import re
import stat
from pathlib import Path

from generator import model
from generator.policy.problems import Problem
from generator.policy.strings import LOCALES, STRING_KEYS  # the interface words a program may override; their languages
from generator.policy.wordcheck import word_problems
from generator.policy.yamlread import Located


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


MAX_SOURCE_BYTES = 2_000_000
"""A source document is a few pages of text (the largest here is 5 KB): one larger than this is the wrong file,
and checking every quote against it would take minutes and gigabytes."""


def source_file_problem(path: Path) -> tuple[str, str] | None:
    """(what is wrong, the fix) when `path` cannot be a source document: not a plain file, or too large."""
    try:
        info = path.stat()
    except OSError as e:
        return f"cannot be read: {e.strerror or e}", "check that the file is there and that you may read it"
    if not stat.S_ISREG(info.st_mode):
        return ("is not a plain file (it is a folder, a device or a pipe)",
                "give the memo itself, saved as a plain text file (.txt)")
    if info.st_size > MAX_SOURCE_BYTES:
        return (f"is {info.st_size:,} bytes, larger than a source document can be ({MAX_SOURCE_BYTES:,})",
                "check that it is the right file: a policy memo saved as plain text is a few thousand bytes")
    return None


def read_sources(sources: model.Sources, loc: Located, data_dir: Path):
    """Each source section's text, whitespace folded, keyed 'source#section', for checking quotes."""
    texts: dict[str, str] = {}
    problems = []
    for i, source in enumerate(sources.sources):
        path, line = data_dir / "sources" / source.file, loc.line(("sources", i, "file"))
        if not path.exists():
            problems.append(Problem("data/sources.yaml", line, f"the source file data/sources/{source.file} does not exist",
                                    "put the source document there, or correct the file name"))
            continue
        if not path.resolve().is_relative_to((data_dir / "sources").resolve()):
            problems.append(Problem("data/sources.yaml", line, f"data/sources/{source.file} leads outside data/sources/ (it is a link)",
                                    "copy the source document itself into data/sources/"))
            continue
        unfit = source_file_problem(path)
        if unfit:
            problems.append(Problem("data/sources.yaml", line, f"data/sources/{source.file} {unfit[0]}", unfit[1]))
            continue
        try:
            lines = path.read_bytes().decode("utf-8").splitlines()
        except OSError as e:
            problems.append(Problem("data/sources.yaml", line, f"data/sources/{source.file} cannot be read: {e.strerror or e}",
                                    "check that the file is there and that you may read it"))
            continue
        except UnicodeDecodeError:
            problems.append(Problem("data/sources.yaml", line, f"the source file data/sources/{source.file} is not UTF-8 text",
                                    "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8), then check that the quotes still match"))
            continue
        starts: list[tuple[int, str]] = []
        for j, section in enumerate(source.sections):
            after = starts[-1][0] + 1 if starts else 0
            found = next((n for n in range(after, len(lines)) if _normalise(lines[n]).startswith(_normalise(section.starts_with))), None)
            if found is None:
                problems.append(Problem("data/sources.yaml", loc.line(("sources", i, "sections", j, "starts_with")),
                                        f"no line of {source.file} after the previous section starts with '{section.starts_with}'",
                                        "copy the first words of the section exactly, and list sections in the order they appear"))
                continue
            starts.append((found, section.id))
        for k, (n, section_id) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
            texts[f"{source.id}#{section_id}"] = _normalise("\n".join(lines[n:end]))
    return texts, problems


def cross_check(parsed: dict, located: dict[str, Located], texts: dict[str, str]) -> list[Problem]:
    """The problems between the files in `parsed` (a check is skipped when a file it needs did not load)."""
    problems: list[Problem] = []

    def add(file: str, path: tuple, what: str, fix: str, shown: str = "") -> None:
        problems.append(Problem(f"data/{file}.yaml", located[file].line(path), what, fix, shown))

    # citations name a real source and section, and quotes are the source's own words
    sources = {s.id: s for s in parsed["sources"].sources} if "sources" in parsed else {}
    for file, obj in parsed.items() if sources else ():
        for path, value in model.walk(obj):
            if not isinstance(value, model.Cite):
                continue
            source = sources.get(value.source)
            if source is None:
                add(file, path + ("source",), f"the citation names an unknown source '{value.source}'",
                    "use one of: " + ", ".join(sources) + " (the ids in data/sources.yaml)")
                continue
            sections = [s.id for s in source.sections]
            if value.section not in sections:
                close = difflib.get_close_matches(value.section, sections, n=1)
                add(file, path + ("section",), f"the source '{value.source}' has no section '{value.section}'",
                    f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(sections))
                continue
            text = texts.get(f"{value.source}#{value.section}")
            if value.quote and isinstance(text, str) and _normalise(value.quote) not in text:
                elsewhere = [k.split("#")[1] for k, t in texts.items() if k.startswith(value.source + "#") and isinstance(t, str) and _normalise(value.quote) in t]
                add(file, path + ("quote",), f"the quote is not in the section '{value.section}' of {source.file}",
                    f"it is in the section '{elsewhere[0]}': cite that section" if elsewhere else
                    "copy the words exactly as the source has them, typos included",
                    "" if elsewhere else _closest(value.quote, value.source, texts))
    # a source's header facts are in its file: the label, a colon, the value (its bold or link marks aside)
    for i, source in enumerate(parsed["sources"].sources if "sources" in parsed else ()):
        text = " ".join(t for k, t in texts.items() if k.startswith(source.id + "#") and isinstance(t, str))
        for j, fact in enumerate(source.header if text else ()):
            if not re.search(re.escape(_normalise(fact.label)) + r"\s*:\s*[*_\[]*" + re.escape(_normalise(fact.value)), text):
                add("sources", ("sources", i, "header", j), f"the header fact '{fact.label}: {fact.value}' is not in {source.file}",
                    "copy the label and the value from the source's own header exactly", _closest(f"{fact.label}: {fact.value}", source.id, texts))
    # roles named by selection steps
    role_ids = {r.id for r in parsed["roles"].roles} if "roles" in parsed else set()
    for p, proc in enumerate(parsed["selection"].procedures if role_ids and "selection" in parsed else ()):
        for s, step in enumerate(proc.steps):
            if step.who and step.who not in role_ids:
                add("selection", ("procedures", p, "steps", s, "who"), f"no role has the id '{step.who}'",
                    "use one of: " + ", ".join(sorted(role_ids)) + " (the ids in data/roles.yaml)")
    # the self-check's "what it takes" names a topic of commitments.yaml
    topics = [t.id for t in parsed["commitments"].topics] if "commitments" in parsed else []
    wants = parsed["eligibility"].self_check.commitments if topics and "eligibility" in parsed else None
    if wants and wants not in topics:
        add("eligibility", ("self_check", "commitments"), f"commitments.yaml has no topic '{wants}'", "use one of: " + ", ".join(topics))
    for key in parsed["program"].strings if "program" in parsed else ():
        if key not in STRING_KEYS:
            close = difflib.get_close_matches(key, STRING_KEYS, n=1)
            add("program", ("strings", key), f"'{key}' is not one of the interface words",
                f"did you mean '{close[0]}'?" if close else "the interface words are the keys of generator/locales/en.yaml and generator/selfcheck/words.en.yaml")
    if "program" in parsed:
        problems += word_problems(parsed["program"], located["program"])
    # search words given per language are for a language the handbook has words for (a typo such as "sp" is caught)
    languages = sorted(p.stem for p in LOCALES.glob("*.yaml"))
    for file, obj in parsed.items():
        for path, value in model.walk(obj):
            words = getattr(value, "search_words", None) if isinstance(value, model.Model) else None
            for language in words if isinstance(words, dict) else ():
                if language not in languages:
                    add(file, path + ("search_words", language), f"'{language}' is not a language the handbook has words for",
                        "write the search words under one of: " + ", ".join(languages))
    return problems


def _closest(quote: str, source: str, texts: dict[str, str]) -> str:
    """For a quote found nowhere: the source's sentence most like it, and the section that holds it."""
    want = _normalise(quote).lower()
    best = (0.0, "", "")
    for key, text in texts.items():
        if not key.startswith(source + "#") or not isinstance(text, str):
            continue
        for sentence in re.split(r"(?<=[.!?:;])\s+|\s+(?=•)", text):
            blocks = difflib.SequenceMatcher(None, want, sentence.lower(), autojunk=False).get_matching_blocks()
            ratio = sum(b.size for b in blocks) / max(len(want), 1)  # how much of the quote the sentence holds
            if ratio > best[0]:
                big = max(blocks, key=lambda b: b.size)  # the words around the longest run the quote shares
                start = max(0, big.b - big.a)
                best = (ratio, key.split("#")[1], sentence[start:start + len(want) + 40])
    return f"The closest words, in the section '{best[1]}': \"{best[2]} …\"" if best[0] >= 0.6 else ""
