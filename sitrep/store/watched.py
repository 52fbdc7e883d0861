"""What ``sitrep watch`` has seen, kept in the store (tables ``watch_items`` and ``watch_sources``), so that a
restart fetches and analyses nothing twice and an erroring source keeps its back-off.

    store.seen_item(item)                    -> SeenItem | None    an item by URL or path, whichever source listed it
    store.mark_item(source, item, status, ...)                     what became of it (tries counted)
    store.stored_text(content_hash)          -> doc id | None      a document with this text already stored
    store.source_state(source)               -> SourceState        failures in a row, when it may be polled again
    store.source_polled(source, next_poll, error=None) -> SourceState

Portable SQL (a row replaced by DELETE and INSERT, no upsert syntax); each call is one transaction.
"""

from __future__ import annotations

import math
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError

STATUSES = ("stored", "duplicate", "failed")


@dataclass(frozen=True)
class SeenItem:
    source: str
    item: str
    fingerprint: str | None
    content_hash: str | None
    doc_id: str | None
    status: str
    tries: int
    error: str | None


@dataclass(frozen=True)
class SourceState:
    source: str
    failures: int = 0
    next_poll: float = 0.0  # seconds since the epoch
    last_error: str | None = None


_ITEM_COLS = ("source", "item", "fingerprint", "content_hash", "doc_id", "status", "tries", "error")


class Watched:
    """Watch methods of a store (a base of :class:`sitrep.store.BaseStore`), in portable SQL on its connection."""

    if TYPE_CHECKING:  # what the store provides
        _conn: Any

        def _transaction(self) -> AbstractContextManager[Any]: ...

    def seen_item(self, item: str, source: str | None = None) -> SeenItem | None:
        """The item as ``source`` saw it, else as any source did (the same URL in two feeds is one item)."""
        sql = f"SELECT {', '.join(_ITEM_COLS)} FROM watch_items WHERE item = ?"  # nosec B608 -- fixed columns
        rows = [SeenItem(*row) for row in self._conn.execute(sql, (item,)).fetchall()]
        mine = [r for r in rows if r.source == source]
        done = [r for r in rows if r.status != "failed"]
        found = mine or done or rows
        return found[0] if found else None

    def mark_item(self, source: str, item: str, status: str, *, fingerprint: str | None = None,
                  content_hash: str | None = None, doc_id: str | None = None,
                  error: str | None = None) -> SeenItem:  # fmt: skip
        if status not in STATUSES:
            raise ConfigError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        with self._transaction() as conn:
            row = conn.execute("SELECT tries FROM watch_items WHERE source = ? AND item = ?", (source, item)).fetchone()
            tries = (int(row[0]) if row else 0) + 1 if status == "failed" else 0
            conn.execute("DELETE FROM watch_items WHERE source = ? AND item = ?", (source, item))
            seen = SeenItem(source, item, fingerprint, content_hash, doc_id, status, tries, error)
            conn.execute(
                f"INSERT INTO watch_items ({', '.join(_ITEM_COLS)}, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # nosec B608
                (*(getattr(seen, c) for c in _ITEM_COLS), _now()),
            )
        return seen

    def stored_text(self, content_hash: str) -> str | None:
        row = self._conn.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return str(row[0]) if row else None

    def source_state(self, source: str) -> SourceState:
        row = self._conn.execute(
            "SELECT failures, next_poll, last_error FROM watch_sources WHERE source = ?", (source,)
        ).fetchone()
        return SourceState(source, int(row[0]), float(row[1]), row[2]) if row else SourceState(source)

    def source_polled(self, source: str, next_poll: float, error: str | None = None) -> SourceState:
        """Record a poll of ``source``: a good one (``error`` None) clears its failures, a failed one adds one.
        ``next_poll`` is kept in whole seconds, rounded up (an INTEGER column: a 4-byte REAL would lose minutes)."""
        next_poll = float(math.ceil(next_poll))
        with self._transaction() as conn:
            row = conn.execute("SELECT failures FROM watch_sources WHERE source = ?", (source,)).fetchone()
            failures = (int(row[0]) if row else 0) + 1 if error else 0
            conn.execute("DELETE FROM watch_sources WHERE source = ?", (source,))
            conn.execute(
                "INSERT INTO watch_sources (source, failures, next_poll, last_error, polled_at) VALUES (?, ?, ?, ?, ?)",
                (source, failures, int(next_poll), error, _now()),
            )
        return SourceState(source, failures, next_poll, error)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
