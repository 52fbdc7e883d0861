r"""Plain text, before any analysis: the paragraphs of a text (stdlib only, so every layer may use it).

    >>> list(paragraphs("Title\n\nFirst one.\n \nSecond."))
    [(0, 'Title'), (7, 'First one.'), (20, 'Second.')]

A paragraph ends at a blank line (spaces and tabs on it allowed): the ``nlp`` stage never lets a sentence run
across one, and the extraction stages look for context within one (``sitrep.extract.context``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str, end: int | None = None, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) pairs of ``text[:end]``, split at blank lines, without surrounding whitespace; with
    ``limit``, a paragraph longer than that comes in pieces of at most ``limit`` characters, cut at a sentence
    end, else a line break, else a space (what a parser is given at once stays bounded)."""
    body = text[: len(text) if end is None else end]
    pos = 0
    for m in [*PARAGRAPH_BREAK.finditer(body), None]:
        stop = m.start() if m else len(body)
        chunk = body[pos:stop]
        stripped = chunk.strip()
        if stripped:
            first = pos + chunk.index(stripped[0])
            if limit is None or len(stripped) <= limit:
                yield first, stripped
            else:
                yield from _pieces(stripped, first, limit)
        if m:
            pos = m.end()


_PIECE_BREAKS = (re.compile(r"[.!?…][\"'”»)]*\s+"), re.compile(r"\n\s*"), re.compile(r"\s+"))


def _pieces(para: str, offset: int, limit: int) -> Iterator[tuple[int, str]]:
    limit = max(limit, 2)  # every piece moves on
    start = 0
    while len(para) - start > limit:
        stop = start + limit
        for pattern in _PIECE_BREAKS:
            found = [m for m in pattern.finditer(para, start + limit // 2, stop)]
            if found:
                stop = found[-1].end()
                break
        piece = para[start:stop].rstrip()
        if piece:
            yield offset + start, piece
        start = stop
    if para[start:].strip():
        yield offset + start, para[start:]
