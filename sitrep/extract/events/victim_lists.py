"""Victims listed beside a counted phrase that the parse did not join to it, read by word order and part-of-speech
tags: "A man and his wife were shot dead" (the parse made "his wife" the only subject), "Eight children, two men,
and two women were killed", "killing one police officer and a civilian", "Alberto Marquez, a party activist, and
his bodyguard were killed".

From the counted phrase the walk goes left and right over joiners (``and``, a comma before a numbered phrase) to
the next noun phrase: a phrase with a number adds the number, a singular one (an article, a possessive, "one" or
a proper name before a singular noun) adds one. It stops at anything else: a verb ("and wounding three"), a
preposition ("in Baghdad and Mosul"), a plural with no number ("and his bodyguards"), a thing ("and a car"). An
apposition after a name ("Ali Hassan, a teacher, and his son") is skipped when a joiner follows it. A phrase that
only describes a victim again is nobody more (``same_person``: "a shop owner and former member of the council",
"Ramon Vega, a councilman, a lawyer, and a member of two unions")."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.extract.context import Context
from sitrep.model import Count, TextSpan

NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
SINGULAR = frozenset({"NN", "NNP"})
MODIFIERS = frozenset({"JJ", "JJR", "JJS", "CD", "HYPH", "VBN", "POS"})  # inside a phrase, before its noun
OPENERS = frozenset({"DT", "PRP$", "CD"})  # what a phrase may open with
STARTS = OPENERS | NOUNS | {"JJ"}  # a phrase's first or (read backwards) last word
DETERMINERS = frozenset({"nummod", "nmod:poss"})  # a phrase's own count or owner: another person


@dataclass
class Phrase:
    first: int  # token indices, inclusive
    last: int
    value: int | None  # people it counts (None: a plural with no number, or not people)
    proper: bool  # a name ("Ali Hassan")


def extend(ctx: Context, count: Count, start: int, end: int, numbers: list[TextSpan]) -> Count:
    """``count`` (the victims told in ``text[start:end]``) with the victims listed beside that text added."""
    if "victim_lists" not in ctx.lex.events or end <= start:
        return count
    toks = ctx.parse.tokens_in(start, min(end, len(ctx.doc.text)))
    if not toks or ctx.parse.tokens[toks[0]].sent != ctx.parse.tokens[toks[-1]].sent:
        return count
    one = count.best == 1  # "his wife, her brother, and a chauffeur"; not "three voters, a constable, and a woman"
    extra = _walk(ctx, toks[-1], +1, numbers, one) + _walk(ctx, toks[0], -1, numbers)
    if not extra:
        return count

    def plus(x: int | None) -> int | None:
        return None if x is None else x + extra

    return Count(plus(count.low), plus(count.best), plus(count.high), count.text, count.attackers)


def _walk(ctx: Context, edge: int, step: int, numbers: list[TextSpan], one: bool = False) -> int:
    """People listed beyond token ``edge`` in direction ``step`` (+1 right, -1 left), until the list ends; after
    ``one`` victim told by a common noun, a singular phrase after a comma is an item too if a joiner follows."""
    toks = ctx.parse.tokens
    words = ctx.lex.events["victim_lists"]
    sent = toks[edge].sent
    total, i, prev_proper, pending, seen = 0, edge + step, False, 0, False
    named = toks[edge].tag in ("NNP", "NNPS")  # "Jassim al-Daraji, a former officer and ...": one person described

    def word(j: int) -> str:
        return toks[j].text.lower() if 0 <= j < len(toks) and toks[j].sent == sent else ""

    while True:
        comma = word(i) == ","
        j = i + step if comma else i
        joined = word(j) in words["joiners"]
        if joined:
            j += step
            if step < 0 and word(j) == ",":
                j += step  # ", and" read backwards
        if not (comma or joined):
            return total
        phrase = _phrase(ctx, j, step, sent, numbers)
        if phrase is None or phrase.value is None:
            return total
        if not joined:  # a comma alone: a listed number ("Eight children, two men, and two women"), or a
            if phrase.value > 1 or _has_number(phrase, ctx, numbers):  # lone apposition after a name
                if seen and step < 0:
                    total += phrase.value  # read backwards, the joiner came first
                else:
                    pending += phrase.value  # read forwards, it is a list only if a joiner follows
            elif one and not (prev_proper or named) and not phrase.proper and _kin_or_article(ctx, phrase):
                pending += phrase.value  # "killing his wife, her brother, and a chauffeur": a list if "and" ends it
            elif not prev_proper:
                return total
            # an apposition counts nobody; the list goes on only if a joiner follows it
        else:
            total += pending + phrase.value
            pending, seen = 0, True
        prev_proper = phrase.proper
        i = (phrase.last if step > 0 else phrase.first) + step


def _kin_or_article(ctx: Context, phrase: Phrase) -> bool:
    """Does a singular phrase open with a possessive or an article ("her brother", "a chauffeur"), as an item of a
    list does (an apposition after a common noun is mostly a name: "his brother, Ali")?"""
    toks, words = ctx.parse.tokens, ctx.lex.events["victim_lists"]
    return toks[phrase.first].tag == "PRP$" or toks[phrase.first].text.lower() in words["article"]


def _has_number(phrase: Phrase, ctx: Context, numbers: list[TextSpan]) -> bool:
    toks = ctx.parse.tokens
    lo, hi = toks[phrase.first].start, toks[phrase.last].end
    return any(lo <= n.start < hi for n in numbers)


def _phrase(ctx: Context, j: int, step: int, sent: int, numbers: list[TextSpan]) -> Phrase | None:
    """The noun phrase starting (step +1) or ending (step -1) at token ``j`` and whom it counts."""
    toks = ctx.parse.tokens
    words = ctx.lex.events["victim_lists"]
    inside = NOUNS | MODIFIERS | OPENERS

    def ok(x: int) -> bool:
        return 0 <= x < len(toks) and toks[x].sent == sent and toks[x].tag in inside

    if not ok(j) or toks[j].tag not in STARTS:
        return None
    a = j
    while ok(a + step) and not (step > 0 and toks[a].tag in NOUNS and toks[a + step].tag in OPENERS - {"CD"}):
        if step < 0 and toks[a].tag in OPENERS - {"CD"}:
            break  # read backwards: "his" opens the phrase
        a += step
    first, last = (j, a) if step > 0 else (a, j)
    lo = toks[first].start
    if step > 0 and toks[first].tag == "CD" and (n := next((n for n in numbers if n.start == lo), None)):
        after = ctx.parse.token_at(n.end)
        if after is not None and toks[after].text.lower() in words["of"]:  # "four of her children"
            value = getattr(n.value, "best", None)
            tail = _phrase(ctx, after + 1, step, sent, numbers)  # the list goes on after "of his sons"
            return Phrase(first, tail.last if tail else after - 1, int(value) if value is not None else None, False)
    # the phrase ends at its last noun (read forwards: stop before a second phrase's determiner)
    single = toks[last].tag == "JJ" and last > first and toks[first].text.lower() in words["article"]
    while not single and last > first and toks[last].tag not in NOUNS:
        last -= 1
    if (toks[last].tag not in NOUNS and not single) or (step < 0 and last != j):
        return None  # "a civilian", "an Israeli": an adjective used as a noun after an article counts
    head = toks[last]
    if head.text.lower() in words["not_people"] or head.lemma.lower() in words["not_people"]:
        return None
    told = ctx.lex.casualty_words
    if any(toks[x].text.lower() in told for x in range(first, last + 1)) or toks[first].tag not in STARTS:
        return None  # "forty-seven deaths and fifty injuries", "and wounded six": another count
    before, after = first - 1, last + 1
    if step > 0 and 0 <= after < len(toks) and toks[after].text.lower() in words["of"]:
        return None  # "and the capture of fourteen": an event, not a person
    if step < 0 and before >= 0 and toks[before].tag == "IN":
        return None  # "was killed in Baghdad and two of his bodyguards": a place
    lo, hi = toks[first].start, head.end
    counted = [n for n in numbers if lo <= n.start < hi]
    proper = all(toks[x].tag in ("NNP", "NNPS", "HYPH", "POS") for x in range(first, last + 1))
    opener = toks[first].text.lower()
    if counted:
        value = getattr(counted[0].value, "best", None)
        return Phrase(first, last, int(value) if value is not None else None, proper)
    if (head.tag in SINGULAR or single) and (proper or opener in words["singular"] or toks[first].tag == "PRP$"):
        return Phrase(first, last, 1, proper)
    return Phrase(first, last, None, proper)


def without_appositions(ctx: Context, heads: list[int]) -> list[int]:
    """The victim heads less a phrase the parse gave as a second subject or object although it only names the
    first one again: "A professor at Baghdad University, Nofal Ahmed, was killed", "Imad Kazim, an official at
    the ministry, was killed" are one person each (nothing coordinates them, neither has a number)."""
    out: list[int] = []
    for h in sorted(heads):
        if not (out and (apposed(ctx, out[-1], h) or second_subject(ctx, out[-1], h))):
            out.append(h)
    return out


def second_subject(ctx: Context, a: int, b: int) -> bool:
    """Is ``b`` a name inside the subject phrase of ``a`` that the parse gave the verb as a subject of its own
    ("Three employees working at the Oil Institute in Baiji were assassinated": Baiji; nothing joins them), or
    the "one of" that describes the name before it ("X, one of the representatives of Y, was assassinated")?"""
    toks = ctx.parse.tokens
    return (
        a < b
        and toks[a].dep.startswith("nsubj")
        and toks[b].dep.startswith("nsubj")
        and (toks[b].pos == "PROPN" or _one_of(ctx, a, b))
        and not ctx.parse.kids(b, "nummod")
        and not _joined(ctx, a, b)
    )


def _one_of(ctx: Context, a: int, b: int) -> bool:
    """``b`` is "one" with an "of" phrase, set off by a comma right after the name ``a``'s phrase."""
    parse, toks = ctx.parse, ctx.parse.tokens
    of = ctx.lex.events["victim_lists"]["of"]
    return (
        toks[a].pos == "PROPN"
        and toks[b].text.lower() in ctx.lex.events["coordination"]["one"]
        and toks[b - 1].text == ","
        and any(parse.case_of(k) in of for k in parse.kids(b, "nmod"))
    )


def listed_names(ctx: Context, h: int) -> list[int]:
    """Names the parse hung on the name ``h`` as appositions though they are items of a list that an "and" ends:
    "killed Luis Duque, Antonio Varon and Alfonso Nivia" (Varon an apposition of Duque, Nivia a conjunct)."""
    parse, toks = ctx.parse, ctx.parse.tokens
    conj = [c for c in parse.kids(h, "conj") if toks[c].pos == "PROPN"]
    if toks[h].pos != "PROPN" or not conj:
        return []
    return [a for a in parse.kids(h, "appos", "list") if toks[a].pos == "PROPN" and h < a < min(conj)]


def kin_of(ctx: Context, h: int) -> list[int]:
    """Victims the parse hung on a noun inside the phrase of victim ``h`` although they are the victim's kin or
    companions: "an Iraqi translator for Italian troops and his son" (the son joined to "troops")."""
    parse, toks = ctx.parse, ctx.parse.tokens
    kin = set(ctx.lex.events["victim_lists"].get("kin", ()))
    inner = [c for c in parse.children[h] if toks[c].dep.startswith("nmod") and c > h]
    return [
        k
        for c in inner
        for k in parse.kids(c, "conj")
        if any(toks[p].text.lower() in kin for p in parse.kids(k, "nmod:poss"))
    ]


def apposed(ctx: Context, a: int, b: int) -> bool:
    """Does the phrase of ``b`` only name the person of ``a`` again (no word coordinates them, no number, and it is
    not someone's kin: "killing Gami, his daughter, and his son" are three)?"""
    parse = ctx.parse
    kin = ctx.lex.events["victim_lists"].get("kin", ())
    return (
        not parse.kids(a, "nummod")
        and not parse.kids(b, "nummod")
        and parse.tokens[b].pos in ("PROPN", "NOUN")
        and not (a < b and any(parse.tokens[k].text.lower() in kin for k in parse.kids(b, "nmod:poss")))
        and not _joined(ctx, min(a, b), max(a, b))
    )


def _joined(ctx: Context, lo: int, hi: int) -> bool:
    """Does a word between tokens ``lo`` and ``hi`` coordinate them ("and", a conjunction)?"""
    toks, joiners = ctx.parse.tokens, ctx.lex.events["coordination"]["and"]
    return any(toks[x].dep == "cc" or toks[x].text.lower() in joiners for x in range(lo + 1, hi))


def same_person(ctx: Context, a: int, b: int) -> bool:
    """Does the phrase of ``b``, which the parse joined to the victim ``a``, only describe the person of ``a``:
    an apposition ("Ali Hassan, a teacher"), a bare singular noun after "and" and a phrase opened by "a" ("a
    shop owner and former member of the council": one person; "his wife and son" are two), or the last of a
    name's descriptions ("Ramon Vega, a councilman, a lawyer, and a member of two unions")?"""
    parse = ctx.parse
    toks = parse.tokens
    if apposed(ctx, a, b):
        return True
    if toks[b].tag != "NN" or any(toks[c].dep in DETERMINERS for c in parse.children[b]):
        return False
    article = ctx.lex.events["victim_lists"]["article"]
    openers = [toks[c].text.lower() for c in parse.children[b] if toks[c].tag in OPENERS]
    described = toks[a].pos == "PROPN" and any(  # "X, a teacher and member of": also an apposition parsed as
        (toks[c].dep == "appos" or (toks[c].dep == "amod" and toks[c].pos == "NOUN")) and a < c < b  # a modifier
        for c in parse.children[a]
    )
    if not openers:  # "a shop owner and former member", "X, a cleric and member": not "his wife and son"
        return described or any(toks[c].text.lower() in article for c in parse.children[a])
    of = b + 1 < len(toks) and toks[b + 1].text.lower() in ctx.lex.events["victim_lists"]["of"]
    return described and of and openers[0] in article  # not "and the driver"
