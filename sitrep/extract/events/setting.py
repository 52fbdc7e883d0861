"""Where a report is set, and the most specific of several places: the place an event whose own sentences name
none happened in — the most specific place named earlier in its paragraph, or the dateline's ("CHILE.", "KABUL,
Afghanistan —")."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.model import Entity


def setting(ctx: Context, s: int, para: list[int]) -> Entity | None:
    """Where the report is set before sentence ``s``: the most specific place (the gazetteer's, with a country)
    named in the earlier sentences of its paragraph — within the dateline's country when the text opens with one
    ("CHILE.", "KABUL, Afghanistan —") — else the dateline's place."""
    found: list[Entity] = []
    for t in range(s - 1, -1, -1):
        if para[t] != para[s]:
            break
        sent = ctx.sentences[t]
        found += [e for _, _, e in ctx.index.within(sent.start, sent.end, places=True) if e.country and e.geo]
    line = _dateline(ctx)
    if line is not None:
        found = [e for e in found if e.country == line.country] or [line]
    return most_specific(found)


def _dateline(ctx: Context) -> Entity | None:
    """The place a dateline opens the text with: a name in capitals followed by a full stop, comma or dash."""
    text = ctx.doc.text
    for start, end, e in ctx.index.within(0, min(len(text), 60), places=True):
        surface = text[start:end]
        if surface.isupper() and e.country and not text[:start].strip() and text[end : end + 1] in (".", ",", " "):
            return e
    return None


RANK = {"city": 0, "admin_area": 1, "location": 2, "country": 3}


def most_specific(places: list[Entity]) -> Entity | None:
    """The most precise place; one the gazetteer does not know (no country) only when there is nothing else."""
    if not places:
        return None
    return min(places, key=lambda e: (e.country is None, RANK.get(e.type, 4)))
