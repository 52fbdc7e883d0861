"""The ``places`` stage: find toponyms, resolve them to gazetteer places and describe regions.

1. Recognition.  Candidate names come from the gazetteer (:func:`sitrep.knowledge.gazetteer.find`); when the ``nlp``
   stage tagged the text, its LOC/GPE spans confirm them and its PER spans veto them.  Without a tagger (Russian,
   or no model) a candidate must look like a place: not a person ("Seymour Hersh", "Clinton said"), not a common
   word at the start of a sentence, and small towns only after a locative word, with a word for their people or
   offices after them ("Pella police"), or with support in the document.  Street and road names, which the
   gazetteer lacks, are found by their form (:mod:`.streets`).
2. Resolution.  Each candidate place is scored by its prior (country > admin1 > big city), local cues
   ("Pakistan's Balochistan", "Alexandria, La.", "Kandahar province", "the city of Kandahar") and the document's
   other places (their countries, the admin1 units and counties that contain them, how near they are): first the
   places of the names sure of their choice, then every choice as it is made.
3. Descriptive regions from ``regions.yaml``: "southern Tajikistan", "the Afghanistan-Pakistan border",
   "the tribal areas", "на юге Таджикистана", "афгано-пакистанская граница".

All mentions of one place become one :class:`~sitrep.model.Entity` (origin "gazetteer", or "description" for
descriptive regions, "ner" for tagged locations the gazetteer does not know).
"""

from __future__ import annotations

import re
from typing import Any

from sitrep.extract.spans import Intervals
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.gazetteer import Place
from sitrep.model import Document, Entity, EntityType, Geo, Mention
from sitrep.pipeline import stage

from .demonyms import demonym_places
from .nearby import near_links, near_names, puts_near, shifted
from .persons import no_place_in_name
from .phrases import read
from .recognition import Toponym, recognise
from .regions import Region, describe
from .resolution import resolve, resolve_spans
from .shortnames import bare_divisions
from .stopped import placed_stop_words
from .streets import is_street

__all__ = ["is_street", "no_place_in_name", "place_entity", "places", "puts_near", "resolve_spans"]

TYPES: dict[str, EntityType] = {
    "country": "country", "admin1": "admin_area", "admin2": "admin_area", "city": "city", "place": "location",
}  # fmt: skip
PRECISION = {"country": 3, "admin1": 3, "admin2": 2, "city": 1, "place": 1}  # ACLED's geo precision of a place


@stage("places", needs=("text", "language"), adds=("places",))
def places(doc: Document) -> Document:
    """Add one place entity per place mentioned in ``doc.text[:body_end]``."""
    lang = doc.language or "en"
    end = doc.layers.body_end if doc.layers.body_end is not None else len(doc.text)
    tagged = bool(doc.layers.ner) or ("nlp" in doc.layers.done and lang == "en")
    found = recognise(doc.text, lang, end, doc.layers.ner if tagged else None)
    found = sorted(found + placed_stop_words(doc.text, found, lang, end), key=lambda m: m.start)  # "the town of Hit"
    found = near_names(doc.text, found, lang, end, doc.layers.ner if tagged else None)  # "Kanaan, near Baqubah"
    mentions, links = read(doc.text, found, lang, end)
    links += near_links(doc.text, mentions, lang)  # "X near Y", "X, 20 km north of Y"
    mentions = sorted(mentions + demonym_places(doc.text, mentions, lang, end), key=lambda m: m.start)
    resolve(doc.text, mentions, lang, end, links)
    mentions += bare_divisions(doc.text, mentions, lang, end)  # "Gwinnett County ... Gwinnett Medical Center"
    kept = [m for m in mentions if m.place is not None or m.container is not None or m.confirmed]
    regions = describe(doc.text, lang, end, [(m.start, m.end, m.place) for m in kept if m.place and not m.demonym])
    described = Intervals([(r.start, r.end) for r in regions])  # "many Afghan provinces": the region, no demonym
    made_by = _Entities(doc)
    _add_entities(made_by, [m for m in kept if not (m.demonym and described.overlaps(m.start, m.end))])
    _add_regions(made_by, regions)
    made_by.finish()
    _drop_shadowed(doc)
    return doc


# ---------------------------------------------------------------------------------------------------------
# entities


def _geo(p: Place) -> Geo | None:
    """The contract's geo; None for a region of several countries ("the Middle East"), which has no country code."""
    if not p.country_code:
        return None
    feature: Any = p.feature if p.feature in ("country", "admin1", "admin2", "city") else "place"
    precision = 3 if "approximate" in p.flags else PRECISION[feature]
    return Geo(p.lat, p.lon, p.geonameid, p.country_code, p.admin1, feature, p.admin2, precision)


def place_entity(p: Place) -> Entity:
    """A new entity for the gazetteer place ``p`` (no id, no mentions yet)."""
    return Entity(
        id="", name=p.name, type=TYPES.get(p.feature, "location"), country=p.country_code or None, geo=_geo(p),
        kb_id=p.kb_id, origin="gazetteer",
    )  # fmt: skip


def _contained(kind: str | None, holder: Place, offset: tuple[float, float] | None = None) -> Geo | None:
    """The geo of a place the gazetteer does not know, from the known place ``holder`` that holds it or lies near
    it: its point (``offset`` km and degrees away: "20 km north of Baghdad"), divisions and country, with
    precision 2 for a town or district around it, 3 for a province or wider."""
    if not holder.country_code:
        return None
    admin2 = holder.name if holder.feature == "admin2" else holder.admin2
    precision = 2 if holder.feature in ("city", "admin2", "place") and "approximate" not in holder.flags else 3
    feature: Any = kind if kind in ("admin1", "admin2", "city") else "place"
    lat, lon = shifted(holder.lat, holder.lon, offset)
    return Geo(lat, lon, None, holder.country_code, holder.admin1, feature, admin2, precision)


class _Entities:
    """Makes the place entities: one per key, each mention once; mentions sorted and aliases set at the end."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.ids = {e.id for e in doc.entities}
        self.by_kb: dict[str, Entity] = {}
        for e in doc.entities:
            if e.kb_id is not None:
                self.by_kb.setdefault(e.kb_id, e)
        self.spans: dict[int, set[tuple[int, int]]] = {}
        self.touched: dict[int, Entity] = {}

    def get(self, key: str, made: dict[str, Entity], **fields: Any) -> Entity:
        if key not in made:
            n = len(self.doc.entities) + 1  # as Document.new_entity_id, without a scan per entity
            while f"e{n}" in self.ids:
                n += 1
            self.ids.add(f"e{n}")
            made[key] = ent = Entity(id=f"e{n}", **fields)
            self.doc.entities.append(ent)
            if ent.kb_id is not None:
                self.by_kb.setdefault(ent.kb_id, ent)
        return made[key]

    def mention(self, ent: Entity, start: int, end: int, kind: str = "name") -> None:
        spans = self.spans.get(id(ent))
        if spans is None:  # built once per entity (setdefault would build the set on every call: quadratic)
            spans = self.spans[id(ent)] = {(m.start, m.end) for m in ent.mentions}
        if (start, end) not in spans:
            spans.add((start, end))
            ent.mentions.append(Mention(start, end, self.doc.text[start:end], kind))
            self.touched[id(ent)] = ent

    def finish(self) -> None:
        for ent in self.touched.values():
            ent.mentions.sort(key=lambda s: s.start)
            ent.refresh_aliases()


def _add_entities(made_by: _Entities, mentions: list[Toponym]) -> None:
    doc = made_by.doc
    made: dict[str, Entity] = {}
    for m in mentions:
        p = m.place
        if p is None and m.container is not None:  # unknown to the gazetteer, placed by its container; placed by
            # the document's one country only (``setting``): that country, no point
            name, holder = doc.text[m.start : m.end], m.container
            etype = TYPES.get(m.kind or "place", "location")
            geo = None if m.setting else _contained(m.kind, holder, m.offset)  # "20 km north of": moved
            ent = made_by.get(
                f"in:{gz.norm(name)}@{holder.key}", made, name=name, type=etype, country=holder.country_code or None,
                geo=geo, origin="ner" if m.setting else "gazetteer",
            )  # fmt: skip
        elif p is None:  # tagged as a location, unknown to the gazetteer
            name = doc.text[m.start : m.end]
            ent = made_by.get("ner:" + gz.norm(name), made, name=name, type="location", origin="ner")
        else:
            ent = made_by.get(
                p.key, made, name=p.name, type=TYPES.get(p.feature, "location"), country=p.country_code or None,
                geo=_geo(p), kb_id=p.kb_id, origin="gazetteer",
            )  # fmt: skip
        made_by.mention(ent, m.start, m.end, "description" if m.description else "demonym" if m.demonym else "name")


_COORDINATED = re.compile(r"\s(?:and|or|и|или)\s|,")


def _drop_shadowed(doc: Document) -> None:
    """Drop tagged-only locations whose every mention another place entity also covers ("the West"), or that
    join a known place with another word ("the West and East": the tagger's span, not one place)."""
    spans = {(m.start, m.end) for e in doc.entities if e.origin != "ner" and e.is_place for m in e.mentions}

    def shadowed(m: Mention) -> bool:
        return (m.start, m.end) in spans or (
            bool(_COORDINATED.search(m.text)) and any(m.start <= s and e <= m.end for s, e in spans)
        )

    doc.entities = [e for e in doc.entities if e.origin != "ner" or not all(shadowed(m) for m in e.mentions)]


def _add_regions(made_by: _Entities, regions: list[Region]) -> None:
    made: dict[str, Entity] = {}
    for region in regions:
        if region.place is not None:  # a generic name that means a known place ("the tribal areas")
            p = region.place
            fields: dict[str, Any] = dict(name=p.name, type=TYPES.get(p.feature, "location"), kb_id=p.kb_id)
            fields.update(country=p.country_code or None, geo=_geo(p), origin="gazetteer")
            ent = made_by.by_kb.get(p.kb_id) or made_by.get(p.key, made, **fields)
        else:
            ent = made_by.get(
                "desc:" + region.name, made, name=region.name, type="location", country=region.country,
                geo=region.geo, kb_id=f"geo:{region.name}", origin="description",
            )  # fmt: skip
        made_by.mention(ent, region.start, region.end, "name" if region.place else "description")
