"""Facts with a shape of their own (see ``sitrep.facts``): sizes, trends, tactics, statements, travel routes.

Each function reads one sentence (routes: a run of sentences) and adds facts through the stage's
``FactMaker``; the words they look for are in ``sitrep/knowledge/data/facts_<lang>.yaml``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from sitrep.extract.stance import lexicon as stance_lexicon
from sitrep.extract.stance import relay
from sitrep.extract.tree import Parse
from sitrep.knowledge.lexicon import PhraseMatcher
from sitrep.model import Entity, Quantity, TextSpan, Trend

from .relations import in_sentence, spec

if TYPE_CHECKING:
    from sitrep.extract.facts import FactMaker


def _numbers(maker: FactMaker, s: int) -> list[TextSpan]:
    sent = maker.doc.layers.sentences[s]
    return [
        n
        for n in maker.doc.layers.numbers
        if sent.start <= n.start and n.end <= sent.end and n.label in ("count", "range")
    ]


def _quantity(n: TextSpan, unit: str | None = None) -> Quantity:
    v: Any = n.value
    low, high = v.low, v.high
    if low is None and high is None:
        low = high = v.best
    return Quantity(low=low, high=high, unit=unit or getattr(v, "unit", None), text=n.text)


def _armed_groups(maker: FactMaker, s: int) -> list[tuple[int, Entity, int, int]]:
    return [r for r in in_sentence(maker.doc, maker.index, maker.parse, s) if r[1].type == "armed_group"]


def _nearest(rows: list[tuple[int, Entity, int, int]], offset: int) -> tuple[int, Entity, int, int] | None:
    return min(rows, key=lambda r: abs(r[2] - offset)) if rows else None


# -- size ------------------------------------------------------------------------------------------------


def sizes(maker: FactMaker, s: int, topic: Entity | None) -> None:
    """'the number of ISKP fighters ranged from 1,500 to 5,000 people' -> size 1,500–5,000 fighters."""
    data = spec(maker.lang)["size"]
    units, cues = set(data["units"]), set(data["cues"])
    doc = maker.doc
    groups = _armed_groups(maker, s)
    if not groups:
        return
    sent = doc.layers.sentences[s]
    words = {t.text.lower() for t in maker.parse.tokens[sent.first_token : sent.last_token]}
    casualty = set(_casualty_words(maker.lang))
    vague = set(data["vague"])
    for n in _numbers(maker, s):
        if n.text.lower() in vague:
            continue  # "did not always boast many members" is not a size
        unit = (getattr(n.value, "unit", None) or "").lower()
        near = doc.text[max(sent.start, n.start - 40) : n.start].lower()
        before = near.split()[-3:]
        after = doc.text[n.start : min(sent.end, n.end + 40)].lower().split()[:6]
        if any(w.strip(",.;") in casualty for w in before + after):
            continue  # "killed 40 soldiers": victims, not a size
        named_unit = _member_unit_after_group(doc.text, groups, units, n.start)
        if named_unit:
            unit = named_unit
        if unit not in units or not (named_unit or words & cues or any(c in near for c in cues)):
            continue
        row = _nearest(groups, n.start)
        if row is None:
            continue
        cue = maker.parse.token_at(n.start)
        if cue is not None:
            maker.add(s, cue, row[1], "size", value=_quantity(n, unit))


def _member_unit_after_group(
    text: str, groups: list[tuple[int, Entity, int, int]], units: set[str], before: int
) -> str | None:
    """'ISKP fighters' before the number: the member noun after a group's name is the unit."""
    for _, _, _start, end in groups:
        if end <= before:
            word = text[end : end + 20].split()
            if word and word[0].strip(",.;").lower() in units:
                return word[0].strip(",.;").lower()
    return None


def _casualty_words(lang: str) -> list[str]:
    from sitrep.extract.events.triggers import lexicon

    cas = lexicon(lang).data["casualties"]
    return [w for ws in cas.values() for w in ws if " " not in w]


# -- trend -----------------------------------------------------------------------------------------------


def trends(maker: FactMaker, s: int) -> None:
    """'several hundred attacks ... but after the takeover the number of attacks decreased to several dozen'."""
    data = spec(maker.lang)["trend"]
    direction_of: dict[str, Literal["increase", "decrease", "stable"]] = {w: d for d, ws in data.items() for w in ws}
    toks = maker.parse.tokens
    doc = maker.doc
    numbers = _numbers(maker, s)
    for k in maker.parse.sentence_tokens(s):
        direction = direction_of.get(toks[k].text.lower()) or direction_of.get(toks[k].lemma.lower())
        if direction is None:
            continue
        after = [n for n in numbers if n.start >= toks[k].end and n.start - toks[k].end < 25]
        before = [n for n in numbers if n.end <= toks[k].start]
        if not after:
            continue
        groups = _armed_groups(maker, s)
        row = _nearest(groups, before[0].start if before else toks[k].start)
        if row is None:
            continue
        unit = _trend_unit(doc.text, before, after)
        before_q = _quantity(before[0], unit) if before else None
        after_q = _quantity(after[0], unit)
        dates = [d for d in doc.layers.dates if doc.layers.sentences[s].start <= d.start < doc.layers.sentences[s].end]
        from sitrep.extract.dates import resolve_mention

        before_date = next((resolve_mention(doc, d) for d in dates if before and d.end <= before[0].start), None)
        after_date = next(
            (
                resolve_mention(doc, d)
                for d in dates
                if (not before or d.start > before[0].end) and d.end <= toks[k].start
            ),
            None,
        )
        trend = Trend(direction, before_q, after_q, before_date, after_date)
        maker.add(s, k, row[1], "trend", value=after_q, date=after_date, trend=trend)


def _trend_unit(text: str, before: list[TextSpan], after: list[TextSpan]) -> str | None:
    for n in before + after:
        unit = getattr(n.value, "unit", None)
        if unit:
            return unit
    return None


# -- tactics ---------------------------------------------------------------------------------------------


@cache
def _tactics(lang: str) -> PhraseMatcher[str]:
    return PhraseMatcher(lang, plurals=True).add_all((t, t) for t in spec(lang)["tactics"])


def tactics(maker: FactMaker, s: int) -> None:
    """'ISKP has increasingly started using suicide attacks' -> uses_tactic 'suicide attacks'."""
    cues = set(spec(maker.lang)["relations"]["uses_tactic"]["cues"])
    sent = maker.doc.layers.sentences[s]
    found = _tactics(maker.lang).find(maker.doc.text, sent.start, sent.end)
    if not found:
        return
    toks = maker.parse.tokens
    cue = next(
        (k for k in maker.parse.sentence_tokens(s) if toks[k].text.lower() in cues or toks[k].lemma.lower() in cues),
        None,
    )
    groups = _armed_groups(maker, s)
    if cue is None or not groups:
        return
    row = _nearest(groups, toks[cue].start)
    for m in found:
        if m.start > toks[cue].start:
            maker.add(s, cue, row[1], "uses_tactic", value=Quantity(text=m.text))  # type: ignore[index]


# -- statements ------------------------------------------------------------------------------------------


def statements(maker: FactMaker, s: int) -> None:
    """'X said/noted/mentioned that ...', 'According to X, ...': X said what follows."""
    lex = stance_lexicon(maker.lang)
    parse, doc, index = maker.parse, maker.doc, maker.index
    toks = parse.tokens
    sent = doc.layers.sentences[s]
    for k in parse.sentence_tokens(s):
        t = toks[k]
        content: tuple[int, int] | None = None
        speaker: Entity | None = None
        if t.lemma.lower() in lex["speech.verbs"] and parse.has_parse:
            comp = parse.kids(k, "ccomp", "parataxis")
            if not comp:
                continue  # "claimed responsibility", "stated this": no words of their own
            subj = parse.kids(k, "nsubj")
            if not subj:
                continue
            head = (toks[subj[0]].start, toks[subj[0]].end)  # "Taliban spokesman Zabihullah Mujahid": the person
            speaker = index.in_phrase(*parse.span_of_subtree(subj[0]), head, places=False) or index.source(
                *parse.span_of_subtree(subj[0]), maker.lang
            )
            content = parse.span_of_subtree(comp[0])
        elif parse.has_parse and _source_phrase_at(parse, k, lex):
            owner = t.head
            if toks[owner].dep.startswith("obl") or toks[owner].dep in ("nmod", "advmod", "advcl"):
                lo, hi = parse.span_of_subtree(owner)
                speaker = index.source(lo, hi, maker.lang)
                before, after = doc.text[sent.start : lo].strip(" ,:;"), doc.text[hi : sent.end].strip(" ,:;.")
                if len(after) >= len(before):  # "According to X, ...": what follows; "..., according to X": before
                    content = (sent.end - len(doc.text[hi : sent.end].lstrip(" ,:")), sent.end)
                else:
                    content = (sent.start, sent.start + len(doc.text[sent.start : lo].rstrip(" ,:;")))
        if speaker is None or content is None:
            continue
        text = doc.text[content[0] : content[1]].strip()
        fact = maker.add(s, k, speaker, "statement", value=Quantity(text=text), date=None)
        fact.attributed_to = None  # the author reports what the speaker said
        if s + 1 < len(doc.layers.sentences) and (span := relay(parse, s + 1, maker.lang)):
            via = index.source(*span, maker.lang)
            fact.attributed_via = via.id if via else None


# -- routes ----------------------------------------------------------------------------------------------


def routes(maker: FactMaker, topic: Entity | None) -> None:
    """Travel routes, joined across sentences when one leg starts where the last ended."""
    data = spec(maker.lang)["travel"]
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
        for _head, ent, start, _end in in_sentence(doc, maker.index, parse, s):
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


def _source_phrase_at(parse: Parse, k: int, lex: dict[str, Any]) -> bool:
    """Token ``k`` begins a source phrase ("According to X", "По данным X", "По словам X")."""
    toks = parse.tokens
    words = " ".join(t.text.lower() for t in toks[k : k + 3])
    return toks[k].dep in ("case", "mark") and any(words.startswith(p) for p in lex["speech.source_phrases"])


def _travellers(maker: FactMaker, s: int, nouns: set[str]) -> Entity | None:
    """Who travelled: the nearest earlier group of people named by a noun ("the detainees", "recruits")."""
    doc, toks = maker.doc, maker.parse.tokens
    first = maker.parse.sentence_tokens(max(0, s - 2)).start
    last = maker.parse.sentence_tokens(s).stop
    for k in range(last - 1, first - 1, -1):
        word = toks[k].text.lower()
        if word in nouns and word not in ("they", "them"):
            name = word
            key = f"group:{name}"
            ent = next((e for e in doc.entities if e.kb_id == key), None)
            if ent is None:
                ent = maker.index._ensure(key, name, "other", None, toks[k].start, toks[k].end, "description")
            return ent
    return None
