"""Spans and Intervals answer position questions by binary search: the same answers as a scan of every span."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from sitrep.extract.spans import Intervals, Spans


@dataclass
class S:
    start: int
    end: int


def _random_spans(rng: random.Random, n: int, empty: bool = True) -> list[S]:
    out = []
    for _ in range(n):
        a = rng.randrange(0, 200)
        out.append(S(a, a + rng.randrange(0 if empty else 1, 15)))
    return sorted(out, key=lambda s: s.start)


@pytest.mark.parametrize("seed", range(20))
def test_spans_answers_equal_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    items = _random_spans(rng, rng.randrange(0, 60))
    spans = Spans(items)
    for _ in range(50):
        lo = rng.randrange(-5, 210)
        hi = lo + rng.randrange(0, 40)
        assert spans.within(lo, hi) == [x for x in items if lo <= x.start and x.end <= hi]
        assert spans.starting_in(lo, hi) == [x for x in items if lo <= x.start < hi]
        assert spans.overlapping(lo, hi) == [x for x in items if x.start < hi and x.end > lo]
        assert spans.ending_in(lo, hi) == [x for x in items if lo <= x.end <= hi]
        keep = [x for x in items if x.end <= hi and x.start % 2 == 0]
        assert spans.last_before(hi, lambda x: x.start % 2 == 0) is (keep[-1] if keep else None)


def test_spans_out_of_order_falls_back_to_a_scan() -> None:
    items = [S(10, 12), S(0, 3), S(5, 9)]
    spans = Spans(items)
    assert not spans.sorted
    assert spans.within(0, 12) == items
    assert spans.last_before(9, lambda x: True) is items[2]


@pytest.mark.parametrize("seed", range(20))
def test_intervals_overlap_as_the_stages_always_tested_it(seed: int) -> None:
    rng = random.Random(seed)
    kept: list[tuple[int, int]] = []
    taken = Intervals()
    for _ in range(80):
        a = rng.randrange(0, 150)
        b = a + rng.randrange(0, 10)
        expected = any(not (b <= x or a >= y) for x, y in kept)
        assert taken.overlaps(a, b) is expected
        assert sorted(taken.overlapping(a, b)) == sorted((x, y) for x, y in kept if not (b <= x or a >= y))
        if rng.random() < 0.5:
            kept.append((a, b))
            taken.add(a, b)


def test_intervals_an_empty_stretch_inside_a_kept_one_overlaps_it() -> None:
    taken = Intervals([(5, 10)])
    assert taken.overlaps(7, 7) and not taken.overlaps(10, 12) and not taken.overlaps(0, 5)
    assert Intervals([(7, 7)]).overlaps(5, 10)  # a kept empty stretch blocks what strictly contains it
