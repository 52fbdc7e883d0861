"""Tests for sitrep.extract.places.resolution: a name a feature word makes a division is no town abroad."""

from __future__ import annotations

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
