"""What the SQL stores share (:class:`SqlStore`): adding documents in chunks, one transaction per chunk and a
savepoint per document; replacing and skipping them by id and content hash; reading them back and filtering
them -- in portable SQL on the backend's connection, with ``?`` placeholders (the PostgreSQL store's connection
translates them).  A backend gives the connection, how a write transaction begins (:meth:`SqlStore._begin`),
the errors its driver raises, and its full-text index (:meth:`SqlStore._index`, a ``documents_fts`` table keyed
by ``doc_id``, and :meth:`BaseStore.search`).
"""

from __future__ import annotations

import json
import re
import time
from abc import abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NamedTuple

from sitrep.errors import QueryError, StoreError
from sitrep.keys import fold, window
from sitrep.model import PLACE_TYPES, Document, content_id

from . import rows
from .base import AddResult, BaseStore

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
        return _Pending(doc_id, None, "", _why(exc))


class SqlStore(BaseStore):
    """The documents of a SQL database (see :mod:`sitrep.store.base` for what a store does)."""

    commit_every = 200  # add_many commits after this many documents ...
    commit_seconds = 2.0  # ... or once the first uncommitted one has waited this long
    _errors: tuple[type[Exception], ...] = ()  # what the driver raises

    @property
    @abstractmethod
    def _conn(self) -> Any:
        """The open connection (StoreError when the store is closed)."""

    @abstractmethod
    def _begin(self, conn: Any) -> None:
        """Begin a write transaction (writers wait for each other)."""

    @abstractmethod
    def _index(self, conn: Any, data: dict[str, Any]) -> None:
        """Add the document to the full-text index (its row in ``documents_fts``)."""

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        conn = self._conn
        self._begin(conn)
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
        errors: tuple[type[Exception], ...] = (*self._errors, TypeError, ValueError)
        try:
            return self._add(doc) != "skipped"
        except errors as exc:
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
        errors: tuple[type[Exception], ...] = (StoreError, *self._errors)
        try:
            conn = self._conn
            self._begin(conn)
        except errors as exc:  # closed or locked: each document fails as it would alone
            result.failed += [(doc_id, why or _why(exc)) for doc_id, _, _, why in chunk]
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
                    result.failed.append((doc_id, _why(exc)))  # the batch goes on
                    continue
                conn.execute("RELEASE doc")
                setattr(result, status, getattr(result, status) + 1)
        finally:
            if conn.in_transaction:
                self._commit(conn, len(chunk))

    @staticmethod
    def _roll_back_document(conn: Any, doc_id: str, exc: BaseException) -> None:
        if not conn.in_transaction:  # the database rolled back the whole transaction (SQLite: disk full, I/O error)
            raise StoreError(
                f"could not store document {doc_id!r} ({exc}) and the database dropped the documents written "
                "with it since the last commit; free disk space or check the file, then add the batch again "
                "(what is stored is skipped)"
            ) from exc
        conn.execute("ROLLBACK TO doc")
        conn.execute("RELEASE doc")

    def _commit(self, conn: Any, n: int) -> None:
        try:
            conn.execute("COMMIT")
        except self._errors as exc:
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

    def _write(self, conn: Any, data: dict[str, Any], doc_json: str) -> str:
        """Write one document inside the caller's transaction: "added", "replaced" or "skipped"."""
        doc_id, content_hash = data["id"], content_id(data["text"])
        row = conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None and row[0] == doc_json:
            return "skipped"
        if row is None and conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone():
            return "skipped"
        if row is not None:  # a new document has no rows to delete (in SQLite a full scan of FTS5)
            self._delete(conn, doc_id)
        corrected = self._corrected_data(conn, data)
        rows.insert(conn, corrected, doc_json, content_hash)  # rows: with the edits
        self._index(conn, data)
        self._link_document(conn, corrected)  # its events join the incidents they report (store/incidents.py)
        return "added" if row is None else "replaced"

    def _delete(self, conn: Any, doc_id: str) -> bool:
        self._unlink_document(conn, doc_id)
        conn.execute("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))
        return conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    # -- reading ---------------------------------------------------------------------------------------------
    def stored_texts(self, hashes: Iterable[str]) -> set[str]:
        wanted, found = list(dict.fromkeys(hashes)), set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            sql = f"SELECT content_hash FROM documents WHERE content_hash IN ({rows.marks(chunk)})"  # nosec B608
            found |= {r[0] for r in self._conn.execute(sql, chunk).fetchall()}
        return found

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




def _why(exc: BaseException) -> str:
    """An exception in one line, for ``AddResult.failed``."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


# -- search queries (every backend reads the user's words the same way) ------------------------------------------


def checked_query(query: str) -> str:
    """The query stripped; StoreError when it is empty or too long."""
    if not isinstance(query, str) or not query.strip():
        raise QueryError("empty search query; give one or more words")
    if len(query) > MAX_QUERY_CHARS:
        raise StoreError(f"search query too long ({len(query):,} characters; at most {MAX_QUERY_CHARS:,})")
    return query.strip()


def search_terms(query: str) -> list[tuple[str, bool, bool]]:
    """The user's text as terms that must all occur: (text, a "quoted phrase", a prefix*), "ё" read as "е";
    operator words (AND, OR, NOT, NEAR) and symbols are plain text.  StoreError when there is nothing to find."""
    query = fold_yo(checked_query(query))
    terms = []
    for m in _TERM.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            terms.append((phrase, True, False))
        elif word.rstrip("*"):
            terms.append((word.rstrip("*"), False, word.endswith("*")))
    if not terms:
        raise StoreError(f"search query {query!r} has no words to look for")
    return terms


def fold_yo(text: str) -> str:
    """"ё" written "е", in the indexed text and in queries, so that either spelling matches."""
    return text.replace("ё", "е").replace("Ё", "Е")
