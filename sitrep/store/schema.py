"""The store's schema as every backend reads it: the statements of the ``.sql`` files, the tables ``schema.sql``
declares, the schema version and the way from an older version to this one.

    statements("schema.sql")            the file's statements, comments dropped
    statements("schema.sql", postgresql=True)    the same, in PostgreSQL's types (:func:`for_postgresql`)
    declared()                          the tables schema.sql creates
    plan(found, where)                  what opening a store of version ``found`` needs: "current" or "migrate";
                                        StoreError for a version this sitrep does not know

``schema.sql`` is portable SQL; :func:`for_postgresql` makes the few changes PostgreSQL needs, so a table added
to schema.sql reaches both backends.  Migrations: a store of an older version is brought to ``SCHEMA_VERSION``
when it is opened (by the writer that holds the schema lock), by running ``schema.sql`` (every statement is
``IF NOT EXISTS``: only what is missing is made) and then the statements of :data:`MIGRATIONS` for each version
after the store's.  Tables added to schema.sql within a version are made the same way when they are missing.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError

SCHEMA_VERSION = "3"  # of schema.sql; a store of an older version is migrated, of a newer one refused
# The statements that take a store of version N-1 to version N, run after schema.sql has made what is missing.
# Version 2: the access tokens and the analysts' edits (tables tokens and edits) are part of the schema; a
# version 1 store gets them from schema.sql.  Version 3: incidents across documents (incidents,
# incident_reports) and what sitrep watch has seen (watch_items, watch_sources), made by schema.sql; the
# incidents of the documents a store holds are then linked when it is first opened (:func:`relinks`).
MIGRATIONS: dict[int, tuple[str, ...]] = {2: (), 3: ()}
RELINK_BEFORE = 3  # a store migrated from a version before this one has its incidents linked on opening
_HERE = Path(__file__).parent
Statement = tuple[str, tuple[Any, ...]]  # SQL and its parameters


@cache
def statements(name: str, postgresql: bool = False) -> tuple[str, ...]:
    """The statements of the schema file ``name`` (next to this module), without comments."""
    script = (_HERE / name).read_text(encoding="utf-8")
    return tuple(for_postgresql(s) if postgresql else s for s in split(script))


def split(script: str) -> list[str]:
    """The statements of a script, comments dropped (executescript would commit the transaction they run in)."""
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        line = "" if line.lstrip().startswith("--") else _COMMENT.sub("", line)
        if not line.strip():
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip().rstrip(";").strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip().rstrip(";").strip())
    return out


_COMMENT = re.compile(r"--[^\n']*$")  # a comment after a statement, unless quotes make it unclear
_TYPES = ((re.compile(r"\bINTEGER\b"), "BIGINT"), (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
          (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'))  # fmt: skip


def for_postgresql(statement: str) -> str:
    """A portable statement in PostgreSQL's types: SQLite's INTEGER is 64 bits (PostgreSQL's BIGINT), its REAL
    a double, and its text compares by code point (PostgreSQL's "C" collation), so that sorting, comparing and
    the numbers kept are the same in both stores."""
    for pattern, replacement in _TYPES:
        statement = pattern.sub(replacement, statement)
    return statement


@cache
def declared() -> frozenset[str]:
    """The tables ``schema.sql`` creates."""
    made = (re.match(r"CREATE TABLE IF NOT EXISTS (\w+)", s) for s in statements("schema.sql"))
    return frozenset(m.group(1) for m in made if m)


def plan(found: str | None, where: str) -> str:
    """"current" when a store of version ``found`` is read as it is, "migrate" when it is older; a version
    newer than this sitrep's (or not a version) raises StoreError."""
    try:
        version = int(found or "")
    except ValueError:
        raise StoreError(f"{where} has no valid schema version ({found!r}); it is not a sitrep store") from None
    if version > int(SCHEMA_VERSION):
        raise StoreError(
            f"{where} has schema version {version}, newer than this sitrep's ({SCHEMA_VERSION}): it was written by "
            "a newer sitrep; upgrade sitrep (pip install -U sitrep) to read it"
        )
    if version < 1:
        raise StoreError(f"{where} has schema version {version}, which no sitrep wrote; it is not a sitrep store")
    return "current" if version == int(SCHEMA_VERSION) else "migrate"


def relinks(found: str | None) -> bool:
    """Whether a store migrated from version ``found`` must have its documents' incidents linked (the backend
    marks it in meta as 'relink'; :meth:`sitrep.store.incidents.Incidents._finish_migration` does it)."""
    return found is not None and found.isdigit() and int(found) < RELINK_BEFORE


def version(conn: Any) -> str | None:
    """The schema version a store's ``meta`` holds (None when it holds none)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return row[0] if row else None


def writes(step: str, found: str | None, files: tuple[str, ...], postgresql: bool = False) -> list[Statement]:
    """What a backend runs, in its schema transaction, to take a store to this version: ``step`` is "create" or
    "migrate" (:func:`plan`), ``found`` the version it holds, ``files`` the schema files the backend runs for
    that step. Then the migrations, the mark for linking its incidents (:func:`relinks`) and the version."""
    out: list[Statement] = [(s, ()) for name in files for s in statements(name, postgresql)]
    if step == "migrate":
        out += [(for_postgresql(s) if postgresql else s, ()) for s in migrations(found or "")]
        if relinks(found):
            out += [("DELETE FROM meta WHERE key = 'relink'", ()),
                    ("INSERT INTO meta (key, value) VALUES ('relink', ?)", (found,))]  # fmt: skip
    return [*out, ("DELETE FROM meta WHERE key = 'schema_version'", ()),
            ("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))]  # fmt: skip


def migrations(found: str) -> list[str]:
    """The statements after schema.sql that take a store of version ``found`` to this one, in order."""
    return [s for v in range(int(found) + 1, int(SCHEMA_VERSION) + 1) for s in MIGRATIONS.get(v, ())]
