"""Suicide attackers among an attack's dead: GTD (``nkill`` with ``nkillter``) and ACLED count an attacker who
died carrying out the attack; ``Count.attackers`` says how many of the counted they are."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.model import Count

from .casualties import COUNTS


def among_dead(ctx: Context, sentences: list[int], fatalities: Count | None) -> Count | None:
    """The fatalities of a suicide attack with the attackers who died in it (GTD and ACLED count them): one for
    "a suicide bomber", the number told for "two suicide bombers" (none added when the text does not say how
    many), added to the victims' figure unless it may already include them ("12 people", a bare "14", "the
    bomber" in the phrase)."""
    lex = ctx.lex.events["suicide_attackers"]
    found = _attackers(ctx, sentences, lex)
    if found is None:
        return fatalities
    n, phrase = found
    if fatalities is None:
        return Count(n, n, n, phrase, attackers=n)
    words = (fatalities.text or "").lower().split()
    told = {w.strip(".,;:") for w in words}
    if fatalities.attackers or not words or words[-1].strip(".,;:") in lex["may_include"] or _demonym(fatalities):
        return fatalities
    if told & (set(lex["singular"]) | set(lex["plural"])):
        return fatalities  # "14 people and the bomber"

    def plus(x: int | None) -> int | None:
        return None if x is None else x + n

    return Count(plus(fatalities.low), plus(fatalities.best), plus(fatalities.high), fatalities.text, attackers=n)


def _demonym(count: Count) -> bool:
    """"six Iraqis": people of a nation, who may include the bomber."""
    last = (count.text or "").split()[-1:]
    return bool(last) and last[0][:1].isupper() and last[0].endswith("s")


def _attackers(ctx: Context, sentences: list[int], lex: dict) -> tuple[int, str] | None:
    """How many attackers the first sentence naming them tells of, and the phrase: "A suicide car bomber" -> 1,
    "Two suicide bombers" -> 2, "suicide bombers" -> None (how many is not told)."""
    parse, text = ctx.parse, ctx.doc.text
    for s in sorted(sentences):
        said = f" {' '.join(ctx.sentence_span(s).text.lower().split())} "
        if any(w in said for w in lex["alive"]):
            return None  # "arrested a would-be suicide bomber before he could detonate his vest"
        numbers = ctx.numbers_in(s, COUNTS)
        for k in parse.sentence_tokens(s):
            tok = parse.tokens[k]
            word = tok.text.lower()
            if word in lex["singular"]:
                return 1, tok.text
            if word in lex["plural"]:
                before = [n for n in numbers if n.end <= tok.start and tok.start - n.end <= 25]
                gap = text[before[-1].end : tok.start] if before else ","
                best = getattr(before[-1].value, "best", None) if before else None
                if best is None or any(ch in gap for ch in ",;:()"):
                    return None
                return int(best), text[before[-1].start : tok.end]
    return None

