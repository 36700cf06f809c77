"""JSON Lines: one unit an object, the shape `tmkit align --format jsonl` prints.

Written: {"tuid", "src_lang", "tgt_lang", "src", "tgt", "creationdate", "notes", "props"},
and "src_markup" / "tgt_markup" (TMX inline codes) for a side that has codes.
Read: the same, and any other top-level key (an alignment's "event", "score", …) becomes a
property `x-<key>`, so alignment output loads as a memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from tmkit.atomic import atomic_writer
from tmkit.errors import InputError
from tmkit.formats.inline import parse_tmx_markup
from tmkit.textio import read_utf8, refuse_uncarriable_values, split_lines
from tmkit.units import Memory, TranslationUnit, Variant

_KNOWN = {"tuid", "src_lang", "tgt_lang", "src", "tgt", "creationdate", "notes", "props",
          "needs_review"}  # fmt: skip
_MARKUP = ("src_markup", "tgt_markup")  # the source's and the target's inline codes


def write_jsonl(path: str | Path, units: Iterable[TranslationUnit], memory: Memory) -> int:
    """Write source/target pairs as JSON lines; return how many were written."""
    count = 0
    with atomic_writer(path) as handle:
        for unit in units:
            source, target = unit.source_and_target(memory.srclang, memory.tgtlang)
            if target is None and memory.tgtlang:
                target = unit.source_and_target(memory.srclang, None)[1]
            if source is None or target is None:
                continue
            unit.refuse_uncarriable(str(path), count + 1)
            record = {
                "tuid": unit.tuid,
                "src_lang": source.lang,
                "tgt_lang": target.lang,
                "src": source.text,
                "tgt": target.text,
                "creationdate": unit.creationdate,
                "notes": unit.notes,
                "props": [[kind, value] for kind, value in unit.props],
            }
            for key, variant in zip(_MARKUP, (source, target), strict=True):
                if variant.markup is not None:
                    record[key] = variant.markup
            if unit.needs_review:
                record["needs_review"] = True
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(
    path: str | Path, srclang: str | None = None, tgtlang: str | None = None
) -> tuple[Memory, list[TranslationUnit]]:
    """Read JSON lines of pairs; each line must name src and tgt, and src_lang and tgt_lang
    where `srclang` and `tgtlang` (the user's) do not give them."""
    units: list[TranslationUnit] = []
    told = {"src_lang": srclang, "tgt_lang": tgtlang}
    lines = split_lines(read_utf8(str(path)))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", number) from None
        if not isinstance(record, dict):
            raise InputError(str(path), "each line must be a JSON object", number)
        for key, language in told.items():
            if language and key not in record:
                record[key] = language
        for key in ("src", "tgt", "src_lang", "tgt_lang"):
            if not isinstance(record.get(key), str):
                raise InputError(str(path), f"missing string field {key!r}", number)
        refuse_uncarriable_values(record, str(path), number)
        srclang = srclang or record["src_lang"]
        tgtlang = tgtlang or record["tgt_lang"]
        props = _pairs(record.get("props"), str(path), number)
        props.extend(
            (f"x-{key}", value if isinstance(value, str) else json.dumps(value))
            for key, value in record.items()
            if key not in _KNOWN and key not in _MARKUP and value is not None
        )
        markup = [_markup(record, key, str(path), number) for key in _MARKUP]
        units.append(
            TranslationUnit(
                [
                    Variant(record["src_lang"], record["src"], markup[0]),
                    Variant(record["tgt_lang"], record["tgt"], markup[1]),
                ],
                tuid=_optional_string(record, "tuid", str(path), number),
                creationdate=_optional_string(record, "creationdate", str(path), number),
                props=props,
                notes=_strings(record.get("notes"), str(path), number),
                needs_review=record.get("needs_review") is True,
            )
        )
    if srclang is None:
        raise InputError(str(path), "no units in file")
    return Memory(srclang=srclang, tgtlang=tgtlang), units


def _pairs(value: object, path: str, line: int) -> list[tuple[str, str]]:
    """A record's props: a list of [kind, value] pairs of strings (or numbers), or nothing."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(map(_scalar, pair)) for pair in value
    ):
        raise InputError(path, "props must be a list of [kind, value] pairs", line)
    return [(str(kind), str(text)) for kind, text in value]


def _strings(value: object, path: str, line: int) -> list[str]:
    """A record's notes: a list of strings (or numbers), one string, or nothing."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(map(_scalar, value)):
        raise InputError(path, "notes must be a list of strings", line)
    return [str(note) for note in value]


def _optional_string(record: dict, key: str, path: str, line: int) -> str | None:
    """A record's field that is a string (or a number) when it is there: tuid, creationdate."""
    value = record.get(key)
    if value is None:
        return None
    if not _scalar(value):
        raise InputError(path, f"{key} must be a string", line)
    return str(value)


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _markup(record: dict, key: str, path: str, line: int) -> str | None:
    """A side's inline codes (TMX markup), refused here when they are not well-formed."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(path, f"{key} must be a string", line)
    try:
        parse_tmx_markup(value, key)
    except InputError as exc:
        raise InputError(path, exc.problem, line) from None
    return value
