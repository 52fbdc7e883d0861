"""Across documents: which events report the same incident, which entities are the same, what a filter keeps.

Used by :mod:`sitrep.outputs.report`; kept apart so that the report module stays about writing Markdown.

    group_events(docs) -> [EventGroup]            the same incident from several documents, grouped
    group_events(docs, links)                      ... as the store linked them (sitrep.linking, at ingest)
    make_filter(docs, actor=..., place=..., since=..., until=...)  -> ItemFilter, keeps events and facts
    entity_keys(entity)                            the keys two entities are the same by
    tally(docs, places=False)                      actors (or places) across documents, most mentioned first
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sitrep.keys import date_bounds, fold, value_bounds, window
from sitrep.linking import Links, link, reconcile, reports_of
from sitrep.model import ACTOR_TYPES, Count, DateValue, Document, Entity, Event, Fact


@dataclass
class EventGroup:
    """One incident: the events (``(document index, event)``) that report it, at most one per document."""

    members: list[tuple[int, Event]] = field(default_factory=list)

    @property
    def sources(self) -> list[int]:
        return sorted({i for i, _ in self.members})

    def lead(self) -> tuple[int, Event]:
        """The most complete report: named actors and targets first, then confidence."""
        return max(self.members, key=lambda m: (bool(m[1].actors), bool(m[1].targets), m[1].confidence))

    @property
    def date(self) -> DateValue | None:
        """The most precise date any member gives."""
        dated = [(b, ev.date) for _, ev in self.members if (b := value_bounds(ev.date))]
        if not dated:
            return None
        return min(dated, key=lambda x: date.fromisoformat(x[0][1]) - date.fromisoformat(x[0][0]))[1]

    @property
    def fatalities(self) -> Count | None:
        """Every source's death toll reconciled: the lowest low, the median best, the highest high."""
        return reconcile(ev.fatalities for _, ev in self.members)

    @property
    def injuries(self) -> Count | None:
        return reconcile(ev.injuries for _, ev in self.members)


def group_events(docs: Sequence[Document], links: Links | None = None) -> list[EventGroup]:
    """The incidents of ``docs``: as the store linked them when ``links`` is given (an event it does not know is
    an incident of its own), else linked here by the same rules (:func:`sitrep.linking.link`), in order of first
    report.  Events of one document are never one incident."""
    if links is not None:
        return _linked(docs, links)
    pairs = [(i, ev) for i, d in enumerate(docs) for ev in d.events]
    reports = [dataclasses.replace(r, doc_id=str(i)) for i, d in enumerate(docs) for r in reports_of(d)]
    return [EventGroup([pairs[k] for k in g]) for g in link(reports)]  # two copies of a document are two sources


def _linked(docs: Sequence[Document], links: Links) -> list[EventGroup]:
    groups: dict[str, EventGroup] = {}
    for i, doc in enumerate(docs):
        for ev in doc.events:
            key = links.get((doc.id, ev.id)) or f"{i}#{ev.id}"
            groups.setdefault(key, EventGroup()).members.append((i, ev))
    return list(groups.values())


def entity_keys(ent: Entity) -> set[str]:
    keys = {fold(n) for n in [ent.name, *ent.aliases]}
    keys |= {k for k in (ent.kb_id, ent.wikidata) if k}
    if ent.geo and ent.geo.geonameid:
        keys.add(f"geonames:{ent.geo.geonameid}")
    return keys


def country_of(ent: Entity | None) -> str | None:
    if ent is None:
        return None
    return ent.geo.country_code if ent.geo else ent.country


def entities_of(doc: Document, ids: Sequence[str | None]) -> list[Entity]:
    return [e for i in ids if (e := doc.entity(i)) is not None]


# -- filters -------------------------------------------------------------------------------------------------


@dataclass
class ItemFilter:
    actor: str | None
    place: str | None
    window: tuple[str, str] | None
    countries: set[str]

    def entity(self, ent: Entity | None, query: str | None) -> bool:
        return ent is not None and query is not None and query in {fold(k) for k in entity_keys(ent)}

    def at_place(self, ent: Entity | None) -> bool:
        if ent is None or not ent.is_place:
            return False
        admin1 = ent.geo.admin1 if ent.geo else None
        return self.entity(ent, self.place) or country_of(ent) in self.countries or fold(admin1 or "") == self.place

    def when(self, doc: Document, value: DateValue | None) -> bool:
        bounds = value_bounds(value) or date_bounds(doc.published)
        return self.window is None or (
            bounds is not None and bounds[0] <= self.window[1] and bounds[1] >= self.window[0]
        )

    def event(self, doc: Document, ev: Event) -> bool:
        who = entities_of(doc, [*ev.actors, *ev.targets, *ev.claimed_by, ev.attributed_to])
        return (
            (self.actor is None or any(self.entity(e, self.actor) for e in who))
            and (self.place is None or self.at_place(doc.entity(ev.location)))
            and self.when(doc, ev.date)
        )

    def fact(self, doc: Document, f: Fact) -> bool:
        ents = entities_of(doc, [f.subject, f.object, f.attributed_to])
        return (
            (self.actor is None or any(self.entity(e, self.actor) for e in ents))
            and (self.place is None or any(self.at_place(e) for e in ents))
            and self.when(doc, f.date)
        )


def make_filter(
    docs: Sequence[Document],
    actor: str | None = None,
    place: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> ItemFilter:
    """The filter for ``report(docs, actor=..., ...)``: ``place`` also matches places in a country of that name."""
    place_key = fold(place) if place else None
    countries = {
        c for d in docs for e in d.entities if e.type == "country" and place_key in {fold(k) for k in entity_keys(e)}
        if (c := country_of(e))
    }  # fmt: skip
    span = window(since, until) if since is not None or until is not None else None
    return ItemFilter(fold(actor) if actor else None, place_key, span, countries)


@dataclass
class Tally:
    """One entity across documents, merged by name, alias, KB id, Wikidata id or GeoNames id."""

    entity: Entity  # as the first document names it
    mentions: int = 0
    forms: dict[str, str] = field(default_factory=dict)  # surface forms seen, by folded form
    sources: set[int] = field(default_factory=set)  # document indexes


def tally(docs: Sequence[Document], places: bool) -> list[Tally]:
    """The actors (``places=False``) or places of ``docs``, merged across documents, most mentioned first."""
    out: list[Tally] = []
    index: dict[str, int] = {}  # key -> position in ``out``
    for i, doc in enumerate(docs):
        for e in doc.entities:
            if not (e.is_place if places else e.type in ACTOR_TYPES):
                continue
            keys = entity_keys(e)
            # the earliest entity it shares a key with, whatever order the set of keys iterates in
            at = min((index[k] for k in keys if k in index), default=len(out))
            if at == len(out):
                out.append(Tally(e))
            t = out[at]
            for k in keys:
                index.setdefault(k, at)
            t.mentions += len(e.mentions)
            t.sources.add(i)
            for m in e.mentions:
                t.forms.setdefault(fold(m.text), m.text)
    return sorted(out, key=lambda t: -t.mentions)
