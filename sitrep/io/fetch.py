"""fetch: get an input's bytes, within the limits of the settings.

A URL is fetched with urllib (the timeout, size limit and User-Agent of the settings, redirects followed, the
media type checked: text, HTML, XML feeds, or bytes that say nothing and are judged by :mod:`sitrep.io.decode`);
a stream is read in chunks up to the size limit.  Used by :mod:`sitrep.io.ingest`, which decodes the bytes
(:mod:`sitrep.io.decode`), reduces markup to plain text (:mod:`sitrep.io.markup`) and makes a
:class:`~sitrep.model.Document` of it.  Every failure is an :class:`~sitrep.errors.InputError` that says what went
wrong and what to do about it.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from typing import IO
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from sitrep.errors import FetchError, InputTooLargeError
from sitrep.settings import Settings

CHUNK = 64 * 1024
TEXT_TYPES = ("application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml")
SNIFF_TYPES = ("application/octet-stream", "binary/octet-stream")  # say nothing: judge by the bytes


@dataclass(frozen=True)
class Page:
    """What a URL answered."""

    url: str  # after redirects
    data: bytes
    media_type: str  # "text/html"
    charset: str | None  # from the Content-Type header


def fetch_bytes(url: str, settings: Settings) -> Page:
    """GET ``url`` (http/https) within ``settings.fetch_timeout`` and ``settings.max_bytes``; raise FetchError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url}: not an http:// or https:// URL")
    request = Request(
        url,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        with urlopen(request, timeout=settings.fetch_timeout) as response:
            media_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            _check_media_type(url, media_type)
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > settings.max_bytes:
                raise FetchError(
                    f"{url}: too large ({int(length):,} bytes; the limit is max_bytes={settings.max_bytes:,})"
                )
            data = _read_url(response, url, settings, deadline)
            return Page(url=response.geturl(), data=data, media_type=media_type, charset=charset)
    except FetchError:
        raise
    except HTTPError as exc:
        exc.close()
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except URLError as exc:
        raise FetchError(f"{url}: {_reason(exc.reason, settings)}") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: timed out after {settings.fetch_timeout:g} s") from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"{url}: {_reason(exc, settings)}") from exc


def _check_media_type(url: str, media_type: str) -> None:
    if media_type.startswith("text/") or media_type in TEXT_TYPES or media_type in SNIFF_TYPES:
        return
    hint = "; extract the text first, e.g. with pdftotext" if media_type == "application/pdf" else ""
    raise FetchError(f"{url}: not text (Content-Type {media_type}){hint}")


def _read_url(response: http.client.HTTPResponse, url: str, settings: Settings, deadline: float) -> bytes:
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


def _reason(reason: object, settings: Settings) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed); check the address and your connection"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (nothing is listening there)"
    if isinstance(reason, TimeoutError):
        return f"timed out after {settings.fetch_timeout:g} s"
    if isinstance(reason, ssl.SSLError):
        return f"TLS/SSL error ({reason})"
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
