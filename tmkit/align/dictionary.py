"""Bilingual dictionaries for the parallel aligner (`tmkit align --dictionary FILE`).

Three formats, told by the file name:
- hunalign's `.dic`: one `target phrase @ source phrase` a line (target first, as hunalign
  reads it);
- `.tsv` / `.tab` / `.txt`: `source<TAB>target` a line;
- a dictd dictionary, as Debian's FreeDict packages install it (`dict-freedict-deu-fra`:
  `/usr/share/dictd/freedict-deu-fra.index` beside its `.dict.dz`): give the `.index`; each
  entry's headword is the source and the comma-separated renderings on its second line the
  targets.
Every pair becomes a lexical item of the aligner. Bad lines are refused with their line.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import regex

from tmkit.errors import InputError
from tmkit.textio import read_bytes, read_utf8, split_lines

_DICTD_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_HEADWORD = regex.compile(r"^(.*?)(?:\s+/|\s+<|$)")
_SENSE_NUMBER = regex.compile(r"^\s*\d+\.\s*")
# Renderings are separated by commas or semicolons, senses by their numbers ("1. … 2. …").
_RENDERINGS = regex.compile(r"[,;]\s*|\s+\d+\.\s+|\s+\d+\.$")


def read_dictionary(path: str) -> list[tuple[str, str]]:
    """(source, target) word or phrase pairs of a dictionary file."""
    name = path.lower()
    if name.endswith(".dic"):
        return _pairs(path, " @ ", reverse=True)
    if name.endswith((".tsv", ".tab", ".txt")):
        return _pairs(path, "\t", reverse=False)
    if name.endswith(".index"):
        return _dictd(path)
    raise InputError(
        path, "unknown dictionary format: give a hunalign .dic, a .tsv or a dictd .index"
    )


def _pairs(path: str, separator: str, reverse: bool) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(split_lines(read_utf8(path)), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split(separator)]
        if len(parts) != 2 or not all(parts):
            shown = "target @ source" if reverse else "source<TAB>target"
            raise InputError(path, f"not a dictionary line ({shown}): {line[:40]!r}", number)
        pairs.append((parts[1], parts[0]) if reverse else (parts[0], parts[1]))
    if not pairs:
        raise InputError(path, "dictionary has no entries")
    return pairs


def _number(digits: str, path: str, line: int) -> int:
    value = 0
    for digit in digits:
        place = _DICTD_DIGITS.find(digit)
        if place < 0:
            raise InputError(path, f"not a dictd index line (offset {digits!r})", line)
        value = value * 64 + place
    return value


def _dictd(path: str) -> list[tuple[str, str]]:
    """Pairs of a dictd dictionary: the .index names where each entry stands in .dict(.dz)."""
    base = Path(path).with_suffix("")
    data_path = next(
        (p for p in (Path(f"{base}.dict.dz"), Path(f"{base}.dict")) if p.is_file()), None
    )
    if data_path is None:
        raise InputError(path, f"no {base.name}.dict.dz or .dict beside the index")
    raw = read_bytes(str(data_path))
    try:
        data = gzip.decompress(raw) if data_path.suffix == ".dz" else raw
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(str(data_path), f"not a dictzip file: {exc}") from None
    pairs = []
    for number, line in enumerate(split_lines(read_utf8(path)), start=1):
        cells = line.split("\t")
        if len(cells) < 3:
            raise InputError(path, "not a dictd index line (headword, offset, length)", number)
        if cells[0].startswith("00database") or cells[0].startswith("00-database"):
            continue
        start, size = _number(cells[1], path, number), _number(cells[2], path, number)
        try:
            entry = data[start : start + size].decode("utf-8").split("\n")
        except UnicodeDecodeError:
            raise InputError(str(data_path), "entry is not UTF-8 text", number) from None
        if len(entry) < 2:
            continue
        headword = _HEADWORD.match(entry[0].strip())[1].strip()
        for rendering in _RENDERINGS.split(entry[1]):
            rendering = _SENSE_NUMBER.sub("", rendering).strip()
            if headword and rendering:
                pairs.append((headword, rendering))
    if not pairs:
        raise InputError(path, "dictionary has no entries")
    return pairs
