"""Claims and denials of responsibility (called by the ``events`` stage).

"which was later claimed by the group known as ISKP", "TTP claimed responsibility for the bombing": the claimant
joins the claimed event's ``claimed_by``, with a ``responsibility`` entry (modality "claimed", and the source that
reports the claim). "X claimed that ..." is not a claim of responsibility: its content gets the modality
"claimed" from ``sitrep.extract.stance``. A denial is a REJECT event of its own that points at the attack it denies
(``related_event``) and marks the denier's responsibility for it as negated.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from sitrep.extract.context import Context
from sitrep.extract.stance import stance
from sitrep.model import Entity, Responsibility

from .incidents import Draft
from .roles import Roles, event_date
from .triggers import EventMention

VIOLENT = frozenset({"ASSAULT"})


class Claimable:
    """The drafts a claim or a denial can point at, found by token and by position instead of a scan.

    Drafts are made in text order, so the violent ones are sorted by where they start; a claim joins the draft
    it is added to, so the token map grows with it.
    """

    def __init__(self, drafts: list[Draft]):
        self.drafts = drafts
        self._by_token: dict[int, set[int]] = {}
        self._positions = {id(d): n for n, d in enumerate(drafts)}
        for n, d in enumerate(drafts):
            for m in d.mentions:
                self._by_token.setdefault(m.token, set()).add(n)
        violent = [(d.mentions[0].start, d) for d in drafts if d.type in VIOLENT]
        self._violent_starts = [s for s, _ in violent]
        self._violent = [d for _, d in violent]

    def last_with(self, tokens: set[int]) -> Draft | None:
        """The last draft (in list order) one of whose mentions is on one of ``tokens``."""
        found = [n for k in tokens for n in self._by_token.get(k, ())]
        return self.drafts[max(found)] if found else None

    def violent_before(self, offset: int) -> Draft | None:
        """The last violent draft that starts before ``offset``."""
        i = bisect_left(self._violent_starts, offset)
        return self._violent[i - 1] if i else None

    def violent_after(self, offset: int) -> Draft | None:
        """The first violent draft that starts after ``offset``."""
        i = bisect_left(self._violent_starts, offset)
        return self._violent[i] if i < len(self._violent) else None

    def add(self, d: Draft, m: EventMention, r: Roles) -> None:
        d.add(m, r)
        self._by_token.setdefault(m.token, set()).add(self._positions[id(d)])


def attach_claim(ctx: Context, drafts: Claimable, c: EventMention) -> None:
    doc, parse, index = ctx.doc, ctx.parse, ctx.index
    toks = parse.tokens
    t = toks[c.token]
    if parse.kids(c.token, "ccomp"):
        return  # "IS claimed that ...": the content is claimed (stance), not responsibility
    candidates = [t.head] if t.dep in ("acl:relcl", "acl") else []
    for k in parse.children[c.token]:
        if toks[k].dep in ("obj", "nsubj:pass") or parse.case_of(k) in ctx.lex.cases["responsibility_for"]:
            candidates.extend(parse.subtree(k))
    target = drafts.last_with(set(candidates)) or drafts.violent_before(c.start)
    if target is None:
        return
    agent_cases = ctx.lex.cases["agent"]
    claimants = [k for k in parse.kids(c.token, "obl") if parse.case_of(k) in agent_cases]
    passive = any(toks[k].dep == "aux:pass" for k in parse.children[c.token])
    if not passive:
        claimants += parse.kids(c.token, "nsubj")
    st = stance(ctx, c.token)
    source = index.first_source(st.sources)
    found = [
        client(ctx, ent, *span)
        for k in claimants
        if (ent := index.in_phrase(*(span := parse.span_of_subtree(k)), (toks[k].start, toks[k].end), places=False))
        is not None
    ]
    if not found:  # the parse gave no subject: the actor named right before "claimed" in its sentence
        sent = doc.layers.sentences[c.sent]
        before = [e for s_, e_, e in index.within(sent.start, c.start, places=False) if c.start - e_ < 40]
        found = before[-1:]
    for ent in found:
        if ent not in target.claimed_by:
            target.claimed_by.append(ent)
            target.responsibility.append(
                Responsibility(ent.id, "claimed", source.id if source else None, ctx.sentence_span(c.sent))
            )
    drafts.add(target, c, Roles(date=event_date(ctx, c), stance=st))


def link_denials(drafts: Claimable) -> None:
    for d in drafts.drafts:
        if not any(m.trigger.has("denial") for m in d.mentions):
            continue
        first = d.mentions[0]
        told = drafts.violent_after(first.start)  # "denied involvement in the attack on a mosque": its own object
        earlier = told if told is not None and told.mentions[0].sent == first.sent else None
        earlier = earlier or drafts.violent_before(first.start)
        if earlier is not None:
            d.related = earlier
            for ent in d.agents:
                d.related.responsibility.append(Responsibility(ent.id, "negated", ent.id, None))


def client(ctx: Context, ent: Entity, start: int, end: int) -> Entity:
    """The party a phrase names when ``ent`` only qualifies it: "the al-Qaeda linked group, Tanzim Qa'idat
    al-Jihad fi Bilad al-Rafidayn", "the Iran-backed Kataib Hezbollah" (a patron word of ``events_<lang>.yaml
    patron_words`` right after ``ent``'s mention, and another party named after it in the phrase or right after a
    comma that ends it)."""
    text, words = ctx.doc.text, ctx.lex.events.get("patron_words", ())
    for _, m_end, named_ent in ctx.index.starting_in(start, end):  # its mentions in the phrase, not the document's
        if named_ent is ent:
            after = text[m_end : m_end + 30].lstrip(" -").split(" ", 1)[0].strip(",").lower()
            if after in words:
                named = re.match(r",[ \t]+", text[end : end + 3])  # "the ... group, X": its name after a comma
                stop = end + named.end() + 1 if named else end
                later = [e for _, _, e in ctx.index.starting_in(m_end + 1, stop) if e is not ent and not e.is_place]
                return later[0] if later else ent
    return ent
