"""What an extraction stage reads about one document, built once per stage and passed down to its helpers.

    ctx = Context(doc)
    ctx.lex              the lexicons of the document's language (sitrep.knowledge.languages)
    ctx.parse            the dependency parse (sitrep.extract.tree.Parse)
    ctx.index            which entity is mentioned where (sitrep.extract.entities.EntityIndex)
    ctx.dates            the date mentions, found by position (sitrep.extract.spans.Spans)
    ctx.numbers          the number mentions, likewise
    ctx.sentence_at(i)   the sentence holding a character offset
    ctx.paragraphs       the paragraph of every sentence

Every look-up here costs the size of its answer, not the size of the document, so that a stage's cost stays
linear in the length of the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property

from sitrep.extract.entities import EntityIndex
from sitrep.extract.spans import Spans
from sitrep.extract.tree import Parse
from sitrep.knowledge.languages import Lexicons, lexicons
from sitrep.model import Document, Sentence, Span, TextSpan
from sitrep.text import PARAGRAPH_BREAK


class Context:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lang = doc.language or "en"
        self.lex: Lexicons = lexicons(self.lang)
        self.parse = Parse(doc)
        self.sentences: list[Sentence] = doc.layers.sentences
        self._sentence_starts = [s.start for s in self.sentences]
        self.dates: Spans[TextSpan] = Spans(doc.layers.dates)
        self.numbers: Spans[TextSpan] = Spans(doc.layers.numbers)

    @cached_property
    def index(self) -> EntityIndex:
        return EntityIndex(self.doc, self.lex)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset`` (None when there is none)."""
        k = bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and self.sentences[k].start <= offset < self.sentences[k].end:
            return k
        return None

    def sentence_span(self, s: int) -> Span:
        sent = self.sentences[s]
        return self.doc.span(sent.start, sent.end)

    def dates_in(self, s: int) -> list[TextSpan]:
        """Date mentions wholly inside sentence ``s``."""
        sent = self.sentences[s]
        return self.dates.within(sent.start, sent.end)

    def numbers_in(self, s: int, labels: frozenset[str] | None = None) -> list[TextSpan]:
        """Number mentions wholly inside sentence ``s`` (with one of ``labels``, when given)."""
        sent = self.sentences[s]
        found = self.numbers.within(sent.start, sent.end)
        return found if labels is None else [n for n in found if n.label in labels]

    @cached_property
    def paragraphs(self) -> list[int]:
        """The paragraph (0, 1, ...) of every sentence: how many blank-line breaks come before it."""
        breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(self.doc.text)]
        return [bisect_left(breaks, s.start) for s in self.sentences]


def last_words(text: str, pos: int, n: int) -> list[str]:
    """``text[:pos].lower().split()[-n:]``, reading only as far back as it takes."""
    width = 64
    while True:
        lo = max(0, pos - width)
        words = text[lo:pos].lower().split()
        if lo == 0 or len(words) > n:  # more than n: the first word may be cut, the last n are whole
            return words[-n:] if n else []
        width *= 4


def next_words(text: str, pos: int, n: int) -> list[str]:
    """``text[pos:].lower().split()[:n]``, reading only as far on as it takes."""
    width = 64
    while True:
        hi = min(len(text), pos + width)
        words = text[pos:hi].lower().split()
        if hi == len(text) or len(words) > n:
            return words[:n]
        width *= 4
