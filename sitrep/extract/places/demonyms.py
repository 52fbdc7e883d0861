"""A people's adjective that names its country as a place: "the Georgian town of Gori", "Iraqi towns", "on
Lebanese soil", «на афганской территории».  Before a word for a part of a country's land (``demonym_areas`` in
``place_phrases.yaml``) the demonym says where, and is a mention of the country; anywhere else ("Georgian troops",
"the Iraqi government") it names a nationality or a party, and is no place."""

from __future__ import annotations

import re
from functools import cache

from sitrep.extract.spans import Intervals
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml

from .recognition import Toponym

# one or two words ("Sri Lankan", "South African"); a Russian adjective in any case and letter case
_WORDS = {
    "en": re.compile(r"(?<![\w-])([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?=[ \t]+([a-z]+)\b)"),
    "ru": re.compile(r"(?<![\w-])([А-ЯЁа-яё]+)(?=[ \t]+([а-яё]+))"),
}


@cache
def _areas(lang: str) -> tuple[str, ...]:
    return tuple(load_yaml("place_phrases.yaml").get(lang, {}).get("demonym_areas", ()))


def _area(word: str, lang: str) -> bool:
    """Whether ``word`` is a part of a country's land: the listed word in English, a word that starts with a listed
    stem in Russian (case endings vary)."""
    if lang == "ru":
        return word.startswith(_areas(lang))
    return word in _areas(lang)


def demonym_places(text: str, mentions: list[Toponym], lang: str, end: int) -> list[Toponym]:
    """Mentions of the countries whose demonyms stand before a word for a part of their land, where no other
    toponym (but a description, "the Sudanese capital") is found."""
    pattern = _WORDS.get(lang)
    if pattern is None or not _areas(lang):
        return []
    taken = Intervals([(m.start, m.end) for m in mentions if not m.description])
    out = []
    for m in pattern.finditer(text, 0, end):
        if not _area(m.group(2), lang):
            continue
        start, stop = m.span(1)
        words = m.group(1).split()
        cc = gz.demonym(m.group(1), lang)
        if cc is None and len(words) > 1:  # "The Iraqi": the last word alone
            start, cc = stop - len(words[-1]), gz.demonym(words[-1], lang)
        country = gz.country(cc) if cc else None
        if country is None or taken.overlaps(start, stop):
            continue
        out.append(Toponym(start, stop, [country], confirmed=True, kind="country", demonym=True))
        taken.add(start, stop)
    return out
