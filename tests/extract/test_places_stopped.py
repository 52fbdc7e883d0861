"""Tests for sitrep.extract.places.stopped: stop-listed names that the words around them make places."""

from __future__ import annotations

from sitrep.extract.places import places
from sitrep.model import Document


def located(text: str) -> dict[str, list[str | None]]:
    doc = places(Document(id="t", text=text, language="en"))
    out: dict[str, list[str | None]] = {}
    for e in doc.entities:
        for m in e.mentions:
            out.setdefault(m.text, []).append(e.country)
    return out


def test_stopped_a_feature_word_or_a_container_makes_a_stop_word_a_place():
    assert located("Fighting erupted in the town of Hit in Anbar province.")["Hit"] == ["IQ"]
    found = located("Two boys were hospitalized in the city of Van, Turkey. The doctor of the hospital in Van said.")
    assert found["Van"] == ["TR", "TR"]
    assert located("Sioux Falls, S.D. and Surprise, Ariz., were picked.")["Surprise"] == ["US"]


def test_stopped_a_stop_word_without_such_words_stays_a_word():
    found = located("A van exploded near Kabul. Van Morrison sang in Van Nuys. It was a surprise hit.")
    assert not {"Van", "van", "Hit", "hit", "surprise"} & set(found)


def test_stopped_a_division_word_after_a_stop_word_makes_it_that_division():
    """The division word in "Baskale, Van province" makes Van the province of Van, which holds the town: a
    place inside a group's name elsewhere ("Kurdistan Workers Party") cannot move it to another country."""
    text = "A bomb planted by the Kurdistan Workers Party exploded in Baskale, Van province."
    doc = places(Document(id="t", text=text, language="en"))
    kinds = {m.text: (e.type, e.country) for e in doc.entities for m in e.mentions}
    assert kinds["Van"] == ("admin_area", "TR")
    assert kinds["Baskale"][1] == "TR"
    assert located("Gunmen attacked a checkpoint in Hit district.")["Hit"] == ["IQ"]
