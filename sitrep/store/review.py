"""Analysts' corrections (the review loop), as data: what an edit says, where it points, and how it changes a
document.  Pure functions of records; :mod:`sitrep.store.edits` keeps the edits in the store and applies them
to every document it returns.

    Edit(seq, action, target_kind, target, doc_id=..., field=..., value=...)
    anchor_of(doc, "event", "ev2")       where an event, fact or mention is, in terms that survive re-analysis
    check(doc, kind, action, field, value) -> value    a correction's value, checked and normalised (ConfigError)
    apply(doc, edits) -> doc             the document with the active edits applied, in order

Actions: on an actor or place in every document (``target_kind="entity"``, ``target`` its entity key):
``merge`` (value ``{"into": key, "name", "type"}``), ``rename`` (``{"name"}``), ``retype`` (``{"type"}``).  In one
document: ``split`` a mention from the entity it was linked to (``target_kind="mention"``, value ``{"name",
"type"}``: the new entity), ``reject`` an event or fact (it is wrong), ``correct`` one field of an event or
fact.  Anchors are offsets in the text, which re-analysing the same text keeps: an event by its first trigger
(else its first evidence sentence and type), a fact by its first evidence sentence, predicate and rank, a
mention by its start and end; an entity by :func:`sitrep.keys.entity_key`, pinned as its ``kb_id`` when it is
renamed or retyped, so that it stays one actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitrep.errors import ConfigError
from sitrep.keys import entity_key
from sitrep.model import PLACE_TYPES, Count, DateValue, Document, Entity, Event, Fact, Quantity

ACTIONS = {"entity": ("merge", "rename", "retype"), "mention": ("split",), "event": ("reject", "correct"),
           "fact": ("reject", "correct")}  # fmt: skip
ENTITY_TYPES = ("person", "armed_group", "government", "security_force", "organization", "media", "country",
                "admin_area", "city", "location", "other")  # fmt: skip
MODALITIES = ("asserted", "reported", "claimed", "hedged", "hypothetical", "negated", "future")
EVENT_FIELDS = ("type", "mode", "acled_sub_event_type", "date", "location", "fatalities", "injuries", "arrested",
                "actors", "targets", "claimed_by", "modality")  # fmt: skip
FACT_FIELDS = ("predicate", "object", "date", "value", "modality", "subject")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Edit:
    seq: int
    action: str
    target_kind: str  # entity | mention | event | fact
    target: str  # entity key, or the anchor in the document
    doc_id: str | None = None
    field: str | None = None
    value: Any = None
    before: Any = None
    user: str = "local"
    created_at: str = ""
    undone_at: str | None = None


# -- where things are ---------------------------------------------------------------------------------------


def anchor_of(doc: Document, kind: str, record_id: str) -> str | None:
    """The anchor of the event or fact ``record_id`` (or of the mention "start:end") in ``doc``; None if absent."""
    if kind == "event":
        ev = next((e for e in doc.events if e.id == record_id), None)
        return None if ev is None else _event_anchor(ev)
    if kind == "fact":
        return next((a for f, a in _fact_anchors(doc) if f.id == record_id), None)
    if kind == "mention":
        return record_id if _mention_owner(doc, record_id) is not None else None
    raise ConfigError(f"no anchor for {kind!r}")


def find(doc: Document, kind: str, anchor: str) -> Any:
    """The event, fact or (entity, mention) the anchor points at in ``doc``; None when re-analysis lost it."""
    if kind == "event":
        return next((e for e in doc.events if _event_anchor(e) == anchor), None)
    if kind == "fact":
        return next((f for f, a in _fact_anchors(doc) if a == anchor), None)
    return _mention_owner(doc, anchor)


def _event_anchor(ev: Event) -> str:
    if ev.triggers:
        return f"t{ev.triggers[0].start}:{ev.triggers[0].end}"
    span = ev.evidence[0] if ev.evidence else None
    return f"s{span.start}:{span.end}:{ev.type}" if span else f"id:{ev.id}"


def _fact_anchors(doc: Document) -> list[tuple[Fact, str]]:
    seen: dict[str, int] = {}
    out = []
    for f in doc.facts:
        span = f.evidence[0] if f.evidence else None
        base = f"s{span.start}:{span.end}:{f.predicate}" if span else f"id:{f.id}"
        seen[base] = seen.get(base, 0) + 1
        out.append((f, f"{base}:{seen[base]}"))
    return out


def _mention_owner(doc: Document, anchor: str) -> tuple[Entity, Any] | None:
    start, _, end = anchor.partition(":")
    for ent in doc.entities:
        for m in ent.mentions:
            if f"{m.start}" == start and f"{m.end}" == end:
                return ent, m
    return None


# -- checking a correction ----------------------------------------------------------------------------------


def check(doc: Document | None, kind: str, action: str, fld: str | None, value: Any) -> Any:
    """The value of an edit, checked against the document and normalised; ConfigError says what is wrong."""
    if action not in ACTIONS.get(kind, ()):
        raise ConfigError(f"cannot {action} a {kind}; a {kind} can be: {', '.join(ACTIONS.get(kind, ())) or '-'}")
    if action != "correct":
        value = {} if value is None else value
        if not isinstance(value, dict):
            raise ConfigError(f"the value of a {action} is an object, e.g. {{\"name\": ...}}")
    if action == "rename" or (action in ("split", "merge") and value.get("name") is not None):
        name = " ".join(str(value.get("name") or "").split())
        if not name or len(name) > 300:
            raise ConfigError("give a name of 1 to 300 characters")
        value = {**value, "name": name}
    typed = action == "retype" or (action in ("merge", "split") and value.get("type") is not None)
    if typed and value.get("type") not in ENTITY_TYPES:
        raise ConfigError(f"type must be one of {', '.join(ENTITY_TYPES)}")
    if action == "merge" and not isinstance(value.get("into"), str):
        raise ConfigError("merge needs the key of the entity to merge into ('into')")
    if action != "correct":
        return value
    fields = EVENT_FIELDS if kind == "event" else FACT_FIELDS
    if fld is None or fld not in fields:
        raise ConfigError(f"a {kind}'s field to correct is one of {', '.join(fields)}")
    return _field_value(doc, fld, value)


def _field_value(doc: Document | None, fld: str, value: Any) -> Any:
    if fld == "type":
        from sitrep.knowledge.ontology import ontology

        types = {t for k, v in ontology()["plover"].items() if k != "modes" for t in v}
        if value not in types:
            raise ConfigError(f"type must be a PLOVER event type: {', '.join(sorted(types))}")
        return value
    if fld == "acled_sub_event_type":
        from sitrep.knowledge.ontology import ontology

        subs = {s: e for e, s_list in ontology()["acled"].items() for s in s_list}
        if value not in subs:
            raise ConfigError(f"not an ACLED sub-event type: {value!r}")
        return {"acled_event_type": subs[value], "acled_sub_event_type": value}
    if fld == "modality":
        if value not in MODALITIES:
            raise ConfigError(f"modality must be one of {', '.join(MODALITIES)}")
        return value
    if fld in ("mode", "predicate"):
        if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z_-]{0,40}", value):
            raise ConfigError(f"{fld} must be a lower-case word, e.g. 'firearms' or 'based_in'")
        return value
    if fld == "date":
        parts = value.split("/") if isinstance(value, str) else []
        if not parts or len(parts) > 2 or not all(_ISO.match(p) for p in parts):
            raise ConfigError("date must be YYYY, YYYY-MM or YYYY-MM-DD, or two of them as START/END")
        precision = {4: "year", 7: "month", 10: "day"}[len(parts[0])]
        return {"start": parts[0], "end": parts[-1], "precision": precision, "text": None}
    if fld in ("fatalities", "injuries", "arrested"):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
            raise ConfigError(f"{fld} must be a whole number from 0 (or null: not said)")
        return {"low": value, "best": value, "high": value, "text": None}
    if fld == "value":
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ConfigError("value must be a number")
        return value
    ids = value if isinstance(value, list) else [value]
    if fld in ("object", "location") and value is None:
        return None
    resolved = [_entity_id(doc, x) for x in ids]
    return resolved if fld in ("actors", "targets", "claimed_by") else resolved[0]


def _entity_id(doc: Document | None, ref: Any) -> str:
    """An entity of the document named by its id, key or name."""
    if doc is not None and isinstance(ref, str):
        for ent in doc.entities:
            if ref in (ent.id, entity_key(ent)) or ref.casefold() == ent.name.casefold():
                return ent.id
    raise ConfigError(f"no entity {ref!r} in the document; give the id, key or name of one of its entities")


# -- applying -----------------------------------------------------------------------------------------------


def apply(doc: Document, edits: list[Edit]) -> Document:
    """``doc`` with ``edits`` applied in order (an edit whose target is not in the document changes nothing)."""
    for e in edits:
        if e.undone_at is not None or (e.doc_id is not None and e.doc_id != doc.id):
            continue
        if e.target_kind == "entity":
            for ent in [x for x in doc.entities if entity_key(x) == e.target]:
                _entity_edit(doc, ent, e)
        elif e.target_kind == "mention":
            found = find(doc, "mention", e.target)
            if found is not None:
                _split(doc, found[0], found[1], e.value or {})
        else:
            record = find(doc, e.target_kind, e.target)
            if record is None:
                continue
            if e.action == "reject":
                items = doc.events if e.target_kind == "event" else doc.facts
                items.remove(record)
            else:
                _correct(record, e.field or "", e.value)
    return doc


def _entity_edit(doc: Document, ent: Entity, e: Edit) -> None:
    value = e.value or {}
    old_key = entity_key(ent)
    if e.action == "merge":
        into = next((x for x in doc.entities if x is not ent and entity_key(x) == value["into"]), None)
        if into is not None:
            _merge(doc, ent, into)
            return
        ent.kb_id = value["into"]
    ent.kb_id = ent.kb_id or old_key  # the same actor under its new name or type
    if "name" in value and value["name"] != ent.name:
        ent.aliases = list(dict.fromkeys([ent.name, *ent.aliases]))
        ent.name = value["name"]
    if value.get("type"):
        ent.type = value["type"]
    ent.aliases = [a for a in ent.aliases if a != ent.name]


def _merge(doc: Document, gone: Entity, into: Entity) -> None:
    into.mentions = sorted(into.mentions + gone.mentions, key=lambda m: m.start)
    into.aliases = list(dict.fromkeys([*into.aliases, gone.name, *gone.aliases]))
    into.aliases = [a for a in into.aliases if a != into.name]
    doc.entities.remove(gone)
    _replace_refs(doc, gone.id, into.id)


def _replace_refs(doc: Document, old: str, new: str) -> None:
    def swap(ids: list[str]) -> list[str]:
        return list(dict.fromkeys(new if i == old else i for i in ids))

    for ev in doc.events:
        ev.actors, ev.targets, ev.claimed_by = swap(ev.actors), swap(ev.targets), swap(ev.claimed_by)
        for name in ("location", "attributed_to", "attributed_via"):
            if getattr(ev, name) == old:
                setattr(ev, name, new)
        for r in ev.responsibility:
            r.actor = new if r.actor == old else r.actor
            r.attributed_to = new if r.attributed_to == old else r.attributed_to
    for f in doc.facts:
        for name in ("subject", "object", "attributed_to", "attributed_via"):
            if getattr(f, name) == old:
                setattr(f, name, new)
        f.route = swap(f.route)


def _split(doc: Document, ent: Entity, mention: Any, value: dict[str, Any]) -> None:
    ent.mentions.remove(mention)
    new = Entity(id=doc.new_entity_id(), name=value.get("name") or mention.text, type=value.get("type") or "other",
                 mentions=[mention], origin="review")  # fmt: skip
    if new.type in PLACE_TYPES and ent.is_place:
        new.geo, new.country = ent.geo, ent.country
    doc.entities.append(new)
    ent.refresh_aliases()


def _correct(record: Event | Fact, fld: str, value: Any) -> None:
    if fld == "acled_sub_event_type" and isinstance(record, Event):
        record.acled_event_type, record.acled_sub_event_type = value["acled_event_type"], value["acled_sub_event_type"]
    elif fld == "date":
        record.date = DateValue(**value)
    elif fld in ("fatalities", "injuries", "arrested"):
        setattr(record, fld, Count(**value) if value else None)
    elif fld == "value" and isinstance(record, Fact):
        record.value = Quantity(low=value, high=value, unit=record.value.unit if record.value else None,
                                text=str(value))  # fmt: skip
    else:
        setattr(record, fld, value)


def before(doc: Document, kind: str, anchor: str, fld: str | None) -> Any:
    """What the edited thing was (its JSON), for the record and the labelled data."""
    import dataclasses

    found = find(doc, kind, anchor) if kind != "entity" else None
    if found is None:
        return None
    if kind == "mention":
        ent, m = found
        return {"entity": ent.name, "entity_type": ent.type, "key": entity_key(ent), "text": m.text}
    data = dataclasses.asdict(found)
    return data.get(fld) if fld and fld in data else data
