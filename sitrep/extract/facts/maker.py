"""The one way every facts rule adds a fact: :class:`FactMaker` fills in stance, source, relay, date, evidence and
a readable summary the same way for all of them."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.dates import resolve_mention
from sitrep.extract.stance import relay, stance
from sitrep.model import DateValue, Entity, Fact, Quantity, Span

PRED_WORDS = {
    "based_in": "based in", "operates_in": "operates in", "founded": "founded in", "fights": "fights",
    "allied_with": "allied with", "leader_of": "leader of", "member_of": "member of",
    "supporters_in": "has supporters in", "recruits_via": "recruits via", "travelled_via": "travelled via",
    "size": "size", "trend": "trend", "statement": "said", "uses_tactic": "uses",
}  # fmt: skip


class FactMaker:
    """Builds Fact records with stance, date, source, relay and evidence filled in the same way for every rule."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc, self.parse, self.index, self.lang = ctx.doc, ctx.parse, ctx.index, ctx.lang
        self.facts: list[Fact] = []

    def add(
        self,
        s: int,
        cue: int,
        subject: Entity,
        predicate: str,
        obj: Entity | None = None,
        value: Quantity | None = None,
        date: DateValue | None = None,
        sentences: list[int] | None = None,
        **extra: object,
    ) -> Fact:
        st = stance(self.ctx, cue)
        source = self.index.first_source(st.sources)
        via = None
        last = len(self.doc.layers.sentences) - 1
        if source is not None and s < last and (span := relay(self.ctx, s + 1)):
            via = self.index.source(*span)
        fact = Fact(
            id="",
            subject=subject.id,
            predicate=predicate,
            object=obj.id if obj else None,
            value=value,
            date=date if date is not None else self.date_near(s, cue),
            attributed_to=source.id if source else None,
            modality=st.modality,
            evidence=[self.sentence(k) for k in (sentences or [s])],
            attributed_via=via.id if via else None,
            **extra,  # type: ignore[arg-type]
        )
        fact.summary = _summary(subject, predicate, obj, value)
        self.facts.append(fact)
        return fact

    def sentence(self, s: int) -> Span:
        return self.ctx.sentence_span(s)

    def date_near(self, s: int, cue: int) -> DateValue | None:
        """The most precise date in the cue's clause (else its sentence), resolved."""
        spans = self.ctx.dates_in(s)
        if self.parse.has_parse and spans:
            lo, hi = self.parse.clause_span(cue)
            spans = [d for d in spans if lo <= d.start and d.end <= hi] or spans
        values = [resolve_mention(self.ctx, d) for d in spans]
        values = [v for v in values if v.start or v.partial]
        order = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}
        return min(values, key=lambda v: order[v.precision]) if values else None


def _summary(subject: Entity, predicate: str, obj: Entity | None, value: Quantity | None) -> str:
    words = PRED_WORDS.get(predicate, predicate.replace("_", " "))
    tail = obj.name if obj else (value.text if value else "")
    return f"{subject.name} {words} {tail}".strip()
