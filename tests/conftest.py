"""Shared test fixtures: a copy of the project to change, a built site, a local server, a browser."""
from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import socketserver
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PROJECT_PARTS = ("content", "data", "generator", "site_overrides", "mkdocs.yml")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of the project in `dest`, optionally with another program's data folder."""
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
    return dest


def build_site(project: Path) -> Path:
    """Build `project` with MkDocs (strict, as the README does) and return its site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    build(cfg)
    return project / "site"


def page(site: Path, uri: str) -> BeautifulSoup:
    """The built page for a source path such as 'tiers/tier-1.md' or 'index.md', parsed."""
    stem = uri.removesuffix(".md")
    if stem == "index":
        path = site / "index.html"
    elif stem.endswith("/index"):
        path = site / stem.removesuffix("/index") / "index.html"
    else:
        path = site / stem / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once for the whole test run."""
    return build_site(copy_project(tmp_path_factory.mktemp("real") / "project"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on a free port of 127.0.0.1; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def browser_page(browser):
    """A new page in a fresh context (no shared state between tests), phone-sized by default."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def _quiet_mkdocs_logs(caplog):
    caplog.set_level(logging.WARNING, logger="mkdocs")
