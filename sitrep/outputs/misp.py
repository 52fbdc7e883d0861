"""The ``misp`` export: one MISP event per document, built with pymisp's model, in the JSON MISP imports
(``{"response": [{"Event": ...}, ...]}``, what MISP's own REST search returns).

    write(docs, out) -> events written          event(doc) -> one pymisp.MISPEvent

The mapping (documented in ``docs/stix-misp.md``): the event's ``info`` is the title, ``date`` the publication
date; the text is an Event Report and a ``report`` object (title, link); armed groups are ``intrusion-set``
objects, persons ``person``, the other actors ``organization``, places ``geolocation`` (coordinates, country
code, region, city); events are ``incident`` objects whose description says who did what where, the counts,
the modality and who says so, with references ``attributed-to`` / ``claimed-by`` / ``targets`` /
``located-at`` to the parties; a fact between two parties is a reference named by its predicate
(``based-in``), and a fact on one party (a size, a trend, a statement) an ``annotation`` object.  The
evidence quote is the comment of every reference and annotation.  UUIDs are UUIDv5 of the document and
record ids (same export, same UUIDs); distribution is "your organisation only" (0), analysis "completed".
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.model import Document, Entity, Event, Fact

from .acled_csv import country_name, figure
from .phrases import quotes
from .report import event_clause, fact_phrase
from .stix import NAMESPACE

_ORG_TYPES = {"government": "government", "security_force": "security force", "organization": "organisation",
              "media": "media", "other": "unnamed party"}  # fmt: skip


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False) -> int:
    """Write ``{"response": [{"Event": ...}, ...]}`` (``places`` is unused), an event at a time; their number."""
    from pymisp.abstract import pymisp_json_default  # how pymisp writes its records as JSON

    out.write('{"response": [')
    n = 0
    for doc in docs:
        data = json.dumps(event(doc), default=pymisp_json_default, ensure_ascii=False, indent=1)
        out.write(("," if n else "") + '\n{"Event": ' + data + "}")
        n += 1
    out.write("\n]}\n")
    return n


def event(doc: Document) -> Any:
    """The MISP event of one document (a ``pymisp.MISPEvent``)."""
    from pymisp import MISPEvent  # imported on first use: only this export needs it

    e = MISPEvent()
    e.uuid = _uuid(doc, "event")
    e.info = doc.title or next((x.strip() for x in doc.text.splitlines() if x.strip()), doc.id)[:200]
    if doc.published:
        e.date = datetime.date.fromisoformat(doc.published)
    e.distribution, e.threat_level_id, e.analysis = 0, 4, 2
    e.add_tag("sitrep")
    if doc.language:
        e.add_tag(f'sitrep:language="{doc.language}"')
    report = e.add_event_report(doc.title or "text", doc.text)
    report.uuid = _uuid(doc, "text")
    source = _object(doc, "report", "report")
    _attr(source, doc, "report", "title", doc.title or e.info)
    if doc.url:
        _attr(source, doc, "report", "link", doc.url)
    _attr(source, doc, "report", "type", f"source: {doc.source}" if doc.source else "source unknown")
    e.add_object(source)
    objects = {ent.id: obj for ent in doc.entities if (obj := _entity(doc, ent)) is not None}
    for obj in objects.values():
        e.add_object(obj)
    for ev in doc.events:
        e.add_object(_incident(doc, ev, objects))
    for f in doc.facts:
        note = _fact(doc, f, objects)
        if note is not None:
            e.add_object(note)
    return e


def _uuid(doc: Document, *parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "misp:" + "#".join([doc.id, *parts])))


def _object(doc: Document, template: str, key: str) -> Any:
    from pymisp import MISPObject

    obj = MISPObject(template, standalone=False)
    obj.uuid = _uuid(doc, key)
    return obj


def _attr(obj: Any, doc: Document, key: str, relation: str, value: Any, comment: str | None = None) -> None:
    n = len(obj.attributes)
    kwargs = {"comment": comment} if comment else {}
    obj.add_attribute(relation, value=value, uuid=_uuid(doc, key, relation, str(n)), **kwargs)


def _reference(obj: Any, doc: Document, key: str, target: Any, relation: str, comment: str) -> None:
    ref = obj.add_reference(target.uuid, relation, comment=comment)
    ref.uuid = _uuid(doc, key, relation, target.uuid)


def _entity(doc: Document, ent: Entity) -> Any | None:
    key = f"entity:{ent.id}"
    if ent.is_place:
        obj = _object(doc, "geolocation", key)
        _attr(obj, doc, key, "text", ent.name, comment=ent.type)
        if ent.geo:
            _attr(obj, doc, key, "latitude", ent.geo.lat)
            _attr(obj, doc, key, "longitude", ent.geo.lon)
            if ent.geo.admin1 and ent.type != "country":
                _attr(obj, doc, key, "region", ent.geo.admin1)
        code = ent.geo.country_code if ent.geo else ent.country
        if code:
            _attr(obj, doc, key, "countrycode", code)
            _attr(obj, doc, key, "country", country_name(doc, code))
        if ent.type == "city":
            _attr(obj, doc, key, "city", ent.name)
        return obj
    if ent.type == "armed_group":
        obj = _object(doc, "intrusion-set", key)
        _attr(obj, doc, key, "name", ent.name)
        for alias in ent.aliases:
            _attr(obj, doc, key, "aliases", alias)
        return obj
    if ent.type == "person":
        obj = _object(doc, "person", key)
        _attr(obj, doc, key, "full-name", ent.name)
    else:
        obj = _object(doc, "organization", key)
        _attr(obj, doc, key, "name", ent.name)
        _attr(obj, doc, key, "type-of-organization", _ORG_TYPES.get(ent.type, ent.type))
    for alias in ent.aliases:
        _attr(obj, doc, key, "alias", alias)
    return obj


def _incident(doc: Document, ev: Event, objects: dict[str, Any]) -> Any:
    key = f"event:{ev.id}"
    obj = _object(doc, "incident", key)
    evidence = quotes(doc, ev.evidence)
    _attr(obj, doc, key, "name", event_clause(doc, ev), comment=evidence)
    _attr(obj, doc, key, "incident_type", " / ".join(x for x in (ev.type, ev.mode, ev.acled_sub_event_type) if x))
    _attr(obj, doc, key, "description", _event_text(doc, ev, evidence))
    _attr(obj, doc, key, "score", str(round(ev.confidence, 2)))
    if ev.date.start and len(ev.date.start) == 10:
        obj.first_seen = ev.date.start
    roles = [("attributed-to", ev.actors), ("claimed-by", ev.claimed_by), ("targets", ev.targets),
             ("located-at", [ev.location] if ev.location else [])]  # fmt: skip
    for relation, ids in roles:
        for eid in ids:
            if eid in objects:
                _reference(obj, doc, key, objects[eid], relation, evidence)
    return obj


def _event_text(doc: Document, ev: Event, evidence: str) -> str:
    parts = [event_clause(doc, ev)]
    for what, count in (("killed", ev.fatalities), ("injured", ev.injuries), ("arrested", ev.arrested)):
        if figure(count) is not None:
            parts.append(f"{figure(count)} {what}")
    if ev.date.start:
        until = f" to {ev.date.end}" if ev.date.end not in (None, ev.date.start) else ""
        parts.append(f"date {ev.date.start}{until}")
    said = doc.entity(ev.attributed_to)
    parts.append(f"modality: {ev.modality}" + (f", according to {said.name}" if said else ""))
    return "; ".join(parts) + f". Evidence: {evidence}"


def _fact(doc: Document, f: Fact, objects: dict[str, Any]) -> Any | None:
    subject = objects.get(f.subject)
    if subject is None:
        return None
    said = doc.entity(f.attributed_to)
    comment = quotes(doc, f.evidence) + f" ({f.modality}" + (f", according to {said.name})" if said else ")")
    target = objects.get(f.object or "")
    if target is not None:
        _reference(subject, doc, f"fact:{f.id}", target, f.predicate.replace("_", "-"), comment)
        return None
    key = f"fact:{f.id}"
    note = _object(doc, "annotation", key)
    _attr(note, doc, key, "text", f"{_name(doc, f.subject)}: {fact_phrase(doc, f)}", comment=comment)
    _attr(note, doc, key, "type", f"sitrep fact: {f.predicate}")
    _reference(note, doc, key, subject, "annotates", comment)
    return note


def _name(doc: Document, entity_id: str) -> str:
    ent = doc.entity(entity_id)
    return ent.name if ent else entity_id
