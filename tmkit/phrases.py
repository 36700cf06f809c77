"""Fold text for matching names and terms, and find many phrases in it in one pass.

Folding keeps lower-case ASCII letters and digits and single spaces: accents, dashes
(non-breaking ones too), apostrophes, dots and letters NFKD keeps (ł, ø, đ) all fold away,
so Díaz‑Canel's, Diaz-Canel and U.S. / US meet. Phrases go into one Aho–Corasick automaton,
so finding all of them costs one pass over the text whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

import ahocorasick
from anyascii import anyascii

from tmkit.scripts import INVISIBLE

Payload = TypeVar("Payload")

# Dropped without a word break: apostrophes (Cuba's), dots (U.S.) and what no reader sees
# (a soft hyphen: "Krem\u00adlin").
_INSIDE_WORDS = frozenset("'’." + INVISIBLE)
_FOLDED: dict[str, str] = {}

try:  # the same fold in C (setup.py builds it where a compiler is)
    from tmkit._fold import fold_with_offsets as _compiled_fold
except ImportError:  # pragma: no cover - an install without a C compiler
    _compiled_fold = None


def shared_start(a: str, b: str) -> int:
    """How many leading characters two strings share."""
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def folded_key(text: str) -> str:
    """A text folded for matching: lower-case ASCII letters, digits and single spaces."""
    if _compiled_fold is not None:
        return _compiled_fold(text, _fold_char, False).strip()
    return _python_fold(text)[0].strip()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`folded_key` of a whole text, with the offset in `text` of each folded character, so a
    match in the folded text maps back to the span it came from."""
    if _compiled_fold is not None:
        return _compiled_fold(text, _fold_char)
    return _python_fold(text)


def _python_fold(text: str) -> tuple[str, list[int]]:
    """fold_with_offsets where tmkit._fold was not built (no C compiler at install)."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = _FOLDED.get(char)
        if folded is None:
            folded = _fold_char(char)
        if folded == "":
            continue
        if folded == " ":  # a space, dash or other punctuation separates words
            if out and out[-1] != " ":
                out.append(" ")
                offsets.append(index)
            continue
        for piece in folded:
            out.append(piece)
            offsets.append(index)
    return "".join(out), offsets


def _fold_char(char: str) -> str:
    """What one character folds to: letters and digits, "" (dropped) or " " (a break)."""
    if char in _INSIDE_WORDS:
        folded = ""
    else:
        folded = "".join(c for c in anyascii(char).lower() if c.isalnum()) or " "
    if len(_FOLDED) < 100_000:
        _FOLDED[char] = folded
    return folded


class PhraseAutomaton(Generic[Payload]):
    """Phrases, folded, each with the payloads of everything written that way."""

    def __init__(self, phrases: Iterable[tuple[str, Payload]]) -> None:
        self.payloads: dict[str, list[Payload]] = {}
        for phrase, payload in phrases:
            key = folded_key(phrase)
            if key:
                self.payloads.setdefault(key, []).append(payload)
        self._automaton = ahocorasick.Automaton()
        for key, payloads in self.payloads.items():
            self._automaton.add_word(key, (len(key), payloads))
        if self.payloads:
            self._automaton.make_automaton()

    def matches(
        self, folded: str, endings: tuple[str, ...] = ()
    ) -> Iterator[tuple[int, int, list[Payload], bool]]:
        """(start, stop, payloads, ended) of every phrase in a folded text that starts and
        stops at a word boundary; one of `endings` (a plural "s") may follow the phrase, and
        `ended` says it did. Overlapping matches are all given."""
        if not self.payloads:
            return
        for end, (length, payloads) in self._automaton.iter(folded):
            start, stop = end - length + 1, end + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if stop == len(folded) or not folded[stop].isalnum():
                yield start, stop, payloads, False
                continue
            for ending in endings:
                after = stop + len(ending)
                if folded.startswith(ending, stop) and (
                    after == len(folded) or not folded[after].isalnum()
                ):
                    yield start, after, payloads, True
                    break
