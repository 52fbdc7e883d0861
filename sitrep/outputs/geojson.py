"""The ``geojson`` export: a FeatureCollection with one Point per located event (``places=True``: and one per
place, merged across documents by KB id or GeoNames id), for maps.

    write(docs, out, places=False) -> features written          event_feature(doc, event) -> one Feature or None

Event features carry the event's coding, names, counts, source and the same ``country`` and ``notes`` as the
CSV row (:func:`sitrep.outputs.acled_csv.acled_row`); coordinates are GeoJSON's ``[longitude, latitude]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.linking import Links, reconcile
from sitrep.model import Document, Entity, Event, Geo

from .acled_csv import EntityNames, acled_row, figure


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False, links: Links | None = None) -> int:
    """Write the FeatureCollection; the number of features.  With ``links`` (the store's incidents), one feature
    per incident: its most complete report's, with the counts reconciled and every report listed."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    seen: dict[str, dict[str, Any]] = {}
    incidents: dict[str, list[_Member]] = {}
    for doc in docs:
        for ev in doc.events:
            feature = event_feature(doc, ev)
            if feature is not None and links is not None:
                key = links.get((doc.id, ev.id)) or f"{doc.id}#{ev.id}"
                incidents.setdefault(key, []).append(((bool(ev.actors), bool(ev.targets), ev.confidence), feature, ev))
            elif feature is not None:
                out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
                n += 1
        if places:
            for ent in doc.entities:
                _collect_place(seen, doc, ent)
    for key, members in incidents.items():
        feature = _incident_feature(key, members)
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        n += 1
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
    names = EntityNames(doc)
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
        "fatalities": figure(ev.fatalities),
        "injuries": figure(ev.injuries),
        "arrested": figure(ev.arrested),
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


_Member = tuple[tuple[bool, bool, float], dict[str, Any], Event]  # (rank, feature, event) of one report


def _incident_feature(key: str, members: list[_Member]) -> dict[str, Any]:
    feature = max(members, key=lambda m: m[0])[1]
    props = feature["properties"]
    fat, inj = reconcile(m[2].fatalities for m in members), reconcile(m[2].injuries for m in members)
    props.update(kind="incident", incident_id=key, fatalities=figure(fat), injuries=figure(inj),
                 fatalities_low=fat.low if fat else None, fatalities_high=fat.high if fat else None,
                 reports=[{k: m[1]["properties"][k] for k in ("doc_id", "event_id", "source", "fatalities", "injuries")}
                          for m in members])  # fmt: skip
    return feature


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
