"""The ``jsonl`` export: one document per line, the output contract (``docs/output-contract.md``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from sitrep.linking import Links
from sitrep.model import Document


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False, links: Links | None = None) -> int:
    """One document per line (``doc.to_json()``); the number of lines.  ``places`` and ``links`` are unused."""
    n = 0
    for doc in docs:
        out.write(doc.to_json() + "\n")
        n += 1
    return n
