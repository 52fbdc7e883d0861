"""Incidents across documents in the store: every event stored is linked, as it is written, to the incident it
reports (:mod:`sitrep.linking` says when two reports are of one incident), and unlinked when its document is
replaced or removed.

    store.incidents(since="2024-03")          -> [Incident], each with its reports and reconciled figures
    store.incident_links(doc_ids)             -> {(doc_id, event_id): incident id}, what the outputs group by
    store.incident_count()                    -> how many incidents the stored reports tell
    store.relink()                            -> link every stored document again (after a migration)

Candidates are found in SQL by type, country, a date window (a report's first day within a week, or a year for
a vaguely dated one, of the other's) and, for a point, a box of :data:`sitrep.linking.NEAR_KM` around it or the
areas of its country, so linking a document costs the few reports near it, not the whole store.  Portable SQL
over ``incidents`` and ``incident_reports`` of ``schema.sql``; the caller owns the transaction.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sitrep.keys import window
from sitrep.linking import (
    MAX_SPAN_DAYS,
    NEAR_KM,
    Incident,
    IncidentReport,
    Place,
    Report,
    affinity,
    reconcile,
    reports_of,
)
from sitrep.model import Count, Document

from .rows import storable

_PLACE_COLS = ("place", "level", "geonameid", "lat", "lon", "country_code", "admin1", "admin2")
_COUNT_COLS = tuple(f"{c}_{k}" for c in ("fatalities", "injuries") for k in ("low", "best", "high"))
_REPORT_COLS = ("doc_id", "event_id", "incident_id", "seq", "type", "linkable", "wide", "date_first", "date_last",
                *_PLACE_COLS, "actors", *_COUNT_COLS)  # fmt: skip
_INCIDENT_COLS = ("id", "type", "date_first", "date_last", "place", "country_code", "lat", "lon", "reports",
                  *_COUNT_COLS)  # fmt: skip
# fixed column lists, not user input: the values always go through placeholders
_SELECT_REPORTS = f"SELECT {', '.join(_REPORT_COLS)} FROM incident_reports"  # nosec B608
_INSERT_REPORT = f"INSERT INTO incident_reports ({', '.join(_REPORT_COLS)}) VALUES ({', '.join('?' * len(_REPORT_COLS))})"  # nosec B608  # noqa: E501
_INSERT_INCIDENT = f"INSERT INTO incidents ({', '.join(_INCIDENT_COLS)}) VALUES ({', '.join('?' * len(_INCIDENT_COLS))})"  # nosec B608  # noqa: E501
_WEEK = 7
_PRECISE = {"place": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}


class Incidents:
    """Incident methods of a store (a base of :class:`sitrep.store.BaseStore`), in portable SQL on its connection."""

    if TYPE_CHECKING:  # what the store provides
        _conn: Any

        def get(self, doc_id: str) -> Document | None: ...
        def _transaction(self) -> AbstractContextManager[Any]: ...

    # -- reading -----------------------------------------------------------------------------------------------
    def incident_links(self, doc_ids: Iterable[str] | None = None) -> dict[tuple[str, str], str]:
        wanted = None if doc_ids is None else set(doc_ids)
        rows = self._conn.execute("SELECT doc_id, event_id, incident_id FROM incident_reports").fetchall()
        return {(d, e): i for d, e, i in rows if wanted is None or d in wanted}

    def incident_count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0])

    def incidents(self, since: str | None = None, until: str | None = None, type: str | None = None,
                  several: bool = False) -> list[Incident]:  # fmt: skip
        """The incidents whose dates overlap ``since``..``until`` (undated ones only without a window), of
        ``type`` (PLOVER), told by several documents when ``several``; earliest first, each with its reports."""
        where, params = ["1 = 1"], []
        if since is not None or until is not None:
            lo, hi = window(since, until)
            where.append("date_first <= ? AND date_last >= ?")
            params += [hi, lo]
        if type:
            where.append("type = ?")
            params.append(type)
        if several:
            where.append("reports > 1")
        sql = (f"SELECT {', '.join(_INCIDENT_COLS)} FROM incidents WHERE {' AND '.join(where)} "  # nosec B608
               "ORDER BY CASE WHEN date_first IS NULL THEN 1 ELSE 0 END, date_first, id")  # fmt: skip
        found = [self._incident(dict(zip(_INCIDENT_COLS, row, strict=True))) for row in self._conn.execute(sql, params)]
        reports: dict[str, list[IncidentReport]] = {i.id: i.reports for i in found}
        sql = ("SELECT r.incident_id, r.doc_id, r.event_id, d.source, d.language, r.place, r.date_first, "
               f"r.date_last, {', '.join('r.' + c for c in _COUNT_COLS)} FROM incident_reports r "  # nosec B608
               "JOIN documents d ON d.id = r.doc_id ORDER BY r.seq")  # fmt: skip
        for inc, *rest in self._conn.execute(sql):
            if inc in reports:
                doc_id, event_id, source, language, place, first, last, *counts = rest
                reports[inc].append(IncidentReport(doc_id, event_id, source, language, place, first, last,
                                                   _count(counts[:3]), _count(counts[3:])))  # fmt: skip
        return found

    @staticmethod
    def _incident(row: dict[str, Any]) -> Incident:
        counts = [row[c] for c in _COUNT_COLS]
        return Incident(row["id"], row["type"], row["date_first"], row["date_last"], row["place"], row["country_code"],
                        row["lat"], row["lon"], _count(counts[:3]), _count(counts[3:]))  # fmt: skip

    # -- linking (inside the caller's transaction) -------------------------------------------------------------
    def _finish_migration(self) -> None:
        """After opening: a store just migrated from a version without incidents gets them linked."""
        if self._conn.execute("SELECT 1 FROM meta WHERE key = 'relink'").fetchone() is not None:
            self.relink()

    def relink(self) -> int:
        """Link every stored document again, oldest first; the number of incidents."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = 'relink'")
            conn.execute("DELETE FROM incident_reports")
            conn.execute("DELETE FROM incidents")
            for (doc_id,) in conn.execute("SELECT id FROM documents ORDER BY ingested_at, id").fetchall():
                doc = self.get(doc_id)
                if doc is not None:
                    self._link_document(conn, doc.to_dict())
        return self.incident_count()

    def _link_document(self, conn: Any, data: dict[str, Any]) -> None:
        """Link the events of a document just written (``data``: its corrected JSON)."""
        for report in reports_of(Document.from_dict(data)):
            self._link_report(conn, report)

    def _unlink_document(self, conn: Any, doc_id: str) -> None:
        """Take a document's reports out of their incidents (before it is deleted); an incident left without
        reports is removed, the others get their figures again from the reports they keep."""
        touched = [r[0] for r in conn.execute("SELECT DISTINCT incident_id FROM incident_reports WHERE doc_id = ?",
                                              (doc_id,)).fetchall()]  # fmt: skip
        conn.execute("DELETE FROM incident_reports WHERE doc_id = ?", (doc_id,))
        for inc in touched:
            self._refresh(conn, inc)

    def _link_report(self, conn: Any, r: Report) -> None:
        best, best_score = None, 0
        if r.linkable:
            members: dict[str, list[Report]] = {}
            order: dict[str, int] = {}  # incident -> the seq of its first candidate report: ties go to the earliest
            for row in self._candidates(conn, r):
                members.setdefault(row["incident_id"], []).append(_report(row))
                order[row["incident_id"]] = min(order.get(row["incident_id"], row["seq"]), row["seq"])
            sizes = dict(conn.execute(
                f"SELECT id, reports FROM incidents WHERE id IN ({', '.join('?' * len(members))})",  # nosec B608
                list(members)).fetchall()) if members else {}  # fmt: skip
            for inc in sorted(members, key=order.__getitem__):
                scores = [affinity(r, m) for m in members[inc]]
                if len(scores) == sizes.get(inc) and all(scores) and sum(scores) > best_score:
                    best, best_score = inc, sum(scores)  # compatible with every report it has
        seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM incident_reports").fetchone()[0]) + 1
        if best is None:  # a new incident; its founding report's id alone could be that of an incident it left
            key = f"{r.doc_id}#{r.event_id}#{seq}"
            best = "inc-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
        conn.execute(_INSERT_REPORT, _report_row(r, best, seq))
        self._refresh(conn, best)

    @staticmethod
    def _candidates(conn: Any, r: Report) -> list[dict[str, Any]]:
        """The linkable reports of other documents that may be of ``r``'s incident (blocking, in SQL)."""
        assert r.first and r.last and r.place  # nosec B101 -- linkable
        first = date.fromisoformat(r.first)
        where = ("linkable = 1 AND type = ? AND country_code = ? AND wide = ? AND date_first >= ? AND date_first <= ? "
                 "AND date_last >= ? AND doc_id <> ?")  # fmt: skip
        base = [r.type, r.place.country]
        tail = [r.last, r.first, r.doc_id]
        params: list[Any] = [*base, 0, (first - timedelta(days=_WEEK)).isoformat(), *tail]
        params2: list[Any] = [*base, 1, (first - timedelta(days=MAX_SPAN_DAYS)).isoformat(), *tail]
        box, extra = "", []
        p = r.place
        if p.level in ("city", "place") and p.lat is not None and p.lon is not None:
            dlat = NEAR_KM / 111.0 + 0.01
            dlon = min(180.0, NEAR_KM / (111.32 * max(0.01, math.cos(math.radians(p.lat)))) + 0.01)
            box = (" AND (level NOT IN ('city', 'place') OR lat IS NULL OR geonameid = ? "
                   "OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))")  # fmt: skip
            extra = [p.geonameid, p.lat - dlat, p.lat + dlat, p.lon - dlon, p.lon + dlon]
        sql = f"{_SELECT_REPORTS} WHERE {where}{box}"
        rows = conn.execute(sql, params + extra).fetchall() + conn.execute(sql, params2 + extra).fetchall()
        return [dict(zip(_REPORT_COLS, row, strict=True)) for row in rows]

    def _refresh(self, conn: Any, inc: str) -> None:
        """The incident row again from its reports (none left: the incident goes)."""
        conn.execute("DELETE FROM incidents WHERE id = ?", (inc,))
        rows = [dict(zip(_REPORT_COLS, row, strict=True)) for row in
                conn.execute(f"{_SELECT_REPORTS} WHERE incident_id = ? ORDER BY seq", (inc,)).fetchall()]  # fmt: skip
        if not rows:
            return
        dated = [r for r in rows if r["date_first"]]
        when = min(dated, key=lambda r: (_days(r), r["seq"])) if dated else rows[0]
        where = min(rows, key=lambda r: (r["place"] is None, _PRECISE.get(r["level"] or "", 5), r["seq"]))
        fat = reconcile(_count([r[c] for c in _COUNT_COLS[:3]]) for r in rows)
        inj = reconcile(_count([r[c] for c in _COUNT_COLS[3:]]) for r in rows)
        conn.execute(_INSERT_INCIDENT, (inc, rows[0]["type"], when["date_first"], when["date_last"], where["place"],
                                        where["country_code"], where["lat"], where["lon"], len(rows),
                                        *_cols(fat), *_cols(inj)))  # fmt: skip


def _days(row: dict[str, Any]) -> int:
    return (date.fromisoformat(row["date_last"]) - date.fromisoformat(row["date_first"])).days


def _count(values: list[Any]) -> Count | None:
    low, best, high = values
    return None if low is None and best is None and high is None else Count(low, best, high)


def _cols(c: Count | None) -> tuple[int | None, int | None, int | None]:
    return (c.low, c.best, c.high) if c is not None else (None, None, None)


def _report_row(r: Report, incident_id: str, seq: int) -> tuple[Any, ...]:
    p = r.place or Place("", None, "")
    wide = r.first is not None and r.last is not None and _days({"date_first": r.first, "date_last": r.last}) >= _WEEK
    counts = tuple(map(storable, (*_cols(r.fatalities), *_cols(r.injuries))))  # beyond 64 bits: NULL
    return (r.doc_id, r.event_id, incident_id, seq, r.type, int(r.linkable), int(wide), r.first, r.last,
            p.name or None, p.level or None, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.admin2,
            json.dumps(sorted(r.actors), ensure_ascii=False), *counts)  # fmt: skip


def _report(row: dict[str, Any]) -> Report:
    place = Place(row["place"] or "", row["country_code"], row["level"] or "place", row["geonameid"], row["lat"],
                  row["lon"], row["admin1"], row["admin2"])  # fmt: skip
    return Report(row["doc_id"], row["event_id"], row["type"], row["date_first"], row["date_last"], place,
                  frozenset(json.loads(row["actors"])), _count([row[c] for c in _COUNT_COLS[:3]]),
                  _count([row[c] for c in _COUNT_COLS[3:]]), bool(row["linkable"]))  # fmt: skip
