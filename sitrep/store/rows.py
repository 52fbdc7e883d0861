"""A document's JSON turned into the rows of ``schema.sql``: one row per entity, name, mention, event, role,
fact and evidence span, whose column names are the JSON keys (``doc.to_dict()``).

    insert(conn, doc.to_dict(), doc_json, content_hash)     write the rows of one document

Portable: plain ``INSERT``s of the tables in ``schema.sql``, column names quoted ("end" is a reserved word in
PostgreSQL).  The caller owns the transaction, and the full-text index, which is backend-specific.  The
placeholders are SQLite's ``?``; a PostgreSQL backend would pass psycopg's ``%s`` as ``mark``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from sitrep.keys import date_bounds, fold

_DOC_COLS = ("id", "title", "source", "url", "published", "language", "text")
_ENTITY_COLS = ("id", "name", "type", "wikidata", "country", "kb_id", "origin")
_GEO_COLS = ("lat", "lon", "geonameid", "country_code", "admin1", "feature")
_EVENT_COLS = ("id", "type", "mode", "acled_event_type", "acled_sub_event_type", "location", "modality")
_EVENT_COLS2 = ("attributed_to", "confidence", "related_event")
_FACT_COLS = ("id", "subject", "predicate", "object", "attributed_to", "modality", "summary")
_SPAN_COLS = ("start", "end", "text")
_ROLES = (("actor", "actors"), ("target", "targets"), ("claimed_by", "claimed_by"))
_LBH = ("low", "best", "high")


class Executor(Protocol):
    """A DB-API connection or cursor: what :func:`insert` writes through."""

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


def insert(conn: Executor, data: dict[str, Any], doc_json: str, content_hash: str, mark: str = "?") -> None:
    """Write the rows of one document (``data`` is ``doc.to_dict()``: its keys are the column names)."""
    doc_id = data["id"]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    warnings = json.dumps(data["warnings"], ensure_ascii=False)
    doc_row = {**_pick(data, _DOC_COLS), "content_hash": content_hash, "warnings": warnings}
    _rows(conn, "documents", [{**doc_row, "ingested_at": now, "doc_json": doc_json}], mark)
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
        _rows(conn, table, rows, mark)


def marks(values: Sequence[Any], mark: str = "?") -> str:
    """One placeholder per value: "?, ?, ?"."""
    return ", ".join(mark for _ in values)


def _pick(data: dict[str, Any], cols: Sequence[str]) -> dict[str, Any]:
    return {c: data.get(c) for c in cols}


def _at(doc_id: str, position: int, **cols: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, **cols, "position": position}


def _evidence(doc_id: str, kind: str, owner: dict[str, Any]) -> list[dict[str, Any]]:
    spans = owner["evidence"]
    return [_at(doc_id, i, owner_kind=kind, owner_id=owner["id"], **_pick(s, _SPAN_COLS)) for i, s in enumerate(spans)]


def _rows(conn: Executor, table: str, rows: list[dict[str, Any]], mark: str = "?") -> None:
    if not rows:
        return
    cols = list(rows[0])
    names = ", ".join(f'"{c}"' for c in cols)  # quoted: "end" is a reserved word in PostgreSQL
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks(cols, mark)})"  # nosec B608
    conn.executemany(sql, [tuple(storable(row[c]) for c in cols) for row in rows])


def storable(value: Any) -> Any:
    """An integer beyond 64 bits (a count of 10**20 read off a hostile text) is NULL in the queryable columns;
    the document's JSON keeps it as it is."""
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        return None
    return value


def _date_cols(value: dict[str, Any] | None) -> dict[str, Any]:
    value = {"precision": "unknown", **(value or {})}
    first, last = date_bounds(value.get("start"), value.get("end"), value["precision"]) or (None, None)
    cols = {f"date_{k}": value.get(k) for k in ("start", "end", "precision", "text")}
    return {**cols, "date_first": first, "date_last": last}
