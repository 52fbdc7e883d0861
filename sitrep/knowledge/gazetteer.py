"""The offline gazetteer: countries, first- and second-level divisions, cities and regions, English and Russian.

    >>> from sitrep.knowledge import gazetteer
    >>> gazetteer.lookup("Quetta")[0].admin1
    'Balochistan'
    >>> [(s, e, ps[0].name) for s, e, ps in gazetteer.find("в Белуджистане", "ru")]
    [(2, 14, 'Balochistan')]

The data is ``sitrep/knowledge/data/gazetteer.tsv.gz``, built by ``scripts/build_gazetteer.py`` from GeoNames-derived
packages, plus the macro-regions of ``regions.yaml``.  Russian names are found in their case forms with the
ending rules of ``gazetteer_ru.yaml``; common words that GeoNames knows as towns ("Of", "Most", "Police") are
kept out by ``place_stopwords.yaml``; demonyms ("Afghan", "пакистанский") come from ``demonyms.yaml``.
Everything is loaded on first use and cached: the places and the name index are built by
:mod:`~sitrep.knowledge.gazetteer_index` and kept on disk by :mod:`~sitrep.knowledge.gazetteer_cache`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import cache, lru_cache

from . import gazetteer_cache
from .files import load_yaml
from .gazetteer_index import TOKEN, Gazetteer, Place, _variants, norm, skeleton

__all__ = [
    "Gazetteer", "Place", "admin1", "border_point", "capital", "combining_form", "contains", "country", "demonym",
    "distance_km", "find", "haversine", "load", "lookup", "loose", "norm", "place", "point_in", "prior", "within",
]  # fmt: skip

MAIN_NAME_BONUS = 1.0  # a place called so by its own name, not by one of its many alternate names
FEATURE_PRIOR = {"country": 10.0, "admin1": 7.5, "place": 7.0, "admin2": 5.0, "city": 2.0}
MAX_TOKENS = 8
REACH_KM = {"city": 30.0, "admin2": 60.0, "place": 100.0}  # how far a place phrase's container reaches ("the X
# area of Kabul", "X village of Y district") when only its point is known


@cache
def load() -> Gazetteer:
    """The gazetteer (loaded on first use and kept): from sitrep's on-disk cache, or built from the data files
    (about two seconds and 200 MB) when the cache has none yet (see :mod:`sitrep.knowledge.gazetteer_cache`)."""
    return gazetteer_cache.load()


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def _joined(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    """(separator, token) pairs: separator "" when tokens touch, " " across whitespace."""
    for i, (s, e) in enumerate(spans):
        yield ("" if i == 0 or spans[i - 1][1] == s else " "), text[s:e]


# ---------------------------------------------------------------------------------------------------------
# look-ups


def prior(place: Place, name: str = "") -> float:
    """How likely ``place`` is meant by ``name`` before any context: country > admin1 > big city > small town."""
    score = FEATURE_PRIOR.get(place.feature, 2.0) + 2.0 * bool({"macro", "continent"} & place.flags)
    if place.feature == "city":
        score = min(score + math.log10(place.population + 1) + 1.5 * ("capital" in place.flags), 9.5)
    elif place.feature in ("admin1", "admin2") and place.population:
        score += math.log10(place.population) / 10
        score -= 2.5 if "city_region" in place.flags else 1.0 if {"eponymous", "outnumbered"} & place.flags else 0.0
    if place.feature == "admin2" and "seat" in place.flags:
        score -= 3.5  # a district named after its town: the name means the town unless "district" is said
    if name and _main_name(place, name):
        score += MAIN_NAME_BONUS
    return score


def _main_name(place: Place, name: str) -> bool:
    """``name`` is the place's own name (either half of a name in two languages, "Donostia / San Sebastián"), or
    its Russian one in any case form («Ставрополе» is Stavropol's, not that of Tolyatti, once called so)."""
    # a town of two languages is called by either: "Donostia / San Sebastián", "Gasteiz / Vitoria"
    mains = {norm(place.name), norm(place.name_ru or ""), *(norm(part) for part in place.name.split(" / "))}
    variants = _main_variants(place.name, place.country_code)  # "Iskandariyah", "al-Iskandariyah" (in Iraq)
    if norm(name) in mains or norm(name) in variants or norm(_ARTICLE_WORD.sub("", name)) in variants:
        return True
    words = name.split()
    if not words or not place.name_ru or not "\u0400" <= words[-1][:1] <= "\u04ff":
        return False
    head = norm(" ".join(words[:-1]))
    return any(norm(f"{head} {f}") in mains for f in _forms(words[-1], "ru", load().endings))


@lru_cache(maxsize=65536)
def _main_variants(name: str, country: str) -> frozenset[str]:
    """The forms of a place's own name reports write ("Nāḩiyat al Iskandarīyah": "Iskandariyah", "Al-Iskandariyah")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return frozenset(norm(v) for v in _variants(plain, country))


def _rank(places: list[Place], name: str) -> list[Place]:
    return sorted(places, key=lambda p: -prior(p, name))


def _forms(token: str, lang: str, endings: tuple[tuple[str, str], ...]) -> set[str]:
    """The token and, for Cyrillic words, its possible nominative forms."""
    forms = {norm(token)}
    if len(token) >= 2 and token.isupper() and token.isalpha():
        forms.add(norm(token.title()))  # datelines and headlines: "CHARLESTON, W.Va.", "SRI LANKA."
    if lang == "ru" or "\u0400" <= token[:1] <= "\u04ff":
        for ending, nominative in endings:
            if token.endswith(ending) and len(token) - len(ending) >= 2:
                forms.add(norm(token[: len(token) - len(ending)] + nominative))
    return forms


def lookup(name: str, lang: str = "en") -> list[Place]:
    """Places called ``name`` (any case form for Russian), best first by prior."""
    gaz = load()
    spans = _tokens(name)
    if not spans:
        return []
    keys = _match(gaz, name, spans, lang)
    found = {i for k in keys.get(len(spans), ()) for i in gaz.index[k]}
    return _rank([gaz.places[i] for i in sorted(found, reverse=True)], name)  # see find()


def _match(gaz: Gazetteer, text: str, spans: list[tuple[int, int]], lang: str) -> dict[int, set[str]]:
    """Index keys matched by the first n tokens of ``spans`` (n -> keys), growing only along known prefixes."""
    states, out = {""}, {}
    for n, (sep, tok) in enumerate(_joined(text, spans), start=1):
        grown = {s + sep + f for s in states for f in _forms(tok, lang, gaz.endings)}
        states = {s for s in grown if s in gaz.prefixes}  # what ``grown & prefixes`` gives when both are sets
        if not states:
            break
        hits = {s for s in states if s in gaz.index}
        if n == 1 and len(tok) < 4 and tok.isupper():  # "SRI LANKA", "EL SALVADOR" whole; "US", "UN" alone are
            hits = {s for s in hits if s == norm(tok)}  # acronyms, not the places "Us" or "Un"
        if hits:
            out[n] = hits
    return out


def loose(name: str) -> list[Place]:
    """Places whose name is spelled close to ``name`` in a country whose names reach English by many
    transliterations ("Karabala": Karbala, "Kurkuk": Kirkuk, "Baquabah": Baqubah), best first by prior; for a
    name the text tags as a place and the gazetteer does not know as written."""
    gaz = load()
    key = skeleton(name)
    if len(key) < 4 or key not in gaz.index:
        return []
    want = norm(_ARTICLE_WORD.sub("", name)).lower()
    close = [
        p for p in (gaz.places[i] for i in gaz.index[key])
        if max(SequenceMatcher(None, want, norm(_ARTICLE_WORD.sub("", n)).lower()).ratio() for n in p.names) >= 0.8
    ]  # fmt: skip
    return _rank(close, name)


def find(text: str, lang: str = "en", start: int = 0, end: int | None = None) -> list[tuple[int, int, list[Place]]]:
    """Candidate toponyms in ``text[start:end]``: (start, end, places best first), longest match first.

    Names must start with a capital letter; single words in the stop list never match on their own.
    """
    gaz = load()
    stop = frozenset().union(*gaz.stop.values())
    spans = _tokens(text, start, end)
    out: list[tuple[int, int, list[Place]]] = []
    i = 0
    while i < len(spans):
        s = spans[i][0]
        if not text[s].isupper():
            i += 1
            continue
        window = [spans[i]]
        for j in range(i + 1, min(i + MAX_TOKENS, len(spans))):
            gap = text[window[-1][1] : spans[j][0]]
            if gap and (not gap.isspace() or "\n\n" in gap or "\n \n" in gap):
                break
            window.append(spans[j])
        matched = _match(gaz, text, window, lang)
        n = max(matched, default=0)
        cut = n and _WORD_GOES_ON.match(text, window[n - 1][1]) is not None  # "Ha" of "Nativ Ha'asara"
        if n and not cut and not _stopped(text[s : window[n - 1][1]], n, stop, lang):
            keys = matched[n]
            # equal priors: the later entry first (places_extra.yaml and a user's additions come after GeoNames), in
            # a fixed order, never a set's (which changes with each process's hash seed)
            found = sorted({x for k in keys for x in gaz.index[k]}, reverse=True)
            surface = text[s : window[n - 1][1]]
            article = _ARTICLE.search(text, max(0, s - 5), s)  # "al-Diwaniyah": the name with its article
            s = article.start() if article and article.group(1) in _articles() else s
            out.append((s, window[n - 1][1], _rank([gaz.places[x] for x in found], surface)))
            i += n
        else:
            i += 1
    return out


_ARTICLE = re.compile(r"(?<![^\W_])([a-z]{2,3})-$")
_WORD_GOES_ON = re.compile(r"['’](?![sS](?![^\W\d_]))[^\W\d_]{2}")  # an apostrophe inside the word, not "'s"
_ARTICLE_WORD = re.compile(r"^(?i:al|el|ad|an|as|ash|at|ar|az|adh)[- ]")


@cache
def _articles() -> frozenset[str]:
    return frozenset(load_yaml("toponym_variants.yaml")["articles"])


def _stopped(surface: str, n_tokens: int, stop: frozenset[str], lang: str) -> bool:
    """Whether a match is a stop word ("Of", "White House"), or a case form of a Russian one ("Мира")."""
    if norm(surface) in stop or (surface.isupper() and norm(surface.title()) in stop):
        return True
    return n_tokens == 1 and any(f in stop for f in _forms(surface, lang, load().endings) if len(f) > 3)


def country(iso2: str) -> Place | None:
    """The country with ISO 3166-1 alpha-2 code ``iso2`` (None if unknown)."""
    return load().countries.get(iso2.upper())


def place(key: str) -> Place | None:
    """The place with gazetteer key ``key`` ("1167528", "x:fata", "r:middle-east"), None if unknown."""
    return load().by_key.get(key)


def admin1(iso2: str, name: str) -> Place | None:
    """The first-level division ``name`` of country ``iso2`` (None if unknown)."""
    return load().admin1.get((iso2.upper(), name))


@cache
def _demonyms() -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str]]:
    data = load_yaml("demonyms.yaml")
    exact = {w: str(cc)[:2] for cc, words in data["en"].items() for w in words}
    stems = sorted(((w, str(cc)[:2]) for cc, words in data["ru"].items() for w in words), key=lambda x: -len(x[0]))
    combining = {
        w.lower() if lang == "ru" else w: str(cc)[:2]
        for lang, table in data["combining"].items()
        for cc, words in table.items()
        for w in words
    }
    return exact, stems, combining


def demonym(word: str, lang: str = "en") -> str | None:
    """The ISO2 country of a demonym or country adjective ("Afghan", "Pakistanis", "афганского"), else None."""
    exact, stems, _ = _demonyms()
    if lang != "ru" and not ("\u0400" <= word[:1] <= "\u04ff"):
        return exact.get(word)
    low = word.lower()
    return next((cc for stem, cc in stems if low.startswith(stem)), None)


def combining_form(word: str, lang: str = "en") -> str | None:
    """The country of the first part of a compound ("Afghan" in "Afghan-Pakistani", "афгано", "Sino")."""
    _, _, combining = _demonyms()
    return combining.get(word.lower() if lang == "ru" else word) or demonym(word, lang)


def distance_km(a: Place, b: Place) -> float:
    return haversine(a.lat, a.lon, b.lat, b.lon)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def contains(container: Place, place: Place) -> bool:
    """Whether ``place`` lies in ``container`` (a country, first-level unit or multi-country region)."""
    if container.key == place.key:
        return False
    if container.feature == "country":
        return place.country_code == container.country_code
    if container.feature == "admin1":
        return place.country_code == container.country_code and place.admin1 == container.name
    if container.countries:
        return place.country_code in container.countries
    return False


def within(place: Place, container: Place) -> bool:
    """Whether ``place`` can lie in ``container`` as a place phrase says it does ("the X district of Y province",
    "the X area of Kabul", "X, Y"): :func:`contains` for countries, first-level divisions and regions; a
    district by its name or its reach; a town or a named area by its reach (``REACH_KM``)."""
    if container.key == place.key:
        return False
    if contains(container, place):
        return True
    if container.feature == "country" or container.countries or place.country_code != container.country_code:
        return False
    if container.feature == "admin1":
        return place.admin1 is None and place.feature != "country" and in_box(place, container.bbox)
    if place.feature in ("country", "admin1"):
        return False
    if container.feature == "admin2":
        if place.admin2 is not None and place.admin1 == container.admin1:
            return place.admin2 == container.name
        if place.admin1 is not None and container.admin1 is not None and place.admin1 != container.admin1:
            return False
    reach = REACH_KM.get(container.feature, REACH_KM["place"])
    return place.feature != "admin2" and distance_km(place, container) <= reach


def in_box(place: Place, bbox: tuple[float, float, float, float] | None) -> bool:
    """Does ``place`` lie inside ``bbox`` (south, west, north, east)? False when there is no box."""
    return bbox is not None and bbox[0] <= place.lat <= bbox[2] and bbox[1] <= place.lon <= bbox[3]


def capital(iso2: str) -> Place | None:
    """The capital city of country ``iso2`` (None if unknown)."""
    c = country(iso2)
    key = next((f.split("=", 1)[1] for f in c.flags if f.startswith("capital=")), None) if c else None
    return place(key) if key else None


def point_in(place: Place, at: tuple[float, float]) -> tuple[float, float]:
    """A point in ``place``'s bounding box at fractions ``at`` = (of latitude, of longitude) from the south-west
    corner ((0.2, 0.5) is in the south); the place's own point when it has no box."""
    if place.bbox is None:
        return place.lat, place.lon
    south, west, north, east = place.bbox
    return round(south + at[0] * (north - south), 4), round(west + at[1] * (east - west), 4)


@cache
def border_point(a: str, b: str) -> tuple[float, float]:
    """A point on the border of countries ``a`` and ``b``: midway between their closest first-level units."""
    gaz = load()
    units_a = [p for (cc, _), p in gaz.admin1.items() if cc == a] or [gaz.countries[a]]
    units_b = [p for (cc, _), p in gaz.admin1.items() if cc == b] or [gaz.countries[b]]
    x, y = min(((x, y) for x in units_a for y in units_b), key=lambda xy: distance_km(*xy))
    return round((x.lat + y.lat) / 2, 4), round((x.lon + y.lon) / 2, 4)
