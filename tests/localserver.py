"""A local HTTP server on 127.0.0.1 for the fetch tests (traffic never leaves this machine)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serve(handler: type[http.server.BaseHTTPRequestHandler], stop: threading.Event) -> Iterator[str]:
    """Serve ``handler`` on a free port of 127.0.0.1; yields the base URL; ``stop`` is set when done (so that
    handlers that wait on it return)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
