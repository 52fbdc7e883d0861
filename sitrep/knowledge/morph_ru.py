"""Russian morphology: natasha's vocabulary (pymorphy2 with the OpenCorpora dictionary, shipped in the PyPI
packages), loaded once and shared by the nlp stage (lemmas, the nominative of names) and the gazetteer (which
Cyrillic name of a place is the Russian one).  Imported only when first needed."""

from __future__ import annotations

from functools import cache
from typing import Any

from sitrep.errors import ModelError


@cache
def vocab() -> Any:
    """natasha's ``MorphVocab`` (cached)."""
    try:
        from natasha import MorphVocab
    except ImportError as exc:
        raise ModelError("natasha is not installed; reinstall sitrep (pip install sitrep) for Russian") from exc
    return MorphVocab()


def known_place_name(name: str) -> bool:
    """Every word of ``name`` is in the Russian dictionary and one of them is a geographical name there
    («Тольятти», «Нижний Новгород»; not the Tatar «Казан» or the Bulgarian «Ставропол»)."""
    words = [w for w in name.lower().replace("-", " ").split() if w]
    morph = vocab()
    if not words or not all(morph.word_is_known(w) for w in words):
        return False
    return any("Geox" in p.tag for w in words for p in morph.parse(w))
