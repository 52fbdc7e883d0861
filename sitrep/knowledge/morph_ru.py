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


def nominative_words(words: list[str]) -> list[str] | None:
    """Adjectives and the noun they go with (the last word), in the nominative of the noun's number; None when
    the dictionary does not know the noun."""
    morph = vocab()
    noun = next((f for f in morph.parse(words[-1].lower()) if f.pos in ("NOUN", "PROPN")), None)
    number = noun.feats.get("Number", "Sing") if noun is not None else None
    head = noun.inflect({"Nom", number}) if noun is not None and number else None
    if head is None:
        return None
    want = {"Nom", "Plur"} if number == "Plur" else {"Nom", "Sing", noun.feats.get("Gender", "Masc")}  # type: ignore[union-attr]
    out = []
    for w in words[:-1]:
        adj = next((f for f in morph.parse(w.lower()) if f.pos == "ADJ"), None)
        form = adj.inflect(want) if adj is not None else None
        out.append(str(form.word) if form is not None else w)
    return [*out, str(head.word)]
