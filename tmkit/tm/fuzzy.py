"""Fuzzy match percentages as CAT tools compute them: token edit distance, with penalties.

score = 100 for identical text; otherwise
  base  = 100 × (1 − word-level Levenshtein distance / longer word count), case folded
  minus 1 per word differing only in case (at most 3),
  minus 1 per edit in the punctuation (at most 3),
  minus 2 when the numbers differ,
capped at 99 and floored at 0 — so only identical text is a 100% match.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat

from rapidfuzz.distance import Levenshtein

# Words (a letter, then letters, digits, apostrophes, hyphens) and numbers.
_WORD_OR_NUMBER = r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*"
_WORDS = re.compile(_WORD_OR_NUMBER)
# The same, and punctuation marks: a mark is one character, so taking it as a token or
# skipping it (as _WORDS does) leaves the same words.
_TOKEN = re.compile(_WORD_OR_NUMBER + r"|[^\w\s]")
_MAX_CASE_PENALTY = 3
_MAX_PUNCTUATION_PENALTY = 3
_NUMBER_PENALTY = 2


def _split(text: str) -> tuple[list[str], list[str]]:
    """Words and numbers, and punctuation marks, each in order."""
    words: list[str] = []
    marks: list[str] = []
    for token in _TOKEN.findall(text):
        (words if token[0].isalnum() else marks).append(token)
    return words, marks


def index_terms(text: str) -> list[str]:
    """Case-folded words and numbers: what the TM stores and the score compares."""
    return list(map(str.casefold, _WORDS.findall(text)))


def base_score(query_terms: list[str], candidate_terms: list[str]) -> int:
    """The case-folded word-level percentage: an upper bound of fuzzy_score for non-identical
    text, cheap enough to try on every candidate."""
    longest = max(len(query_terms), len(candidate_terms))
    if longest == 0:
        return 100
    return math.floor(100 * (1 - Levenshtein.distance(query_terms, candidate_terms) / longest))


def fuzzy_score(query: str, candidate: str) -> int:
    """Match percentage of a stored source against the text looked up."""
    if query == candidate:
        return 100
    query_words, query_marks = _split(query)
    candidate_words, candidate_marks = _split(candidate)
    folded_query = [w.casefold() for w in query_words]
    folded_candidate = [w.casefold() for w in candidate_words]
    base = base_score(folded_query, folded_candidate)
    case = Levenshtein.distance(query_words, candidate_words) - Levenshtein.distance(
        folded_query, folded_candidate
    )
    punctuation = Levenshtein.distance(query_marks, candidate_marks)
    numbers_differ = sorted(w for w in query_words if w[0].isdigit()) != sorted(
        w for w in candidate_words if w[0].isdigit()
    )
    score = (
        base
        - min(case, _MAX_CASE_PENALTY)
        - min(punctuation, _MAX_PUNCTUATION_PENALTY)
        - (_NUMBER_PENALTY if numbers_differ else 0)
    )
    return max(0, min(99, score))


def best_of(
    found: list[tuple[int, int]], more: list[tuple[int, int]], limit: int
) -> list[tuple[int, int]]:
    """The `limit` best (unit id, match %) of two such lists, best first, each unit once."""
    scores = dict(found)
    for unit_id, score in more:
        scores[unit_id] = max(score, scores.get(unit_id, score))
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]


def length_bound(words: int, other: int) -> int:
    """The best percentage a text of `other` words can score against one of `words` words."""
    return math.floor(100 * min(words, other) / max(words, other, 1))


def best_by_groups(
    best: list[tuple[int, int]],
    found: list[tuple[int, int, int]],
    words: int,
    score_group: Callable[[list[int]], list[tuple[int, int]]],
    limit: int,
    group_size: int = 100,
) -> list[tuple[int, int]]:
    """The `limit` best matches, `best` and the candidates `found` (unit id, its length in
    words, prefix words shared) together: candidates scored `group_size` at a time, those
    whose length allows the best score first, until no group left can beat the `limit`
    matches in hand (a tie could change which of equals comes first, so it is scored)."""
    ordered = sorted(
        ((length_bound(words, length), shared, unit) for unit, length, shared in found),
        key=lambda candidate: (-candidate[0], -candidate[1], candidate[2]),
    )
    for start in range(0, len(ordered), group_size):
        group = ordered[start : start + group_size]
        if len(best) == limit and best[-1][1] > group[0][0]:
            break
        best = best_of(best, score_group([unit for _, _, unit in group]), limit)
    return best


def terms_needed(words: int, minimum: int) -> int:
    """How many query words a match at `minimum` percent must share at least one of: a unit
    within p% of an n-word query differs from it in at most n(1 − p)/p words."""
    if minimum <= 0:
        return words
    most_differing = math.floor(words * (100 - min(minimum, 100)) / max(minimum, 1))
    return min(words, most_differing + 1)


# The lowest look-up minimum the prefix index serves (amaGama's default; lower ones read
# every posting).
INDEXED_MINIMUM = 70


def length_range(words: int, minimum: int) -> tuple[int, int]:
    """The word counts a unit can have and still score `minimum` against `words` words: the
    score is at most 100·shorter/longer."""
    if minimum <= 0:
        return 0, 2**31 - 1
    share = min(minimum, 100) / 100
    return math.floor(words * share), math.ceil(words / share)


def prefix_terms(terms: list[str], ranks: Mapping[str, int], minimum: int) -> set[str]:
    """The words of a unit (or a query) that a match at `minimum` must share with the other
    side's: its n − ⌈n·minimum/100⌉ + 1 rarest word occurrences, rarest first by `ranks`
    (a fixed order: a word's number of units when the memory first held it; a word the
    memory has never held comes first).

    Why it holds: a match at p% of an n- and an m-word text leaves at least p·max(n, m) words
    unchanged, so the two texts share at least that many word occurrences (the second "the"
    counting as a word of its own); two sets sharing α elements, both sorted in one order,
    share an element among their first n − α + 1 and m − α + 1 (the prefix filter of
    set-similarity joins, Chaudhuri et al. 2006). A memory indexes each unit's prefix for
    INDEXED_MINIMUM, longer than a higher minimum needs; a query takes its own."""
    size = len(terms) - math.ceil(len(terms) * min(minimum, 100) / 100) + 1
    if size <= 0:
        return set()
    # Sorted, a word's occurrences sit together: the first `size` are the rarest occurrences.
    # (Keys made by map and zip, in C: a Python key function per word was a fifth of an import.)
    ranked = sorted(zip(map(ranks.get, terms, repeat(-1)), terms, strict=True))
    return {term for _, term in ranked[:size]}


def scored(
    text: str,
    candidates: Iterable[tuple[int, str, list[str], str | None, int]],
    minimum: int,
    context: str | None,
    limit: int,
) -> list[tuple[int, int]]:
    """(unit id, match %) of the best candidates, best first: each candidate is (id, source
    text, its index terms, its context, its origin's penalty); the cheap word-level bound
    sorts out most before the full score; an exact match in the same context scores 101; the
    penalty comes off before `minimum` applies, as OmegaT's penalty folders do."""
    terms = index_terms(text)
    scores: dict[int, int] = {}
    for unit_id, source, stored_terms, stored_context, penalty in candidates:
        if unit_id in scores:
            continue
        if source != text and base_score(terms, stored_terms) - penalty < minimum:
            continue
        score = fuzzy_score(text, source)
        if score == 100 and context is not None and stored_context == context:
            score = 101
        score = max(0, score - penalty)
        if score >= minimum:
            scores[unit_id] = score
    best = sorted(scores, key=lambda unit_id: (-scores[unit_id], unit_id))[:limit]
    return [(unit_id, scores[unit_id]) for unit_id in best]
