"""The store backends the store tests run against: SQLite (a file in the test's folder) and PostgreSQL (a schema
of its own in the database at ``SITREP_TEST_PG``, default ``postgresql://postgres@127.0.0.1:5432/test``, made
for the test and dropped after it).  The PostgreSQL backend is skipped when nothing listens on that address or
psycopg is not installed.

    with fresh("postgresql", tmp_path) as where:     # the URL (or path) of a new, empty store
        ...
    committed(where)                                 # the ids committed, read through a connection of its own
"""

from __future__ import annotations

import os
import socket
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BACKENDS = ("sqlite", "postgresql")
PG = os.environ.get("SITREP_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@cache
def pg_missing() -> str:
    """Why the PostgreSQL tests cannot run here ("" when they can)."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    parts = urlsplit(PG)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=1):
            pass
        with psycopg.connect(PG, connect_timeout=3):
            pass
    except (OSError, psycopg.Error) as exc:
        return f"no PostgreSQL at {PG} ({type(exc).__name__})"
    return ""


def skip_without_pg() -> None:
    if pg_missing():
        pytest.skip(pg_missing())


@contextmanager
def pg_schema() -> Iterator[str]:
    """The URL of a new schema of the test database (dropped afterwards), as a store URL."""
    import psycopg

    skip_without_pg()
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")
    joiner = "&" if "?" in PG else "?"
    try:
        yield f"{PG}{joiner}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(PG, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@contextmanager
def fresh(backend: str, folder: Path) -> Iterator[str]:
    """Where a new, empty store of ``backend`` is: a file path (SQLite) or a URL (PostgreSQL)."""
    if backend == "sqlite":
        yield str(folder / f"store-{uuid.uuid4().hex[:8]}.db")
    else:
        with pg_schema() as url:
            yield url


def query(where: str, sql: str) -> list[tuple]:
    """Rows of ``sql`` run through a connection of its own (what another process sees), committed."""
    if where.startswith("postgres"):
        import psycopg

        with psycopg.connect(where, autocommit=True) as conn:
            cur = conn.execute(sql)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
    with closing(sqlite3.connect(where)) as conn:
        found = [tuple(r) for r in conn.execute(sql).fetchall()]
        conn.commit()
        return found


def committed(where: str) -> list[str]:
    """The ids committed to the store, in id order."""
    return [r[0] for r in query(where, "SELECT id FROM documents ORDER BY id")]
