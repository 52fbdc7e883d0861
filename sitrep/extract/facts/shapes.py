"""Facts with a shape of their own (see the ``facts`` stage): sizes, trends and tactics.

Each function reads one sentence and adds facts through the stage's ``FactMaker``; the words they look for are in
``sitrep/knowledge/data/facts_<lang>.yaml``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from sitrep.extract.dates import resolve_mention
from sitrep.knowledge.languages import Lexicons
from sitrep.knowledge.lexicon import PhraseMatcher
from sitrep.model import Entity, Quantity, TextSpan, Trend

from .relations import in_sentence

if TYPE_CHECKING:
    from .maker import FactMaker


_COUNTS = frozenset({"count", "range"})


def _numbers(maker: FactMaker, s: int) -> list[TextSpan]:
    return maker.ctx.numbers_in(s, _COUNTS)


def _quantity(n: TextSpan, unit: str | None = None) -> Quantity:
    v: Any = n.value
    low, high = v.low, v.high
    if low is None and high is None:
        low = high = v.best
    return Quantity(low=low, high=high, unit=unit or getattr(v, "unit", None), text=n.text)


def _armed_groups(maker: FactMaker, s: int, topic: Entity | None = None) -> list[tuple[int, Entity, int, int]]:
    return [r for r in in_sentence(maker.ctx, s, topic) if r[1].type == "armed_group"]


def _nearest(rows: list[tuple[int, Entity, int, int]], offset: int) -> tuple[int, Entity, int, int] | None:
    return min(rows, key=lambda r: abs(r[2] - offset)) if rows else None


# -- size ------------------------------------------------------------------------------------------------


def sizes(maker: FactMaker, s: int, topic: Entity | None) -> None:
    """'the number of ISKP fighters ranged from 1,500 to 5,000 people' -> size 1,500–5,000 fighters."""
    data = maker.ctx.lex.facts["size"]
    units, cues = set(data["units"]), set(data["cues"])
    doc = maker.doc
    groups = _armed_groups(maker, s, topic)
    if not groups:
        return
    sent = doc.layers.sentences[s]
    words = {t.text.lower() for t in maker.parse.tokens[sent.first_token : sent.last_token]}
    casualty = {w for w in maker.ctx.lex.casualty_words if " " not in w}
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


# -- trend -----------------------------------------------------------------------------------------------


def trends(maker: FactMaker, s: int) -> None:
    """'several hundred attacks ... but after the takeover the number of attacks decreased to several dozen'."""
    data = maker.ctx.lex.facts["trend"]
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
        sent = doc.layers.sentences[s]
        dates = maker.ctx.dates.starting_in(sent.start, sent.end)
        before_date = next((resolve_mention(maker.ctx, d) for d in dates if before and d.end <= before[0].start), None)
        after_date = next(
            (
                resolve_mention(maker.ctx, d)
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
def _tactics(lex: Lexicons) -> PhraseMatcher[str]:
    return PhraseMatcher(lex.lang, plurals=True).add_all((t, t) for t in lex.facts["tactics"])


def tactics(maker: FactMaker, s: int) -> None:
    """'ISKP has increasingly started using suicide attacks' -> uses_tactic 'suicide attacks'."""
    cues = set(maker.ctx.lex.facts["relations"]["uses_tactic"]["cues"])
    sent = maker.doc.layers.sentences[s]
    found = _tactics(maker.ctx.lex).find(maker.doc.text, sent.start, sent.end)
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
