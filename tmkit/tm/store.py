"""The storage interface a translation memory offers; SQLite is one implementation of it."""

from __future__ import annotations

import contextlib
import gc
import json
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Protocol

from tmkit.lang import tag_from_locale
from tmkit.units import Memory, TranslationUnit, Variant

# Properties CAT tools use for the segment before a unit: its context for 101% matches.
CONTEXT_PROPS = ("x-context", "x-context-pre", "prev", "x-msgctxt")  # PO msgctxt: formats.po


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
    origin: str | None = None
    penalty: int = 0  # taken off the score already, for the unit's origin
    id: int | None = None  # the unit's number in its memory (what `tm delete --id` takes)

    def record(self, with_score: bool = True) -> dict[str, object]:
        """The match as `tmkit tm lookup --format json` prints it (and the server answers)."""
        found: dict[str, object] = {"score": self.score} if with_score else {}
        found.update(src=self.src, tgt=self.tgt, src_lang=self.src_lang, tgt_lang=self.tgt_lang,
                     tuid=self.tuid, props=dict(self.props), origin=self.origin,
                     id=self.id)  # fmt: skip
        if with_score:
            found["penalty"] = self.penalty
        return found


@dataclass(slots=True)
class OriginStats:
    """One origin of a memory's units: how many it gave, and its look-up penalty."""

    name: str | None
    units: int
    penalty: int = 0


@dataclass(slots=True)
class MemoryStats:
    """What `tmkit tm stats` reports: units per language pair and per origin, and dates."""

    units: int
    pairs: list[tuple[str, str, int]]
    origins: list[OriginStats]
    first_created: str | None  # the earliest and latest TMX creationdate of any unit
    last_created: str | None
    first_added: str | None  # when the first and the latest units were imported
    last_added: str | None

    def record(self) -> dict[str, object]:
        """The statistics as JSON (the CLI and the server's /api/stats)."""
        return {
            "units": self.units,
            "pairs": [{"src_lang": s, "tgt_lang": t, "units": n} for s, t, n in self.pairs],
            "origins": [{"origin": o.name, "units": o.units, "penalty": o.penalty}
                        for o in self.origins],
            "creationdate": {"first": self.first_created, "last": self.last_created},
            "added": {"first": self.first_added, "last": self.last_added},
        }  # fmt: skip


# Which unit of a group with the same source (in the same context) `tm dedupe` keeps.
Keep = Literal["newest", "oldest"]


@dataclass(slots=True)
class ImportReport:
    """What an import read and what it added; duplicates are merged, not doubled."""

    read: int = 0
    added: int = 0


class TranslationMemoryStore(Protocol):
    """What callers use; a server database can implement it without touching them."""

    path: object  # what messages name: a file's path, or a database URL without its password

    def import_units(
        self,
        batches: Iterable[tuple[Memory, TranslationUnit]],
        origin: str | None = None,
        penalty: int | None = None,
    ) -> ImportReport:
        """Add units in one transaction: all of them, or none when anything fails; each
        marked with `origin`, whose look-up penalty becomes `penalty` when given."""
        ...

    def lookup(
        self,
        text: str,
        src_lang: str,
        tgt_lang: str | None = None,
        minimum: int = 75,
        limit: int = 10,
        context: str | None = None,
        penalties: Mapping[str, int] | None = None,
    ) -> list[Match]:
        """Best matches for a source text, best first, each origin's penalty taken off
        (`penalties` overrides the stored ones)."""
        ...

    def stats(self) -> MemoryStats:
        """Units per language pair and per origin, and the dates they span."""
        ...

    def select_units(
        self,
        ids: Iterable[int] = (),
        origin: str | None = None,
        words: str | None = None,
    ) -> list[int]:
        """The ids of the units that meet every criterion given: one of `ids`, from
        `origin`, holding all of `words` on either side."""
        ...

    def duplicates(self, keep: Keep = "newest", prefer: str | None = None) -> list[int]:
        """Units whose source another unit has too (same languages, same context), all but
        one of each group: the one from `prefer` if any, else the newest (or oldest)."""
        ...

    def delete_units(self, ids: Iterable[int]) -> int:
        """Remove units, in one transaction; how many there were."""
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
    against the source; units without source text, and renderings marked for review (fuzzy
    PO entries, XLIFF targets to review), give none."""
    for memory, unit in batches:
        if unit.needs_review:
            continue
        source = unit.source(memory.srclang)
        if source is None or not source.text.strip():
            continue
        for target in unit.variants:
            if target is not source and target.text.strip():
                yield unit, _tagged(source), _tagged(target)


def _tagged(variant: Variant) -> Variant:
    """A variant under its language tag in canonical case (OmegaT writes "EN", "FR-CA";
    a POSIX locale "pt_BR" is "pt-BR"), so one pair from two tools' files is one unit."""
    tag = stored_tag(variant.lang)
    return variant if tag == variant.lang else Variant(tag, variant.text, variant.markup)


@lru_cache(maxsize=4096)
def stored_tag(tag: str) -> str:
    """A language tag as a TM stores it: canonical case where it names a known language."""
    return tag_from_locale(tag)


def retagged_pairs(
    pairs: Iterable[tuple[str, str]],
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The language pairs of a memory stored under a tag not in canonical case (made before
    tags were canonicalised: OmegaT's "EN"), each with the pair it is stored under now."""
    renamed = []
    for src_lang, tgt_lang in pairs:
        canonical = (stored_tag(src_lang), stored_tag(tgt_lang))
        if canonical != (src_lang, tgt_lang):
            renamed.append(((src_lang, tgt_lang), canonical))
    return renamed


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """Pause Python's cycle collector for a bulk import: reading a million units makes tens
    of millions of short-lived objects and no cycles, and the collector's passes over them
    took a fifth of a PostgreSQL import's time; it resumes (if it ran) when the import ends."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def stored_list(items: list) -> str:
    """Props or notes as the stores keep them, JSON (most units have none: no encoder run)."""
    return json.dumps(items, ensure_ascii=False) if items else "[]"


def import_stamp() -> str:
    """Now, in UTC, as TMX writes dates (20261201T171500Z): when an import added its units."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def unit_context(unit: TranslationUnit) -> str | None:
    """The segment before a unit, as its CONTEXT_PROPS give it, for in-context matches."""
    return next((value for key, value in unit.props if key in CONTEXT_PROPS), None)
