"""Event triggers: the words that tell an event happened, and what kind (``sitrep/knowledge/data/events_<lang>.yaml``).

``find(doc, parse)`` returns :class:`EventMention` objects — one per trigger word or phrase in the body — with
what the lexicon says about it and what its phrase says about reference (``reference.classify``): ``generic`` (a
kind or a tally: such mentions make facts, not events), ``definite`` (an incident already told) or ``distinct`` (a
new one like it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sitrep.extract.context import Context
from sitrep.extract.events.subjects import verb_first
from sitrep.extract.spans import Intervals
from sitrep.extract.tree import Parse
from sitrep.knowledge.languages import Lexicons
from sitrep.knowledge.lexicon import PhraseMatcher
from sitrep.model import Token

from . import reference


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    type: str | None = None
    mode: str | None = None
    casualty: str | None = None
    weight: float = 0.5
    pos: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()  # clash, territory, property, claim, denial, anaphoric, needs_actor, ...

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass
class EventMention:
    start: int
    end: int
    token: int  # the trigger's head token
    sent: int
    trigger: Trigger
    generic: bool = False
    definite: bool = False
    distinct: bool = False
    anchor: bool = False  # an incident the one told is dated by ("a day after a car bomb killed 12")
    extra: list[Trigger] = field(default_factory=list)  # other lexicon entries for the same words


@dataclass(frozen=True)
class TriggerTable:
    singles: dict[str, tuple[Trigger, ...]]  # one word (a lemma or a form) -> its entries
    phrases: PhraseMatcher[Trigger]
    founded: dict[str, Trigger]  # what a verb of founding founds (a lemma) -> the trigger of its founding
    acts: dict[tuple[str, str], Trigger]  # (verb lemma, object lemma) -> the act they tell together
    disarmed: Trigger | None = None  # a weapon found, seized or defused (``interdiction``), when the language has it


_FLAG_KEYS = (
    "clash",
    "territory",
    "property",
    "claim",
    "denial",
    "anaphoric",
    "needs_actor",
    "grenade",
    "disrupted",
    "looting",
    "mob",
    "base",
    "recognition",
    "transfer",
    "weak",
    "participants",
    "victim_subject",
    "agreement",
    "new_group",
)


@cache
def table(lex: Lexicons) -> TriggerTable:
    """The trigger entries of ``events_<lang>.yaml`` (built once per language)."""
    singles: dict[str, list[Trigger]] = {}
    phrases: PhraseMatcher[Trigger] = PhraseMatcher(lex.lang, plurals=True)
    for row in lex.events["triggers"]:
        trig = Trigger(
            words=tuple(row["words"]),
            type=row.get("type"),
            mode=row.get("mode"),
            casualty=row.get("casualty"),
            weight=float(row.get("weight", 0.5)),
            pos=tuple(row.get("pos", ())),
            flags=frozenset(k for k in _FLAG_KEYS if row.get(k)),
        )
        for w in trig.words:
            if " " in w or "-" in w:
                phrases.add(w, trig)
            else:
                singles.setdefault(w.lower(), []).append(trig)
    founding = lex.events["founding"]
    base = Trigger(
        tuple(founding["bases"]), "MOBILIZE", "militia", weight=0.55, flags=frozenset({"base", "needs_actor"})
    )
    group = Trigger(
        tuple(founding["groups"]), "MOBILIZE", "militia", weight=0.5, flags=frozenset({"new_group", "needs_actor"})
    )
    founded = {w.lower(): base for w in founding["bases"]} | {w.lower(): group for w in founding["groups"]}
    acts: dict[tuple[str, str], Trigger] = {}
    for row in lex.events["verb_objects"]:
        trig = Trigger(
            tuple(row["verbs"]), row["type"], row.get("mode"), weight=float(row.get("weight", 0.5)),
            flags=frozenset(row.get("flags", ())) | ({"needs_actor"} if row.get("needs_actor", True) else set()),
        )  # fmt: skip
        for v in row["verbs"]:
            for o in row["objects"]:
                acts.setdefault((v.lower(), o.lower()), trig)
    caught, flags = lex.events.get("interdiction"), frozenset({"disrupted"})
    disarmed = Trigger(tuple(caught["verbs"]), "COERCE", "seize", weight=0.65, flags=flags) if caught else None
    return TriggerTable({k: tuple(v) for k, v in singles.items()}, phrases, founded, acts, disarmed)


_HOLDS = frozenset({"nmod", "conj", "amod", "compound", "appos", "flat", "nummod"})  # what tells what an object is


def _interdictions(ctx: Context) -> list[tuple[int, set[int]]]:
    """«полицейские изъяли взрывное устройство», "sappers defused a roadside bomb", "a cache of rifles was found":
    a verb of ``interdiction.verbs`` whose object, or passive subject, is a weapon — its head or a word two steps
    down that tells what it is or holds ("20 kg of explosives", «тайник с гранатами») is in
    ``interdiction.weapons``, its head not in ``interdiction.remnants``; or a verb of a blast with a word of
    safety in its clause ("sappers safely detonated the bomb": a controlled explosion). Each (verb, the object's
    words read)."""
    parse, data = ctx.parse, ctx.lex.events.get("interdiction")
    if not data or not parse.has_parse:
        return []
    verbs, weapons = _words(data["verbs"]), _words(data["weapons"])
    remnants = _words(data.get("remnants", []))
    controlled = data.get("controlled", {})
    blasts, safely = _words(controlled.get("verbs", [])), _words(controlled.get("manner", []))
    toks = parse.tokens
    out = []
    for tok in toks:
        if tok.pos not in ("VERB", ""):
            continue
        lemmas = set(_lemmas(tok)[:2])
        blast = lemmas & blasts and any(toks[k].text.lower() in safely for k in parse.subtree(tok.i))
        if not lemmas & verbs and not blast:  # neither a verb of seizure nor a blast set off safely
            continue
        for c in parse.kids(tok.i, "obj", "nsubj:pass"):
            if toks[c].lemma.lower() in remnants:
                continue
            held, step = {c}, [c]
            for _ in range(2):
                step = [k for n in step for k in parse.children[n] if toks[k].dep.split(":")[0] in _HOLDS]
                held.update(step)
            if any(toks[k].lemma.lower() in weapons or toks[k].text.lower() in weapons for k in held):
                manner = {k for o in parse.kids(tok.i, "obl") for k in parse.subtree(o)}  # "in a controlled blast"
                controlled_blast = any(toks[k].text.lower() in safely for k in manner)
                out.append((tok.i, held | manner if controlled_blast else held))
                break
    return out


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in items)


def _foundings(ctx: Context, lex: TriggerTable, taken: Intervals) -> list[EventMention]:
    """«боевики создали базу», «основали группировку», "formed a new faction", "a camp was set up": a verb of
    founding (``founding.verbs``) whose object, or passive subject, is a base (ACLED "Headquarters or base
    established") or a group ("Change to group/activity"); not one whose object has ``founding.not_with``
    («база данных», "a database" is one word)."""
    parse, data = ctx.parse, ctx.lex.events["founding"]
    verbs, not_with = {v.lower() for v in data["verbs"]}, {w.lower() for w in data["not_with"]}
    toks = parse.tokens
    out = []
    for tok in toks:
        particles = [toks[c].text.lower() for c in parse.kids(tok.i, "compound:prt")]
        said = {tok.lemma.lower()} | {f"{tok.lemma.lower()} {p}" for p in particles}
        if tok.pos not in ("VERB", "") or not said & verbs:
            continue
        for c in parse.kids(tok.i, "obj", "nsubj:pass"):
            trig = lex.founded.get(toks[c].lemma.lower())
            if trig is None or any(toks[x].lemma.lower() in not_with for x in parse.children[c]):
                continue
            start, end = min(tok.start, toks[c].start), max(tok.end, toks[c].end)
            if not taken.overlaps(start, end):
                out.append(EventMention(start, end, tok.i, tok.sent, trig))
            break
    return out


def _acts(ctx: Context, lex: TriggerTable, taken: Intervals) -> list[EventMention]:
    """A verb and its object that tell an act together (``verb_objects``): "lifted on Friday a day-old blockade"
    (RETREAT), "sent two more warships" (MOBILIZE), «отозвала своего посла» (SANCTION) — whatever words stand
    between them (a date or a name may). The mention is the verb; the object's head is no trigger of its own."""
    parse, toks = ctx.parse, ctx.parse.tokens
    out = []
    for tok in toks:
        if tok.pos not in ("VERB", ""):
            continue
        bare = [c for c in parse.kids(tok.i, "obl") if not parse.case_of(c)]  # an object the parse took for an obl
        for c in parse.kids(tok.i, "obj", "nsubj:pass") + bare:
            trig = next((t for v in _lemmas(tok) for o in _lemmas(toks[c]) if (t := lex.acts.get((v, o)))), None)
            obj = toks[c]
            if trig is not None and not (taken.overlaps(tok.start, tok.end) or taken.overlaps(obj.start, obj.end)):
                taken.add(obj.start, obj.end)  # the object is no trigger of its own ("blockade")
                out.append(EventMention(tok.start, tok.end, tok.i, tok.sent, trig))
                break
    return out


OBLIGATION = Trigger(("must",), "REQUEST", weight=0.45, flags=frozenset({"needs_actor"}))


def _obligations(ctx: Context, taken: Intervals) -> list[EventMention]:
    """A duty laid on a party: "The Red Cross said US forces must ensure security", «МИД заявил, что Киев должен
    отвести войска». A speech verb (``obligation.verbs``) whose complement clause lays a duty
    (``obligation.modals``) on a subject of its own is a REQUEST by the speaker; the speech verb is the mention
    (its subject the actor, the duty's subject the target)."""
    parse, data = ctx.parse, ctx.lex.events["obligation"]
    verbs, modals = {v.lower() for v in data["verbs"]}, {w.lower() for w in data["modals"]}
    toks = parse.tokens
    out = []
    for tok in toks:
        if tok.text.lower() not in modals:
            continue
        clause = tok.head if tok.dep == "aux" else tok.i
        if toks[clause].dep != "ccomp" or not parse.kids(clause, "nsubj"):
            continue
        s = toks[clause].head
        if toks[s].lemma.lower() in verbs and not taken.overlaps(toks[s].start, toks[s].end):
            out.append(EventMention(toks[s].start, toks[s].end, s, toks[s].sent, OBLIGATION))
    return out


def find(ctx: Context, blocked: list[tuple[int, int]]) -> list[EventMention]:
    """Trigger mentions in the body, in text order; ``blocked`` spans (names, dates) hold no triggers."""
    doc, parse = ctx.doc, ctx.parse
    lex = table(ctx.lex)
    end = doc.layers.body_end if doc.layers.body_end is not None else len(doc.text)
    found: list[EventMention] = []
    taken = Intervals(blocked)  # phrase matches never overlap each other: only the blocked spans can stop one
    for m in lex.phrases.find(doc.text, 0, end):
        if taken.overlaps(m.start, m.end):
            continue
        head = parse.head_of_span(m.start, m.end)
        if head is None:
            continue
        trig, *others = sorted(m.values, key=lambda t: -t.weight)
        head = verb_first(parse, m.start, m.end, head) if trig.has("needs_actor") or trig.type == "PROTEST" else head
        found.append(EventMention(m.start, m.end, head, parse.tokens[head].sent, trig, extra=others))
    disarmed: set[int] = set()  # weapon words under a verb of seizure: no attack of their own
    for verb, held in _interdictions(ctx) if lex.disarmed is not None else ():
        disarmed |= held
        kept = [x for x in found if x.token in held | {verb} and x.trigger.has("disrupted")]
        found = [x for x in found if x in kept or not (x.token in held or x.token == verb)]
        if not kept and lex.disarmed is not None:
            tok = parse.tokens[verb]
            found.append(EventMention(tok.start, tok.end, verb, tok.sent, lex.disarmed))
    for x in found:
        taken.add(x.start, x.end)
    for x in _foundings(ctx, lex, taken) + _acts(ctx, lex, taken) + _obligations(ctx, taken):
        found.append(x)
        taken.add(x.start, x.end)
    for tok in parse.tokens:
        if tok.end > end or taken.overlaps(tok.start, tok.end) or tok.i in disarmed:
            continue
        specs = next((lex.singles[w] for w in _lemmas(tok) if w in lex.singles), None)
        if not specs:
            continue
        specs = tuple(t for t in specs if not t.pos or not tok.pos or tok.pos in t.pos)
        if _participant(parse, tok):  # «среди нападавших были…»: the attackers, not an attack
            specs = tuple(t for t in specs if t.casualty)
        if not specs:
            continue
        trig, *others = sorted(specs, key=lambda t: -t.weight)
        found.append(EventMention(tok.start, tok.end, tok.i, tok.sent, trig, extra=others))
    found.sort(key=lambda m: m.start)
    told: set[int] = set()  # the lexicon rows of the mentions so far
    for mention in found:
        reference.classify(ctx, mention, told)
        told.add(id(mention.trigger))
    return found


def _participant(parse: Parse, tok: Token) -> bool:
    """A participle standing for the people who did it: a subject, object or oblique («нападавшие подожгли»), or
    with a preposition of its own («среди нападавших»)."""
    if tok.tag != "VBN" or tok.pos != "VERB":
        return False
    nominal = tok.dep.split(":")[0] in ("nsubj", "obj", "obl", "nmod", "iobj")
    return nominal or any(parse.tokens[c].dep == "case" for c in parse.children[tok.i])


def _lemmas(tok: Token) -> list[str]:
    """The token's lemma, its form, and rule-based guesses for when the lemmatizer slips ("clashed" -> "clashe")."""
    w = tok.text.lower()
    out = [tok.lemma.lower(), w]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            out.append(stem + repl)
            if not repl and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                out.append(stem[:-1])  # "kidnapped" -> "kidnap", "expelled" -> "expel" (and "shell" stays too)
    return out


def arrest_means(ctx: Context, m: EventMention) -> bool:
    """An attack noun told as the way people were arrested ("arrested 12 suspected ISIS members in raids across
    Istanbul", «задержаны в ходе рейдов»): the arrests' operation, not an attack of its own (``arrest_means``)."""
    data = ctx.lex.events.get("arrest_means")
    parse = ctx.parse
    t = parse.tokens[m.token]
    if not data or m.trigger.type != "ASSAULT" or t.text.lower() not in data["words"] or t.head == m.token:
        return False
    if not t.dep.startswith(("obl", "nmod")) or parse.case_of(m.token) not in data["cases"]:
        return False
    head = parse.tokens[t.head]
    entries = [e for w in {head.lemma.lower(), head.text.lower()} for e in table(ctx.lex).singles.get(w, ())]
    return any(e.type == "COERCE" and e.mode == "arrest" for e in entries)
