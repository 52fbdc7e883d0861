"""Opening a SQLite store: the file checked, WAL switched on, the schema checked or created -- safely when several
processes create the same new file at once (one write transaction; the others wait and find it made)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sitrep.errors import StoreError

from .base import SCHEMA_VERSION

_SCHEMA_FILES = ("schema.sql", "schema_sqlite_fts.sql")  # package data next to this module
ADDED_TABLES = frozenset({"tokens", "edits", "incidents", "incident_reports", "watch_items", "watch_sources"})
MIGRATES_FROM = ("1",)  # older schema versions opened by creating the tables added since (then relinking)


def connect(target: str | os.PathLike[str]) -> tuple[sqlite3.Connection, str]:
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
        _wal(conn)
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


def _wal(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """Switch to WAL; a process creating the same new file may hold it for a moment (SQLite does not wait for
    that lock by itself when the journal mode changes), so try again for up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _init_schema(conn: sqlite3.Connection, where: str) -> None:
    """Check the schema, or create it; in one write transaction, so that processes creating the same new store
    at once wait for each other instead of writing the schema twice. A store of this schema version made before
    the tables added to it since (``ADDED_TABLES``) gets them (``schema.sql`` creates only what is missing); so does a
    store of a version it migrates from (``MIGRATES_FROM``: version 1 had no incidents), which is then marked for
    :meth:`sitrep.store.BaseStore.relink` (:func:`migrated`, :func:`done`)."""
    if _version(conn, where) == SCHEMA_VERSION and _tables(conn) >= ADDED_TABLES:  # the common case, no lock
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        here = Path(__file__).parent
        version = _version(conn, where)
        if version is None:
            for name in _SCHEMA_FILES:
                for statement in _statements((here / name).read_text(encoding="utf-8")):
                    conn.execute(statement)
            conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif version != SCHEMA_VERSION or not _tables(conn) >= ADDED_TABLES:
            for statement in _statements((here / "schema.sql").read_text(encoding="utf-8")):
                conn.execute(statement)
            if version != SCHEMA_VERSION:  # migrated: the incidents of what it holds are linked on opening
                conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
                conn.execute("INSERT INTO meta (key, value) VALUES ('relink', ?)", (version,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _version(conn: sqlite3.Connection, where: str) -> str | None:
    """The store's schema version (one this sitrep uses or migrates from); None for a new, empty file."""
    tables = _tables(conn)
    if tables and "meta" not in tables:
        raise StoreError(f"{where} is a SQLite database but not a sitrep store; give a new file name")
    if "meta" not in tables:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or (row[0] != SCHEMA_VERSION and row[0] not in MIGRATES_FROM):
        found = row[0] if row else "none"
        raise StoreError(f"{where} has schema version {found}, this sitrep uses {SCHEMA_VERSION}; use a new file")
    return str(row[0])


def migrated(conn: sqlite3.Connection) -> bool:
    """Whether the store was just migrated and its incidents are still to be linked (then :func:`done`)."""
    return conn.execute("SELECT 1 FROM meta WHERE key = 'relink'").fetchone() is not None


def done(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meta WHERE key = 'relink'")


def _statements(script: str) -> Iterator[str]:
    """The statements of a schema file (executescript would commit the transaction they must run in)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()
