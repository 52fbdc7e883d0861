"""The records the REST API and the workspace show, as JSON-ready dicts: an event or a fact with the names it
refers to and its document, a document's summary, an actor's profile, the incidents across documents, the graph
of linked actors.

    event_item(doc, ev)          the contract event + doc_id, title, source, names, place, clause
    fact_item(doc, f)            the contract fact + doc_id, names, phrase, who says so
    document_item(doc)           id, title, source, url, published, language, counts, warnings
    actor_profile(docs, key)     aliases (and the mentions of each), events by role, facts, linked actors
    incident_items(docs)         the same incident told by several documents, one item each
    narrowed(docs, type_=..., modality=..., source=..., doc_id=...)   documents and events a filter keeps

Every value that came from the text stays a plain string: the pages escape it when they show it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sitrep.keys import entity_key
from sitrep.linking import Links
from sitrep.model import Document, Entity, Event, Fact

from .acled_csv import figure
from .groups import group_events
from .report import event_clause, fact_phrase

ROLES = (("actor", "actors"), ("target", "targets"), ("claimant", "claimed_by"))


def event_item(doc: Document, ev: Event) -> dict[str, Any]:
    data = dataclasses.asdict(ev)
    ids = [*ev.actors, *ev.targets, *ev.claimed_by, ev.location, ev.attributed_to, ev.attributed_via]
    ids += [r.actor for r in ev.responsibility]
    place = doc.entity(ev.location)
    data.update(
        doc_id=doc.id, doc_title=doc.title, source=doc.source, published=doc.published, language=doc.language,
        clause=event_clause(doc, ev), names=_names(doc, ids), keys=_keys(doc, ids),
        place=_place(place), fatalities_figure=figure(ev.fatalities),
    )  # fmt: skip
    return data


def fact_item(doc: Document, f: Fact) -> dict[str, Any]:
    data = dataclasses.asdict(f)
    ids = [f.subject, f.object, f.attributed_to, f.attributed_via, *f.route]
    data.update(doc_id=doc.id, doc_title=doc.title, source=doc.source, published=doc.published,
                phrase=fact_phrase(doc, f), names=_names(doc, ids), keys=_keys(doc, ids))  # fmt: skip
    return data


def document_item(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "title": doc.title, "source": doc.source, "url": doc.url, "published": doc.published,
        "language": doc.language, "entities": len(doc.entities), "events": len(doc.events), "facts": len(doc.facts),
        "warnings": list(doc.warnings), "chars": len(doc.text),
    }  # fmt: skip


def actor_profile(docs: Sequence[Document], key: str) -> dict[str, Any] | None:
    """Everything the documents say about the entity with :func:`entity_key` ``key``; None when none names it."""
    found = [(doc, ent) for doc in docs for ent in doc.entities if entity_key(ent) == key]
    if not found:
        return None
    first = found[0][1]
    aliases: dict[str, Counter[str]] = {}
    mentions = []
    for doc, ent in found:
        for m in ent.mentions:
            aliases.setdefault(m.text, Counter())[m.kind] += 1
            mentions.append({"doc_id": doc.id, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind})
    events: dict[str, list[dict[str, Any]]] = {role: [] for role, _ in ROLES}
    facts = []
    for doc, ent in found:
        for ev in doc.events:
            for role, field in ROLES:
                if ent.id in getattr(ev, field):
                    events[role].append(event_item(doc, ev))
        facts += [fact_item(doc, f) for f in doc.facts if ent.id in (f.subject, f.object)]
    for items in events.values():
        items.sort(key=lambda e: e["date"]["start"] or "9999")
    return {
        "key": key, "name": first.name, "type": first.type, "country": first.country, "wikidata": first.wikidata,
        "kb_id": first.kb_id, "geo": dataclasses.asdict(first.geo) if first.geo else None,
        "aliases": [{"name": n, "mentions": sum(c.values()), "kinds": dict(c)} for n, c in aliases.items()],
        "names": sorted({n for _, e in found for n in [e.name, *e.aliases]}),
        "mentions": mentions, "documents": sorted({d.id for d, _ in found}), "events": events, "facts": facts,
        "graph": _graph(found),
    }  # fmt: skip


def incident_items(docs: Sequence[Document], links: Links | None = None) -> list[dict[str, Any]]:
    """One item per incident (events of several documents reporting the same thing), in order of first report;
    ``links``: as the store linked them.  Each keeps every report's own figures and the reconciled ones."""
    out = []
    for group in group_events(docs, links):
        i, lead = group.lead()
        item = event_item(docs[i], lead)
        item["incident_id"] = (links or {}).get((docs[i].id, lead.id))
        item["reports"] = [{"doc_id": docs[j].id, "event_id": ev.id, "source": docs[j].source,
                            "language": docs[j].language, "fatalities": figure(ev.fatalities),
                            "injuries": figure(ev.injuries)} for j, ev in group.members]  # fmt: skip
        item["reconciled"] = {k: dataclasses.asdict(c) if (c := getattr(group, k)) else None
                              for k in ("fatalities", "injuries")}  # fmt: skip
        item["incident_date"] = dataclasses.asdict(group.date) if group.date else None
        out.append(item)
    return out


def narrowed(docs: Iterable[Document], *, type_: str | None = None, modality: str | None = None,
             source: str | None = None, doc_id: str | None = None) -> list[Document]:  # fmt: skip
    """The documents of ``source`` (or ``doc_id``), each keeping only the events of ``type_`` (a PLOVER type or an
    ACLED event or sub-event type) and ``modality``; facts are kept."""
    kept = [d for d in docs if (not source or d.source == source) and (not doc_id or d.id == doc_id)]
    for doc in kept:
        doc.events = [ev for ev in doc.events if (not type_ or type_ in (ev.type, ev.acled_event_type,
                      ev.acled_sub_event_type)) and (not modality or ev.modality == modality)]  # fmt: skip
    return kept


def _graph(found: list[tuple[Document, Entity]]) -> dict[str, Any]:
    """The actors linked to this one by an event (acting together, against each other) or a fact."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: Counter[tuple[str, str, str]] = Counter()
    me = entity_key(found[0][1])
    nodes[me] = {"key": me, "name": found[0][1].name, "type": found[0][1].type}

    def link(doc: Document, other_id: str | None, kind: str) -> None:
        other = doc.entity(other_id)
        if other is None or other.is_place:
            return
        k = entity_key(other)
        if k == me:
            return
        nodes.setdefault(k, {"key": k, "name": other.name, "type": other.type})
        edges[(me, k, kind)] += 1

    for doc, ent in found:
        for ev in doc.events:
            sides = {field: getattr(ev, field) for _, field in ROLES}
            if ent.id in sides["actors"] or ent.id in sides["claimed_by"]:
                for t in sides["targets"]:
                    link(doc, t, f"{ev.type.lower()} against")
                for a in sides["actors"] + sides["claimed_by"]:
                    link(doc, a, "acted with")
            if ent.id in sides["targets"]:
                for a in sides["actors"] + sides["claimed_by"]:
                    link(doc, a, f"{ev.type.lower()} by")
        for f in doc.facts:
            if f.subject == ent.id:
                link(doc, f.object, f.predicate.replace("_", " "))
            elif f.object == ent.id:
                link(doc, f.subject, f"{f.predicate.replace('_', ' ')} (of)")
    return {"nodes": list(nodes.values()),
            "edges": [{"source": s, "target": t, "kind": k, "count": n} for (s, t, k), n in edges.items()]}  # fmt: skip


def _names(doc: Document, ids: Sequence[str | None]) -> dict[str, str]:
    return {i: e.name for i in ids if i and (e := doc.entity(i)) is not None}


def _keys(doc: Document, ids: Sequence[str | None]) -> dict[str, str]:
    return {i: entity_key(e) for i in ids if i and (e := doc.entity(i)) is not None}


def _place(ent: Entity | None) -> dict[str, Any] | None:
    if ent is None:
        return None
    geo = dataclasses.asdict(ent.geo) if ent.geo else None
    return {"id": ent.id, "name": ent.name, "type": ent.type, "key": entity_key(ent), "geo": geo}

