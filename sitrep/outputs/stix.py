"""The ``stix`` export: a STIX 2.1 bundle that OpenCTI and MISP (through misp-stix) import.

    write(docs, out) -> objects written          bundle(docs) -> the bundle as a dict

The mapping (documented in ``docs/stix-misp.md``):

* a **Report** per document: ``name`` its title, ``published`` its date, ``description`` its text,
  ``object_refs`` everything extracted from it, the source and URL as an external reference;
* armed groups are **Intrusion-Sets**; persons, governments, security forces, organisations, media and
  unnamed parties ("gunmen", "civilians") **Identities** with ``identity_class`` (individual, organization,
  group) and ``sectors``; places **Locations** with coordinates, country, administrative area, city and
  ``x_opencti_location_type`` (Country, Administrative-Area, City, Position);
* events are **Incidents** carrying sitrep's event fields (PLOVER and ACLED coding, date and precision,
  counts, modality) in a property extension (:data:`EXTENSION_ID`, defined in the bundle);
* roles and facts are **Relationships** (``attributed-to``, ``targets``, ``located-at``, ``part-of``,
  ``cooperates-with``, ``originates-from``, ``related-to``); a fact with no second party (a size, a trend, a
  statement) is a **Note** on its subject.  Each carries the evidence quote and the source as an external
  reference, the modality and who says so (``x_sitrep_*``) and a ``confidence`` of 0-100.

Ids are UUIDv5 of stable keys, so exporting twice gives the same ids, and one actor or place met in several
documents (same KB id, GeoNames id, Wikidata id or name and type) is one object.  Descriptive parties
("gunmen") are kept per document.  Timestamps are the publication date (1970-01-01 when it is unknown).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep import keys
from sitrep.model import Document, Entity, Event, Fact, Span

from .phrases import quote
from .report import event_clause, fact_phrase

NAMESPACE = uuid.UUID("6f0bb1f4-4f43-4b87-9a59-2f1d4b6e7c11")  # sitrep's: ids are uuid5(NAMESPACE, key)
EXTENSION_ID = "extension-definition--" + str(uuid.uuid5(NAMESPACE, "extension:sitrep-event"))
SITREP_ID = "identity--" + str(uuid.uuid5(NAMESPACE, "identity:sitrep"))
EPOCH = "1970-01-01T00:00:00.000Z"

_LOCATION_TYPES = {"country": "Country", "admin_area": "Administrative-Area", "city": "City", "location": "Position"}
_IDENTITY = {  # entity type -> (identity_class, sectors)
    "person": ("individual", []),
    "government": ("organization", ["government-national"]),
    "security_force": ("organization", ["defense"]),
    "organization": ("organization", []),
    "media": ("organization", ["communications"]),
    "other": ("group", []),
}
_FACT_RELATIONS = {  # predicate -> relationship type; a place as the object of these
    "based_in": "located-at", "operates_in": "located-at", "founded": "originates-from", "member_of": "part-of",
    "allied_with": "cooperates-with", "fights": "targets",
}  # fmt: skip
_THREATS = frozenset({"intrusion-set"})


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False) -> int:
    """Write the bundle (``places`` is unused: every place is a Location); the number of objects."""
    data = bundle(docs)
    out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return len(data["objects"])


def bundle(docs: Iterable[Document]) -> dict[str, Any]:
    """The STIX 2.1 bundle of ``docs`` as a dict (its id is derived from the documents' ids)."""
    b = _Bundle()
    doc_ids = [b.document(doc) for doc in docs]
    objects = [_sitrep_identity(), _extension_definition(), *b.objects.values()]
    bundle_id = "bundle--" + str(uuid.uuid5(NAMESPACE, "bundle:" + "\n".join(doc_ids)))
    return {"type": "bundle", "id": bundle_id, "objects": objects}


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def entity_key(doc: Document, ent: Entity) -> str:
    """What makes two entities of different documents one STIX object."""
    if ent.origin == "description" or ent.type == "other":
        return f"{doc.id}#{ent.id}"  # "gunmen" here are not the gunmen of another report
    return keys.entity_key(ent)


def _time(day: str | None) -> str:
    return f"{day[:10]}T00:00:00.000Z" if day and len(day) >= 10 else EPOCH


def _common(kind: str, key: str, when: str) -> dict[str, Any]:
    return {"type": kind, "spec_version": "2.1", "id": stix_id(kind, key), "created": when, "modified": when,
            "created_by_ref": SITREP_ID}  # fmt: skip


class _Bundle:
    """The objects of the bundle by id; one call of :meth:`document` per document."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}

    def add(self, obj: dict[str, Any]) -> str:
        self.objects.setdefault(obj["id"], obj)
        return obj["id"]

    def document(self, doc: Document) -> str:
        when = _time(doc.published)
        ids: dict[str, str] = {}  # entity id -> STIX id
        for ent in doc.entities:
            obj = self.entity(doc, ent, when)
            if obj is not None:
                ids[ent.id] = obj
        refs = list(ids.values())
        for ev in doc.events:
            refs += self.event(doc, ev, ids, when)
        for f in doc.facts:
            refs += self.fact(doc, f, ids, when)
        report = _common("report", doc.id, when)
        report.update(
            name=doc.title or _first_line(doc.text), published=when.replace(".000Z", "Z"), description=doc.text,
            report_types=["threat-report"], object_refs=list(dict.fromkeys(refs)) or [SITREP_ID],
            external_references=[_source_ref(doc)], x_sitrep_doc_id=doc.id,
        )  # fmt: skip
        if doc.language:
            report["lang"] = doc.language
        return self.add(report)

    # -- entities ----------------------------------------------------------------------------------------------
    def entity(self, doc: Document, ent: Entity, when: str) -> str | None:
        key = entity_key(doc, ent)
        if ent.is_place:
            obj = _location(ent, key, when)
        elif ent.type == "armed_group":
            obj = _common("intrusion-set", key, when)
            obj["name"] = ent.name
        else:
            obj = _common("identity", key, when)
            identity_class, sectors = _IDENTITY.get(ent.type, ("unknown", []))
            obj.update(name=ent.name, identity_class=identity_class)
            if sectors:
                obj["sectors"] = sectors
        if obj is None:
            return None
        old = self.objects.get(obj["id"])
        if old is not None:  # met before: gather the names it goes by
            _add_aliases(old, ent)
            return old["id"]
        _add_aliases(obj, ent)
        if ent.wikidata:
            obj["external_references"] = [{"source_name": "wikidata", "external_id": ent.wikidata,
                                           "url": f"https://www.wikidata.org/wiki/{ent.wikidata}"}]  # fmt: skip
        if ent.country and not ent.is_place:
            obj["x_sitrep_country"] = ent.country
        obj["x_sitrep_type"] = ent.type
        return self.add(obj)

    # -- events ------------------------------------------------------------------------------------------------
    def event(self, doc: Document, ev: Event, ids: dict[str, str], when: str) -> list[str]:
        obj = _common("incident", f"{doc.id}#{ev.id}", when)
        names = {e.id: e.name for e in doc.entities}
        obj.update(
            name=event_clause(doc, ev), description=" ".join(quote(doc, s, limit=1000) for s in ev.evidence),
            confidence=_confidence(ev.confidence), labels=[x for x in (ev.type, ev.acled_sub_event_type) if x],
            external_references=[_source_ref(doc, s) for s in ev.evidence] or [_source_ref(doc)],
            extensions={EXTENSION_ID: _event_fields(doc, ev, names)},
        )  # fmt: skip
        if ev.date.start:
            obj["first_seen"] = _time(_first_day(ev.date.start))
        refs = [self.add(obj)]
        roles = [("actor", a, ev.modality) for a in ev.actors] + [("target", t, ev.modality) for t in ev.targets]
        roles += [("claimant", c, "claimed") for c in ev.claimed_by]
        roles += [("responsible", r.actor, r.modality) for r in ev.responsibility if r.actor not in ev.claimed_by]
        if ev.location:
            roles.append(("location", ev.location, ev.modality))
        seen: set[tuple[str, str]] = set()
        for role, eid, modality in roles:
            target = ids.get(eid)
            if target is None or (role, eid) in seen:
                continue
            seen.add((role, eid))
            kind = self.objects[target]["type"]
            rel = _role_relation(role, kind, modality)
            key = f"{doc.id}#{ev.id}#{role}#{eid}"
            said = names.get(ev.attributed_to or "")
            rel_obj = self.relationship(doc, key, rel, obj["id"], target, ev.evidence, when, ev.confidence,
                                        modality=modality, role=role, said=said)  # fmt: skip
            refs.append(self.add(rel_obj))
        return refs

    # -- facts -------------------------------------------------------------------------------------------------
    def fact(self, doc: Document, f: Fact, ids: dict[str, str], when: str) -> list[str]:
        subject = ids.get(f.subject)
        if subject is None:
            return []
        said = next((e.name for e in doc.entities if e.id == f.attributed_to), None)
        target = ids.get(f.object or "")
        key = f"{doc.id}#{f.id}"
        if target is None:  # a size, a trend, a statement: a note on its subject
            note = _common("note", key, when)
            note.update(
                abstract=f"{self.objects[subject]['name']}: {fact_phrase(doc, f)}",
                content=" ".join(quote(doc, s, limit=1000) for s in f.evidence) or fact_phrase(doc, f),
                object_refs=[subject], confidence=_confidence(f.confidence),
                external_references=[_source_ref(doc, s) for s in f.evidence] or [_source_ref(doc)],
                x_sitrep_predicate=f.predicate, x_sitrep_modality=f.modality,
            )  # fmt: skip
            if said:
                note["authors"] = [said]
            return [self.add(note)]
        rel = _FACT_RELATIONS.get(f.predicate, "related-to")
        if rel == "targets" and self.objects[target]["type"] == "identity" and f.predicate != "fights":
            rel = "related-to"
        obj = self.relationship(doc, key, rel, subject, target, f.evidence, when, f.confidence, modality=f.modality,
                                said=said, predicate=f.predicate, description=fact_phrase(doc, f))
        return [self.add(obj)]

    def relationship(self, doc: Document, key: str, rel: str, source: str, target: str, evidence: list[Span],
                     when: str, confidence: float, **extra: str | None) -> dict[str, Any]:  # fmt: skip
        obj = _common("relationship", key, when)
        obj.update(relationship_type=rel, source_ref=source, target_ref=target, confidence=_confidence(confidence),
                   external_references=[_source_ref(doc, s) for s in evidence] or [_source_ref(doc)])  # fmt: skip
        description = extra.pop("description", None)
        if description:
            obj["description"] = description
        obj.update({f"x_sitrep_{k}": v for k, v in extra.items() if v})
        return obj


def _location(ent: Entity, key: str, when: str) -> dict[str, Any] | None:
    obj = _common("location", key, when)
    obj.update(name=ent.name, x_opencti_location_type=_LOCATION_TYPES.get(ent.type, "Position"))
    country = ent.geo.country_code if ent.geo else ent.country
    if ent.geo is not None:
        obj.update(latitude=round(ent.geo.lat, 6), longitude=round(ent.geo.lon, 6), x_sitrep_feature=ent.geo.feature)
        if ent.geo.admin1 and ent.type != "country":
            obj["administrative_area"] = ent.geo.admin1
    elif not country:
        return None  # STIX needs coordinates, a country or a region: a place known by name only is left out
    if country:
        obj["country"] = country
    if ent.type == "city":
        obj["city"] = ent.name
    return obj


def _add_aliases(obj: dict[str, Any], ent: Entity) -> None:
    names = [n for n in ent.aliases if n != obj["name"]]
    if obj["type"] == "identity":
        if names:
            obj["x_opencti_aliases"] = list(dict.fromkeys([*obj.get("x_opencti_aliases", []), *names]))
        return
    if names:
        obj["aliases"] = list(dict.fromkeys([*obj.get("aliases", []), *names]))


def _role_relation(role: str, kind: str, modality: str) -> str:
    if role == "location":
        return "located-at"
    if role == "target":
        return "targets" if kind in ("identity", "location") else "related-to"
    if modality == "negated":
        return "related-to"  # a denial: the party is named, not blamed
    return "attributed-to" if kind in _THREATS else "related-to"


def _event_fields(doc: Document, ev: Event, names: dict[str, str]) -> dict[str, Any]:
    def count(c: Any) -> dict[str, Any] | None:
        return None if c is None else {"low": c.low, "best": c.best, "high": c.high, "text": c.text}

    fields = {
        "extension_type": "property-extension",
        "doc_id": doc.id, "event_id": ev.id, "plover_type": ev.type, "plover_mode": ev.mode,
        "acled_event_type": ev.acled_event_type, "acled_sub_event_type": ev.acled_sub_event_type,
        "gtd_attack_type": ev.gtd_attack_type,
        "date_start": ev.date.start, "date_end": ev.date.end, "date_precision": ev.date.precision,
        "date_text": ev.date.text, "fatalities": count(ev.fatalities), "injuries": count(ev.injuries),
        "arrested": count(ev.arrested), "modality": ev.modality,
        "attributed_to": names.get(ev.attributed_to or ""), "attributed_via": names.get(ev.attributed_via or ""),
        "evidence": [{"start": s.start, "end": s.end} for s in ev.evidence],
    }  # fmt: skip
    return {k: v for k, v in fields.items() if v is not None}


def _source_ref(doc: Document, span: Span | None = None) -> dict[str, Any]:
    ref: dict[str, Any] = {"source_name": doc.source or doc.title or "sitrep document", "external_id": doc.id}
    if doc.url:
        ref["url"] = doc.url
    if span is not None:
        ref["description"] = quote(doc, span, limit=1000)
    return ref


def _confidence(value: float) -> int:
    return max(0, min(100, round(value * 100)))


def _first_day(iso: str) -> str:
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def _first_line(text: str) -> str:
    line = next((x.strip() for x in text.splitlines() if x.strip()), "untitled document")
    return line if len(line) <= 120 else line[:119] + "…"


def _sitrep_identity() -> dict[str, Any]:
    return {"type": "identity", "spec_version": "2.1", "id": SITREP_ID, "created": EPOCH, "modified": EPOCH,
            "name": "sitrep", "identity_class": "system",
            "description": "Source-linked events and facts extracted from reporting by sitrep."}  # fmt: skip


def _extension_definition() -> dict[str, Any]:
    return {
        "type": "extension-definition", "spec_version": "2.1", "id": EXTENSION_ID, "created": EPOCH,
        "modified": EPOCH, "created_by_ref": SITREP_ID, "name": "sitrep event",
        "description": "An event sitrep extracted: PLOVER and ACLED coding, date and its precision, fatalities, "
        "injuries and arrests as low/best/high counts, modality, who says so, evidence offsets.",
        "schema": "sitrep docs/stix-misp.md, section 'The sitrep event extension'",
        "version": "1.0", "extension_types": ["property-extension"],
    }  # fmt: skip
