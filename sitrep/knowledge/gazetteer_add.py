"""Places a user adds from GeoNames dump files: ``sitrep gazetteer add FILE|URL``.

    >>> add("AF.zip")                                          # doctest: +SKIP
    Added(source='AF.zip', rows=..., places=..., path=...)

Accepted (by name, else by shape): a country file or ``allCountries`` (``AF.zip``, ``AF.txt``, the 19 columns of
GeoNames' geoname table), ``cities500.zip`` and the other cities files, ``admin1CodesASCII.txt``,
``admin2Codes.txt`` and ``alternateNamesV2.zip`` (whose Russian and English names are kept).  Populated places
(feature class P) become towns and second-level divisions (ADM2) districts; first-level divisions and countries
are sitrep's own.

A URL is downloaded into the cache, streamed, and resumed where it stopped when the command is run again (HTTP
ranges).  Every file is read line by line into ``gazetteer-added/added.sqlite`` in sitrep's cache, inside one
transaction on a copy: a damaged, truncated or malformed file stops with a clear error and leaves the places added
before as they were.  The places are then written to ``gazetteer-added/places.tsv.gz`` (the format of the shipped
gazetteer), which :func:`sitrep.knowledge.gazetteer_index.build` reads beside the shipped places; the gazetteer's
cache key covers it, so every command uses the new places from its next start.  Deleting the folder removes them.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import shutil
import sqlite3
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlparse
from urllib.request import Request, urlopen

from sitrep.errors import FetchError, KnowledgeError

from .gazetteer_index import added_path

CHUNK = 1 << 16
BATCH = 5000
SCHEMA = """
CREATE TABLE IF NOT EXISTS places (geonameid INTEGER PRIMARY KEY, name TEXT, alternatenames TEXT, lat REAL,
    lon REAL, fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, population INTEGER);
CREATE TABLE IF NOT EXISTS divisions (code TEXT PRIMARY KEY, name TEXT);  -- "AF.01", "AF.01.1109"
CREATE TABLE IF NOT EXISTS names (geonameid INTEGER, lang TEXT, name TEXT, PRIMARY KEY (geonameid, lang, name));
"""
COLUMNS = [
    "key", "geonameid", "feature", "name", "name_ru", "alt", "alt_ru",
    "cc", "admin1", "lat", "lon", "population", "bbox", "flags", "admin2",
]  # fmt: skip
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@dataclass
class Added:
    source: str
    rows: int  # lines read from the file
    places: int  # places in the user's gazetteer after it
    path: Path


def add(source: str, timeout: float = 60.0) -> Added:
    """Add the places of one GeoNames file or URL to the user's gazetteer (see the module's docstring)."""
    folder = added_path().parent
    url = source.startswith(("http://", "https://"))
    path = _download(source, folder / "downloads", timeout) if url else Path(source)
    if not path.is_file():
        raise KnowledgeError(f"{source}: no such file")
    rows = _import(path, folder)
    if url:
        path.unlink(missing_ok=True)  # imported: the download is not needed again
    return Added(source, rows, _count(folder), added_path())


# ---------------------------------------------------------------------------------------------------------
# downloading, resumably


def _download(url: str, folder: Path, timeout: float) -> Path:
    """The file at ``url``, downloaded into ``folder``; a ``.part`` left by an interrupted run is resumed."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(urlparse(url).path).name or "download"
    final, part = folder / name, folder / (name + ".part")
    have = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": "sitrep gazetteer", **({"Range": f"bytes={have}-"} if have else {})}
    try:
        resp = urlopen(Request(url, headers=headers), timeout=timeout)  # nosec B310 - http(s) only: add() checks
    except HTTPError as exc:
        if exc.code == 416 and have:  # nothing after what we have: the download was complete
            part.replace(final)
            return final
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (URLError, OSError) as exc:
        raise FetchError(f"{url}: {getattr(exc, 'reason', exc)}; run the same command again to resume") from exc
    with resp:
        resumed = resp.status == 206
        length = resp.headers.get("Content-Length")
        total = (int(length) + (have if resumed else 0)) if length and length.isdigit() else None
        done = have if resumed else 0
        try:
            with part.open("ab" if resumed else "wb") as out:
                while chunk := resp.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
        except (OSError, TimeoutError, HTTPException) as exc:
            msg = f"{url}: interrupted after {done:,} bytes ({exc}); run the same command again to resume"
            raise FetchError(msg) from exc
    if total is not None and done < total:
        raise FetchError(f"{url}: got {done:,} of {total:,} bytes; run the same command again to resume")
    part.replace(final)
    return final


# ---------------------------------------------------------------------------------------------------------
# reading GeoNames files


def _lines(path: Path) -> Iterator[str]:
    """The text lines of a GeoNames file, from inside its zip when zipped (the data member, not readme.txt)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
                if not members:
                    raise KnowledgeError(f"{path.name}: no GeoNames .txt file inside the zip")
                with zf.open(max(members, key=lambda m: zf.getinfo(m).file_size)) as raw:
                    yield from _text_lines(io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), path)
        elif path.suffix == ".zip":
            raise KnowledgeError(f"{path.name} is damaged or incomplete (not a readable zip); download it again")
        else:
            with path.open(encoding="utf-8", newline="\n") as fh:
                yield from _text_lines(fh, path)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error) as exc:
        raise KnowledgeError(f"{path.name} is damaged or incomplete ({exc}); download it again") from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path.name} is not UTF-8 text ({exc.reason}); is it a GeoNames file?") from exc


def _text_lines(fh: io.TextIOBase, path: Path) -> Iterator[str]:
    for line in fh:
        if not line.endswith("\n"):
            raise KnowledgeError(f"{path.name} ends in the middle of a line: it is truncated; download it again")
        yield line[:-1].rstrip("\r")


def _kind(name: str, first: list[str]) -> str:
    low = name.lower()
    if low.startswith("admin1codes") or low.startswith("admin2codes"):
        return "divisions"
    if low.startswith("alternatenames"):
        return "names"
    if len(first) == 19:
        return "places"
    if len(first) in (8, 10):
        return "names"
    if len(first) == 4:
        return "divisions"
    raise KnowledgeError(f"{name}: not a GeoNames file this command knows (a line of {len(first)} fields)")


def _rows(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    kind = ""
    for n, line in enumerate(_lines(path), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        kind = kind or _kind(path.name, fields)
        yield kind, n, fields


def _place(fields: list[str]) -> tuple[object, ...] | None:
    if len(fields) != 19:
        raise ValueError(f"expected 19 tab-separated fields, found {len(fields)}")
    gid, name, _, alt, lat, lon, fclass, fcode, cc, _, a1, a2 = fields[:12]
    lat_, lon_ = float(lat), float(lon)
    if not (-90 <= lat_ <= 90 and -180 <= lon_ <= 180) or not re.fullmatch(r"[A-Z]{2}|", cc):
        raise ValueError("coordinates or country code out of range")
    if fclass not in ("P", "A") or (fclass == "A" and fcode != "ADM2") or not name:
        return None
    return int(gid), name, alt, lat_, lon_, fclass, fcode, cc, a1, a2, int(fields[14] or 0)


def _import(path: Path, folder: Path) -> int:
    """Read ``path`` into a copy of the user's database and write the places file from it; replace both only
    when everything was read (else nothing changes)."""
    folder.mkdir(parents=True, exist_ok=True)
    db, work = folder / "added.sqlite", folder / "added.sqlite.part"
    if db.exists():
        shutil.copyfile(db, work)
    else:
        work.unlink(missing_ok=True)
    conn = sqlite3.connect(work)
    try:
        conn.executescript(SCHEMA)
        with conn:
            rows = _load(conn, path)
        tsv = folder / "places.tsv.gz.part"
        _export(conn, tsv)
        conn.close()
        os.replace(work, db)
        os.replace(tsv, added_path())
        return rows
    except BaseException:
        conn.close()
        work.unlink(missing_ok=True)
        (folder / "places.tsv.gz.part").unlink(missing_ok=True)
        raise


def _load(conn: sqlite3.Connection, path: Path) -> int:
    sql = {
        "places": "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        "divisions": "INSERT OR REPLACE INTO divisions VALUES (?,?)",
        "names": "INSERT OR IGNORE INTO names VALUES (?,?,?)",
    }
    batch: dict[str, list[tuple[object, ...]]] = {k: [] for k in sql}
    n = read = 0
    try:
        for kind, line, fields in _rows(path):
            n = line
            read += 1
            if kind == "places":
                row = _place(fields)
            elif kind == "divisions":
                row = (fields[0], fields[1]) if len(fields) == 4 and re.fullmatch(r"[A-Z]{2}\.\S+", fields[0]) else None
                if row is None:
                    raise ValueError(f"expected a division code and 3 more fields, found {len(fields)} fields")
            else:
                if len(fields) not in (8, 10):
                    raise ValueError(f"expected 8 or 10 tab-separated fields, found {len(fields)}")
                row = (int(fields[1]), fields[2], fields[3]) if fields[2] in ("ru", "en", "") else None
            if row is not None:
                batch[kind].append(row)
                if len(batch[kind]) >= BATCH:
                    conn.executemany(sql[kind], batch[kind])
                    batch[kind].clear()
    except ValueError as exc:
        raise KnowledgeError(f"{path.name} line {n}: not a GeoNames row ({exc}); nothing was added") from exc
    for kind, rows in batch.items():
        conn.executemany(sql[kind], rows)
    if not read:
        raise KnowledgeError(f"{path.name} has no GeoNames rows; nothing was added")
    return read


# ---------------------------------------------------------------------------------------------------------
# writing the places file


def _export(conn: sqlite3.Connection, out: Path) -> None:
    divisions = dict(conn.execute("SELECT code, name FROM divisions"))
    districts = {
        f"{cc}.{a1}.{a2}": name
        for cc, a1, a2, name in conn.execute("SELECT cc, admin1, admin2, name FROM places WHERE fcode = 'ADM2'")
    }
    names: dict[int, list[tuple[str, str]]] = {}
    for gid, lang, name in conn.execute("SELECT geonameid, lang, name FROM names ORDER BY geonameid, lang, name"):
        names.setdefault(gid, []).append((lang, name))
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        text = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        text.write("\t".join(COLUMNS) + "\n")
        for gid, name, alt, lat, lon, fclass, _, cc, a1, a2, pop in conn.execute("SELECT * FROM places ORDER BY 1"):
            more = names.get(gid, [])
            alts = [a for a in alt.split(",") if a] + [n for lang, n in more if lang != "ru"]
            latin = _clean([a for a in alts if not CYRILLIC.search(a) and a != name])
            russian = _clean([n for lang, n in more if lang == "ru"] + [a for a in alts if CYRILLIC.search(a)])
            province = divisions.get(f"{cc}.{a1}", "")
            code = f"{cc}.{a1}.{a2}"
            district = name if fclass == "A" else divisions.get(code) or districts.get(code, "")
            flags = ["added", *([f"a1code{a1}"] if a1 and not province else [])]
            title = _clean([name])
            if not title:
                continue
            row = [
                str(gid), str(gid), "admin2" if fclass == "A" else "city", title[0], russian[0] if russian else "",
                "|".join(latin[:50]), "|".join(russian[:20]), cc, _clean([province])[:1], f"{lat:.5f}", f"{lon:.5f}",
                str(pop), "", ",".join(flags), _clean([district])[:1],
            ]  # fmt: skip
            text.write("\t".join(v if isinstance(v, str) else "".join(v) for v in row) + "\n")
        text.flush()


def _clean(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        v = " ".join(re.sub(r"[\t|,\\]", " ", v).split())
        if v:
            seen.setdefault(v, None)
    return list(seen)


def _count(folder: Path) -> int:
    with contextlib.closing(sqlite3.connect(folder / "added.sqlite")) as conn:
        return conn.execute("SELECT count(*) FROM places").fetchone()[0]
