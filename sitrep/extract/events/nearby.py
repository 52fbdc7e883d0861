"""Numbers of people tied to a casualty word by word order, where the parse gave none: before it ("five police
were killed") or right after its phrase ("killing 12", "shot to death seven missionaries"); not the killers of an
active verb with its victim after it ("Four gunmen shot dead a policeman")."""

from __future__ import annotations

import re

from sitrep.extract.context import Context, last_words
from sitrep.model import TextSpan

UNDERGOER_VERBS = frozenset({"die", "perish", "succumb", "умереть", "скончаться", "погибнуть"})  # subject = victim


def numbers_for(ctx: Context, k: int, numbers: list[TextSpan], units: frozenset[str]) -> list[TextSpan]:
    """Numbers of people tied to the casualty word at token ``k``: before it ("five police were killed"), or
    right after it ("killing 12", "killed over 140 innocent civilians")."""
    tok = ctx.parse.tokens[k]
    text = ctx.doc.text

    told = ctx.lex.casualty_words

    def people(n: TextSpan) -> bool:  # "35 wounded": a casualty word after a number counts people
        unit = getattr(n.value, "unit", None)
        return unit is None or unit.lower() in units or unit.lower().rstrip("s") in units or unit.lower() in told

    end = _phrase_end(ctx, k)  # "shot to death seven missionaries", "deaths to four"
    after = [n for n in numbers if end <= n.start and _adjacent(text[end : n.start]) and people(n)]
    if after:
        return after[:1]
    if _active_with_object(ctx, k):
        return []  # "Four gunmen shot dead a policeman": the number before counts the killers
    before = [n for n in numbers if n.end <= tok.start and people(n)]
    chain: list[TextSpan] = []
    limit = tok.start
    for n in reversed(before):
        gap = text[n.end : limit]
        if len(gap) > 60 or any(ch in gap for ch in ";:") or " by " in gap or (" in " in f" {gap} " and chain):
            break
        if chain and not any(w in gap for w in (",", " and ", " as well as ")):
            break
        if told & {w.strip(".,;") for w in gap.lower().split()}:
            break  # "three were killed and two more were wounded": the three are the killing's
        if _adjacent_to_casualty(ctx, n):
            break  # "killed six and injured eight": the six are the killing's
        chain.append(n)
        limit = n.start
        if not text[max(0, n.start - 8) : n.start].rstrip().endswith((",", "and")):
            break
    return list(reversed(chain))


def _phrase_end(ctx: Context, k: int) -> int:
    """Where the casualty phrase of the word at ``k`` ends (an offset)."""
    return ctx.parse.tokens[_last_word(ctx, k)].end


def _last_word(ctx: Context, k: int) -> int:
    """The last token of the casualty phrase of the word at ``k``: after the words that close it ("shot dead",
    "shot to death", "gunned down"; ``single_victim.fillers``)."""
    toks, fillers = ctx.parse.tokens, ctx.lex.events["single_victim"]["fillers"]
    i = k
    while i + 1 < len(toks) and toks[i + 1].sent == toks[k].sent and toks[i + 1].text.lower() in fillers:
        i += 1
    return i


def _active_with_object(ctx: Context, k: int) -> bool:
    """Is the casualty word at ``k`` an active verb with its victim right after it ("gunmen shot dead a
    policeman", "three men killed the guard") rather than a passive or an undergoer ("five were killed", "two died
    the next day")?"""
    toks, one = ctx.parse.tokens, ctx.lex.events["single_victim"]
    if toks[k].lemma.lower() in UNDERGOER_VERBS:
        return False
    sent = toks[k].sent
    before = {toks[i].text.lower() for i in range(max(0, k - 3), k) if toks[i].sent == sent}
    if before & set(one["passive_aux"]):
        return False
    i = _last_word(ctx, k) + 1
    if i >= len(toks) or toks[i].sent != sent:
        return False
    return toks[i].text.lower() in {*one["articles"], *one["singular_openers"]} or toks[i].pos == "NUM"


_OF = re.compile(r"\s*(?:of(?:\s+the)?|of\s+at\s+least|another|a\s+further|an\s+additional)?\s*", re.I)


def _adjacent_to_casualty(ctx: Context, n: TextSpan) -> bool:
    """Does number ``n`` follow a casualty word of its own ("killing 12", "killed another six")?"""
    words = last_words(ctx.doc.text, n.start, 2)
    if words and _adjacent(f" {words[-1]} ") and len(words) == 2:
        words = words[:1]  # "killed another six": the word before "another"
    return bool(words) and words[-1] in ctx.lex.casualty_words  # not "three were killed, 25 wounded"


def _adjacent(gap: str) -> bool:
    """Nothing but "of" between a casualty word and its number: "killing 12", "the death of two officers"."""
    return bool(_OF.fullmatch(gap))
