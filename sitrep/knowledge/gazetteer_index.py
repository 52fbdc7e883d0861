"""The gazetteer's places and name index, built from the data files.

:func:`build` reads the places of ``gazetteer.tsv.gz`` (made by ``scripts/build_gazetteer.py``) and the
macro-regions of ``regions.yaml``, normalises each name, alternate name and variant ("Nahiyat al Iskandariyah" ->
"Iskandariyah", ``toponym_variants.yaml``) with :func:`norm` and indexes them, with every token-boundary prefix of
the names (a look-up grows a match token by token along them): about two seconds and 200 MB of dictionaries, so
:mod:`sitrep.knowledge.gazetteer_cache` keeps the result on disk for the next process.  The never-a-place words
(``place_stopwords.yaml``) and the Russian endings (``gazetteer_ru.yaml``) are small and always read anew.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from sitrep.errors import KnowledgeError
from sitrep.translit import name_key

from . import cache as disk
from .files import data_path, load_yaml
from .morph_ru import known_place_name

TOKEN = re.compile(r"\w+|[^\w\s]")
SOURCES = ("gazetteer.tsv.gz", "regions.yaml", "toponym_variants.yaml")  # what build() reads (and is cached)
ADDED = "gazetteer-added"  # the folder, in sitrep's cache, of the places a user added (`sitrep gazetteer add`)


def added_path() -> Path:
    """The places a user added from GeoNames files, in the format of ``gazetteer.tsv.gz`` (may not exist)."""
    return disk.directory() / ADDED / "places.tsv.gz"


@dataclass(frozen=True)
class Place:
    key: str  # geonameid, "a1:PK:02" (admin1), "a2:..." (admin2), "x:fata" (hand-written), "r:middle-east"
    name: str
    feature: str  # country | admin1 | admin2 | city | place
    country_code: str  # ISO2; "" for regions across several countries
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    name_ru: str | None = None
    admin1: str | None = None
    alt_names: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    flags: frozenset[str] = frozenset()  # capital, city_region, eponymous, outnumbered, seat, approximate, ucdp,
    # continent, macro
    countries: tuple[str, ...] = ()  # the countries a region covers
    admin2: str | None = None  # the second-level division (district, raion) a place lies in, or a division's own name

    @property
    def kb_id(self) -> str:
        return f"geo:{self.geonameid}" if self.geonameid else f"geo:{self.name}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *((self.name_ru,) if self.name_ru else ()), *self.alt_names)


@dataclass
class Gazetteer:
    places: Sequence[Place]
    index: Mapping[str, Sequence[int]]  # normalised name -> place indices
    prefixes: Collection[str]  # normalised names and their token-boundary prefixes
    by_key: Mapping[str, Place]
    countries: Mapping[str, Place]
    admin1: Mapping[tuple[str, str], Place]
    stop: dict[str, frozenset[str]]  # lang -> never-a-place words
    endings: tuple[tuple[str, str], ...]  # Russian (text ending, nominative ending)


# ---------------------------------------------------------------------------------------------------------
# normalisation


@cache
def _fold_table() -> dict[int, str]:
    table = {ord("ё"): "е", ord("Ё"): "Е", ord("’"): "'", ord("‘"): "'", ord("–"): "-", ord("—"): "-", ord("ʼ"): "'"}
    table[ord("ʻ")] = "'"
    special = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i"}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if ch in special:
            table[cp] = special[ch]
        elif base != ch and base.isascii():
            table[cp] = base
    return table


def norm(name: str) -> str:
    """The index key of a name: Latin diacritics folded, ё -> е, apostrophes and dashes unified, spaces single."""
    folded = name if name.isascii() else name.translate(_fold_table())
    return folded if "  " not in folded and folded.strip() == folded else " ".join(folded.split())


@cache
def _variant_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_yaml("toponym_variants.yaml")
    return frozenset(data["prefixes"]), frozenset(data["articles"]), frozenset(data["article_countries"])


def _variants(name: str, country: str = "") -> set[str]:
    """``name``, without its apostrophes ("Mūsá Qal‘ah": "Musa Qalah"), for "Nahiyat al Iskandariyah"-like
    names the bare name ("Iskandariyah"), and in a country whose names take the Arabic article, the name with
    its article joined by a hyphen or a space and without it ("Al Diwaniyah": "Al-Diwaniyah", "Diwaniyah")."""
    prefixes, articles, article_countries = _variant_words()
    words = name.split(" ")
    out = {name, name.replace("'", "")} if "'" in name and len(name) > 4 else {name}  # "Nād ‘Alī": "Nad Ali"
    if len(words) > 1 and words[0].lower() in prefixes:
        rest = words[1:]
        if len(rest) > 1 and rest[0].lower().rstrip("-") in articles:
            rest = rest[1:]
        out.add(" ".join(rest))
    if country in article_countries:
        for form in list(out):
            article = re.match(r"([^\W\d_]+)[ -](?=[^\W\d_]{3})", form)
            if article and article.group(1).lower() in articles:
                bare = form[article.end() :]
                out.update((bare[0].upper() + bare[1:], f"{article.group(1)} {bare}", f"{article.group(1)}-{bare}"))
    return out


LOOSE_POPULATION = 20_000  # a town smaller than this is not looked up by the skeleton of its name
_LOOSE_DROP = re.compile(r"[aeiouyhw'\-\s]")


def skeleton(name: str) -> str:
    """The loose key of a name transliterated from Arabic, Persian or Pashto: "~" and its first letter, then its
    consonants without h, w, y and doubled letters, after the article ("Karabala", "Karbala" -> "~krbl";
    "al-Nassiriya", "Nasiriyah" -> "~nsr"; "Baquabah", "Ba'qubah" -> "~bkb")."""
    _, articles, _ = _variant_words()
    low = norm(name).lower().replace("q", "k").replace("c", "k")
    words = re.split(r"[ -]", low, maxsplit=1)
    if len(words) == 2 and words[0] in articles:
        low = words[1]
    low = "".join(ch for ch in unicodedata.normalize("NFKD", low) if ch.isalpha() or ch in " -'")
    if not low:
        return ""
    rest = _LOOSE_DROP.sub("", low[1:])
    out = low[0]
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return "~" + out


def _spelled_loosely(place: Place) -> bool:
    """Whether the place is also indexed by the skeleton of its names: a town of some size, a district or a
    province in a country whose names reach English by many transliterations (``toponym_variants.yaml``)."""
    big = place.feature in ("admin1", "admin2") or (place.feature == "city" and place.population >= LOOSE_POPULATION)
    return big and place.country_code in _loose_countries()


@cache
def _loose_countries() -> frozenset[str]:
    return frozenset(load_yaml("toponym_variants.yaml")["loose_countries"])


# ---------------------------------------------------------------------------------------------------------
# building from the data files


def build() -> Gazetteer:
    """The gazetteer built in memory from the data files and the places the user added."""
    shipped = _outnumbered(list(_read_rows(data_path("gazetteer.tsv.gz"))))
    return indexed([*shipped, *_added(shipped), *_macro_regions()])


def _outnumbered(places: list[Place]) -> list[Place]:
    """``places`` with every first-level division flagged ``outnumbered`` whose name is that of a city of another
    country with as many people or more: a reader of the name means the city ("Gaza": the Palestinian city, not
    Mozambique's province; "Manchester", "Sofia"), unless the text says otherwise."""
    biggest: dict[str, Place] = {}
    for p in places:
        if p.feature == "city" and p.population > getattr(biggest.get(norm(p.name)), "population", 0):
            biggest[norm(p.name)] = p
    out = []
    for p in places:
        city = biggest.get(norm(p.name)) if p.feature == "admin1" else None
        if city is not None and city.country_code != p.country_code and city.population >= p.population:
            p = replace(p, flags=p.flags | {"outnumbered"})
        out.append(p)
    return out


def _added(shipped: list[Place]) -> Iterator[Place]:
    """The user's places that sitrep does not ship, their first-level division named from its code."""
    path = added_path()
    if not path.is_file():
        return
    keys = {p.key for p in shipped}
    provinces = {p.key: p.name for p in shipped if p.feature == "admin1"}
    for p in _read_rows(path, added=True):
        if p.key in keys:
            continue
        code = next((f[6:] for f in p.flags if f.startswith("a1code")), None)
        yield replace(p, admin1=provinces.get(f"a1:{p.country_code}:{code}")) if code and not p.admin1 else p


def indexed(places: list[Place]) -> Gazetteer:
    """The gazetteer of ``places``: their look-up tables and name index."""
    by_key: dict[str, Place] = {}
    countries: dict[str, Place] = {}
    admin1: dict[tuple[str, str], Place] = {}
    index: dict[str, list[int]] = defaultdict(list)
    for i, place in enumerate(places):
        by_key[place.key] = place
        if place.feature == "country":
            countries[place.country_code] = place
        elif place.feature == "admin1":
            admin1[(place.country_code, place.name)] = place
        for name in {v for n in place.names for v in _variants(norm(n), place.country_code)}:
            if name.startswith("the "):
                name = name[4:]
            if name[:1].islower():
                name = name[0].upper() + name[1:]
            if name[:1].isupper():
                index[name].append(i)
        if _spelled_loosely(place):
            for key in {skeleton(n) for n in place.names if n}:
                if len(key) > 3:
                    index[key].append(i)
    prefixes: set[str] = set()
    for name in index:  # names are normalised (single spaces), so a token-boundary prefix is a plain slice
        prefixes.update(name[: m.end()] for m in TOKEN.finditer(name))
    stop, endings = small_tables()
    return Gazetteer(places, dict(index), prefixes, by_key, countries, admin1, stop, endings)


def small_tables() -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    stop = load_yaml("place_stopwords.yaml")
    never = {lang: frozenset(norm(w) for w in t["never"] + t.get("never_phrases", [])) for lang, t in stop.items()}
    return never, tuple((a, b) for a, b in load_yaml("gazetteer_ru.yaml")["endings"])


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split("|") if v) if value else ()


def russian_name(name: str, given: str, alternates: Sequence[str]) -> str | None:
    """The Russian name of a place among its Cyrillic names: GeoNames lists them without their language (Tatar
    «Казан», Chuvash «Чабаксар», the old «Ставрополь» of Tolyatti), so the one that spells the place's own name
    in Cyrillic and is a place name in the Russian dictionary wins, else the one that spells it closest (by
    :func:`sitrep.translit.name_key`), else the name given."""
    if not given or not alternates:
        return given or None
    want = name_key(name)
    options = list(dict.fromkeys([given, *alternates]))
    close = {a: SequenceMatcher(None, name_key(a), want).ratio() for a in options}
    russian = [a for a in options if close[a] >= 0.6 and known_place_name(a)]
    if russian:  # a place name of the Russian dictionary that spells this one
        return max(russian, key=lambda a: close[a])
    best = max(options, key=lambda a: close[a])
    return best if close[best] >= 0.75 and close[best] > close[given] else given


def _read_rows(path: Path, added: bool = False) -> Iterator[Place]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            for line in fh:
                row = dict(zip(header, line.rstrip("\n").split("\t"), strict=True))
                flags = frozenset(_split(row["flags"].replace(",", "|")))
                countries = next((f.split("=", 1)[1].split("+") for f in flags if f.startswith("countries=")), [])
                yield Place(
                    key=row["key"], name=row["name"], feature=row["feature"], country_code=row["cc"],
                    lat=float(row["lat"]), lon=float(row["lon"]), population=int(row["population"] or 0),
                    geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                    name_ru=russian_name(row["name"], row["name_ru"], _split(row["alt_ru"])),
                    admin1=row["admin1"] or None, alt_names=_split(row["alt"]) + _split(row["alt_ru"]),
                    bbox=tuple(map(float, row["bbox"].split(","))) if row["bbox"] else None,  # type: ignore[arg-type]
                    flags=flags, countries=tuple(countries), admin2=row.get("admin2") or None,
                )  # fmt: skip
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path} is missing; run scripts/build_gazetteer.py or reinstall sitrep") from exc
    except (KeyError, ValueError, OSError, EOFError) as exc:
        fix = "rebuild it with scripts/build_gazetteer.py"
        fix = "add the files again with `sitrep gazetteer add`, or delete it" if added else fix
        raise KnowledgeError(f"{path} is malformed ({exc}); {fix}") from exc


def _macro_regions() -> Iterator[Place]:
    for r in load_yaml("regions.yaml")["macro_regions"]:
        names = [*r.get("en", []), *r.get("ru", [])]
        ru = r.get("ru") or [None]
        yield Place(
            key=f"r:{r['key']}", name=r["name"], feature="place", country_code=r.get("cc", ""), lat=r["point"][0],
            lon=r["point"][1], name_ru=ru[0], alt_names=tuple(names), flags=frozenset({"macro"}),
            countries=tuple(r.get("countries", [])),
        )  # fmt: skip
