"""Static word vectors, read with numpy only: English from ``sitrep/models/vectors_en`` (distilled from the genuine
all-MiniLM-L6-v2 weights by ``scripts/build_vectors.py``), Russian from natasha's own navec embeddings.

``english()`` and ``russian()`` load once per process; ``for_language(lang)`` picks one. A ``WordVectors`` answers
``get(word)`` (the vector of a lower-cased word, or None) and ``mean(words)`` (the average of the known words, zeros
when none is known), which is what the event classifier uses as features.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np

from sitrep.errors import ModelError

ENGLISH = Path(__file__).resolve().parents[1] / "models" / "vectors_en"


class WordVectors:
    """A table of word vectors looked up by lower-cased word."""

    def __init__(self, name: str, dims: int, lookup, rows: dict[str, int] | None = None, table=None) -> None:
        self.name, self.dims, self._lookup = name, dims, lookup
        self._rows, self._table = rows, table  # a table read from a file: ``mean`` gathers its rows at once

    def get(self, word: str) -> np.ndarray | None:
        return self._lookup(word.lower())

    def mean(self, words: Iterable[str]) -> np.ndarray:
        if self._rows is not None:
            rows = self._rows
            idx = [i for i in (rows.get(w.lower()) for w in words) if i is not None]
            found = self._table[idx].astype(np.float32) if idx else []
        else:
            found = [v for v in (self.get(w) for w in words) if v is not None]
        if not len(found):
            return np.zeros(self.dims, dtype=np.float32)
        return np.mean(found, axis=0).astype(np.float32)


def read_table(folder: Path) -> WordVectors:
    """The vectors written by scripts/build_vectors.py: ``vectors.npy`` and ``words.txt`` (one word per row)."""
    try:
        table = np.load(folder / "vectors.npy")
        words = (folder / "words.txt").read_text(encoding="utf-8").splitlines()
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"the word vectors in {folder} cannot be read ({exc}); reinstall sitrep") from exc
    if len(words) != table.shape[0]:
        raise ModelError(f"the word vectors in {folder} are damaged: {len(words)} words, {table.shape[0]} rows")
    rows = {w: i for i, w in enumerate(words)}

    def lookup(word: str) -> np.ndarray | None:
        i = rows.get(word)
        return None if i is None else table[i].astype(np.float32)

    return WordVectors(meta.get("name", folder.name), int(table.shape[1]), lookup, rows, table)


@cache
def english() -> WordVectors:
    return read_table(ENGLISH)


@cache
def navec():
    """natasha's navec news embeddings (shared with the Russian parser and NER, loaded once)."""
    try:
        from natasha import NewsEmbedding
    except ImportError as exc:
        raise ModelError("natasha is not installed; reinstall sitrep (pip install sitrep) for Russian") from exc
    return NewsEmbedding()


@cache
def russian() -> WordVectors:
    emb = navec()
    vocab = emb.vocab

    def lookup(word: str) -> np.ndarray | None:
        return emb.get(word.replace("ё", "е")) if word in vocab or word.replace("ё", "е") in vocab else None

    return WordVectors("navec news_v1", int(emb.pq.dim), lookup)


def for_language(lang: str) -> WordVectors:
    return russian() if lang == "ru" else english()
