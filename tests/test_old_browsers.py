"""Old phones: a browser without ResizeObserver (iOS 12 Safari, old Chrome) still makes no request
to another host. Material would load a polyfill from unpkg.com; site_overrides/main.html stands in."""
from urllib.parse import urlparse

import pytest

PAGES = ["/", "/tiers/tier-1/", "/self-check/"]


def _remote_requests(browser, site_url, path, without_resize_observer=True, stand_in=True, csp=True):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    if without_resize_observer:
        context.add_init_script("delete window.ResizeObserver;")
    remote, scripts = [], []
    local = urlparse(site_url).netloc
    context.on("request", lambda r: r.resource_type == "script" and scripts.append(r.url))

    def route(r):
        if urlparse(r.request.url).netloc != local:
            remote.append(r.request.url)
            return r.abort()
        if not stand_in and r.request.resource_type == "document":
            response = r.fetch()
            body = response.text().replace('if (typeof ResizeObserver == "undefined")', "if (false)")
            if not csp:  # the page's Content-Security-Policy would stop the request before it is made
                body = body.replace('http-equiv="Content-Security-Policy"', 'http-equiv="x-removed"')
            return r.fulfill(response=response, body=body)
        return r.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    has_observer = page.evaluate("typeof ResizeObserver != 'undefined'")
    context.close()
    return remote, has_observer, scripts


@pytest.mark.parametrize("path", PAGES)
def test_no_request_to_another_host_without_resize_observer(browser, site_url, path):
    remote, has_observer, scripts = _remote_requests(browser, site_url, path)
    assert remote == []
    if path == "/self-check/":  # a page of its own: no theme script that would want the polyfill
        assert scripts == []
    else:
        assert has_observer  # the local stand-in took the polyfill's place


def test_without_the_stand_in_the_theme_would_ask_another_host(browser, site_url):
    """The check above can fail: take the stand-in (and the Content-Security-Policy, the second
    safety net) out of the page and Material asks unpkg.com."""
    remote, _, _ = _remote_requests(browser, site_url, "/", stand_in=False, csp=False)
    assert any("unpkg.com" in url for url in remote)


def test_without_the_stand_in_the_content_security_policy_still_stops_the_request(browser, site_url):
    remote, _, _ = _remote_requests(browser, site_url, "/", stand_in=False)
    assert remote == []
