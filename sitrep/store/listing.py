"""Pages of events, facts, documents and entities, filtered and sorted in SQL: what the REST API and the
workspace list.

    Query(actor="ISKP", since="2024-03", type="ASSAULT", sort="date", order="desc", limit=50, offset=0)
    event_page(conn, query)        -> (total, [(doc_id, event_id)])
    fact_page(conn, query)         -> (total, [(doc_id, fact_id)])
    document_page(conn, query)     -> (total, [doc_id])
    entity_rows(conn)              -> every entity row with its mention count, for grouping by entity key

Portable SQL over the tables of ``schema.sql`` (row values in ``IN``, no SQLite functions); the placeholders are
``?`` (a PostgreSQL backend passes ``%s`` as ``mark``).  Filters mean what they mean in :mod:`sitrep.store.base`:
``actor`` matches a name, alias, KB id or Wikidata id of a party (actor, target, claimant; for facts the subject
or object), ``place`` the location or any place in the country of that name, ``since``/``until`` the days the
date covers; ``type`` is a PLOVER type or an ACLED event or sub-event type; ``source`` and ``language`` are the
document's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from sitrep.errors import ConfigError
from sitrep.keys import fold, key_of, window

SORTS = {
    "event": {"date": "e.date_first", "fatalities": "COALESCE(e.fatalities_best, e.fatalities_low)",
              "confidence": "e.confidence", "type": "e.type", "published": "d.published", "id": "e.id"},
    "fact": {"date": "f.date_first", "predicate": "f.predicate", "published": "d.published", "id": "f.id"},
    "document": {"date": "d.published", "published": "d.published", "title": "d.title", "source": "d.source",
                 "ingested": "d.ingested_at", "id": "d.id"},
}  # fmt: skip
_PLACES = ("admin_area", "city", "country", "location")
ISO_DAY = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"  # what since / until take


@dataclass(frozen=True)
class Query:
    """Filters, order and page of a listing; None means "any"."""

    actor: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None  # events: PLOVER or ACLED type; facts: the predicate
    modality: str | None = None
    language: str | None = None
    source: str | None = None
    doc_id: str | None = None
    sort: str = "date"
    order: str = "desc"
    limit: int = 50
    offset: int = 0


class Connection(Protocol):
    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


def event_page(conn: Connection, q: Query, mark: str = "?") -> tuple[int, list[tuple[str, str]]]:
    where, params = _common(q, "e", mark)
    if q.type:
        where.append(f"(e.type = {mark} OR e.acled_event_type = {mark} OR e.acled_sub_event_type = {mark})")
        params += [q.type] * 3
    if q.actor:
        where.append(f"(e.doc_id, e.id) IN (SELECT r.doc_id, r.event_id FROM entity_names n "  # nosec B608
                     f"JOIN event_roles r "
                     f"ON r.doc_id = n.doc_id AND r.entity_id = n.entity_id WHERE n.folded = {mark})")  # fmt: skip
        params.append(fold(q.actor))
    if q.place:
        where.append(_at_place("e.location", mark))
        params += [fold(q.place)] * 2
    return _page(conn, "events e", "e.doc_id, e.id", where, params, _order(q, "event"), q)


def fact_page(conn: Connection, q: Query, mark: str = "?") -> tuple[int, list[tuple[str, str]]]:
    where, params = _common(q, "f", mark)
    if q.type:
        where.append(f"f.predicate = {mark}")
        params.append(q.type)
    if q.actor:
        where.append(f"(EXISTS (SELECT 1 FROM entity_names n WHERE n.doc_id = f.doc_id AND "  # nosec B608
                     f"n.folded = {mark} AND "
                     "(n.entity_id = f.subject OR n.entity_id = f.object)))")  # fmt: skip
        params.append(fold(q.actor))
    if q.place:
        where.append(_at_place("f.object", mark))
        params += [fold(q.place)] * 2
    return _page(conn, "facts f", "f.doc_id, f.id", where, params, _order(q, "fact"), q)


def document_page(conn: Connection, q: Query, mark: str = "?") -> tuple[int, list[str]]:
    where, params = ["1 = 1"], []
    for column, value in (("d.language", q.language), ("d.source", q.source), ("d.id", q.doc_id)):
        if value:
            where.append(f"{column} = {mark}")
            params.append(value)
    if q.since or q.until:
        lo, hi = window(q.since, q.until)
        where.append(f"d.published >= {mark} AND d.published <= {mark}")
        params += [lo, hi]
    if q.actor:
        where.append(f"d.id IN (SELECT n.doc_id FROM entity_names n WHERE n.folded = {mark})")  # nosec B608
        params.append(fold(q.actor))
    if q.place:
        where.append(f"d.id IN (SELECT n.doc_id FROM entity_names n JOIN entities p ON "  # nosec B608
                     f"p.doc_id = n.doc_id AND "
                     f"p.id = n.entity_id WHERE n.folded = {mark} AND p.type IN ({', '.join(mark for _ in _PLACES)}))")
        params += [fold(q.place), *_PLACES]
    sql_from = "documents d"
    total, rows = _page(conn, sql_from, "d.id", where, params, _order(q, "document"), q, joined=False)
    return total, [r[0] for r in rows]


def entity_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every entity row (doc_id, id, name, type, aliases JSON, kb_id, wikidata, country, geonameid, lat, lon,
    feature, admin1) with ``mentions``, its number of mentions."""
    cols = ("doc_id", "id", "name", "type", "aliases", "kb_id", "wikidata", "country", "geonameid", "lat", "lon",
            "feature", "admin1")  # fmt: skip
    counts = {(d, e): n for d, e, n in conn.execute(
        "SELECT doc_id, entity_id, COUNT(*) FROM mentions GROUP BY doc_id, entity_id")}  # fmt: skip
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM entities ORDER BY doc_id, id").fetchall()  # nosec B608
    return [{**dict(zip(cols, r, strict=True)), "mentions": counts.get((r[0], r[1]), 0)} for r in rows]


def _common(q: Query, t: str, mark: str) -> tuple[list[str], list[Any]]:
    where, params = ["1 = 1"], []
    for column, value in ((f"{t}.modality", q.modality), ("d.language", q.language), ("d.source", q.source),
                          (f"{t}.doc_id", q.doc_id)):  # fmt: skip
        if value:
            where.append(f"{column} = {mark}")
            params.append(value)
    if q.since or q.until:
        lo, hi = window(q.since, q.until)
        where.append(f"{t}.date_first <= {mark} AND {t}.date_last >= {mark}")
        params += [hi, lo]
    return where, params


def _at_place(column: str, mark: str) -> str:
    """The place in ``column`` (an entity id of the same document) has the name, or lies in the country named."""
    places = ", ".join(f"'{p}'" for p in _PLACES)
    table = column.split(".")[0]
    named = (f"({table}.doc_id, {column}) IN (SELECT n.doc_id, n.entity_id FROM entity_names n "  # nosec B608
             f"WHERE n.folded = {mark})")  # fmt: skip
    in_country = (
        f"({table}.doc_id, {column}) IN (SELECT p.doc_id, p.id FROM entities p WHERE p.type IN "  # nosec B608
        f"({places}) AND "
        f"p.country_code IN (SELECT c.country_code FROM entity_names n JOIN entities c ON c.doc_id = n.doc_id "
        f"AND c.id = n.entity_id WHERE n.folded = {mark} AND c.type = 'country'))"
    )
    return f"({named} OR {in_country})"


def _order(q: Query, kind: str) -> str:
    sorts = SORTS[kind]
    if q.sort not in sorts:
        raise ConfigError(f"cannot sort {kind}s by {q.sort!r}; choose one of {', '.join(sorts)}")
    if q.order not in ("asc", "desc"):
        raise ConfigError(f"order must be asc or desc, got {q.order!r}")
    column = sorts[q.sort]
    tie = {"event": "e.doc_id, e.id", "fact": "f.doc_id, f.id", "document": "d.id"}[kind]
    return f"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column} {q.order.upper()}, {tie}"


def _page(conn: Connection, table: str, columns: str, where: list[str], params: list[Any], order: str, q: Query,
          joined: bool = True) -> tuple[int, list[tuple[Any, ...]]]:  # fmt: skip
    alias = table.split()[1]
    join = f" JOIN documents d ON d.id = {alias}.doc_id" if joined else ""
    cond = " AND ".join(where)
    total = conn.execute(f"SELECT COUNT(*) FROM {table}{join} WHERE {cond}", params).fetchone()[0]  # nosec B608
    sql = f"SELECT {columns} FROM {table}{join} WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?"  # nosec B608
    return int(total), [tuple(r) for r in conn.execute(sql, [*params, int(q.limit), int(q.offset)]).fetchall()]


@dataclass
class Page:
    """One page of a listing: ``items`` (documents, or (document, record) pairs) and how many match in all."""

    total: int
    items: list[Any]
    limit: int
    offset: int


class Listings:
    """The listings as methods of a store (mixed into :class:`sitrep.store.Store`): each runs the query on the
    store's connection and returns the corrected documents and records of one page."""

    _conn: Any

    def get(self, doc_id: str) -> Any: ...

    def event_page(self, q: Query) -> Page:
        total, keys = event_page(self._conn, q)
        return Page(total, self._records(keys, "events"), q.limit, q.offset)

    def fact_page(self, q: Query) -> Page:
        total, keys = fact_page(self._conn, q)
        return Page(total, self._records(keys, "facts"), q.limit, q.offset)

    def document_page(self, q: Query) -> Page:
        total, ids = document_page(self._conn, q)
        return Page(total, [doc for doc in map(self.get, ids) if doc is not None], q.limit, q.offset)

    def entity_rows(self) -> list[dict[str, Any]]:
        return entity_rows(self._conn)

    def _records(self, keys: list[tuple[str, str]], field: str) -> list[tuple[Any, Any]]:
        docs: dict[str, Any] = {}
        out = []
        for doc_id, record_id in keys:
            if doc_id not in docs:
                docs[doc_id] = self.get(doc_id)
            doc = docs[doc_id]
            record = next((r for r in getattr(doc, field) if r.id == record_id), None) if doc else None
            if record is not None:
                out.append((doc, record))
        return out


def row_key(r: dict[str, Any]) -> str:
    """:func:`sitrep.keys.entity_key` of an entity row."""
    return key_of(r["kb_id"], r["geonameid"], r["wikidata"], r["type"], r["name"], r["country"])


def entity_groups(rows: list[dict[str, Any]], type_: str | None = None, q: str | None = None,
                  places: bool | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """The entity rows grouped by :func:`sitrep.keys.key_of` (one actor or place across documents), most
    mentioned first: ``{key, name, type, country, aliases, documents, mentions, geo}``.  ``type_`` keeps one
    entity type, ``q`` names containing it (folded), ``places`` only places (True) or only actors (False)."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = row_key(r)
        g = groups.get(key)
        if g is None:
            geo = None if r["lat"] is None else {"lat": r["lat"], "lon": r["lon"], "feature": r["feature"],
                                                  "admin1": r["admin1"]}  # fmt: skip
            g = groups[key] = {"key": key, "name": r["name"], "type": r["type"], "country": r["country"],
                               "aliases": [], "documents": [], "mentions": 0, "geo": geo}  # fmt: skip
        g["mentions"] += r["mentions"]
        if r["doc_id"] not in g["documents"]:
            g["documents"].append(r["doc_id"])
        for name in [r["name"], *json.loads(r["aliases"] or "[]")]:
            if name != g["name"] and name not in g["aliases"]:
                g["aliases"].append(name)
    found = list(groups.values())
    if type_:
        found = [g for g in found if g["type"] == type_]
    if places is not None:
        found = [g for g in found if (g["type"] in _PLACES) == places]
    if q:
        needle = fold(q)
        found = [g for g in found if any(needle in fold(n) for n in [g["name"], *g["aliases"]]) or needle == g["key"]]
    return sorted(found, key=lambda g: (-len(g["documents"]), -g["mentions"], fold(g["name"])))
