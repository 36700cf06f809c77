"""The storage interface a translation memory offers; SQLite is one implementation of it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from tmkit.units import Memory, TranslationUnit, Variant

# Properties CAT tools use for the segment before a unit: its context for 101% matches.
CONTEXT_PROPS = ("x-context", "x-context-pre", "prev")


@dataclass(slots=True)
class Match:
    """A stored unit found by a look-up, with its match percentage (101 = in context)."""

    score: int
    src: str
    tgt: str
    src_lang: str
    tgt_lang: str
    tuid: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)

    def record(self, with_score: bool = True) -> dict[str, object]:
        """The match as `tmkit tm lookup --format json` prints it (and the server answers)."""
        found: dict[str, object] = {"score": self.score} if with_score else {}
        found.update(src=self.src, tgt=self.tgt, src_lang=self.src_lang, tgt_lang=self.tgt_lang,
                     tuid=self.tuid, props=dict(self.props))  # fmt: skip
        return found


@dataclass(slots=True)
class ImportReport:
    """What an import read and what it added; duplicates are merged, not doubled."""

    read: int = 0
    added: int = 0


class TranslationMemoryStore(Protocol):
    """What callers use; a server database can implement it without touching them."""

    path: object  # what messages name: a file's path, or a database URL without its password

    def import_units(self, batches: Iterable[tuple[Memory, TranslationUnit]]) -> ImportReport:
        """Add units in one transaction: all of them, or none when anything fails."""
        ...

    def lookup(
        self,
        text: str,
        src_lang: str,
        tgt_lang: str | None = None,
        minimum: int = 75,
        limit: int = 10,
        context: str | None = None,
    ) -> list[Match]:
        """Best matches for a source text, best first."""
        ...

    def concordance(self, words: str, lang: str | None = None, limit: int = 50) -> list[Match]:
        """Units whose source or target holds all the words."""
        ...

    def units(self) -> Iterator[tuple[Memory, TranslationUnit]]:
        """Every stored unit."""
        ...

    def main_languages(self) -> tuple[str, str] | None:
        """The most frequent (source, target) language pair, or None when empty."""
        ...

    def language_pairs(self) -> list[tuple[str, str, int]]:
        """Every (source, target) language pair with its number of units, most first."""
        ...

    def count(self) -> int:
        """How many pairs the memory holds."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...

    def __enter__(self) -> TranslationMemoryStore:
        """The store itself, closed when the block ends."""
        ...

    def __exit__(self, *exc_info: object) -> None:
        """Close the store."""
        ...


def stored_pairs(
    batches: Iterable[tuple[Memory, TranslationUnit]],
) -> Iterator[tuple[TranslationUnit, Variant, Variant]]:
    """The (unit, source, target) pairs a store keeps of the units: each other variant
    against the source; units without source text give none."""
    for memory, unit in batches:
        source = unit.variant(memory.srclang)
        if source is None or not source.text.strip():
            continue
        for target in unit.variants:
            if target is not source:
                yield unit, source, target


def unit_context(unit: TranslationUnit) -> str | None:
    """The segment before a unit, as its CONTEXT_PROPS give it, for in-context matches."""
    return next((value for key, value in unit.props if key in CONTEXT_PROPS), None)
