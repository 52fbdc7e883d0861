"""Tests for sitrep.extract.places.shortnames: a division named in full, then by its bare name."""

from __future__ import annotations

from sitrep.extract.places import places
from sitrep.model import Document


def mentions(text: str) -> dict[str, str]:
    doc = places(Document(id="t", text=text, language="en"))
    return {m.text: e.name for e in doc.entities for m in e.mentions}


def test_shortnames_the_bare_name_of_a_county_named_in_full_is_the_county():
    text = (
        "A boy was found unresponsive in Gwinnett County on Monday. He was pronounced dead at Gwinnett Medical "
        "Center. Deputies in Avoyelles Parish seized guns; the Avoyelles task force found more."
    )
    found = mentions(text)
    assert found["Gwinnett"] == found["Gwinnett County"] == "Gwinnett County"
    assert found["Avoyelles"] == "Avoyelles Parish"


def test_shortnames_a_person_or_a_longer_name_is_no_county():
    text = (
        "Daniel Boone lived in Boone County. Boone said he would stay. Sheriff Boone agreed. "
        "The Scott West team won in Scott County."
    )
    found = mentions(text)
    assert "Boone" not in found and "Scott" not in found and found["Boone County"] == "Boone County"
