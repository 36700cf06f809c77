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

import regex
from rapidfuzz.distance import Levenshtein

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*|\p{N}+(?:[.,]\p{N}+)*|[^\s\p{L}\p{N}]")
_TERM = regex.compile(r"[\p{L}\p{N}\p{M}]+")
_MAX_CASE_PENALTY = 3
_MAX_PUNCTUATION_PENALTY = 3
_NUMBER_PENALTY = 2


def tokens(text: str) -> list[str]:
    """Words, numbers and punctuation marks, in order."""
    return _TOKEN.findall(text)


def index_terms(text: str) -> list[str]:
    """Case-folded letter and digit runs: what the full-text index stores for a source."""
    return [t.casefold() for t in _TERM.findall(text)]


def word_count(text: str) -> int:
    """Words and numbers, as the score counts them."""
    return sum(1 for t in tokens(text) if t[0].isalnum())


def fuzzy_score(query: str, candidate: str) -> int:
    """Match percentage of a stored source against the text looked up."""
    if query == candidate:
        return 100
    query_tokens, candidate_tokens = tokens(query), tokens(candidate)
    query_words = [t for t in query_tokens if t[0].isalnum()]
    candidate_words = [t for t in candidate_tokens if t[0].isalnum()]
    folded_distance = Levenshtein.distance(
        [w.casefold() for w in query_words], [w.casefold() for w in candidate_words]
    )
    longest = max(len(query_words), len(candidate_words))
    base = 100 if longest == 0 else math.floor(100 * (1 - folded_distance / longest))
    case = Levenshtein.distance(query_words, candidate_words) - folded_distance
    punctuation = Levenshtein.distance(
        [t for t in query_tokens if not t[0].isalnum()],
        [t for t in candidate_tokens if not t[0].isalnum()],
    )
    numbers_differ = sorted(t for t in query_words if t[0].isdigit()) != sorted(
        t for t in candidate_words if t[0].isdigit()
    )
    score = (
        base
        - min(case, _MAX_CASE_PENALTY)
        - min(punctuation, _MAX_PUNCTUATION_PENALTY)
        - (_NUMBER_PENALTY if numbers_differ else 0)
    )
    return max(0, min(99, score))


def can_reach(query_words: int, candidate_words: int, minimum: int) -> bool:
    """Whether a length difference still allows `minimum` percent: a cheap pre-filter."""
    longest = max(query_words, candidate_words)
    if longest == 0:
        return True
    return 100 * (1 - abs(query_words - candidate_words) / longest) >= minimum
