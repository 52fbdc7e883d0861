"""A real sitrep server for the tests: uvicorn on 127.0.0.1 at a free port, in a thread, one per test module.

    with running(settings, tokens=False) as base:       # "http://127.0.0.1:PORT"
        httpx.get(base + "/api/health")

``settings(tmp_path, **overrides)`` gives settings whose store is a new file in ``tmp_path``; ``seeded(...)``
the same with the three hand-built documents of :mod:`docfactory` stored (no model is loaded for them).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from sitrep.settings import TABLE, Settings, load
from sitrep.store import open_store

import docfactory as fx


def settings(tmp: Path, **overrides: Any) -> Settings:
    known = {name for name, _, _ in TABLE}
    if "allow_private" in known:  # URLs on 127.0.0.1 are the tests' own pages
        overrides.setdefault("allow_private", True)
    return load({"db": str(tmp / "sitrep.db"), **{k: v for k, v in overrides.items() if k in known}})


def seeded(tmp: Path, **overrides: Any) -> Settings:
    s = settings(tmp, **overrides)
    with open_store(s.db) as store:
        store.add_many(fx.all_docs())
    return s


@contextmanager
def running(s: Settings, *, tokens: bool = False, hosts: frozenset[str] | None = None) -> Iterator[str]:
    from sitrep.server import create_app

    app = create_app(s, tokens=tokens, hosts=hosts)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@contextmanager
def page_server(body: bytes, content_type: str = "text/html; charset=utf-8") -> Iterator[str]:
    """A web page on 127.0.0.1 (the same ``body`` at every path), for URL submissions: yields its address."""
    import http.server

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def redirect_server(location: str) -> Iterator[str]:
    """A server on 127.0.0.1 that answers every GET with a 302 to ``location``: yields its address."""
    import http.server

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
