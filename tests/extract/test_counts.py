"""The learned count chooser (extract/counts.py): its candidates, when it changes a count, and when it stays out of
the way."""

from __future__ import annotations

import json

import numpy as np

import sitrep
from sitrep.extract import counts
from sitrep.extract.counts import MODEL, Reader, choose
from sitrep.extract.learned import HASH_BITS, Model, bucket, hashed, read_model
from sitrep.settings import load

RULES = load({"event_coder": "rules"})
MARKET = (
    "A car bomb exploded near a market in Mosul on Tuesday, killing a police captain. "
    "Hospital officials said 9 people died, including 3 children, and 17 were hurt."
)


def toy(feature: str, strength: float = 40.0, sure: float = 0.5, sure_none: float = 0.5) -> Model:
    """A chooser that is sure of a candidate with ``feature`` and says no to any other."""
    sparse = np.zeros((2, 1 << HASH_BITS), dtype=np.float16)
    sparse[1, bucket(feature)] = strength
    bias = np.array([0.0, -4.0], dtype=np.float32)
    meta = {
        "labels": ["no", "yes"],
        "languages": ["en"],
        "probability": dict.fromkeys(counts.FIELDS, sure),
        "none_probability": dict.fromkeys(counts.FIELDS, sure_none),
    }
    return Model(sparse, np.zeros((2, 0), dtype=np.float16), bias, ["no", "yes"], meta)


def attack(doc):
    return next(e for e in doc.events if e.type == "ASSAULT")


def test_the_shipped_model_reads_and_says_what_it_was_trained_on() -> None:
    model = read_model(MODEL, "choose")
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["choose"]
    assert model.labels == ["no", "yes"] and model.sparse.shape == (2, 1 << HASH_BITS)
    assert meta["languages"] == ["en"]
    for field in counts.FIELDS:
        assert 0 < meta["probability"][field] <= 1.1 and 0 < meta["none_probability"][field] <= 1.1
    assert meta["training"]["rand_train_records"] > 1000 and meta["training"]["right"] > 100
    size = sum(p.stat().st_size for p in MODEL.iterdir())
    assert size < 5_000_000


def test_candidates_are_the_numbers_near_the_attack_the_rules_answer_and_none() -> None:
    doc = sitrep.analyze(MARKET, settings=RULES)
    ev = attack(doc)
    found = Reader(doc).candidates(ev, "fatalities")
    values = [c.value for c in found]
    assert {9, 3, 17} <= set(values) and values[-1] == 0  # "none" comes last
    nine = next(c for c in found if c.value == 9)
    assert nine.mention is not None and doc.text[nine.mention.start : nine.mention.end] == "9"
    assert "killed|w+1:people" in nine.names and "killed|near:same" in nine.names
    three = next(c for c in found if c.value == 3)
    assert "killed|part_before" in three.names or "killed|w-1:part" in three.names
    hurt = next(c for c in Reader(doc).candidates(ev, "injuries") if c.value == 17)
    assert "hurt|near:same" in hurt.names  # "17 were hurt": an injury word beside it


def test_a_sure_model_replaces_the_rules_count_and_an_unsure_one_does_not() -> None:
    doc = sitrep.analyze(MARKET, settings=RULES)
    before = attack(doc).fatalities
    choose(doc, toy("killed|w+1:people"))  # sure of the number before "people"
    ev = attack(doc)
    assert ev.fatalities is not None and ev.fatalities.best == 9 and ev.fatalities.text == "9"
    assert before is None or before.best != 9 or before == ev.fatalities
    doc = sitrep.analyze(MARKET, settings=RULES)
    rules = [(e.fatalities, e.injuries) for e in doc.events]
    choose(doc, toy("killed|w+1:people", strength=2.0, sure=0.9, sure_none=0.9))  # not sure enough
    assert [(e.fatalities, e.injuries) for e in doc.events] == rules


def test_a_sure_none_takes_a_count_away() -> None:
    doc = sitrep.analyze("Gunmen fired on a bus near Quetta; two passengers were wounded.", settings=RULES)
    assert attack(doc).injuries is not None
    choose(doc, toy("hurt|none"))
    assert attack(doc).injuries is None


def test_another_language_and_the_rules_setting_change_nothing(monkeypatch) -> None:
    text = "Боевики обстреляли блокпост в Дагестане, погибли двое полицейских."
    assert [e.fatalities for e in sitrep.analyze(text).events] == [
        e.fatalities for e in sitrep.analyze(text, settings=RULES).events
    ]
    calls = []
    monkeypatch.setattr(counts, "choose", lambda doc, model: calls.append(doc) or doc)
    counts.make(RULES).func(sitrep.analyze(MARKET, settings=RULES))
    assert calls == []
    counts.make(load({})).func(sitrep.analyze(MARKET, settings=RULES))
    assert len(calls) == 1


def test_texts_with_no_attack_or_no_words_pass_through() -> None:
    for text in ("...", "Killed.", "1 2 3 killed 4 wounded", "The council met on Friday to discuss the budget."):
        doc = sitrep.analyze(text)
        assert all(e.fatalities is None for e in doc.events if e.type != "ASSAULT")
        choose(doc, toy("killed|none"))  # a toy model sure of every "none": no count is left, nothing breaks
        assert all(e.fatalities is None for e in doc.events if e.type == "ASSAULT")


def test_hashed_is_binary_unit_length() -> None:
    idx, vals = hashed(["a", "b", "a"])
    assert len(idx) == 2 and abs(float(vals @ vals) - 1.0) < 1e-6
