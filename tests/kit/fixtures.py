"""The project's pytest fixtures, registered for every test folder by the root conftest.py."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from tests.kit.browser import launch_chromium, new_context
from tests.kit.project import build_site, copy_project
from tests.kit.serve import serve
from generator.site.pdf import SKIP


def pytest_configure(config):
    # Making the PDF takes four times as long as the rest of a build, so every build and publish in the
    # tests leaves it out (a stand-in file takes its place, as under `mkdocs serve`); the tests of the
    # PDF ask for it: the `with_pdf` fixture, or build_site(pdf=True) (the real site built for the run).
    os.environ[SKIP[0]] = SKIP[1]
    config.addinivalue_line("markers", "browser: the test drives Chromium (it uses the kit's browser fixture); "
                                       "`pytest -m browser` runs only these, e.g. ten times in a row to find flicker")


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def translated_project(tmp_path) -> Path:
    """A fresh copy of the project with its further languages (data/translations/), to change."""
    return copy_project(tmp_path / "project", languages=True)


@pytest.fixture
def with_pdf(monkeypatch):
    """Builds and publishes in this test make the PDF (the tests leave it out otherwise)."""
    monkeypatch.delenv(SKIP[0], raising=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once for the whole test run."""
    return build_site(copy_project(tmp_path_factory.mktemp("real") / "project", languages=True), pdf=True)


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def browser_page(browser):
    """A new page in a fresh context (no shared state between tests), phone-sized by default."""
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser_page):
    """A phone-sized page (360 px wide): the kit's browser_page."""
    return browser_page


@pytest.fixture
def laptop(browser):
    """A page in a fresh laptop-sized context (1280 px wide)."""
    context = new_context(browser, viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def _quiet_mkdocs_logs(caplog):
    caplog.set_level(logging.WARNING, logger="mkdocs")
