"""Tests for sitrep.extract.places.landmarks: natural features and landmarks found by their form, and where they lie."""

from __future__ import annotations

import pytest

from sitrep.extract.places import places
from sitrep.extract.places.landmarks import landmarks
from sitrep.model import Document


def names(text: str) -> list[str]:
    return [text[s:e] for s, e in landmarks(text, "en", len(text))]


def entities(text: str) -> dict:
    return {e.name: e for e in places(Document(id="t", text=text, language="en")).entities}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Red River will crest at 39 feet on Friday.", ["Red River"]),
        ("Sewage overflows affect Lake Lanier's watershed.", ["Lake Lanier"]),  # without the possessive
        ("Land along Mount Hood and the Dolly Sods Wilderness is protected.", ["Mount Hood", "Dolly Sods Wilderness"]),
        ("Birds were found near the Baltic Sea and at Fort Detrick.", ["Baltic Sea", "Fort Detrick"]),
        ("Carter sponsored the Camp David Accords.", []),  # a longer name that is no place
        ("The Township Committee met on Monday.", []),  # no name before the feature word
        ("The lake and the river rose.", []),
    ],
)  # fmt: skip
def test_landmarks_found_by_form(text, expected):
    assert names(text) == expected


def test_landmarks_none_for_a_language_without_landmark_words():
    assert landmarks("Паводок на реке Кубань.", "ru", 23) == []


def test_unknown_landmark_takes_the_documents_country():
    found = entities("A body found in the Kishwaukee River near DeKalb, Illinois, was identified on Monday.")
    river = found["Kishwaukee River"]
    assert (river.type, river.country) == ("location", "US")


def test_landmark_replaces_an_unsupported_town_inside_it():
    found = entities("Dead swans were found on the German island of Rügen in the Baltic Sea, Germany said.")
    assert found["Baltic Sea"].country == "DE"
    assert not any(e.country == "US" for e in found.values())  # not Baltic, South Dakota


def test_landmark_lies_near_the_supported_town_it_is_named_after():
    found = entities("Swans died on the coast of Lake Erie near Monroe, Michigan, and Toledo, Ohio.")
    lake = found["Lake Erie"]
    assert lake.geo is not None and lake.geo.precision == 2 and lake.country == "US"
    assert "Erie" not in found  # the lake is no town: it lies near Erie, Pennsylvania


def test_known_place_inside_a_landmark_keeps_its_point():
    found = entities("Insurgents fired rockets at Bagram Air Base in Parwan province.")
    assert "Bagram Air Base" not in found
    bagram = [e for e in found.values() if "Bagr" in e.name]
    assert any(e.country == "AF" and e.geo is not None and e.geo.precision <= 2 for e in bagram)
