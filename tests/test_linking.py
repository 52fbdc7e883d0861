"""Tests for sitrep.linking on hand-built reports: the rules of one incident, containment of places, the linker
against comparing every pair, and the reconciled figures."""

from __future__ import annotations

import random

import pytest

from sitrep.linking import Linker, Place, Report, affinity, km, link, reconcile, same_incident
from sitrep.model import Count

KABUL = Place("Kabul", "AF", "city", 1138958, 34.528, 69.172, "Kabul", "Kabul")
KABUL_AIRPORT = Place("Kabul Airport", "AF", "place", 9000001, 34.565, 69.212, "Kabul")  # about 5 km away
PAGHMAN = Place("Paghman", "AF", "city", 1131316, 34.588, 68.953, "Kabul")  # 21 km away, same province
JALALABAD = Place("Jalalabad", "AF", "city", 1139715, 34.426, 70.451, "Nangarhar")
KABUL_PROVINCE = Place("Kabul Province", "AF", "admin1", 1138957, 34.5, 69.2, "Kabul")
NANGARHAR = Place("Nangarhar", "AF", "admin1", 1131256, 34.2, 70.5, "Nangarhar")
AFGHANISTAN = Place("Afghanistan", "AF", "country", 1149361, 33.0, 66.0)
PESHAWAR = Place("Peshawar", "PK", "city", 1168197, 34.008, 71.578, "Khyber Pakhtunkhwa")


def rep(doc: str, place: Place | None = KABUL, day: str = "2024-05-14", last: str | None = None, type_: str = "ASSAULT",
        actors: tuple[str, ...] = (), killed: int | None = None, real: bool = True) -> Report:  # fmt: skip
    count = Count(killed, killed, killed) if killed is not None else None
    return Report(doc, "v1", type_, day, last or day, place, frozenset(actors), count, None, real)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(rep("a"), rep("b"), id="same-city-same-day"),
        pytest.param(rep("a"), rep("b", KABUL_AIRPORT), id="within-15-km"),
        pytest.param(rep("a"), rep("b", KABUL_PROVINCE), id="city-in-its-province"),
        pytest.param(rep("a"), rep("b", AFGHANISTAN), id="city-in-its-country"),
        pytest.param(rep("a", NANGARHAR), rep("b", AFGHANISTAN), id="province-in-its-country"),
        pytest.param(rep("a"), rep("b", day="2024-05-13", last="2024-05-15"), id="overlapping-dates"),
        pytest.param(rep("a"), rep("b", day="2024-05-01", last="2024-05-31"), id="day-in-its-month"),
        pytest.param(rep("a", actors=("kb:iskp",)), rep("b", actors=("kb:iskp", "kb:ttp")), id="a-shared-actor"),
        pytest.param(rep("a", actors=("kb:iskp",)), rep("b"), id="one-names-nobody"),
        pytest.param(rep("a", killed=6), rep("b", killed=7), id="close-tolls"),
        pytest.param(rep("a", killed=60), rep("b", killed=140), id="a-rising-toll"),
    ],
)
def test_linking_same_incident_joins(a, b):
    assert same_incident(a, b) and same_incident(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(rep("a"), rep("b", day="2024-05-16"), id="same-place-other-day"),
        pytest.param(rep("a"), rep("b", JALALABAD), id="same-day-other-city"),
        pytest.param(rep("a"), rep("b", PAGHMAN), id="same-province-21-km"),
        pytest.param(rep("a"), rep("b", type_="PROTEST"), id="other-type"),
        pytest.param(rep("a"), rep("b", NANGARHAR), id="city-outside-the-province"),
        pytest.param(rep("a", KABUL_PROVINCE), rep("b", NANGARHAR), id="two-provinces"),
        pytest.param(rep("a", JALALABAD), rep("b", PESHAWAR), id="other-country"),
        pytest.param(rep("a", actors=("kb:iskp",)), rep("b", actors=("kb:ttp",)), id="other-actors"),
        pytest.param(rep("a", killed=2), rep("b", killed=40), id="far-tolls"),
        pytest.param(rep("a"), rep("a"), id="same-document"),
        pytest.param(rep("a"), rep("b", None), id="no-place"),
        pytest.param(rep("a"), rep("b", real=False), id="did-not-happen"),
        pytest.param(rep("a"), rep("b", day="2020-01-01", last="2024-12-31"), id="too-vague"),
    ],
)
def test_linking_near_misses_stay_apart(a, b):
    assert not same_incident(a, b) and not same_incident(b, a)


def test_linking_km_is_the_great_circle_distance():
    assert km(KABUL, JALALABAD) == pytest.approx(118, abs=3)
    assert km(KABUL, KABUL_AIRPORT) < 15 < km(KABUL, PAGHMAN)


def test_linking_an_incident_takes_only_reports_compatible_with_all_it_has():
    # the country-wide report fits both cities; the second city report fits it but not the first city's
    reports = [rep("a", AFGHANISTAN), rep("b", KABUL), rep("c", JALALABAD), rep("d", KABUL_AIRPORT)]
    assert link(reports) == [[0, 1, 3], [2]]


def test_linking_joins_the_incident_it_agrees_with_best():
    reports = [rep("a", KABUL, actors=("kb:iskp",)), rep("b", KABUL_AIRPORT), rep("c", KABUL, actors=("kb:iskp",))]
    linker = Linker()
    assert [linker.add(r) for r in reports] == [0, 0, 0]
    reports = [rep("a", JALALABAD), rep("b", KABUL), rep("c", AFGHANISTAN, day="2024-05-01", last="2024-05-31")]
    assert link(reports) == [[0, 2], [1]]  # a tie goes to the earliest incident
    assert affinity(reports[0], reports[2]) == affinity(reports[1], reports[2]) > 0
    reports = [rep("a", KABUL, killed=3), rep("b", JALALABAD, killed=8), rep("c", AFGHANISTAN, killed=8)]
    assert link(reports) == [[0], [1, 2]]  # the country-wide report's toll agrees with Jalalabad's


def test_linking_reconcile_keeps_the_range_and_the_median():
    assert reconcile([Count(6, 6, 6), Count(7, 7, 7), Count(6, None, None)]) == Count(6, 6, 7)
    assert reconcile([Count(10, 12, 15), Count(None, 14, None)]) == Count(10, 12, 15)
    assert reconcile([None, Count(text="many")]) is None
    assert reconcile([Count(None, None, 20), None]) == Count(20, 20, 20)


def quadratic_link(reports: list[Report]) -> list[list[int]]:
    """The reference: every report compared with every incident so far, no blocking."""
    incidents: list[list[int]] = []
    for i, r in enumerate(reports):
        best, best_score = None, 0
        for k, members in enumerate(incidents):
            scores = [affinity(r, reports[m]) for m in members]
            if all(scores) and sum(scores) > best_score:
                best, best_score = k, sum(scores)
        if best is None:
            incidents.append([i])
        else:
            incidents[best].append(i)
    return incidents


def random_reports(seed: int, n: int = 600) -> list[Report]:
    rng = random.Random(seed)
    places = [KABUL, KABUL_AIRPORT, PAGHMAN, JALALABAD, KABUL_PROVINCE, NANGARHAR, AFGHANISTAN, PESHAWAR, None]
    out = []
    for i in range(n):
        day = f"2024-05-{rng.randint(1, 20):02d}"
        kind = rng.random()
        last = day if kind < 0.7 else f"2024-05-{min(28, int(day[8:]) + rng.randint(1, 9)):02d}"
        if kind > 0.95:
            day, last = "2024-05-01", "2024-05-31"
        actors = tuple(rng.sample(["kb:iskp", "kb:ttp", "kb:taliban"], rng.randint(0, 1)))
        out.append(rep(f"d{i // 2}", rng.choice(places), day, last, rng.choice(["ASSAULT", "ASSAULT", "PROTEST"]),
                       actors, rng.choice([None, 3, 5, 40]), rng.random() > 0.05))  # fmt: skip
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_linking_blocked_gives_the_incidents_of_comparing_every_incident(seed):
    reports = random_reports(seed)
    expected = quadratic_link(reports)
    assert link(reports) == expected
    assert sum(len(g) > 1 for g in expected) >= 30  # not all singletons
