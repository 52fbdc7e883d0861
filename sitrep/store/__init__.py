"""The store: analysed documents kept in a database, found again by filters and full-text search.

    with Store("sitrep.db") as store:
        store.add(doc)                              # True when written, False when it was already there
        store.add_many(docs)                        # AddResult(added, skipped, failed, replaced)
        store.get("doc-id")                         # the Document exactly as added, or None
        store.documents(actor="ISKP", since="2024-03")
        store.search("Crocus")                      # [Hit(doc_id, title, snippet, rank, score)], best first

Identity.  A document is the same document when it has the same ``id``, or the same text (``content_hash``,
:func:`sitrep.model.content_id`).  Adding it again changes nothing and returns False.  A document whose ``id``
is already stored but whose content (text or analysis) differs *replaces* the stored one: the newest analysis
wins.  A different ``id`` with a text already stored is a duplicate and is skipped.

Each document is written in its own transaction, so a batch that fails or is interrupted half-way keeps every
document committed before the failure, and never half a document.

Filters.  ``actor`` and ``place`` match an entity's name, one of its aliases, its ``kb_id`` or its Wikidata id,
case-insensitively; ``actor`` looks at non-place entities, ``place`` at places (the name of a country the store
knows also matches documents with any place located in that country).  ``since`` / ``until`` take ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD`` (``since`` from the first day, ``until`` to the last day they cover); a document
matches when an event date, a fact date or its publication date falls in the window (dates are intervals:
"March 2024" overlaps ``since="2024-03-15"``).

Databases.  The tables are in ``schema.sql``, portable to PostgreSQL; only the FTS5 index
(``schema_sqlite_fts.sql``) and :func:`_connect` / :meth:`Store._transaction` / :meth:`Store.search` are
SQLite-specific.  A PostgreSQL store would add a branch to :func:`_connect` for ``postgresql://`` URLs (psycopg,
``%s`` placeholders), a tsvector index in place of FTS5, and ``ts_headline`` for snippets.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.keys import date_bounds, fold, window
from sitrep.model import PLACE_TYPES, Document, content_id

SCHEMA_VERSION = "1"
_PLACES = tuple(sorted(PLACE_TYPES))
_FTS_SYNTAX = re.compile(r'["*():^{}+]|\b(?:AND|OR|NOT|NEAR)\b')


@dataclass(frozen=True)
class Hit:
    doc_id: str
    title: str | None
    snippet: str  # one line, matched words between ** **
    rank: int  # 1 = best
    score: float  # higher = better (negated BM25)


@dataclass
class AddResult:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, error in words)
    replaced: int = 0


# -- connection (the one place that knows it is SQLite) ------------------------------------------------------


def _connect(target: str | os.PathLike[str]) -> tuple[sqlite3.Connection, str]:
    where = os.fspath(target)
    if where.startswith(("postgresql://", "postgres://")):
        raise StoreError("PostgreSQL stores are not supported yet; give the path of a SQLite file")
    where = where.removeprefix("sqlite:///")
    if where != ":memory:":
        path = Path(where)
        if path.is_dir():
            raise StoreError(f"{path} is a directory; give the path of a database file, e.g. {path / 'sitrep.db'}")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist")
        if not os.access(path if path.exists() else path.parent, os.W_OK):
            raise StoreError(f"cannot write {path}: permission denied; choose a file you can write")
    try:
        conn = sqlite3.connect(where, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {where}: {exc}") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        _init_schema(conn, where)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise StoreError(f"{where} is not a SQLite database; give a new file name or a sitrep store") from exc
        raise StoreError(f"cannot open database {where}: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return conn, where


def _init_schema(conn: sqlite3.Connection, where: str) -> None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "meta" not in tables:
        raise StoreError(f"{where} is a SQLite database but not a sitrep store; give a new file name")
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(f"{where} has schema version {found}, this sitrep uses {SCHEMA_VERSION}; use a new file")
        return
    here = Path(__file__).parent  # the .sql files are package data next to this module
    script = "\n".join((here / name).read_text(encoding="utf-8") for name in _SCHEMA_FILES)
    conn.executescript(
        f"BEGIN;\n{script}\nINSERT INTO meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;"
    )


_SCHEMA_FILES = ("schema.sql", "schema_sqlite_fts.sql")


class Store:
    """Documents in a SQLite file (``":memory:"`` for a throw-away store); see the module docstring."""

    def __init__(self, path_or_url: str | os.PathLike[str] = "sitrep.db"):
        self._db: sqlite3.Connection | None
        self._db, self.where = _connect(path_or_url)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        """Store ``doc``; True when it was written (new, or replacing a changed version), False when already there."""
        try:
            return self._add(doc) != "skipped"
        except (sqlite3.Error, TypeError, ValueError) as exc:
            raise StoreError(f"could not store document {doc.id!r}: {exc}") from exc

    def add_many(self, docs: Iterable[Document]) -> AddResult:
        """Store many documents, each in its own transaction; a failing document is reported and skipped."""
        result = AddResult()
        for doc in docs:
            try:
                status = self._add(doc)
            except Exception as exc:  # one bad document must not stop the batch; it is reported in .failed
                result.failed.append((str(getattr(doc, "id", "?")), f"{type(exc).__name__}: {exc}"))
                continue
            setattr(result, status, getattr(result, status) + 1)
        return result

    def remove(self, doc_id: str) -> bool:
        """Delete a document and everything about it; False when it was not stored."""
        with self._transaction() as conn:
            return self._delete(conn, doc_id)

    def _add(self, doc: Document) -> str:
        data = doc.to_dict()
        doc_json = json.dumps(data, ensure_ascii=False)
        content_hash = content_id(doc.text)
        with self._transaction() as conn:
            row = conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if row is not None and row[0] == doc_json:
                return "skipped"
            if (
                row is None
                and conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
            ):
                return "skipped"
            status = "added" if row is None else "replaced"
            self._delete(conn, doc.id)
            _insert(conn, data, doc_json, content_hash)
        return status

    @staticmethod
    def _delete(conn: sqlite3.Connection, doc_id: str) -> bool:
        conn.execute("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))
        return conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    # -- reading ---------------------------------------------------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        row = self._conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        try:
            return Document.from_json(row[0])
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
        """The stored documents matching every filter given, oldest publication first (undated last)."""
        where, params = ["1 = 1"], []
        if language:
            where.append("d.language = ?")
            params.append(language)
        if actor:
            where.append(f"EXISTS ({_NAMED} AND e.type NOT IN ({_marks(_PLACES)}))")
            params += [fold(actor), *_PLACES]
        if place:
            marks = _marks(_PLACES)
            where.append(f"(EXISTS ({_NAMED} AND e.type IN ({marks})) OR EXISTS ({_IN_COUNTRY.format(marks=marks)}))")
            params += [fold(place), *_PLACES, *_PLACES, fold(place)]
        if since is not None or until is not None:
            lo, hi = window(since, until)
            where.append(
                f"({_DATED.format(table='events')} OR {_DATED.format(table='facts')} "
                "OR (d.published >= ? AND d.published <= ?))"
            )
            params += [hi, lo, hi, lo, lo, hi]
        sql = (
            f"SELECT d.id FROM documents d WHERE {' AND '.join(where)} "
            "ORDER BY CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published, d.id"
        )
        ids = [row[0] for row in self._conn.execute(sql, params)]
        return (doc for doc in map(self.get, ids) if doc is not None)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Full-text search over titles and texts.  Plain words must all occur; FTS5 syntax ("a phrase",
        prefix*, AND / OR / NOT, NEAR(...)) is passed through, and a malformed query raises StoreError."""
        match = _fts_query(query)
        sql = (
            "SELECT doc_id, title, snippet(documents_fts, 2, '**', '**', '…', 12), bm25(documents_fts) "
            "FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?"
        )
        try:
            rows = self._conn.execute(sql, (match, max(0, int(limit)))).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f'bad search query {query!r} ({exc}); use words, "quoted phrases", prefix*, AND, OR, NOT'
            ) from exc
        return [
            Hit(doc_id, title, " ".join(snip.split()), i, -score)
            for i, (doc_id, title, snip, score) in enumerate(rows, 1)
        ]


_NAMED = (
    "SELECT 1 FROM entity_names n JOIN entities e ON e.doc_id = n.doc_id AND e.id = n.entity_id "
    "WHERE n.doc_id = d.id AND n.folded = ?"
)
_IN_COUNTRY = (
    "SELECT 1 FROM entities p WHERE p.doc_id = d.id AND p.type IN ({marks}) AND p.country_code IN ("
    "SELECT c.country_code FROM entity_names n JOIN entities c ON c.doc_id = n.doc_id "
    "AND c.id = n.entity_id WHERE n.folded = ? AND c.type = 'country')"
)
_DATED = "EXISTS (SELECT 1 FROM {table} x WHERE x.doc_id = d.id AND x.date_first <= ? AND x.date_last >= ?)"


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _fts_fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def _fts_query(query: str) -> str:
    if not query or not query.strip():
        raise StoreError("empty search query; give one or more words")
    query = _fts_fold(query.strip())
    if _FTS_SYNTAX.search(query):
        return query
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


# -- writing the rows ----------------------------------------------------------------------------------------


_DOC_COLS = ("id", "title", "source", "url", "published", "language", "text")
_ENTITY_COLS = ("id", "name", "type", "wikidata", "country", "kb_id", "origin")
_GEO_COLS = ("lat", "lon", "geonameid", "country_code", "admin1", "feature")
_EVENT_COLS = ("id", "type", "mode", "acled_event_type", "acled_sub_event_type", "location", "modality")
_EVENT_COLS2 = ("attributed_to", "confidence", "related_event")
_FACT_COLS = ("id", "subject", "predicate", "object", "attributed_to", "modality", "summary")
_SPAN_COLS = ("start", "end", "text")
_ROLES = (("actor", "actors"), ("target", "targets"), ("claimed_by", "claimed_by"))


def _insert(conn: sqlite3.Connection, data: dict[str, Any], doc_json: str, content_hash: str) -> None:
    """Write the rows of one document (``data`` is ``doc.to_dict()``: its keys are the column names)."""
    doc_id = data["id"]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    warnings = json.dumps(data["warnings"], ensure_ascii=False)
    doc_row = {**_pick(data, _DOC_COLS), "content_hash": content_hash, "warnings": warnings}
    _rows(conn, "documents", [{**doc_row, "ingested_at": now, "doc_json": doc_json}])
    conn.execute(
        "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
        (doc_id, _fts_fold(data["title"] or ""), _fts_fold(data["text"])),
    )
    entities, names, mentions, events, roles, facts, evidence = [], [], [], [], [], [], []
    for e in data["entities"]:
        geo = e["geo"] or {"country_code": e["country"]}
        aliases = json.dumps(e["aliases"], ensure_ascii=False)
        entities.append({"doc_id": doc_id, **_pick(e, _ENTITY_COLS), "aliases": aliases, **_pick(geo, _GEO_COLS)})
        known = {fold(n): n for n in [e["name"], *e["aliases"], e.get("kb_id"), e["wikidata"]] if n}
        names += [{"doc_id": doc_id, "entity_id": e["id"], "name": n, "folded": k} for k, n in known.items()]
        mentions += [
            {"doc_id": doc_id, "entity_id": e["id"], **_pick(m, _SPAN_COLS), "kind": m.get("kind", "name")}
            for m in e["mentions"]
        ]
    for ev in data["events"]:
        counts = {f"{c}_{k}": (ev[c] or {}).get(k) for c in ("fatalities", "injuries", "arrested") for k in _LBH}
        row = {**_pick(ev, _EVENT_COLS), **_date_cols(ev["date"]), **counts, **_pick(ev, _EVENT_COLS2)}
        events.append({"doc_id": doc_id, **row})
        for role, key in _ROLES:
            roles += [_at(doc_id, i, event_id=ev["id"], role=role, entity_id=eid) for i, eid in enumerate(ev[key])]
        evidence += _evidence(doc_id, "event", ev)
    for f in data["facts"]:
        value = {f"value_{k}": (f["value"] or {}).get(k) for k in ("low", "high", "unit", "text")}
        facts.append({"doc_id": doc_id, **_pick(f, _FACT_COLS), **value, **_date_cols(f["date"])})
        evidence += _evidence(doc_id, "fact", f)
    for table, rows in (("entities", entities), ("entity_names", names), ("mentions", mentions), ("events", events),
                        ("event_roles", roles), ("facts", facts), ("evidence", evidence)):  # fmt: skip
        _rows(conn, table, rows)


_LBH = ("low", "best", "high")


def _pick(data: dict[str, Any], cols: Sequence[str]) -> dict[str, Any]:
    return {c: data.get(c) for c in cols}


def _at(doc_id: str, position: int, **cols: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, **cols, "position": position}


def _evidence(doc_id: str, kind: str, owner: dict[str, Any]) -> list[dict[str, Any]]:
    spans = owner["evidence"]
    return [_at(doc_id, i, owner_kind=kind, owner_id=owner["id"], **_pick(s, _SPAN_COLS)) for i, s in enumerate(spans)]


def _rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    names = ", ".join(f'"{c}"' for c in cols)  # quoted: "end" is a reserved word in PostgreSQL
    sql = f"INSERT INTO {table} ({names}) VALUES ({_marks(cols)})"
    conn.executemany(sql, [tuple(row[c] for c in cols) for row in rows])


def _date_cols(value: dict[str, Any] | None) -> dict[str, Any]:
    value = {"precision": "unknown", **(value or {})}
    first, last = date_bounds(value.get("start"), value.get("end"), value["precision"]) or (None, None)
    cols = {f"date_{k}": value.get(k) for k in ("start", "end", "precision", "text")}
    return {**cols, "date_first": first, "date_last": last}
