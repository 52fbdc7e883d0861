"""Incidents a text dates the one it tells by: "the attack came a day after a car bomb killed 12", "attacks have
risen since the bombing of the shrine". Their mentions (``EventMention.anchor``) make drafts of their own
(``incidents``), and what they tell is left out of the told incident's weapons (``coding.mode_of``)."""

from __future__ import annotations

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


def told_elsewhere(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Mark in each draft's sentences what tells the incidents it is dated by ("a day after a car bomb killed 12"),
    so its weapons are not read from them."""
    parse = ctx.parse
    anchors = [m for d in drafts for m in d.mentions if m.anchor]
    for d in drafts:
        own = {m.token for m in d.mentions}
        if not own or any(m.anchor for m in d.mentions):
            continue
        sents = {m.sent for m in d.mentions}
        for m in (a for a in anchors if a.sent in sents):
            t = m.token  # the clause it is the subject of ("a car bomb killed 12"), else its own phrase
            up = parse.tokens[t].head if parse.tokens[t].dep.startswith("nsubj") else t
            span = parse.span_of_subtree(up)
            if any(span[0] <= parse.tokens[k].start < span[1] for k in own):
                span = parse.span_of_subtree(t)
            if not any(span[0] <= parse.tokens[k].start < span[1] for k in own):
                d.elsewhere.append(span)
    return drafts
