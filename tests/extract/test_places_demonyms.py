"""Tests for sitrep.extract.places.demonyms: a people's adjective before a part of its land names the country."""

from __future__ import annotations

import pytest

from sitrep.extract.places import places
from sitrep.model import Document


def demonyms(text: str, lang: str = "en") -> dict[str, str]:
    """The demonym mentions of the document: their text -> their country's code."""
    doc = places(Document(id="t", text=text, language=lang))
    return {m.text: e.country for e in doc.entities for m in e.mentions if m.kind == "demonym"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Missile systems are set up by the Georgian town of Gori.", "en", {"Georgian": "GE"}),
        ("Rockets hit Iraqi towns and Syrian soil.", "en", {"Iraqi": "IQ", "Syrian": "SY"}),
        ("The Sri Lankan capital Colombo was calm.", "en", {"Sri Lankan": "LK"}),
        ("Взрыв произошёл в иракском городе Мосул, боевики обстреляли сирийские сёла.", "ru",
         {"иракском": "IQ", "сирийские": "SY"}),
        # a descriptive region that holds the demonym keeps it ("territory of Lebanon")
        ("The army fired into Lebanese territory.", "en", {}),
        # a nationality or a party, no place
        ("Georgian troops fired on the Iraqi government's convoy.", "en", {}),
        ("Иракские военные открыли огонь.", "ru", {}),
    ],
)
def test_demonyms_name_the_country_only_before_a_part_of_its_land(text, lang, expected):
    assert demonyms(text, lang) == expected


def test_demonyms_the_country_mention_keeps_the_town_and_the_capital():
    text = "He flew to the Sudanese capital Khartoum, then to the Georgian town of Gori."
    doc = places(Document(id="t", text=text, language="en"))
    found = {m.text: (e.name, m.kind) for e in doc.entities for m in e.mentions}
    assert found["Sudanese"] == ("Sudan", "demonym") and found["Sudanese capital"] == ("Khartoum", "description")
    assert found["Gori"][0] == "Gori" and found["Georgian"] == ("Georgia", "demonym")


def test_demonyms_a_region_described_by_a_demonym_stays_the_region():
    doc = places(Document(id="t", text="The threat has decreased in many Afghan provinces.", language="en"))
    assert [(e.name, [m.kind for m in e.mentions]) for e in doc.entities] == [
        ("provinces of Afghanistan", ["description"])
    ]
