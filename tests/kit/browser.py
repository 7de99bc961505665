"""Debian's Chromium (never Playwright's own download) with the project's flags, and fresh contexts."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 360, "height": 800}


def launch_chromium(playwright, **options):
    """Chromium from /usr/bin/chromium, headless, with CHROMIUM_ARGS (`playwright` is sync_playwright()'s)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


def new_context(browser, **options):
    """A fresh browser context (no state shared with any other), phone-sized unless `viewport` is given."""
    return browser.new_context(**{"viewport": PHONE, **options})
