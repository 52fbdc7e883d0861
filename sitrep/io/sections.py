"""sections: a long text analysed piecewise, its offsets kept.

A document longer than ``section_chars`` (setting) is cut into sections -- at a blank line where there is one,
else at a line break, a sentence end or a space, else at the limit -- and each section goes through the pipeline
as a document of its own; :func:`join` puts the results together again: the cleaned sections, end to end, are the
document's text, every offset (mentions, evidence, triggers, edits) is moved by where its section starts, an
entity named in several sections (same type and KB id, or same type and name) is one entity, and the ids are
numbered anew (``e1``, ``v1``, ``f1`` ...).  Events and references do not cross sections (a warning says so).

Why sections and not a lower size limit: the work of some stages grows faster than the text on pathological
input (the same sentence repeated 20,000 times is one incident told 20,000 times), so a section bounds the time
and memory of one analysis, and a long report is still read whole.  ``max_chars`` stays the hard limit.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sitrep.model import Document, Entity, Event, Fact

_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"'”»)]*\s"), re.compile(r"\s"))


def split(doc: Document, limit: int) -> list[Document]:
    """``doc`` as sections of at most ``limit`` characters (``[doc]`` when it is not longer); cut before cleaning,
    so each section is cleaned on its own and the cleaned sections join up."""
    text = doc.layers.raw_text if doc.layers.raw_text is not None else doc.text
    if limit <= 0 or len(text) <= limit:
        return [doc]
    cuts = [0]
    while len(text) - cuts[-1] > limit:
        cuts.append(_cut(text, cuts[-1], cuts[-1] + limit))
    cuts.append(len(text))
    body_end = doc.layers.body_end
    parts = []
    for start, end in itertools.pairwise(cuts):
        part = dataclasses.replace(doc, text=text[start:end], entities=[], events=[], facts=[], warnings=[])
        part.layers = dataclasses.replace(doc.layers, edits=[], done=[], raw_text=None, body_end=None)
        if body_end is not None and start <= body_end < end:
            part.layers.body_end = body_end - start
        parts.append(part)
    return parts


def join(doc: Document, parts: Sequence[Document], limit: int) -> Document:
    """The analysed ``parts`` of ``doc`` (from :func:`split`) as one document with the offsets of the whole."""
    raw = doc.layers.raw_text if doc.layers.raw_text is not None else doc.text
    doc.text = "".join(p.text for p in parts)
    doc.layers.raw_text = raw
    doc.layers.edits, doc.layers.done, doc.layers.body_end = [], [], None
    doc.entities, doc.events, doc.facts = [], [], []
    names: dict[tuple[str, str], Entity] = {}
    languages: Counter[str] = Counter()
    warnings = [*doc.warnings, f"the text is long ({len(raw):,} characters): analysed in {len(parts)} sections of "
                f"at most {limit:,} (setting section_chars); events and references do not cross sections"]  # fmt: skip
    offset = 0
    for part in parts:
        ids = {e.id: _merge_entity(doc, names, e, offset) for e in part.entities}
        events = {ev.id: f"v{len(doc.events) + n}" for n, ev in enumerate(part.events, 1)}
        doc.events += [_event(ev, ids, events, offset) for ev in part.events]
        doc.facts += [_fact(f, ids, f"f{len(doc.facts) + n}", offset) for n, f in enumerate(part.facts, 1)]
        doc.layers.edits += [_moved(e, offset) for e in part.layers.edits]
        if part.layers.body_end is not None:
            doc.layers.body_end = part.layers.body_end + offset
        languages[part.language or ""] += len(part.text)
        warnings += [w for w in part.warnings if w not in warnings]
        if not doc.layers.done:
            doc.layers.done = list(part.layers.done)
        offset += len(part.text)
    doc.language = doc.language or (languages.most_common(1)[0][0] or None)
    doc.warnings = warnings
    return doc


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a section that starts at ``start`` and may not pass ``limit``: after the last break of the
    strongest kind found in its second half (so that sections are not tiny), else at ``limit``."""
    for pattern in _BREAKS:
        last = None
        for m in pattern.finditer(text, start + (limit - start) // 2, limit):
            last = m
        if last is not None:
            return last.end()
    return limit


def _merge_entity(doc: Document, names: dict[tuple[str, str], Entity], ent: Entity, offset: int) -> str:
    key = (ent.type, ent.kb_id or ent.name.casefold())
    mentions = [_moved(m, offset) for m in ent.mentions]
    known = names.get(key)
    if known is None:
        known = dataclasses.replace(ent, id=f"e{len(doc.entities) + 1}", mentions=mentions, aliases=list(ent.aliases))
        names[key] = known
        doc.entities.append(known)
        return known.id
    known.mentions += mentions
    known.aliases += [a for a in ent.aliases if a not in known.aliases]
    for field in ("wikidata", "country", "geo"):
        if getattr(known, field) is None:
            setattr(known, field, getattr(ent, field))
    return known.id


def _event(ev: Event, ids: dict[str, str], events: dict[str, str], offset: int) -> Event:
    return dataclasses.replace(
        ev,
        id=events[ev.id],
        actors=_ids(ev.actors, ids),
        targets=_ids(ev.targets, ids),
        claimed_by=_ids(ev.claimed_by, ids),
        location=ids.get(ev.location or ""),
        attributed_to=ids.get(ev.attributed_to or ""),
        attributed_via=ids.get(ev.attributed_via or ""),
        evidence=[_moved(s, offset) for s in ev.evidence],
        triggers=[_moved(s, offset) for s in ev.triggers],
        related_event=events.get(ev.related_event or ""),
        responsibility=[
            dataclasses.replace(
                r,
                actor=ids.get(r.actor, r.actor),
                attributed_to=ids.get(r.attributed_to or ""),
                evidence=_moved(r.evidence, offset) if r.evidence else None,
            )
            for r in ev.responsibility
        ],
    )


def _fact(f: Fact, ids: dict[str, str], new_id: str, offset: int) -> Fact:
    return dataclasses.replace(
        f,
        id=new_id,
        subject=ids.get(f.subject, f.subject),
        object=ids.get(f.object or ""),
        attributed_to=ids.get(f.attributed_to or ""),
        attributed_via=ids.get(f.attributed_via or ""),
        route=_ids(f.route, ids),
        evidence=[_moved(s, offset) for s in f.evidence],
    )


def _ids(values: list[str], ids: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(ids[v] for v in values if v in ids))


def _moved(span: Any, offset: int) -> Any:
    return dataclasses.replace(span, start=span.start + offset, end=span.end + offset) if offset else span
