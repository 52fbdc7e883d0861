"""On-disk caches of the knowledge that is slow to build from the data files, so a new process starts fast.

    key = cache.key([data_path("actors.yaml"), ...], version=1)    # what the cached thing is built from
    cache.value("kb", key, build)          # what build() returns (made of what marshal takes), cached
    cache.load_value("kb", key)            # such a value, or None (absent, stale, damaged)
    cache.store_value("kb", key, value)    # write it for the next process (False when that is not possible)
    cache.open_sqlite("gazetteer", key)    # a read-only connection to a cached database, or None
    cache.store_sqlite("gazetteer", key, fill)   # fill(connection) writes the tables; False when not possible
    cache.to_record(actor), cache.from_record(Actor, row)    # a dataclass as a tuple marshal takes, and back

What is cached, each in the format its builder chose: the gazetteer's places and name index
(:mod:`sitrep.knowledge.gazetteer`, SQLite, read name by name instead of a 200 MB dictionary built in two
seconds) and the checked actor entries (:mod:`sitrep.knowledge.kb`, marshal).

Where: ``$SITREP_CACHE_DIR``, else ``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``.  A file is named
``<name>-<key>.<format>``; the key is a sha256 of sitrep's version, the Python version (marshal's format may
change with it), the builder's format version and the bytes of every file the thing is built from (the data
files and the builder's own module), so a change to any of them means a new file.  Older files of the same name
are removed when a new one is written.

Writes go to a temporary file in the cache directory that is then renamed into place (``os.replace``): a reader
sees a whole file or none, and two processes writing at once each write a whole file.  Nothing here stops an
analysis: an unwritable directory or a missing, truncated or damaged file only means the thing is built in
memory, as without a cache (logged as a warning, once per file and process).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import operator
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

from sitrep import __version__

log = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_DIGEST = 32  # bytes of sha256 in front of a marshal payload
REBUILT = "building it anew"
_warned: set[str] = set()
T = TypeVar("T")
_LAYOUTS: dict[type, tuple[Callable[[Any], tuple[Any, ...]], tuple[type | None, ...]]] = {}


def directory() -> Path:
    """The cache directory (it may not exist yet)."""
    env = os.environ.get("SITREP_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"  # XDG: relative means unset
    return base / "sitrep"


def key(sources: Iterable[Path], version: int) -> str:
    """The key of a thing built from ``sources`` by a builder of format ``version``."""
    h = hashlib.sha256(f"sitrep {__version__}; {sys.implementation.cache_tag}; format {version}\n".encode())
    for path in sources:
        h.update(path.name.encode() + b"\x00")
        try:
            with path.open("rb") as fh:
                h.update(hashlib.file_digest(fh, "sha256").digest())
        except OSError:  # the builder will say what is missing
            h.update(b"missing")
    return h.hexdigest()[:32]


def path(name: str, key: str, fmt: str) -> Path:
    return directory() / f"{name}-{key}.{fmt}"


def value(name: str, key: str, build: Callable[[], T]) -> T:
    """What ``build()`` returns, from the cache when it has it for ``key``, else built and stored for the next time."""
    got = load_value(name, key)
    if got is None:
        got = build()
        store_value(name, key, got)
    return got


def load_value(name: str, key: str) -> Any | None:
    """The value stored by :func:`store_value` under ``name`` and ``key``; None when there is none or it is damaged."""
    where = path(name, key, "marshal")
    try:
        data = where.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # none yet (or no directory: said when writing)
        return None
    except OSError as exc:
        _warn(where, f"cannot be read ({exc})", REBUILT)
        return None
    payload = data[_DIGEST:]
    if len(data) <= _DIGEST or hashlib.sha256(payload).digest() != data[:_DIGEST]:
        _warn(where, "is truncated or damaged", REBUILT)
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError) as exc:
        _warn(where, f"does not load ({exc})", REBUILT)
        return None


def store_value(name: str, key: str, value: Any) -> bool:
    """Store ``value`` (made of what marshal takes: tuples, lists, dicts, str, int, float, None, ...)."""
    payload = marshal.dumps(value)
    return _store(path(name, key, "marshal"), lambda tmp: tmp.write_bytes(hashlib.sha256(payload).digest() + payload))


def open_sqlite(name: str, key: str) -> sqlite3.Connection | None:
    """A read-only connection to the database stored by :func:`store_sqlite`; None when there is none or it is
    truncated or not the one for ``key`` (the table ``cache_key`` holds the key it was written for)."""
    where = path(name, key, "sqlite")
    try:
        size = where.stat().st_size
        with where.open("rb") as fh:
            header = fh.read(100)
    except (FileNotFoundError, NotADirectoryError):  # none yet (or no directory: said when writing)
        return None
    except OSError as exc:
        _warn(where, f"cannot be read ({exc})", REBUILT)
        return None
    if not _whole_sqlite(header, size):
        _warn(where, "is truncated or not an SQLite database", REBUILT)
        return None
    conn = None
    try:  # immutable: cache files are never changed in place, only replaced
        conn = sqlite3.connect(f"{where.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        row = conn.execute("SELECT key FROM cache_key").fetchone()
        if row is not None and row[0] == key:
            return conn
        _warn(where, "was written for another key", REBUILT)
    except sqlite3.Error as exc:
        _warn(where, f"does not open ({exc})", REBUILT)
    if conn is not None:
        conn.close()
    return None


def store_sqlite(name: str, key: str, fill: Callable[[sqlite3.Connection], None]) -> bool:
    """Write a database for ``name`` and ``key``: ``fill`` creates and fills the tables (in one transaction)."""

    def write(tmp: Path) -> None:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")  # a temporary file: a failed write is thrown away whole
            conn.execute("PRAGMA synchronous = OFF")
            with conn:
                fill(conn)
                conn.execute("CREATE TABLE cache_key (key TEXT NOT NULL)")
                conn.execute("INSERT INTO cache_key VALUES (?)", (key,))
        finally:
            conn.close()

    return _store(path(name, key, "sqlite"), write)


def to_record(obj: Any) -> tuple[Any, ...]:
    """A dataclass instance as the tuple of its field values in field order (a dataclass value as a tuple too)."""
    values, nested = _layout(type(obj))
    row = values(obj)
    if not any(nested):
        return row
    return tuple(to_record(v) if kind is not None else v for kind, v in zip(nested, row, strict=True))


def from_record(cls: type[T], row: Sequence[Any]) -> T:
    """The instance of dataclass ``cls`` that :func:`to_record` made ``row`` of; ValueError when it does not fit."""
    _, nested = _layout(cls)
    if len(row) != len(nested):
        raise ValueError(f"{len(row)} values for the {len(nested)} fields of {cls.__name__}")
    if not any(nested):
        return cls(*row)
    return cls(*(from_record(kind, v) if kind is not None else v for kind, v in zip(nested, row, strict=True)))


def _layout(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], tuple[type | None, ...]]:
    """For dataclass ``cls``: what gives the tuple of an instance's field values, and per field the dataclass
    its values are (None for other values)."""
    if cls not in _LAYOUTS:
        names = [f.name for f in fields(cls)]
        hints = get_type_hints(cls)
        getter = operator.attrgetter(*names)
        values = getter if len(names) > 1 else lambda obj: (getter(obj),)
        _LAYOUTS[cls] = values, tuple(hints[n] if is_dataclass(hints[n]) else None for n in names)
    return _LAYOUTS[cls]


def report_damaged(name: str, key: str, fmt: str, why: str) -> None:
    """Log that a cache file failed while in use (the caller goes on without it) and remove it."""
    where = path(name, key, fmt)
    _warn(where, why, REBUILT)
    try:
        where.unlink(missing_ok=True)
    except OSError:
        log.debug("could not remove %s", where, exc_info=True)


def _whole_sqlite(header: bytes, size: int) -> bool:
    """Whether a file with this header and ``size`` bytes is a whole SQLite database (page size x page count)."""
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return pages > 0 and page_size * pages == size


def _store(target: Path, write: Callable[[Path], Any]) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        _warn(target.parent, f"cannot be written ({exc})", "nothing is cached (set SITREP_CACHE_DIR to a writable one)")
        return False
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a directory that vanished
        _warn(target, f"could not be written ({exc})", "it is not cached")
        return False
    finally:
        tmp.unlink(missing_ok=True)
    _remove_older(target)
    return True


def _remove_older(target: Path) -> None:
    """Remove the files of the same cache built for other keys (other versions of sitrep, its data or Python) and
    the temporary files of writers that died an hour ago or more."""
    name = target.name.rsplit("-", 1)[0]
    old = [p for p in target.parent.glob(f"{name}-*{target.suffix}") if p.name.rsplit("-", 1)[0] == name]
    hour_ago = time.time() - 3600
    for p in target.parent.glob(f".{name}-*.tmp"):
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < hour_ago:
                old.append(p)
    for p in old:
        if p != target:
            try:
                p.unlink()
            except OSError:
                log.debug("could not remove %s", p, exc_info=True)


def _warn(where: Path, what: str, then: str) -> None:
    if str(where) not in _warned:
        _warned.add(str(where))
        log.warning("sitrep cache: %s %s; %s", where, what, then)
