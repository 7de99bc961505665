"""Debian's Chromium (never Playwright's own download) with the project's flags, fresh contexts, and
opening many pages side by side."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying",
    "AimEnabled", "PreconnectToSearch", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
]
"""The features Playwright (1.65) turns off itself. Chromium reads only the last --disable-features it is given, so
ours below repeats them (tests/test_kit.py checks that it still holds every one Playwright passes)."""
UNSEEN_BROWSER_UI = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]
"""The address bar's suggestion pop-ups, which headless Chromium builds as web pages of their own (together one
renderer process of about half a CPU-second) for every window, that is for every new context, and which no
test sees. Without them a new page with its first page load takes half the CPU (about 0.54 -> 0.29 s here)."""
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + UNSEEN_BROWSER_UI),
]
PHONE = {"width": 360, "height": 800}


def launch_chromium(playwright, **options):
    """Chromium from /usr/bin/chromium, headless, with CHROMIUM_ARGS (`playwright` is sync_playwright()'s)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


def new_context(browser, **options):
    """A fresh browser context (no state shared with any other), phone-sized unless `viewport` is given."""
    return browser.new_context(**{"viewport": PHONE, **options})


def open_each(context, urls: list[str], wait_until: str = "networkidle", at_once: int = 8):
    """Open every address in `context` and yield (url, page) once each has reached `wait_until`.
    `at_once` tabs load side by side: "networkidle" is half a second without a request, and the tabs'
    half-seconds overlap instead of adding up (a walk of the 41 pages took 25 s one by one, 10 s so).
    Every tab is visible to its page in headless Chromium, so nothing is throttled as a background tab.
    A page yielded stays open until the next batch starts loading."""
    tabs = [context.new_page() for _ in range(min(at_once, len(urls)))]
    try:
        for start in range(0, len(urls), at_once):
            batch = list(zip(tabs, urls[start:start + at_once]))
            for tab, url in batch:
                tab.goto(url, wait_until="commit")
            for tab, url in batch:
                tab.wait_for_load_state(wait_until)
                yield url, tab
    finally:
        for tab in tabs:
            tab.close()
