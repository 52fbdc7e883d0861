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


def paragraphs(text: str, end: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) pairs of ``text[:end]``, split at blank lines, without surrounding whitespace."""
    body = text[: len(text) if end is None else end]
    pos = 0
    for m in [*PARAGRAPH_BREAK.finditer(body), None]:
        stop = m.start() if m else len(body)
        chunk = body[pos:stop]
        stripped = chunk.strip()
        if stripped:
            yield pos + chunk.index(stripped[0]), stripped
        if m:
            pos = m.end()
