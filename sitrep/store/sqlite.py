"""The SQLite store: documents in one file (``":memory:"`` for a throw-away store), found again by filters and
FTS5 full-text search.  :class:`Store` is what ``sitrep.Store`` names; the behaviour every backend shares
(identity, durability, filters) is described in :mod:`sitrep.store.base`.

SQLite-specific here: opening (``_open.py``: WAL, foreign keys, the schema created on first use), the transactions
(``BEGIN IMMEDIATE``), and the FTS5 index (``schema_sqlite_fts.sql``) that :meth:`Store.search` reads and
:meth:`Store._write` keeps in step with the documents table.  The tables (``schema.sql``), the rows
(:mod:`sitrep.store.rows`) and the filter SQL below are portable.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NamedTuple

from sitrep.errors import QueryError, StoreError
from sitrep.keys import fold, window
from sitrep.model import PLACE_TYPES, Document, content_id

from . import rows
from ._open import connect, done, migrated
from .base import AddResult, BaseStore, Hit

_PLACES = tuple(sorted(PLACE_TYPES))
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')  # a "quoted phrase" or a word (a trailing * makes it a prefix)
MAX_QUERY_CHARS = 1000
MAX_HITS = 10_000


class _Pending(NamedTuple):
    """A document waiting in ``add_many``'s chunk: its JSON, or why it could not be serialised."""

    doc_id: str
    data: dict[str, Any] | None
    doc_json: str
    why: str


def _pending(doc: Document) -> _Pending:
    doc_id = str(getattr(doc, "id", "?"))
    try:
        data = doc.to_dict()
        if not data["text"].strip():  # a line or file that could not be read: nothing to keep, say why
            return _Pending(doc_id, None, "", data["warnings"][-1] if data["warnings"] else "the document has no text")
        return _Pending(doc_id, data, json.dumps(data, ensure_ascii=False), "")
    except Exception as exc:  # reported in AddResult.failed when its chunk is written, in the batch's order
        return _Pending(doc_id, None, "", f"{type(exc).__name__}: {exc}")


class Store(BaseStore):
    """Documents in a SQLite file (``":memory:"`` for a throw-away store); see :mod:`sitrep.store.base`.

    with Store("sitrep.db") as store:
        store.add(doc)                              # True when written, False when it was already there
        store.add_many(docs)                        # AddResult(added, skipped, failed, replaced)
        store.get("doc-id")                         # the Document exactly as added, or None
        store.documents(actor="ISKP", since="2024-03")
        store.search("Crocus")                      # [Hit(doc_id, title, snippet, rank, score)], best first
    """

    commit_every = 200  # add_many commits after this many documents ...
    commit_seconds = 2.0  # ... or once the first uncommitted one has waited this long

    def __init__(self, path_or_url: str | os.PathLike[str] = "sitrep.db"):
        self._db: sqlite3.Connection | None
        self._db, self.where = connect(path_or_url)
        if migrated(self._db):  # a version 1 store: link the incidents of what it holds
            self.relink()
            done(self._db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError(f"the store {self.where} is closed")
        return self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:  # KeyboardInterrupt too: never leave half a document behind
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------------------------
    def add(self, doc: Document) -> bool:
        if not doc.text.strip():
            raise StoreError(f"document {doc.id!r} has no text; nothing to store")
        try:
            return self._add(doc) != "skipped"
        except (sqlite3.Error, TypeError, ValueError) as exc:
            raise StoreError(f"could not store document {doc.id!r}: {exc}") from exc

    def add_many(self, docs: Iterable[Document], commit_every: int | None = None) -> AddResult:
        """Store many documents in chunks: one transaction per chunk, a savepoint per document.

        A chunk is written when it holds ``commit_every`` documents (default :attr:`commit_every`; 1 writes
        each document as it arrives, which ``sitrep ingest`` does) or its first one has waited
        :attr:`commit_seconds`, so the database is locked only while a chunk is written, not while ``docs``
        computes the next document.  When ``docs`` or the writing raises (Ctrl-C too), the documents that
        arrived before are committed first, then the exception goes on."""
        result = AddResult()
        every = max(1, commit_every or self.commit_every)
        chunk: list[_Pending] = []
        first = 0.0
        try:
            for doc in docs:
                if not chunk:
                    first = time.monotonic()
                chunk.append(_pending(doc))
                if len(chunk) >= every or time.monotonic() - first >= self.commit_seconds:
                    todo, chunk = chunk, []
                    self._write_chunk(todo, result)
        finally:
            if chunk:  # the end of ``docs``, or an exception: keep what arrived before it
                self._write_chunk(chunk, result)
        return result

    def _write_chunk(self, chunk: list[_Pending], result: AddResult) -> None:
        try:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
        except (StoreError, sqlite3.Error) as exc:  # closed or locked: each document fails as it would alone
            result.failed += [(doc_id, why or f"{type(exc).__name__}: {exc}") for doc_id, _, _, why in chunk]
            return
        try:
            for doc_id, data, doc_json, why in chunk:
                if data is None:
                    result.failed.append((doc_id, why))
                    continue
                conn.execute("SAVEPOINT doc")
                try:
                    status = self._write(conn, data, doc_json)
                except BaseException as exc:  # KeyboardInterrupt too: never leave half a document behind
                    self._roll_back_document(conn, doc_id, exc)
                    if not isinstance(exc, Exception):
                        raise
                    result.failed.append((doc_id, f"{type(exc).__name__}: {exc}"))  # the batch goes on
                    continue
                conn.execute("RELEASE doc")
                setattr(result, status, getattr(result, status) + 1)
        finally:
            if conn.in_transaction:
                self._commit(conn, len(chunk))

    @staticmethod
    def _roll_back_document(conn: sqlite3.Connection, doc_id: str, exc: BaseException) -> None:
        if not conn.in_transaction:  # SQLite rolled back the whole transaction (disk full, I/O error)
            raise StoreError(
                f"could not store document {doc_id!r} ({exc}) and the database dropped the documents written "
                "with it since the last commit; free disk space or check the file, then add the batch again "
                "(what is stored is skipped)"
            ) from exc
        conn.execute("ROLLBACK TO doc")
        conn.execute("RELEASE doc")

    def _commit(self, conn: sqlite3.Connection, n: int) -> None:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"could not commit {n} documents to {self.where} ({exc}); add the batch again (what is stored is "
                "skipped)"
            ) from exc

    def remove(self, doc_id: str) -> bool:
        with self._transaction() as conn:
            return self._delete(conn, doc_id)

    def _add(self, doc: Document) -> str:
        data = doc.to_dict()
        doc_json = json.dumps(data, ensure_ascii=False)
        with self._transaction() as conn:
            return self._write(conn, data, doc_json)

    def _write(self, conn: sqlite3.Connection, data: dict[str, Any], doc_json: str) -> str:
        """Write one document inside the caller's transaction: "added", "replaced" or "skipped"."""
        doc_id, content_hash = data["id"], content_id(data["text"])
        row = conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None and row[0] == doc_json:
            return "skipped"
        if row is None and conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone():
            return "skipped"
        if row is not None:  # a new document has no rows to delete (deleting from FTS5 by doc_id is a full scan)
            self._delete(conn, doc_id)
        corrected = self._corrected_data(conn, data)
        rows.insert(conn, corrected, doc_json, content_hash)  # rows: with the edits
        self._link_document(conn, corrected)  # its events join the incidents they report (store/incidents.py)
        conn.execute(
            "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
            (doc_id, _fts_fold(data["title"] or ""), _fts_fold(data["text"])),
        )
        return "added" if row is None else "replaced"

    def _delete(self, conn: sqlite3.Connection, doc_id: str) -> bool:
        self._unlink_document(conn, doc_id)
        conn.execute("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))
        return conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    # -- reading ---------------------------------------------------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        row = self._conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        try:
            return self.corrected(Document.from_json(row[0]))  # with the analysts' edits (sitrep.store.edits)
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"document {doc_id!r} in {self.where} is damaged ({exc}); add it again") from exc

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def documents(
        self,
        actor: str | None = None,
        place: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        language: str | None = None,
    ) -> Iterator[Document]:
        where, params = ["1 = 1"], []
        if language:
            where.append("d.language = ?")
            params.append(language)
        marks = rows.marks(_PLACES)
        if actor:
            where.append(_NAMED.format(op="NOT IN", marks=marks))
            params += [fold(actor), *_PLACES]
        if place:
            where.append(f"({_NAMED.format(op='IN', marks=marks)} OR {_IN_COUNTRY.format(marks=marks)})")
            params += [fold(place), *_PLACES, *_PLACES, fold(place)]
        if since is not None or until is not None:
            lo, hi = window(since, until)
            where.append(
                f"({_DATED.format(table='events')} OR {_DATED.format(table='facts')} "
                "OR (d.published >= ? AND d.published <= ?))"
            )
            params += [hi, lo, hi, lo, lo, hi]
        sql = (  # the clauses are the code's own, the values parameters
            f"SELECT d.id FROM documents d WHERE {' AND '.join(where)} "  # nosec B608
            "ORDER BY CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published, d.id"
        )
        ids = [row[0] for row in self._conn.execute(sql, params)]
        return (doc for doc in map(self.get, ids) if doc is not None)

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


# -- the filters (portable SQL) ------------------------------------------------------------------------------
# Names and countries select the matching documents once ("d.id IN (SELECT doc_id ...)"), not per document:
# a subquery correlated with d.id re-reads every row with that name for each stored document.

_NAMED = (
    "d.id IN (SELECT n.doc_id FROM entity_names n JOIN entities e ON e.doc_id = n.doc_id AND e.id = n.entity_id "
    "WHERE n.folded = ? AND e.type {op} ({marks}))"
)
_IN_COUNTRY = (
    "d.id IN (SELECT p.doc_id FROM entities p WHERE p.type IN ({marks}) AND p.country_code IN ("
    "SELECT c.country_code FROM entity_names n JOIN entities c ON c.doc_id = n.doc_id "
    "AND c.id = n.entity_id WHERE n.folded = ? AND c.type = 'country'))"
)
_DATED = "EXISTS (SELECT 1 FROM {table} x WHERE x.doc_id = d.id AND x.date_first <= ? AND x.date_last >= ?)"


# -- full-text search (FTS5) ---------------------------------------------------------------------------------


def _fts_fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _fts_query(query: str, syntax: bool = False) -> str:
    if not isinstance(query, str) or not query.strip():
        raise QueryError("empty search query; give one or more words")
    if len(query) > MAX_QUERY_CHARS:
        raise StoreError(f"search query too long ({len(query):,} characters; at most {MAX_QUERY_CHARS:,})")
    query = _fts_fold(query.strip())
    if syntax:
        return query
    terms = []
    for m in _TERM.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            terms.append(_fts_string(phrase))
        elif word.rstrip("*"):
            terms.append(_fts_string(word.rstrip("*")) + ("*" if word.endswith("*") else ""))
    if not terms:
        raise StoreError(f"search query {query!r} has no words to look for")
    return " ".join(terms)


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
