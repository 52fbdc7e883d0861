"""Rule-based sentences and word tokens, for languages without a trained pipeline (no POS, parse or NER; later
stages then fall back to lexical matching), and the sentence bookkeeping the English and Russian analysers share.
"""

from __future__ import annotations

import re

from sitrep.model import Document, Layers, Sentence, Token
from sitrep.text import paragraphs

# a sentence ends at . ! ? … (optionally followed by closing quotes/brackets) before whitespace and an upper-case
# letter, digit or opening quote
_SENT_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁ0-9])")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_ABBREV_END = re.compile(r"\b(?:[A-ZА-Я]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Jr|Sr|vs|etc|г|гг|им|ул|т|тыс|млн|млрд)\.$")


def rule_based(doc: Document) -> None:
    """Sentences and word tokens by rule, for languages without a trained pipeline."""
    for off, para in paragraphs(doc.text, doc.layers.body_end):
        pos = 0
        for m in [*_SENT_END.finditer(para), None]:
            stop = m.start() if m else len(para)
            if m and _ABBREV_END.search(para[:stop]):
                continue
            chunk = para[pos:stop]
            _add_sentence(doc, off + pos, chunk)
            if m:
                pos = m.end()
    if doc.language != "en":
        doc.warnings.append(
            f"nlp: no parser or named-entity model for language {doc.language!r} yet; sentences and tokens are "
            "rule-based, and actors, places, dates and numbers are found by lexicon only"
        )


def _add_sentence(doc: Document, start: int, chunk: str) -> None:
    layers = doc.layers
    first = len(layers.tokens)
    sent_index = len(layers.sentences)
    for m in _WORD.finditer(chunk):
        i = len(layers.tokens)
        layers.tokens.append(
            Token(
                i=i,
                start=start + m.start(),
                end=start + m.end(),
                text=m.group(),
                lemma=m.group().lower(),
                head=i,
                sent=sent_index,
            )
        )
    close_sentence(layers, first)


def close_sentence(layers: Layers, first: int) -> None:
    """Record the tokens from ``first`` to the last one added as a sentence (none when there are no tokens)."""
    if len(layers.tokens) > first:
        layers.sentences.append(Sentence(layers.tokens[first].start, layers.tokens[-1].end, first, len(layers.tokens)))
