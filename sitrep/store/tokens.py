"""Access tokens of the web server, kept hashed in the store's ``tokens`` table.

    token, info = store.create_token("amira", "write")   # the secret is shown once, only its SHA-256 is kept
    store.check_token(token)                              # TokenInfo(id, user, scope) or None (unknown, revoked)
    store.tokens()                                        # every token's id, user, scope, dates (no secrets)
    store.revoke_token(token_id)

A token is 32 random bytes (URL-safe base64) prefixed with ``sitrep_``; being random, one round of SHA-256 is
enough to keep it from being read back from the database.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sitrep.errors import ConfigError

SCOPES = ("read", "write")


@dataclass(frozen=True)
class TokenInfo:
    id: str
    user: str
    scope: str
    created_at: str = ""
    revoked_at: str | None = None

    def allows(self, scope: str) -> bool:
        return self.revoked_at is None and (self.scope == "write" or scope == "read")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Tokens:
    """Token methods of a store (mixed into :class:`sitrep.store.Store`)."""

    _conn: Any

    def _transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError  # each backend's own

    def create_token(self, user: str, scope: str) -> tuple[str, TokenInfo]:
        if scope not in SCOPES:
            raise ConfigError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
        user = " ".join((user or "").split())
        if not user or len(user) > 100:
            raise ConfigError("give the token's user a name of 1 to 100 characters (--user NAME)")
        secret = "sitrep_" + secrets.token_urlsafe(32)
        info = TokenInfo(secrets.token_hex(4), user, scope, datetime.now(UTC).isoformat(timespec="seconds"))
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO tokens (id, hash, user_name, scope, created_at) VALUES (?, ?, ?, ?, ?)",
                (info.id, digest(secret), info.user, info.scope, info.created_at),
            )
        return secret, info

    def check_token(self, secret: str) -> TokenInfo | None:
        """The token's holder and scope; None when the secret is unknown or revoked."""
        row = self._conn.execute(
            "SELECT id, user_name, scope, created_at, revoked_at FROM tokens WHERE hash = ?", (digest(secret),)
        ).fetchone()
        info = TokenInfo(*row) if row else None
        return info if info is not None and info.revoked_at is None else None

    def tokens(self) -> Iterator[TokenInfo]:
        rows = self._conn.execute("SELECT id, user_name, scope, created_at, revoked_at FROM tokens ORDER BY created_at")
        return (TokenInfo(*row) for row in rows.fetchall())

    def has_tokens(self) -> bool:
        return self._conn.execute("SELECT 1 FROM tokens WHERE revoked_at IS NULL").fetchone() is not None

    def revoke_token(self, token_id: str) -> bool:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as conn:
            cur = conn.execute("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (now, token_id))
            return cur.rowcount > 0
