"""Translation-memory files by extension: read any into units, write units as any."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tmkit.errors import InputError
from tmkit.formats.jsonl import read_jsonl, write_jsonl
from tmkit.formats.po import read_po, write_po
from tmkit.formats.table import read_table, write_table
from tmkit.formats.tmx import TmxReader, read_tmx, write_tmx
from tmkit.formats.xliff import read_xliff, write_xliff
from tmkit.units import Memory, TranslationUnit

Reader = Callable[[str], tuple[Memory, list[TranslationUnit]]]
Writer = Callable[[str, Iterable[TranslationUnit], Memory], int]

READERS: dict[str, Reader] = {
    ".tmx": read_tmx,
    ".po": read_po,
    ".jsonl": read_jsonl,
    ".csv": read_table,
    ".tsv": read_table,
    ".xlf": read_xliff,
    ".xliff": read_xliff,
}
WRITERS: dict[str, Writer] = {
    ".tmx": write_tmx,
    ".po": write_po,
    ".jsonl": write_jsonl,
    ".csv": write_table,
    ".tsv": write_table,
    ".xlf": write_xliff,
    ".xliff": write_xliff,
}


def _suffix(path: str, table: dict[str, object], what: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in table:
        known = " ".join(sorted(table))
        raise InputError(path, f"cannot {what} {suffix or 'files without extension'} ({known})")
    return suffix


def read_units(path: str) -> tuple[Memory, list[TranslationUnit]]:
    """Read a TM file, its format chosen by extension."""
    return READERS[_suffix(path, READERS, "read")](path)


def write_units(
    path: str, units: Iterable[TranslationUnit], memory: Memory, suffix: str | None = None
) -> int:
    """Write units to a TM file (`-`: stdout), its format given by `suffix` (".tmx") or else
    by the path's extension; the file appears whole."""
    return WRITERS[suffix or _suffix(path, WRITERS, "write")](path, units, memory)


def iter_units(path: str) -> Iterator[tuple[Memory, TranslationUnit]]:
    """Units of a TM file with the memory they belong to; TMX streams in flat memory."""
    suffix = _suffix(path, READERS, "read")
    if suffix == ".tmx":
        reader = TmxReader(path)
        for unit in reader:
            assert reader.memory is not None
            yield reader.memory, unit
        return
    memory, units = READERS[suffix](path)
    for unit in units:
        yield memory, unit
