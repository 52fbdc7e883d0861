"""Tests for sitrep.extract.places.coded: what coders wrote of a town's name. A town found only by another spelling,
in a country no other place of the document lies in, is not the one meant when coders put the name as written
mostly elsewhere ("Madaen": Iraq, not Yemen's Al Madan); an unknown town lies where coders put it."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.knowledge import gazetteer as gz
from sitrep.knowledge import reported


def place_of(text: str) -> tuple[str, str | None]:
    doc = sitrep.analyze(text, published="2005-06-01")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    ent = doc.entity(ev.location)
    assert ent is not None
    return ent.name, ent.country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A car bomb exploded near a police patrol in Madaen, killing two policemen.", "Madaen"),
        ("A car bomb exploded near a mosque in Habbaniya, killing four people.", "Habbaniya"),
    ],
)
def test_coded_a_town_known_only_by_another_spelling_abroad_is_where_coders_put_the_name(text, name) -> None:
    assert not gz.lookup(name) and reported.countries(name).get("IQ", 0) >= 0.6  # the premise: coders' Iraq
    assert {p.country_code for p in gz.loose(name)} - {"IQ"}  # and a namesake abroad by another spelling
    assert place_of(text) == (name, "IQ")


def test_coded_the_namesake_stays_when_the_document_is_about_its_country() -> None:
    assert place_of("Gunmen attacked a police post in Madaen, south of Sanaa, Yemen.")[1] == "YE"
