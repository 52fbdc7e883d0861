"""Who did what to whom, where, when, with how many victims: the roles of one event mention.

Read from the dependency parse (UD labels) around the trigger, with word order as the fallback:

* agents: the subject of a verb trigger (active), its "by" phrase (passive), the owner or compound of a noun
  trigger ("ISKP's attack", "Taliban offensive"), the subject of a light verb ("X carried out an attack"), a
  party's "involvement in" the event ("the involvement of ISKP terrorists in the attack");
* targets: the object (active) or subject (passive) of a verb trigger, "on"/"against" phrases of a noun, the
  subject of "suffer"/"face" ("Russia suffered an attack": Russia is where it happened);
* location: places in the trigger's own "in/at/near" phrases, else in its clause, else in its sentence;
* date: a date mention in the trigger's clause, else in its sentence.

Victim counts are read by ``sitrep.extract.events.casualties``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitrep.extract.context import Context
from sitrep.extract.entities import role_entity
from sitrep.extract.stance import Stance, stance
from sitrep.extract.tree import Parse
from sitrep.knowledge import gazetteer
from sitrep.model import Count, Entity, TextSpan

from . import parties, subjects
from .parties import AgentPhrase, Offsets, TargetPhrase
from .parties import agent_phrase as _agent
from .parties import conjoined as _conjoined
from .parties import involved as _involved
from .parties import party_span as _span
from .parties import subject_phrase as _subject
from .triggers import EventMention
from .whereabouts import location, nationality

MATERIAL = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})  # events that happen at a place


@dataclass
class Roles:
    agents: list[tuple[Entity, str]] = field(default_factory=list)  # (entity, how it was found)
    targets: list[Entity] = field(default_factory=list)
    location: Entity | None = None
    location_weak: bool = False  # only the sentence names it (not the trigger's own phrases): never a conflict
    date: TextSpan | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    stance: Stance = field(default_factory=Stance)


def fill(ctx: Context, m: EventMention) -> Roles:
    parse, index = ctx.parse, ctx.index
    roles = Roles(stance=stance(ctx, m.token))
    agents, targets = _participants(ctx, m) if parse.has_parse else _linear_participants(parse, m)
    agents += _conjoined(ctx, agents, m) if parse.has_parse else []
    roles.location, roles.location_weak = location(ctx, m)
    country = roles.location.country if roles.location else None
    for span, head, how in agents:
        holds = how == "involvement" and head[0] < m.end and m.start < head[1]  # "Part of a bomb exploded"
        if ((m.start <= span[0] and span[1] <= m.end) or holds) and how != "participants":
            continue  # part of the trigger phrase ("terrorist attack"), or the trigger itself
        if span[0] < m.start < span[1] and head[1] <= m.start:
            span = (span[0], m.start)  # "Gunmen killed a man in X" parsed as a participle on "gunmen": not X
        if how == "between" and (pair := _two_sides(ctx, span, m) or parties.all_actors(index, span)):
            for side in pair:
                if all(side is not a for a, _ in roles.agents):
                    roles.agents.append((side, how))
            continue
        ent = _actor(ctx, m, roles, (span, head, how), country)
        if ent is not None and all(ent is not a for a, _ in roles.agents):
            roles.agents.append((ent, how))
    for span, head in targets:
        place = index.in_phrase(*span, head, places=True)
        material = m.trigger.type in MATERIAL  # a country before a noun is a nationality in an attack, not in a
        near = [(s, e) for s, e, x in index.within(*span) if x is place]  # political act ("rejected a US offer")
        if place is not None and any(nationality(ctx, s, e, material and place.type == "country") for s, e in near):
            place = None  # "the attack on the Hazara minority", "on Afghan civilians": people, not a place
        political = m.trigger.type not in MATERIAL and place is not None and place.type == "country"
        if place is not None and not political and (roles.location is None or roles.location_weak):
            roles.location, roles.location_weak = place, False
            continue
        if political:  # "Pakistan accused Afghanistan": the recipient is the country (its government)
            if place is not None and all(place is not t for t in roles.targets):
                roles.targets.append(place)
            continue
        ent = role_entity(index, *span, head, country)
        if ent is None and m.trigger.type not in MATERIAL:
            ent = parties.demonym_party(ctx, span, head)  # "rejected an Indian proposal": India
        if ent is None:
            ent = parties.people(ctx, span)  # "killed three ethnic Albanians"
        if ent is None and m.trigger.type != "ASSAULT":
            ent = parties.mentioned(index, span)  # "rejected a United Nations appeal", "protest Sweden's decision"
        if ent is not None and ent not in roles.targets and all(ent is not a for a, _ in roles.agents):
            roles.targets.append(ent)
    if m.trigger.has("base") and not roles.agents and (armed := [t for t in roles.targets if t.type == "armed_group"]):
        roles.agents, roles.targets = [(armed[0], "base")], [t for t in roles.targets if t is not armed[0]]  # theirs
    roles.date = event_date(ctx, m)
    return roles


def _actor(ctx: Context, m: EventMention, roles: Roles, phrase: AgentPhrase, country: str | None) -> Entity | None:
    """The entity an agent phrase names: a linked mention or a generic participant; for acts other than attacks
    also a country for its government, a name the tagger missed or the name in an apposition; else the source of
    the report when the phrase is a pronoun standing for it ("police said they had arrested 12")."""
    index = ctx.index
    span, head, how = phrase
    if how == "modifier":  # "ISKP attack": a name; "terrorist attack" names nobody; "a US drone strike": its forces
        ent = index.in_phrase(*span, head, places=False)
        ent = ent or parties.state_forces(ctx, span, m.trigger.mode, (min(span[0], m.start), max(span[1], m.end)))
    else:
        ent = role_entity(index, *span, head, country)
        if ent is None and m.trigger.type not in ("ASSAULT", "PROTEST"):
            ent = parties.country(index, span, head)  # "Russia recognized the Taliban government": its government
        if ent is None and m.trigger.type != "ASSAULT":
            ent = parties.named(ctx, span) or _apposed(ctx, head, country)  # a name or a people the tagger missed
        elif ent is None and how == "subject":  # "Israeli warplanes bombed": Israel's forces
            ent = parties.state_forces(ctx, span, None, span) or parties.country_forces(ctx, span, head)
    if ent is not None or not roles.stance.sources:
        return ent
    reporters = set(ctx.lex.events["reporter_pronouns"])
    pronoun = ctx.doc.text[span[0] : span[1]].lower()
    if m.trigger.type != "ASSAULT":  # "Hungary said it will support", "... their withdrawal": the speaker
        reporters |= set(ctx.lex.events["speaker_pronouns"])
    elif how == "subject" and pronoun in ctx.lex.events["speaker_pronouns"]:  # "the army said it killed X": an
        return _armed_speaker(ctx, roles)  # armed speaker of its own attack; not "the ministry said it was hit"
    if pronoun not in reporters:
        return None
    first = roles.stance.sources[0]
    ent = _first_source(ctx, roles, country)
    if ent is None and m.trigger.type != "ASSAULT":  # "Hungary said it will support": its government
        h = ctx.parse.head_of_span(*first) if ctx.parse.has_parse else None  # "Moscow said it will": a capital
        said = (ctx.parse.tokens[h].start, ctx.parse.tokens[h].end) if h is not None else None
        ent = parties.country(index, first, said) or parties.people(ctx, first)
    return ent


ARMED = frozenset({"armed_group", "security_force"})


def _first_source(ctx: Context, roles: Roles, country: str | None) -> Entity | None:
    """The party the report's first source names."""
    first = roles.stance.sources[0]
    return role_entity(ctx.index, *first, None, country) or ctx.index.first_source([first])


def _armed_speaker(ctx: Context, roles: Roles) -> Entity | None:
    """The first source of the report when it is an armed party (an army, a police force, a group)."""
    ent = _first_source(ctx, roles, None)
    return ent if ent is not None and ent.type in ARMED else None


def _apposed(ctx: Context, head: Offsets, country: str | None) -> Entity | None:
    """The party an apposition names: "the main rebel group, Forces for Defence of Democracy (FDD), insisted"."""
    parse = ctx.parse
    h = parse.head_of_span(*head) if parse.has_parse else None
    for c in parse.kids(h, "appos") if h is not None else []:
        span, word = _agent(ctx, c)
        ent = role_entity(ctx.index, *span, word, country) or parties.named(ctx, span)
        if ent is not None:
            return ent
    return None


def _participants(ctx: Context, m: EventMention) -> tuple[list[AgentPhrase], list[TargetPhrase]]:
    parse = ctx.parse
    toks = parse.tokens
    lex = ctx.lex.events
    k_ = ctx.lex.cases
    light = set(lex["light_verbs"]) | k_["agent_verbs"]
    involvement = set(lex["involvement"])
    t = toks[m.token]
    agents: list[AgentPhrase] = []
    targets: list[TargetPhrase] = []
    ready = subjects.adjectival(ctx, m.token)  # "he is prepared to": the one who is ready, no passive's patient
    passive = parse.passive(m.token) and not ready
    passive = passive or (m.trigger.casualty is not None and _be(parse, m.token))
    verbal = t.pos in ("VERB", "AUX") or bool(parse.kids(m.token, "nsubj", "obj"))
    one_sided = m.trigger.type == "ASSAULT" and not (m.trigger.has("clash") or m.trigger.has("anaphoric"))

    def demonym(c: int) -> bool:  # "Pakistani air strikes": the country's forces (parties.state_forces)
        return gazetteer.demonym(toks[c].text, ctx.lang) is not None

    if verbal:
        victim_subject = m.trigger.has("victim_subject")  # "12 people died": the subject is the victim
        device = t.lemma.lower() in lex.get("device_subject_verbs", ()) and not parse.kids(m.token, "obj")
        chain = parse.kids(m.token, "nsubj") if ready else parse.subject_chain(m.token, active=m.trigger.has("clash"))
        before = m.token - 1  # "the air force bombed hideouts", parsed as a compound and a modifier of "hideouts";
        # "warplanes bombed villages", as a possessor with no "'s"
        compound = t.dep == "amod" and t.tag == "VBN" and before >= 0 and toks[before].dep in ("compound", "nmod:poss")
        compound = compound and not parse.kids(before, "case")
        chain = [before] if compound else chain
        if m.trigger.casualty is not None:
            chain = [s for s in chain if not subjects.bound_victim(ctx, m.token, s)]
        accuser = {s for s in chain if s not in parse.children[m.token] and _blames(ctx, toks[s].head, lex)}
        for s in [] if passive or victim_subject or device else chain:  # "the car exploded": no one's act
            if s not in accuser:  # "Police blamed the ELN for bombing a pylon": the ELN's act, not the police's
                agents.append((*_subject(ctx, s, m), "subject"))
        for c in parse.children[m.token]:
            dep, case = toks[c].dep, parse.case_of(c)
            if dep.startswith("obl") and ctx.dates.overlapping(toks[c].start, toks[c].end):
                continue  # "on Monday": when, not whom
            if not (passive or victim_subject) and (led := parties.date_led_subject(ctx, c, m.token)):
                agents.append((*led, "subject"))  # "On Tuesday gunmen attacked": the parse's time phrase
                continue
            if dep == "nsubj" and m.trigger.has("victim_subject"):
                targets.append(_span(parse, c))  # "12 people died": the subject is the victim
            elif dep.startswith("obl") and case in k_["agent"] and (case or passive):
                agents.append((*parties.without_venue(ctx, c, _agent(ctx, c), m.trigger.type), "by"))
            elif dep.startswith("obl") and (k := parties.by_inside(ctx, c)) is not None:  # "shot on the road by
                agents.append((*parties.without_venue(ctx, k, _agent(ctx, k), m.trigger.type), "by"))  # gunmen"
            elif (
                dep == "obj"
                or (dep == "nsubj:pass" and not ready)
                or (passive and dep == "nsubj")
                or (dep.startswith("obl") and case in k_["target"])
            ):
                targets.append(_span(parse, c))
            elif (
                dep.startswith(("obl", "iobj"))
                and m.trigger.type not in MATERIAL
                and (case in k_["recipient"] or dep == "iobj")
            ):
                targets.append(_span(parse, c))  # "offered to Great Britain", "lodged a protest with Albania"
            elif dep.startswith("obl") and m.trigger.has("clash") and case in k_["other_side"]:
                agents.append((*_agent(ctx, c), "other side"))  # "X clashed with Y": both are actors
            elif dep.startswith("obl") and m.trigger.casualty and (case in k_["qualifiers"] or parse.kids(c, "nummod")):
                targets.append(_span(parse, c))  # "killed over 140 civilians" parsed with "over" as a preposition
        if m.trigger.type not in MATERIAL:  # "held a meeting with X", "cut ties with X": the other party first
            parties_of_object = [k for o in parse.kids(m.token, "obj") for k in parse.kids(o, "nmod")]
            targets[:0] = [_span(parse, k) for k in parties_of_object if parse.case_of(k) in k_["recipient"]]
        if not agents and not (passive or victim_subject) and m.trigger.type != "ASSAULT":
            lost = subjects.stranded(parse, m.token) or subjects.under_noun(parse, m.token)
            agents.extend((*_subject(ctx, s, m), "subject") for s in lost)
        if not targets and t.dep == "conj" and t.head != m.token and parse.passive(t.head):
            targets.extend(_span(parse, s) for s in parse.kids(t.head, "nsubj"))  # "X was shot and killed"
        if not targets:
            targets.extend(parties.clause_targets(parse, m.token, k_))
    else:
        for c in parse.children[m.token]:
            dep, case = toks[c].dep, parse.case_of(c)
            if dep in ("nmod:poss", "compound") or (dep == "amod" and (toks[c].pos == "PROPN" or demonym(c))):
                agents.append((*_agent(ctx, c), "modifier"))
            elif dep.startswith("nmod") and case in k_["agent"] and case:
                agents.append((*parties.without_venue(ctx, c, _agent(ctx, c), m.trigger.type), "by"))
            elif dep.startswith("nmod") and case in k_["target"]:
                targets.append(_span(parse, c))
            elif dep.startswith("nmod") and one_sided and case and case in k_["of"]:  # "the murder of X"
                targets.append(_span(parse, c, ("acl:relcl", "appos", "case")))
            elif dep.startswith("nmod") and case in k_["recipient"] and m.trigger.type not in MATERIAL:
                targets.append(_span(parse, c))  # "a meeting with the president", "a suspension of links with X"
            elif dep.startswith("nmod") and case in k_["between"] and not one_sided:  # "a shooting between X
                # and Y" (two places) is where a one-sided attack was; "clashes between X and Y" name both sides
                agents.append((*_agent(ctx, c), "between"))
                agents.extend((*_agent(ctx, k), "between") for k in parse.kids(c, "conj"))
            elif dep == "nsubj":  # copular: "the blast was a suicide attack by ..."; predicate nominal
                agents.append((*_agent(ctx, c), "subject"))
        h = t.head
        q = toks[h]  # "fired dozens of rockets": the quantity stands in the noun's place under the verb
        many = t.dep.startswith("nmod") and h != m.token and (q.pos == "NUM" or ctx.numbers.overlapping(q.start, q.end))
        dep, h = (q.dep, q.head) if many else (t.dep, h)
        hl = toks[h].lemma.lower()
        # an object the parse left unmarked: "launched a missile at a ship" (obl:unmarked)
        if h != m.token and dep in ("obj", "nsubj:pass", "obl:unmarked") and hl in light:
            h_passive = any(toks[c].dep == "aux:pass" for c in parse.children[h])
            if h_passive:
                by = [c for c in parse.kids(h, "obl") if parse.case_of(c) in k_["agent"]]
                agents.extend((*parties.without_venue(ctx, c, _agent(ctx, c), m.trigger.type), "by") for c in by)
            else:
                agents.extend((*_agent(ctx, s), "subject") for s in parse.subject_chain(h))
            if not targets:  # "imposed sanctions on the Taliban", "launched an attack on a checkpoint"
                aimed = k_["target"] | (k_["recipient"] if m.trigger.type not in MATERIAL else frozenset())
                targets.extend(_span(parse, c) for c in parse.kids(h, "obl") if parse.case_of(c) in aimed)
        elif h != m.token and m.trigger.has("denial") and t.dep in ("obj", "obl") and toks[h].pos == "VERB":
            agents.extend((*_agent(ctx, s), "subject") for s in parse.subject_chain(h))  # «X заявил о непричастности»
        elif h != m.token and t.dep.split(":")[0] in ("obj", "obl") and hl in ctx.lex.stance["future.object_verbs"]:
            agents.extend((*_agent(ctx, s), "subject") for s in parse.subject_chain(h))  # "vowed more bombings"
        elif h != m.token and t.dep == "obj" and hl in k_["suffer_verbs"]:
            targets.extend(_span(parse, s) for s in parse.kids(h, "nsubj"))
        elif h != m.token and t.dep.startswith("nmod"):
            agents.extend(_involved(ctx, m.token, involvement, k_["of"]))
        elif h != m.token and t.dep == "obl" and hl in k_["purpose_verbs"] and parse.case_of(m.token) in k_["purpose"]:
            # "negotiators return to Geneva for talks", "thousands converged for a rally": who came for it
            agents.extend((*_agent(ctx, s), "subject") for s in parse.subject_chain(h))
    if m.trigger.has("participants") and not agents:  # "protesters threw stones": they are who protested
        agents.append((*_agent(ctx, m.token), "participants"))
    agents.extend(_blamed(ctx, m.token, lex))
    if m.trigger.has("clash") and t.dep.split(":")[0] in ("advcl", "xcomp", "conj") and not agents:
        h = t.head  # "X opposed Y, causing clashes": both sides of the governing verb
        agents.extend((*_agent(ctx, s), "subject") for s in parse.subject_chain(h))
        agents.extend((*_agent(ctx, o), "object") for o in parse.kids(h, "obj"))
    return agents, targets


def _be(parse: Parse, v: int) -> bool:
    """Has ``v`` a form of "be" (aux or copula): "X was wounded" with "wounded" tagged an adjective is passive."""
    toks = parse.tokens
    return any(toks[c].dep in ("aux", "cop") and toks[c].lemma.lower() == "be" for c in parse.children[v])


def _blames(ctx: Context, v: int, lex: dict[str, Any]) -> bool:
    """Is ``v`` an active verb of blame with an object ("blamed X", "suspect X"): its subject only accuses?"""
    t = ctx.parse.tokens[v]
    return t.lemma.lower() in set(lex["blame_verbs"]) and bool(ctx.parse.kids(v, "obj")) and not ctx.parse.passive(v)


def _blamed(ctx: Context, i: int, lex: dict[str, Any]) -> list[AgentPhrase]:
    """'X are suspected in the attack', 'blamed X for the attack', 'the attack was blamed on X': the party
    behind the event (``blame_verbs`` / ``blame_cases`` in the lexicon)."""
    parse = ctx.parse
    toks = parse.tokens
    t = toks[i]
    if t.dep == "obj" and toks[t.head].dep.split(":")[0] in ("advcl", "acl", "obl") and t.head != i:
        t = toks[t.head]  # "X is suspected of perpetrating the attack", "X is responsible for placing a bomb"
    if not (t.dep.startswith(("obl", "nmod", "advcl", "acl"))) or t.head == t.i:
        return []
    v = t.head
    if t.dep.startswith("acl") and toks[v].dep == "obj" and _blames(ctx, toks[v].head, lex):
        v = toks[v].head  # "blamed the ELN for blowing up a pylon", the clause parsed as the ELN's modifier
    said = toks[v].dep == "xcomp" and parse.passive(toks[v].head)  # "X is presumed responsible for bombing"
    copular = f"be {toks[v].lemma.lower()}" in lex["blame_verbs"] and (bool(parse.kids(v, "cop")) or said)
    if said and copular:
        v = toks[v].head  # the party is the subject of "presumed", "believed", "held"
    if not (copular or toks[v].lemma.lower() in set(lex["blame_verbs"])):
        return []  # "X is responsible for ...": a party said to be behind it; "blamed X for ...": accused
    if parse.case_of(t.i) not in lex["blame_cases"]["event"]:
        return []
    out = []
    for c in parse.children[v]:
        dep = toks[c].dep
        party = dep.startswith("obl") and parse.case_of(c) in lex["blame_cases"]["party"]
        if dep in ("nsubj:pass", "obj") or party or (dep == "nsubj" and parse.kids(v, "cop")):
            out.append((*_agent(ctx, c), "responsible" if copular else "blamed"))
    return out


def _two_sides(ctx: Context, span: tuple[int, int], m: EventMention) -> list[Entity] | None:
    """'clashes between the two groups' / 'both sides': the two armed actors named last before the trigger."""
    doc, index = ctx.doc, ctx.index
    text = doc.text[span[0] : span[1]].lower()
    if index.within(*span, places=False) or not any(w in text.split() for w in ("two", "both", "sides")):
        return None
    sent = ctx.sentence_at(m.start) or 0
    first = doc.layers.sentences[max(0, sent - 1)].start
    seen: list[Entity] = []
    for _s, _e, ent in reversed(index.within(first, m.start, places=False)):
        if ent.type in ("armed_group", "security_force", "government") and ent not in seen:
            seen.append(ent)
        if len(seen) == 2:
            return seen
    return None


def _linear_participants(parse: Parse, m: EventMention) -> tuple[list[AgentPhrase], list[TargetPhrase]]:
    """No parse: the nearest actor mention before the trigger in its sentence is the agent."""
    doc = parse.doc
    sent = doc.layers.sentences[m.sent]
    before = [
        (s, e) for e_ in doc.entities if not e_.is_place for mm in e_.mentions
        for s, e in [(mm.start, mm.end)] if sent.start <= s and e <= m.start
    ]  # fmt: skip
    agents = [((s, e), (s, e), "nearby") for s, e in sorted(before)[-1:]]
    return agents, []


def event_date(ctx: Context, m: EventMention) -> TextSpan | None:
    """The date mention of the trigger's clause nearest to it, else of its sentence; a date that dates only the
    clause after it ("came two days after police arrested ...") is not the date of a trigger before it."""
    parse = ctx.parse
    in_sent = [d for d in ctx.dates_in(m.sent) if d.label != "anaphoric:clause" or d.end <= m.start]
    if not in_sent:
        return None
    if parse.has_parse:
        s, e = parse.clause_span(m.token)
        in_clause = [d for d in in_sent if s <= d.start and d.end <= e]
        if in_clause:
            in_sent = in_clause
    return min(in_sent, key=lambda d: abs(d.start - m.start))
