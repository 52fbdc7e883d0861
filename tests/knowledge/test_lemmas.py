"""The English lemma tables (sitrep.knowledge.lemmas) that repair the trained lemmatizer's misses."""

from __future__ import annotations

import pytest

from sitrep.knowledge.lemmas import english


@pytest.mark.parametrize(
    ("word", "lemma", "pos", "want"),
    [
        ("imposed", "impos", "VERB", "impose"),  # a lemma that is no word is repaired by the suffix rules
        ("pledging", "pledg", "VERB", "pledge"),
        ("bombed", "bombe", "VERB", "bomb"),
        ("went", "went", "VERB", "go"),  # irregular forms
        ("militiamen", "militiamen", "NOUN", "militiaman"),
        ("killed", "kill", "VERB", "kill"),  # a known lemma stays
        ("Taliban", "Taliban", "PROPN", "Taliban"),  # names are never touched
        ("Taliban", "Taliban", "NOUN", "Taliban"),  # nor words the tables do not know
    ],
)
def test_lemmas_repair_only_lemmas_that_are_no_word(word, lemma, pos, want) -> None:
    assert english().repair(word, lemma, pos) == want


def test_lemmas_tables_cover_the_parts_of_speech() -> None:
    tables = english()
    assert {"verb", "noun", "adj", "adv"} <= set(tables.known)
    assert len(tables.known["verb"]) > 5000 and "attack" in tables.known["verb"]


def test_lemmas_know_english_words_of_any_part_of_speech():
    tables = english()
    assert tables.is_known("chevron") and tables.is_known("Chevron") and tables.is_known("quickly")
    assert not tables.is_known("karabala")
