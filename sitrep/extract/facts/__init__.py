"""The ``facts`` stage: what the text says *is* the case — sizes, bases, areas of operation, founding, leaders,
membership, enmities and alliances, recruitment channels, travel routes, trends and who said what.

Every fact carries its subject and object entities, a value where there is one (a size range, a quoted
statement), a date, its modality and source (``sitrep.extract.stance``) and the sentence it came from. Relations
between actors and places come from ``relations``; this module adds the facts with a shape of their own:

* size: "the number of ISKP fighters ranged from 1,500 to 5,000" -> ISKP size 1,500–5,000 fighters;
* trend: "several hundred attacks ... but after the Taliban takeover the number decreased to several dozen";
* recruits_via: "recruited through Telegram"; uses_tactic: "has started using suicide attacks";
* travelled_via: "travel to Afghanistan via Turkey. Upon arrival in Afghanistan ... move to Quetta" ->
  Turkey -> Afghanistan -> Quetta, across sentences;
* statement: "X said/noted/mentioned that ...", "According to X, ..." -> X's words, with the relay
  ("was quoted by Interfax");
* member_of from descriptive names ("the Khorasan branch of ISIS", "this branch of the Islamic State").
"""

from __future__ import annotations

from collections import Counter

from sitrep.extract.context import Context
from sitrep.extract.entities import kb_actor
from sitrep.knowledge.ontology import confidence
from sitrep.model import Document, Entity, Fact
from sitrep.pipeline import stage

from . import relations
from .maker import FactMaker
from .routes import routes
from .shapes import sizes, tactics, trends
from .statements import statements


def topic_actor(doc: Document) -> Entity | None:
    """The armed group the document is most about (most mentions), else the most mentioned actor."""
    counts = Counter({e.id: len(e.mentions) for e in doc.entities if e.type == "armed_group" and e.origin == "kb"})
    if not counts:
        counts = Counter({e.id: len(e.mentions) for e in doc.entities if not e.is_place and e.origin == "kb"})
    if not counts:
        return None
    return doc.entity(counts.most_common(1)[0][0])


@stage("facts", needs=("tokens", "places", "dates", "numbers", "actors", "events"), adds=("facts",))
def facts(doc: Document) -> Document:
    ctx = Context(doc)
    maker = FactMaker(ctx)
    topic = topic_actor(doc)
    for s in range(len(doc.layers.sentences)):
        for f in relations.find(ctx, s, topic):
            for obj in [*f.objects] or [None]:  # type: ignore[list-item]
                maker.add(s, f.cue, f.subject, f.predicate, obj, qualifier=f.qualifier)
        sizes(maker, s, topic)
        trends(maker, s)
        tactics(maker, s)
        statements(maker, s)
    routes(maker, topic)
    _branch_membership(maker)
    doc.facts = _deduplicated(maker.facts, set(ctx.lex.facts["symmetric"]))
    for n, fact in enumerate(doc.facts, 1):
        fact.id = f"f{n}"
    _prune(doc)
    return doc


def _prune(doc: Document) -> None:
    """Drop the entities events and facts made for roles they then did not keep (generic participants, unnamed
    sources) — an entity the text names stays even when nothing refers to it."""
    used: set[str] = set()
    for ev in doc.events:
        used.update(
            [
                *ev.actors,
                *ev.targets,
                *ev.claimed_by,
                ev.location or "",
                ev.attributed_to or "",
                ev.attributed_via or "",
                *(r.actor for r in ev.responsibility),
                *(r.attributed_to or "" for r in ev.responsibility),
            ]
        )
    for f in doc.facts:
        used.update([f.subject, f.object or "", f.attributed_to or "", f.attributed_via or "", *f.route])
    made = ("generic:", "source:", "group:")
    doc.entities[:] = [e for e in doc.entities if e.id in used or not (e.kb_id or "").startswith(made)]


def _branch_membership(maker: FactMaker) -> None:
    """'the Khorasan branch of ISIS' / 'this branch of the Islamic State': the branch is a member of the parent."""
    doc = maker.doc
    by_kb = {e.kb_id: e for e in doc.entities if e.kb_id}
    for ent in doc.entities:
        actor = kb_actor(ent)
        if actor is None or not actor.parent or f"kb:{actor.parent}" not in by_kb:
            continue
        for m in ent.mentions:
            if m.kind in ("description", "coref") and " of " in m.text:
                s = maker.ctx.sentence_at(m.start)
                cue = maker.parse.token_at(m.start)
                if s is not None and cue is not None:
                    maker.add(s, cue, ent, "member_of", by_kb[f"kb:{actor.parent}"], date=None)
                    return


def _deduplicated(found: list[Fact], symmetric: set[str]) -> list[Fact]:
    """One fact per (subject, predicate, object, value, source, modality); evidence merged. For symmetric
    predicates ("fights") the subject and object may come in either order."""
    out: dict[tuple, Fact] = {}
    quoted: dict[tuple, set[tuple[int, int, str]]] = {}  # evidence each kept fact has, to merge in one pass
    for f in found:
        pair: tuple[str | None, ...] = (f.subject, f.object)
        if f.predicate in symmetric and f.object is not None:
            pair = tuple(sorted((f.subject, f.object)))
        key = (*pair, f.predicate, f.value.text if f.value else None, f.attributed_to, f.modality, f.qualifier)
        if key in out:
            kept, have = out[key], quoted[key]
            new = [e for e in f.evidence if (e.start, e.end, e.text) not in have]
            kept.evidence += new
            have.update((e.start, e.end, e.text) for e in new)
            kept.date = kept.date or f.date
            kept.attributed_via = kept.attributed_via or f.attributed_via
        else:
            out[key] = f
            quoted[key] = {(e.start, e.end, e.text) for e in f.evidence}
    for f in out.values():
        f.confidence = _confidence(f)
    return list(out.values())


def _confidence(f: Fact) -> float:
    filled = sum(bool(x) for x in (f.object or f.value, f.date, f.attributed_to))
    return confidence(0.6, filled, len(f.evidence), f.modality)
