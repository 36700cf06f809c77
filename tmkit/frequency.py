"""General-language word frequencies (wordfreq), for every language wordfreq lists.

wordfreq tokenises Chinese with jieba and Japanese and Korean with MeCab, which tmkit does
not install (jieba's dictionary alone is 20 MB): for those, and any language whose tokeniser
is missing, a word is looked up in wordfreq's table as written, which is what the glossary
and the checker ask about anyway (one word or a short phrase they cut themselves).
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from tmkit.lang import primary


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """A word's general-language frequency on wordfreq's Zipf scale (0 when unknown)."""
    lang = primary(lang)
    if not knows(lang):
        return 0.0
    import wordfreq  # imported when first asked: a sixth of a second that parallel mode skips

    try:
        return wordfreq.zipf_frequency(word, lang)
    except ImportError:  # the language's tokeniser (jieba, MeCab) is not installed
        frequency = _table(lang).get(word.lower(), 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0


def most_frequent(lang: str, count: int) -> list[str]:
    """The language's `count` most frequent words ([] for a language wordfreq lacks)."""
    lang = primary(lang)
    if not knows(lang):
        return []
    import wordfreq

    return wordfreq.top_n_list(lang, count)


@cache
def knows(lang: str) -> bool:
    """Whether wordfreq has a word list for the language."""
    import wordfreq

    return primary(lang) in wordfreq.available_languages()


@cache
def _table(lang: str) -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict(lang)
