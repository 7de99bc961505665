"""Weighing the self-check page: its document, its script, what blocks its first paint, what a fresh
browser fetches on a first visit, and whether the document alone shows the start screen.
bench/budgets.py holds the budgets these are held to."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.kit import new_context

SELF_CHECK_PAGE = "self-check/index.html"
"""The self-check page: its style, script and decision table are in it (generator/selfcheck/shell.py)."""


def gz(data: bytes) -> int:
    """Bytes after gzip at level 6, what web servers use by default."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# ---------------------------------------------------------------- sizes
def _page(site: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / SELF_CHECK_PAGE).read_text(encoding="utf-8"), "html.parser")


def self_check_js(site: Path) -> bytes | None:
    """The self-check's own script: the page's script that runs (not its decision table); None if it has none."""
    scripts = [s for s in _page(site).find_all("script") if not s.get("src") and s.get("type") in (None, "", "text/javascript")]
    return "\n".join(s.get_text() for s in scripts).encode("utf-8") if scripts else None


def self_check_js_gzip(site: Path) -> int | None:
    script = self_check_js(site)
    return None if script is None else gz(script)


def document_gzip(site: Path, page: str = SELF_CHECK_PAGE) -> int:
    return gz((site / page).read_bytes())


def render_blocking(site: Path) -> list[str]:
    """What in the self-check page's <head> holds up its first paint: stylesheets and scripts from other files
    that are neither deferred nor async."""
    head = _page(site).head
    found = [f"<link rel=stylesheet href={link.get('href')!r}>" for link in head.find_all("link")
             if "stylesheet" in (link.get("rel") or []) and link.get("media") not in ("print",)]
    found += [f"<script src={tag.get('src')!r}>" for tag in head.find_all("script", src=True)
              if not tag.has_attr("defer") and not tag.has_attr("async") and tag.get("type") != "module"]
    return found


def first_load(browser, base_url: str, path: str = "/self-check/") -> list[dict]:
    """Every response a fresh browser gets when it opens `path`: url, type, raw and gzipped bytes."""
    context = new_context(browser)
    try:
        page = context.new_page()
        seen: list = []
        page.on("response", lambda response: seen.append(response))
        page.goto(base_url + path, wait_until="networkidle")  # no request for 500 ms: late ones are in
        out = []
        for response in seen:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                body = b""
            out.append({"url": response.url, "type": response.request.resource_type, "status": response.status,
                        "bytes": len(body), "gzip_bytes": gz(body),
                        "transferred": _sent(response)})
        return out
    finally:
        context.close()


def _sent(response) -> int:
    """The body's bytes as they came over the wire (gzipped when the server compresses)."""
    try:
        return response.request.sizes()["responseBodySize"]
    except Exception:  # redirects and aborted requests
        return 0


def alone_problem(browser, base_url: str, path: str = "/self-check/") -> str | None:
    """Whether the page's document alone shows the start screen and its first button works: every other
    request is refused. The heading and button are the ones the page's own decision table names."""
    context = new_context(browser)
    refused: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url == base_url + path else (refused.append(r.request.url), r.abort()))
    try:
        page = context.new_page()
        page.goto(base_url + path)
        table = json.loads(page.locator("#sc-table").text_content())
        first = next(q for q in table["questions"] if not q["gates"])
        heading, start = page.get_by_role("heading", level=1), page.get_by_role("button", name=table["words"]["start"])
        try:
            heading.filter(has_text=table["self_check"]["title"]).wait_for(timeout=5000)
            start.click(timeout=5000)
            heading.filter(has_text=first["text"]).wait_for(timeout=5000)
        except Exception as e:
            return (f"with only the document ({len(refused)} other requests refused: {', '.join(refused) or 'none'}), "
                    f"the start screen did not show and start: {str(e).splitlines()[0]}")
        return None
    finally:
        context.close()
