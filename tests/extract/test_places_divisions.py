"""Tests for sitrep.extract.places.resolution: a name a feature word makes a division is no town abroad, and a
division spelled otherwise is still found."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.extract.places import places
from sitrep.model import Document


def located(text: str) -> dict[str, set[tuple[str | None, str | None]]]:
    doc = places(Document(id="t", text=text, language="en"))
    out: dict[str, set[tuple[str | None, str | None]]] = {}
    for e in doc.entities:
        for m in e.mentions:
            out.setdefault(m.text, set()).add((e.country, e.geo.admin1 if e.geo else None))
    return out


def test_a_province_is_no_town_of_another_country():
    text = "The doctor was in Kenya to attend medical camps in Nyanza province. The group is quarantined in Nairobi."
    assert located(text)["Nyanza"] == {("KE", None)}  # Kenya's province (the gazetteer lacks it), not Rwanda's town


def analysed(text: str) -> dict[str, str | None]:
    doc = sitrep.analyze(text, published="2005-01-01")
    return {m.text: e.country for e in doc.entities if e.is_place for m in e.mentions}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot a district official in Fariab province on Monday.",
        "Gunmen shot a district official in Fariab Province on Monday. The attack aimed to disrupt the vote in Fariab.",
    ],
)
def test_a_province_spelled_otherwise_is_that_province_and_so_is_its_bare_name(text):
    """Faryab, Afghanistan, spelled otherwise; not Iran's town of Fariab (the bare name too: the province named)."""
    assert set(analysed(text).values()) == {"AF"}


def test_a_town_called_by_another_of_its_names_does_not_set_the_document():
    """ "Shahi Mosque" (Qa'em Shahr, Iran, was once Shahi) does not move Kushtia, Bangladesh, out of its country."""
    text = "A bomb exploded at a market in Kushtia. Another went off near the Shahi Mosque an hour later."
    assert analysed(text)["Kushtia"] == "BD"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed a policeman in Zabol province.",
        "Taliban fighters attacked a government office in the Atghar district, Zabol Province.",
    ],
)
def test_divisions_a_province_only_a_county_abroad_is_called_is_the_province_spelled_otherwise(text: str) -> None:
    # Iran has a county (and a town) called Zabol; the province is Afghanistan's Zabul
    doc = sitrep.analyze(text, published="2005-06-01")
    assert any(e.name == "Zabul" and e.country == "AF" for e in doc.entities)
