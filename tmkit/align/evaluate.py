"""Alignment scores against gold data: precision, recall and F1, strict and lax.

Gold and predictions are beads over sentence indices, written one a line as `[0]:[0]`,
`[1,2]:[3]` or `[4]:[]` (or, for predictions, `tmkit align --format jsonl` lines). Counted
as Vecalign's score.py counts, the convention published results use: precision over every
predicted bead, insertions and deletions (1-0, 0-1) included; recall over the gold beads
with two sides, against the predicted beads with two sides. Strict: a bead counts when the
same bead is in the other set. Lax: when one of its target sentences is aligned in the other
set to one of its source sentences. `counting="two-sided"` scores only beads with two sides
on both sets (what tmkit counted before).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from tmkit.errors import InputError
from tmkit.textio import read_utf8, split_lines

csv.field_size_limit(sys.maxsize)  # a review table's sentence can be longer than 131,072

_BEAD = regex.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")
# A review table's ids: "6", "6, 7", or as a person types them in a spreadsheet, "6,7",
# "6 7" or "6;7" (where a comma is the decimal mark).
_TSV_IDS = regex.compile(r"^\s*(?:\d+(?:\s*[,;]\s*\d+|\s+\d+)*)?\s*$")
# The columns of `tmkit align --format tsv`, a table to review in a spreadsheet.
TSV_HEADER = ("src_ids", "tgt_ids", "score", "flag", "source", "target", "src_doc", "tgt_doc")
# How a review table lists a bead's sentences: "101, 102". A spreadsheet reads "101,102" as
# the number 101102 where a comma groups thousands (LibreOffice Calc in English), and
# "101 102" where a space does (French, Russian), and writes that number back; with a space
# after the comma it is text in every locale.
IDS_SEPARATOR = ", "


def review_table(rows: Iterable[Sequence[str]]) -> str:
    """A review table's text: the header, then one row a bead (cells as TSV_HEADER names
    them), quoted where a cell holds a quotation mark, as spreadsheets write and read it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(TSV_HEADER)
    writer.writerows(rows)
    return out.getvalue()


def ids_cell(ids: Iterable[int]) -> str:
    """A bead side's sentence ids as a review table writes them."""
    return IDS_SEPARATOR.join(map(str, ids))


Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(slots=True)
class Scores:
    """Precision, recall and F1, strict and lax."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float


def read_beads(
    path: str | Path, src_doc: str | None = None, tgt_doc: str | None = None
) -> list[Bead]:
    """Beads from a gold file (`[1,2]:[3]` lines), from `tmkit align` JSON lines (those
    between `src_doc` and `tgt_doc` when given) or from `tmkit align --format tsv` rows."""
    return [bead for _, bead in numbered_beads(path, src_doc, tgt_doc)]


def _is_index(value: object) -> bool:
    """A sentence number: a whole number from 0 (JSON's true is no number here)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def numbered_beads(
    path: str | Path, src_doc: str | None = None, tgt_doc: str | None = None
) -> list[tuple[int, Bead]]:
    """read_beads with the line each bead is on."""
    beads = []
    lines = split_lines(read_utf8(str(path)))
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in line:  # a review table's row: ids, ids, score, flag, texts, documents
            try:  # as a spreadsheet quotes them
                cells = next(csv.reader([line], delimiter="\t"))
            except csv.Error:  # a carriage return alone inside an unquoted cell
                raise InputError(str(path), "a carriage return inside a cell", number) from None
            if cells[0] == TSV_HEADER[0]:
                continue
            if len(cells) < 2 or not all(_TSV_IDS.match(cell) for cell in cells[:2]):
                raise InputError(str(path), "a row must start with source and target ids", number)
            docs = cells[6:8] if len(cells) >= 8 else [None, None]
            if src_doc in (None, docs[0]) and tgt_doc in (None, docs[1]):
                beads.append((number, (_indices(cells[0]), _indices(cells[1]))))
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
                sides = (record["src_ids"], record["tgt_ids"])
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(str(path), "not an alignment JSON line", number) from None
            if not all(isinstance(side, list) and all(map(_is_index, side)) for side in sides):
                raise InputError(
                    str(path), "src_ids and tgt_ids must be lists of sentence numbers", number
                )
            bead = (tuple(sides[0]), tuple(sides[1]))
            if src_doc in (None, record.get("src_doc")) and tgt_doc in (
                None,
                record.get("tgt_doc"),
            ):
                beads.append((number, bead))
            continue
        match = _BEAD.match(line)
        if not match:
            raise InputError(str(path), f"not a bead like [1,2]:[3]: {line.strip()!r}", number)
        beads.append((number, (_indices(match.group(1)), _indices(match.group(2)))))
    return beads


def _indices(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in regex.split(r"[\s,;]+", text.strip()) if part)


def score(predicted: list[Bead], gold: list[Bead], counting: str = "vecalign") -> Scores:
    """Strict and lax precision, recall and F1 of predicted beads against gold beads."""
    both_predicted = [b for b in predicted if b[0] and b[1]]
    both_gold = [b for b in gold if b[0] and b[1]]
    test = both_predicted if counting == "two-sided" else [b for b in predicted if b[0] or b[1]]
    strict_p, lax_p = _precision(test, gold)
    strict_r, lax_r = _precision(both_gold, both_predicted)
    return Scores(strict_p, strict_r, _f1(strict_p, strict_r), lax_p, lax_r, _f1(lax_p, lax_r))


def _precision(test: list[Bead], reference: list[Bead]) -> tuple[float, float]:
    """Share of `test` beads found in `reference`: identical (strict), or with a target
    sentence that `reference` aligns to one of their source sentences (lax)."""
    if not test:
        return 0.0, 0.0
    exact = set(reference)
    aligned_to: dict[int, set[int]] = {}
    for source, target in reference:
        for index in source:
            aligned_to.setdefault(index, set()).update(target)
    strict = lax = 0
    for source, target in test:
        if (source, target) in exact:
            strict += 1
            lax += 1
        elif any(j in aligned_to.get(i, ()) for i in source for j in target):
            lax += 1
    return strict / len(test), lax / len(test)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
