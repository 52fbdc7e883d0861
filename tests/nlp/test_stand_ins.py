"""Verbs the tagger reads as nouns, parsed again with a stand-in verb (sitrep.nlp.stand_ins)."""

from __future__ import annotations

import sitrep


def _token(doc: sitrep.Document, word: str):
    return next(t for t in doc.layers.tokens if t.text == word)


def test_stand_ins_a_shot_after_its_subject_is_the_verb_shoot() -> None:
    doc = sitrep.analyze("Unidentified gunmen shot and killed an American soldier near the market.")
    shot = _token(doc, "shot")
    assert (shot.text, shot.lemma, shot.pos) == ("shot", "shoot", "VERB")
    assert all(doc.text[t.start : t.end] == t.text for t in doc.layers.tokens)  # offsets index the text
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert attack.actors and attack.fatalities is not None and attack.fatalities.best == 1


def test_stand_ins_a_shot_after_be_is_a_participle() -> None:
    doc = sitrep.analyze("Giuntini owned the cafe in which Rossi and his bodyguard were shot.")
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert [doc.entity(a).name for a in attack.actors] == []  # the cafe's owner did not shoot them
    assert _token(doc, "shot").lemma == "shoot"


def test_stand_ins_a_shot_with_a_determiner_stays_a_noun() -> None:
    doc = sitrep.analyze("A warning shot and a volley followed the order.")
    assert _token(doc, "shot").pos == "NOUN"


def test_stand_ins_shook_after_its_subject_is_the_verb_shake() -> None:
    text = (
        "A bomb explosion shook the U.S. Embassy in Damascus, causing some damage, on the eve of the signing of the "
        "peace treaty between Egypt and Israel."
    )
    doc = sitrep.analyze(text)
    assert _token(doc, "shook").lemma == "shake"
    assert [e for e in doc.events if e.type == "ASSAULT"]  # the blast is no longer lost under a noun "shook"


def test_stand_ins_the_marks_of_a_plural_subject_before_shot_are_the_subjects() -> None:
    doc = sitrep.analyze("Two unidentified assailants shot and killed a teacher in Doda.")
    assert _token(doc, "shot").lemma == "shoot"
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert attack.fatalities is not None and attack.fatalities.best == 1  # the teacher, not the two assailants
    warning = sitrep.analyze("Police fired a warning shot at the crowd in Kandahar.")
    assert _token(warning, "shot").pos == "NOUN"


def test_stand_ins_a_singular_attacker_before_shot_is_its_subject() -> None:
    doc = sitrep.analyze("An unidentified gunman shot a former militant to death in Baghdad.")
    assert _token(doc, "shot").lemma == "shoot"
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert attack.fatalities is not None and attack.fatalities.best == 1
    assert _token(sitrep.analyze("A warning shot was fired in Baghdad."), "shot").pos == "NOUN"


def test_stand_ins_sank_after_its_subject_is_the_verb_sink() -> None:
    doc = sitrep.analyze("The Sri Lankan navy sank three rebel boats off Jaffna.")
    sank = _token(doc, "sank")
    assert (sank.lemma, sank.pos) == ("sink", "VERB")
    assert [e for e in doc.events if e.type == "ASSAULT"]  # boats sunk: an attack at sea (verb_objects)
