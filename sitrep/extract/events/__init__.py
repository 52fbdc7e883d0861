"""The ``events`` stage: incidents told in the text, one event per incident however many sentences tell it.

1. ``triggers.find`` lists event mentions; generic ones ("suicide attacks", "several hundred attacks") and
   words that only modify another noun ("bomb-making workshops") are set aside.
2. ``arguments.fill`` reads each mention's roles, modality and source.
3. Mentions of one incident are merged: in one sentence always; across sentences when the later mention
   refers back ("the attack", "this crime", "At least four police were wounded") or follows closely in the same
   paragraph — and never when location, date or named perpetrators conflict, or it says "another".
4. Claims ("which was later claimed by the group known as ISKP") set ``claimed_by``; denials become REJECT
   events and mark the denied responsibility as negated; every party linked to an event keeps how certainly,
   and on whose word, it is linked (``responsibility``).
5. ``coding`` gives the mode, ACLED and GTD labels and a confidence.
"""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.dates import resolve_mention
from sitrep.extract.learned import Model, default_model, weapon_words
from sitrep.extract.stance import relay
from sitrep.knowledge.ontology import confidence, ontology
from sitrep.model import Count, DateValue, Document, Entity, Event, Modality, Responsibility
from sitrep.pipeline import Stage, stage
from sitrep.settings import Settings

from . import attackers, casualties, casualty_words, coding, conditions, frames, proposals, roles, setting, triggers
from .anchors import anchor, kind_of, told_elsewhere
from .claims import VIOLENT, Claimable, attach_claim, link_denials
from .incidents import Draft, Incidents, headline, inherit_locations
from .parties import impossible_actor
from .prominence import relative_depths
from .reference import modifier_only
from .roles import MATERIAL, Roles
from .triggers import EventMention

NOT_CARRIED_OUT = frozenset({"negated", "hypothetical", "future"})
CERTAINTY = ("asserted", "reported", "claimed", "hedged", "future", "hypothetical", "negated")


def make(settings: Settings) -> Stage:
    """The events stage for these settings: with the learned model's proposals (``event_coder = "learned"``, the
    default) or the trigger lexicon alone (``"rules"``)."""
    learned = settings.event_coder == "learned"

    @stage("events", needs=("tokens", "places", "dates", "numbers", "actors"), adds=("events",))
    def events(doc: Document) -> Document:
        return build(doc, default_model("detect") if learned else None)

    return events


def build(doc: Document, model: Model | None = None) -> Document:
    """The document's events, from the trigger lexicon and, with a ``model``, its proposals."""
    ctx = Context(doc)
    ctx.index  # noqa: B018 - the index of the entities as the earlier stages left them
    names = [
        (m.start, m.end)
        for e in doc.entities
        if not e.is_place
        for m in e.mentions
        if m.kind in ("name", "abbreviation", "description")
    ]
    mentions = triggers.find(ctx, names + [(d.start, d.end) for d in doc.layers.dates])
    if model is not None:
        mentions = sorted(mentions + proposals.propose(ctx, mentions, model), key=lambda m: m.start)
    para = ctx.paragraphs
    if headline(doc):
        para = [max(p, 1) for p in para]  # the headline tells the lead's incident: one paragraph with it
    kept = _drafts(ctx, mentions, para)
    if model is not None:
        # a sentence whose trigger words all came to nothing ("marched ... ended without incident", "a drone
        # struck the refinery" read as striking a deal) is read by the model as if it had none
        evented = {m.sent for d in kept for m in d.mentions}
        more = proposals.propose(ctx, [m for m in mentions if m.sent in evented or _kept_out(ctx, m)], model)
        more = [m for m in more if not _background(ctx, m)]
        if more:  # the model's reading replaces the rules' on the same word
            heads = {m.token for m in more}
            mentions = [m for m in mentions if m.token not in heads] + more
            kept = _drafts(ctx, sorted(mentions, key=lambda m: m.start), para)
    where = setting.Setting(ctx, para)
    inherit_locations(kept, para, where)
    setting.in_heading_country(ctx, kept, where)
    setting.in_the_country(ctx, kept)
    setting.settle_unknown(ctx, [d.location for d in kept if d.location is not None])
    setting.by_its_people(ctx, [d.location for d in kept if d.location is not None])
    doc.events = []
    for n, (d, depth) in enumerate(zip(kept, relative_depths(ctx, kept), strict=True), 1):
        doc.events.append(_finish(ctx, d, f"v{n}", depth))
    by_draft = {id(d): ev for d, ev in zip(kept, doc.events, strict=True)}
    for d, ev in zip(kept, doc.events, strict=True):
        if d.related is not None and id(d.related) in by_draft:
            ev.related_event = by_draft[id(d.related)].id
    return doc


def _drafts(ctx: Context, mentions: list[EventMention], para: list[int]) -> list[Draft]:
    """The incidents these mentions tell, with their claims, denials and sources; those whose words all need an
    actor and name none are left out."""
    found = Incidents(para)
    kinds = {m.token for m in mentions if m.generic}
    for m in mentions:
        m.anchor, m.generic = anchor(ctx, m), m.generic or kind_of(ctx, m, kinds)
    claims: list[EventMention] = []
    told = {m.token for m in mentions if m.trigger.type}
    counted = casualties.counts(ctx, [m for m in mentions if _event_mention(ctx, m, told)])
    # within a sentence the words that tell what happened come before the casualty words that may refer back:
    # «пятеро боевиков ликвидированы в ходе КТО» is the operation's, "five were killed when a bomb went off" the bomb's
    for m in sorted(mentions, key=lambda m: (m.sent, m.trigger.casualty in ("fatalities", "injuries"))):
        if m.trigger.has("claim"):
            claims.append(m)
            continue
        if not _event_mention(ctx, m, told):
            continue
        r = roles.fill(ctx, m)
        r.counts = counted.get(id(m), {})
        target = found.target(m, r)
        if target is not None:
            found.add(target, m, r)
        elif not (m.trigger.has("anaphoric") or (m.trigger.has("weak") and not r.counts)):
            found.new(m.trigger.type or "", m, r)
    drafts = told_elsewhere(ctx, found.drafts, mentions)
    claimable = Claimable(drafts)
    for c in claims:
        attach_claim(ctx, claimable, c)
    link_denials(claimable)
    frames.sources_told_after(ctx, drafts, para)
    frames.frames_carried(drafts, para)
    # a draft told only by words that need an actor is kept with one; a mention that stands on its own ("were
    # detained", a proposal of the model: "Hundreds of thousands marched through Rabat") keeps its incident
    # whatever merged into it («у него изъяли ...»)
    return [d for d in drafts if d.agents or not all(m.trigger.has("needs_actor") for m in d.mentions)]


def _kept_out(ctx: Context, m: EventMention) -> bool:
    """A mention whose sentence the model is not asked to read again: the model's own, a claim (its event is
    told elsewhere), or a kind of event ("Attacks on police posts continued"). A weapon named in general is no
    such kind ("uncovered a stock of hand grenades": the model reads what was done with it)."""
    if m.trigger.has("learned") or m.trigger.has("claim"):
        return True
    return m.generic and not _weapon(ctx, m)


def _weapon(ctx: Context, m: EventMention) -> bool:
    single, phrases = weapon_words(ctx.lang)
    near = ctx.parse.tokens[max(0, m.token - 3) : m.token + 4]  # a trigger phrase is a few words around its head
    words = [t for t in near if m.start <= t.start and t.end <= m.end]
    lemmas = " ".join(t.lemma.lower() for t in words)
    return any(t.lemma.lower() in single or t.text.lower() in single for t in words) or any(
        p in lemmas for p in phrases
    )


def _background(ctx: Context, m: EventMention) -> bool:
    """A proposal on a verb that tells a state of affairs: "the Taliban were confronting foreign troops" (a
    progressive), "the group controls the valley" (a present with no date)."""
    parse = ctx.parse
    t = parse.tokens[m.token]
    if t.tag == "VBG" and any(parse.tokens[c].lemma.lower() == "be" for c in parse.children[m.token]):
        return True
    return _ongoing(ctx, m)


def _event_mention(ctx: Context, m: EventMention, told: set[int]) -> bool:
    """A mention that can tell an event (not a claim, a kind of event, a modifier, a state of affairs or the purpose
    of another event; ``told``: the head tokens of all trigger mentions)."""
    if m.trigger.type is None or m.trigger.has("claim"):
        return False
    aside = modifier_only(ctx, m) or _ongoing(ctx, m) or _purpose(ctx, m, told) or triggers.arrest_means(ctx, m)
    return not (m.generic or aside)


def _purpose(ctx: Context, m: EventMention, told: set[int]) -> bool:
    """'Finland will give Tanzania a grant over three years to finance several projects': a political act told
    only as the purpose of another event (one of ``told`` governs it) is what that event is for, not an event of
    its own. Material acts in such a clause are left to the rules of attacks and protests."""
    if m.trigger.type in MATERIAL or m.trigger.casualty:
        return False
    parse = ctx.parse
    t = parse.tokens[m.token]
    to = any(parse.tokens[k].tag == "TO" for k in parse.kids(m.token, "mark"))
    if not (t.tag == "VB" and t.dep in ("advcl", "acl") and to and not parse.kids(m.token, "nsubj")):
        return False
    governors = [*parse.ancestors(m.token)][:2]
    return any(g in told or any(k in told for k in parse.kids(g, "obj")) for g in governors)


def _ongoing(ctx: Context, m: EventMention) -> bool:
    """'The Taliban are fighting ISIS': a present-tense state of affairs with no date is a fact, not an event. Not
    so a verbal act or a political one: "Albanians are demanding autonomy", "Croatia is investigating war crimes",
    a denial («группировка отрицает свою причастность») are news of the day."""
    parse = ctx.parse
    t = parse.tokens[m.token]
    if t.tag not in ("VBZ", "VBP", "VBG") or m.trigger.has("denial") or m.trigger.type not in MATERIAL:
        return False
    if t.tag == "VBP" and t.lemma.lower() not in (t.text.lower(), "be"):
        return False  # "Somali forces retook the town": a past form the tagger took for a present
    if t.tag == "VBG" and not any(parse.tokens[c].text.lower() in ("is", "are", "am") for c in parse.children[m.token]):
        return False
    sent = ctx.sentences[m.sent]
    return not ctx.dates.starting_in(sent.start, sent.end)


def _finish(ctx: Context, d: Draft, event_id: str, depth: int) -> Event:
    doc, index = ctx.doc, ctx.index
    modality, src_roles = _modality(d)
    threatened = d.type
    d.type = ontology()["type_by_modality"].get(modality, {}).get(d.type, d.type)
    threat = threatened == "THREATEN"
    clause = None
    if modality != "asserted" or threat:
        clause = conditions.condition(ctx, d.mentions, modality == "future" or threat)
    if modality in ("future", "hypothetical") and d.type not in ("THREATEN", "REQUEST") and clause is not None:
        d.type = "THREATEN"  # "will withdraw its force unless the president arranges a ceasefire"
    source = index.first_source(src_roles.stance.sources)
    via = None
    if source is not None and src_roles is not None:
        sent = d.mentions[d.roles.index(src_roles)].sent
        if sent + 1 < len(doc.layers.sentences) and (span := relay(ctx, sent + 1)):
            via = index.source(*span)
    agents = d.agents
    country = d.location.country if d.location else None
    agents = [a for a in agents if not impossible_actor(a, d.type, ctx.lang)]  # an "RPG", a town
    agents = list({id(a): a for a in (index.localize(a, country) for a in agents)}.values())
    targets: list[Entity] = []
    clash = len(agents) > 1 and any(m.trigger.has("clash") for m in d.mentions)
    for t in (index.localize(t, country) for r in d.roles for t in r.targets):
        if clash and t.origin == "description" and any(a.type == t.type for a in agents):
            continue  # "X clashed with Y ... five militants were killed": one side's dead, not a third party
        if all(t is not x for x in agents + targets):
            targets.append(t)
    party = conditions.threatened(ctx, clause, country) if clause is not None and d.type == "THREATEN" else None
    if party is not None and not targets and all(party is not a for a in agents):
        targets.append(party)  # "threatened new attacks unless the government frees the prisoners"
    place = d.location  # the recipient of a political act when none is named (ontology.yaml place_as_recipient)
    if place is not None and not targets and d.type in ontology()["place_as_recipient"] and place not in agents:
        targets.append(place)  # "threatened a curfew in Algiers", "suspended aid deliveries in Baghdad"
    counts = _counts(ctx, d)
    mode = coding.mode_of(ctx, [m.sent for m in d.mentions], coding.trigger_modes(d.mentions), d.type, d.elsewhere)
    if mode is None and d.type == "ASSAULT":  # «обстреляли пост» (firearms), «обстреляли село» (heavy weapons)
        mode = coding.mode_by_target(ctx, [m.token for m in d.mentions])
    if mode is None and d.type == "ASSAULT":  # "a drone struck the market. 7 killed."
        mode = coding.mode_before(ctx, min(m.sent for m in d.mentions))
    if d.type == "THREATEN" and threatened != "THREATEN":
        mode = ontology()["threat_mode"].get(threatened)
    if mode not in ontology()["plover"]["modes"].get(d.type, []):
        mode = None  # a mode of the type before PLOVER's modality rules changed it (withdraw -> CONCEDE)
    carried_out = mode == "suicide-attack" and modality not in NOT_CARRIED_OUT and "disrupted" not in d.flags
    if carried_out and (dead := attackers.among_dead(ctx, [m.sent for m in d.mentions], counts.get("fatalities"))):
        counts["fatalities"] = dead
    facts = coding.Facts(
        d.type,
        mode,
        d.flags,
        [a.type for a in agents],
        [t.type for t in targets],
        killed=(counts.get("fatalities") or Count(best=0)).best or 0,
        protest_context=coding.protest_context(ctx, [m.sent for m in d.mentions], d.type),
    )
    acled_type, acled_sub = coding.acled(facts)
    responsibility = _responsibility(ctx, d, country)
    date = _date(ctx, d)
    filled = sum(bool(x) for x in (agents, targets, d.location, date.start, counts))
    weight = max(m.trigger.weight for m in d.mentions)
    return Event(
        id=event_id,
        type=d.type,
        mode=mode,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        actors=[a.id for a in agents],
        targets=[t.id for t in targets],
        claimed_by=[c.id for c in d.claimed_by],
        location=d.location.id if d.location else None,
        date=date,
        fatalities=counts.get("fatalities"),
        injuries=counts.get("injuries"),
        arrested=counts.get("arrested"),
        modality=modality,
        attributed_to=source.id if source else None,
        confidence=confidence(weight, filled, len(d.mentions), modality, depth),
        evidence=[ctx.sentence_span(s) for s in sorted({m.sent for m in d.mentions})],
        attributed_via=via.id if via else None,
        responsibility=responsibility,
        gtd_attack_type=coding.gtd_attack_type(d.type, mode),
        weapon=coding.gtd_weapon(d.type, mode),
        triggers=[doc.span(m.start, m.end) for m in sorted(d.mentions, key=_told_order)],
    )


def _told_order(m: EventMention) -> tuple[bool, int]:
    """Triggers in the order of the text, claims after the words that told the event."""
    return m.trigger.has("claim"), m.start


def _modality(d: Draft) -> tuple[Modality, Roles]:
    scored = [
        (CERTAINTY.index(r.stance.modality), i) for i, r in enumerate(d.roles) if not d.mentions[i].trigger.has("claim")
    ]
    if not scored:
        return "asserted", d.roles[0]
    _, i = min(scored)
    return d.roles[i].stance.modality, d.roles[i]


def _responsibility(ctx: Context, d: Draft, country: str | None) -> list[Responsibility]:
    out = list(d.responsibility)
    if d.type not in VIOLENT:
        return out
    for m, r in zip(d.mentions, d.roles, strict=True):
        for ent, how in ((ctx.index.localize(a, country), how) for a, how in r.agents):  # as the event's actors
            # a party blamed or suspected is alleged to be behind an event, however sure the event itself is
            hedged = how == "blamed" and r.stance.modality in ("asserted", "reported")
            modality: Modality = "hedged" if hedged else r.stance.modality
            if ent.type in ("other",) or any(x.actor == ent.id and x.modality == modality for x in out):
                continue
            src = ctx.index.first_source(r.stance.sources)
            out.append(Responsibility(ent.id, modality, src.id if src else None, ctx.sentence_span(m.sent)))
    return out


def _counts(ctx: Context, d: Draft) -> dict[str, Count]:
    """The first count told of each kind: the lead's figure, not a later tally across several incidents — plus
    the counts of later sentences that say they are more ("Four bodyguards were killed in the attack as well"),
    and of any that says so itself («Ранены трое, ещё двое пострадали», "another three died in hospital")."""
    out: dict[str, Count] = {}
    told: dict[str, int] = {}  # the sentence each kind's count was first told in
    gave: dict[str, int] = {}  # the token of the mention that told it
    for m, r in zip(d.mentions, d.roles, strict=True):
        for kind, c in r.counts.items():
            first = out.setdefault(kind, c)
            told.setdefault(kind, m.sent)
            gave.setdefault(kind, m.token)
            if first is c:
                continue
            if first.best == c.best and (first.low, first.high) == (first.best, first.best) != (c.low, c.high):
                out[kind] = c  # the headline's "kills 14", the lead's "at least 14": the same figure, qualified
            elif _says(ctx, m.sent, ctx.lex.events.get("not_additive_counts", [])):
                continue  # "Three other policemen died in similar attacks nearby": not this incident's
            elif (
                (m.sent != told[kind] and _adds(ctx, m.sent, kind, c, first))
                or casualty_words.added(ctx, m.token, c)
                or _second_clause(ctx, gave[kind], m.token)
            ):
                out[kind] = casualties.added(first, c)
                told[kind] = m.sent
    return out


def _second_clause(ctx: Context, a: int, b: int) -> bool:
    """Is the casualty verb ``b`` a clause of its own joined to the one at ``a``, each with its own subject ("One
    police officer was killed and two insurgents were killed when officers returned fire": both are the dead)?"""
    parse = ctx.parse
    if not parse.has_parse or parse.tokens[b].dep != "conj" or parse.tokens[b].head != a or not parse.kids(b, "cc"):
        return False  # joined by a word ("and"), not by a comma alone
    return all(parse.kids(x, "nsubj", "nsubj:pass") for x in (a, b))


def _adds(ctx: Context, sent: int, kind: str, count: Count, first: Count) -> bool:
    """Does a later sentence's ``count`` add to the ``first`` one: it says so, unless it counts by a pronoun someone
    told before ("X was killed ... shot at X, killing him and injuring one other"), or it tells of attackers killed."""
    again = (count.text or "").lower() in ctx.lex.events.get("counted_again", ())
    return (not again and _says(ctx, sent, ctx.lex.events["additive_counts"])) or (
        kind == "fatalities" and _attackers(ctx, sent, count, first)
    )


def _attackers(ctx: Context, sent: int, count: Count, first: Count) -> bool:
    """Is ``count`` (told in sentence ``sent``) of attackers killed after the victims were told ("Police returned
    fire, killing two of the gunmen")? Like GTD and RAND, an attack's dead include its attackers."""
    nouns = set(ctx.lex.events.get("attacker_victims", ()))
    span = ctx.sentence_span(sent)
    quote = count.text or ""
    at = span.text.find(quote) if quote else -1
    words = {w.strip(".,;") for w in quote.lower().split()}
    after = span.text[at + len(quote) :].lower().split()[:3] if at >= 0 else []
    if after[:1] == ["of"]:  # "three of the rebels"
        words |= {w.strip(".,;") for w in after}
    return bool(words & nouns) and not set((first.text or "").lower().split()) & nouns


def _says(ctx: Context, sent: int, words: list[str]) -> bool:
    span = ctx.sentence_span(sent)
    text = f" {' '.join(span.text.lower().replace('ё', 'е').split())} "
    return any(f" {w.replace('ё', 'е')} " in text for w in words)


def _date(ctx: Context, d: Draft) -> DateValue:
    found = [r.date for r in d.roles if r.date is not None]
    for span in found:
        value = resolve_mention(ctx, span)
        if value.start or value.partial:
            return value
    return DateValue()
