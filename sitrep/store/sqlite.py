"""The SQLite store: documents in one file (``":memory:"`` for a throw-away store), found again by filters and
FTS5 full-text search.  :class:`Store` is what ``sitrep.Store`` names; the behaviour every backend shares
(identity, durability, filters) is described in :mod:`sitrep.store.base`.

SQLite-specific here: opening (``_open.py``: WAL, foreign keys, the schema created on first use), the transactions
(``BEGIN IMMEDIATE``), and the FTS5 index (``schema_sqlite_fts.sql``) that :meth:`Store.search` reads and
:meth:`Store._index` keeps in step with the documents table.  The tables (``schema.sql``), the rows
(:mod:`sitrep.store.rows`), writing and filtering (:mod:`sitrep.store.sql`) are portable.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from sitrep.errors import QueryError, StoreError

from ._open import connect
from .base import Hit
from .sql import MAX_HITS, SqlStore, checked_query, fold_yo, search_terms


class Store(SqlStore):
    """Documents in a SQLite file (``":memory:"`` for a throw-away store); see :mod:`sitrep.store.base`.

    with Store("sitrep.db") as store:
        store.add(doc)                              # True when written, False when it was already there
        store.add_many(docs)                        # AddResult(added, skipped, failed, replaced)
        store.get("doc-id")                         # the Document exactly as added, or None
        store.documents(actor="ISKP", since="2024-03")
        store.search("Crocus")                      # [Hit(doc_id, title, snippet, rank, score)], best first
    """

    _errors = (sqlite3.Error,)

    def __init__(self, path_or_url: str | os.PathLike[str] = "sitrep.db"):
        self._db: sqlite3.Connection | None
        self._db, self.where = connect(path_or_url)
        self._finish_migration()  # a store of a version without incidents: link them (store/incidents.py)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError(f"the store {self.where} is closed")
        return self._db

    def _begin(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def _index(self, conn: sqlite3.Connection, data: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
            (data["id"], fold_yo(data["title"] or ""), fold_yo(data["text"])),
        )

    # -- reading ---------------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, syntax: bool = False) -> list[Hit]:
        """Full-text search over titles and texts.  The user's text is words, every one of which must occur
        ("a quoted phrase" and a trailing * for a prefix kept; AND, OR, NOT, NEAR, brackets are plain words);
        ``syntax=True`` passes FTS5 query syntax through.  A malformed query raises StoreError."""
        match = _fts_query(query, syntax)
        sql = (
            "SELECT doc_id, title, snippet(documents_fts, 2, '**', '**', '…', 12), bm25(documents_fts) "
            "FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?"
        )
        try:
            found = self._conn.execute(sql, (match, max(0, min(int(limit), MAX_HITS)))).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(
                f'bad search query {query!r} ({exc}); use words, "quoted phrases", prefix*, AND, OR, NOT'
            ) from exc
        return [
            Hit(doc_id, title, " ".join(snip.split()), i, -score)
            for i, (doc_id, title, snip, score) in enumerate(found, 1)
        ]


# -- full-text search (FTS5) ---------------------------------------------------------------------------------


def _fts_query(query: str, syntax: bool = False) -> str:
    if syntax:
        return fold_yo(checked_query(query))
    terms = [_fts_string(text) + ("*" if prefix else "") for text, _, prefix in search_terms(query)]
    return " ".join(terms)


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
