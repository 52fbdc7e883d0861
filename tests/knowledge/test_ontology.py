"""How sure an event is (sitrep/knowledge/ontology.py confidence)."""

from __future__ import annotations

import itertools

from sitrep.knowledge.ontology import confidence, ontology


def test_an_event_told_in_a_clause_of_another_is_less_sure_than_one_in_the_main_clause() -> None:
    main = confidence(0.6, 2, 1, "asserted")
    assert confidence(0.6, 2, 1, "asserted", depth=0) == main
    assert confidence(0.6, 2, 1, "asserted", depth=1) < main
    assert confidence(0.6, 2, 1, "asserted", depth=5) <= confidence(0.6, 2, 1, "asserted", depth=1)


def test_the_factors_by_depth_do_not_grow_with_depth() -> None:
    factors = ontology()["confidence_by_depth"]
    assert factors[0] == 1.0 and all(a >= b for a, b in itertools.pairwise(factors))
