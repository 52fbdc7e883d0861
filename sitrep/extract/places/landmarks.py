"""Names of natural features and landmarks: "the Red River", "Lake Lanier", "Mount Hood", "Fort Detrick", "Dolly
Sods Wilderness", "the Baltic Sea", "Zion National Park" (see the ``places`` stage).

The gazetteer holds towns and divisions, not rivers, lakes, mountains or parks, so these are found by their form:
one to three capitalised words before a feature word ("Kishwaukee River"), or a feature word before one or two
("Lake Lanier", "Mount Hood").  The words are ``landmarks`` in ``place_phrases.yaml``; a language without them has no
landmarks found.  A name followed by another capitalised word is part of a longer name ("Camp David Accords", "Sunny
Hills Apartments"), unless that word is one of the ``place_heads`` that keep a place a place ("Lake Lanier Police").
A landmark is a place of kind "place": known to the gazetteer by its whole name ("Fort Hood", a town) or not, when the
phrase that holds it or the document's setting gives it a container.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml

from .recognition import Toponym

# a word of a landmark's name: capitalised with a lower-case letter ("Dolly", "DeSoto", "Burger’s", "Al-Aqsa")
WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _table(lang: str) -> dict[str, list[str]]:
    return load_yaml("place_phrases.yaml").get(lang, {}).get("landmarks") or {}


@cache
def _pattern(lang: str) -> re.Pattern[str] | None:
    table = _table(lang)
    if not table:
        return None
    never = _alternation(table["never_first"])
    word = rf"(?!(?:{never})\b){WORD}"
    named = rf"(?<![\w.'’-])(?P<a>{word}(?:[ \t]+{WORD}){{0,2}}[ \t]+(?:{_alternation(table['after'])}))(?![\w-])"
    titled = rf"(?<![\w.'’-])(?P<b>(?:{_alternation(table['before'])})[ \t]+{word}(?:[ \t]+{WORD})?)(?![\w-])"
    return re.compile(f"{named}|{titled}")


def landmarks(text: str, lang: str, end: int) -> list[tuple[int, int]]:
    """The (start, end) spans of landmark names in ``text[:end]``, without a possessive ending ("Lake Lanier's")."""
    pattern = _pattern(lang)
    if pattern is None:
        return []
    heads = frozenset(load_yaml("place_stopwords.yaml").get(lang, {}).get("place_heads", ()))
    found: list[tuple[int, int]] = []
    for m in pattern.finditer(text, 0, end):
        s, e = m.span("a") if m.group("a") else m.span("b")
        nxt = re.match(r"[ \t]+([A-Z][\w'’-]*)", text[e : e + 40])
        if nxt is not None and nxt.group(1) not in heads:
            continue  # part of a longer name: "Camp David Accords", "Redgrave Park Farm"
        if re.search(r"['’]s$", text[s:e]):
            e -= 2
        found.append((s, e))
    return found


def add_landmarks(text: str, mentions: list[Toponym], lang: str, end: int) -> list[Toponym]:
    """The mentions with the names of landmarks added ("Lake Lanier", "the Baltic Sea"). A landmark replaces the
    small town inside it that nothing else supports yet ("Lake Erie": Erie; "the Baltic Sea": Baltic, South Dakota):
    unless the gazetteer knows the whole name, the town is what the landmark lies near (kind "landmark", see
    ``resolution.resolve``), when the document supports it. One that crosses another name, or holds a name
    recognised as a place on its own, is left out ("Bagram Air Base": the town; "the Gulf of Mexico": Mexico)."""
    out = list(mentions)
    for s, e in landmarks(text, lang, end):
        over = [m for m in out if m.start < e and s < m.end]
        if any(m.start < s or m.end > e or not m.weak for m in over):
            continue
        out = [m for m in out if not (s <= m.start and m.end <= e)]
        known = gz.lookup(text[s:e], lang)
        near = [c for m in over[:1] for c in m.candidates] if not known and len(over) == 1 else []
        out.append(Toponym(s, e, known or near, confirmed=True, weak=bool(near), kind="landmark" if near else "place"))
    return out
