"""The shared test kit's server: plain, and gzip-compressed as real hosts serve."""
import gzip
import urllib.error
import urllib.request

import pytest

from tests.kit import serve


def _get(url: str, gzip_ok: bool):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as r:
        return r.headers, r.read()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<p>" + "same words again " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log('x');\n" * 100, encoding="utf-8")
    return tmp_path


def test_the_gzip_server_compresses_what_the_browser_accepts(folder):
    base, server = serve(folder, gzip=True)
    try:
        for path, file in (("/sub/", "sub/index.html"), ("/app.js", "app.js")):
            headers, body = _get(base + path, gzip_ok=True)
            original = (folder / file).read_bytes()
            assert headers["Content-Encoding"] == "gzip"
            assert int(headers["Content-Length"]) == len(body) < len(original) / 5
            assert gzip.decompress(body) == original
        headers, body = _get(base + "/app.js", gzip_ok=False)
        assert headers["Content-Encoding"] is None and body == (folder / "app.js").read_bytes()
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(base + "/nothing.js", gzip_ok=True)
        assert missing.value.code == 404
    finally:
        server.shutdown()


def test_the_plain_server_never_compresses(folder):
    base, server = serve(folder)
    try:
        headers, body = _get(base + "/sub/", gzip_ok=True)
        assert headers["Content-Encoding"] is None and body == (folder / "sub" / "index.html").read_bytes()
    finally:
        server.shutdown()


def test_the_server_takes_a_browser_s_burst_of_connections_while_it_is_busy(folder):
    """Sixty-four connections asked at once all get through while the server accepts none of them (a busy
    machine): with socketserver's queue of 5, the seventh waited a second or more, and a page walk timed out."""
    import socket

    from tests.kit.serve import server_for

    server = server_for(folder)
    clients = []
    try:
        for _ in range(64):
            client = socket.socket()
            client.settimeout(0.5)  # an accepted handshake is immediate; a dropped one retries after 1 s
            client.connect(server.server_address)
            clients.append(client)
    finally:
        for client in clients:
            client.close()
        server.server_close()
    assert len(clients) == 64


def test_chromium_keeps_playwright_s_own_switches_and_builds_no_address_bar_pop_ups(browser):
    """CHROMIUM_ARGS's --disable-features, the last one Chromium is given and so the only one it reads, still holds
    every feature Playwright turns off in its own (listed first on the command line), and the address bar's
    suggestion pop-ups, web pages of their own that every new context would otherwise build, are not built."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto("chrome://version")
        switches = page.locator("#command_line").inner_text().split()
        given = [set(s.split("=", 1)[1].split(",")) for s in switches if s.startswith("--disable-features=")]
        assert len(given) == 2 and given[0] <= given[1], given[0] - given[-1]
        targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
        assert [t["url"] for t in targets if t["type"] == "browser_ui"] == []
    finally:
        context.close()
