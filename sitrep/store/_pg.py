"""Opening a PostgreSQL store: the connection (psycopg 3), spoken to in the dialect the portable SQL of the other
store modules is written in, and the schema checked, created or migrated under an advisory lock.

    conn, where = connect("postgresql://user@host/db?options=-csearch_path%3Dsitrep")
    conn.execute("SELECT id FROM documents WHERE id = ?", (doc_id,)).fetchone()

:class:`Connection` takes ``?`` placeholders (turned into psycopg's ``%s``, a literal ``%`` doubled, quoted text
left alone), returns the cursor from ``execute`` as sqlite3 does, and tells ``in_transaction``; text values lose
NUL characters, which PostgreSQL's text cannot hold (the document's JSON keeps them, escaped).  It runs in
autocommit mode: a transaction is an explicit ``BEGIN`` ... ``COMMIT``, as in the SQLite store.

The store lives in the first schema of the connection's ``search_path`` (``public`` unless the URL sets
``options=-csearch_path=NAME``); writers and the schema's creation take the transaction-level advisory lock
:data:`LOCK` of that schema, so several processes can create, migrate and write the same store at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from sitrep.errors import StoreError

from . import schema

_SCHEMA_FILES = ("schema.sql", "schema_postgresql_fts.sql")  # package data next to this module
# the advisory lock of the store in the current schema: (a number for sitrep, the schema's name hashed)
LOCK = "SELECT pg_advisory_xact_lock(20814, hashtext(current_schema()))"
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` and ``%`` as ``%%``, outside quoted literals and names."""
    return _TOKEN.sub(lambda m: {"?": "%s", "%": "%%"}.get(m.group(0), m.group(0)), sql)


def _value(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


class Connection:
    """A psycopg connection with the sqlite3 connection's ways (see the module docstring)."""

    def __init__(self, raw: psycopg.Connection[Any]):
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        return self.raw.execute(translate(sql), [_value(v) for v in params])

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(translate(sql), [[_value(v) for v in row] for row in rows])

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def connect(url: str) -> tuple[Connection, str]:
    where = shown(url)
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        why = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot connect to the PostgreSQL store {where}: {why}") from exc
    conn = Connection(raw)
    try:
        if _current_schema(conn) is None:
            raise StoreError(
                f"{where}: no schema of the search_path exists; create it (CREATE SCHEMA name) or leave "
                "options=-csearch_path out of the URL"
            )
        _init_schema(conn, where)
    except psycopg.Error as exc:
        conn.close()
        raise StoreError(f"cannot open the PostgreSQL store {where}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn, where


def _init_schema(conn: Connection, where: str) -> None:
    """Check the schema, or create or migrate it (:mod:`.schema`) in one transaction under the store's lock, so
    that processes opening the same new or older store at once wait for each other."""
    if _plan(conn, where) == "current":  # the common case, read without the lock
        return
    conn.execute("BEGIN")
    try:
        conn.execute(LOCK)
        step = _plan(conn, where)
        if step != "current":
            found = schema.version(conn) if step == "migrate" else None  # a new store has no meta table yet
            for sql, params in schema.writes(step, found, _SCHEMA_FILES, postgresql=True):
                conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def tables(conn: Connection) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    return {r[0] for r in rows}


def _plan(conn: Connection, where: str) -> str:
    """"create" (an empty schema), "current", or "migrate" (an older version, or tables added since)."""
    found = tables(conn)
    if found and "meta" not in found:
        raise StoreError(
            f"{where}: the schema {_current_schema(conn)} holds other tables, not a sitrep store; give the store "
            "a database or a schema of its own (URL option ?options=-csearch_path%3Dsitrep after CREATE SCHEMA sitrep)"
        )
    if "meta" not in found:
        return "create"
    step = schema.plan(schema.version(conn), where)
    return step if step != "current" or found >= schema.declared() | {"documents_fts"} else "migrate"


def _current_schema(conn: Connection) -> str | None:
    row = conn.execute("SELECT current_schema()").fetchone()
    return row[0] if row else None
