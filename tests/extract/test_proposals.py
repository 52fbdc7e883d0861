"""Events the trigger words miss, proposed by the learned model (extract/events/proposals.py)."""

from __future__ import annotations

import numpy as np
import pytest

import sitrep
from sitrep.extract.events import build
from sitrep.extract.learned import HASH_BITS, RU_DIMS, Model, bucket
from sitrep.settings import load

TEXT = "Security forces cleared the Bagh-Maidan area of Tirah valley in Khyber district on Sunday."
LABELS = ["Government regains territory", "Looting/property destruction", "Disrupted weapons use", "Other", "none"]


def model(word: str, label: str, detect: float = 0.5) -> Model:
    sparse = np.zeros((len(LABELS), 1 << HASH_BITS), dtype=np.float16)
    sparse[LABELS.index(label), bucket(f"l:{word}")] = 12.0
    dense = np.zeros((len(LABELS), 128 + RU_DIMS), dtype=np.float16)
    return Model(sparse, dense, np.zeros(len(LABELS), dtype=np.float32), LABELS, {"detect_probability": detect})


def rules_doc():
    return sitrep.analyze(TEXT, settings=load({"event_coder": "rules"}))


def test_a_sentence_without_a_trigger_gets_the_models_event_on_its_main_verb() -> None:
    doc = rules_doc()
    assert not [e for e in doc.events if e.acled_sub_event_type]  # the lexicon has no trigger here
    build(doc, model("clear", "Government regains territory"))
    ev = next(e for e in doc.events if e.acled_sub_event_type)
    assert (ev.type, ev.acled_sub_event_type) == ("ASSAULT", "Government regains territory")
    assert [t.text for t in ev.triggers] == ["cleared"] and ev.evidence[0].text == TEXT
    assert ev.location is not None and ev.actors  # roles read as for any trigger
    assert ev.confidence < 0.9


def test_no_proposal_below_the_threshold_or_for_none_or_other() -> None:
    for m in (
        model("clear", "Government regains territory", detect=1.1),
        model("clear", "none"),
        model("clear", "Other"),
    ):
        doc = rules_doc()
        build(doc, m)
        assert not [e for e in doc.events if e.acled_sub_event_type]


def test_sentences_with_a_trigger_of_their_own_get_no_proposal() -> None:
    doc = sitrep.analyze("Gunmen shot dead 4 shopkeepers in Kandahar.", settings=load({"event_coder": "rules"}))
    before = [(e.type, [t.text for t in e.triggers]) for e in doc.events]
    build(doc, model("shopkeeper", "Government regains territory"))
    assert [(e.type, [t.text for t in e.triggers]) for e in doc.events] == before


def test_a_sentence_whose_trigger_words_came_to_nothing_is_read_by_the_model() -> None:
    # "marched" needs an actor and "Thousands of pensioners" is none: the rules keep no event; the model reads one
    text = "Thousands of pensioners marched through the centre of Lyon on Saturday against the pension reform."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    assert not doc.events
    labels = ["Peaceful protest", "none"]
    sparse = np.zeros((2, 1 << HASH_BITS), dtype=np.float16)
    sparse[0, bucket("l:pensioner")] = 12.0
    dense = np.zeros((2, 128 + RU_DIMS), dtype=np.float16)
    m = Model(sparse, dense, np.zeros(2, dtype=np.float32), labels, {"detect_probability": 0.5})
    build(doc, m)
    assert [(e.type, e.acled_sub_event_type) for e in doc.events] == [("PROTEST", "Peaceful protest")]
    assert [t.text for t in doc.events[0].triggers] == ["marched"]


def test_a_proposal_on_a_state_of_affairs_is_dropped() -> None:
    # "were confronting": a progressive tells how things stood, not what happened
    text = "At that time, the rebels were confronting the army in the hills, waging a long sabotage war."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    build(doc, model("rebel", "Government regains territory"))
    assert not [e for e in doc.events if e.acled_sub_event_type]


def test_the_shipped_model_codes_a_march_without_a_named_organiser() -> None:
    text = "Tens of thousands of students marched from the university to parliament in Belgrade on Friday."
    doc = sitrep.analyze(text)
    assert [e.acled_sub_event_type for e in doc.events] == ["Peaceful protest"]


def test_a_trigger_word_inside_a_name_of_a_thing_leaves_the_sentence_to_the_model() -> None:
    # "food aid warehouse": the rules' AID only modifies "warehouse"; the model reads the break-in as looting
    text = "Gang members broke into a food aid warehouse in Port-au-Prince overnight and emptied it of rice."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    assert not doc.events
    build(doc, model("warehouse", "Looting/property destruction"))
    assert [e.acled_sub_event_type for e in doc.events] == ["Looting/property destruction"]


def test_a_weapon_named_in_general_leaves_the_sentence_to_the_model_a_kind_of_event_does_not() -> None:
    handed = "Former fighters brought dozens of hand grenades to a collection point near Bijeljina."  # no trigger word
    habitual = "Attacks on police posts continued in the province throughout the year."
    for text, found in ((handed, ["Disrupted weapons use"]), (habitual, [])):
        doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
        assert not doc.events
        build(doc, model("province" if text == habitual else "point", "Disrupted weapons use"))
        assert [e.acled_sub_event_type for e in doc.events] == found


def test_a_weapon_named_in_general_at_the_start_of_a_text_leaves_the_sentence_to_the_model() -> None:
    # the weapon word is among the text's first three tokens: still a weapon, not a kind of event
    text = "Rifles and grenades filled the trucks that former fighters drove to a collection point near Bijeljina."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    assert not doc.events
    build(doc, model("point", "Disrupted weapons use"))
    assert [e.acled_sub_event_type for e in doc.events] == ["Disrupted weapons use"]


def test_a_proposal_in_a_reported_sentence_sits_on_what_is_reported_not_on_the_verb_of_saying() -> None:
    text = "Security forces cleared the Bagh-Maidan area of Tirah valley on Sunday, officials said."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    build(doc, model("clear", "Government regains territory"))
    ev = next(e for e in doc.events if e.acled_sub_event_type)
    assert [t.text for t in ev.triggers] == ["cleared"]
    names = {e.id: e.name.lower() for e in doc.entities}
    assert not any("official" in names[a] for a in ev.actors)  # the officials tell it; they did not do it


def test_a_short_report_with_no_event_of_the_rules_gets_the_models_event_at_the_lower_threshold() -> None:
    doc = rules_doc()  # one sentence, no trigger word of the lexicon
    found = model("clear", "Government regains territory", detect=0.99)
    found.detect_probability_short = 0.3
    build(doc, found)
    assert any(e.acled_sub_event_type == "Government regains territory" for e in doc.events)
    longer = sitrep.analyze(
        " ".join([TEXT] * 2 + ["The ministry published a statement.", "It was brief."]),
        settings=load({"event_coder": "rules"}),
    )
    build(longer, found)  # four sentences: the usual threshold
    assert not any(e.acled_sub_event_type == "Government regains territory" for e in longer.events)


def test_the_lower_threshold_never_reads_a_sentence_of_a_report_that_told_its_event() -> None:
    text = "Gunmen attacked a police post in Quetta on Monday. Security forces cleared the area."
    doc = sitrep.analyze(text, settings=load({"event_coder": "rules"}))
    found = model("clear", "Government regains territory", detect=0.99)
    found.detect_probability_short = 0.3
    build(doc, found)
    assert not any(e.acled_sub_event_type == "Government regains territory" for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake struck the city of Herat on Saturday.",
        "A storm hit the town of Galle on Monday.",
        "Землетрясение обрушилось на город Герат в субботу.",
    ],
)
def test_proposals_what_a_natural_hazard_strikes_is_no_event(text: str) -> None:
    assert sitrep.analyze(text, published="2024-05-15").events == []
