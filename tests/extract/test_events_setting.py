"""Where an event is placed (extract/events/setting.py, with the places stage): a country heading a summary, an
unknown place put in a known one."""

from __future__ import annotations

import pytest

import sitrep


def place_of(text: str) -> tuple[str, str | None]:
    doc = sitrep.analyze(text, published="1990-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    ent = doc.entity(ev.location)
    return ent.name, ent.country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the heading's country, not the country of the victims' firm or their nationality
        ("GUATEMALA.  Gunmen fired on the offices of a Mexican airline whose headquarters are in Mexico City.", "GT"),
        ("HAITI.  Three gunmen kidnapped a US diplomat and held him in the residence of the US ambassador.", "HT"),
        ("BOLIVIA.  A bomb damaged the car of a German aid official from Berlin.", "BO"),
        # a name of several words in capitals
        ("SRI LANKA. A bomb exploded on a bus near the market, killing 12 passengers.", "LK"),
        ("EL SALVADOR. Gunmen killed a mayor in his office.", "SV"),
    ],
)
def test_setting_a_country_heading_a_summary_places_its_events(text: str, country: str) -> None:
    assert place_of(text)[1] == country


def test_setting_a_heading_weighs_the_names_of_its_country() -> None:
    # "San Jose" is first of all the American city; under a Costa Rican heading it is the capital
    text = "COSTA RICA.  A small bomb exploded outside the offices of a US company in San Jose."
    assert place_of(text) == ("San José", "CR")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a village the gazetteer does not know, in or near a known town or district: the village, at its point
        ("Militants killed a farmer in Chakpora village near Sopore.", "Chakpora"),
        ("Gunmen shot dead a rubber tapper at Kampung Tepus in Narathiwat province.", "Kampung Tepus"),
        # a neighbourhood of a town is the town's, as ACLED and RAND code it
        ("Gunmen shot a shopkeeper in the Amil neighbourhood of Baghdad.", "Baghdad"),
    ],
)
def test_setting_an_unknown_place_is_more_specific_than_its_container(text: str, place: str) -> None:
    assert place_of(text)[0] == place


def test_setting_under_a_heading_the_first_word_is_no_place_and_the_placeholder_takes_the_country():
    doc = sitrep.analyze("EL SALVADOR. Gunmen killed a mayor in his office.", published="2024-05-15")
    (ev,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert "Gunmen" not in [e.name for e in doc.entities if e.is_place]  # a word opening a sentence is no place
    assert {r.actor for r in ev.responsibility} <= set(ev.actors)  # the placeholder named with the country


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A bomb exploded at the Baghdad International Airport.", "Baghdad"),  # first in the name
        ("Gunmen shot dead the president of the American University of Beirut.", "Beirut"),  # after "of"
        ("A bomb exploded outside the People's Assembly of the Republic of Dagestan.", "Dagestan"),
        ("A bomb exploded outside a branch of the Piraeus Bank.", "Piraeus"),  # big enough to be meant
    ],
)
def test_setting_a_place_in_an_organisations_name_says_where(text: str, place: str) -> None:
    assert place_of(text)[0] == place


def test_setting_a_hamlet_inside_a_party_name_is_no_place() -> None:
    # "Janata" is a hamlet in Pakistan, not where a member of the Bharatiya Janata Party was shot
    doc = sitrep.analyze("Militants shot dead a member of the Bharatiya Janata Party after entering his house.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.location is None or doc.entity(ev.location).name != "Janata"
