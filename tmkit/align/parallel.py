"""Parallel alignment of a document and its translation: monotonic dynamic programming.

Beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3 are priced by the Gale–Church length model
(character lengths, target/source ratio estimated from the two documents, variance 6.8)
plus a lexical-anchor term: numbers and capitalised words, transliterated to Latin so that
Cyrillic and Latin names can meet and compared by their first letters (cognates), scored by
Dice overlap. The search keeps to a band around the diagonal, so time and memory grow
linearly with the length of the documents.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import regex
from anyascii import anyascii

from tmkit.phrases import PhraseAutomaton, fold_with_offsets

# Gale & Church's bead priors (1993), with a small share for 3-1 and 1-3.
BEAD_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.005,
    (0, 1): 0.005,
    (2, 1): 0.0445,
    (1, 2): 0.0445,
    (2, 2): 0.011,
    (3, 1): 0.005,
    (1, 3): 0.005,
}
VARIANCE = 6.8
BAND = 20
ANCHOR_WEIGHT = 4.0
COGNATE_PREFIX = 4
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = regex.compile(r"(?<=\S\s+)\p{Lu}[\p{L}\p{M}'’\-]+")


@dataclass(slots=True)
class Bead:
    """One step of an alignment: source and target sentence indices, and a score in [0, 1]."""

    src: list[int]
    tgt: list[int]
    score: float

    @property
    def kind(self) -> str:
        """`1-1`, `2-1`, `0-1`…"""
        return f"{len(self.src)}-{len(self.tgt)}"


def anchors(sentence: str) -> frozenset[str]:
    """Numbers and (non-initial) capitalised words, transliterated, as cognate prefixes."""
    found = {"#" + n.replace(",", ".") for n in _NUMBER.findall(sentence)}
    for word in _CAPITALISED.findall(sentence):
        latin = anyascii(word).lower()
        if len(latin) >= COGNATE_PREFIX:
            found.add(latin[:COGNATE_PREFIX])
    return frozenset(found)


def phrase_anchors(sentences: list[str], phrases: list[str]) -> list[set[str]]:
    """For each sentence, `#g<k>` for every phrase k it holds (folded, whole words), found
    with one Aho–Corasick automaton over all the phrases."""
    automaton = PhraseAutomaton((phrase, f"#g{k}") for k, phrase in enumerate(phrases))
    found: list[set[str]] = [set() for _ in sentences]
    if not automaton.payloads:
        return found
    for number, sentence in enumerate(sentences):
        for _, _, ids, _ in automaton.matches(fold_with_offsets(sentence)[0]):
            found[number].update(ids)
    return found


def _length_probability(source: int, target: int, ratio: float) -> float:
    """Two-tailed probability of the length difference under Gale–Church's model."""
    if source == 0 and target == 0:
        return 1.0
    mean = (source + target / ratio) / 2
    delta = (target - source * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE)
    return max(1e-12, math.erfc(abs(delta) / math.sqrt(2)))


def align_parallel(
    source: list[str],
    target: list[str],
    band: int = BAND,
    lexicon: list[tuple[str, str]] | None = None,
) -> list[Bead]:
    """Align two sentence lists monotonically; every sentence appears in exactly one bead.

    `lexicon` pairs (a glossary's terms and their renderings) are anchors too: a source
    sentence holding a pair's term meets a target sentence holding its rendering."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead([i], [], 0.0) for i in range(n)] + [Bead([], [j], 0.0) for j in range(m)]
    pairs = lexicon or []
    src = _Side(source, phrase_anchors(source, [term for term, _ in pairs]))
    tgt = _Side(target, phrase_anchors(target, [rendering for _, rendering in pairs]))
    ratio = max(tgt.prefix[-1], 1) / max(src.prefix[-1], 1)
    steps = [(di, dj, -math.log(prior)) for (di, dj), prior in BEAD_PRIORS.items()]
    longest = max(di for di, _ in BEAD_PRIORS)
    # Costs are kept for the last few rows only; each row's best steps as one byte a cell
    # (index + 1 into `steps`), so memory is a few bytes a cell of the band.
    costs: dict[int, dict[int, float]] = {}
    back: list[tuple[int, bytearray]] = []
    for i in range(n + 1):
        centre = round(i * m / n)
        low, high = max(0, centre - band), min(m, centre + band)
        row: dict[int, float] = {0: 0.0} if i == 0 else {}
        marks = bytearray(high - low + 1)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            best = math.inf
            best_step = -1
            for index, (di, dj, prior_cost) in enumerate(steps):
                if di > i or dj > j:
                    continue
                previous = (row if di == 0 else costs.get(i - di, {})).get(j - dj)
                if previous is None:
                    continue
                total = previous + _bead_cost(src, tgt, i, di, j, dj, ratio)[0] + prior_cost
                if total < best:
                    best, best_step = total, index
            if best_step >= 0:
                row[j] = best
                marks[j - low] = best_step + 1
        costs[i] = row
        costs.pop(i - longest - 1, None)
        back.append((low, marks))
    if m not in costs[n]:
        return align_parallel(source, target, band * 2, lexicon)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        low, marks = back[i]
        di, dj, _ = steps[marks[j - low] - 1]
        score = _bead_cost(src, tgt, i, di, j, dj, ratio)[1]
        beads.append(Bead(list(range(i - di, i)), list(range(j - dj, j)), round(score, 4)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


class _Side:
    """One document's sentences as the search needs them: prefix sums of lengths, and the
    anchors of every run of 1 to 3 sentences ending at each position."""

    def __init__(self, sentences: list[str], extra: list[set[str]]) -> None:
        self.prefix = [0, *itertools.accumulate(len(s) for s in sentences)]
        single = [anchors(s) | found for s, found in zip(sentences, extra, strict=True)]
        longest = max(di for di, _ in BEAD_PRIORS)
        # runs[k][end] = union of the anchors of sentences[end - k : end]
        self.runs: list[list[frozenset[str]]] = [[]]
        for k in range(1, longest + 1):
            self.runs.append(
                [
                    frozenset().union(*single[max(0, end - k) : end])
                    for end in range(len(single) + 1)
                ]
            )

    def length(self, end: int, count: int) -> int:
        return self.prefix[end] - self.prefix[end - count]


def _bead_cost(
    src: _Side, tgt: _Side, i: int, di: int, j: int, dj: int, ratio: float
) -> tuple[float, float]:
    """Cost of aligning the di source sentences ending at i with the dj target sentences
    ending at j, and the bead's score in [0, 1]."""
    if di == 0 or dj == 0:
        return 0.0, 0.0
    length = _length_probability(src.length(i, di), tgt.length(j, dj), ratio)
    cost = -math.log(length)
    left, right = src.runs[di][i], tgt.runs[dj][j]
    if not left and not right:
        return cost, length
    dice = 2 * len(left & right) / (len(left) + len(right))
    return cost + ANCHOR_WEIGHT * (1 - dice), (length + dice) / 2
