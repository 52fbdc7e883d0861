"""A local feed server on 127.0.0.1 for the watch tests: RSS and Atom feeds and article pages whose content a
test changes between polls, a feed that errors on demand, and a count of the requests for every path."""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from localserver import serve


class Site:
    """What the server answers: ``pages`` (path -> (content type, body)), ``failing`` paths (answered 503)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.failing: set[str] = set()
        self.requests: Counter[str] = Counter()
        self.lock = threading.Lock()

    def rss(self, path: str, title: str, items: list[tuple[str, str, str]]) -> None:
        """An RSS 2.0 feed at ``path`` of (link, title, YYYY-MM-DD) items."""
        body = "".join(
            f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
            f"<pubDate>{format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC))}</pubDate></item>"
            for link, t, day in items
        )
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>{body}</channel></rss>'
        self.pages[path] = ("application/rss+xml", xml.encode())

    def atom(self, path: str, title: str, items: list[tuple[str, str, str]]) -> None:
        body = "".join(
            f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
            f"<updated>{day}T08:00:00Z</updated></entry>"
            for link, t, day in items
        )
        head = f"<title>{escape(title)}</title><id>urn:feed</id><updated>2024-05-15T00:00:00Z</updated>"
        xml = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">{head}{body}</feed>'
        self.pages[path] = ("application/atom+xml", xml.encode())

    def text(self, path: str, text: str) -> None:
        self.pages[path] = ("text/plain; charset=utf-8", text.encode())


@contextmanager
def running(site: Site) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return

        def do_GET(self) -> None:
            with site.lock:
                site.requests[self.path] += 1
                found = None if self.path in site.failing else site.pages.get(self.path)
                code = 503 if self.path in site.failing else 200 if found else 404
            ctype, body = found or ("text/plain", b"unavailable" if code == 503 else b"not found")
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve(Handler, threading.Event()) as base:
        yield base
