"""Resolution against the document's other places: the indexed view (places/others.py) scores every candidate
exactly as scoring it against the plain list of the other names' places did."""

from __future__ import annotations

import random
from collections import Counter

import pytest

import sitrep
from sitrep.extract.places import resolution as R
from sitrep.extract.places.others import Chosen
from sitrep.extract.places.recognition import SMALL_TOWN, Toponym
from sitrep.knowledge import gazetteer as gz


def _reference_score(p, m, surface, others, demonyms) -> float:
    """The scoring as written before the index: every other place looked at for every candidate."""
    score = gz.prior(p, surface) + m.cues.get(p.key, 0.0)
    same_country: float = sum(1 for o in others if o.country_code == p.country_code and p.country_code)
    same_country += demonyms.get(p.country_code, 0) / 2
    score += R.W_COUNTRY * (1 - 0.5**same_country)
    if any(o.feature != "country" and gz.contains(o, p) for o in others):
        score += R.W_ADMIN1
    elif p.admin1 and any(o.key != p.key and _same_admin1(o, p) for o in others):
        score += R.W_SAME_ADMIN1
    if p.feature in ("admin1", "country", "place") and any(gz.contains(p, o) for o in others):
        score += R.W_ADMIN1
    if p.feature in ("city", "admin2", "place") and any(o.key != p.key and _in_admin2(o, p) for o in others):
        score += R.W_ADMIN2
    if p.feature in ("city", "admin2", "admin1"):
        near = [gz.distance_km(p, o) for o in others if o.feature in ("city", "admin2") and o.key != p.key]
        if near and min(near) < 200:
            score += R.W_NEAR
    return score


def _in_admin2(o, p) -> bool:
    """Whether one of the two is a second-level division that holds the other."""
    if (o.feature == "admin2") == (p.feature == "admin2"):
        return False
    county, inside = (o, p) if o.feature == "admin2" else (p, o)
    same = county.country_code == inside.country_code and county.admin1 == inside.admin1
    return same and inside.admin2 == county.name


def _same_admin1(p, q) -> bool:
    return p.country_code == q.country_code and p.admin1 is not None and p.admin1 == q.admin1


def _reference_supports(p, q) -> bool:
    if p.key == q.key or p.country_code != q.country_code:
        return False
    return _same_admin1(p, q) or q.population >= SMALL_TOWN


@pytest.fixture(scope="module")
def pool() -> list[gz.Place]:
    places = gz.load().places
    wanted = {"PK", "AF", "IQ", "SY", "RU", "UA", "US", "GB", "IN", ""}
    return [p for p in places if p.country_code in wanted]


@pytest.mark.parametrize("seed", range(12))
def test_places_indexed_context_scores_as_the_plain_list(pool, seed: int) -> None:
    rng = random.Random(seed)
    sample = [*rng.sample(pool, 60), gz.country("PK"), gz.country("AF"), gz.place("r:middle-east")]
    sample = [p for p in sample if p is not None]
    names = [f"n{k}" for k in range(25)]
    chosen: dict[str, dict[str, gz.Place]] = {}
    for p in sample:
        for name in rng.sample(names, rng.choice([1, 1, 2])):
            chosen.setdefault(name, {})[p.key] = p
    context = Chosen(chosen)
    demonyms = Counter({"PK": rng.randrange(3), "IQ": rng.randrange(2)})
    m = Toponym(0, 1, [])
    for name in [*names, "unseen"]:
        others = [p for s, ps in chosen.items() if s != name for p in ps.values()]
        others = list({p.key: p for p in others}.values())
        view = context.others(name)
        for p in rng.sample(sample, 25):
            assert R._score(p, m, "x", view, demonyms) == _reference_score(p, m, "x", others, demonyms), (name, p)


def test_places_indexed_context_scores_admin2_containment_as_the_plain_list(pool) -> None:
    rng = random.Random(3)
    counties = [p for p in pool if p.feature == "admin2" and p.country_code == "US"]
    towns = {(p.country_code, p.admin1, p.admin2): p for p in pool if p.feature == "city" and p.admin2}
    pairs = [
        (c, towns[(c.country_code, c.admin1, c.name)]) for c in counties if (c.country_code, c.admin1, c.name) in towns
    ]
    m = Toponym(0, 1, [])
    for county, town in rng.sample(pairs, 20):
        stranger = rng.choice(counties)
        for p, other in ((town, county), (county, town), (town, stranger)):
            view = Chosen({"a": {other.key: other}}).others("b")
            assert R._score(p, m, "x", view, Counter()) == _reference_score(p, m, "x", [other], Counter())
        assert Chosen({"a": {county.key: county}}).others("b").in_admin2(town)


def test_places_indexed_support_for_small_towns(pool) -> None:
    rng = random.Random(7)
    strong = rng.sample(pool, 80)
    view = Chosen({"": {p.key: p for p in strong}}).others(None)
    for q in rng.sample(pool, 200) + strong[:10]:
        assert view.supports(q) == any(_reference_supports(p, q) for p in strong), q


def test_places_near_is_found_across_the_antimeridian_and_at_the_poles() -> None:
    def city(key, lat, lon):
        return gz.Place(key=key, name=key, feature="city", country_code="XX", lat=lat, lon=lon)

    a, b = city("a", 65.0, 179.5), city("b", 65.2, -179.8)  # about 50 km apart, across 180 degrees
    pole, near_pole = city("p", 89.9, 0.0), city("q", 89.5, 170.0)
    view = Chosen({"x": {b.key: b, near_pole.key: near_pole}}).others("y")
    assert view.near(a, 200) and view.near(pole, 200)
    assert not view.near(city("c", 60.0, 170.0), 200)


def test_places_reporting_does_not_outweigh_the_documents_other_places() -> None:
    """Reporting put "Alexandria" in Egypt; a report whose other places are in Louisiana keeps Louisiana's."""
    doc = sitrep.analyze("Police in Alexandria arrested two men. The Rapides Parish sheriff said Pineville was calm.")
    alexandria = next(e for e in doc.entities if e.name == "Alexandria")
    assert alexandria.country == "US"
