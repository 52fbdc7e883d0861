"""Victim counts (sitrep.extract.events.casualties), through the whole pipeline on short hand-written reports."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.knowledge.languages import lexicons


def attack(text: str) -> sitrep.Event:
    doc = sitrep.analyze(text, published="2024-05-15")
    found = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert len(found) == 1, [ev.type for ev in doc.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "low", "best", "high"),
    [
        ("At least five police and two civilians were killed in a blast in Quetta.", "fatalities", 7, 7, None),
        ("Gunmen killed over 140 civilians at a concert hall near Moscow.", "fatalities", 140, 140, None),
        ("A bomb exploded in a market in Peshawar, wounding twenty-one people.", "injuries", 21, 21, 21),
        ("Militants attacked a checkpoint in Kunar, killing two policemen and a civilian.", "fatalities", 3, 3, 3),
        ("Gunmen killed five policemen and two civilians in Quetta.", "fatalities", 7, 7, 7),
        ("В результате взрыва в Кветте погибли пять полицейских и двое мирных жителей.", "fatalities", 7, 7, 7),
    ],
)
def test_casualties_counts_people_next_to_casualty_words(text, kind, low, best, high) -> None:
    count = getattr(attack(text), kind)
    assert count is not None and (count.low, count.best, count.high) == (low, best, high)


def test_casualties_a_number_of_things_is_no_victim_count() -> None:
    assert attack("A bomb destroyed three vehicles in Kabul on Monday.").fatalities is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_casualties_person_units_include_generic_participants(lang: str) -> None:
    units = lexicons(lang).person_units
    assert "people" in units and ({"militants", "civilians"} <= units or {"боевики", "люди"} <= units)


def test_casualties_separate_figures_stay_apart() -> None:
    ev = attack("Gunmen killed five policemen in Quetta and two civilians were wounded.")
    assert (ev.fatalities.best, ev.injuries.best) == (5, 2)


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        ("Gunmen assassinated a provincial judge outside his home in Kandahar.", "fatalities", 1),
        ("Two officers of the border police were shot and killed near a checkpoint in Kunar.", "fatalities", 2),
        ("A tribal elder was shot and killed by militants in Bajaur.", "fatalities", 1),
    ],
)
def test_casualties_implicit_and_coordinated_victims(text, kind, best) -> None:
    # "assassinated" kills; "shot and killed": the victims of the first verb; "X was shot": X whatever the parse
    # calls it (a passive participle after "be")
    count = getattr(attack(text), kind)
    assert count is not None and count.best == best


def test_casualties_killed_and_wounded_keep_their_own_victims() -> None:
    ev = attack("The blast killed three soldiers and wounded five civilians in Khost.")
    assert (ev.fatalities.best, ev.injuries.best) == (3, 5)
