"""A toponym that a people's adjective puts in its country: "the northern Iraqi town of Riyadh" is not Saudi
Arabia's capital, "the Afghan town of Ghaziabad" not India's city, «в иракском городе Эр-Рияд». A candidate in
that country is chosen when there is one; else the name is a place the gazetteer does not know, held by the
country (as ACLED codes a town it cannot find: the country it is said to be in, at a coarser precision)."""

from __future__ import annotations

import re

from sitrep.knowledge import gazetteer as gz

from .cues import W_CONTAINER, cue_words
from .recognition import Toponym

_WORD = re.compile(r"[^\W\d_]+(?:['’]s)?")
REACH = 60  # characters before the name searched for "the <adjective> <feature word> of"


def national(text: str, m: Toponym, lang: str) -> str | None:
    """The country whose people's adjective stands before the feature word that introduces ``m`` ("the Iraqi town
    of", "the Afghan capital", «иракском городе»), at most two words before it ("northern", "border"); None when
    there is none, or two countries' ("the Afghan-Pakistani border town of Chaman")."""
    words = _WORD.findall(text[max(0, m.start - REACH) : m.start])
    if lang != "ru" and words and words[-1] == "of":
        words.pop()
    if not words or not _feature(words[-1], lang):
        return None
    adjectives = {cc for w in words[-4:-1] if (cc := gz.demonym(w, lang))}
    return adjectives.pop() if len(adjectives) == 1 else None


def _feature(word: str, lang: str) -> bool:
    """A feature word in lower case ("town", «городе»; not "the Russian Federation State Duma")."""
    if not word.islower():
        return False
    for table in cue_words().values():
        stems = table.get(lang, table["en"])
        if word.startswith(stems) if lang == "ru" else word in stems:
            return True
    return False


def national_holders(text: str, mentions: list[Toponym], lang: str) -> list[tuple[Toponym, str]]:
    """The names (not descriptions or adjectives themselves) a people's adjective puts in a country, with its code;
    their candidates in that country get the bonus of a container named beside them."""
    out = []
    for m in mentions:
        if m.description or m.demonym or not (cc := national(text, m, lang)):
            continue
        for p in m.candidates:
            if p.country_code == cc:
                m.cues[p.key] = max(m.cues.get(p.key, 0.0), W_CONTAINER)
        out.append((m, cc))
    return out


def hold_in_country(held: list[tuple[Toponym, str]]) -> None:
    """A name placed outside the country its adjective gives is a place the gazetteer does not know there."""
    for m, cc in held:
        country = gz.country(cc)
        if country is None or (m.place is not None and m.place.country_code == cc):
            continue
        if m.place is None and m.container is not None and m.container.country_code == cc:
            continue
        m.place, m.container, m.setting = None, country, False
