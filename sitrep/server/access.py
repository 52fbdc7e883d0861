"""Who may use the server, and how much they may send: the rules of ``sitrep serve``.

* On a loopback address (127.0.0.1, ::1, localhost: the default) the server is for the person at this machine:
  no token is needed (edits are recorded under the user "local"), unless it was started with ``--tokens``.
  Requests must name this machine in their ``Host`` header (a page of another site cannot reach the server by
  rebinding a DNS name to 127.0.0.1), and a request that changes something must not come from another
  site's page (its ``Origin`` header, when there is one, names this server).
* On any other address it starts only when the store holds a token (``sitrep token create``), and every request
  but ``/api/health``, ``/login`` and the static files needs a valid one: ``Authorization: Bearer <token>``, or
  the cookie ``/login`` sets (a page asked for without one is sent to ``/login``).  A ``read`` token may look;
  changing anything (adding documents, corrections, jobs) needs ``write``.  Missing or unknown token: 401; a read
  token asking to write: 403.
* A request body over the setting ``max_request_bytes`` is refused with 413 before it is read whole (by its
  Content-Length, or as a body without one arrives).
* Too many requests from one client (a token, or an address without one): 429 with ``Retry-After``; the rates are
  in :mod:`sitrep.server.limits`.

Every refusal is JSON: ``{"error": "...", "status": N}``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import ConfigError
from sitrep.store import open_store

from .limits import EXEMPT, Buckets, client_key, too_many

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
PUBLIC = ("/api/health", "/login", "/static/")
COOKIE = "sitrep_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


@dataclass(frozen=True)
class Caller:
    user: str
    scope: str  # "read" | "write"
    token_id: str | None = None


LOCAL = Caller("local", "write")


def check_bind(host: str, db: str, require_tokens: bool) -> bool:
    """Whether requests will need tokens; raises ConfigError when listening off this machine without any."""
    needs = require_tokens or host not in LOOPBACK
    if needs:
        with open_store(db) as store:
            if not store.has_tokens():
                raise ConfigError(
                    f"refusing to listen on {host} without access tokens; create one with "
                    f"`sitrep token create --scope write --user NAME --db {db}` (or listen on 127.0.0.1)"
                )
    return needs


def token_of(headers: dict[str, str], cookies: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return cookies.get(COOKIE) or None


def caller_for(token: str | None, db: str) -> Caller | None:
    if not token or len(token) > 200:
        return None
    with open_store(db) as store:
        info = store.check_token(token)
    return Caller(info.user, info.scope, info.id) if info else None


def error_body(status: int, message: str) -> bytes:
    return json.dumps({"error": message, "status": status}).encode("utf-8")


class Guard:
    """ASGI middleware: the size limit, the Host and Origin checks, the tokens and the rates of the module
    docstring; the caller is left in ``scope["state"]["caller"]``."""

    def __init__(self, app: ASGIApp, *, db: str, max_bytes: int, tokens: bool, hosts: frozenset[str] | None,
                 rates: Buckets | None = None):  # fmt: skip
        self.app, self.db, self.max_bytes, self.tokens, self.hosts = app, db, max_bytes, tokens, hosts
        self.rates = rates

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[dict]], send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path, method = scope["path"], scope["method"]
        refusal = self._refusal(headers, method)
        caller: Caller | None = None
        if refusal is None:
            caller = LOCAL if not self.tokens else None
            if self.tokens and not path.startswith(PUBLIC):
                caller = caller_for(token_of(headers, _cookies(headers)), self.db)
                if caller is None:
                    refusal = (401, "a valid access token is needed: Authorization: Bearer <token>, or /login")
                elif method not in SAFE_METHODS and caller.scope != "write":
                    refusal = (403, f"the token of {caller.user} may only read; changes need a write token")
            scope.setdefault("state", {})["caller"] = caller or LOCAL
        if self.rates is not None and not path.startswith(EXEMPT):
            token_id = caller.token_id if refusal is None and caller is not None else None
            wait = self.rates.take(client_key((scope.get("client") or ("",))[0], token_id))
            if wait:
                await _send_error(send, 429, too_many(wait, self.rates.rate), ((b"retry-after", str(wait).encode()),))
                return
        if refusal is not None and refusal[0] == 401 and method == "GET" and not path.startswith("/api/"):
            await send({"type": "http.response.start", "status": 303, "headers": [(b"location", b"/login")]})
            await send({"type": "http.response.body", "body": b""})
            return
        if refusal is not None:
            await _send_error(send, *refusal)
            return
        if "content-length" not in headers and method not in SAFE_METHODS:
            limited = await self._limited(receive, send)
            if limited is None:
                return
            receive = limited
        await self.app(scope, receive, send)

    def _refusal(self, headers: dict[str, str], method: str) -> tuple[int, str] | None:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            return 413, too_large(self.max_bytes)
        host = urlsplit("//" + headers.get("host", "")).hostname or ""
        if self.hosts is not None and host not in self.hosts:
            return 400, f"this server answers to {', '.join(sorted(self.hosts))}, not {host or 'no Host header'}"
        origin = headers.get("origin")
        if method not in SAFE_METHODS and origin and urlsplit(origin).netloc != headers.get("host"):
            return 403, "a change from another site's page is refused (the Origin header names another server)"
        return None

    async def _limited(self, receive: Callable[[], Awaitable[dict]], send: Any) -> Callable[[], Awaitable[dict]] | None:
        """A body sent without Content-Length (chunked) is read here, up to the limit, and handed on whole;
        None when it went over (the 413 is sent)."""
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return receive
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            more = message.get("more_body", False)
            if seen > self.max_bytes:
                await _send_error(send, 413, too_large(self.max_bytes))
                return None
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


def too_large(limit: int) -> str:
    return f"the request is over the limit of {limit:,} bytes (setting max_request_bytes)"


async def _send_error(send: Any, status: int, message: str, headers: tuple[tuple[bytes, bytes], ...] = ()
                      ) -> None:  # fmt: skip
    body = error_body(status, message)
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    out = {}
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            out[name] = value
    return out
