"""The report: documents turned into a Markdown situation report that cites and quotes its sources.

    report([doc])                                  what ``sitrep analyze --format md`` prints
    report(docs, actor="ISKP", since="2024-03")    what ``sitrep report`` prints from the store

Sections: ``## Situation`` (an overview and key bullets), ``## Facts`` (by subject), ``## Events``,
``## Timeline`` (events and dated facts by date, undated last), ``## Places`` and ``## Warnings`` when there
are any, and ``## Sources`` (numbered; every fact and event line cites them as ``[n]`` and quotes its evidence).

The same incident reported by several documents is shown once with all its sources: see :func:`group_events`.
Filters work as in :meth:`sitrep.store.Store.documents`, applied to each event and fact: ``actor`` matches its
actors, targets, claimants, subject, object or source; ``place`` its location (or a place in that country or
province); ``since`` / ``until`` its date, or the document's publication date when it has none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from sitrep.keys import fold, value_bounds
from sitrep.linking import Links
from sitrep.model import Count, DateValue, Document, Entity, Event, Fact

from .acled_csv import country_name
from .groups import EventGroup, Tally, country_of, entity_keys, group_events, make_filter, tally
from .phrases import (
    cite,
    fmt_count,
    fmt_date,
    fmt_value,
    from_to,
    language_name,
    modality_note,
    num,
    plural,
    quote,
    quotes,
    stance,
    trend_phrase,
)  # fmt: skip

__all__ = ["event_clause", "fact_phrase", "fmt_count", "fmt_date", "fmt_value", "group_events", "quote", "report"]

_VERBS = {  # PLOVER type, mode or ACLED sub-type -> (verb, preposition before targets, noun without actors)
    "ASSAULT": ("attacked", "", "attack"), "COERCE": ("coerced", "", "coercion"),
    "PROTEST": ("protested", "against", "protest"), "MOBILIZE": ("mobilised", "against", "mobilisation"),
    "THREATEN": ("threatened", "", "threat"), "SANCTION": ("sanctioned", "", "sanctions"),
    "ACCUSE": ("accused", "", "accusation"), "REJECT": ("rejected", "", "rejection"),
    "REQUEST": ("appealed", "to", "appeal"), "AGREE": ("agreed", "with", "agreement"),
    "CONSULT": ("met", "", "meeting"),
    "SUPPORT": ("supported", "", "support"), "CONCEDE": ("conceded", "to", "concession"), "AID": ("aided", "", "aid"),
    "COOPERATE": ("cooperated", "with", "cooperation"), "RETREAT": ("withdrew", "from", "withdrawal"),
    "arrest": ("arrested", "", "arrests"), "abduct": ("abducted", "", "abduction"),
    "explosives": ("bombed", "", "bombing"),
    "suicide-attack": ("attacked", "", "suicide attack"), "firearms": ("attacked", "", "armed attack"),
    "aerial": ("struck", "", "air strike"), "drone": ("struck", "", "drone strike"), "seize": ("seized", "", "seizure"),
    "targeted": ("attacked", "", "targeted killing"), "demo": ("demonstrated", "against", "demonstration"),
    "Armed clash": ("clashed", "with", "armed clash"),
}  # fmt: skip
_PREDICATES = {
    "based_in": "based in", "operates_in": "operates in", "member_of": "member of", "leader_of": "leader of",
    "allied_with": "allied with", "fights": "fights", "founded": "founded in", "recruits_via": "recruits via",
    "travelled_via": "travelled via", "size": "size:", "trend": "trend:", "statement": "said:",
}  # fmt: skip


# -- the report ----------------------------------------------------------------------------------------------


def report(
    docs: Iterable[Document],
    *,
    title: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    links: Links | None = None,
) -> str:
    """The Markdown report on ``docs`` (see the module docstring); an empty input gives a report saying so.
    ``links`` are the store's incidents (:meth:`sitrep.store.BaseStore.incident_links`): events are counted and
    told by incident, as linked at ingest."""
    docs = list(docs)
    flt = make_filter(docs, actor, place, since, until)
    groups = [g for g in group_events(docs, links) if any(flt.event(docs[i], ev) for i, ev in g.members)]
    groups.sort(key=lambda g: value_bounds(g.date) or ("9999", "9999"))
    facts = [(i, f) for i, d in enumerate(docs) for f in d.facts if flt.fact(d, f)]
    w = _Writer(docs, groups, facts, filtered=any(v is not None for v in (actor, place, since, until)))
    if title is None:
        title = (docs[0].title if len(docs) == 1 else None) or "Situation report"
    given = (("actor", actor), ("place", place), ("since", since), ("until", until))
    filters = ", ".join(f"{name} “{value}”" for name, value in given if value)
    out = [
        f"# {title}",
        "",
        f"*{plural(len(docs), 'document')}" + (f"; filtered by {filters}" if filters else "") + ".*",
    ]
    sections = [
        ("Situation", w.situation()),
        ("Facts", w.facts_section() or ["No facts found."]),
        ("Events", w.events_section() or ["No events found."]),
        ("Timeline", w.timeline() or ["Nothing dated to show."]),
        ("Places", w.places()),
        ("Warnings", [f"- {cite([i])} {text}" for i, d in enumerate(docs) for text in d.warnings]),
        ("Sources", w.sources() or ["No sources."]),
    ]
    for name, lines in sections:
        if lines:
            out += ["", f"## {name}", "", *lines]
    return "\n".join(out) + "\n"


def _reconciled(count: Count | None, what: str) -> str | None:
    """ "6–7 killed, best 6": the sources' figures as one."""
    if count is None or count.best is None:
        return None
    if count.low == count.high:
        return f"{num(count.best)} {what}"
    return f"{num(count.low or 0)}–{num(count.high or 0)} {what}, best {num(count.best)}"


def event_clause(doc: Document, ev: Event) -> str:
    """One event in words, as the report says it: "Gunmen attacked concert-goers at Crocus City Hall (...)"."""
    return _Writer([doc], [], [], False).clause(0, ev)


def fact_phrase(doc: Document, f: Fact) -> str:
    """One fact in words, without its subject: "based in Balochistan", "size: 1,500–5,000 fighters"."""
    return _Writer([doc], [], [], False).fact_phrase([(0, f)])


class _Writer:
    """The sections of one report; entity ids become names, citations are document numbers."""

    def __init__(self, docs: list[Document], groups: list[EventGroup], facts: list[tuple[int, Fact]], filtered: bool):
        self.docs, self.groups, self.facts, self.filtered = docs, groups, facts, filtered
        self.countries = {c: e.name for d in docs for e in d.entities if e.type == "country" and (c := country_of(e))}

    def name(self, i: int, entity_id: str | None) -> str:
        ent = self.docs[i].entity(entity_id)
        return ent.name if ent else (entity_id or "")

    def names(self, i: int, ids: Sequence[str]) -> str:
        names = [self.name(i, x) for x in ids]
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)

    def where(self, i: int, ent: Entity | None) -> str:
        if ent is None:
            return ""
        code = country_of(ent)
        country = self.countries.get(code or "") or country_name(self.docs[i], code)
        context = [x for x in (ent.geo.admin1 if ent.geo else None, country) if x and x != ent.name]
        return ("at " if ent.type == "location" else "in ") + ent.name + (f" ({', '.join(context)})" if context else "")

    def source(self, i: int, who: str | None, via: str | None) -> str:
        """'Sami Sadat, quoted by Interfax'."""
        return self.name(i, who) + (f", quoted by {self.name(i, via)}" if via else "")

    def responsibility(self, i: int, ev: Event) -> str:
        """'denied by TTP; suspected: ISKP (according to experts (unnamed))' -- beyond the claims already said."""
        parts = []
        for r in ev.responsibility:
            by = (
                f" (according to {self.name(i, r.attributed_to)})"
                if r.attributed_to and r.attributed_to != r.actor
                else ""
            )
            if r.modality == "negated":
                parts.append(f"denied by {self.name(i, r.actor)}")
            elif r.modality == "reported" and r.actor in ev.actors and self._unnamed(i, r.actor):
                continue  # "unidentified gunmen attacked ..., officials said": the source names nobody
            elif r.modality in ("hedged", "reported") and r.attributed_to:
                word = "suspected" if r.modality == "hedged" else "blamed on"
                parts.append(f"{word} {self.name(i, r.actor)}{by}")
        return "; ".join(dict.fromkeys(parts))

    def _unnamed(self, i: int, entity_id: str) -> bool:
        ent = self.docs[i].entity(entity_id)
        return ent is not None and ent.origin == "description"

    def clause(self, i: int, ev: Event) -> str:
        """Who did what to whom where: "Gunmen attacked concert-goers at Crocus City Hall (Moscow Oblast, Russia)"."""
        default = (ev.type.lower(), "", ev.type.lower())
        verb, prep, noun = _VERBS.get(
            ev.acled_sub_event_type or "", _VERBS.get(ev.mode or "", _VERBS.get(ev.type, default))
        )
        actors, targets = self.names(i, ev.actors), self.names(i, ev.targets)
        if actors:
            text = f"{actors[:1].upper()}{actors[1:]} {verb}" + (
                f" {prep} {targets}".replace("  ", " ") if targets else ""
            )
        else:
            text = noun.capitalize() + (f" on {targets}" if targets else "")
        return " ".join(x for x in (text, self.where(i, self.docs[i].entity(ev.location))) if x)

    # -- sections ------------------------------------------------------------------------------------------
    def situation(self) -> list[str]:
        docs, groups, facts = self.docs, self.groups, self.facts
        if not docs:
            return ["Nothing to report: no documents were given, or none matched the filters."]
        langs = Counter(language_name(d.language) for d in docs)
        published = sorted(d.published for d in docs if d.published)
        text = f"Based on {plural(len(docs), 'document')} ({', '.join(f'{n} in {k}' for k, n in langs.items())})"
        text += f", published {from_to(published[0], published[-1])}." if published else "."
        text += f" {'They report' if len(docs) > 1 else 'It reports'} {plural(len(groups), 'event')} and "
        text += f"{plural(len(facts), 'fact')}" + (" matching the filters." if self.filtered else ".")
        merged = sum(len(g.sources) > 1 for g in groups)
        if merged:
            text += f" {plural(merged, 'incident')} reported by several documents {'is' if merged == 1 else 'are'}"
            text += " shown once, citing every source."
        actors, places = tally(docs, places=False), tally(docs, places=True)
        if actors:
            text += f" Most mentioned: {', '.join(t.entity.name for t in actors[:3])}."
        worst = self.deadliest()
        if worst:
            text += f" Deadliest incident: {worst}."
        by_type = Counter(g.lead()[1].type for g in groups).most_common()
        sizes = [
            f"{self.name(i, f.subject)} size {fmt_value(f.value)} {cite([i])}"
            for i, f in facts
            if f.predicate == "size"
        ]
        return [
            text,
            "",
            "- **Main actors:** " + ("; ".join(_actor(t) for t in actors[:6]) or "none identified"),
            "- **Places:** " + (", ".join(t.entity.name for t in places[:8]) or "none identified"),
            "- **Period covered:** " + self.period(),
            f"- **Events:** {len(groups)}" + (" — " + ", ".join(f"{t} {n}" for t, n in by_type) if by_type else ""),
            "- **Key figures:** " + ("; ".join(([worst] if worst else []) + sizes) or "none reported"),
        ]

    def period(self) -> str:
        values = [g.date for g in self.groups] + [f.date for _, f in self.facts]
        dated = [(b, dv) for dv in values if dv is not None and (b := value_bounds(dv))]
        if not dated:
            return "no dated events or facts"
        first = min(dated, key=lambda x: x[0][0])[1]
        last = max(dated, key=lambda x: x[0][1])[1]
        return from_to(fmt_date(DateValue(first.start or first.end, None, first.precision)),
                      fmt_date(DateValue(last.end or last.start, None, last.precision)))  # fmt: skip

    def deadliest(self) -> str | None:
        figures = [
            (max(n for n in (c.low, c.best, c.high) if n is not None), g, i, ev)
            for g in self.groups for i, ev in g.members
            if (c := ev.fatalities) and {c.low, c.best, c.high} - {None}
        ]  # fmt: skip
        if not figures:
            return None
        _, g, i, ev = max(figures, key=lambda x: x[0])
        killed = fmt_count(ev.fatalities, "killed", self.docs[i].language)
        return f"{self.clause(i, ev)}, {fmt_date(g.date)}, {killed} {cite([i])}"

    def facts_section(self) -> list[str]:
        subjects: list[tuple[str, list[list[tuple[int, Fact]]]]] = []  # (heading, chunks of facts)
        earliest: dict[str, int] = {}  # entity key -> the first subject whose entity has it
        for i, f in self.facts:
            ent = self.docs[i].entity(f.subject)
            keys = entity_keys(ent) if ent else {f"{i}/{f.subject}"}
            at = min((earliest[k] for k in keys if k in earliest), default=len(subjects))
            if at == len(subjects):
                heading = f"{ent.name} ({ent.type.replace('_', ' ')})" if ent else f.subject
                subjects.append((heading, []))
                for k in keys:
                    earliest.setdefault(k, at)
            chunks = subjects[at][1]
            last = chunks[-1][-1] if chunks else None
            if f.predicate == "travelled_via" and last and last[0] == i and last[1].predicate == "travelled_via":
                chunks[-1].append((i, f))  # a route: one line, "Turkey → Afghanistan → Quetta"
            else:
                chunks.append([(i, f)])
        lines: list[str] = []
        for heading, chunks in sorted(subjects, key=lambda s: -len(s[1])):
            lines += ["", f"### {heading}", ""] + [self.fact_line(chunk) for chunk in chunks]
        return lines[1:]

    def fact_phrase(self, chunk: list[tuple[int, Fact]]) -> str:
        i, f = chunk[0]
        if f.trend is not None:
            return trend_phrase(f)
        if f.route:
            return "travelled via " + " → ".join(self.name(i, p) for p in f.route)
        objects = " → ".join(self.name(i, g.object) for _, g in chunk if g.object)
        what = objects or fmt_value(f.value) or (f.summary or "")
        qualifier = f" ({f.qualifier})" if f.qualifier else ""
        return f"{_PREDICATES.get(f.predicate, f.predicate.replace('_', ' '))} {what}{qualifier}".strip()

    def fact_line(self, chunk: list[tuple[int, Fact]]) -> str:
        i, f = chunk[0]
        when = f", {fmt_date(f.date)}" if value_bounds(f.date) else ""
        spans = list({(s.start, s.end): s for _, g in chunk for s in g.evidence}.values())
        said = [self.source(i, f.attributed_to, f.attributed_via)] if f.attributed_to else []
        extra = modality_note([f.modality], said)
        return f"- {self.fact_phrase(chunk)}{when}{extra} {cite([i])} — {quotes(self.docs[i], spans)}"

    def events_section(self) -> list[str]:
        lines = []
        if any(len(g.sources) > 1 for g in self.groups):
            lines += ["Incidents reported by several documents are shown once, with every source cited.", ""]
        for g in self.groups:
            i, lead = g.lead()
            multi = len(g.sources) > 1
            kind = lead.type + (f"/{lead.mode}" if lead.mode else "")
            acled = " – ".join(x for x in (lead.acled_event_type, lead.acled_sub_event_type) if x)
            kind += f" (ACLED: {acled})" if acled else ""
            parts = [self.clause(i, lead)]
            for what, attr in (("killed", "fatalities"), ("injured", "injuries"), ("arrested", "arrested")):
                seen: dict[str, list[int]] = {}
                for j, ev in g.members:
                    if text := fmt_count(getattr(ev, attr), what, self.docs[j].language):
                        seen.setdefault(text, []).append(j)
                parts += [", ".join(t + (f" {cite(js)}" if multi else "") for t, js in seen.items())] if seen else []
                if len(seen) > 1 and attr != "arrested" and (text := _reconciled(getattr(g, attr), what)):
                    parts.append(f"reconciled: {text}")
            claimed = {self.name(j, c): None for j, ev in g.members for c in ev.claimed_by}
            parts += [f"claimed by {', '.join(claimed)}"] if claimed else []
            parts += [self.responsibility(j, ev) for j, ev in g.members]
            said = [
                self.source(j, ev.attributed_to, ev.attributed_via) + (f" {cite([j])}" if multi else "")
                for j, ev in g.members
                if ev.attributed_to
            ]
            parts += [stance([ev.modality for _, ev in g.members], said)]
            parts.append(f"confidence {max(ev.confidence for _, ev in g.members):.2f}")
            quoted = (f"{cite([i])} " if multi else "") + quotes(self.docs[i], lead.evidence, _focus(lead))
            lines.append(
                f"- **{fmt_date(g.date)}** · {kind}: {'; '.join(p for p in parts if p)} {cite(g.sources)} — {quoted}"
            )
            lines += [
                f"  - {cite([j])} {quotes(self.docs[j], ev.evidence, _focus(ev))}"
                for j, ev in sorted(g.members, key=lambda m: m[0])
                if ev is not lead
            ]
        return lines

    def timeline(self) -> list[str]:
        rows = [
            (value_bounds(g.date), fmt_date(g.date), f"{g.lead()[1].type}: {self.clause(*g.lead())} {cite(g.sources)}")
            for g in self.groups
        ]
        rows += [(b, fmt_date(f.date), f"{self.name(i, f.subject)} {self.fact_phrase([(i, f)])} {cite([i])}")
                 for i, f in self.facts if (b := value_bounds(f.date))]  # fmt: skip
        rows.sort(key=lambda r: r[0] or ("9999", "9999"))
        return [f"- **{when}** — {what}" for _, when, what in rows]

    def places(self) -> list[str]:
        rows = [(t, t.entity.geo) for t in tally(self.docs, places=True) if t.entity.geo]
        lines = ["| Place | Type | Province | Country | Latitude | Longitude | Mentions | Sources |"]
        lines.append("|---|---|---|---|---|---|---|---|")
        for t, geo in rows:
            cells = [t.entity.name, t.entity.type.replace("_", " "), geo.admin1 or "", geo.country_code]
            cells += [f"{geo.lat:.4f}", f"{geo.lon:.4f}", str(t.mentions), cite(sorted(t.sources))]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        return lines if rows else []

    def sources(self) -> list[str]:
        lines = []
        for n, d in enumerate(self.docs, 1):
            when = f"published {d.published}" if d.published else None
            details = [x for x in (d.source, when, language_name(d.language)) if x]
            link = f" <{d.url}>" if d.url else ""
            lines.append(f"{n}. *{d.title or d.id}* — {', '.join(details)};{link} id `{d.id}`")
        return lines


def _actor(t: Tally) -> str:
    forms = [f for k, f in t.forms.items() if k != fold(t.entity.name)][:4]
    also = "; also “" + "”, “".join(forms) + "”" if forms else ""
    return f"{t.entity.name} ({t.entity.type.replace('_', ' ')}, {plural(t.mentions, 'mention')}{also})"


def _focus(ev: Event) -> int | None:
    return ev.triggers[0].start if ev.triggers else None
