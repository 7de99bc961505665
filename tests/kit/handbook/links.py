"""Links and web addresses in a built site: every local link resolves, nothing is fetched from elsewhere."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

from bs4 import BeautifulSoup, Tag

from generator import model
from generator.model import Handbook


# ---------------------------------------------------------------- links and external addresses
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_URL_ATTRS = ("href", "src", "poster", "data", "action", "formaction", "xlink:href", "background", "cite", "ping")
_EXTERNAL = re.compile(r"""(?:https?:)?//[^\s"'`<>)]+""", re.I)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def is_external(value: str) -> bool:
    value = value.strip()
    return value.lower().startswith(("http:", "https:", "//"))


def page_path(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def resolve(site: Path, base: str, ref: str) -> tuple[Path, str]:
    """The built file a local reference points to, and its fragment."""
    path, fragment = urldefrag(urljoin(base, ref))
    path = unquote(path.split("?")[0])
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def _refs(tag: Tag):
    for attr in _URL_ATTRS:
        if tag.get(attr):
            yield attr, tag[attr]
    for attr in ("srcset", "imagesrcset"):
        for part in (tag.get(attr) or "").split(","):
            if part.strip():
                yield attr, part.split()[0]
    for m in _CSS_URL.finditer(tag.get("style") or ""):
        yield "style", m.group(2) or m.group(4)


@functools.lru_cache(maxsize=512)
def _parsed(file: Path, stamp: tuple) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def soup_of(file: Path) -> BeautifulSoup:
    """A built page, parsed once (until the file changes): the link checks read every page."""
    st = file.stat()
    return _parsed(file, (st.st_mtime_ns, st.st_size))


def _files(site: Path, suffix: str, only: list[Path] | None) -> list[Path]:
    return sorted(f for f in (only if only is not None else site.rglob(f"*{suffix}")) if f.suffix == suffix)


def link_problems(site: Path, only: list[Path] | None = None) -> list[str]:
    """Local links that lead nowhere: a missing file, or a #fragment with no such id on the page.
    `only` limits the pages and style sheets looked at (the links may lead anywhere in the site)."""
    problems, ids = [], {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            soup = soup_of(file)
            ids[file] = {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}
        return ids[file]

    for file in _files(site, ".html", only):
        soup = soup_of(file)
        base = page_path(site, file)
        for tag in soup.find_all(True):
            for attr, ref in _refs(tag):
                ref = ref.strip()
                if not ref or _SCHEME.match(ref) or ref.startswith("//"):
                    continue
                target, fragment = resolve(site, base, ref)
                where = f"{file.relative_to(site)}: <{tag.name} {attr}={ref!r}>"
                if not target.is_file():
                    problems.append(f"{where}: no file {target.relative_to(site) if target.is_relative_to(site) else target}")
                elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    problems.append(f"{where}: no id {fragment!r} on {target.relative_to(site)}")
    for file in _files(site, ".css", only):
        base = page_path(site, file)
        for m in _CSS_URL.finditer(file.read_text(encoding="utf-8", errors="replace")):
            ref = (m.group(2) or m.group(4) or "").strip()
            if ref and not _SCHEME.match(ref) and not ref.startswith(("//", "#")):
                target, _ = resolve(site, base, ref)
                if not target.is_file():
                    problems.append(f"{file.relative_to(site)}: url({ref}): no such file")
    return problems


@functools.cache
def _theme_scripts() -> frozenset[str]:
    """The scripts Material for MkDocs ships, as paths inside a built site."""
    import material

    templates = Path(material.__file__).parent / "templates"
    return frozenset(p.relative_to(templates).as_posix() for p in (templates / "assets").rglob("*.js"))


def external_addresses(site: Path, allowed_anywhere: set[str], allowed_links: set[str], only: list[Path] | None = None) -> list[str]:
    """Every address of another host in the built HTML, CSS and the project's own JavaScript.

    `allowed_anywhere` may appear in any attribute or inline script (the quick-exit address, a place
    to go, not a request); `allowed_links` only as the href of a plain <a> a person clicks."""
    found = []
    for file in _files(site, ".html", only):
        soup = soup_of(file)
        rel = file.relative_to(site)
        for tag in soup.find_all(True):
            for attr, ref in _refs(tag):
                if not is_external(ref) or ref in allowed_anywhere or (tag.name == "a" and attr == "href" and ref in allowed_links):
                    continue
                found.append(f"{rel}: <{tag.name} {attr}={ref!r}>")
            if tag.name == "meta" and "url=" in (tag.get("content") or "").lower():
                found.append(f"{rel}: <meta content={tag['content']!r}>")
            if tag.name in ("script", "style"):
                for m in _EXTERNAL.finditer(tag.string or ""):
                    # '//' also opens a JavaScript comment: only addresses with a host count
                    if "." in m.group(0).split("//", 1)[1].split("/")[0] and m.group(0) not in allowed_anywhere:
                        found.append(f"{rel}: <{tag.name}> {m.group(0)}")
        # Material fetches from other hosts only for these (repository facts, diagrams): none may appear
        for selector in ('[data-md-component="source"]', ".mermaid"):
            if soup.select(selector):
                found.append(f"{rel}: {selector} makes Material fetch from another host")
    for file in _files(site, ".css", only):
        for m in _CSS_URL.finditer(file.read_text(encoding="utf-8", errors="replace")):
            ref = m.group(2) or m.group(4) or ""
            if is_external(ref):
                found.append(f"{file.relative_to(site)}: {m.group(0)}")
    theme = _theme_scripts()
    for file in _files(site, ".js", only):
        rel = file.relative_to(site).as_posix()
        if rel in theme:
            continue
        for m in re.finditer(r"""(["'`])((?:https?:)?//[^"'`\s]+)""", file.read_text(encoding="utf-8", errors="replace")):
            if m.group(2) not in allowed_anywhere:
                found.append(f"{rel}: {m.group(2)}")
    return found


def urls_in_data(hb: Handbook) -> set[str]:
    """Web addresses written in the data's texts (other than the quick-exit address)."""
    out = set()
    for name in model.FILES:
        for _path, value in model.walk(getattr(hb, name)):
            if isinstance(value, str):
                out |= {m.group(0).rstrip(".,;)") for m in re.finditer(r"https?://\S+", value)}
    return out - {hb.eligibility.self_check.quick_exit_url}
