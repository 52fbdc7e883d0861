"""scripts/build_gazetteer.py: the point of a division is among its towns, whatever town was coded into the wrong
division or however its towns straddle the antimeridian; and the shipped gazetteer's provinces lie among theirs."""

from __future__ import annotations

import sys
from collections import defaultdict

from sitrep.knowledge import gazetteer as gz

from paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))  # build_gazetteer imports its sibling gazetteer_sources
import build_gazetteer as build

CONF = build.yaml.safe_load((build.DATA / "places_extra.yaml").read_text(encoding="utf-8"))["build"]


def test_a_compact_division_keeps_the_centre_of_its_box() -> None:
    towns = [(33.0, 118.0), (34.0, 119.0), (32.0, 120.0), (33.5, 121.0)]
    assert build._division_point(towns, CONF) == build._centre(build._bbox(towns, 0.0))


def test_a_town_coded_into_the_wrong_division_does_not_move_its_point() -> None:
    # twenty towns of Jiangsu and one far west: the box centre fell in Hubei, nowhere near a town of Jiangsu
    towns = [(32.0 + (i % 5) * 0.5, 117.5 + (i // 5) * 0.8) for i in range(20)] + [(32.0, 100.3)]
    lat, lon = build._division_point(towns, CONF)
    assert min(gz.haversine(lat, lon, *t) for t in towns[:-1]) < 150
    assert lon > 115


def test_few_towns_far_apart_take_their_median_when_the_centre_is_empty() -> None:
    towns = [(22.5, 113.9), (22.6, 114.0), (22.4, 113.8), (22.7, 114.1), (30.8, 122.4)]
    lat, lon = build._division_point(towns, CONF)
    assert (round(lat, 1), round(lon, 1)) == (22.6, 114.0)


def test_towns_across_the_antimeridian_give_a_point_beside_them() -> None:
    towns = [(66.0, 179.5), (65.5, -179.5), (64.7, 177.5), (66.2, -178.0)]
    lat, lon = build._division_point(towns, CONF)
    assert abs(lon) > 170 and min(gz.haversine(lat, lon, *t) for t in towns) < 200


def test_the_shipped_provinces_lie_among_their_towns() -> None:
    towns = defaultdict(list)
    places = gz.load().places
    for p in places.values() if isinstance(places, dict) else places:
        if p.feature == "city" and p.admin1:
            towns[(p.country_code, p.admin1)].append(p)
    far = []
    for p in places.values() if isinstance(places, dict) else places:
        own = towns.get((p.country_code, p.name), []) if p.feature == "admin1" else []
        if len(own) >= 3 and min(gz.haversine(p.lat, p.lon, t.lat, t.lon) for t in own) > 400:
            far.append((p.country_code, p.name))
    assert far == []  # before: Jiangsu in Hubei, Heilongjiang in Inner Mongolia, Valparaiso at sea, Chukotka at 0°
