"""Statement facts: "X said/noted/mentioned that ...", "According to X, ..." -> what X said, with the relay
("was quoted by Interfax")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.extract.stance import relay
from sitrep.extract.tree import Parse
from sitrep.model import Entity, Quantity

if TYPE_CHECKING:
    from .maker import FactMaker


def statements(maker: FactMaker, s: int) -> None:
    """'X said/noted/mentioned that ...', 'According to X, ...': X said what follows."""
    lex = maker.ctx.lex.stance
    parse, doc, index = maker.parse, maker.doc, maker.index
    toks = parse.tokens
    sent = doc.layers.sentences[s]
    for k in parse.sentence_tokens(s):
        t = toks[k]
        content: tuple[int, int] | None = None
        speaker: Entity | None = None
        if t.lemma.lower() in lex["speech.verbs"] and parse.has_parse:
            comp = parse.kids(k, "ccomp", "parataxis")
            if not comp:
                continue  # "claimed responsibility", "stated this": no words of their own
            subj = parse.kids(k, "nsubj")
            if not subj:
                continue
            head = (toks[subj[0]].start, toks[subj[0]].end)  # "Taliban spokesman Zabihullah Mujahid": the person
            speaker = index.in_phrase(*parse.span_of_subtree(subj[0]), head, places=False) or index.source(
                *parse.span_of_subtree(subj[0])
            )
            content = parse.span_of_subtree(comp[0])
        elif parse.has_parse and _source_phrase_at(parse, k, lex):
            owner = t.head
            if toks[owner].dep.startswith("obl") or toks[owner].dep in ("nmod", "advmod", "advcl"):
                lo, hi = parse.span_of_subtree(owner)
                speaker = index.source(lo, hi)
                before, after = doc.text[sent.start : lo].strip(" ,:;"), doc.text[hi : sent.end].strip(" ,:;.")
                if len(after) >= len(before):  # "According to X, ...": what follows; "..., according to X": before
                    content = (sent.end - len(doc.text[hi : sent.end].lstrip(" ,:")), sent.end)
                else:
                    content = (sent.start, sent.start + len(doc.text[sent.start : lo].rstrip(" ,:;")))
        if speaker is None or content is None:
            continue
        text = doc.text[content[0] : content[1]].strip()
        fact = maker.add(s, k, speaker, "statement", value=Quantity(text=text), date=None)
        fact.attributed_to = None  # the author reports what the speaker said
        if s + 1 < len(doc.layers.sentences) and (span := relay(maker.ctx, s + 1)):
            via = index.source(*span)
            fact.attributed_via = via.id if via else None


def _source_phrase_at(parse: Parse, k: int, lex: dict[str, frozenset[str]]) -> bool:
    """Token ``k`` begins a source phrase ("According to X", "По данным X", "По словам X")."""
    toks = parse.tokens
    words = " ".join(t.text.lower() for t in toks[k : k + 3])
    return toks[k].dep in ("case", "mark") and any(words.startswith(p) for p in lex["speech.source_phrases"])
