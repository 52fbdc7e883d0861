"""The PostgreSQL store: the same documents, tables and behaviour as the SQLite store (identity, durability,
filters: :mod:`sitrep.store.base`), in a PostgreSQL database that many processes and machines write at once.

    with open_store("postgresql://sitrep@db.example.org/news") as store:   # or SITREP_DB, --db
        store.add_many(docs)
        store.search("Crocus")

PostgreSQL-specific here: the connection and the schema (``_pg.py``: ``schema.sql`` in PostgreSQL's types, an
advisory lock around creating and migrating it), the write transactions (``BEGIN`` and the store's advisory
lock, so writers take turns as SQLite's do and the same document added by two processes at once is stored
once), and full-text search over a ``tsvector`` (``schema_postgresql_fts.sql``).

Search reads the user's words as the SQLite store does (every word must occur, "quoted phrases" and prefix*
kept, operator words plain words); ``syntax=True`` takes PostgreSQL's web search syntax (``websearch_to_tsquery``:
``"phrase"``, ``or``, ``-word``).  Hits are ranked by ``ts_rank_cd`` (title words weigh more) and the snippet is
``ts_headline``'s, matched words between ``**``.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from sitrep.errors import QueryError, StoreError

from ._pg import LOCK, Connection, connect
from .base import Hit
from .sql import MAX_HITS, SqlStore, checked_query, fold_yo, search_terms

INDEXED_CHARS = 1_000_000  # of a text, in the search index (sitrep analyses at most max_chars, 1,000,000)
_FALLBACK_CHARS = 100_000  # ... or this many when the index of the whole text is beyond PostgreSQL's 1 MB
_VECTOR = "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')"
_HEADLINE = ("ts_headline('simple', left(replace(replace(d.text, 'ё', 'е'), 'Ё', 'Е'), 100000), x.q, "
             "'StartSel=**, StopSel=**, MaxFragments=1, MaxWords=14, MinWords=6, ShortWord=2')")  # fmt: skip


class Store(SqlStore):
    """Documents in a PostgreSQL database (a ``postgresql://`` URL, as libpq reads it); see the module docstring."""

    _errors = (psycopg.Error,)

    def __init__(self, url: str):
        self._db: Connection | None
        self._db, self.where = connect(str(url))
        self._finish_migration()  # a store of a version without incidents: link them (store/incidents.py)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def _conn(self) -> Connection:
        if self._db is None:
            raise StoreError(f"the store {self.where} is closed")
        return self._db

    def _begin(self, conn: Connection) -> None:
        conn.execute("BEGIN")
        try:
            conn.execute(LOCK)
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _index(self, conn: Connection, data: dict[str, Any]) -> None:
        title, text = fold_yo(data["title"] or ""), fold_yo(data["text"])
        conn.execute("SAVEPOINT fts")
        try:
            conn.execute(f"INSERT INTO documents_fts (doc_id, tsv) VALUES (?, {_VECTOR})",  # nosec B608
                         (data["id"], title, text[:INDEXED_CHARS]))  # fmt: skip
        except psycopg.errors.ProgramLimitExceeded:  # more distinct words than a tsvector holds
            conn.execute("ROLLBACK TO fts")
            conn.execute(f"INSERT INTO documents_fts (doc_id, tsv) VALUES (?, {_VECTOR})",  # nosec B608
                         (data["id"], title[:_FALLBACK_CHARS], text[:_FALLBACK_CHARS]))  # fmt: skip
        conn.execute("RELEASE fts")

    # -- reading ---------------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, syntax: bool = False) -> list[Hit]:
        """Full-text search over titles and texts (see the module docstring); best first."""
        match, params = _tsquery(query, syntax)
        sql = (  # the query's shape is the code's own (one function call per term), the words parameters
            f"SELECT f.doc_id, d.title, {_HEADLINE}, ts_rank_cd(f.tsv, x.q) AS score "  # nosec B608
            f"FROM (SELECT {match} AS q) x, documents_fts f JOIN documents d ON d.id = f.doc_id "
            "WHERE f.tsv @@ x.q ORDER BY score DESC, f.doc_id LIMIT ?"
        )
        try:
            found = self._conn.execute(sql, [*params, max(0, min(int(limit), MAX_HITS))]).fetchall()
        except psycopg.Error as exc:
            raise QueryError(f"bad search query {query!r} ({exc})") from exc
        return [
            Hit(doc_id, title, " ".join(snip.split()), i, float(score))
            for i, (doc_id, title, snip, score) in enumerate(found, 1)
        ]


def _tsquery(query: str, syntax: bool) -> tuple[str, list[str]]:
    """The SQL of the tsquery and its parameters: one function call per term, joined by && (all must occur)."""
    if syntax:
        return "websearch_to_tsquery('simple', ?)", [fold_yo(checked_query(query))]
    calls, params = [], []
    for text, phrase, prefix in search_terms(query):
        if prefix:
            words = re.findall(r"\w+", text)
            if not words:
                continue
            calls.append("to_tsquery('simple', ?)")
            params.append(" <-> ".join(f"'{w}'" for w in words) + ":*")
        else:
            calls.append(f"{'phraseto' if phrase else 'plainto'}_tsquery('simple', ?)")
            params.append(text)
    if not calls:
        raise StoreError(f"search query {query!r} has no words to look for")
    return " && ".join(calls), params
