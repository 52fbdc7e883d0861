"""How deep in its sentences an event is told, against the other events told there: "Palestinians blamed Israel
for the bombing of a house" tells the blame in its main clause and the bombing one verb down, as what the blame is
about. The depth of a word is the number of verbs above it in the parse (``Parse.clause_depth``: a verb of saying
does not count above what is said); an event's is the least of its words', less the least of any event's in its
sentences. The events stage weighs an event's confidence by it (``confidence_by_depth`` in ontology.yaml)."""

from __future__ import annotations

from sitrep.extract.context import Context

from .incidents import Draft


def relative_depths(ctx: Context, drafts: list[Draft]) -> list[int]:
    """For each draft, how many verbs deeper than the shallowest event of its sentences its words are told."""
    saying = ctx.lex.stance["speech.verbs"]
    own = [{m.sent: ctx.parse.clause_depth(m.token, saying) for m in d.mentions} for d in drafts]
    least: dict[int, int] = {}
    for depths in own:
        for sent, depth in depths.items():
            least[sent] = min(depth, least.get(sent, depth))
    return [min(depth - least[sent] for sent, depth in depths.items()) for depths in own]
