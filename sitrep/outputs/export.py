"""Export documents for other tools: JSON lines, an ACLED-style CSV of events, GeoJSON for maps.

    export(docs, "jsonl", out)            one document per line, the output contract
    export(docs, "csv", out)              one row per event; ACLED's columns first, sitrep's after them
    export(docs, "geojson", out)          a FeatureCollection: one Point per located event (places=True: and place)

Each returns the number of lines, rows or features written.

CSV columns follow ACLED's export, in ACLED's order (:data:`ACLED_COLUMNS`), so the file loads where ACLED data
does.  What sitrep cannot know is left empty: ``region``, ``admin2``, ``admin3``, ``source_scale``, ``tags``,
``timestamp``; ``inter1``/``inter2`` only say 1 (state forces: governments, security forces) or 2 (armed
groups), and ``interaction`` is filled when both are known.  Choices where sitrep's data is richer than ACLED's:

* ``event_id_cnty`` is ``<doc id>#<event id>``; ``event_date`` is the first day of the event's date;
* ``time_precision`` is 1 for a day, 2 for a span of a week or less, 3 for a month or coarser; empty when undated;
* ``fatalities`` is the best estimate, else the lowest, else 0 (ACLED's rule for unknown counts);
* ``actor1`` is the first actor, or when nobody is named the first group that claimed the event;
* ``notes`` is the evidence sentence(s) quoted from the text; ``geo_precision`` is 1 for a town or a site,
  2 for a district, 3 for a province or a country.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from sitrep.errors import ConfigError
from sitrep.keys import value_bounds
from sitrep.model import Count, Document, Entity, Event, Geo

FORMATS = ("jsonl", "csv", "geojson")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
SITREP_COLUMNS = (
    "plover_type", "plover_mode", "modality", "attributed_to", "confidence", "doc_id", "event_id", "evidence_start",
    "evidence_end", "injuries", "arrested", "claimed_by", "fatalities_low", "fatalities_high", "date_end",
    "date_precision", "url",
)  # fmt: skip
CSV_COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS

_INTER = {"government": 1, "security_force": 1, "armed_group": 2}
_GEO_PRECISION = {"place": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}
_DISORDER = {  # ACLED event type -> disorder type; sub-event types that differ are in _DISORDER_SUB
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_SUB = {"Excessive force against protesters": "Political violence; Demonstrations",
                 "Mob violence": "Political violence"}  # fmt: skip
_DISORDER_PLOVER = {"ASSAULT": "Political violence", "PROTEST": "Demonstrations"}


def export(docs: Iterable[Document], fmt: str, out: TextIO, *, places: bool = False) -> int:
    """Write ``docs`` to ``out`` as ``fmt`` (jsonl, csv or geojson); the number of lines/rows/features written."""
    if fmt == "jsonl":
        return _jsonl(docs, out)
    if fmt == "csv":
        return _csv(docs, out)
    if fmt == "geojson":
        return _geojson(docs, out, places=places)
    raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _jsonl(docs: Iterable[Document], out: TextIO) -> int:
    n = 0
    for doc in docs:
        out.write(doc.to_json() + "\n")
        n += 1
    return n


def _csv(docs: Iterable[Document], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for doc in docs:
        for ev in doc.events:
            writer.writerow(acled_row(doc, ev))
            n += 1
    return n


def acled_row(doc: Document, ev: Event) -> dict[str, Any]:
    """One event as a CSV row: ACLED's columns, then sitrep's (see the module docstring)."""
    names = _Names(doc)
    first = (ev.actors or ev.claimed_by)[:1]
    others = [a for a in ev.actors if a not in first]
    bounds = value_bounds(ev.date)
    place = doc.entity(ev.location)
    geo = place.geo if place else None
    code = geo.country_code if geo else (place.country if place else None)
    inter1, inter2 = _inter(doc, first), _inter(doc, ev.targets[:1])
    fatalities = _figure(ev.fatalities)
    return {
        "event_id_cnty": f"{doc.id}#{ev.id}",
        "event_date": bounds[0] if bounds else "",
        "year": bounds[0][:4] if bounds else "",
        "time_precision": _time_precision(ev, bounds),
        "disorder_type": disorder_type(ev),
        "event_type": ev.acled_event_type or "",
        "sub_event_type": ev.acled_sub_event_type or "",
        "actor1": names.join(first),
        "assoc_actor_1": names.join(others),
        "inter1": inter1,
        "actor2": names.join(ev.targets[:1]),
        "assoc_actor_2": names.join(ev.targets[1:]),
        "inter2": inter2,
        "interaction": f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter1 and inter2 else "",
        "civilian_targeting": "Civilian targeting" if ev.acled_event_type == "Violence against civilians" else "",
        "iso": _iso_numeric(code),
        "region": "",
        "country": country_name(doc, code),
        "admin1": (geo.admin1 or "") if geo else "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": geo.lat if geo else "",
        "longitude": geo.lon if geo else "",
        "geo_precision": _GEO_PRECISION.get(geo.feature, "") if geo else "",
        "source": doc.source or "",
        "source_scale": "",
        "notes": " ".join(" ".join(s.text.split()) for s in ev.evidence),
        "fatalities": fatalities if fatalities is not None else 0,
        "tags": "",
        "timestamp": "",
        "plover_type": ev.type,
        "plover_mode": ev.mode or "",
        "modality": ev.modality,
        "attributed_to": names.join([ev.attributed_to] if ev.attributed_to else []),
        "confidence": ev.confidence,
        "doc_id": doc.id,
        "event_id": ev.id,
        "evidence_start": ev.evidence[0].start if ev.evidence else "",
        "evidence_end": ev.evidence[-1].end if ev.evidence else "",
        "injuries": _or_empty(_figure(ev.injuries)),
        "arrested": _or_empty(_figure(ev.arrested)),
        "claimed_by": names.join(ev.claimed_by),
        "fatalities_low": _or_empty(ev.fatalities.low if ev.fatalities else None),
        "fatalities_high": _or_empty(ev.fatalities.high if ev.fatalities else None),
        "date_end": bounds[1] if bounds else "",
        "date_precision": ev.date.precision,
        "url": doc.url or "",
    }


def disorder_type(ev: Event) -> str:
    """ACLED's disorder type, from the ACLED labels when set, else from the PLOVER type."""
    if ev.acled_sub_event_type in _DISORDER_SUB:
        return _DISORDER_SUB[ev.acled_sub_event_type]
    if ev.acled_event_type in _DISORDER:
        return _DISORDER[ev.acled_event_type]
    if ev.type == "COERCE" and ev.mode != "arrest":
        return "Political violence"
    return _DISORDER_PLOVER.get(ev.type, "Strategic developments")


def _time_precision(ev: Event, bounds: tuple[str, str] | None) -> int | str:
    if bounds is None:
        return ""
    if ev.date.precision != "day":
        return 3
    days = (date.fromisoformat(bounds[1]) - date.fromisoformat(bounds[0])).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def _figure(count: Count | None) -> int | None:
    if count is None:
        return None
    return count.best if count.best is not None else count.low


def _or_empty(value: Any) -> Any:
    return "" if value is None else value


def _inter(doc: Document, ids: list[str]) -> int | str:
    ent = doc.entity(ids[0]) if ids else None
    return _INTER.get(ent.type, "") if ent else ""


def _iso_numeric(code: str | None) -> int | str:
    country = _pycountry(code)
    return int(country.numeric) if country else ""


def country_name(doc: Document | None, code: str | None) -> str:
    """A country's name: the document's own ("Russia", not "Russian Federation"), else ISO 3166's."""
    if not code:
        return ""
    for ent in doc.entities if doc else ():
        if ent.type == "country" and (ent.country == code or (ent.geo and ent.geo.country_code == code)):
            return ent.name
    country = _pycountry(code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _pycountry(code: str | None) -> Any:
    if not code:
        return None
    import pycountry  # loaded on first use: it reads its databases when imported

    return pycountry.countries.get(alpha_2=code)


class _Names:
    """Entity ids of one document turned into names."""

    def __init__(self, doc: Document):
        self.by_id = {e.id: e.name for e in doc.entities}

    def join(self, ids: Iterable[str]) -> str:
        return "; ".join(self.by_id.get(i, i) for i in ids)


# -- GeoJSON -----------------------------------------------------------------------------------------------


def _geojson(docs: Iterable[Document], out: TextIO, *, places: bool) -> int:
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    seen: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for ev in doc.events:
            feature = event_feature(doc, ev)
            if feature is not None:
                out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
                n += 1
        if places:
            for ent in doc.entities:
                _collect_place(seen, doc, ent)
    for feature in seen.values():
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def event_feature(doc: Document, ev: Event) -> dict[str, Any] | None:
    """A GeoJSON Point feature for an event whose location has coordinates; None otherwise."""
    place = doc.entity(ev.location)
    if place is None or place.geo is None:
        return None
    row = acled_row(doc, ev)
    names = _Names(doc)
    props = {
        "kind": "event",
        "doc_id": doc.id,
        "event_id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type,
        "date_start": ev.date.start,
        "date_end": ev.date.end,
        "date_precision": ev.date.precision,
        "actors": [names.by_id.get(i, i) for i in ev.actors],
        "targets": [names.by_id.get(i, i) for i in ev.targets],
        "claimed_by": [names.by_id.get(i, i) for i in ev.claimed_by],
        "place": place.name,
        "place_type": place.type,
        "country": row["country"] or None,
        "admin1": place.geo.admin1,
        "fatalities": _figure(ev.fatalities),
        "injuries": _figure(ev.injuries),
        "arrested": _figure(ev.arrested),
        "modality": ev.modality,
        "attributed_to": names.by_id.get(ev.attributed_to) if ev.attributed_to else None,
        "confidence": ev.confidence,
        "notes": row["notes"],
        "source": doc.source,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published,
    }
    return _point(place.geo, props)


def _collect_place(seen: dict[str, dict[str, Any]], doc: Document, ent: Entity) -> None:
    if not ent.is_place or ent.geo is None:
        return
    key = ent.kb_id or (f"geo:{ent.geo.geonameid}" if ent.geo.geonameid else f"{ent.name}@{ent.geo.lat},{ent.geo.lon}")
    feature = seen.get(key)
    if feature is None:
        props: dict[str, Any] = {"kind": "place", "name": ent.name, "place_type": ent.type, "feature": ent.geo.feature,
                 "country_code": ent.geo.country_code, "admin1": ent.geo.admin1, "geonameid": ent.geo.geonameid,
                 "wikidata": ent.wikidata, "mentions": 0, "doc_ids": []}  # fmt: skip
        feature = seen[key] = _point(ent.geo, props)
    props = feature["properties"]
    props["mentions"] += len(ent.mentions)
    if doc.id not in props["doc_ids"]:
        props["doc_ids"].append(doc.id)


def _point(geo: Geo, props: dict[str, Any]) -> dict[str, Any]:
    coords = [geo.lon, geo.lat]  # GeoJSON order: longitude first
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}, "properties": props}
