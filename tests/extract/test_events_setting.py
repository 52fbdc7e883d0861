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


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen killed an Iraqi contractor who worked with US forces in Siniya when they opened fire on him. "
         "Contractors who work with US forces are the frequent target of attack in Iraq.", "Siniya"),
        ("A Turkish truck driver was killed when gunmen attacked his truck near the city of Belet. Those who work "
         "with US forces are the frequent target of insurgent attack in Iraq.", "Belet"),
    ],
)  # fmt: skip
def test_setting_an_unknown_place_takes_the_country_of_the_places_not_of_the_nationalities(text, place) -> None:
    """An unknown town takes the one country the document's places lie in, not the one of "US forces" or "a
    Turkish truck driver" (which left it no country before)."""
    assert place_of(text) == (place, "IQ")


def test_setting_an_unknown_place_takes_no_country_when_the_places_disagree() -> None:
    text = "Gunmen attacked a bus near Belet. The bus had come from Iraq and was going to Syria."
    assert place_of(text)[1] is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Palestinian militants fired five rockets at Israel from Northern Gaza, but no one was hurt.", "Israel", "IL"),
        ("Militants fired two rockets at the town of Ashkelon from the Gaza Strip.", "Ashkelon", "IL"),
        ("Rebels fired mortars at Kabul from Logar province.", "Kabul", "AF"),
        ("Two mortar shells landed in Gaza. No casualties were caused.", "Gaza", "PS"),
        # where it landed hangs elsewhere in the sentence than the launch verb's phrases
        ("A rocket fired from the Gaza Strip landed near the town of Netivot. No one was hurt.", "Netivot", "IL"),
        # a bloc of settlements the gazetteer lacked, not Saudi Arabia's Qatif
        ("Five mortar shells were fired at a Qatif Bloc settlement. No one was hurt.", "Gush Katif", "PS"),
        # a region the gazetteer lacked, whose name put it in the launch site's territory
        ("A mortar was fired toward the western Negev from the Gaza Strip. No one was hurt.", "western Negev", "IL"),
    ],
)
def test_setting_a_launched_weapon_is_placed_where_it_was_aimed_not_where_it_came_from(text, name, country) -> None:
    """ACLED places shelling where it lands: the place a rocket was fired from is no location while another is
    named; "Gaza" alone is the Palestinian city, not Mozambique's province."""
    assert place_of(text) == (name, country)


@pytest.mark.parametrize(
    "text",
    [
        "A firebomb was hurled at an Israeli car near the settlement of Shavey Shomron.  No one was hurt.",
        "Palestinian militants fired three mortars at the Netzarim settlement. No injuries were caused.",
    ],
)
def test_setting_an_unknown_settlement_in_a_report_on_israel_lies_in_the_occupied_territories(text) -> None:
    """RAND (West Bank/Gaza) and ACLED (Palestine) code Israeli settlements in the territories they lie in."""
    assert place_of(text)[1] == "PS"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("An explosion near the settlement of Bosnjacka Mahala damaged a house.", None),  # no report on Israel
        ("Two Qassam rockets were fired at the Sderot settlement. Hamas claimed the attack.", "IL"),  # a known town
    ],
)
def test_setting_a_settlement_elsewhere_or_known_keeps_its_country(text, country) -> None:
    assert place_of(text)[1] == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a name reporting put in one country, where nothing else in the text tells ("Iskandariyah" is also an
        # alternate name of Alexandria, Egypt)
        ("Gunmen stormed a school in Iskandariyah and shot four teachers.", "IQ"),
        # a town the gazetteer does not know, which reporting put in Iraq
        ("A roadside bomb killed two policemen in Jalawla on Monday.", "IQ"),
        # a name spelled otherwise than the gazetteer's, in a name of two words
        ("A car bomb exploded near a mosque in Tuz Khormato, killing six people.", "IQ"),
        # a common word that names a town after "the city of"
        ("A bomb exploded at a bus stop in the city of Van, wounding three people.", "TR"),
    ],
)
def test_setting_reporting_tells_where_a_town_of_that_name_lies(text: str, country: str) -> None:
    assert place_of(text)[1] == country


def test_setting_a_country_modifying_a_common_noun_is_no_location() -> None:
    assert place_of("A Lebanese engineer working on US reconstruction projects in Iraq was kidnapped by gunmen.") == (
        "Iraq", "IQ",
    )
    assert place_of("Gunmen fired on soldiers near the Pakistan border in Kunar.")[1] == "AF"


def test_setting_a_holy_month_is_no_place() -> None:
    doc = sitrep.analyze("A district chief was shot dead by gunmen while saying his evening Ramadan prayers.")
    assert not any(e.is_place for e in doc.entities)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # where a journey came from or went to is not where the attack happened
        ("Two aid workers were kidnapped in Iraq as they were returning from the Jordanian embassy in Amman.", "Iraq"),
        ("Gunmen ambushed five guards who were driving to Kirkuk; the attack occurred in Tikrit.", "Tikrit"),
        # an organisation's home is not where its reporter was seized
        ("A reporter for the Dubai-based daily was kidnapped by gunmen in Baghdad.", "Baghdad"),
    ],
)
def test_setting_a_stop_on_a_journey_or_a_home_base_is_not_where(text: str, place: str) -> None:
    doc = sitrep.analyze(text, published="2005-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert [m.text for m in doc.entity(ev.location).mentions] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the landmark a bearing is taken from is not where, while the place it leads to is named
        ("Gunmen attacked a police patrol in Yusufiyah, south of Baghdad, killing four policemen.", "Yusufiyah"),
        ("Five pilgrims were shot dead by gunmen near Tarmiyah, north of Baghdad.", "Tarmiyah"),
        # alone, the landmark is the best the text gives
        ("A roadside bomb exploded 30 km south of Kirkuk, killing two soldiers.", "Kirkuk"),
    ],
)
def test_setting_the_landmark_of_a_bearing_is_not_where(text: str, place: str) -> None:
    doc = sitrep.analyze(text, published="2005-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert [m.text for m in doc.entity(ev.location).mentions] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a country named in passing, the town the event happened in later in its sentences
        ("Gunmen opened fire on members of a Sunni party, the largest Sunni party in Iraq, as they hung posters in "
         "Mosul.", "Mosul"),
        ("Gunmen kidnapped two Lebanese engineers who were working in Iraq. Gunmen burst into the home of the "
         "engineers in Baghdad and kidnapped them.", "Baghdad"),
    ],
)  # fmt: skip
def test_setting_an_event_placed_in_a_country_takes_the_town_its_sentences_name_there(text: str, place: str) -> None:
    assert place_of(text) == (place, "IQ")
