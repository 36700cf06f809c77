"""CSV and TSV: two columns, the first row naming the languages (`en<TAB>es`).

One reader (`read_rows`) serves TM tables and glossary tables alike: strict quoting, no
field-size limit, NUL and controls refused at their line. Cells that a spreadsheet would
run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) are written behind an
apostrophe, as spreadsheet-safe exporters do, and read back without it, so every cell
round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import regex

from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.lang import known_tag, normalise_tag, tag_from_locale
from tmkit.textio import read_utf8
from tmkit.units import Memory, TranslationUnit, Variant

csv.field_size_limit(sys.maxsize)  # a segment can be longer than csv's default 131,072
_FORMULA = regex.compile(r"^'*[=+\-@\t\r]")
_GUARDED = regex.compile(r"^'+[=+\-@\t\r]")


# The line Excel reads (and may write) first to learn a CSV file's delimiter: "sep=;".
_EXCEL_SEPARATOR = regex.compile(r"sep=(?P<delimiter>[^\r\n])\r?\n")


def _delimiter(path: str | Path) -> str:
    return "\t" if str(path).lower().endswith(".tsv") else ","


def _semicolon_separated(text: str) -> bool:
    """Whether a .csv file is separated by semicolons, as Excel writes CSV where the comma is
    the decimal mark (German, French…): its first row (past comment lines; a quoted cell may
    hold a line break or a semicolon) is one cell read with commas, and more with semicolons."""
    return len(_first_row(text, ",")) == 1 and len(_first_row(text, ";")) > 1


def _first_row(text: str, delimiter: str) -> list[str]:
    """The first row that is no comment, read with `delimiter` ([] if none can be read)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return next((row for row in reader if row and not row[0].startswith("#")), [])
    except csv.Error:
        return []


def guard_cell(cell: str) -> str:
    """A cell as written: an apostrophe before anything a spreadsheet would run."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _unguard_cell(cell: str) -> str:
    return cell[1:] if _GUARDED.match(cell) else cell


def row_writer(handle: IO[str], delimiter: str) -> Callable[[list[str]], None]:
    """Write rows of cells, guarded against formulas; a row with a CR in a cell is quoted
    whole (csv quotes only its line terminator's characters, and rows end in LF)."""
    minimal = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    quoted = csv.writer(handle, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def write(cells: list[str]) -> None:
        row = [guard_cell(cell) for cell in cells]
        (quoted if any("\r" in cell for cell in row) else minimal).writerow(row)

    return write


def write_table(
    path: str | Path, units: Iterable[TranslationUnit], memory: Memory, delimiter: str | None = None
) -> int:
    """Write source and target columns under a header row of language tags, separated by
    `delimiter` (default: the one the path's extension says)."""
    if memory.tgtlang is None:
        raise InputError(str(path), "a two-column table needs a target language (--tgt-lang)")
    count = 0
    with atomic_writer(path) as handle:
        write = row_writer(handle, delimiter or _delimiter(path))
        write([memory.srclang, memory.tgtlang])
        for unit in units:
            source, target = unit.source_and_target(memory.srclang, memory.tgtlang)
            if source is not None and target is not None and not unit.needs_review:
                unit.refuse_uncarriable(str(path), count + 1)
                write([source.text, target.text])
                count += 1
    return count


def read_rows(path: str, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """A CSV/TSV file's rows with the line each starts on, cells unguarded; a malformed
    file (an unterminated quote, a stray quote) is refused at its line."""
    text = read_utf8(path)
    hint = _EXCEL_SEPARATOR.match(text)
    if hint:  # Excel's first line "sep=;" names the delimiter and is no row
        delimiter, text = hint["delimiter"], text[hint.end() :]
    delimiter = delimiter or _delimiter(path)
    if delimiter == "," and _semicolon_separated(text):
        delimiter = ";"
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, strict=True, delimiter=delimiter)
    skipped = 1 if hint else 0
    start = 1 + skipped
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(path, f"unreadable table: {exc}", start) from None
        yield start, [_unguard_cell(cell) for cell in row]
        start = reader.line_num + 1 + skipped


def _languages_named(cells: list[str]) -> tuple[str, str] | None:
    """The two language tags a header row names, or None where it names none."""
    tags = [known_tag(tag_from_locale(cell)) for cell in cells[:2]]  # "en", "pt_BR"
    return (tags[0], tags[1]) if len(tags) == 2 and tags[0] and tags[1] else None


# translate-toolkit's CSV (po2csv, csv2po): a header naming its columns, no languages. The
# names it reads, and the other names it takes for them.
_COLUMN_NAMES = {"source": "source", "original": "source", "untranslated": "source",
                 "target": "target", "translated": "target", "translation": "target",
                 "context": "context", "fuzzy": "fuzzy", "state": "fuzzy"}  # fmt: skip
_FUZZY = frozenset({"1", "x", "true", "yes", "fuzzy"})


def _columns_named(cells: list[str]) -> dict[str, int] | None:
    """Where a header row names its columns (a source and a target among them), each
    column's index by what it holds; else None."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _COLUMN_NAMES.get(cell.strip().lower())
        if name and name not in columns:
            columns[name] = index
    return columns if {"source", "target"} <= columns.keys() else None


def read_table(
    path: str | Path, srclang: str | None = None, tgtlang: str | None = None
) -> tuple[Memory, list[TranslationUnit]]:
    """Read a two-column table whose header row holds the two language tags; where the user
    gives both (`srclang`, `tgtlang`), they outrank the header, and a first row that names
    no languages is a pair like the others. A header naming its columns (source, target,
    context, fuzzy: translate-toolkit's CSV) is read by those names, in the languages given."""
    rows = read_rows(str(path))
    header = next(rows, None)
    if header is None:
        raise InputError(str(path), "first row must name two languages (e.g. en,es)", 1)
    columns = _columns_named(header[1])
    if columns is not None:
        if not (srclang and tgtlang):
            raise InputError(
                str(path), "a table naming its columns (source, target) names no languages: "
                "give --src-lang and --tgt-lang", 1,
            )  # fmt: skip
        return Memory(srclang=srclang, tgtlang=tgtlang), _named_column_units(
            rows, columns, srclang, tgtlang
        )
    named = _languages_named(header[1])
    if srclang and tgtlang:
        rows = rows if named else itertools.chain([header], rows)
    elif named:
        srclang, tgtlang = named
    else:
        if len(header[1]) >= 2 and known_tag(header[1][0]):
            normalise_tag(header[1][1], f"{path}:1")  # a header with one tag it does not know
        raise InputError(
            str(path), "first row must name two languages (e.g. en,es), or give --src-lang "
            "and --tgt-lang", 1,
        )  # fmt: skip
    units = []
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise InputError(str(path), "row has fewer than two columns", number)
        units.append(TranslationUnit([Variant(srclang, row[0]), Variant(tgtlang, row[1])]))
    return Memory(srclang=srclang, tgtlang=tgtlang), units


def _named_column_units(
    rows: Iterator[tuple[int, list[str]]], columns: dict[str, int], srclang: str, tgtlang: str
) -> list[TranslationUnit]:
    """The units of a table read by its columns' names: a context as PO's msgctxt travels
    (x-context), a fuzzy row marked for review, a row with no source left out."""
    units = []
    for _, row in rows:
        cell = {name: row[index] if index < len(row) else "" for name, index in columns.items()}
        if not cell["source"].strip():
            continue
        unit = TranslationUnit([Variant(srclang, cell["source"]), Variant(tgtlang, cell["target"])])
        if cell.get("context"):
            unit.props.append(("x-context", cell["context"]))
        unit.needs_review = cell.get("fuzzy", "").strip().lower() in _FUZZY
        units.append(unit)
    return units
