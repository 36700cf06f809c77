"""Fuzzy match percentages as CAT tools compute them: token edit distance, with penalties.

score = 100 for identical text; otherwise
  base  = 100 × (1 − word-level Levenshtein distance / longer word count), case folded
  minus 1 per word differing only in case (at most 3),
  minus 1 per edit in the punctuation (at most 3),
  minus 2 when the numbers differ,
capped at 99 and floored at 0 — so only identical text is a 100% match. In scripts written
without spaces (Chinese, Japanese kana, Thai…) each character is a word.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

from rapidfuzz.distance import Levenshtein

from tmkit.scripts import (
    UNSPACED,
    UNSPACED_PATTERN,
    UNSPACED_RANGES,
    holds_unspaced,
    letters_of,
    visible,
)

# Words (a letter, then letters, digits, apostrophes, hyphens) and numbers.
_WORD_OR_NUMBER = r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*"
_WORDS = re.compile(_WORD_OR_NUMBER)
# The same, and punctuation marks: a mark is one character, so taking it as a token or
# skipping it (as _WORDS does) leaves the same words.
_TOKEN = re.compile(_WORD_OR_NUMBER + r"|[^\w\s]")
_UNSPACED_LETTER = letters_of(UNSPACED_RANGES)
_UNSPACED_CHARACTER = re.compile(UNSPACED_PATTERN)
_WORD_OR_NUMBER_OR_CHARACTER = (
    f"[{_UNSPACED_LETTER}]|[^\\W\\d_{UNSPACED}][^\\W{UNSPACED}]*(?:['’\\-]+[^\\W{UNSPACED}]*)*"
    r"|\d+(?:[.,]\d+)*"
)
_WORDS_OR_CHARACTERS = re.compile(_WORD_OR_NUMBER_OR_CHARACTER)
_TOKEN_OR_CHARACTER = re.compile(_WORD_OR_NUMBER_OR_CHARACTER + f"|[^\\w\\s{UNSPACED}]")
_MAX_CASE_PENALTY = 3
_MAX_PUNCTUATION_PENALTY = 3
_NUMBER_PENALTY = 2


def _words(text: str) -> list[str]:
    """Words and numbers in order, a character a word in unspaced scripts."""
    text = visible(text)
    if holds_unspaced(text):
        return _WORDS_OR_CHARACTERS.findall(text)
    return _WORDS.findall(text)


def _tokens(text: str) -> list[str]:
    """_words and the punctuation marks between them, in order."""
    text = visible(text)
    if holds_unspaced(text):
        return _TOKEN_OR_CHARACTER.findall(text)
    return _TOKEN.findall(text)


def _split(text: str) -> tuple[list[str], list[str]]:
    """Words and numbers, and punctuation marks, each in order."""
    words: list[str] = []
    marks: list[str] = []
    for token in _tokens(text):
        is_word = token[0].isalnum() or _UNSPACED_CHARACTER.match(token) is not None
        (words if is_word else marks).append(token)
    return words, marks


# A word longer than this (a pasted key, encoded data, a run-together URL) is indexed as its
# start and a digest of the rest: still one word, equal only to itself, but short enough for
# any index's entry (PostgreSQL's B-tree and GIN entries may not pass about 2,700 bytes).
LONGEST_INDEXED_WORD = 100
_KEPT_OF_LONG_WORD = 64


def index_terms(text: str) -> list[str]:
    """Case-folded words and numbers: what the TM stores and the score compares."""
    terms = list(map(str.casefold, _words(text)))
    if terms and max(map(len, terms)) > LONGEST_INDEXED_WORD:
        return [_bounded(term) for term in terms]
    return terms


def _bounded(term: str) -> str:
    if len(term) <= LONGEST_INDEXED_WORD:
        return term
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=16).hexdigest()
    return term[:_KEPT_OF_LONG_WORD] + digest


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
PREFIX_BATCH = 50_000  # units whose prefix rows an import computes at a time


def length_range(words: int, minimum: int) -> tuple[int, int]:
    """The word counts a unit can have and still score `minimum` against `words` words: the
    score is at most 100·shorter/longer."""
    if minimum <= 0:
        return 0, 2**31 - 1
    share = min(minimum, 100) / 100
    return math.floor(words * share), math.ceil(words / share)


def prefix_size(words: int, minimum: int) -> int:
    """How many of an n-word text's rarest word occurrences a match at `minimum` percent
    must share one of: n − ⌈n·minimum/100⌉ + 1, rarest first in one fixed order (a word's
    number of units when the memory first held it, then the word; a word the memory has
    never held comes first). A text's prefix is the words of those occurrences.

    Why it holds: a match at p% of an n- and an m-word text leaves at least p·max(n, m) words
    unchanged, so the two texts share at least that many word occurrences (the second "the"
    counting as a word of its own); two sets sharing α elements, both sorted in one order,
    share an element among their first n − α + 1 and m − α + 1 (the prefix filter of
    set-similarity joins, Chaudhuri et al. 2006). A memory indexes each unit's prefix for
    INDEXED_MINIMUM, longer than a higher minimum needs; a query takes its own."""
    return words - math.ceil(words * min(minimum, 100) / 100) + 1


@functools.lru_cache(maxsize=1 << 16)
def term_bit(term: str) -> int:
    """Which of a signature's 64 bits stands for a word: the first byte of the MD5 of its
    UTF-8, modulo 64, fixed across processes and computed the same way in PostgreSQL."""
    return hashlib.md5(term.encode("utf-8"), usedforsecurity=False).digest()[0] & 63


def signature(terms: Iterable[str]) -> int:
    """Words as a set of 64 bits (term_bit; a unit's is stored as signed_64 of it): a look-up
    bounds how many words a candidate shares with the query by the bits both have, before
    it reads the candidate."""
    bits = 0
    for term in set(terms):
        bits |= 1 << term_bit(term)
    return bits


def signed_64(bits: int) -> int:
    """64 bits as the signed integer SQL stores them."""
    return bits - (1 << 64) if bits >> 63 else bits


@dataclass
class PrefixRows:
    """The prefix index's rows of a batch of units, as columns (numpy arrays, one entry a
    row): the word (an index into `vocabulary`, which is in rarity order), the unit's length
    in words, its id and its signature (as signed_64 gives it). Iterating gives the rows as
    (word, length, unit, signature) tuples."""

    vocabulary: list[str]
    words: Any
    lengths: Any
    units: Any
    signatures: Any

    def columns(self) -> tuple[Any, Any, Any, Any]:
        """The rows' words (places), lengths, unit ids and signatures."""
        return self.words, self.lengths, self.units, self.signatures

    def __iter__(self) -> Iterator[tuple[str, int, int, int]]:
        words = map(self.vocabulary.__getitem__, self.words.tolist())
        columns = (self.lengths.tolist(), self.units.tolist(), self.signatures.tolist())
        return zip(words, *columns, strict=True)


def prefix_rows(units: Iterable[tuple[int, list[str]]], ranks: Mapping[str, int]) -> PrefixRows:
    """The prefix index's rows of (id, words) units, as both stores write them: each unit's
    prefix for INDEXED_MINIMUM (prefix_size) and its signature (signed_64), computed for
    the whole batch at once by placed_prefix_rows."""
    import numpy as np

    units = list(units)
    lengths = np.fromiter((len(terms) for _, terms in units), np.int64, len(units))
    ids = np.fromiter((unit for unit, _ in units), np.int64, len(units))
    occurrences = list(chain.from_iterable(terms for _, terms in units))
    vocabulary = rarity_order(set(occurrences), ranks)
    place = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
    places = np.fromiter(map(place.__getitem__, occurrences), np.int64, len(occurrences))
    return PrefixRows(
        vocabulary, *placed_prefix_rows(ids, lengths, places, signature_bits(vocabulary))
    )


def rarity_order(words: Iterable[str], ranks: Mapping[str, int]) -> list[str]:
    """Words in the order prefixes take them: by rank (a word's number of units when the
    memory first held it), then the word."""
    return sorted(words, key=lambda word: (ranks[word], word))


def signature_bits(words: list[str]) -> Any:
    """Each word's bit in a signature (term_bit), as a numpy array of 64-bit masks."""
    import numpy as np

    return np.array([1 << term_bit(word) for word in words], np.uint64)


def placed_prefix_rows(ids: Any, lengths: Any, places: Any, masks: Any) -> tuple[Any, ...]:
    """The prefix rows of units given as numpy arrays: their ids, their lengths in words, and
    their words' occurrences one unit after another, each as its word's place in the rarity
    order (masks[place] is its signature bit). Returns the rows' places, lengths, unit ids
    and signatures (as signed_64 gives them). One sort puts each unit's occurrences in
    rarity order; a unit's prefix is its first prefix_size places, each word once."""
    import numpy as np

    width = max(len(masks), 1)
    owner = np.repeat(np.arange(len(ids)), lengths)  # the unit of each occurrence
    keys = np.sort(owner * width + places)  # by unit (as before), then by place
    words = keys % width
    starts = np.cumsum(lengths) - lengths
    position = np.arange(len(keys)) - starts[owner]
    longest = int(lengths.max(initial=0))
    sizes = np.array([prefix_size(n, INDEXED_MINIMUM) for n in range(longest + 1)])
    repeated = np.zeros(len(keys), bool)
    repeated[1:] = keys[1:] == keys[:-1]
    kept = (position < sizes[lengths[owner]]) & ~repeated
    signatures = np.zeros(len(ids), np.uint64)
    worded = lengths > 0
    if worded.any():
        signatures[worded] = np.bitwise_or.reduceat(masks[words], starts[worded])
    row_units = owner[kept]
    return words[kept], lengths[row_units], ids[row_units], signatures.view(np.int64)[row_units]


def shares_needed(words: int, other: int, minimum: int) -> int:
    """How many words texts of `words` and `other` words must share to score `minimum`:
    the score is at most 100·shared/longer (an edit script leaves a word of the longer text
    unchanged only where the other has the same word)."""
    return -(-minimum * max(words, other) // 100)


# The prefix index as a look-up reads it: given words (rarest first) and the lengths a match
# can have, each word's (unit id, length in words, signature) rows in turn, as the look-up
# asks for them. A store may leave out the rows indexed_best would pass over.
Postings = Callable[[list[str], int, int], Iterator[list[tuple[int, int, int]]]]


def indexed_best(
    terms: list[str],
    ranks: Mapping[str, int],
    best: list[tuple[int, int]],
    minimum: int,
    limit: int,
    postings: Postings,
    score_units: Callable[[list[int]], list[tuple[int, int]]],
    group_size: int = 100,
) -> list[tuple[int, int]]:
    """The `limit` best (unit id, match %), `best` (the exact matches) and the prefix
    index's, from the query's words (`terms`) and their rarity `ranks`.

    The query's word occurrences are taken rarest first, as prefix_size orders them, and
    each word's postings read in turn; a posting is read and scored (by `score_units`) only
    when its length and the words its signature may share with the query can reach the score
    to beat: at least shares_needed(words, length, to beat) − slack of the bits of the
    query's held words, slack being how many of their occurrences share a bit with another.
    The score to beat starts at `minimum` and rises to the `limit`-th match in hand, and
    with it fewer of the query's rarest words need reading: one close match ends the search
    after a word or two. Ties are scored, so the result is what scoring every unit would
    give."""
    words = len(terms)
    occurrences = sorted(zip(map(ranks.get, terms, repeat(-1)), terms, strict=True))
    held = [term for rank, term in occurrences if rank >= 0]  # words the memory holds
    mask = signature(held)
    slack = len(held) - mask.bit_count()
    wanted = dict.fromkeys(t for r, t in occurrences[: prefix_size(words, minimum)] if r >= 0)
    each_word = postings(list(wanted), *length_range(words, minimum))
    read: set[str] = set()
    scored_units: set[int] = set()
    for place, (rank, term) in enumerate(occurrences):
        full = len(best) == limit
        to_beat = max(minimum, best[-1][1]) if full else minimum
        if full and to_beat >= 100:  # only identical text scores 100, and that is found
            break
        if place >= prefix_size(words, to_beat):
            break  # the words still unread are not among the rarest a match must share
        if rank < 0 or term in read:
            continue
        read.add(term)
        shortest, longest = length_range(words, to_beat)
        needed = {
            length: need
            for length in range(shortest, longest + 1)
            if min(words, length) >= (need := shares_needed(words, length, to_beat))
        }
        out_of_reach = 2 * words + longest  # more words than a posting of another length shares
        found = [
            (unit, length, shared)
            for unit, length, bits in next(each_word)
            if (shared := (bits & mask).bit_count() + slack) >= needed.get(length, out_of_reach)
        ]
        ordered = sorted(
            (
                (math.floor(100 * min(shared, words, length) / max(words, length)), unit)
                for unit, length, shared in found
                if unit not in scored_units
            ),
            key=lambda candidate: (-candidate[0], candidate[1]),
        )
        for start in range(0, len(ordered), group_size):
            group = ordered[start : start + group_size]
            if len(best) == limit and best[-1][1] > group[0][0]:
                break
            units = [unit for _, unit in group]
            scored_units.update(units)
            best = best_of(best, score_units(units), limit)
    return best


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
