"""The ``jsonl`` export: one document per line, the output contract (``docs/output-contract.md``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from sitrep.model import Document


def write(docs: Iterable[Document], out: TextIO, *, places: bool = False) -> int:
    """One document per line (``doc.to_json()``); the number of lines.  ``places`` is unused."""
    n = 0
    for doc in docs:
        out.write(doc.to_json() + "\n")
        n += 1
    return n
