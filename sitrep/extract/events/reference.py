"""Reference of an event mention (``triggers.find`` sets it on each): is it one incident, one already told, a new
one like it, or no incident at all?

* ``generic``: a kind or a tally ("suicide attacks", "several hundred terrorist attacks", "attacks on police are
  frequent"); a bare plural is one only when nothing tells it happened ("planted bombs", "protests broke out in
  Tehran on Saturday");
* ``definite``: "the attack", "this crime" — refers to an incident already told;
* ``distinct``: "another attack", "a second blast" — a new incident even if one like it was just told.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.context import Context

if TYPE_CHECKING:
    from .triggers import EventMention

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
DETERMINERS = frozenset({"det", "nummod", "poss", "nmod:poss"})
POSSESSOR = ("compound", "nmod:poss")  # a subject the parse hung on the noun after its verb, with no "'s" of its own
_NUMBER = re.compile(r"^\d[\d,.]*$")


def classify(ctx: Context, m: EventMention, told: set[int]) -> None:
    """Set generic / definite / distinct from the trigger's phrase (``told``: the rows of the mentions before)."""
    parse, data = ctx.parse, ctx.lex.events
    toks, t, kids = parse.tokens, parse.tokens[m.token], parse.children[m.token]
    dets, distinct = set(data["anaphora"]["determiners"]), set(data["anaphora"]["distinct"])
    words_before = " ".join(x.text.lower() for x in toks[max(0, m.token - 3) : m.token])
    m.distinct = any(toks[c].text.lower() in distinct for c in kids) or any(
        f" {d} " in f" {words_before} " for d in distinct
    )
    if m.trigger.casualty:  # "another three died", «ещё двое пострадали»: more victims, not another incident
        m.distinct = any(toks[c].text.lower() in distinct and toks[c].dep in ("det", "amod") for c in kids)
    has_det = [c for c in kids if toks[c].dep in ("det", "nmod:poss")]
    m.definite = any(toks[c].text.lower() in dets for c in has_det) or any(toks[c].dep == "nmod:poss" for c in kids)
    if m.token > 0 and toks[m.token - 1].text.lower() in dets and not kids:
        m.definite = True  # no parse: "the attack"
    umbrella = not m.trigger.mode and not m.trigger.flags  # «нападение», «теракт»: any attack
    if data["anaphora"].get("bare_nouns_definite") and t.pos == "NOUN" and not m.distinct:
        # a language without articles: a bare noun may refer back, to an incident told with its words or, a word
        # for any incident of its kind, to any («…ликвидированы в ходе контртеррористической операции» is new)
        m.definite = m.definite or umbrella or id(m.trigger) in told
    habitual = set(data["generic"]["habitual_words"])
    clause = parse.clause_head(m.token)
    # words that make the clause habitual: its modifiers ("often", "every year"), its verb when not the trigger
    # ("attacks continued"), the trigger's own ("near-daily bombings"), a conjunct's verbs above ("continue to target
    # ... and bomb"); not a verb the trigger governs ("promised to continue military aid") nor a clause beside it
    apart = ("xcomp", "ccomp", "conj", "advcl", "obj", "parataxis")  # "ended mediation ... as shells continued"
    modifiers = [k for k in parse.children[clause] if toks[k].dep not in apart]
    near = {toks[k].lemma.lower() for k in modifiers} | ({toks[clause].lemma.lower()} if clause != m.token else set())
    near |= {toks[a].lemma.lower() for a in list(parse.ancestors(clause))[:2]} if t.dep == "conj" else set()
    is_noun = t.pos in ("NOUN", "PROPN") or (not t.pos and m.trigger.type is not None)
    plural = t.tag in _PLURAL_TAGS or (not t.tag and t.text.lower().endswith("s") and t.text.lower() != t.lemma)
    count = _count_of(ctx, m.token) if is_noun else None
    between = any(parse.case_of(c) in data["cases"]["between"] for c in kids)  # "clashes between X and Y"
    carrier = t.head if t.dep == "nmod" and toks[t.head].lemma.lower() in data["generic"]["quantities"] else m.token
    c = toks[carrier]  # "a number of petrol bombs were thrown": the quantity's verb
    done = c.dep in ("obj", "obl", "nsubj:pass") and toks[c.head].tag in ("VBD", "VBN")  # "fired rockets at"
    done = done or any(toks[k].tag in ("VBD", "VBN") for k in parse.starting_in(m.start, m.end))  # "planted bombs"
    done = done or (c.dep == "nsubj" and _on_a_day(ctx, c.head))  # "Protests broke out in Tehran on Saturday"
    participants = m.trigger.has("participants")  # "protesters", "rioters" name people, always in the plural
    if is_noun and plural and not has_det and count is None and not (between or done or participants):
        m.generic = True
    elif count is not None and count > data["generic"]["aggregate_numbers_over"] and not _munition(ctx, t.lemma):
        m.generic = True  # a tally, not an incident ("six mortars were fired" counts shells, not incidents)
    if (near | {toks[k].lemma.lower() for k in kids if toks[k].dep == "amod"}) & habitual and not m.definite:
        m.generic = True
    kinds = set(data["generic"]["kind_words"])
    if plural and (
        {toks[c].lemma.lower() for c in kids if toks[c].dep == "amod"} & kinds
        or any(f"{w} " in f"{words_before} " for w in kinds if " " in w)
    ):
        m.generic = True  # "similar attacks", "these kinds of attacks": a kind of event


DAY_PRECISION = frozenset({"day", "hour", "minute"})


def _on_a_day(ctx: Context, verb: int) -> bool:
    """Does finite verb ``verb``'s clause tell the day it happened ("broke out ... on Saturday", "hit Sanaa
    yesterday")? Things told of a day happened once; a kind or a tally is told of a year or a month at most."""
    parse = ctx.parse
    if parse.tokens[verb].tag not in ("VBD", "VBP", "VBZ"):
        return False
    start, end = parse.span_of_subtree(verb)
    return any(getattr(d.value, "precision", None) in DAY_PRECISION for d in ctx.dates.within(start, end))


def _munition(ctx: Context, lemma: str) -> bool:
    """Is ``lemma`` a weapon or munition ("mortar", "rocket", "bomb"), whose number counts devices, not incidents?"""
    weapons = ctx.lex.events["weapons"]
    return lemma.lower() in {w for mode in ("heavy-weapons", "explosives") for w in weapons.get(mode, [])}


def _count_of(ctx: Context, i: int) -> float | None:
    """The number modifying a noun ("13 bombs" -> 13; "several hundred attacks" -> 300; none -> None)."""
    parse, doc = ctx.parse, ctx.doc
    toks = parse.tokens
    for span in ctx.numbers.ending_in(toks[i].start - 25, toks[i].start):
        # a number phrase right before the noun (allowing one adjective: "several hundred terrorist attacks")
        gap = doc.text[span.end : toks[i].start].strip(" -")
        if 0 <= toks[i].start - span.end <= 25 and (not gap or (" " not in gap and gap.isalpha())):
            value = span.value
            best = getattr(value, "best", None) or getattr(value, "low", None)
            if best is not None:
                return float(best)
    for c in parse.kids(i, "nummod"):
        if _NUMBER.match(toks[c].text.replace(",", "")):
            return float(toks[c].text.replace(",", ""))
    return None


def modifier_only(ctx: Context, m: EventMention) -> bool:
    """'bomb-making workshops', 'a sabotage war': the trigger only modifies another noun."""
    parse = ctx.parse
    t, text = parse.tokens[m.token], parse.doc.text
    if text[m.end : m.end + 1] in ("-", "‐") and text[m.end + 1 : m.end + 2].isalpha():
        return True  # a hyphenated compound: "bomb-making", "attack-prone"
    if t.tag == "VBN" and m.token > 0 and parse.tokens[m.token - 1].lemma.lower() == "have":
        return False  # "forces have tortured scores of refugees": a perfect, whatever the parse hung it on
    bracket = t.tag == "VBN" and text[: m.start].rstrip().endswith(")")
    if t.tag == "VBD" or parse.kids(m.token, "obj", "nsubj") or bracket:
        return False  # a finite past, a word with an object or subject of its own ("China loosened restrictions") or
        # after a name's bracket ("(FARC) abducted officials") is no modifier ("... seized Diapaga", "set fire to")
    if t.pos == "VERB" and any(
        (c > m.token and parse.tokens[c].dep in DETERMINERS)
        or (c < m.token and parse.tokens[c].dep == "nsubj")
        or (c == m.token - 1 and t.tag == "VBN" and parse.tokens[c].dep in POSSESSOR and not parse.kids(c, "case"))
        for c in parse.children[t.head]
    ):  # "militia abducted 4 farmers": a modifier would come after the noun's numeral or article; "fighters
        return False  # surrendered dozens of grenades", "the air force bombed", "warplanes bombed": a subject before
    inside = m.start <= parse.tokens[t.head].start < m.end  # "denied involvement", "denied" parsed as its adjective
    return t.dep in ("compound", "amod") and not inside and parse.tokens[t.head].pos in ("NOUN", "PROPN")
