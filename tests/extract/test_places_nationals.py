"""Tests for sitrep.extract.places.nationals: a people's adjective before the feature word that introduces a name
("the northern Iraqi town of Riyadh", «в иракском городе Эр-Рияд») puts the name in that country: its candidate
there, else a place the gazetteer does not know, held by the country."""

from __future__ import annotations

import pytest
from tagged import tagged

from sitrep.extract.places import places
from sitrep.extract.places.nationals import national
from sitrep.extract.places.recognition import Toponym
from sitrep.model import Entity


def run(text: str, lang: str = "en") -> dict[str, Entity]:
    doc = places(tagged(text, lang))
    return {m.text: e for e in doc.entities for m in e.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "name", "country"),
    [
        # no town of the name in that country: the country holds it (not Saudi Arabia's capital)
        ("en", "Three bombs exploded in the northern Iraqi town of Riyadh.", "Riyadh", "IQ"),
        ("ru", "Взрыв произошёл в иракском городе Эр-Рияд.", "Эр-Рияд", "IQ"),
        # a place of the name in that country: that one (Afghanistan's district, not India's city)
        ("en", "A bomb exploded in the Afghan town of Ghaziabad.", "Ghaziabad", "AF"),
        ("en", "A bomb exploded in the Pakistani city of Sui.", "Sui", "PK"),  # not China's Suizhou
    ],
)  # fmt: skip
def test_nationals_the_adjective_puts_the_town_in_its_country(lang: str, text: str, name: str, country: str) -> None:
    ent = run(text, lang)[name]
    assert ent.country == country


def test_nationals_a_town_the_adjective_agrees_with_stays_itself() -> None:
    ent = run("A bomb exploded in the Iraqi town of Ramadi.")["Ramadi"]
    assert ent.country == "IQ" and ent.geo is not None and ent.geo.precision == 1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("in the northern Iraqi town of Riyadh", "IQ"),
        ("in the Afghan capital Riyadh", "AF"),
        ("near the Afghan-Pakistani border town of Riyadh", None),  # two countries: neither
        ("in the Russian Federation State Riyadh", None),  # a capitalised word is a name's, no feature word
        ("Iraqi officials said the town of Riyadh", None),  # the adjective is not the feature word's
    ],
)
def test_nationals_only_the_adjective_of_the_feature_word_counts(text: str, country: str | None) -> None:
    start = text.index("Riyadh")
    assert national(text, Toponym(start, start + len("Riyadh"), []), "en") == country
