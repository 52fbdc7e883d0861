import pytest

from sitrep.extract.context import Context
from sitrep.extract.stance import stance

from handparse import parsed

HEDGED = """
Experts      expert       NOUN  nsubj  3
widely       widely       ADV   advmod 3
accept       accept       VERB  root   0
the          the          DET   det    5
involvement  involvement  NOUN  obj    3
of           of           ADP   case   7
ISKP         ISKP         PROPN nmod   5
in           in           ADP   case   10
the          the          DET   det    10
attack       attack       NOUN  nmod   5
.            .            PUNCT punct  3
"""

ACCORDING = """
According    accord       VERB  case       3
to           to           ADP   fixed      1
Sadat        Sadat        PROPN obl        9
,            ,            PUNCT punct      3
the          the          DET   det        6
attacks      attack       NOUN  nsubj:pass 9
could        could        AUX   aux        9
be           be           AUX   aux:pass   9
planned      plan         VERB  root       0
in           in           ADP   case       11
Balochistan  Balochistan  PROPN obl        9
,            ,            PUNCT punct      11
where        where        ADV   advmod     17
the          the          DET   det        15
council      council      NOUN  nsubj:pass 17
is           be           AUX   aux:pass   17
based        base         VERB  acl:relcl  11
.            .            PUNCT punct      9
"""

SAID = """
Hersh     Hersh    PROPN nsubj  2
said      say      VERB  root   0
that      that     SCONJ mark   6
ISKP      ISKP     PROPN nsubj  6
will      will     AUX   aux    6
attack    attack   VERB  ccomp  2
Moscow    Moscow   PROPN obj    6
.         .        PUNCT punct  2
"""

DENIED = """
The       the      DET   det    2
Taliban   Taliban  PROPN nsubj  3
denied    deny     VERB  root   0
carrying  carry    VERB  xcomp  3
out       out      ADP   compound:prt 4
the       the      DET   det    7
attack    attack   NOUN  obj    4
.         .        PUNCT punct  3
"""

IF_CLAUSE = """
If        if       SCONJ mark   3
ISKP      ISKP     PROPN nsubj  3
attacks   attack   VERB  advcl  6
,         ,        PUNCT punct  6
it        it       PRON  nsubj  6
loses     lose     VERB  root   0
.         .        PUNCT punct  6
"""


def _at(doc, word):
    return next(t.i for t in doc.layers.tokens if t.text == word)


def _text(doc, span):
    return doc.text[span[0] : span[1]]


def test_stance_hedging_verb_marks_hedged_and_names_the_experts():
    doc = parsed(HEDGED)
    st = stance(Context(doc), _at(doc, "attack"))
    assert st.modality == "hedged"
    assert _text(doc, st.source) == "Experts"


def test_stance_according_to_is_reported_and_the_relative_clause_is_not_hedged():
    doc = parsed(ACCORDING)
    ctx = Context(doc)
    planned = stance(ctx, _at(doc, "planned"))
    based = stance(ctx, _at(doc, "based"))
    assert planned.modality == "hedged" and _text(doc, planned.source) == "According to Sadat"
    assert based.modality == "reported" and _text(doc, based.source) == "According to Sadat"


def test_stance_future_inside_reported_speech_wins_over_reported():
    doc = parsed(SAID)
    st = stance(Context(doc), _at(doc, "attack"))
    assert st.modality == "future" and _text(doc, st.source) == "Hersh"


@pytest.mark.parametrize(
    "table, word, modality", [(DENIED, "attack", "negated"), (IF_CLAUSE, "attacks", "hypothetical")]
)
def test_stance_negation_and_condition(table, word, modality):
    doc = parsed(table)
    assert stance(Context(doc), _at(doc, word)).modality == modality


def test_stance_plain_statement_is_asserted_without_source():
    doc = parsed("""
Gunmen   gunman  NOUN  nsubj  2
attacked attack  VERB  root   0
a        a       DET   det    4
bus      bus     NOUN  obj    2
.        .       PUNCT punct  2
""")
    st = stance(Context(doc), 1)
    assert st.modality == "asserted" and st.source is None


RULED_OUT = """
Police    police   NOUN  nsubj        4
did       do       AUX   aux          4
not       not      PART  neg          4
rule      rule     VERB  root         0
out       out      ADP   compound:prt 4
that      that     SCONJ mark         8
gunmen    gunman   NOUN  nsubj        8
attacked  attack   VERB  ccomp        4
the       the      DET   det          10
post      post     NOUN  obj          8
.         .        PUNCT punct        4
"""

PRELIMINARY = """
According    accord       VERB  case   4
to           to           ADP   fixed  1
preliminary  preliminary  ADJ   amod   4
reports      report       NOUN  obl    7
,            ,            PUNCT punct  4
gunmen       gunman       NOUN  nsubj  7
attacked     attack       VERB  root   0
the          the          DET   det    9
post         post         NOUN  obj    7
.            .            PUNCT punct  7
"""


def test_stance_not_ruling_out_hedges_and_names_who_does_not():
    doc = parsed(RULED_OUT)
    st = stance(Context(doc), _at(doc, "attacked"))
    assert st.modality == "hedged" and _text(doc, st.source) == "Police"


def test_stance_a_source_not_yet_sure_hedges_what_it_says():
    doc = parsed(PRELIMINARY)
    st = stance(Context(doc), _at(doc, "attacked"))
    assert st.modality == "hedged" and _text(doc, st.source) == "According to preliminary reports"
