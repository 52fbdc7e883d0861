"""Tests for sitrep.extract.places.cues: the countries a document is about tip the choice between namesakes."""

from __future__ import annotations

import pytest

from sitrep.extract.places import places
from sitrep.extract.places.cues import group_countries
from sitrep.model import Document


def countries(text: str, name: str) -> set[str | None]:
    doc = places(Document(id="t", text=text, language="en"))
    return {e.country for e in doc.entities for m in e.mentions if m.text == name}


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("FARC guerrillas ambushed an army patrol near Bolivar.", "Bolivar", "CO"),  # not Venezuela's state
        ("The ELN blew up a pipeline near Bolivar.", "Bolivar", "CO"),
        ("FARC rebels attacked a police post in Puerto Rico.", "Puerto Rico", "CO"),  # the Caquetá town
    ],
)
def test_places_cues_group_home_tips_a_namesake(text, name, country):
    assert countries(text, name) == {country}


def test_places_cues_without_a_group_the_prior_decides():
    assert countries("Gunmen ambushed an army patrol near Bolivar.", "Bolivar") == {"VE"}


def test_places_cues_group_countries_by_name_and_abbreviation():
    text = "The Revolutionary Armed Forces of Colombia and the PKK; pkk in lower case is not the abbreviation."
    assert group_countries(text, "en", None) == {"CO": 1, "TR": 1}
