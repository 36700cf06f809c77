"""Paraphrase-tolerant similarity of passages: weighted overlap of normalised word stems.

Words are case- and accent-folded, British spellings mapped to American, possessives cut and
stems taken with the Snowball stemmer of the language. Each stem weighs what it tells: its
information in general language (from wordfreq's Zipf frequencies, so function words weigh
nothing and names weigh most) times its inverse frequency among the passages compared (so a
word every sentence of the corpus uses, like the name of the country it is about, weighs
little). Two passages score the weighted Dice overlap of their stems in [0, 1]; a stem with
no exact partner may still earn part of its weight from a similar one by character bigrams
(fought / fight), so morphology the stemmer misses still counts.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex
import snowballstemmer

from tmkit.frequency import zipf
from tmkit.lang import primary

_WORD = regex.compile(r"(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)?|\d+(?:[.,]\d+)*")
_POSSESSIVE = regex.compile(r"['’]s$")
# British → American spelling; applied to both sides, so an over-eager rule costs nothing.
_SPELLING = [
    (regex.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (regex.compile(r"(?<=\w{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (regex.compile(r"(?<=\w{2}[^aeiou])our(s|ed|ing|ful|able|ite|ites)?$"), r"or\1"),
    (regex.compile(r"(?<=\w{2}[^aeiou])tre(s)?$"), r"ter\1"),
    (regex.compile(r"(?<=\w{3})ogue(s)?$"), r"og\1"),
    (regex.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (regex.compile(r"^(def|off|lic|pret)ence$"), r"\1ense"),
]
STEMMER_LANGUAGES = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "pt": "portuguese",
    "it": "italian",
    "ru": "russian",
    "nl": "dutch",
    "sv": "swedish",
}
# Zipf frequency at or above which a word carries no information (said, he, the, of…).
ZIPF_CEILING = 6.0
NUMBER_WEIGHT = 4.0
FUZZY_MIN = 0.6


def fold(word: str) -> str:
    """Lower case without accents (Díaz → diaz); other scripts keep their letters."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> snowballstemmer.stemmer | None:
    name = STEMMER_LANGUAGES.get(lang)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=200_000)
def _information(word: str, lang: str) -> float:
    """How much a word tells in general language: ceiling minus its Zipf frequency."""
    if word[0].isdigit():
        return NUMBER_WEIGHT
    return max(0.0, ZIPF_CEILING - zipf(word, lang))


@lru_cache(maxsize=200_000)
def american_spelling(word: str) -> str:
    """A lower-case English word with British spelling patterns made American."""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


# Portuguese plurals the Snowball stemmer leaves apart from their singular: sanções / sanção,
# unilaterais / unilateral, papéis / papel.
_PORTUGUESE_PLURALS = ((regex.compile(r"(?:oes|aes)$"), "ao"), (regex.compile(r"ais$"), "al"),
                       (regex.compile(r"eis$"), "el"), (regex.compile(r"ois$"), "ol"))  # fmt: skip


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    if lang == "en":
        word = american_spelling(word)
    elif lang == "pt" and len(word) > 4:
        for pattern, singular in _PORTUGUESE_PLURALS:
            word = pattern.sub(singular, word)
    stemmer = _stemmer(lang)
    return stemmer.stemWord(word) if stemmer else word


@lru_cache(maxsize=200_000)
def word_stem(word: str, lang: str) -> str:
    """One word's stem in its language, folded as matching_key folds it (Díaz → diaz)."""
    return _stem(fold(word), primary(lang))


@lru_cache(maxsize=200_000)
def matching_key(text: str, lang: str) -> str:
    """A text's stems joined: forms that differ in case, accents, spelling or inflection of
    their words share it (Díaz-Canel / Diaz-Canel, colonisation / colonization)."""
    lang = primary(lang)
    return " ".join(_stem(word, lang) for word in key_words(text))


def stems(text: str, lang: str) -> list[tuple[str, float]]:
    """(stem, general-language information) for each word of a text."""
    lang = primary(lang)
    return [(_stem(word, lang), _information(word, lang)) for word in key_words(text)]


def key_words(text: str) -> Iterator[str]:
    """A text's words as keys compare them: folded, hyphenated ones in parts, possessives
    and dots cut, single letters left out."""
    for match in _WORD.finditer(text):
        word = fold(_POSSESSIVE.sub("", match.group()).replace(".", ""))
        if len(word) >= 2 or word.isdigit():
            yield word


@dataclass(slots=True)
class Bag:
    """A passage as stem → weight, with its total weight."""

    weights: dict[str, float]
    total: float


class Weighting:
    """Stem weights for one comparison: general information times corpus rarity.

    `muted` stems (the names of who is speaking) weigh `muted_factor` of that.
    """

    def __init__(
        self,
        passages: Iterable[list[tuple[str, float]]],
        muted: set[str] = frozenset(),
        muted_factor: float = 1.0,
    ) -> None:
        self._muted = muted
        self._muted_factor = muted_factor
        documents = Counter()
        count = 0
        for words in passages:
            count += 1
            documents.update({stem for stem, _ in words})
        self._df = documents
        self._n = max(count, 1)

    def rarity(self, stem: str) -> float:
        """Inverse passage frequency, 1 for a stem seen once, smaller the more it is used."""
        rarity = math.log(1 + self._n / self._df.get(stem, 1)) / math.log(1 + self._n)
        return rarity * self._muted_factor if stem in self._muted else rarity

    def bag(self, words: list[tuple[str, float]]) -> Bag:
        """The weighted stems of a passage; a stem counts once, at its heaviest."""
        weights: dict[str, float] = {}
        for stem, information in words:
            weight = information * self.rarity(stem)
            if weight > weights.get(stem, 0.0):
                weights[stem] = weight
        return Bag(weights, sum(weights.values()))


def similarity(a: Bag, b: Bag, floor: float = 0.0) -> float:
    """Weighted Dice overlap of two bags in [0, 1], with partial credit for near stems.

    Near stems are looked for only when the exact overlap reaches half of `floor`: below
    that a pair cannot plausibly reach it, and the look-up is the costly part.
    """
    if not a.total or not b.total:
        return 0.0
    shared = 0.0
    loose_a = []
    for stem, weight in a.weights.items():
        other = b.weights.get(stem)
        if other is None:
            loose_a.append((stem, weight))
        else:
            shared += weight + other
    if shared / (a.total + b.total) < floor / 2:
        return shared / (a.total + b.total)
    loose_b = [(s, w) for s, w in b.weights.items() if s not in a.weights]
    if loose_a and loose_b:
        shared += _near_credit(loose_a, loose_b)
    return min(1.0, shared / (a.total + b.total))


def _near_credit(loose_a: list[tuple[str, float]], loose_b: list[tuple[str, float]]) -> float:
    """Credit for stems that differ but look alike (same first letter, bigram Dice ≥ 0.6)."""
    by_initial: dict[str, list[tuple[str, float]]] = {}
    for stem, weight in loose_a:
        if len(stem) >= 4:
            by_initial.setdefault(stem[0], []).append((stem, weight))
    credit = 0.0
    for stem, weight in loose_b:
        if len(stem) < 4:
            continue
        best = 0.0
        best_weight = 0.0
        for other, other_weight in by_initial.get(stem[0], ()):
            alike = _bigram_dice(stem, other)
            if alike > best:
                best, best_weight = alike, other_weight
        if best >= FUZZY_MIN:
            credit += best * (weight + best_weight)
    return credit


@lru_cache(maxsize=100_000)
def _bigram_dice(a: str, b: str) -> float:
    grams_a = _bigrams(a)
    grams_b = _bigrams(b)
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


@lru_cache(maxsize=100_000)
def _bigrams(word: str) -> frozenset[str]:
    padded = f"#{word}#"
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))
