"""Tests for sitrep.extract.places.persons: a person's name among the gazetteer's matches and the tagger's places."""

from __future__ import annotations

import pytest

from sitrep.extract.places.persons import described_people, named_people, no_place_in_name
from sitrep.extract.places.recognition import recognise
from sitrep.knowledge import gazetteer as gz
from sitrep.model import TextSpan

HEALER = (
    "Six masked gunmen broke into the house of Maksharip Belkharoyev, a prominent Islamic faith healer from the "
    "village of Alkhasty, killing him. Belkharoyev had been publicly critical of Wahhabism."
)


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        ("en", HEALER, ["Maksharip Belkharoyev"]),
        ("en", "Givi Tsulaia, an employee of the state customs committee was injured.", ["Givi Tsulaia"]),
        ("en", "injuring Saman and Rattana Pukpobsuk, a chief warrant officer and his wife.", ["Rattana Pukpobsuk"]),
        ("en", "the convoy of Hamid Jawad, a director general at the ministry, was hit.", ["Hamid Jawad"]),
        ("en", "Kunduz, the Taliban's former stronghold, and Jalalabad, a city of farmers, fell.", []),
        ("en", "Alkhasty, a village in the district, and Kabul, the capital, were shelled.", []),
        ("en", "Darmalki, a police checkpoint, and Tikrit, the hometown of the farmer, were hit.", []),
        ("ru", "Максарип Белхароев, известный целитель из села Алхасты, убит.", ["Максарип Белхароев"]),
        ("ru", "Алхасты, село в Сунженском районе, обстреляли.", []),
    ],
)
def test_persons_an_apposition_with_a_person_noun_describes_a_person(lang, text, names):
    assert [text[s:e] for s, e in described_people(text, lang)] == names


def test_persons_a_described_name_is_no_place_even_where_the_tagger_says_so():
    start = HEALER.index("Maksharip")
    ner = [
        TextSpan(start, start + len("Maksharip Belkharoyev"), "LOC"),
        TextSpan(HEALER.index("Alkhasty"), HEALER.index("Alkhasty") + 8, "LOC"),
    ]
    found = [HEALER[m.start : m.end] for m in recognise(HEALER, "en", None, ner)]
    assert found == ["Alkhasty"]


def test_persons_a_word_of_a_described_name_is_a_place_only_where_only_a_place_can_stand():
    text = "Givi Tsulaia, an employee of the customs committee, was injured. Tsulaia was taken to a clinic in Tsulaia."
    ner = [TextSpan(m, m + 7, "LOC") for m in (text.index("Tsulaia was"), text.rindex("Tsulaia"))]
    found = [(m.start, text[m.start : m.end]) for m in recognise(text, "en", None, ner)]
    assert found == [(text.rindex("Tsulaia"), "Tsulaia")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("the Dario Santillan Command", "Dario", True),  # a small town's name before a surname
        ("Givi Tsulaia", "Givi", True),  # a person's name the tagger called an organisation's
        ("the 3rd Marine Infantry Riflemen Battalion", "Marine", True),  # a common word, only another name of a town
        ("the Kandahar Ulema Council", "Kandahar", False),  # a big city names where the council is
        ("the Gori Municipal Council", "Gori", False),  # a common word after the town: its institution
        ("the Mastung Cadet College", "Mastung", False),  # a word of the dictionary, if a rare one
    ],
)
def test_persons_a_place_inside_an_organisations_name(text, name, expected):
    start = text.index(name)
    cands = gz.lookup(name)
    assert cands, name
    assert no_place_in_name(text, (start, start + len(name)), len(text), cands, "en") is expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Gunmen kidnapped a Palestinian Intelligence officer, Sami al-Jour, in Gaza City.", ["Sami al-Jour"]),
        (
            "Gunmen shot a top Interior Ministry aide, Colonel Saad Abbas Fadhil, in Saydiya.",
            ["Colonel Saad Abbas Fadhil"],
        ),
        ("Fighting reached the capital, Kabul, on Monday.", []),  # no person noun before the comma
        ("It killed three villagers, Kandahar officials said.", []),  # no name set off by itself
    ],
)
def test_persons_a_name_after_a_person_noun_and_a_comma_is_that_persons(text, names):
    assert [text[s:e] for s, e in named_people(text, "en")] == names


def test_persons_a_named_persons_later_mentions_are_no_place_in_any_case():
    text = "Gunmen kidnapped an officer, Sami al-Jour, in Gaza City. Al-Jour was wounded."
    ner = [
        TextSpan(text.index("Al-Jour"), text.index("Al-Jour") + 7, "LOC"),
        TextSpan(text.index("Gaza City"), text.index("Gaza City") + 9, "LOC"),
    ]
    assert [text[m.start : m.end] for m in recognise(text, "en", None, ner)] == ["Gaza City"]


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Gunmen seized Professor Riad al-Hamdani outside his home in Tulkarem.", "Riad", False),  # Riyadh's name
        ("Militants shot Sheikh Basra bin Saleh near the market in Zinjibar.", "Basra", False),
        ("President Obama flew to Kabul on Monday.", "Kabul", True),  # no title before it
    ],
)
def test_persons_a_big_citys_name_between_a_title_and_a_name_particle_is_a_first_name(text, name, place) -> None:
    at = text.index(name)
    found = [m for m in recognise(text, "en") if m.start == at]
    assert bool(found) == place
