"""The gazetteer's places and name index in sitrep's on-disk cache: written once, then read name by name.

The first process that needs the gazetteer builds it (:func:`sitrep.knowledge.gazetteer_index.build`, about two
seconds and 200 MB) and writes its places, names, prefixes and keys as the tables of an SQLite file in the cache
(:mod:`sitrep.knowledge.cache`, keyed by the data files and the two gazetteer modules).  The next ones open that
file in a millisecond and read a name or a place when a look-up asks for it, keeping the places they read and a
bounded memo of names.  Should the file fail while in use, the gazetteer is built in memory and answers from
then on.  The tables answer as the dictionaries of the build do (``tests/knowledge/test_cache.py``); the look-ups
(:mod:`sitrep.knowledge.gazetteer`) do not know which they have.
"""

from __future__ import annotations

import itertools
import marshal
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sitrep import translit

from . import cache as disk
from . import gazetteer_index, morph_ru
from .files import data_path
from .gazetteer_index import SOURCES, Gazetteer, Place, build, small_tables

CACHE_NAME = "gazetteer"
CACHE_FORMAT = 1  # the tables below; the key also covers this module's source, so a change here is seen anyway
SCHEMA = """
CREATE TABLE places (i INTEGER PRIMARY KEY, fields BLOB NOT NULL);  -- marshal of cache.to_record(place)
CREATE TABLE names (name TEXT PRIMARY KEY, ids BLOB) WITHOUT ROWID;  -- every prefix; ids (marshal) of names
CREATE TABLE keys (key TEXT PRIMARY KEY, i INTEGER NOT NULL) WITHOUT ROWID;  -- Place.key -> place
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);  -- countries, admin1 (marshal), counts
"""
_DAMAGE = (sqlite3.Error, ValueError, EOFError, TypeError)  # what a damaged file can raise while it is read


def cache_key() -> str:
    """The key of the cached gazetteer: its data files, the places the user added, and the modules that build and
    store it."""
    sources = [*map(data_path, SOURCES), gazetteer_index.added_path()]
    code = [Path(gazetteer_index.__file__), Path(morph_ru.__file__), Path(translit.__file__), Path(__file__)]
    return disk.key([*sources, *code], CACHE_FORMAT)


def load() -> Gazetteer:
    """The gazetteer from the cache; built (and cached for the next process) when the cache has none."""
    key = cache_key()
    conn = disk.open_sqlite(CACHE_NAME, key)
    built = None
    if conn is None:
        built = build()
        if not disk.store_sqlite(CACHE_NAME, key, lambda c: _fill(c, built)):
            return built
        conn = disk.open_sqlite(CACHE_NAME, key)
        if conn is None:
            return built
    try:
        tables = _Tables(conn, key)
    except _DAMAGE as exc:
        disk.report_damaged(CACHE_NAME, key, "sqlite", f"does not read ({exc})")
        return built or build()
    stop, endings = small_tables()
    return Gazetteer(
        places=_Places(tables),
        index=_Index(tables),
        prefixes=_Prefixes(tables),
        by_key=_Keys(tables),
        countries=_Picked(tables, tables.countries),
        admin1=_Picked(tables, tables.admin1),
        stop=stop,
        endings=endings,
    )


# ---------------------------------------------------------------------------------------------------------
# writing and reading the tables


def _fill(conn: sqlite3.Connection, gaz: Gazetteer) -> None:
    number = {id(p): i for i, p in enumerate(gaz.places)}
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO places VALUES (?, ?)",
        ((i, marshal.dumps(disk.to_record(p))) for i, p in enumerate(gaz.places)),
    )
    index = gaz.index
    rows = ((n, marshal.dumps(list(ids)) if (ids := index.get(n)) else None) for n in sorted(gaz.prefixes))
    conn.executemany("INSERT INTO names VALUES (?, ?)", rows)
    conn.executemany("INSERT INTO keys VALUES (?, ?)", sorted((k, number[id(p)]) for k, p in gaz.by_key.items()))
    meta: dict[str, Any] = {
        "countries": {cc: number[id(p)] for cc, p in gaz.countries.items()},  # dicts keep their order in marshal
        "admin1": {k: number[id(p)] for k, p in gaz.admin1.items()},
        "places": len(gaz.places),
        "names": len(gaz.index),
        "prefixes": len(gaz.prefixes),
        "keys": len(gaz.by_key),
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in meta.items()))


class _Tables:
    """Reads of the cached tables (places kept once read, names in a bounded memo); after a read fails, the
    gazetteer built in memory answers instead."""

    def __init__(self, conn: sqlite3.Connection, key: str):
        self._conn, self._key = conn, key
        meta = {name: marshal.loads(value) for name, value in conn.execute("SELECT name, value FROM meta")}
        self.countries: dict[str, int] = meta["countries"]
        self.admin1: dict[tuple[str, str], int] = meta["admin1"]
        self.n_places, self.n_names, self.n_prefixes, self.n_keys = (
            meta[k] for k in ("places", "names", "prefixes", "keys")
        )
        self._places: dict[int, Place] = {}
        self._memory: Gazetteer | None = None
        self.entry = lru_cache(maxsize=1 << 16)(self._entry)

    def _failed(self, exc: Exception) -> Gazetteer:
        disk.report_damaged(CACHE_NAME, self._key, "sqlite", f"failed while in use ({type(exc).__name__}: {exc})")
        self._memory = build()
        return self._memory

    def _entry(self, name: str) -> tuple[int, ...] | None:
        """The places called ``name`` (() when it only begins names), None when no name begins so."""
        mem = self._memory
        if mem is None:
            try:
                row = self._conn.execute("SELECT ids FROM names WHERE name = ?", (name,)).fetchone()
                return None if row is None else () if row[0] is None else tuple(marshal.loads(row[0]))
            except _DAMAGE as exc:
                mem = self._failed(exc)
        return tuple(mem.index.get(name, ())) if name in mem.prefixes else None

    def cached(self, i: int) -> Place | None:
        return self._places.get(i)

    def place(self, i: int) -> Place:
        if not 0 <= i < self.n_places:
            raise IndexError(f"place {i} out of range")
        got = self._places.get(i)
        if got is None:
            got = self._places[i] = self._read_place(i)
        return got

    def _read_place(self, i: int) -> Place:
        mem = self._memory
        if mem is None:
            try:
                (blob,) = self._conn.execute("SELECT fields FROM places WHERE i = ?", (i,)).fetchone()
                return disk.from_record(Place, marshal.loads(blob))
            except _DAMAGE as exc:
                mem = self._failed(exc)
        return mem.places[i]

    def keyed(self, key: str) -> Place | None:
        mem = self._memory
        if mem is None:
            try:
                row = self._conn.execute("SELECT i FROM keys WHERE key = ?", (key,)).fetchone()
                return None if row is None else self.place(int(row[0]))
            except _DAMAGE as exc:
                mem = self._failed(exc)
        return mem.by_key.get(key)

    def scan(self, sql: str, same: Callable[[Gazetteer], Iterable[Any]]) -> Iterator[Any]:
        """The rows of a query over a whole table (to iterate; look-ups never do), or when the file fails, the rest
        of ``same(the gazetteer built in memory)``, which lists the same rows in the same order."""
        done = 0
        if self._memory is None:
            try:
                for row in self._conn.execute(sql):
                    yield row
                    done += 1
                return
            except _DAMAGE as exc:
                self._failed(exc)
        assert self._memory is not None
        yield from itertools.islice(same(self._memory), done, None)


class _Places(Sequence[Place]):
    def __init__(self, tables: _Tables):
        self._t = tables

    def __len__(self) -> int:
        return self._t.n_places

    def __getitem__(self, i: int) -> Place:  # type: ignore[override]
        return self._t.place(i + len(self) if i < 0 else i)

    def __iter__(self) -> Iterator[Place]:
        rows = self._t.scan(
            "SELECT i, fields FROM places ORDER BY i", lambda g: ((i, p) for i, p in enumerate(g.places))
        )
        for i, fields_or_place in rows:
            if isinstance(fields_or_place, Place):
                yield fields_or_place
            else:
                yield self._t.cached(i) or disk.from_record(Place, marshal.loads(fields_or_place))


class _Index(Mapping[str, Sequence[int]]):
    def __init__(self, tables: _Tables):
        self._t = tables

    def __getitem__(self, name: str) -> Sequence[int]:
        ids = self._t.entry(name)
        if not ids:
            raise KeyError(name)
        return ids

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self._t.entry(name))

    def __iter__(self) -> Iterator[str]:
        sql = "SELECT name FROM names WHERE ids IS NOT NULL ORDER BY name"
        return (name for (name,) in self._t.scan(sql, lambda g: ((n,) for n in sorted(g.index))))

    def __len__(self) -> int:
        return self._t.n_names


class _Prefixes(Collection[str]):
    def __init__(self, tables: _Tables):
        self._t = tables

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._t.entry(name) is not None

    def __iter__(self) -> Iterator[str]:
        sql = "SELECT name FROM names ORDER BY name"
        return (name for (name,) in self._t.scan(sql, lambda g: ((n,) for n in sorted(g.prefixes))))

    def __len__(self) -> int:
        return self._t.n_prefixes


K = TypeVar("K")


class _Picked(Mapping[K, Place]):
    """A small mapping to place numbers (countries, first-level divisions), giving the places."""

    def __init__(self, tables: _Tables, numbers: dict[K, int]):
        self._t, self._numbers = tables, numbers

    def __getitem__(self, key: K) -> Place:
        return self._t.place(self._numbers[key])

    def __contains__(self, key: object) -> bool:
        return key in self._numbers

    def __iter__(self) -> Iterator[K]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


class _Keys(Mapping[str, Place]):
    def __init__(self, tables: _Tables):
        self._t = tables

    def __getitem__(self, key: str) -> Place:
        place = self._t.keyed(key) if isinstance(key, str) else None
        if place is None:
            raise KeyError(key)
        return place

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._t.keyed(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (
            key
            for (key,) in self._t.scan("SELECT key FROM keys ORDER BY key", lambda g: ((k,) for k in sorted(g.by_key)))
        )

    def __len__(self) -> int:
        return self._t.n_keys
