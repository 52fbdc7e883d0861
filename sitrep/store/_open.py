"""Opening a SQLite store: the file checked, WAL switched on, the schema checked, created or migrated
(:mod:`.schema`) -- safely when several processes open the same new file at once (one write transaction; the
others wait and find it made)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sitrep.errors import StoreError

from . import schema

_SCHEMA_FILES = ("schema.sql", "schema_sqlite_fts.sql")  # package data next to this module


def connect(target: str | os.PathLike[str]) -> tuple[sqlite3.Connection, str]:
    where = os.fspath(target)
    if where.startswith(("postgresql://", "postgres://")):
        raise StoreError("this is the SQLite store (a file path); open a PostgreSQL URL with open_store(url)")
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
    """Check the schema, or create it, or migrate it (:mod:`.schema`); in one write transaction, so that
    processes opening the same new or older store at once wait for each other instead of writing it twice."""
    if _plan(conn, where) == "current":  # the common case, read without the write lock
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        step = _plan(conn, where)
        if step != "current":
            found = schema.version(conn) if step == "migrate" else None  # a new store has no meta table yet
            files = _SCHEMA_FILES if step == "create" else ("schema.sql",)  # the FTS5 table is there already
            for sql, params in schema.writes(step, found, files):
                conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _plan(conn: sqlite3.Connection, where: str) -> str:
    """"create" (a new file), "current", or "migrate" (an older version, or tables schema.sql added since)."""
    tables = _tables(conn)
    if tables and "meta" not in tables:
        raise StoreError(f"{where} is a SQLite database but not a sitrep store; give a new file name")
    if "meta" not in tables:
        return "create"
    step = schema.plan(schema.version(conn), where)
    return step if step != "current" or tables >= schema.declared() else "migrate"


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
