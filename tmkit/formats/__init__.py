"""Translation-memory files by extension: read any into units, write units as any."""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from tmkit.choices import TM_FORMATS
from tmkit.errors import InputError
from tmkit.units import Memory, TranslationUnit

Reader = Callable[[str], tuple[Memory, list[TranslationUnit]]]
Writer = Callable[[str, Iterable[TranslationUnit], Memory], int]

# (module, function, keyword arguments) by suffix: a format's module (polib for PO, the
# XLIFF code for XLIFF…) is imported when a file of it is read or written, not at start.
READERS: dict[str, tuple[str, str, dict]] = {
    ".tmx": ("tmx", "read_tmx", {}),
    ".po": ("po", "read_po", {}),
    ".jsonl": ("jsonl", "read_jsonl", {}),
    ".csv": ("table", "read_table", {}),
    ".tsv": ("table", "read_table", {}),
    ".xlf": ("xliff", "read_xliff", {}),
    ".xliff": ("xliff", "read_xliff", {}),
    ".xlf2": ("xliff", "read_xliff", {}),  # any XLIFF version is read by what the file says
    # The XLIFF 1.2 of CAT tools' bilingual files: Trados Studio (its confirmation levels
    # read), memoQ, Phrase.
    ".sdlxliff": ("xliff", "read_xliff", {}),
    ".mqxliff": ("xliff", "read_xliff", {}),
    ".mxliff": ("xliff", "read_xliff", {}),
}
WRITERS: dict[str, tuple[str, str, dict]] = {
    ".tmx": ("tmx", "write_tmx", {}),
    ".po": ("po", "write_po", {}),
    ".jsonl": ("jsonl", "write_jsonl", {}),
    ".csv": ("table", "write_table", {"delimiter": ","}),
    ".tsv": ("table", "write_table", {"delimiter": "\t"}),  # by format: stdout gets tabs too
    ".xlf": ("xliff", "write_xliff", {}),
    ".xliff": ("xliff", "write_xliff", {}),
    ".xlf2": ("xliff", "write_xliff2", {}),  # XLIFF 2.1: `--to xliff2`, or a name ending .xlf2
}


def _loaded(spec: tuple[str, str, dict]) -> Callable:
    """The reader or writer a table entry names, its module imported now."""
    module, name, keywords = spec
    function = getattr(importlib.import_module(f"tmkit.formats.{module}"), name)
    return partial(function, **keywords) if keywords else function


# Readers of files that may not say their languages (a PO file's header may lack them, JSON
# lines their src_lang and tgt_lang, a table its header row), which take the languages a user
# gives (`--src-lang`, `--tgt-lang`).
_TOLD_LANGUAGES = frozenset({".po", ".jsonl", ".csv", ".tsv"})


def _reader(suffix: str, srclang: str | None, tgtlang: str | None) -> Reader:
    reader = _loaded(READERS[suffix])
    if suffix in _TOLD_LANGUAGES and (srclang or tgtlang):
        return partial(reader, srclang=srclang, tgtlang=tgtlang)
    return reader


# Format names for `--from`/`--to`, where a path (`-`, a pipe) has no telling extension.
FORMATS = TM_FORMATS
STDIN = "<stdin>"


def _suffix(path: str, table: dict[str, object], what: str, fmt: str | None = None) -> str:
    """The format of `path`: named by `fmt` (`--from`/`--to`), else by its extension."""
    if fmt is not None:
        suffix = {"xliff": ".xlf", "xliff2": ".xlf2"}.get(fmt, f".{fmt}")
        if suffix not in table:
            raise InputError(path, f"cannot {what} {fmt} (known: {' '.join(FORMATS)})")
        return suffix
    suffix = Path(path).suffix.lower()
    if suffix not in table:
        known = " ".join(sorted(table))
        if path == "-":
            raise InputError(STDIN, f"give its format with --from or --to ({' '.join(FORMATS)})")
        raise InputError(path, f"cannot {what} {suffix or 'files without extension'} ({known})")
    return suffix


@contextmanager
def _readable(path: str, suffix: str) -> Iterator[str]:
    """A path the readers can open: the file itself, or stdin copied to a temporary file
    (the XML readers stream from a path); errors then name <stdin>."""
    if path != "-":
        yield path
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = str(Path(folder, f"stdin{suffix}"))
        with open(copy, "wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle)
        try:
            yield copy
        except InputError as exc:
            raise InputError(STDIN, exc.problem, exc.line) from None


def read_units(
    path: str, fmt: str | None = None, srclang: str | None = None, tgtlang: str | None = None
) -> tuple[Memory, list[TranslationUnit]]:
    """Read a TM file (`-`: stdin), its format named by `fmt` or else by its extension;
    `srclang`, `tgtlang`: the languages a file that does not say them is in."""
    suffix = _suffix(path, READERS, "read", fmt)
    with _readable(path, suffix) as readable:
        return _reader(suffix, srclang, tgtlang)(readable)


def write_units(
    path: str, units: Iterable[TranslationUnit], memory: Memory, suffix: str | None = None
) -> int:
    """Write units to a TM file (`-`: stdout), its format given by `suffix` (".tmx") or else
    by the path's extension; the file appears whole."""
    return _loaded(WRITERS[suffix or _suffix(path, WRITERS, "write")])(path, units, memory)


def output_suffix(path: str, fmt: str | None) -> str:
    """The format to write `path` in: `fmt` (`--to`), else its extension."""
    return _suffix(path, WRITERS, "write", fmt)


def iter_units(
    path: str, fmt: str | None = None, srclang: str | None = None, tgtlang: str | None = None
) -> Iterator[tuple[Memory, TranslationUnit]]:
    """Units of a TM file with the memory they belong to (languages as read_units); TMX
    streams in flat memory."""
    suffix = _suffix(path, READERS, "read", fmt)
    with _readable(path, suffix) as readable:
        if suffix == ".tmx":
            from tmkit.formats.tmx import TmxReader

            reader = TmxReader(readable)
            for unit in reader:
                assert reader.memory is not None
                yield reader.memory, unit
            return
        memory, units = _reader(suffix, srclang, tgtlang)(readable)
        for unit in units:
            yield memory, unit
