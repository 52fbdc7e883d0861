"""Tests for sitrep.extract.places.resolution: one place per name in a document, and a division no town abroad."""

from __future__ import annotations

import re

from sitrep.extract.places import places
from sitrep.extract.places.recognition import Toponym
from sitrep.extract.places.resolution import _one_sense
from sitrep.knowledge import gazetteer as gz
from sitrep.model import Document


def located(text: str) -> dict[str, set[tuple[str | None, str | None]]]:
    doc = places(Document(id="t", text=text, language="en"))
    out: dict[str, set[tuple[str | None, str | None]]] = {}
    for e in doc.entities:
        for m in e.mentions:
            out.setdefault(m.text, set()).add((e.country, e.geo.admin1 if e.geo else None))
    return out


def test_a_name_said_again_keeps_the_place_of_its_first_mention():
    text = "Augusta mourns. She began at the Augusta Herald; Augusta friends, and friends in Augusta, Maine, wept."
    towns = {p.admin1: p for p in gz.lookup("Augusta") if p.country_code == "US"}
    georgia, maine = towns["Georgia"], towns["Maine"]
    starts = [m.start() for m in re.finditer("Augusta", text)]
    mentions = [Toponym(s, s + 7, [georgia, maine]) for s in starts]
    for m, place in zip(mentions, [georgia, maine, maine, maine], strict=True):
        m.place = place
    mentions[3].cues[maine.key] = 6.0  # "Augusta, Maine": a cue of its own
    _one_sense(text, mentions)
    assert [m.place for m in mentions] == [georgia, georgia, georgia, maine]


def test_a_province_is_no_town_of_another_country():
    text = "The doctor was in Kenya to attend medical camps in Nyanza province. The group is quarantined in Nairobi."
    assert located(text)["Nyanza"] == {("KE", None)}  # Kenya's province (the gazetteer lacks it), not Rwanda's town
