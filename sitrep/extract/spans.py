"""Spans found by position: the mentions, dates or numbers that lie in, start in or overlap a stretch of text.

A stage that asks "which dates are in this sentence?" for every sentence would scan the whole document each
time; :class:`Spans` answers by binary search over the start offsets, so a question costs the size of its answer
(plus a logarithm).  Answers keep the order of the list it was built from.  That list must be in text order
(by ``start``); when it is not, every question falls back to a plain scan, with the same answers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


class Spans(Generic[S]):
    def __init__(self, items: Sequence[S]):
        self.items = list(items)
        self.starts = [x.start for x in self.items]
        self.sorted = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.longest = max((x.end - x.start for x in self.items), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[S]:
        return iter(self.items)

    def _from(self, lo: int, hi: int) -> list[S]:
        """Items whose start is in [lo, hi] (inclusive), in order."""
        if not self.sorted:
            return [x for x in self.items if lo <= x.start <= hi]
        return self.items[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]

    def within(self, lo: int, hi: int) -> list[S]:
        """Items with lo <= start and end <= hi."""
        return [x for x in self._from(lo, hi) if x.end <= hi]

    def starting_in(self, lo: int, hi: int) -> list[S]:
        """Items with lo <= start < hi."""
        return [x for x in self._from(lo, hi) if x.start < hi]

    def overlapping(self, lo: int, hi: int) -> list[S]:
        """Items with start < hi and end > lo (sharing at least one character with [lo, hi))."""
        return [x for x in self._from(lo - self.longest, hi) if x.start < hi and x.end > lo]

    def ending_in(self, lo: int, hi: int) -> list[S]:
        """Items with lo <= end <= hi."""
        return [x for x in self._from(lo - self.longest, hi) if lo <= x.end <= hi]

    def last_before(self, offset: int, keep: Callable[[S], bool]) -> S | None:
        """The last item (in list order) that ends at or before ``offset`` and that ``keep`` accepts."""
        if not self.sorted:
            found = [x for x in self.items if x.end <= offset and keep(x)]
            return found[-1] if found else None
        for k in range(bisect_right(self.starts, offset) - 1, -1, -1):  # later items start after offset
            x = self.items[k]
            if x.end <= offset and keep(x):
                return x
        return None


class Intervals:
    """A growing set of [start, end) stretches: does a new one overlap any kept so far?

    The test is the one the stages always used, ``not (end <= a or start >= b)`` for every kept (a, b), so an
    empty stretch inside a kept one overlaps it, and a kept empty stretch blocks what strictly contains it.
    """

    def __init__(self, spans: Sequence[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self.longest = 0
        for a, b in spans:
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect_left(self._starts, start - self.longest)  # a kept (a, b) with b > start has a > start - longest
        hi = bisect_left(self._starts, end)  # ... and one that overlaps has a < end
        return any(not (end <= a or start >= b) for a, b in self._spans[lo:hi])

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The kept stretches that overlap [start, end), in order of start."""
        lo = bisect_left(self._starts, start - self.longest)
        hi = bisect_left(self._starts, end)
        return [(a, b) for a, b in self._spans[lo:hi] if not (end <= a or start >= b)]

    def __len__(self) -> int:
        return len(self._spans)
