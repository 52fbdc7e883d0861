"""Tests for sitrep.io.fetch: one deadline over the whole fetch, http(s) on every hop, the redirect limit, the
Content-Length check, and the address rule (no loopback, private, link-local or reserved addresses unless allowed),
against a local HTTP server on 127.0.0.1 (traffic never leaves this machine)."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from sitrep.errors import FetchError
from sitrep.io import fetch
from sitrep.settings import Settings

from localserver import serve

LOCAL = Settings(allow_private=True)  # the test server is on loopback
BODY = b"Militants attacked a police post in Quetta on Monday."


class _Handler(http.server.BaseHTTPRequestHandler):
    stop = threading.Event()
    hosts: list[str] = []  # noqa: RUF012 (what the client sent as Host, for the rebinding test)

    def log_message(self, *args: object) -> None:
        return

    def _send(self, code: int, body: bytes, ctype: str = "text/plain", length: int | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.hosts.append(self.headers.get("Host", ""))
        port = self.server.server_address[1]
        if self.path == "/article":
            self._send(200, BODY)
        elif self.path == "/slow-headers":  # one byte of the status line at a time, for up to 6 s
            for byte in b"HTTP/1.1 200 OK\r\n":
                if self.stop.wait(0.4):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return
            self.wfile.write(b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
        elif self.path == "/slow-body":  # headers at once, then the body a few bytes a time
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(30):
                if self.stop.wait(0.2):
                    return
                try:
                    self.wfile.write(b"word ")
                    self.wfile.flush()
                except OSError:
                    return
        elif self.path == "/short-body":  # announces 1,000 bytes, sends fewer, closes
            self._send(200, BODY, length=1000)
            self.close_connection = True
        elif self.path == "/bad-length":
            self._send(200, BODY, length=-5)
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file.txt")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self._redirect(f"/loop{n + 1}")
        elif self.path == "/hop2":
            self._redirect("/hop1")
        elif self.path == "/hop1":
            self._redirect("/article")
        elif self.path == "/to-other-loopback":
            self._redirect(f"http://127.0.0.2:{port}/article")
        elif self.path == "/no-location":
            self.send_response(302)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(_Handler, _Handler.stop) as url:
        yield url


def test_fetch_bytes_local_page_when_private_allowed(server):
    page = fetch.fetch_bytes(f"{server}/article", LOCAL)
    assert page.data == BODY and page.media_type == "text/plain"


def test_fetch_bytes_slow_headers_end_at_the_deadline(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch.fetch_bytes(f"{server}/slow-headers", Settings(allow_private=True, fetch_timeout=1.0))
    assert time.monotonic() - started < 5  # the server would have finished its headers after about 7 s


@pytest.mark.parametrize(
    ("path", "settings", "reason"),
    [
        ("/slow-body", Settings(allow_private=True, fetch_timeout=1.0), "timed out"),
        ("/short-body", LOCAL, "incomplete"),  # a body shorter than its Content-Length
        ("/bad-length", LOCAL, "Content-Length"),
        ("/no-location", LOCAL, "without a Location"),
    ],
)
def test_fetch_bytes_broken_answers_are_errors(server, path, settings, reason):
    with pytest.raises(FetchError, match=reason):
        fetch.fetch_bytes(f"{server}{path}", settings)


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file"])
def test_fetch_bytes_redirect_to_another_scheme_not_followed(server, path):
    with pytest.raises(FetchError, match="not http"):
        fetch.fetch_bytes(f"{server}{path}", LOCAL)


def test_fetch_bytes_redirect_limit(server):
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch.fetch_bytes(f"{server}/loop", Settings(allow_private=True, max_redirects=3))
    assert fetch.fetch_bytes(f"{server}/hop2", Settings(allow_private=True, max_redirects=2)).data == BODY
    with pytest.raises(FetchError, match="redirects"):
        fetch.fetch_bytes(f"{server}/hop2", Settings(allow_private=True, max_redirects=1))


def test_fetch_bytes_loopback_refused_by_default(server):
    with pytest.raises(FetchError, match=r"loopback address.*allow-private"):
        fetch.fetch_bytes(f"{server}/article", Settings())


def test_fetch_bytes_redirect_target_checked_again(server, monkeypatch):
    """The first hop is allowed (127.0.0.1 counted as public here), the redirect to 127.0.0.2 is checked anew."""
    real = fetch.private_address
    monkeypatch.setattr(fetch, "private_address", lambda a: None if a == "127.0.0.1" else real(a))
    assert fetch.fetch_bytes(f"{server}/article", Settings()).data == BODY
    with pytest.raises(FetchError, match=r"127\.0\.0\.2.*loopback"):
        fetch.fetch_bytes(f"{server}/to-other-loopback", Settings())


@pytest.fixture
def no_connections(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://100.64.0.1/", "shared"),
        ("http://127.0.0.1:9/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd00::1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
    ],
)
def test_check_url_refuses_non_public_addresses_without_connecting(no_connections, url, why):
    with pytest.raises(FetchError, match=why):
        fetch.fetch_bytes(url, Settings())


def test_check_url_refuses_a_name_that_resolves_to_a_private_address(no_connections, monkeypatch):
    infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
             (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 80))]  # fmt: skip
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: infos)
    with pytest.raises(FetchError, match=r"10\.1\.2\.3 which is a private address"):
        fetch.fetch_bytes("http://intranet.example/", Settings())


def test_check_url_connects_to_the_address_it_checked(server, monkeypatch):
    """A second DNS answer cannot move the connection elsewhere: the name is resolved once."""
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers = ["127.0.0.1", "10.9.9.9"]  # the second answer, were it asked for, would be refused

    def lookup(host: str, *args: object, **kwargs: object) -> list:
        if host != "news.test":
            return real(host, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers.pop(0), port))]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    page = fetch.fetch_bytes(f"http://news.test:{port}/article", LOCAL)
    assert page.data == BODY
    assert _Handler.hosts[-1] == f"news.test:{port}"
    assert answers == ["10.9.9.9"]


def test_check_url_public_address_allowed(monkeypatch):
    target = fetch.check_url("https://93.184.216.34/a?b=1", Settings())
    assert (target.scheme, target.address, target.port, target.path) == ("https", "93.184.216.34", 443, "/a?b=1")


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://host:99999/", "http://host:port/", "http://exa mple.com/", "ftp://example.org/",
     "http://", "file:///etc/passwd", "javascript:alert(1)", "http://a\x00b/"],
)  # fmt: skip
def test_check_url_malformed_is_a_clear_error(no_connections, url):
    with pytest.raises(FetchError):
        fetch.check_url(url, Settings())


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2606:4700::1111", True), ("127.0.0.53", False), ("::", False), ("192.0.2.1", False),
     ("::ffff:10.0.0.1", False), ("fe80::1%eth0", False), ("not-an-ip", False)],
)  # fmt: skip
def test_private_address(address, public):
    assert (fetch.private_address(address) is None) == public
