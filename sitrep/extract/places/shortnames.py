"""A division the text names in full, then by its bare name: "Gwinnett County ... pronounced dead at Gwinnett
Medical Center", "DuPage County ... DuPage Sheriff John Zaruba", "Avoyelles Parish ... in Avoyelles".  Once the
full name is resolved, the bare name's other mentions are that division, unless the words around them make it a
person's name ("Sheriff Tom Boone", "Boone said")."""

from __future__ import annotations

import re
from functools import cache

from sitrep.extract.spans import Intervals
from sitrep.knowledge.files import load_yaml

from .around import feature_nouns, next_word
from .recognition import Toponym

_TAIL = re.compile(r"[ \t]+([A-Z][a-z]+)$")


def bare_divisions(text: str, mentions: list[Toponym], lang: str, end: int) -> list[Toponym]:
    """Mentions of the resolved second-level divisions ("X County", "X Parish") by their bare name "X"."""
    if lang != "en":
        return []
    words = _words()
    kept = [m for m in mentions if m.place is not None or m.container is not None or m.confirmed]
    taken = Intervals([(m.start, m.end) for m in kept])  # not a weak town's mention that resolution dropped
    full: dict[str, tuple[Toponym, str]] = {}
    for m in mentions:
        tail = _TAIL.search(text, m.start, m.end)
        if m.place is not None and m.place.feature == "admin2" and tail and tail.group(1).lower() in feature_nouns():
            full.setdefault(text[m.start : tail.start()], (m, tail.group(1)))
    out = []
    for name, (m, word) in full.items():
        bare = rf"(?<![\w.'’-]){re.escape(name)}(?![\w'’-]|[ \t]+{word})"  # not "Gwinnett County" again
        for hit in re.finditer(bare, text[:end]):
            s, e = hit.span()
            if m.place is None or taken.overlaps(s, e) or _person(text, s, e, words):
                continue
            out.append(Toponym(s, e, [m.place], confirmed=True, place=m.place, kind="admin2"))
            taken.add(s, e)
    return out


@cache
def _words() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load_yaml("place_stopwords.yaml")["en"].items() if isinstance(v, list)}


def _person(text: str, s: int, e: int, words: dict[str, frozenset[str]]) -> bool:
    """A title or a first name before the name ("Sheriff Boone", "Daniel Boone"; not the last word of the sentence
    before), a verb of saying after it ("Boone said")."""  # the name of a person, or of something else
    before = re.search(r"([^\W\d_][\w.'’]*)[ \t]+$", text[max(0, s - 40) : s])
    raw = before.group(1) if before else ""
    prev = raw.rstrip(".")
    if prev in words.get("person_before", ()) or prev.lower() in words.get("person_before", ()):
        return True
    if prev[:1].isupper() and not raw.endswith("."):
        return True
    nxt = next_word(text, e)
    # nor a longer name: "Scott West" (a school), "Clarke Central" (a modifier of place_phrases.yaml after it)
    return nxt.lower() in words.get("person_after", ()) or (nxt in _modifiers() and nxt not in words["place_heads"])


@cache
def _modifiers() -> frozenset[str]:
    return frozenset(w for w in load_yaml("place_phrases.yaml")["en"].get("modifiers", ()) if w[:1].isupper())
