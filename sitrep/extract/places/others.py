"""The document's other places, summarised so that scoring one candidate against them costs little.

Resolution scores every candidate of every mention against the places chosen for the *other* names of the
document: how many lie in its country, whether one holds it or lies in its first-level division, whether one lies
within 200 km.  Asked of a plain list, that is all pairs of places — slow on a long report.  :class:`Chosen`
indexes the chosen places once per round (by country, by first-level division, by containing region, on a grid
of latitude and longitude), and :meth:`Chosen.others` gives the view for one name: the same answers as the
plain list of the places chosen for the other names, each distinct place once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.gazetteer import Place

from .recognition import SMALL_TOWN

NEAR_KM, CELL_DEG = 50.0, 0.5  # a cell is 55 km of latitude: the rows above and below hold the circle
COLUMNS = round(360 / CELL_DEG)

CELL = 2.0  # degrees of latitude and longitude per grid cell
EARTH_KM = 6371.0


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), _wrap(math.floor(lon / CELL))


def _wrap(column: int) -> int:
    half = round(180 / CELL)
    return (column + half) % (2 * half) - half


class Chosen:
    """The places chosen for each name of the document (normalised name -> place key -> place)."""

    def __init__(self, chosen: dict[str, dict[str, Place]]):
        self.chosen = chosen
        self.names = Counter(k for ps in chosen.values() for k in ps)  # how many names chose each place
        self.places = {k: p for ps in chosen.values() for k, p in ps.items()}
        self.by_country: dict[str, set[str]] = {}
        self.admin1s: dict[tuple[str, str], set[str]] = {}  # first-level divisions, by (country, name)
        self.in_admin1: dict[tuple[str, str], set[str]] = {}  # places by (country, their first-level division)
        self.regions: dict[str, set[str]] = {}  # regions (not countries or divisions) by a country they cover
        self.admin2s: dict[tuple[str, str | None, str], set[str]] = {}  # second-level divisions, by (cc, admin1, name)
        self.in_admin2: dict[tuple[str, str | None, str], set[str]] = {}  # places by the admin2 they lie in
        self.grid: dict[tuple[int, int], list[str]] = {}  # cities and second-level divisions
        for k, p in self.places.items():
            self.by_country.setdefault(p.country_code, set()).add(k)
            if p.feature == "admin1":
                self.admin1s.setdefault((p.country_code, p.name), set()).add(k)
            if p.admin1 is not None:
                self.in_admin1.setdefault((p.country_code, p.admin1), set()).add(k)
            if p.feature == "admin2":
                self.admin2s.setdefault((p.country_code, p.admin1, p.name), set()).add(k)
            elif p.admin2 is not None:
                self.in_admin2.setdefault((p.country_code, p.admin1, p.admin2), set()).add(k)
            if p.feature not in ("country", "admin1") and p.countries:
                for cc in p.countries:
                    self.regions.setdefault(cc, set()).add(k)
            if p.feature in ("city", "admin2"):
                self.grid.setdefault(_cell(p.lat, p.lon), []).append(k)

    def others(self, name: str | None) -> Others:
        """The view for a mention called ``name``: the places chosen for every other name."""
        own = self.chosen.get(name, {}) if name is not None else {}
        return Others(self, frozenset(k for k in own if self.names[k] == 1))


class Others:
    """The chosen places but those only ``name`` chose (see :meth:`Chosen.others`)."""

    def __init__(self, chosen: Chosen, excluded: frozenset[str]):
        self.c = chosen
        self.excluded = excluded

    def _some(self, keys: set[str] | None, besides: Place) -> bool:
        """Whether ``keys`` holds a place other than ``besides`` and the excluded ones."""
        if not keys:
            return False
        skip = sum(1 for k in self.excluded if k in keys) + (besides.key in keys and besides.key not in self.excluded)
        return len(keys) > skip

    def same_country(self, p: Place) -> int:
        """How many other places lie in ``p``'s country (none when ``p`` has no country)."""
        if not p.country_code:
            return 0
        keys = self.c.by_country.get(p.country_code, set())
        return len(keys) - sum(1 for k in self.excluded if k in keys)

    def holding(self, p: Place) -> bool:
        """Whether another place that is not a country holds ``p`` (its first-level division, or a region)."""
        return (p.admin1 is not None and self._some(self.c.admin1s.get((p.country_code, p.admin1)), p)) or self._some(
            self.c.regions.get(p.country_code), p
        )

    def in_admin2(self, p: Place) -> bool:
        """Whether another mentioned second-level division holds ``p`` ("Walker County" for Huntsville, Texas), or
        ``p``, such a division, holds another mentioned place."""
        if p.feature == "admin2":
            return self._some(self.c.in_admin2.get((p.country_code, p.admin1, p.name)), p)
        return p.admin2 is not None and self._some(self.c.admin2s.get((p.country_code, p.admin1, p.admin2)), p)

    def in_same_admin1(self, p: Place) -> bool:
        """Whether another place lies in ``p``'s first-level division."""
        return p.admin1 is not None and self._some(self.c.in_admin1.get((p.country_code, p.admin1)), p)

    def held_by(self, p: Place) -> bool:
        """Whether ``p`` (a country, a first-level division or a region) holds another place."""
        if p.feature == "country":
            return self._some(self.c.by_country.get(p.country_code), p)
        if p.feature == "admin1":
            return self._some(self.c.in_admin1.get((p.country_code, p.name)), p)
        if p.countries:
            keys: set[str] = set()
            for cc in p.countries:
                keys |= self.c.by_country.get(cc, set())
            return self._some(keys, p)
        return False

    def near(self, p: Place, km: float) -> bool:
        """Whether another city or second-level division lies within ``km`` of ``p``."""
        for k in self._around(p, km):
            if k != p.key and k not in self.excluded and gz.distance_km(p, self.c.places[k]) < km:
                return True
        return False

    def _around(self, p: Place, km: float) -> Iterable[str]:
        """The grid cells that can hold a place within ``km`` (a little more, so that rounding never loses one)."""
        reach = (km + 1) / EARTH_KM  # radians
        dlat = math.degrees(reach) * 1.01
        lo, hi = p.lat - dlat, p.lat + dlat
        farthest = min(90.0, max(abs(lo), abs(hi)))
        # haversine: hav(d) >= cos(lat1) cos(lat2) hav(dlon), and cos(lat2) >= cos(farthest) in the band
        c = math.cos(math.radians(p.lat)) * math.cos(math.radians(farthest))
        s = math.sin(reach / 2)
        columns = round(360 / CELL)
        if c <= 0 or s >= math.sqrt(c):
            span = None
        else:
            dlon = math.degrees(2 * math.asin(s / math.sqrt(c))) * 1.01
            first, last = math.floor((p.lon - dlon) / CELL), math.floor((p.lon + dlon) / CELL)
            span = None if last - first + 1 >= columns else [_wrap(x) for x in range(first, last + 1)]
        for row in range(math.floor(lo / CELL), math.floor(hi / CELL) + 1):
            for col in span if span is not None else range(-columns // 2, columns // 2):
                yield from self.c.grid.get((row, col), ())

    def supports(self, q: Place) -> bool:
        """Whether another place makes the town ``q`` plausible: one in the same first-level division, or any in
        the same country for a town of some size."""
        if q.population >= SMALL_TOWN:
            return self._some(self.c.by_country.get(q.country_code), q)
        return q.admin1 is not None and self._some(self.c.in_admin1.get((q.country_code, q.admin1)), q)


def near_support(named: list[tuple[str, list[Place]]]) -> dict[str, int]:
    """For each town or district candidate, how many other names of the document (two at most) have a candidate
    near it (``NEAR_KM``), whatever they chose: local news names the small places of one county ("Douglas County
    ... Alexandria ... Brandon ... Kensington", all of Minnesota) and seldom the state that would tell them."""
    cells: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    found = []
    seen: set[tuple[str, str]] = set()  # a name said again adds no neighbour: each (name, place) once
    for name, candidates in named:
        for p in candidates:
            if p.feature in ("city", "admin2") and (name, p.key) not in seen:
                seen.add((name, p.key))
                cell = (math.floor(p.lat / CELL_DEG), math.floor(p.lon / CELL_DEG) % COLUMNS)
                cells.setdefault(cell, []).append((name, p))
                found.append((cell, name, p))
    support: dict[str, int] = {}
    for (row, col), name, p in found:
        wide = _columns(p.lat)
        near = {
            n
            for dr in (-1, 0, 1)
            for dc in range(-wide, wide + 1)
            for n, q in cells.get((row + dr, (col + dc) % COLUMNS), ())
            if n != name and gz.distance_km(p, q) <= NEAR_KM
        }
        if near:
            support[p.key] = min(2, len(near))
    return support


def _columns(lat: float) -> int:
    """How many cells east and west may hold a place within ``NEAR_KM`` (cells narrow towards the poles)."""
    across = 111.2 * CELL_DEG * math.cos(math.radians(min(89.0, abs(lat) + CELL_DEG)))
    return min(COLUMNS // 2, math.ceil(NEAR_KM / across))
