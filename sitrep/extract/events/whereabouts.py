"""Which of the places named around an event is where it happened: not a nationality ("US forces", "a US
security firm"), not where a launched weapon came from, not a stop on a journey or a route ("returning from the
embassy in Amman", "oil pumped to the port of Ceyhan"), not the home of an organisation ("the Dubai-based paper")."""

from __future__ import annotations

import re

from sitrep.extract.context import Context
from sitrep.extract.places import puts_near
from sitrep.knowledge import gazetteer as gz
from sitrep.model import Entity

from .triggers import EventMention

RANK = {"city": 0, "admin_area": 1, "location": 2, "country": 3}


def most_specific(places: list[Entity]) -> Entity | None:
    """The most precise place; one the gazetteer does not know (no country) only when there is nothing else; an
    unknown place the text puts in a known one is more precise than its container ("Kapho in Pattani province",
    "Baba Mohalla, Bijbehara"), but a part of a town it names (a neighbourhood, an area) is the town's: ACLED and
    RAND place "the Dora neighbourhood of Baghdad" in Baghdad."""
    if not places:
        return None
    towns = {(e.geo.lat, e.geo.lon) for e in places if e.geo and e.geo.feature == "city" and e.geo.geonameid}
    return min(places, key=lambda e: rank(e, towns))


def rank(e: Entity, towns: set[tuple[float, float]] | None = None) -> tuple[bool, int]:
    """How precise a place is, lower first: unknown places last, a place held by a known one first."""
    if held(e) and not (e.geo and e.geo.feature != "city" and (e.geo.lat, e.geo.lon) in (towns or ())):
        return e.country is None, -1
    return e.country is None, RANK.get(e.type, 4)


def held(e: Entity) -> bool:
    """A place the gazetteer does not know, placed by the known place the text puts it in: its container's point
    and no id of its own (a town or place of the gazetteer has precision 1, or an id)."""
    geo = e.geo
    if e.origin != "gazetteer" or geo is None or geo.geonameid is not None:
        return False
    return geo.feature in ("place", "city") and (geo.precision or 0) >= 2


def where(ctx: Context, spans: list[tuple[int, int]], sent: int | None = None) -> list[Entity]:
    """The places named in the ``spans`` of the text that may be where an event happened: no nationality ("US
    forces"), no stop on a journey, no organisation's home, and no place a launched weapon came from ("fired rockets
    at Israel from the Gaza Strip": ACLED places shelling where it lands) or a bearing is taken from ("north of
    Baghdad") while another is named."""
    found = [
        (s, e, ent, bearing_from(ctx, s, e) or launched_from(ctx, s, e))
        for lo, hi in spans for s, e, ent in ctx.index.within(lo, hi, places=True)
        if not (nationality(ctx, s, e, ent.type == "country") or on_the_way(ctx, s, e) or based(ctx, e))
    ]  # fmt: skip
    found += [(s, e, ent, False) for s, e, ent in held_near(ctx, found)]
    there = [ent for s, e, ent, aside in found if not aside]
    there = there if any(x.country for x in there) else []  # not for a name nothing places ("Rachel's Tomb")
    if not there and sent is not None and any(aside for *_, aside in found):
        # only the landmark of a bearing or the launch site here: the place it leads to, or where the weapon
        # landed, may hang elsewhere in the sentence ("gunmen near Tarmiyah, north of Baghdad, shot ...", "a
        # rocket fired from the Gaza Strip landed near Sderot")
        line = ctx.doc.layers.sentences[sent]
        there = [x for x in where(ctx, [(line.start, line.end)]) if all(x is not ent for _, _, ent, _ in found)]
    return there or [ent for _, _, ent, _ in found]


def bearing_from(ctx: Context, start: int, end: int) -> bool:
    """Whether the place at ``start``-``end`` is the landmark a bearing is taken from ("near Tarmiyah, north of
    Baghdad", "30 km south of Kirkuk"): the place the bearing leads to is where."""
    parse, cases = ctx.parse, ctx.lex.cases
    h = parse.head_of_span(start, end) if parse.has_parse else None
    if h is None or parse.tokens[h].head == h:
        return False
    head = parse.tokens[parse.tokens[h].head]
    of = cases.get("bearing_of", ())
    return head.lemma.lower() in cases.get("bearings", ()) and (not of or parse.case_of(h) in of)


def held_near(ctx: Context, found: list[tuple[int, int, Entity, bool]]) -> list[tuple[int, int, Entity]]:
    """The villages the gazetteer does not know that the text puts near a known place of ``found``, named right
    before it ("attacked Kanaan, near Baqubah", "Jbala village, near Baghdad"): more precise than the town, and where
    the event happened though the phrase that names it may not hang on its verb."""
    text, seen = ctx.doc.text, {id(ent) for *_, ent, _ in found}
    out = []
    for s, _, ent, aside in found:
        if aside or held(ent) or ent.geo is None:
            continue
        for xs, xe, x in ctx.index.within(max(0, s - 60), s, places=True):
            geo = x.geo
            if id(x) in seen or geo is None or not held(x) or geo.feature != "city" or x.country != ent.country:
                continue
            if puts_near(text[xe:s], ctx.lang):
                seen.add(id(x))
                out.append((xs, xe, x))
    return out


def on_the_way(ctx: Context, start: int, end: int) -> bool:
    """Whether the place at ``start``-``end`` is where a journey or a shipment comes from or goes to, not where the
    event happened: "returning from the Moroccan embassy in Amman", "a pipeline used to transport oil to the port
    of Ceyhan" (the phrase the place hangs in is the verb's origin or destination)."""
    parse, cases = ctx.parse, ctx.lex.cases
    h = parse.head_of_span(start, end) if parse.has_parse else None
    if h is None:
        return False
    tokens = parse.tokens
    while tokens[h].dep in ("nmod", "compound", "conj", "appos", "flat") and tokens[h].head != h:
        h = tokens[h].head  # up to the phrase that hangs on the verb: "the embassy in Amman", "the port of X"
    verb = tokens[tokens[h].head]
    return (
        tokens[h].dep.startswith("obl")
        and parse.case_of(h) in cases.get("path", ())
        and verb.lemma.lower() in cases.get("journey_verbs", ())
    )


def based(ctx: Context, end: int) -> bool:
    """An organisation's home before "-based" ("the Dubai-based paper"), not where the event happened."""
    return ctx.doc.text[end : end + 6].lower() == "-based"


def launched_from(ctx: Context, start: int, end: int) -> bool:
    """Whether the place at ``start``-``end`` is the origin of a launch verb or of what it launched: "fired ...
    from the Gaza Strip", "fired five rockets at Israel from Northern Gaza"."""
    parse, cases = ctx.parse, ctx.lex.cases
    h = parse.head_of_span(start, end) if parse.has_parse else None
    if h is None or parse.case_of(h) not in cases.get("origin", ()):
        return False
    verb = parse.tokens[h].head
    if parse.tokens[verb].pos in ("NOUN", "PROPN"):  # the rockets' origin
        verb = parse.tokens[verb].head
    return parse.tokens[verb].lemma.lower() in cases.get("launch_verbs", ())


def nationality(ctx: Context, start: int, end: int, country: bool = False) -> bool:
    """'US contractors', 'Iraqi soldiers', 'the U.S. Embassy': a place name modifying a noun names a nationality
    (or the country that keeps a post abroad), not a location; a ``country``'s name does so before any common
    noun but a part of its land ('a US security firm', 'US operations'; not 'the Pakistan border'). A name that a
    sentence opens with after a preposition of place says where, whatever it seems to modify ("In Assam militants
    exploded a bomb")."""
    if country and _joined(ctx, end):
        return True
    parse = ctx.parse
    h = parse.head_of_span(start, end) if parse.has_parse else None
    if h is None or _opening_place(ctx, h):
        return False
    t = parse.tokens[h]
    head = parse.tokens[t.head]
    if t.dep not in ("compound", "amod") or t.head == h:
        return False
    people, posts = ctx.lex.person_units, ctx.lex.events.get("posts_abroad", ())
    between = parse.tokens[h + 1 : t.head + 1]  # "the U.S. Embassy building": the post before the head
    if country and head.pos == "NOUN" and head.lemma.lower() not in ctx.lex.events.get("country_areas", ()):
        return True
    return head.text.lower() in people or head.lemma in people or any(x.text.lower() in posts for x in between)


OPENING = 6  # tokens from a sentence's start within which a name may follow its opening preposition


def _opening_place(ctx: Context, h: int) -> bool:
    """Is the name at token ``h`` (its head) the object of a locative preposition that opens its sentence?"""
    toks = ctx.parse.tokens
    first = ctx.parse.sentence_tokens(toks[h].sent).start
    opener = toks[first].text.lower()
    return (
        0 < h - first <= OPENING
        and opener != "of"
        and opener in ctx.lex.cases.get("locative", ())
        and all(toks[i].tag in ("NNP", "NNPS", "DT") for i in range(first + 1, h))
    )


_JOINED = re.compile(r"(?:-|\s+(?:and|or|и|или)\s+)([^\W\d_]+)")


def _joined(ctx: Context, end: int) -> bool:
    """A country's name joined to a people's adjective ("a joint US-Iraqi patrol", "US and Iraqi forces") or to a
    participle ("the US-led coalition", "Pakistan-administered Kashmir") is a nationality, whatever the parse."""
    m = _JOINED.match(ctx.doc.text, end)
    if m is None:
        return False
    word = m.group(1)
    return gz.demonym(word, ctx.lang) is not None or (ctx.doc.text[end] == "-" and word.lower().endswith("ed"))


def location(ctx: Context, m: EventMention) -> tuple[Entity | None, bool]:
    """Where the event of trigger ``m`` happened, and whether only its sentence (not its own phrases) told."""
    doc, parse = ctx.doc, ctx.parse
    toks = parse.tokens
    light = set(ctx.lex.events["light_verbs"])
    heads = [m.token]
    t = toks[m.token]
    k_ = ctx.lex.cases
    if t.head != m.token and toks[t.head].lemma.lower() in light | k_["suffer_verbs"]:
        heads.append(t.head)
    heads.extend(c for c in parse.children[m.token] if toks[c].dep in ("acl:relcl", "acl"))
    candidates: list[Entity] = []
    if parse.has_parse:
        phrases = [
            parse.span_of_subtree(c) for h in heads for c in parse.children[h]
            if toks[c].dep.split(":")[0] in ("obl", "nmod", "advmod") and parse.case_of(c) in k_["locative"] | {""}
        ]  # fmt: skip
        candidates = where(ctx, phrases, m.sent)
        if not candidates and t.pos in ("VERB", "AUX"):
            candidates = where(ctx, [parse.clause_span(m.token)])
    if candidates:
        return most_specific(candidates), False
    sent = doc.layers.sentences[m.sent]
    return most_specific(where(ctx, [(sent.start, sent.end)])), True
