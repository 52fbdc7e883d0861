"""Reading the parse: heads, subtrees, clauses, case markers."""

from __future__ import annotations

from sitrep.extract.tree import Parse

from handparse import parsed

DOC = parsed("""
According  accord   VERB  case      3
to         to       ADP   fixed     1
Hersh      Hersh    PROPN obl       8
,          ,        PUNCT punct     3
the        the      DET   det       6
group      group    NOUN  nsubj     8
clearly    clearly  ADV   advmod    8
fought     fight    VERB  root      0
the        the      DET   det       10
Taliban    Taliban  PROPN obj       8
,          ,        PUNCT punct     14
but        but      CCONJ cc        14
it         it       PRON  nsubj     14
lost       lose     VERB  conj      8
.          .        PUNCT punct     8
""")


def test_deps_case_marker_includes_fixed_words():
    assert Parse(DOC).case_of(2) == "according to"


def test_deps_subtree_span_trims_edge_punctuation():
    p = Parse(DOC)
    start, end = p.span_of_subtree(2)
    assert DOC.text[start:end] == "According to Hersh"


def test_deps_clause_span_leaves_out_coordinated_clauses():
    p = Parse(DOC)
    start, end = p.clause_span(9)
    assert DOC.text[start:end] == "According to Hersh, the group clearly fought the Taliban"


def test_deps_token_lookup_and_paths():
    p = Parse(DOC)
    assert p.token_at(DOC.text.index("Taliban")) == 9
    assert p.head_of_span(DOC.text.index("the group"), DOC.text.index("the group") + 9) == 5
    assert p.path_length(5, 9) == 2 and p.path_length(9, 9) == 0
    assert p.kids(7, "nsubj") == [5]


def test_deps_kids_match_a_relation_with_its_subtypes():
    p = Parse(parsed("""
The        the      DET   det        2
attack     attack   NOUN  nsubj:pass 4
was        be       AUX   aux:pass   4
foiled     foil     VERB  root       0
yesterday  yesterday NOUN obl:tmod   4
.          .        PUNCT punct      4
"""))
    assert p.kids(3, "nsubj") == [1] and p.kids(3, "aux:pass") == [2] and p.kids(3, "obl") == [4]
    assert p.kids(3, "obl:npmod") == [] and p.kids(3) == [1, 2, 4, 5]


def test_a_name_before_the_subordinator_is_not_the_clause_subject():
    # the parse hung the victim's name on "opened" beside "they": "killed an employee, Ashraf Rahman, when they
    # opened fire" -- Rahman is the employee, not one of those who fired
    doc = parsed("""
Gunmen     gunman   NOUN  nsubj     2
killed     kill     VERB  root      0
an         a        DET   det       4
employee   employee NOUN  obj       2
,          ,        PUNCT punct     2
Rahman     Rahman   PROPN nsubj     10
,          ,        PUNCT punct     10
when       when     ADV   advmod    10  WRB
they       they     PRON  nsubj     10
opened     open     VERB  conj      2
fire       fire     NOUN  obj       10
.          .        PUNCT punct     2
""")
    assert Parse(doc).subject_chain(9) == [8]


def test_an_adverb_between_two_subjects_is_no_subordinator():
    # "Bangladesh has once again outright rejected": the parse took "outright" for a second subject
    doc = parsed("""
Bangladesh Bangladesh PROPN nsubj   5
has        have       AUX   aux     5
again      again      ADV   advmod  5  RB
outright   outright   ADJ   nsubj   5
rejected   reject     VERB  root    0
it         it         PRON  obj     5
.          .          PUNCT punct   5
""")
    assert Parse(doc).subject_chain(4) == [0, 3]


SAID = parsed("""
Officials  official  NOUN  nsubj     2
said       say       VERB  root      0
Serbia     Serbia    PROPN nsubj     4
rejected   reject    VERB  ccomp     2
an         an        DET   det       6
ultimatum  ultimatum NOUN  obj       4
to         to        PART  mark      8
hand       hand      VERB  acl       6
over       over      ADP   compound:prt 8
a          a         DET   det       11
guard      guard     NOUN  obj       8
involved   involve   VERB  acl       11
in         in        ADP   case      15
a          a         DET   det       15
shooting   shooting  NOUN  obl       12
.          .         PUNCT punct     2
""")


def test_clause_depth_counts_the_verbs_above_a_word_but_not_one_of_saying_above_what_is_said():
    p, saying = Parse(SAID), frozenset({"say"})
    assert p.clause_depth(3, saying) == 0  # "rejected": what the officials said is the main clause
    assert p.clause_depth(7, saying) == 1  # "hand over" the ultimatum's
    assert p.clause_depth(14, saying) == 3  # "shooting", under "involved", "hand" and "rejected"
    assert p.clause_depth(3, frozenset()) == 1  # "said" counts when it is no verb of saying
