"""Serve a folder on a free port of 127.0.0.1, in a thread of this process.

`serve(folder)` answers as `python -m http.server` does; `serve(folder, gzip=True)` compresses
every response at gzip level 6 when the browser accepts it, as real hosts do, so what a browser
transfers can be measured (Content-Encoding: gzip, Content-Length of the compressed body);
`serve(folder, held={"/slow"})` never answers those addresses, as a server that hangs (until shutdown).
"""
from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import io
import shutil
import socketserver
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path in self.server.held:
            self.server.released.wait()  # no answer; the connection closes at shutdown
            return
        super().do_GET()

    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    """Sends each file gzip-compressed when the request says `Accept-Encoding: gzip`."""

    def send_head(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = str(Path(path) / "index.html")
        try:
            body = gzip_module.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        except OSError:
            return super().send_head()  # 404 and friends, as usual
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile):
        shutil.copyfileobj(source, outputfile)


class _Server(socketserver.ThreadingTCPServer):
    """A thread per request. Its queue of connections not yet accepted holds 128 (socketserver's default is 5):
    a browser opening eight pages side by side asks for dozens at once, and on a busy machine the accepting
    thread falls behind; past the queue the kernel drops the browser's connection and it asks again only
    after 1, 2, 4, 8 ... seconds (a walk of the published files timed out so in CI, 30 s on one page)."""

    daemon_threads = True
    request_queue_size = 128
    held: frozenset = frozenset()
    """Addresses never answered (serve's `held`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.released = threading.Event()

    def shutdown(self):
        self.released.set()
        super().shutdown()
        self.server_close()  # the listening socket too, not only the thread


def server_for(folder: Path, gzip: bool = False, held=()) -> _Server:
    """The server of `folder`, bound to a free port of 127.0.0.1 and listening, not yet answering."""
    handler = functools.partial(_GzipHandler if gzip else _QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    server.held = frozenset(held)
    return server


def serve(folder: Path, gzip: bool = False, held=()):
    """Serve `folder` on a free port of 127.0.0.1; returns (base_url, server). Stop it with server.shutdown()."""
    server = server_for(folder, gzip, held)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
