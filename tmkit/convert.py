"""`tmkit convert`: any TM format to any other, keeping all that both can hold.

A TMX source is streamed (its units are read as they are written), so converting a large
memory takes constant memory; the other readers load their file first."""

from __future__ import annotations

import itertools

from tmkit.errors import InputError
from tmkit.formats import iter_units, output_suffix, read_units, write_units
from tmkit.lang import normalise_tag
from tmkit.progress import Step, counted
from tmkit.units import TranslationUnit


def convert(
    source: str,
    target: str,
    srclang: str | None = None,
    tgtlang: str | None = None,
    from_format: str | None = None,
    to_format: str | None = None,
    progress: Step | None = None,
) -> int:
    """Convert a TM file (`-`: stdin/stdout) by extensions or the formats named; return the
    number of units written (`progress` hears of each)."""
    suffix = output_suffix(target, to_format)
    stream = iter_units(source, from_format)
    first = next(stream, None)
    if first is None:
        memory, units = read_units(source, from_format)  # no units: the reader says why
    else:
        memory = first[0]
        units = itertools.chain([first[1]], (unit for _, unit in stream))
    if srclang:
        memory.srclang = normalise_tag(srclang, "--src-lang")
    if tgtlang:
        memory.tgtlang = normalise_tag(tgtlang, "--tgt-lang")
    sample = [first[1]] if first is not None else units
    memory.tgtlang = memory.tgtlang or _first_other_language(sample, memory.srclang)
    try:
        return write_units(target, counted(units, progress), memory, suffix)
    except InputError as exc:
        if exc.path is None:
            raise InputError(source, exc.problem, exc.line) from None
        raise


def _first_other_language(units: list[TranslationUnit], srclang: str) -> str | None:
    """The language of the first variant that is not a unit's source: another language, or
    the source's own with a private-use subtag (`en-x-counter`, two texts in one language)."""
    for unit in units:
        source = unit.variant(srclang)
        for variant in unit.variants:
            if variant is not source:
                return variant.lang
    return None
