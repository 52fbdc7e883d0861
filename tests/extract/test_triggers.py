"""Event triggers and how their phrase refers (generic, definite, distinct), on hand-written parses."""

from __future__ import annotations

from sitrep.extract.context import Context
from sitrep.extract.events.triggers import find, table
from sitrep.knowledge.languages import lexicons

from handparse import parsed


def _found(doc):
    return [
        (doc.text[m.start : m.end], m.trigger.type, m.generic, m.definite, m.distinct) for m in find(Context(doc), [])
    ]


def test_triggers_lexicon_loads_and_every_trigger_has_a_role():
    lex = table(lexicons("en"))
    assert len(lex.singles) > 100 and len(lex.phrases) > 100
    for triggers in lex.singles.values():
        for t in triggers:
            assert t.type or t.has("claim"), t.words


def test_triggers_generic_plural_versus_specific_and_definite():
    doc = parsed("""
Suicide   suicide  NOUN  compound 2  NN
attacks   attack   NOUN  nsubj    4  NNS
are       be       AUX   cop      4  VBP
common    common   ADJ   root     0  JJ
.         .        PUNCT punct    4  .

The       the      DET   det      2  DT
attack    attack   NOUN  nsubj    3  NN
killed    kill     VERB  root     0  VBD
two       two      NUM   nummod   5  CD
people    people   NOUN  obj      3  NNS
.         .        PUNCT punct    3  .

Another   another  DET   det      2  DT
blast     blast    NOUN  nsubj    3  NN
followed  follow   VERB  root     0  VBD
.         .        PUNCT punct    3  .
""")
    assert _found(doc) == [
        ("Suicide attacks", "ASSAULT", True, False, False),
        ("attack", "ASSAULT", False, True, False),
        ("killed", "ASSAULT", False, False, False),
        ("blast", "ASSAULT", False, False, True),
    ]


def test_triggers_lemma_guesses_catch_lemmatizer_slips():
    doc = parsed("""
Troops    troop    NOUN  nsubj  2  NNS
clashed   clashe   VERB  root   0  VBD
.         .        PUNCT punct  2  .
""")
    assert _found(doc) == [("clashed", "ASSAULT", False, False, False)]


def test_triggers_blocked_spans_hold_no_trigger():
    doc = parsed("""
Attack    attack   PROPN  compound 2  NNP
Brigade   Brigade  PROPN  root     0  NNP
""")
    assert find(Context(doc), [(0, len(doc.text))]) == []
