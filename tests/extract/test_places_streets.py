"""Tests for sitrep.extract.places.streets: street and road names found by their form, and what holds them."""

from __future__ import annotations

import pytest

from sitrep.extract.places import places
from sitrep.extract.places.streets import streets
from sitrep.model import Document


def names(text: str) -> list[str]:
    return [text[s:e] for s, e in streets(text, "en", len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The convoy turned onto Mayfield Road at dawn.", ["Mayfield Road"]),
        ("Crews repaved 40th Avenue South and N. Harbor Blvd. last week.", ["40th Avenue South", "N. Harbor Blvd."]),
        ("Police closed Highway 12, County Road 7 and Interstate 80 after the flood.",
         ["Highway 12", "County Road 7", "Interstate 80"]),
        ("The route runs past Governors’ Parkway.", ["Governors’ Parkway"]),
        ("Jake O'Neil Lane Sr. was not there.", []),  # no street: a man's name, then a capitalised word
        ("She thanked Florida Highway Patrol troopers.", []),  # an agency's name, not a road
        ("She thanked Marvin F. Lane for his help.", []),  # an initial is no street name
        ("Traffic on the Ohio Turnpike slowed.", []),  # the toponym is Ohio, left to the gazetteer
        ("On Tuesday The Drive was closed.", []),
    ],
)  # fmt: skip
def test_streets_found_by_form(text, expected):
    assert names(text) == expected


def test_streets_none_for_a_language_without_street_words():
    assert streets("Взрыв на улице Ленина.", "ru", 20) == []


def test_street_takes_the_city_that_holds_it():
    text = "A car bomb exploded on Haifa Street in Baghdad, police said."
    doc = places(Document(id="t", text=text, language="en"))
    street = next(e for e in doc.entities if e.name == "Haifa Street")
    assert (street.type, street.country, street.geo.admin1) == ("location", "IQ", "Baghdad Governorate")
    assert not any(e.name == "Haifa" for e in doc.entities)  # not the Israeli city inside the street's name


def test_street_after_comma_prefers_the_town():
    text = "Services will be held at 12 Cumberland St., Lebanon, on Friday."
    doc = places(Document(id="t", text=text, language="en"))
    town = next(e for e in doc.entities if e.name.startswith("Lebanon"))
    assert town.type == "city" and town.country == "US"
