"""Glossary look-up: exact, any variant, accent- and case-insensitive, prefix, the words of
a longer form, then fuzzy (when nothing matched exactly or folded).

An index of folded forms is built once (a dict, a sorted list for prefixes, and the list
rapidfuzz scans in C for fuzzy matches), so a query on a 100,000-entry glossary costs a dict
probe, a binary search and one C scan (see bench/glossary_lookup.py).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from tmkit.glossary.model import Entry
from tmkit.phrases import folded_key

FUZZY_MIN = 80
FUZZY_POOL = 5000
PREFIX_MIN = 2


@dataclass(slots=True)
class Hit:
    """An entry that answers a query, through which form, how, and how well (0-100)."""

    entry: Entry
    form: str
    how: str  # exact, variant, folded, prefix, words (inside a longer form) or fuzzy
    score: float

    def record(self) -> dict[str, object]:
        """The hit as `tmkit glossary lookup --format json` prints it: the entry, and how."""
        return dict(self.entry.record(), match=self.how, score=round(self.score, 1))


class GlossaryIndex:
    """Every form of every entry, folded, ready to answer look-ups."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key: dict[str, list[tuple[Entry, str]]] = {}
        for entry in entries:
            for form in entry.forms:
                self._by_key.setdefault(folded_key(form.form), []).append((entry, form.form))
        self._keys = sorted(self._by_key)
        self._by_word: dict[str, list[str]] = {}
        for key in self._keys:
            for word in set(key.split()):
                self._by_word.setdefault(word, []).append(key)

    def lookup(self, query: str, limit: int = 10) -> list[Hit]:
        """Best answers first, scored by how they match: exact form or variant 100, folded
        99, prefix 80-90, the words of a longer form 60-80, fuzzy up to 79."""
        key = folded_key(query)
        best: dict[str, Hit] = {}

        def offer(entry: Entry, form: str, how: str, score: float) -> None:
            if entry.id not in best or score > best[entry.id].score:
                best[entry.id] = Hit(entry, form, how, score)

        for entry, form in self._by_key.get(key, ()):
            if form == query:
                offer(entry, form, "exact" if form == entry.term else "variant", 100.0)
            else:
                offer(entry, form, "folded", 99.0)
        if len(key) >= PREFIX_MIN:
            start = bisect.bisect_left(self._keys, key)
            for candidate in self._keys[start : start + limit * 4]:
                if not candidate.startswith(key):
                    break
                for entry, form in self._by_key[candidate]:
                    offer(entry, form, "prefix", 80.0 + 10.0 * len(key) / len(candidate))
        words = key.split()
        if words and all(w in self._by_word for w in words):
            rarest = min(words, key=lambda w: len(self._by_word[w]))
            for candidate in self._by_word[rarest][: limit * 20]:
                if f" {key} " in f" {candidate} ":
                    for entry, form in self._by_key[candidate]:
                        offer(entry, form, "words", 60.0 + 20.0 * len(key) / len(candidate))
        if key and not any(h.score >= 99 for h in best.values()):
            from rapidfuzz import fuzz, process  # only when nothing matched: 20 ms at start-up

            for candidate, score, _ in process.extract(
                key, self._fuzzy_pool(words), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=limit
            ):
                for entry, form in self._by_key[candidate]:
                    offer(entry, form, "fuzzy", 0.79 * score)
        hits = sorted(best.values(), key=lambda h: (-h.score, h.entry.term))
        return hits[:limit]

    def _fuzzy_pool(self, words: list[str]) -> list[str]:
        """Forms sharing a whole word with the query (a typo rarely hits every word), else
        every form: rapidfuzz then scores far fewer in the common case."""
        pool: set[str] = set()
        for word in words:
            pool.update(self._by_word.get(word, ())[:FUZZY_POOL])
        return sorted(pool) if pool else self._keys
