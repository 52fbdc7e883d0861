"""Where a report is set, and the most specific of several places: the place an event whose own sentences name
none happened in — the most specific place named earlier in its paragraph, or the dateline's ("CHILE.", "KABUL,
Afghanistan —")."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.model import Entity


class Setting:
    """Where the report is set before each sentence: the most specific place (the gazetteer's, with a country)
    named in the earlier sentences of its paragraph — the latest of equally specific ones, within the dateline's
    country when the text opens with one ("CHILE.", "KABUL, Afghanistan —") — else the dateline's place.
    Read in one pass over the document, the first time it is asked."""

    def __init__(self, ctx: Context, para: list[int]):
        self.ctx, self.para = ctx, para
        self._before: list[Entity | None] | None = None

    def __call__(self, s: int) -> Entity | None:
        if self._before is None:
            self._before = self._walk()
        return self._before[s]

    def _walk(self) -> list[Entity | None]:
        ctx, para = self.ctx, self.para
        line = _dateline(ctx)
        out: list[Entity | None] = []
        best: Entity | None = None
        for t, sent in enumerate(ctx.sentences):
            if t == 0 or para[t] != para[t - 1]:
                best = None
            out.append(best or line)
            named = [
                e
                for _, _, e in ctx.index.within(sent.start, sent.end, places=True)
                if e.country and e.geo and (line is None or e.country == line.country)
            ]
            here = most_specific(named)
            if here is not None and (best is None or _rank(here) <= _rank(best)):
                best = here  # a later place as specific as the one before is the setting now
        return out


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
    return min(places, key=_rank)


def _rank(e: Entity) -> tuple[bool, int]:
    return e.country is None, RANK.get(e.type, 4)
