"""CSV and TSV: two columns, the first row naming the languages (`en<TAB>es`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.lang import normalise_tag
from tmkit.textio import read_utf8
from tmkit.units import Memory, TranslationUnit, Variant


def _dialect(path: str | Path) -> str:
    return "excel-tab" if str(path).lower().endswith(".tsv") else "excel"


def write_table(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write source and target columns under a header row of language tags."""
    if memory.tgtlang is None:
        raise InputError(str(path), "a two-column table needs a target language (--tgt-lang)")
    count = 0
    with atomic_writer(path) as handle:
        writer = csv.writer(handle, dialect=_dialect(path), lineterminator="\n")
        writer.writerow([memory.srclang, memory.tgtlang])
        for unit in units:
            source, target = unit.source_and_target(memory.srclang, memory.tgtlang)
            if source is not None and target is not None:
                writer.writerow([source.text, target.text])
                count += 1
    return count


def read_table(path: str | Path) -> tuple[Memory, list[TranslationUnit]]:
    """Read a two-column table whose header row holds the two language tags."""
    text = read_utf8(str(path))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect=_dialect(path)))
    except csv.Error as exc:
        raise InputError(str(path), f"unreadable table: {exc}") from None
    if not rows or len(rows[0]) < 2:
        raise InputError(str(path), "first row must name two languages (e.g. en,es)", 1)
    srclang = normalise_tag(rows[0][0], f"{path}:1")
    tgtlang = normalise_tag(rows[0][1], f"{path}:1")
    units = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise InputError(str(path), "row has fewer than two columns", number)
        units.append(TranslationUnit([Variant(srclang, row[0]), Variant(tgtlang, row[1])]))
    return Memory(srclang=srclang, tgtlang=tgtlang), units
