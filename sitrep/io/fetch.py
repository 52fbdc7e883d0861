"""fetch: get an input's bytes, within the limits of the settings.

A URL is fetched with :mod:`http.client`, one hop at a time, under rules a public-facing service needs:

- one deadline (``fetch_timeout``) over everything: resolving, connecting, the headers and the body, on every
  hop (a server that sends its headers one byte a second is cut off at the deadline);
- only ``http`` and ``https``, checked on the first URL and on every redirect; at most ``max_redirects`` hops;
- the address: every address the host name resolves to must be public (not loopback, link-local such as
  169.254.169.254, private, shared, multicast, reserved or unspecified), checked on every hop, and the
  connection goes to the address that was checked (no second lookup a DNS answer could change).  Setting
  ``allow_private`` (``--allow-private``) lifts the address rule: :func:`check_url` is the one rule, which the
  web server reuses for URLs submitted to it;
- the size: a declared Content-Length over ``max_bytes`` is refused before reading, a body is never read past
  ``max_bytes``, and a body shorter than its Content-Length is an error, not a silently truncated page;
- the media type: text, HTML, XML feeds, or bytes that say nothing, judged by :mod:`sitrep.io.decode`.

Proxies from the environment are not used (the address rule could not be kept through one).  A stream is read in
chunks up to the size limit.  Every failure is an :class:`~sitrep.errors.InputError` that says what went wrong.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import IO
from urllib.parse import urljoin, urlsplit

from sitrep.errors import FetchError, InputTooLargeError, UrlRefusedError
from sitrep.settings import Settings

CHUNK = 64 * 1024
TEXT_TYPES = ("application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml")
SNIFF_TYPES = ("application/octet-stream", "binary/octet-stream")  # say nothing: judge by the bytes
REDIRECTS = (301, 302, 303, 307, 308)
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: not is_private in every Python


@dataclass(frozen=True)
class Page:
    """What a URL answered."""

    url: str  # after redirects
    data: bytes
    media_type: str  # "text/html"
    charset: str | None  # from the Content-Type header


@dataclass(frozen=True)
class Target:
    """A URL that passed :func:`check_url`: where to connect (an address that was checked) and what to ask."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    address: str


def check_url(url: str, settings: Settings, deadline: float | None = None) -> Target:
    """The rule for any URL sitrep fetches: http(s), a host, and (unless ``settings.allow_private``) only public
    addresses; raise UrlRefusedError (a FetchError) saying which rule it broke.  Resolves the host name (within
    ``deadline``; a failed look-up is a plain FetchError)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:  # a port that is not a number, a broken IPv6 literal ...
        raise UrlRefusedError(f"{url!r}: not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise UrlRefusedError(f"{url}: not an http:// or https:// URL; only those are fetched")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise UrlRefusedError(f"{url!r}: not a valid URL (spaces or control characters in it)")
    host = parts.hostname
    addresses = _resolve(url, host, port, deadline)
    if not settings.allow_private:
        for address in addresses:
            why = private_address(address)
            if why:
                raise UrlRefusedError(
                    f"{url}: {host} is {'at ' + address if address != host else 'an address'} which is {why}; "
                    "sitrep fetches only public addresses (use --allow-private or the setting allow_private "
                    "to fetch from your own network)"
                )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(url, scheme, host, port, path, addresses[0])


def private_address(address: str) -> str | None:
    """Why ``address`` is not a public address (loopback, private, link-local ...), or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("shared (carrier-grade NAT)", isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    return next((f"a {name} address" for name, hit in checks if hit), None)


def fetch_bytes(url: str, settings: Settings) -> Page:
    """GET ``url`` within ``settings.fetch_timeout`` and ``settings.max_bytes`` (see the module docstring)."""
    deadline = time.monotonic() + settings.fetch_timeout
    current = url
    for _hop in range(settings.max_redirects + 1):
        target = check_url(current, settings, deadline)
        try:
            page, location = _get(target, settings, deadline)
        except FetchError:
            raise
        except TimeoutError as exc:
            raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s") from exc
        except (http.client.HTTPException, OSError, ValueError) as exc:
            if time.monotonic() >= deadline:
                raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s") from exc
            raise FetchError(f"{url}: {_reason(exc, settings)}") from exc
        if page is not None:
            return page
        try:
            current = urljoin(current, location)
        except ValueError as exc:
            raise FetchError(f"{url}: redirected to a malformed address {location!r}") from exc
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            raise UrlRefusedError(f"{url}: redirected to {current}, which is not http(s); not followed")
    raise FetchError(f"{url}: more than {settings.max_redirects} redirects (setting max_redirects)")


def _resolve(url: str, host: str, port: int, deadline: float | None) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]  # a literal address: nothing to resolve
    except ValueError:
        pass
    result: list[list[str]] = []
    failure: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            result.append(list(dict.fromkeys(str(info[4][0]) for info in infos)))
        except (OSError, UnicodeError) as exc:
            failure.append(exc)

    worker = threading.Thread(target=lookup, daemon=True)  # getaddrinfo has no timeout of its own
    worker.start()
    worker.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    if failure:
        if isinstance(failure[0], UnicodeError):
            raise UrlRefusedError(f"{url}: the host name {host!r} is not valid")
        raise FetchError(f"{url}: {_reason(failure[0], None)}") from failure[0]
    if not result or not result[0]:
        raise FetchError(f"{url}: timed out looking up {host}")
    return result[0]


def _get(target: Target, settings: Settings, deadline: float) -> tuple[Page | None, str]:
    """One request: the page, or (None, the Location of a redirect)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    conn = _connection(target, remaining)
    watchdog = threading.Timer(remaining, _cut, (conn,))  # the deadline covers headers and body too
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request(
            "GET",
            target.path,
            headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        response = conn.getresponse()
        if response.status in REDIRECTS:
            location = response.getheader("Location")
            if not location:
                raise FetchError(f"{target.url}: HTTP {response.status} redirect without a Location")
            return None, location
        if response.status >= 400:
            raise FetchError(f"{target.url}: HTTP {response.status} {response.reason}")
        media_type = response.headers.get_content_type()
        charset = response.headers.get_content_charset()
        _check_media_type(target.url, media_type)
        declared = _content_length(target.url, response)
        if declared is not None and declared > settings.max_bytes:
            raise FetchError(
                f"{target.url}: too large ({declared:,} bytes; the limit is max_bytes={settings.max_bytes:,})"
            )
        data = _read_body(response, target.url, settings, deadline)
        if time.monotonic() >= deadline:  # the watchdog cut the body short
            raise TimeoutError
        if declared is not None and len(data) < declared:
            raise FetchError(
                f"{target.url}: the connection closed after {len(data):,} of the {declared:,} bytes announced; "
                "the page is incomplete, try again"
            )
        return Page(url=target.url, data=data, media_type=media_type, charset=charset), ""
    except OSError:
        if time.monotonic() >= deadline:
            raise TimeoutError from None
        raise
    finally:
        watchdog.cancel()
        conn.close()


class _Connection(http.client.HTTPConnection):
    """An HTTP connection to the address that was checked, not to a second look-up of the host name."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _TLSConnection(_Connection):
    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def _connection(target: Target, timeout: float) -> _Connection:
    return (_TLSConnection if target.scheme == "https" else _Connection)(target, timeout)


def _cut(conn: http.client.HTTPConnection) -> None:
    """At the deadline: shut the socket down so a blocked read returns."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: nothing is blocked on it
            sock.shutdown(socket.SHUT_RDWR)


def _content_length(url: str, response: http.client.HTTPResponse) -> int | None:
    value = response.getheader("Content-Length")
    if value is None:
        return None
    value = value.strip()
    if not value.isdigit() or len(value) > 18:
        raise FetchError(f"{url}: the server sent a malformed Content-Length ({value[:40]!r})")
    return int(value)


def _check_media_type(url: str, media_type: str) -> None:
    if media_type.startswith("text/") or media_type in TEXT_TYPES or media_type in SNIFF_TYPES:
        return
    hint = "; extract the text first, e.g. with pdftotext" if media_type == "application/pdf" else ""
    raise FetchError(f"{url}: not text (Content-Type {media_type}){hint}")


def _read_body(response: http.client.HTTPResponse, url: str, settings: Settings, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK):  # read1: returns what has arrived, so the deadline is checked often
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(f"{url}: too large (more than max_bytes={settings.max_bytes:,} bytes); stopped reading")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s while reading the page")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(reason: object, settings: Settings | None) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed); check the address and your connection"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (nothing is listening there)"
    if isinstance(reason, TimeoutError):
        return f"timed out after {settings.fetch_timeout:g} s" if settings else "timed out"
    if isinstance(reason, ssl.SSLError):
        return f"TLS/SSL error ({reason})"
    if isinstance(reason, http.client.IncompleteRead):
        return "the connection closed before the page was complete; try again"
    if isinstance(reason, ConnectionError):
        return f"connection failed ({reason})"
    return f"could not be fetched ({reason})"


def read_stream(stream: IO[bytes], limit: int, what: str) -> bytes:
    """Read a byte stream in chunks; raise InputTooLargeError as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise InputTooLargeError(
                f"{what}: larger than the limit of {limit:,} bytes (setting max_bytes); split the input or raise it"
            )
        chunks.append(chunk)
    return b"".join(chunks)
