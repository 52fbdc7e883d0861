"""Threats told as a condition laid on another party: "will withdraw its force unless the president arranges a
ceasefire", "threatened new attacks unless the government frees the prisoners", «нападут, если власти не
освободят задержанных».  The condition makes a future act a THREATEN, and its subject is who is threatened.

``threat_conditions`` in ``events_<lang>.yaml``: ``marks`` open such a condition by themselves ("unless");
``negated_marks`` only when the clause is negated ("if the government does not pay", «если ... не»), and only
for a future act, since "would have died if the bomb had not been defused" threatens nobody.
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.extract.context import Context
from sitrep.extract.entities import role_entity
from sitrep.model import Entity

from .triggers import EventMention


def condition(ctx: Context, mentions: Sequence[EventMention], future: bool) -> int | None:
    """The head of a condition clause laid on one of the mentions' clauses, else None."""
    parse, rules = ctx.parse, ctx.lex.events["threat_conditions"]
    marks, negated = set(rules.get("marks", ())), set(rules.get("negated_marks", ())) if future else set()
    negation = ctx.lex.stance["negation.words"]
    for m in mentions:
        for h in {m.token, parse.clause_head(m.token)}:
            for c in parse.kids(h, "advcl"):
                words = {parse.tokens[k].text.lower() for k in parse.kids(c, "mark")}
                if words & marks:
                    return c
                negations = (k for k in parse.kids(c, "advmod", "neg") if parse.tokens[k].lemma.lower() in negation)
                if words & negated and next(negations, None) is not None:
                    return c
    return None


def threatened(ctx: Context, clause: int, country: str | None) -> Entity | None:
    """Who a condition is laid on: its subject, an actor or a plain noun for people ("the government",
    «власти»); not a pronoun or a thing ("unless it rains")."""
    parse = ctx.parse
    for s in parse.kids(clause, "nsubj"):
        tok = parse.tokens[s]
        ent = role_entity(ctx.index, *parse.span_of_subtree(s), (tok.start, tok.end), country)
        if ent is None and tok.pos == "NOUN" and tok.lemma.lower() in ctx.lex.events["threat_conditions"]["parties"]:
            ent = ctx.index.make_group(tok.text.lower(), tok.start, tok.end)
        if ent is not None:
            return ent
    return None
