"""Which party a role's phrase names, when the entity stage linked none to its head: a run of proper nouns the
tagger missed, a people named by a demonym, a country or its capital standing for its government, or a party
named inside the phrase ("a United Nations appeal"). Also which phrase names an actor at all: the subject a date
swallowed ("On Tuesday gunmen attacked"), an event noun's phrase without its place ("an explosion in the X
Center"), and the parties that cannot have done it (a weapon the tagger called an organisation, a town for an
attack). And the phrase of a party (without its relative clause and apposition) and the targets a verb's clause
gives when it has no object. Used by ``roles`` and the events stage."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import Any

from sitrep.extract.context import Context
from sitrep.extract.entities import EntityIndex
from sitrep.extract.learned import weapon_words
from sitrep.extract.tree import Parse
from sitrep.knowledge import gazetteer
from sitrep.knowledge.languages import lexicons
from sitrep.model import Entity

from .triggers import EventMention, table

Offsets = tuple[int, int]
AgentPhrase = tuple[Offsets, Offsets, str]  # (phrase span, head word span, how it was found)
TargetPhrase = tuple[Offsets, Offsets]


def named(ctx: Context, span: Offsets) -> Entity | None:
    """An actor the tagger missed: a run of proper nouns ("President Bush" -> a person, "Beirut" as a government
    is left to places), or a people named by a plural demonym ("the Palestinians", "Bosnian Serbs")."""
    doc, parse, index = ctx.doc, ctx.parse, ctx.index
    toks = [parse.tokens[k] for k in parse.tokens_in(*span)]
    names = [t for t in toks if t.pos == "PROPN"]
    if all(index.covering(t.start, t.end, places=True) is not None for t in names):
        names = []  # a place ("Balochistan has become a base"), not an organisation the tagger missed
    titles = set(ctx.lex.actors.get("person_titles", []))
    is_person = False
    while len(names) > 1 and (names[0].text.lower().rstrip(".") in titles or not names[0].text.strip(".")):
        is_person, names = True, names[1:]  # "President Bush", "Lt. Gen. Prosper Avril": the person, titles apart
    if names and all(t.pos in ("PROPN", "DET", "ADJ", "NOUN", "PUNCT") for t in toks) and len(names) <= 4:
        before = doc.text[span[0] : names[0].start].lower().split()
        is_person = is_person or (bool(before) and (before[-1] in titles or " ".join(before[-2:]) in titles))
        start, end = names[0].start, names[-1].end
        return index.make(doc.text[start:end], "person" if is_person else "organization", None, start, end)
    return people(ctx, span)


def people(ctx: Context, span: Offsets) -> Entity | None:
    """A people named by a plural demonym ("the Palestinians", "three ethnic Albanians", "4 Iraqis")."""
    doc, parse = ctx.doc, ctx.parse
    toks = [parse.tokens[k] for k in parse.tokens_in(*span)]
    for t in toks:
        iso = gazetteer.demonym(t.text, ctx.lang) or gazetteer.demonym(t.text.rstrip("s"), ctx.lang)
        if iso and t.pos in ("NOUN", "PROPN") and t.text[:1].isupper() and t.tag in ("NNS", "NNPS"):
            first = next((x for x in toks if x.pos not in ("NUM", "DET")), toks[0])
            return ctx.index.make(doc.text[first.start : toks[-1].end].strip(), "other", iso, t.start, t.end)
    h = parse.head_of_span(*span) if parse.has_parse else None
    if h is None or not (parse.tokens[h].pos == "NOUN" or parse.tokens[h].tag == "NNPS"):
        return None  # a people's plural name counts as a noun: "Iraqi Kurds", "Bosnian Muslims"
    # "Kurdish families", "a Saudi businessman", "French farmers", "Iraqi Kurds": people of a country; so are people
    # of a body of one ("doctors from two American aid groups"): the adjective on a noun of the head's nmod
    below = {h} | {k for k in parse.children[h] if parse.tokens[k].dep == "nmod" and parse.tokens[k].pos == "NOUN"}
    for t in toks:
        iso = gazetteer.demonym(t.text, ctx.lang)
        if iso and t.head in below and t.dep in ("amod", "compound") and t.text[:1].isupper():
            first = next((x for x in toks if x.pos not in ("NUM", "DET", "ADV")), toks[0])
            end = parse.tokens[h].end
            return ctx.index.make(doc.text[first.start : end].strip(), "other", iso, t.start, t.end)
    return None


def mentioned(index: EntityIndex, span: Offsets) -> Entity | None:
    """The party a phrase names inside it when its head is no party: "a United Nations appeal", "an admission by
    Moscow", "Sweden's decision" — an actor first, else a country (its government)."""
    found = index.within(*span, places=False)
    if found:
        return found[0][2]
    return next((ent for _s, _e, ent in index.within(*span, places=True) if ent.type == "country"), None)


def country(index: EntityIndex, span: tuple[int, int], head: tuple[int, int] | None) -> Entity | None:
    """A country, or its capital ("Beirut rejected the appeal"), named as the party to a diplomatic or political
    act stands for its government."""
    ent = index.in_phrase(*span, head, places=True)
    if ent is None or ent.type == "country":
        return ent
    if head is None or index.covering(*head, places=True) is not ent:
        return None  # a capital only as the phrase's head word
    place = gazetteer.place((ent.kb_id or "").removeprefix("geo:"))
    return ent if place is not None and "capital" in place.flags else None


def demonym_party(ctx: Context, span: Offsets, head: Offsets | None) -> Entity | None:
    """A country named only by the adjective of the phrase's head noun ("an Indian proposal", "Sweden's
    decision" with no place found for "Sweden"): the country, as the party (its government) to a political act."""
    parse = ctx.parse
    h = parse.head_of_span(*head) if parse.has_parse and head else None
    if h is None:
        return None
    for c in parse.children[h]:
        t = parse.tokens[c]
        if t.dep not in ("amod", "nmod:poss", "compound") or not span[0] <= t.start < span[1]:
            continue
        iso = gazetteer.demonym(t.text, ctx.lang)
        place = gazetteer.country(iso) if iso else None
        if place is not None:
            return ctx.index.make(place.name, "government", iso, t.start, t.end)
    return None


def state_forces(ctx: Context, span: Offsets, mode: str | None, phrase: Offsets) -> Entity | None:
    """A country's armed forces, named by the country or its adjective alone on an attack by means only armed
    forces have ("a US drone strike", "Pakistani air strikes killed", "Israeli shelling"; ``state_means`` in the
    lexicon): the attack's mode, else (for a subject such as "Israeli warplanes") the means its phrase names. Not
    when ``phrase`` names a weapon irregular forces use too ("Palestinian rocket fire")."""
    data = ctx.lex.events.get("state_means")
    if not data:
        return None
    parse = ctx.parse
    toks = [parse.tokens[k] for k in parse.tokens_in(*phrase)]
    if {w for t in toks for w in (t.text.lower(), t.lemma.lower())} & set(data["irregular"]):
        return None
    if mode not in data["modes"]:  # a subject: the means its own words name
        text, weapons = f" {' '.join(t.text.lower() for t in toks)} ", ctx.lex.events["weapons"]
        if not any(f" {w} " in text for m in data["modes"] for w in weapons.get(m, ())):
            return None
    for k in parse.tokens_in(*span):
        t = parse.tokens[k]
        iso = gazetteer.demonym(t.text, ctx.lang)
        place = None if iso else ctx.index.covering(t.start, t.end, places=True)
        iso = iso or (place.country if place is not None and place.type == "country" else None)
        if iso:
            return ctx.index.forces(iso, t.start, t.end)
    return None


def country_forces(ctx: Context, span: Offsets, head: Offsets | None) -> Entity | None:
    """A country named as the one who attacked ("Russia launched missiles at Kyiv", "Israel bombed targets in
    Gaza"): its armed forces, as ACLED codes a state's attack; not its capital ("Moscow said")."""
    ent = ctx.index.in_phrase(*span, head, places=True)
    if ent is None or ent.type != "country" or not ent.country or head is None:
        return None
    if ctx.index.covering(*head, places=True) is not ent:
        return None  # the country only modifies the subject's head word ("Russia's ally")
    return ctx.index.forces(ent.country, *head)


def all_actors(index: EntityIndex, span: Offsets) -> list[Entity]:
    """Every actor named in a phrase ("between militants of the Taliban and IS")."""
    out: list[Entity] = []
    for _s, _e, ent in index.within(*span, places=False):
        if ent not in out:
            out.append(ent)
    return out


def impossible_actor(ent: Entity, event_type: str, lang: str) -> bool:
    """A party that cannot have carried out an event: a weapon the tagger took for an organisation ("a
    rocket-propelled grenade (RPG) was launched"), or, for an attack, a place smaller than a country (a town
    is where it happened or whom it hit: "kidnapped on the road between Latifiya and Mahmoudiya")."""
    if ent.origin == "ner" and ent.name.lower() in weapon_words(lang)[0]:
        return True
    return event_type == "ASSAULT" and ent.is_place and ent.type != "country"


Phrase = tuple[Offsets, Offsets]  # a phrase's span and its head's


def before_venue(parse: Parse, i: int, phrase: Phrase, venue: frozenset[str]) -> Phrase:
    """A phrase up to a place it is in ("an explosion in the X Center": where it was, not who did it)."""
    (start, end), head = phrase
    cuts = [parse.span_of_subtree(c)[0] for c in parse.kids(i, "nmod") if parse.case_of(c) in venue and c > i]
    return (start, min([end, *cuts])), head


def date_led_subject(ctx: Context, c: int, verb: int) -> Phrase | None:
    """The subject a date swallowed: in "On Tuesday gunmen attacked a post" the parse makes "On Tuesday gunmen"
    one phrase of time; when the verb has no subject and such a phrase before it starts with a date, the words
    after the date are the subject (``c``, the phrase's head, and its modifiers)."""
    parse = ctx.parse
    toks = parse.tokens
    if c > verb or parse.kids(verb, "nsubj") or not toks[c].dep.startswith("obl"):
        return None
    first = min(parse.subtree(c))
    dates = ctx.dates.overlapping(toks[first].start, toks[c].start)
    if not dates or ctx.dates.overlapping(toks[c].start, toks[c].end):
        return None
    after = max(d.end for d in dates)
    rest = [t for t in toks[first : c + 1] if t.start >= after and t.pos != "PUNCT"]
    if not rest or any(t.pos not in ("ADJ", "NOUN", "PROPN", "DET", "VERB", "NUM") for t in rest):
        return None  # more than a noun phrase after the date ("since 2001 in Kabul"): no subject
    return (rest[0].start, parse.span_of_subtree(c)[1]), (toks[c].start, toks[c].end)


@cache
def event_words(lang: str) -> frozenset[str]:
    """Words that name an event or its means ("explosion", "fire", "bomb"): a phrase they head tells what
    happened and where, not who did it."""
    return frozenset(table(lexicons(lang)).singles) | weapon_words(lang)[0]


@cache
def institution_nouns(lang: str) -> frozenset[str]:
    """Nouns of bodies a place defines ("authorities in Croatia", "police in Quetta": that country's, that town's),
    from the institution patterns of the actor lexicon."""
    rows = lexicons(lang).actors.get("institutions", [])
    return frozenset(n.lower() for row in rows for n in row["nouns"] if " " not in n)


def venue_cases(ctx: Context, i: int, event_type: str | None) -> frozenset[str]:
    """The prepositions whose phrase after the party at ``i`` of an attack tells where it was, not who it is
    ("gunmen in Kupwara"); none for a body its place defines ("authorities in Croatia cracked down") or for other
    events, where the place often tells whose party it is ("officials in Moscow agreed")."""
    t, seats = ctx.parse.tokens[i], institution_nouns(ctx.lang)
    if event_type != "ASSAULT" or t.lemma.lower() in seats or t.text.lower() in seats:
        return frozenset()
    return ctx.lex.cases.get("venue", frozenset())


def without_venue(ctx: Context, i: int, phrase: Phrase, event_type: str | None) -> Phrase:
    """The party's phrase at ``i`` up to the place it was in, where that place is no part of who it is."""
    return before_venue(ctx.parse, i, phrase, venue_cases(ctx, i, event_type))


def by_inside(ctx: Context, i: int) -> int | None:
    """A "by" phrase naming people that the parse hung inside another phrase of the verb ("was shot on the main
    road by unidentified assailants"): the verb's agent, not part of a target or a venue."""
    parse, by = ctx.parse, ctx.lex.cases["agent"] - {""}
    for k in parse.kids(i, "nmod"):
        head = parse.tokens[k]
        if parse.case_of(k) in by and (head.pos == "PROPN" or head.text.lower() in ctx.lex.person_units):
            return k
    return None


def party_span(parse: Parse, i: int, clauses: tuple[str, ...] = ("acl:relcl", "appos")) -> Phrase:
    """The phrase of a party without its relative clause and apposition: "gunmen who opened fire on him" is the
    gunmen, not him; "Salaheddine Sidhoum, Algeria's leading activist," the person named."""
    t = parse.tokens[i]
    return parse.span_of_subtree(i, without=clauses), (t.start, t.end)


def clause_targets(parse: Parse, v: int, cases: dict[str, Any]) -> list[Phrase]:
    """The party a verb's clause is aimed at when the verb has no object of its own: the subject of its
    complement clause ("demanded that the US cancel plans"), or the object of its infinitive ("threatened to ban
    opposition candidates", "threatened to break relations with Russia")."""
    toks = parse.tokens
    for c in parse.kids(v, "ccomp"):
        subjects = [s for s in parse.kids(c, "nsubj") if toks[s].pos in ("NOUN", "PROPN")]
        if subjects:
            return [party_span(parse, s) for s in subjects]
    aimed = set(cases["target"]) | set(cases["recipient"])
    to = [c for c in parse.kids(v, "advcl") if any(toks[k].tag == "TO" for k in parse.kids(c, "mark"))]
    infinitives = parse.kids(v, "xcomp") + to  # "threatened on Monday to break ...": parsed as an adverbial clause
    for c in infinitives:
        objects = parse.kids(c, "obj") or [o for o in parse.kids(c, "obl") if parse.case_of(o) in aimed]
        if objects:
            return [party_span(parse, o) for o in objects]
    return []


def agent_phrase(ctx: Context, i: int) -> TargetPhrase:
    """An actor's phrase, also without a past-tense verb the parse hung on it as a clause: in "Russian aircraft
    including gunships killed 46 civilians" the predicate is no part of the aircraft (while "militants affiliated
    with X" keep X); nor a participle with an object or a guise: "a car carrying three airport employees", "men
    dressed in Interior Ministry uniforms" are not the airport's or the ministry's (``agent_clauses`` in the
    lexicon; "a group calling itself X", "known as X" name it)."""
    parse = ctx.parse
    t = parse.tokens[i]
    data = ctx.lex.events.get("agent_clauses", {})
    guises, naming = frozenset(data.get("guise_cases", ())), frozenset(data.get("naming_verbs", ()))

    def clause(c: int) -> bool:
        k = parse.tokens[c]
        if k.tag == "VBD":
            return True
        guise = any(parse.case_of(o) in guises for o in parse.kids(c, "obl"))
        return k.tag in ("VBG", "VBN") and k.lemma.lower() not in naming and (bool(parse.kids(c, "obj")) or guise)

    predicate = [c for c in parse.kids(i, "acl") if clause(c)]
    sub = [k for k in parse.subtree(i) if not any(k in parse.subtree(c) for c in predicate)]
    if not predicate:
        return party_span(parse, i)
    (start, end), _ = party_span(parse, i)
    first_cut = min(parse.tokens[c].start for c in predicate)
    kept = [parse.tokens[k] for k in sub if start <= parse.tokens[k].start < min(end, first_cut)]
    kept = [x for x in kept if x.pos != "PUNCT"] or [t]
    return (min(x.start for x in kept), max(x.end for x in kept)), (t.start, t.end)


def subject_phrase(ctx: Context, s: int, m: EventMention) -> TargetPhrase:
    """A subject's phrase up to where it was ("gunmen in Kupwara", "an explosion in the X Center") or, for an
    event it names, whom it hit ("an attack on X injured five", "the attack on X is a means of intimidating"):
    where and whom, not who."""
    cases = ctx.lex.cases
    if ctx.parse.tokens[s].lemma.lower() in event_words(ctx.lang):
        cut = cases.get("venue", frozenset()) | cases["target"]
    else:
        cut = venue_cases(ctx, s, m.trigger.type)
    return before_venue(ctx.parse, s, agent_phrase(ctx, s), cut)


def conjoined(ctx: Context, agents: list[AgentPhrase], m: EventMention) -> list[AgentPhrase]:
    """The other conjuncts of a subject, each a party of its own: "Russia and Ukraine agreed", "India and
    Pakistan held talks" (the phrase of the first holds them all, and names only the first)."""
    parse, out = ctx.parse, []
    for span, head, how in agents:
        h = parse.head_of_span(*head) if how == "subject" else None
        if h is None:
            continue
        for c in parse.kids(h, "conj"):
            t = parse.tokens[c]
            verbless = not any(parse.tokens[x].pos == "VERB" for x in range(min(h, c) + 1, max(h, c)))
            if t.pos in ("NOUN", "PROPN") and span[0] <= t.start < span[1] and verbless and not parse.kids(c, "nsubj"):
                out.append((*subject_phrase(ctx, c, m), "subject"))  # not across a clause: "X, demonstrating against Y"
    return out


def involved(ctx: Context, i: int, involvement: set[str], of: frozenset[str]) -> list[AgentPhrase]:
    """'the involvement of X in the attack' (the parser may hang 'in the attack' on X): X's phrase."""
    parse = ctx.parse
    toks = parse.tokens
    chain = [i, *parse.ancestors(i)][:4]
    for k, h in pairwise(chain):
        if not toks[k].dep.startswith("nmod"):
            break
        if toks[h].lemma.lower() in involvement:
            return [(*agent_phrase(ctx, c), "involvement") for c in parse.kids(h, "nmod") if parse.case_of(c) in of]
    return []
