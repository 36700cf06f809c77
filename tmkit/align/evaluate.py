"""Alignment scores against gold data: precision, recall and F1, strict and lax.

Gold and predictions are beads over sentence indices, written one a line as `[0]:[0]`,
`[1,2]:[3]` or `[4]:[]` (or, for predictions, `tmkit align --format jsonl` lines). As in
published aligner evaluations (Vecalign's scorer, the WMT bitext tasks), beads with an
empty side are not scored. Strict: a bead counts when the same bead is in the other set.
Lax: a bead counts when some bead of the other set shares a source and a target sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import regex

from tmkit.errors import InputError
from tmkit.textio import read_utf8, split_lines

_BEAD = regex.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")

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
    """Beads from a gold file (`[1,2]:[3]` lines) or from `tmkit align` JSON lines (those
    between `src_doc` and `tgt_doc` when given)."""
    beads = []
    lines = split_lines(read_utf8(str(path)))
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
                bead = (tuple(record["src_ids"]), tuple(record["tgt_ids"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(str(path), "not an alignment JSON line", number) from None
            if src_doc in (None, record.get("src_doc")) and tgt_doc in (
                None,
                record.get("tgt_doc"),
            ):
                beads.append(bead)
            continue
        match = _BEAD.match(line)
        if not match:
            raise InputError(str(path), f"not a bead like [1,2]:[3]: {line.strip()!r}", number)
        beads.append((_indices(match.group(1)), _indices(match.group(2))))
    return beads


def _indices(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(",", " ").split())


def score(predicted: list[Bead], gold: list[Bead]) -> Scores:
    """Strict and lax precision, recall and F1 of predicted beads against gold beads."""
    test = [b for b in predicted if b[0] and b[1]]
    reference = [b for b in gold if b[0] and b[1]]
    strict_hits = len(set(test) & set(reference))
    strict_p = strict_hits / len(test) if test else 0.0
    strict_r = strict_hits / len(reference) if reference else 0.0
    lax_p = _covered(test, reference) / len(test) if test else 0.0
    lax_r = _covered(reference, test) / len(reference) if reference else 0.0
    return Scores(strict_p, strict_r, _f1(strict_p, strict_r), lax_p, lax_r, _f1(lax_p, lax_r))


def _covered(beads: list[Bead], others: list[Bead]) -> int:
    """How many beads share a source and a target sentence with some bead of `others`."""
    by_source: dict[int, list[Bead]] = {}
    for other in others:
        for index in other[0]:
            by_source.setdefault(index, []).append(other)
    count = 0
    for source, target in beads:
        candidates = (o for i in source for o in by_source.get(i, ()))
        if any(set(target) & set(o[1]) for o in candidates):
            count += 1
    return count


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
