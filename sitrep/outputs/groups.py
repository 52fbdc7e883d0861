"""Across documents: which events report the same incident, which entities are the same, what a filter keeps.

Used by :mod:`sitrep.outputs.report`; kept apart so that the report module stays about writing Markdown.

    group_events(docs) -> [EventGroup]            the same incident from several documents, grouped
    group_events(docs, links)                      ... as the store linked them (sitrep.linking, at ingest)
    make_filter(docs, actor=..., place=..., since=..., until=...)  -> ItemFilter, keeps events and facts
    entity_keys(entity)                            the keys two entities are the same by
    tally(docs, places=False)                      actors (or places) across documents, most mentioned first
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sitrep.keys import date_bounds, fold, value_bounds, window
from sitrep.linking import Links, reconcile
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
    an incident of its own), else by the rules below."""
    if links is not None:
        return _linked(docs, links)
    return _grouped(docs)


def _linked(docs: Sequence[Document], links: Links) -> list[EventGroup]:
    groups: dict[str, EventGroup] = {}
    for i, doc in enumerate(docs):
        for ev in doc.events:
            key = links.get((doc.id, ev.id)) or f"{i}#{ev.id}"
            groups.setdefault(key, EventGroup()).members.append((i, ev))
    return list(groups.values())


def _grouped(docs: Sequence[Document]) -> list[EventGroup]:
    """Group the events of ``docs`` that report the same incident: same PLOVER type, overlapping dates, the same
    location or country, and a shared actor or claimant (or, when one side names none, the same location).
    Events of one document are never merged with each other.  Groups come in order of first appearance; an
    event joins the earliest group with a member reporting the same incident.

    Only the members of :class:`_Blocks` sharing the event's type, a place key or country, and a day or month
    are compared with it, not every group: whatever :func:`_same_incident` accepts shares all three."""
    groups: list[EventGroup] = []
    blocks = _Blocks()
    for i, doc in enumerate(docs):
        for ev in doc.events:
            keys = _block_keys(doc, ev)
            best = len(groups)
            for at, j, e in blocks.candidates(keys):
                if at < best and i not in groups[at].sources and _same_incident(docs[j], e, doc, ev):
                    best = at
            if best == len(groups):
                groups.append(EventGroup([(i, ev)]))
            else:
                groups[best].members.append((i, ev))
            blocks.add(keys, (best, i, ev))
    return groups


_DAYS, _MONTHS = 7, 36  # an interval this short is indexed by its days / months; a longer one is "wide"
_Member = tuple[int, int, Event]  # (group, document index, event)
_Where = tuple[str, str, str]  # (event type, "key" or "country", a place key or a country code)
_Keys = tuple[list[_Where], str, list[str]]  # (where, "day" | "month" | "wide", the days or months covered)


def _block_keys(doc: Document, ev: Event) -> _Keys | None:
    """What an event is found by: its type with each place key and its country, and the days (an interval of at
    most a week), months (at most three years) or nothing ("wide") it covers; None when it can match nothing
    (no date, or no place)."""
    bounds, place = value_bounds(ev.date), doc.entity(ev.location)
    if bounds is None or place is None:
        return None
    where = [(ev.type, "key", k) for k in entity_keys(place)]
    if (country := country_of(place)) is not None:
        where.append((ev.type, "country", country))
    first, last = date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])
    if (last - first).days < _DAYS:
        return where, "day", [date.fromordinal(d).isoformat() for d in range(first.toordinal(), last.toordinal() + 1)]
    lo, hi = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1  # months since year 0
    if hi - lo < _MONTHS:
        return where, "month", [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(lo, hi + 1)]
    return where, "wide", []


class _Blocks:
    """Events indexed by (type, place key or country) and by the days or months their dates cover.

    Two intervals that overlap share a day and a month, so a day-level event finds the day-level members by
    day and the month-level ones by month; a month-level event finds both by month; a wide one, and wide
    members, are compared with everything of the same type and place."""

    def __init__(self) -> None:
        self.by_day: dict[tuple[_Where, str], list[_Member]] = {}  # day-level members, by day
        self.days_by_month: dict[tuple[_Where, str], list[_Member]] = {}  # day-level members, by month
        self.by_month: dict[tuple[_Where, str], list[_Member]] = {}  # month-level members, by month
        self.wide: dict[_Where, list[_Member]] = {}
        self.every: dict[_Where, list[_Member]] = {}

    def add(self, keys: _Keys | None, member: _Member) -> None:
        if keys is None:
            return
        where, level, units = keys
        for w in where:
            self.every.setdefault(w, []).append(member)
            if level == "wide":
                self.wide.setdefault(w, []).append(member)
            elif level == "month":
                for m in units:
                    self.by_month.setdefault((w, m), []).append(member)
            else:
                for d in units:
                    self.by_day.setdefault((w, d), []).append(member)
                for m in _months_of(units):
                    self.days_by_month.setdefault((w, m), []).append(member)

    def candidates(self, keys: _Keys | None) -> list[_Member]:
        """The members that may report the same incident, each once."""
        if keys is None:
            return []
        where, level, units = keys
        found: list[_Member] = []
        for w in where:
            if level == "wide":
                found += self.every.get(w, ())
                continue
            found += self.wide.get(w, ())
            if level == "month":
                for m in units:
                    found += self.by_month.get((w, m), ())
                    found += self.days_by_month.get((w, m), ())
            else:
                for d in units:
                    found += self.by_day.get((w, d), ())
                for m in _months_of(units):
                    found += self.by_month.get((w, m), ())
        return list({id(m): m for m in found}.values())


def _months_of(days: list[str]) -> list[str]:
    return list(dict.fromkeys(d[:7] for d in days))


def _same_incident(doc_a: Document, a: Event, doc_b: Document, b: Event) -> bool:
    if a.type != b.type:
        return False
    ba, bb = value_bounds(a.date), value_bounds(b.date)
    if ba is None or bb is None or ba[0] > bb[1] or bb[0] > ba[1]:
        return False
    pa, pb = doc_a.entity(a.location), doc_b.entity(b.location)
    same_place = pa is not None and pb is not None and bool(entity_keys(pa) & entity_keys(pb))
    if not same_place and (country_of(pa) is None or country_of(pa) != country_of(pb)):
        return False
    who_a = set().union(*(entity_keys(e) for e in entities_of(doc_a, a.actors + a.claimed_by)))
    who_b = set().union(*(entity_keys(e) for e in entities_of(doc_b, b.actors + b.claimed_by)))
    return bool(who_a & who_b) if who_a and who_b else same_place


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
