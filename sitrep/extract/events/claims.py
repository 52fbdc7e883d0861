"""Claims and denials of responsibility (called by the ``events`` stage).

"which was later claimed by the group known as ISKP", "TTP claimed responsibility for the bombing": the claimant
joins the claimed event's ``claimed_by``, with a ``responsibility`` entry (modality "claimed", and the source that
reports the claim). "X claimed that ..." is not a claim of responsibility: its content gets the modality
"claimed" from ``sitrep.stance``. A denial is a REJECT event of its own that points at the attack it denies
(``related_event``) and marks the denier's responsibility for it as negated.
"""

from __future__ import annotations

from sitrep.extract.entities import EntityIndex
from sitrep.extract.tree import Parse
from sitrep.model import Document, Responsibility, Span

from . import roles as arguments
from .incidents import Draft
from .roles import Roles
from .triggers import EventMention

VIOLENT = frozenset({"ASSAULT"})


def attach_claim(
    doc: Document, parse: Parse, index: EntityIndex, drafts: list[Draft], c: EventMention, lang: str
) -> None:
    toks = parse.tokens
    t = toks[c.token]
    if parse.kids(c.token, "ccomp"):
        return  # "IS claimed that ...": the content is claimed (stance), not responsibility
    target: Draft | None = None
    tokens_of = {id(d): {m.token for m in d.mentions} for d in drafts}
    candidates = [t.head] if t.dep in ("acl:relcl", "acl") else []
    for k in parse.children[c.token]:
        if toks[k].dep in ("obj", "nsubj:pass") or parse.case_of(k) in arguments.cases(lang)["responsibility_for"]:
            candidates.extend(parse.subtree(k))
    for d in drafts:
        if tokens_of[id(d)] & set(candidates):
            target = d
    if target is None:
        violent = [d for d in drafts if d.type in VIOLENT and d.mentions[0].start < c.start]
        target = violent[-1] if violent else None
    if target is None:
        return
    agent_cases = arguments.cases(lang)["agent"]
    claimants = [k for k in parse.kids(c.token, "obl") if parse.case_of(k) in agent_cases]
    passive = any(toks[k].dep == "aux:pass" for k in parse.children[c.token])
    if not passive:
        claimants += parse.kids(c.token, "nsubj")
    st = arguments.stance(parse, c.token, lang)
    source = index.first_source(st.sources, lang)
    found = [
        ent
        for k in claimants
        if (ent := index.in_phrase(*parse.span_of_subtree(k), (toks[k].start, toks[k].end), places=False)) is not None
    ]
    if not found:  # the parse gave no subject: the actor named right before "claimed" in its sentence
        sent = doc.layers.sentences[c.sent]
        before = [e for s_, e_, e in index.within(sent.start, c.start, places=False) if c.start - e_ < 40]
        found = before[-1:]
    for ent in found:
        if ent not in target.claimed_by:
            target.claimed_by.append(ent)
            target.responsibility.append(
                Responsibility(ent.id, "claimed", source.id if source else None, sentence_span(doc, c.sent))
            )
    target.add(c, Roles(date=arguments._date(doc, parse, c), stance=st))


def link_denials(drafts: list[Draft]) -> None:
    for d in drafts:
        if not any(m.trigger.has("denial") for m in d.mentions):
            continue
        earlier = [x for x in drafts if x.type in VIOLENT and x.mentions[0].start < d.mentions[0].start]
        if earlier:
            d.related = earlier[-1]
            for ent in d.agents:
                d.related.responsibility.append(Responsibility(ent.id, "negated", ent.id, None))


# -- the event record -------------------------------------------------------------------------------------


def sentence_span(doc: Document, s: int) -> Span:
    sent = doc.layers.sentences[s]
    return doc.span(sent.start, sent.end)
