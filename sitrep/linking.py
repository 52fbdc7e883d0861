"""Incidents across documents: which events of different documents report the same incident, as plain functions
over small records, so that the store links at ingest (:mod:`sitrep.store.incidents`) and the outputs group a
list of documents (:func:`sitrep.outputs.groups.group_events`) by the same rules.

    reports_of(doc)                -> [Report]      one per event: what linking compares
    same_incident(a, b)            -> bool          the rules below
    affinity(a, b)                 -> int           how well two compatible reports agree (more is better)
    link(reports)                  -> [[index]]     incidents, in order of first report (near linear: blocking)
    reconcile([Count | None])      -> Count | None  one low/best/high from every source's figures
    Incident, IncidentReport                         what a store says of an incident (its records)

Two reports are of one incident when they come from different documents, have the same PLOVER type, their dates
overlap (each a span of at most :data:`MAX_SPAN_DAYS`), their places are the same or nested (the same GeoNames
id; a country and anything in it; a province and anything in it; two places within :data:`NEAR_KM`), the actors
they name are compatible (when both name someone, by KB id, Wikidata id or the Latin key of the name, they share
one; nameless "gunmen" are compatible with anyone), and their death tolls are compatible (neither more than
three times the other plus ten).  A report without a place, a date or a country, or of something that did not
happen (negated, hypothetical, future), is an incident of its own.  An incident takes a report only when it is
compatible with every report it already has (no chaining) and no report of the same document; of several such
incidents it joins the one it agrees with best, the earliest on a tie.

Keys are language-free: GeoNames ids, country codes, KB ids and the Latin name keys of :mod:`sitrep.translit`,
so an English and a Russian report of one attack join.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.keys import fold, value_bounds
from sitrep.model import ACTOR_TYPES, Count, Document, Entity, Event
from sitrep.translit import name_key

Links = Mapping[tuple[str, str], str]  # (doc_id, event_id) -> incident id: what a store's linking found
NEAR_KM = 15.0  # two places this close are one place (a square and its city)
MAX_SPAN_DAYS = 366  # a report dated more vaguely than this links to nothing
CELL_DEG = 0.25  # the side of a place cell (about 28 km of latitude): places within NEAR_KM share a 3x3 block
_DAY_LEVEL = 7  # a date span this short is indexed by its days, a longer one by its months
_UNREAL = ("negated", "hypothetical", "future")
_FINE = ("city", "place")  # a point; "country", "admin1", "admin2" are areas that hold other places


@dataclass(frozen=True)
class Place:
    """Where a report puts its event, as linking compares it."""

    name: str
    country: str | None
    level: str = "place"  # country | admin1 | admin2 | city | place
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None


@dataclass(frozen=True)
class Report:
    """One document's report of an event: what linking needs of it, and the figures it gives."""

    doc_id: str
    event_id: str
    type: str
    first: str | None = None  # YYYY-MM-DD, the first day the event's date covers
    last: str | None = None
    place: Place | None = None
    actors: frozenset[str] = field(default_factory=frozenset)  # keys of the named actors and claimants
    fatalities: Count | None = None
    injuries: Count | None = None
    real: bool = True  # False for a negated, hypothetical or future event

    @property
    def linkable(self) -> bool:
        if not self.real or self.first is None or self.last is None or self.place is None:
            return False
        span = date.fromisoformat(self.last) - date.fromisoformat(self.first)
        return self.place.country is not None and span.days < MAX_SPAN_DAYS


def reports_of(doc: Document) -> list[Report]:
    return [report_of(doc, ev) for ev in doc.events]


def report_of(doc: Document, ev: Event) -> Report:
    bounds = value_bounds(ev.date)
    actors = frozenset(k for i in [*ev.actors, *ev.claimed_by] if (k := actor_key(doc.entity(i))))
    first, last = bounds if bounds else (None, None)
    return Report(doc.id, ev.id, ev.type, first, last, place_of(doc.entity(ev.location)), actors,
                  ev.fatalities, ev.injuries, ev.modality not in _UNREAL)  # fmt: skip


def actor_key(ent: Entity | None) -> str | None:
    """The language-free key of a named actor; None for a place, a description ("gunmen") or nothing."""
    if ent is None or ent.type not in ACTOR_TYPES or ent.origin == "description":
        return None
    return ent.kb_id or ent.wikidata or f"name:{name_key(ent.latin or ent.name) or fold(ent.name)}"


def place_of(ent: Entity | None) -> Place | None:
    if ent is None or not ent.is_place:
        return None
    geo = ent.geo
    if geo is None:
        level = "country" if ent.type == "country" else "place"
        return Place(ent.name, ent.country, level)
    level = geo.feature if ent.type != "country" else "country"
    return Place(ent.name, geo.country_code or ent.country, level, geo.geonameid, geo.lat, geo.lon, geo.admin1,
                 geo.admin2)  # fmt: skip


@dataclass
class IncidentReport:
    """One source's report of an incident: the event of one document, with the figures that document gives."""

    doc_id: str
    event_id: str
    source: str | None = None
    language: str | None = None
    place: str | None = None
    date_first: str | None = None
    date_last: str | None = None
    fatalities: Count | None = None
    injuries: Count | None = None


@dataclass
class Incident:
    """One incident across documents (sitrep.linking): every report of it, and the figures reconciled from them
    (the lowest low, the median best, the highest high)."""

    id: str
    type: str
    date_first: str | None = None  # the narrowest dates any report gives
    date_last: str | None = None
    place: str | None = None  # the most precise place any report gives
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: Count | None = None
    injuries: Count | None = None
    reports: list[IncidentReport] = field(default_factory=list)


# -- the rules -----------------------------------------------------------------------------------------------


def same_incident(a: Report, b: Report) -> bool:
    return affinity(a, b) > 0


def affinity(a: Report, b: Report) -> int:
    """0 when ``a`` and ``b`` are not reports of one incident; else how well they agree: the same place 3, places
    within NEAR_KM 2, one holding the other 1; a shared actor 2; the same dates 1; tolls within a quarter 1."""
    if a.doc_id == b.doc_id or a.type != b.type or not (a.linkable and b.linkable):
        return 0
    assert a.first and a.last and b.first and b.last and a.place and b.place  # nosec B101 -- linkable says so
    if a.first > b.last or b.first > a.last:
        return 0
    where = place_affinity(a.place, b.place)
    if not where or not _counts_agree(a.fatalities, b.fatalities):
        return 0
    if a.actors and b.actors and not a.actors & b.actors:
        return 0
    same_toll = _counts_agree(a.fatalities, b.fatalities, close=True)
    return where + 2 * bool(a.actors & b.actors) + ((a.first, a.last) == (b.first, b.last)) + same_toll


def place_affinity(a: Place, b: Place) -> int:
    """3 the same place, 2 two places within NEAR_KM, 1 one place holds the other, 0 apart."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 3
    if a.country != b.country:
        return 0
    if a.level == "country" or b.level == "country":
        return 1
    if a.level == "admin1" or b.level == "admin1":
        return int(a.admin1 is not None and a.admin1 == b.admin1 and (a.level == "admin1" or b.level == "admin1"))
    if a.level == "admin2" or b.level == "admin2":
        if a.admin1 != b.admin1:
            return 0
        area, other = (a, b) if a.level == "admin2" else (b, a)
        return int(other.admin2 is not None and fold(other.admin2) == fold(area.admin2 or area.name))
    if None in (a.lat, a.lon, b.lat, b.lon):
        return int(fold(a.name) == fold(b.name))
    return 2 if km(a, b) <= NEAR_KM else 0


def km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _counts_agree(a: Count | None, b: Count | None, close: bool = False) -> bool:
    """Whether two tolls may be of one incident (``close``: both given and within a quarter of each other)."""
    x, y = figure(a), figure(b)
    if x is None or y is None:
        return not close
    return max(x, y) <= (1.25 * min(x, y) if close else 3 * min(x, y) + 10)


def figure(c: Count | None) -> int | None:
    if c is None:
        return None
    return next((n for n in (c.best, c.low, c.high) if n is not None), None)


def reconcile(counts: Iterable[Count | None]) -> Count | None:
    """One figure from every source's: the lowest low, the median best (the lower of two middles), the highest
    high; None when no source gives a number."""
    given = [c for c in counts if c is not None and figure(c) is not None]
    if not given:
        return None
    lows = [next(n for n in (c.low, c.best, c.high) if n is not None) for c in given]
    highs = [next(n for n in (c.high, c.best, c.low) if n is not None) for c in given]
    best = statistics.median_low([figure(c) or 0 for c in given])
    low, high = min(lows), max(highs)
    return Count(low, best, high)


# -- linking many --------------------------------------------------------------------------------------------


def link(reports: Sequence[Report]) -> list[list[int]]:
    """The incidents of ``reports`` (each a list of indexes into it), in order of first report."""
    linker = Linker()
    for r in reports:
        linker.add(r)
    return linker.incidents


class Linker:
    """Reports added one by one, each joining an incident or starting one.  Candidates come from blocks keyed by
    type, date unit (day or month) and place (a cell of the grid for a point, the country for an area), so each
    report is compared with the few reports near it in time and space, not with all."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self.incidents: list[list[int]] = []
        self.incident_of: list[int] = []
        self._blocks: dict[tuple[object, ...], list[int]] = {}

    def add(self, r: Report) -> int:
        """Link ``r``; the index of its incident."""
        at = len(self.reports)
        self.reports.append(r)
        best, best_score = len(self.incidents), 0
        if r.linkable:
            seen: set[int] = set()
            for j in self._candidates(r):
                inc = self.incident_of[j]
                if inc in seen:
                    continue
                seen.add(inc)
                members = [self.reports[m] for m in self.incidents[inc]]
                scores = [affinity(r, m) for m in members]
                score = sum(scores) if all(scores) else 0
                if score > best_score or (score == best_score and score and inc < best):
                    best, best_score = inc, score
        if best == len(self.incidents):
            self.incidents.append([])
        self.incidents[best].append(at)
        self.incident_of.append(best)
        if r.linkable:
            for key in _keys(r, query=False):
                self._blocks.setdefault(key, []).append(at)
        return best

    def _candidates(self, r: Report) -> Iterator[int]:
        for key in _keys(r, query=True):
            yield from self._blocks.get(key, ())


def _keys(r: Report, query: bool) -> Iterator[tuple[object, ...]]:
    """The blocks ``r`` is filed under (``query=False``) or looks in (``query=True``).  Two reports that may link
    share a date unit (a day of day-level ones, else a month) and a place block: a point is filed under its cell
    and its country's "all" block, an area under its country's "all" and "areas" blocks; a point looks in the
    cells within NEAR_KM of it and its country's "areas", an area in its country's "all"."""
    assert r.place is not None and r.first and r.last  # nosec B101 -- only linkable reports are filed
    p = r.place
    point = p.level in _FINE and p.lat is not None and p.lon is not None
    if query:
        if point:
            cy, cx = _cell(p)
            wide = _lon_cells(p.lat or 0.0)
            places: list[tuple[object, ...]] = [
                ("cell", cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in range(-wide, wide + 1)
            ]
            places.append(("areas", p.country))
        else:
            places = [("all", p.country)]
    else:
        places = [("all", p.country), _cell_key(p) if point else ("areas", p.country)]
    days, months = _units(r.first, r.last)
    for place in places:
        if days is not None:
            for d in days:  # day-level: day-level reports by day, month-level ones by month
                yield (r.type, place, "day", d)
            for m in months:
                yield (r.type, place, "month", m) if query else (r.type, place, "day-month", m)
        else:
            for m in months:
                yield (r.type, place, "month", m)
                if query:
                    yield (r.type, place, "day-month", m)


def _cell(p: Place) -> tuple[int, int]:
    return math.floor((p.lat or 0.0) / CELL_DEG), math.floor((p.lon or 0.0) / CELL_DEG)


def _lon_cells(lat: float) -> int:
    """How many cells east and west NEAR_KM can reach at ``lat`` (a degree of longitude shrinks with cos(lat))."""
    per_cell = 111.32 * math.cos(math.radians(min(abs(lat), 89.0))) * CELL_DEG
    return min(60, math.ceil(NEAR_KM / per_cell))


def _cell_key(p: Place) -> tuple[object, ...]:
    return ("cell", *_cell(p))


def _units(first: str, last: str) -> tuple[list[str] | None, list[str]]:
    """The days (None for a span longer than a week) and the months a date span covers."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    months = []
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if (b - a).days >= _DAY_LEVEL:
        return None, months
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)], months
