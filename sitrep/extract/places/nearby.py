"""Places near, or a distance and bearing from, a known place (see the ``places`` stage): "the village of Zur near
Prizren", "Kanaan, near Baqubah", "Jbala, 20 km north of Baghdad", «в селе Гази-Юрт близ Назрани», «в 15 км к
югу от Грозного».

:func:`near_names` makes places of the capitalised names before such a phrase that the gazetteer and the tagger
missed ("Kanaan, near Baqubah"), unless they are people's names or common words ("Ali, near Baghdad").
:func:`near_links` links a toponym to the place the words after it put it near. The link is weak: a candidate near
that place is preferred, a known place stays itself; a place the gazetteer does not know takes the point, divisions
and country of the place it is near (ACLED geo precision 2), moved by the distance and bearing when the text gives
both (:func:`shifted`). The words are in ``place_phrases.yaml`` (``near``, ``near_named``, ``hedges``, ``units``,
``bearings``, ``bearing_at``, ``bearing_to``, ``bearing_of``, ``distance_from``).
"""

from __future__ import annotations

import math
import re
from functools import cache
from itertools import pairwise

from sitrep.extract.spans import Intervals, Spans
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import reported
from sitrep.knowledge.files import load_yaml
from sitrep.knowledge.words import common_words, is_name, is_word
from sitrep.model import TextSpan

from .around import feature_nouns, sentence_start, tables
from .persons import described_people, named_people, person_nouns
from .phrases import NAME_TOKEN, Link
from .recognition import Toponym

NEAR_KM = 50.0  # how far "near Y" reaches when a known place's candidates are weighed
BEARING_KM = 150.0  # how far "north of Y" reaches without a distance
SLACK_KM = 25.0  # a known place a distance from Y lies within this of that distance
MAX_KM = 300.0  # a distance beyond this is no neighbourhood: no link
KM_PER_DEGREE = 111.32
HOLDERS = ("city", "place", "admin2", "admin1")  # what a place may lie near: not a country ("near Iraq")
SMALL = ("city", "place", "admin2")  # what may lie near a place


def _known(lang: str) -> str:
    """The language whose words are read: English for one ``place_phrases.yaml`` lacks."""
    return lang if lang in load_yaml("place_phrases.yaml") else "en"


@cache
def _words(lang: str) -> dict:
    return load_yaml("place_phrases.yaml")[_known(lang)]


@cache
def _numbers(lang: str) -> dict[str, float]:
    """The number words of the language ("twenty", «двадцати») -> their values."""
    table = load_yaml(f"numbers_{_known(lang)}.yaml").get("words", {})
    return {str(form).lower(): float(value) for value, forms in table.items() for form in forms}


@cache
def _gap(lang: str) -> re.Pattern[str]:
    """The words between a place and the known place they put it near, up to that place's name."""
    w = _words(lang)
    stems = _known(lang) == "ru"

    def alt(words: list[str], stem: bool = False) -> str:
        body = "|".join(re.escape(x).replace(r"\ ", r"[ \t]+") for x in sorted(words, key=len, reverse=True) if x)
        return f"(?:{body})" + (r"\w*" if stem else r"(?!\w)") if body else "(?!)"

    number = rf"(?P<num>\d+(?:[.,]\d+)?|{alt(list(_numbers(lang)))})"
    unit = rf"(?P<unit>{alt(list(w['units']), stems)})\.?(?:[ \t]*\([^()\n]{{1,30}}\))?"
    at = rf"(?:{alt(w['bearing_at'])}[ \t]+)?" if w["bearing_at"] else ""
    hedge = rf"(?:{alt(w['hedges'])}[ \t]+)?"
    to = rf"(?:{alt(w['bearing_to'])}[ \t]+)?" if w["bearing_to"] else ""
    of_words = [x for x in w["bearing_of"] if x]
    of = rf"[ \t]+{alt(of_words)}" if of_words else ""
    of = f"(?:{of})?" if "" in w["bearing_of"] else of
    bearings = alt(list(w["bearings"]), stems)
    bearing = rf"{to}(?P<bearing>{bearings}){of}"
    distance = rf"{at}{hedge}{number}[ \t]*-?[ \t]*{unit}[ \t]+(?:{bearing}|(?P<from>{alt(w['distance_from'])}))"
    alone = rf"{to}(?P<alone>{bearings}){of}"
    near = rf"(?P<near>{alt(w['near'])})|(?P<named>{alt(w['near_named'])})"
    the = r"(?:the[ \t]+)?" if _known(lang) != "ru" else ""
    feature = rf"(?:{_feature_before(lang)}[ \t]+(?:of[ \t]+)?{the})?" if _known(lang) != "ru" else ""
    body = rf"^[ \t]*(?P<comma>,[ \t]*)?{hedge}(?:{distance}|{alone}|{near})[ \t]+{the}{feature}$"
    return re.compile(body, re.IGNORECASE)


def _feature_before(lang: str) -> str:
    """The feature words that may stand before the known place's name ("near the town of Y")."""
    words = sorted(_words(lang)["before"], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(x) for x in words) + r")(?!\w)"


def _stem_value(table: dict[str, float], word: str, lang: str) -> float | None:
    word = word.lower()
    if _known(lang) != "ru":
        return table.get(word)
    return next((v for k, v in sorted(table.items(), key=lambda kv: -len(kv[0])) if word.startswith(k)), None)


def _number(text: str, lang: str) -> float | None:
    return float(text.replace(",", ".")) if text[:1].isdigit() else _numbers(lang).get(text.lower())


def phrase(gap: str, lang: str, named: bool = False) -> tuple[float, tuple[float, float] | None] | None:
    """The reach in km and the offset (km, bearing in degrees) of a near phrase ``gap`` after a place (``named`` by
    a feature word): (50, None) for "near", (45, (20, 0)) for ", 20 km north of"; None when the words put it near
    nothing."""
    m = _gap(lang).match(gap)
    if m is None or (m.group("named") and not named):  # «под обстрелом»; «в селе X под Y» is near
        return None
    w = _words(lang)
    if m.group("num"):
        km = (_number(m.group("num"), lang) or 0.0) * (_stem_value(w["units"], m.group("unit"), lang) or 0.0)
        if not 0 < km <= MAX_KM:
            return None
        degrees = _stem_value(w["bearings"], m.group("bearing"), lang) if m.group("bearing") else None
        return km + SLACK_KM, (km, degrees) if degrees is not None else None
    if m.group("alone"):
        return BEARING_KM, None
    return NEAR_KM, None


def puts_near(gap: str, lang: str) -> bool:
    """Whether the words ``gap`` between a place and a known one end in a near phrase, perhaps after a feature word
    or two (", near ", " village, near ", ", 20 km north of ")."""
    starts = [0, *(m.end() for m in re.finditer(r"[\w.'’-]+(?=[ \t,])", gap))][:3]
    return any(phrase(gap[i:], lang, named=True) is not None for i in starts)


def shifted(lat: float, lon: float, offset: tuple[float, float] | None) -> tuple[float, float]:
    """The point ``offset`` (km, bearing in degrees) away from ``lat``, ``lon`` (an equirectangular step)."""
    if offset is None:
        return lat, lon
    km, degrees = offset
    rad = math.radians(degrees)
    lat2 = lat + km * math.cos(rad) / KM_PER_DEGREE
    lon2 = lon + km * math.sin(rad) / (KM_PER_DEGREE * max(0.01, math.cos(math.radians(lat))))
    return round(lat2, 5), round((lon2 + 180) % 360 - 180, 5)


def _holder(text: str, m: Toponym) -> bool:
    """A mention the text may put another place near: a known place that is no country, nor a people's word, nor
    the first word of a building's name ("near Al-Mansur mosque")."""
    after = re.match(r"[ \t]+([^\W\d_]+)", text[m.tail : m.tail + 30])
    word = after.group(1) if after else ""
    building = word.title() in tables()["en"].get("place_heads", ()) and word.lower() not in feature_nouns()
    return (
        bool(m.candidates)
        and m.candidates[0].feature in HOLDERS
        and m.candidates[0].country_code != ""
        and not (m.demonym or m.description or building)
    )


def near_links(text: str, mentions: list[Toponym], lang: str) -> list[Link]:
    """The near links between neighbouring toponyms (``mentions`` sorted): "X near Y", "X, 20 km north of Y"."""
    links = []
    for a, b in pairwise(mentions):
        if b.start < a.tail or not _holder(text, b) or a.demonym or a.description:
            continue
        if a.candidates and all(c.feature in ("country", "admin1") for c in a.candidates):
            continue  # "Diyala province north of Baghdad": no town near it
        if _after_connector(text, a.start, lang) or (not a.candidates and _owned(text, a.start, lang)):
            continue  # the tail of a longer name ("San Martino di Lota, outside Bastia"), a person ("son of X")
        got = phrase(text[a.tail : b.start], lang, a.kind is not None)
        if got is not None:
            links.append(Link(a, b, False, near=got[0], offset=got[1]))
    return links


def near_names(text: str, mentions: list[Toponym], lang: str, end: int, ner: list[TextSpan] | None) -> list[Toponym]:
    """The mentions with the capitalised names added that a near phrase puts near a known place ("Kanaan, near
    Baqubah", "in Kanaan near Baqubah"): no common word, person's name or people's adjective, not opening a
    sentence, not a name the tagger or an apposition calls an organisation's or a person's ("Ali, near Baghdad")."""
    name = re.compile(rf"(?<![\w-]){NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{0,2}}")
    locative = tables().get(lang, tables()["en"]).get("locative", frozenset())
    people = Intervals(described_people(text, lang, end) + named_people(text, lang, end))
    orgs = Spans([x for x in ner or () if x.label == "ORG"])  # asked once per near phrase: by position
    taken = sorted(mentions, key=lambda m: m.start)
    out = list(mentions)
    for a, b in zip([None, *taken], taken, strict=False):
        if not _holder(text, b) or b.start > end:
            continue
        lo = max(a.tail if a is not None else 0, b.start - 100)
        # the last name before ``b`` that the words between put near it
        got = [(g.span(), r) for g in name.finditer(text, lo, b.start) if (r := phrase(text[g.end() : b.start], lang))]
        if not got:
            continue
        (s, e), (reach, _) = got[-1]
        s, e = _bare(text, (s, e), lang)
        if _after_connector(text, s, lang):
            continue
        before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, s - 20) : s])
        after_locative = before is not None and before.group(1).lower() in locative
        placed = text[e : b.start].lstrip().startswith(",") or after_locative
        # an organisation's name may stand near a town ("Halliburton, near Baghdad"), hardly a distance and bearing
        # from one; the tagger's person is vetoed by the word lists, not by the tag ("attacked Kanaan, near Baqubah")
        vetoes = orgs if reach == NEAR_KM else None
        if placed and _may_be_place(text, (s, e), lang, vetoes, people):
            out.append(Toponym(s, e, gz.lookup(text[s:e], lang), confirmed=True))
    return sorted(out, key=lambda m: m.start)


def _after_connector(text: str, start: int, lang: str) -> bool:
    """Whether a capitalised name and a connector word stand right before ``start`` ("San Martino di Lota")."""
    got = re.search(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*[ \t]+([a-z]+)[ \t]+$", text[max(0, start - 40) : start])
    return got is not None and got.group(1) in _words(lang)["connectors"]


def _owned(text: str, start: int, lang: str) -> bool:
    """Whether a person noun and "of" stand before ``start``: "the son of Abdol Ghani" names a person."""
    owner = re.search(r"([^\W\d_]+)[ \t]+of[ \t]+$", text[max(0, start - 30) : start]) if lang == "en" else None
    return owner is not None and owner.group(1).lower() in person_nouns(lang)


def _bare(text: str, at: tuple[int, int], lang: str) -> tuple[int, int]:
    """The name without the capitalised common words and modifiers before it ("In Kanaan": "Kanaan")."""
    s, e = at
    modifiers = set(_words(lang)["modifiers"])
    while (m := re.match(rf"({NAME_TOKEN})[ \t]+", text[s:e])) and (
        m.group(1) in modifiers or m.group(1).lower() in common_words(lang)
    ):
        s += m.end()
    return s, e


def _may_be_place(text: str, at: tuple[int, int], lang: str, vetoes: Spans[TextSpan] | None, people: Intervals) -> bool:
    """Whether the name at ``at`` may be a place: not opening a sentence, no person an apposition names or a
    person noun owns, no common word or people's adjective, not under one of the tagger's ``vetoes``, and no
    personal name unless reporting knows it as a town."""
    s, e = at
    surface = text[s:e]
    tokens = re.findall(r"[\w'’]+", surface)
    if not tokens or sentence_start(text, s) or people.overlaps(s, e):
        return False
    if _owned(text, s, lang):
        return False
    if any(t.lower() in common_words(lang) or is_word(t.lower(), lang) or gz.demonym(t, lang) for t in tokens):
        return False
    if vetoes is not None and vetoes.overlapping(s, e):
        return False
    return reported.reports(surface) > 0 or not any(is_name(t, lang) for t in tokens)
