"""Stretches of a text (start, end), found by the stretch they overlap with a binary search:
a paragraph of one long line may hold thousands of quotations or glossary matches, and a
scan of them all for each sentence or word is quadratic."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator


class Spans:
    """Spans, nested and overlapping ones too, sorted once."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._reach: list[int] = []  # the furthest end of the spans up to each
        for _, end in self._spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The spans that overlap (start, end), in order."""
        for index in range(bisect_right(self._reach, start), len(self._spans)):
            span = self._spans[index]
            if span[0] >= end:
                break
            if span[1] > start:
                yield span

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps (start, end): the first one looked at, if any does."""
        return next(self.overlapping(start, end), None) is not None
