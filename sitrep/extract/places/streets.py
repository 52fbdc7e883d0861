"""Street and road names: "North Nokomis Street", "40th Avenue South", "S. Locust St.", "Highway 19", "County
Road 43", "Interstate 45" (see the ``places`` stage).

The gazetteer holds no streets, so these are found by their form: capitalised words (or an ordinal) before a street
word, or a road word before a number.  The words are ``streets`` in ``place_phrases.yaml``; a language without them
has no street names found.  A street is a place of kind "place" the gazetteer does not know: the phrase that holds
it ("Haifa Street in Baghdad") or the document's setting gives it a container.
"""

from __future__ import annotations

import re
from functools import cache

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml

# a word of a street's name: "Locust", "McKinley", "O'Neil", "Governors’", "40th"
WORD = r"(?:[A-Z][a-z]*[A-Z]?[a-z]+(?:['’][A-Z][a-z]+)?(?:s['’])?|\d+(?:st|nd|rd|th))"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern(lang: str) -> re.Pattern[str] | None:
    table = load_yaml("place_phrases.yaml").get(lang, {}).get("streets")
    if not table:
        return None
    never = _alternation(table["never_first"])
    initial = r"(?:[NSEW]\.[ \t]+)?"  # "S. Locust St.", not "Marvin F. Lane"
    word = rf"(?!(?:{never})\b){WORD}"
    named = (
        rf"(?<![\w.'’]){initial}{word}(?:[ \t]+{word}){{0,3}}[ \t]+(?:{_alternation(table['after'])})"
        rf"(?![\w-])(?:[ \t]+(?:{_alternation(table['directions'])})(?![\w-]))?(?![ \t]+[A-Z][a-z])"
    )  # not followed by a capitalised word: "Florida Highway Patrol", "Lebanon Street Superintendent"
    numbered = rf"(?<![\w.'’])(?:{_alternation(table['before_number'])})[ \t-]?\d{{1,4}}[A-Z]?(?![\w-])"
    return re.compile(f"{numbered}|{named}")


def streets(text: str, lang: str, end: int) -> list[tuple[int, int]]:
    """The (start, end) spans of street and road names in ``text[:end]``."""
    pattern = _pattern(lang)
    if pattern is None:
        return []
    found, highways = [], frozenset(load_yaml("place_phrases.yaml")[lang]["streets"].get("highways", ()))
    for m in pattern.finditer(text, 0, end):
        head, word = m.group(0).rsplit(None, 1) if " " in m.group(0) else ("", "")
        if word in highways and any(p.feature in ("country", "admin1") for p in gz.lookup(head, lang)):
            continue  # "the Ohio Turnpike": the toponym is Ohio (but "Haifa Street" is a street of Baghdad)
        found.append(m.span())
    return found


def is_street(name: str, lang: str = "en") -> bool:
    """Whether ``name`` is a street's or road's name as a whole ("Haifa Street", "Highway 19")."""
    return streets(name, lang, len(name)) == [(0, len(name))]
