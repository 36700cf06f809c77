"""`tmkit convert`: any TM format to any other, keeping all that both can hold.

A TMX source is streamed (its units are read as they are written), so converting a large
memory takes constant memory; the other readers load their file first."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tmkit.errors import InputError
from tmkit.formats import iter_units, output_suffix, read_units, write_units
from tmkit.lang import normalise_tag
from tmkit.progress import Step, counted
from tmkit.units import Memory, TranslationUnit

# Formats whose units are translations to reuse: a unit marked for review is left out.
_CONFIRMED_ONLY = (".tmx", ".csv", ".tsv")


@dataclass(slots=True)
class ConvertReport:
    """What a conversion read, wrote and left out, and why."""

    read: int = 0
    written: int = 0
    for_review: int = 0  # left out: marked for review, and the format holds translations only

    @property
    def without_pair(self) -> int:
        """Left out for want of a source or a target (in the languages written, with text)."""
        return self.read - self.written - self.for_review


def convert(
    source: str,
    target: str,
    srclang: str | None = None,
    tgtlang: str | None = None,
    from_format: str | None = None,
    to_format: str | None = None,
    progress: Step | None = None,
) -> ConvertReport:
    """Convert a TM file (`-`: stdin/stdout) by extensions or the formats named; say what was
    read, written and left out (`progress` hears of each unit)."""
    suffix = output_suffix(target, to_format)
    srclang = normalise_tag(srclang, "--src-lang") if srclang else None
    tgtlang = normalise_tag(tgtlang, "--tgt-lang") if tgtlang else None
    stream = iter_units(source, from_format, srclang, tgtlang)
    first = next(stream, None)
    if first is None:  # no units: the reader says why
        memory, units = read_units(source, from_format, srclang, tgtlang)
    else:
        memory = first[0]
        units = itertools.chain([first[1]], (unit for _, unit in stream))
    memory.srclang = srclang or memory.srclang
    memory.tgtlang = tgtlang or memory.tgtlang
    sample = [first[1]] if first is not None else units
    memory.tgtlang = memory.tgtlang or _first_other_language(sample, memory.srclang)
    try:
        return write_reported(target, counted(units, progress), memory, suffix)
    except InputError as exc:
        if exc.path is None:
            raise InputError(source, exc.problem, exc.line) from None
        raise


def write_reported(
    target: str, units: Iterable[TranslationUnit], memory: Memory, suffix: str
) -> ConvertReport:
    """Write units as `suffix` says (`tmkit convert`, `tmkit tm export`), counting what was
    read, written and left out."""
    report = ConvertReport()
    report.written = write_units(target, _tallied(units, report, suffix), memory, suffix)
    return report


def _tallied(
    units: Iterable[TranslationUnit], report: ConvertReport, suffix: str
) -> Iterator[TranslationUnit]:
    for unit in units:
        report.read += 1
        report.for_review += unit.needs_review and suffix in _CONFIRMED_ONLY
        yield unit


def _first_other_language(units: list[TranslationUnit], srclang: str) -> str | None:
    """The language of the first variant that is not a unit's source: another language, or
    the source's own with a private-use subtag (`en-x-counter`, two texts in one language)."""
    for unit in units:
        source = unit.source(srclang)
        for variant in unit.variants:
            if variant is not source:
                return variant.lang
    return None
