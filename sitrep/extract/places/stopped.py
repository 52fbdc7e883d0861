"""Names on the stop list that the words around them make places: "the town of Hit", "the city of Van, Turkey",
"Surprise, Ariz.".  The gazetteer never matches a stop word on its own ("Hit", "Van", "Surprise" are words), so
recognition does not see these; a feature word and "of" before the name, or a comma and a country or province
that holds it after the name, say that it is the place.  Once one mention is placed so, the name's mentions after
a word only places follow ("the hospital in Van") are that place too."""

from __future__ import annotations

import re

from sitrep.extract.spans import Intervals
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.files import load_yaml

from .around import named_as_place, next_word
from .cues import cue_words
from .recognition import Toponym, held

DIVISIONS = ("admin1", "admin2")
_NAME = re.compile(r"(?<![\w.'’-])[A-Z][a-z]+(?![\w'’-])")


def placed_stop_words(text: str, mentions: list[Toponym], lang: str, end: int) -> list[Toponym]:
    """Mentions of stop-listed names that a feature word or a containing place beside them makes places."""
    if lang != "en":
        return []
    stop = gz.load().stop.get(lang, frozenset())
    taken = Intervals([(m.start, m.end) for m in mentions])
    out, placed = [], {}
    hits = [w for w in _NAME.finditer(text, 0, end) if gz.norm(w.group()) in stop and not taken.overlaps(*w.span())]
    for w in hits:
        cands = gz.lookup(w.group(), lang)
        m = Toponym(w.start(), w.end(), cands, confirmed=True, firm=True)
        division = _division_after(text, w.end(), cands)  # "Baskale, Van province": the province of Van
        m.candidates = division or cands
        if cands and (named_as_place(text, w.start(), lang) or held(text, m, lang) or division):
            out.append(m)
            taken.add(w.start(), w.end())
            placed[w.group()] = cands
    only = set(load_yaml("place_stopwords.yaml")[lang].get("place_only", ()))
    for w in hits:  # "the city of Van ... the hospital in Van"
        before = re.search(r"(\w+)[ \t]+$", text[max(0, w.start() - 20) : w.start()])
        if w.group() in placed and before and before.group(1) in only and not taken.overlaps(*w.span()):
            out.append(Toponym(w.start(), w.end(), placed[w.group()], confirmed=True, firm=True))
            taken.add(w.start(), w.end())
    return out


def _division_after(text: str, end: int, cands: list[gz.Place]) -> list[gz.Place]:
    """The divisions of the name among ``cands`` when the word after it says it is one of that kind ("Van
    province", "Hit district"); none otherwise."""
    word = next_word(text, end).lower()
    kinds = [kind for kind in DIVISIONS if word in cue_words()[kind].get("en", ())]
    return [c for c in cands if c.feature in kinds]
