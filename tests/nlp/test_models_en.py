"""The committed English pipeline sitrep/models/en_sitrep: it loads with spaCy alone and analyses sensibly.

The sentences are hand-written news/analysis prose; the assertions are the things a reasonable small model gets
right (scores on the test sets are in sitrep/models/en_sitrep/scores.json, written by scripts/train_en.py).
"""

from __future__ import annotations

import json
from functools import cache

import pytest
import spacy
from spacy.language import Language

from sitrep.knowledge.files import model_path

MODEL = model_path("en_sitrep")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="en_sitrep is not trained (scripts/train_en.py)"),
]

HERSH = "Renowned journalist Seymour Hersh said the group has bases in Pakistan."
MILITANTS = "The militants attacked two checkpoints in the province."


@cache
def nlp() -> Language:
    return spacy.load(MODEL)


def test_en_sitrep_meta_names_the_pipeline() -> None:
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "en_sitrep", "0.1.0")


def test_en_sitrep_has_all_components() -> None:
    assert nlp().pipe_names == [
        "tok2vec",
        "tagger",
        "morphologizer",
        "parser",
        "trainable_lemmatizer",
        "ner",
        "space_ruler",
    ]


def test_en_sitrep_ner_labels_are_conll() -> None:
    assert set(nlp().get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}


def test_en_sitrep_scores_file_has_test_scores() -> None:
    scores = json.loads((MODEL / "scores.json").read_text(encoding="utf-8"))
    assert 0.9 < scores["ewt_test"]["pos_acc"] <= 1.0
    assert 0.7 < scores["ewt_test"]["dep_las"] <= 1.0
    assert 0.7 < scores["conll2003_test"]["ents_f"] <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HERSH, {("Seymour Hersh", "PER"), ("Pakistan", "LOC")}),
        (
            "Renowned journalist Seymour Hersh said the Taliban has bases in Pakistan.",
            {("Seymour Hersh", "PER"), ("Taliban", "ORG"), ("Pakistan", "LOC")},
        ),
        ("The Taliban fought ISIS fighters near Kabul in 2015.", {("Taliban", "ORG"), ("Kabul", "LOC")}),
        ("Angela Merkel met Emmanuel Macron in Berlin on Tuesday.", {("Angela Merkel", "PER"), ("Berlin", "LOC")}),
        (
            "Microsoft and the United Nations signed an agreement in Geneva.",
            {("Microsoft", "ORG"), ("United Nations", "ORG"), ("Geneva", "LOC")},
        ),
    ],
)
def test_en_sitrep_ner_finds_names(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= {(ent.text, ent.label_) for ent in nlp()(text).ents}


@pytest.mark.parametrize("text", [HERSH, MILITANTS])
def test_en_sitrep_ner_ignores_descriptions(text: str) -> None:
    assert not [ent.text for ent in nlp()(text).ents if ent.text in {"the group", "group", "militants", "province"}]


def test_en_sitrep_entities_never_include_whitespace() -> None:
    doc = nlp()("The attack was claimed by ISIS\n\nThe Taliban denied it.\nOfficials in Kabul  declined to comment.")
    assert doc.ents
    assert all(ent.text == ent.text.strip() for ent in doc.ents)


def test_en_sitrep_tags_whitespace_as_space() -> None:
    doc = nlp()("Officials in Kabul declined to comment.\n\nThe Taliban denied it.")
    assert [t.pos_ for t in doc if t.is_space] == ["SPACE"]


@pytest.mark.parametrize(
    ("text", "word", "pos", "lemma"),
    [
        (MILITANTS, "attacked", "VERB", "attack"),
        (MILITANTS, "checkpoints", "NOUN", "checkpoint"),
        (MILITANTS, "militants", "NOUN", "militant"),
        ("Officials said the talks were going well.", "were", "AUX", "be"),
        ("Officials said the talks were going well.", "said", "VERB", "say"),
        ("Angela Merkel met Emmanuel Macron in Berlin on Tuesday.", "met", "VERB", "meet"),
    ],
)
def test_en_sitrep_tags_and_lemmatises(text: str, word: str, pos: str, lemma: str) -> None:
    token = next(t for t in nlp()(text) if t.text == word)
    assert (token.pos_, token.lemma_) == (pos, lemma)


@pytest.mark.parametrize(
    ("text", "subject", "verb", "obj"),
    [
        (MILITANTS, "militants", "attacked", "checkpoints"),
        ("Police arrested three suspects after the bombing.", "Police", "arrested", "suspects"),
    ],
)
def test_en_sitrep_parses_subject_and_object(text: str, subject: str, verb: str, obj: str) -> None:
    by_text = {t.text: t for t in nlp()(text)}
    assert (by_text[subject].dep_, by_text[subject].head.text) == ("nsubj", verb)
    assert (by_text[obj].dep_, by_text[obj].head.text) == ("obj", verb)
    assert by_text[verb].dep_ == "ROOT"


def test_en_sitrep_splits_sentences() -> None:
    text = (
        "The attack killed over 140 civilians. ISKP later claimed responsibility for it. "
        "The investigation is still ongoing."
    )
    assert [s.text.strip() for s in nlp()(text).sents] == [
        "The attack killed over 140 civilians.",
        "ISKP later claimed responsibility for it.",
        "The investigation is still ongoing.",
    ]
