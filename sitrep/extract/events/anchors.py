"""Incidents a text dates the one it tells by: "the attack came a day after a car bomb killed 12", "attacks have
risen since the bombing of the shrine". Their mentions (``EventMention.anchor``) make drafts of their own
(``incidents``), and what they tell is left out of the told incident's weapons (``coding.mode_of``)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sitrep.extract.context import Context

if TYPE_CHECKING:
    from .incidents import Draft
    from .triggers import EventMention


def anchor(ctx: Context, m: EventMention) -> bool:
    """Is ``m`` an incident the one told is dated by, not that one ("a day after a car bomb killed 12", "since the
    bombing of the shrine"): after a word of ``anaphora.earlier``, unless a bare definite refers back ("a day
    after the attack")."""
    if m.trigger.casualty:
        return False  # "killed 12" after "a day after a car bomb" is the rest of the anchor's clause
    toks, kids = ctx.parse.tokens, ctx.parse.children[m.token]
    k = m.token  # back over the start of the mention's phrase: "since the recent", "a day after a car"
    while k > 0 and m.token - k < 4 and toks[k - 1].pos in ("DET", "ADJ", "NUM", "NOUN", "PROPN"):
        k -= 1
    before = f" {' '.join(x.text.lower() for x in toks[max(0, k - 3) : k])} "
    if not any(before.endswith(f" {w} ") for w in ctx.lex.events["anaphora"].get("earlier", ())):
        return False
    own = [c for c in kids if toks[c].dep.split(":")[0] in ("nmod", "compound", "amod", "nummod", "acl")]
    return not m.definite or bool(own)


def told_elsewhere(ctx: Context, drafts: list[Draft], mentions: list[EventMention]) -> list[Draft]:
    """Mark in each draft's sentences what tells other incidents — those it is dated by ("a day after a car bomb
    killed 12"), the kinds a tally counts (``tallied``), and the kinds a sentence that tells no act of the incident
    speaks of ("Insurgents continue to target civilians in a campaign of shootings, arson and bomb attacks") — so
    its weapons are not read from them."""
    parse = ctx.parse
    anchors: dict[int, list[EventMention]] = defaultdict(list)  # by sentence, read once: linear in the document
    kinds: dict[int, list[tuple[EventMention, bool]]] = defaultdict(list)  # (kind, whether a tally counts it)
    for m in (m for d in drafts for m in d.mentions if m.anchor):
        anchors[m.sent].append(m)
    for m in (m for m in mentions if m.generic):
        kinds[m.sent].append((m, tallied(ctx, m)))
    for d in drafts:
        own = {m.token for m in d.mentions if not m.generic}
        if not own or any(m.anchor for m in d.mentions):
            continue
        sents = {m.sent for m in d.mentions}
        acts = {m.sent for m in d.mentions if not (m.generic or m.trigger.casualty)}  # acts of its own, not kinds
        aside = sents - acts if acts else set()  # its sentences that only speak of kinds or tolls
        elsewhere = [k for s in sorted(sents) for k, tally in kinds[s] if s in aside or tally]
        for m in [a for s in sorted(sents) for a in anchors[s]] + elsewhere:
            t = m.token  # the clause it is the subject of ("a car bomb killed 12"), else its own phrase
            up = parse.tokens[t].head if m.anchor and parse.tokens[t].dep.startswith("nsubj") else t
            span = parse.span_of_subtree(up)
            if any(span[0] <= parse.tokens[k].start < span[1] for k in own):
                span = parse.span_of_subtree(t)
            if not any(span[0] <= parse.tokens[k].start < span[1] for k in own):
                d.elsewhere.append(span)
    return drafts


def kind_of(ctx: Context, m: EventMention, kinds: set[int]) -> bool:
    """Does ``m`` tell a kind of incident, not one: a kind a tally counts (``tallied``), or a word compounded or
    listed with a kind ("bomb" in "bomb attacks", "arson" in "a campaign of shootings, arson and bomb attacks")?"""
    t = ctx.parse.tokens[m.token]
    return tallied(ctx, m) or (t.dep in ("compound", "conj") and t.head in kinds)


def tallied(ctx: Context, m: EventMention) -> bool:
    """Is ``m`` a kind of incident a perfect tense tallies over time ("1,700 people have been killed in shootings,
    arson and bomb attacks", "violence, including bomb attacks, has killed 2,000"): a plural noun with no determiner
    (or a word compounded or listed with one) under a verb with "has"/"have", not one incident ("have fired
    rockets")?"""
    toks = ctx.parse.tokens
    k = toks[m.token].head if toks[m.token].dep == "compound" else m.token  # "bomb" in "bomb attacks"
    k = toks[k].head if toks[k].dep == "conj" else k  # "arson" in "shootings, arson and bomb attacks"
    if toks[k].tag not in ("NNS", "NNPS") or ctx.parse.kids(k, "det", "nummod") or toks[k].dep == "obj":
        return False
    for _ in range(4):
        if toks[k].pos in ("VERB", "AUX") or toks[k].head == k:
            break
        k = toks[k].head
    return toks[k].pos == "VERB" and any(
        toks[a].lemma.lower() == "have" and toks[a].tag in ("VBP", "VBZ") for a in ctx.parse.kids(k, "aux")
    )
