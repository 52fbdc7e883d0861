"""Where an event happened (extract/events/whereabouts.py, with the places stage): a village the gazetteer does
not know, which the text puts near a known town or a distance from it, is where, not the town."""

from __future__ import annotations

import pytest

import sitrep


@pytest.mark.parametrize(
    ("text", "place", "precision"),
    [
        ("Militants attacked Kanaan, near Baqubah.", "Kanaan", 2),  # the village is the object, the town a landmark
        ("A bomb exploded in Jbala, 20 km north of Baghdad.", "Jbala", 2),
        ("A bomb exploded in Gazi-Yurt village near Nazran.", "Gazi-Yurt", 2),
        ("Gunmen attacked the village of Zur near Prizren.", "Zur", 2),
        # a building in the village: the village, as ACLED and RAND code it
        ("Insurgents opened fire on worshippers in the Al-Rahman Mosque in Jbala village, near Baghdad.", "Jbala", 2),
        ("Gunmen shot a shopkeeper in the Amil neighbourhood of Baghdad.", "Baghdad", 1),  # a part of the town
    ],
)
def test_whereabouts_a_village_near_a_town_is_where(text: str, place: str, precision: int) -> None:
    doc = sitrep.analyze(text, published="2006-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    ent = doc.entity(ev.location)
    assert ent is not None and ent.name == place
    assert ent.geo is not None and ent.geo.precision == precision


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen opened fire on a joint US-Iraqi police convoy near Baqubah.", "Baqubah"),
        (
            "Three people were killed in Baquba when gunmen opened fire on a bus carrying the crew of a television "
            "station funded by the US-led coalition.",
            "Baqubah",
        ),
        (
            "Gunmen opened fire on a minibus carrying workers who built roads for US and Iraqi military forces, "
            "killing eleven people. The attack occurred in Diyara.",
            "Diyara",
        ),
    ],
)
def test_whereabouts_a_country_joined_to_a_people_is_a_nationality(text: str, place: str) -> None:
    doc = sitrep.analyze(text, published="2005-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    ent = doc.entity(ev.location)
    assert ent is not None and ent.name == place and ent.country == "IQ"


def test_whereabouts_a_place_opening_the_sentence_after_in_is_where() -> None:
    # the parse hangs "Assam" on "militants" as if it were their nationality; "In" says it is where
    doc = sitrep.analyze("In Assam militants exploded a bomb that killed thirteen people.", published="2005-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    ent = doc.entity(ev.location)
    assert ent is not None and ent.name == "Assam" and ent.country == "IN"
