"""Names of people among the gazetteer's matches: a tagger's PER on a name that only a place can be ("in
Nazran", "Balochistan has become a hub") is its slip, and a capitalised name beside the match ("Seymour Hersh",
"Chiquita Raquel Henry") makes it part of a person's name."""

from __future__ import annotations

import re
from typing import Protocol

from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.words import common_words
from sitrep.model import TextSpan

from .around import named_as_place, prev_word, sentence_start

BIG = ("country", "admin1")


class Span(Protocol):
    """A matched name: where it stands and the places it may be (a recognition ``Toponym``)."""

    start: int
    end: int
    candidates: list[Place]


def too_big_to_be_a_person(
    text: str, at: tuple[int, int, bool], cands: list, over: list[TextSpan], words: dict[str, frozenset[str]]
) -> bool:
    """A tagger's PER on exactly the name of a country, first-level division or big city is the tagger's slip
    ("Balochistan has become a hub"), and so is one on a province's name after a comma or a locative word ("in
    Dellarm, Farah"), or on a district's after a tagged place and a comma ("in Rashanpora, Kupwara": ``at`` is
    start, stop and whether a tagged place ends just before the comma); a PER span that goes beyond the toponym
    ("Raquel Henry") is a person."""
    start, stop, after_place = at
    if any(s.label == "PER" and (s.start, s.end) != (start, stop) for s in over):
        return False
    top = cands[0]
    if top.feature in ("country", "admin1") or (top.population or 0) >= 500_000:
        return True
    prev = prev_word(text, start).lower()
    comma = text[max(0, start - 2) : start] == ", "
    placed = comma or prev in words.get("locative", ())
    if placed and any(c.feature in ("country", "admin1") for c in cands):
        return True
    if comma and after_place and any(c.feature == "admin2" for c in cands):
        return True
    # "a police station in Barakaldo": a known town right after a locative word, not a person's name, nor one's
    # possessive ("in Jackson's office")
    firm = prev in words.get("locative", ()) and prev not in ("of", "to", "between", "у")  # «у Тана не было»: his
    firm = firm or named_as_place(text, start, "en")  # "the town of Kotri"
    owned = re.match(r"['’]s?\b", text[stop : stop + 2]) is not None
    return firm and not owned and text[start:stop] not in words.get("person_names", ()) and top.feature != "place"


def name_chain(
    text: str, m: Span, lang: str, prev: str, nxt: str, words: dict[str, frozenset[str]], initial: bool
) -> str:
    """Whether a capitalised non-word stands right before or after the match, so that it is part of a longer
    name: "person" after a full name ("Chiquita Raquel Henry": veto "Henry" everywhere), "no" next to a single
    such word ("Rodeo Gainesville", "Seymour Hersh", "Владимир Путин"), "" when the match stands on its own."""
    vocab, never = common_words(lang), words.get("never", frozenset())
    if re.search(r"(?<![\w.])[A-Z][a-z]+[ \t]+[A-Z]\.[ \t]+$", text[max(0, m.start - 40) : m.start]) or re.match(
        r"[ \t]+[A-Z]\.[ \t]+[A-Z][a-z]+", text[m.end : m.end + 40]
    ):
        return "person"  # a name with a middle initial: "Tyrise M. Bell", "Keith D. Johnson"
    left = re.search(r"(?:([^\W\d_][\w.'’-]*)[ \t]+)?([^\W\d_][\w'’-]*)[ \t]+$", text[max(0, m.start - 60) : m.start])
    # an owner's possessive or an acronym before it names no person's first name: "the FBI's Atlanta office",
    # "Cambridge's Chesterton sports centre", "CDC Atlanta"; a country's or province's only a place inside it
    # ("Utah's Zion National Park", not "Brazil's Kaka")
    owner = re.search(r"(?:['’]s|[A-Z]{2,})$", prev) is not None
    big = [c for c in gz.lookup(re.sub(r"['’]s$", "", prev), lang) if c.feature in BIG]
    owner = owner and (not big or any(gz.contains(c, p) for c in big for p in m.candidates))
    before = left is not None and not initial and prev[:1].isupper() and prev not in never and not owner
    if before and left is not None and prev.lower() not in vocab:
        first = (left.group(1) or "").rstrip(".")
        if first[:1].isupper() and not sentence_start(text, max(0, m.start - 60) + left.start(2)):
            return "person"
        if first.lower() in words.get("person_before", ()):
            return "person"
        return "no"
    # not a word for the place's people or offices: "Burlington Selectman Richard Miller", "the Decatur Democrat"
    after = nxt[:1].isupper() and nxt not in words.get("place_heads", ()) and nxt not in never
    after = after and nxt.lower() not in words.get("place_after", ())
    after = after and re.match(r"[ \t]+\w", text[m.end : m.end + 3]) is not None and nxt.lower() not in vocab
    after = after and re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё'’]+", nxt) is not None  # a surname, not "VFW" or "McDonald's"
    return "no" if after else ""
