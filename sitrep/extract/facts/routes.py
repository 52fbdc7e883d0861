"""Travel routes: "travel to Afghanistan via Turkey. Upon arrival in Afghanistan ... move to Quetta" ->
Turkey -> Afghanistan -> Quetta, joined across sentences (words in ``facts_<lang>.yaml``, ``travel``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.model import Entity, Quantity

from .relations import in_sentence

if TYPE_CHECKING:
    from .maker import FactMaker


def routes(maker: FactMaker, topic: Entity | None) -> None:
    """Travel routes, joined across sentences when one leg starts where the last ended."""
    data = maker.ctx.lex.facts["travel"]
    cues, via, to, frm, at = (set(data[k]) for k in ("cues", "via", "to", "from", "at"))
    doc, parse = maker.doc, maker.parse
    toks = parse.tokens
    legs: list[tuple[int, int, list[Entity]]] = []  # (sentence, cue token, places in order)
    for s in range(len(doc.layers.sentences)):
        found = [k for k in parse.sentence_tokens(s) if toks[k].text.lower() in cues or toks[k].lemma.lower() in cues]
        if not found:
            continue
        cue = found[-1]  # "Upon arrival in Afghanistan, they were ordered to move to Quetta": the last move
        origin: list[Entity] = []
        middle: list[Entity] = []
        dest: list[Entity] = []
        for _head, ent, start, _end in in_sentence(maker.ctx, s):
            if not ent.is_place:
                continue
            before = doc.text[max(0, start - 12) : start].lower().split()
            prep = before[-1] if before else ""
            prep2 = " ".join(before[-2:]) if len(before) > 1 else prep
            if prep in via or prep2 in via:
                middle.append(ent)
            elif prep in to:
                dest.append(ent)
            elif prep in frm:
                origin.append(ent)
            elif prep in at and start < toks[cue].start:
                origin.append(ent)  # "Upon arrival in Afghanistan, they were ordered to move to Quetta"
        places = origin + middle + dest
        if len(places) >= 2 or (places and legs and legs[-1][2][-1] is places[0]):
            legs.append((s, cue, places))
    chains: list[list[tuple[int, int, list[Entity]]]] = []
    for leg in legs:
        if chains and chains[-1][-1][0] >= leg[0] - 2 and chains[-1][-1][2][-1] is leg[2][0]:
            chains[-1].append(leg)
        else:
            chains.append([leg])
    for chain in chains:
        route: list[Entity] = []
        for _, _, places in chain:
            for p in places:
                if not route or route[-1] is not p:
                    route.append(p)
        if len(route) < 2:
            continue
        s0, cue0, _ = chain[0]
        travellers = _travellers(maker, s0, set(data["travellers"])) or topic
        if travellers is None:
            continue
        text = " → ".join(p.name for p in route)
        maker.add(
            s0,
            cue0,
            travellers,
            "travelled_via",
            route[-1],
            value=Quantity(text=text),
            sentences=[s for s, _, _ in chain],
            route=[p.id for p in route],
        )


def _travellers(maker: FactMaker, s: int, nouns: set[str]) -> Entity | None:
    """Who travelled: the nearest earlier group of people named by a noun ("the detainees", "recruits")."""
    toks = maker.parse.tokens
    first = maker.parse.sentence_tokens(max(0, s - 2)).start
    last = maker.parse.sentence_tokens(s).stop
    for k in range(last - 1, first - 1, -1):
        word = toks[k].text.lower()
        if word in nouns and word not in ("they", "them"):
            name = word
            key = f"group:{name}"
            return maker.index.get(key) or maker.index.make_group(name, toks[k].start, toks[k].end)
    return None
