"""Parallel alignment: tmkit beside NLTK's Gale–Church (`nltk.translate.gale_church`).

Run: pip install '.[bench]' && python bench/align.py [--repeat 1 10 100]

Both align the same bilingual gold set (tests/gold/bilingual: English paragraphs of the seed
transcript and their Spanish, French and Russian translations, with sentences split, merged
and omitted) and are scored with the same scorer (strict and lax F1, as `tmkit eval align`).
Speed: the documents repeated 10× and 100× (gold shifted alike), each aligner timed on the
same input in one run; NLTK's search fills the whole sentence-by-sentence table, so it grows
quadratically, while tmkit's banded search grows linearly.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from nltk.translate.gale_church import align_blocks

from tmkit.align.evaluate import read_beads, score
from tmkit.align.parallel import align_parallel

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "bilingual"
LANGUAGES = ("es", "fr", "ru")

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def nltk_beads(source: list[str], target: list[str]) -> list[Bead]:
    """NLTK's sentence links grouped into beads (linked sentences form one bead)."""
    links = align_blocks([len(s) for s in source], [len(t) for t in target])
    beads: list[tuple[set[int], set[int]]] = []
    for i, j in sorted(links):
        for bead in beads:
            if i in bead[0] or j in bead[1]:
                bead[0].add(i)
                bead[1].add(j)
                break
        else:
            beads.append(({i}, {j}))
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in beads]


def tmkit_beads(source: list[str], target: list[str]) -> list[Bead]:
    return [(tuple(b.src), tuple(b.tgt)) for b in align_parallel(source, target)]


def repeated(lines: list[str], gold: list[Bead], times: int, other: int) -> tuple:
    """The documents `times` over, gold beads shifted to each copy."""
    shift_src, shift_tgt = len(lines), other
    beads = [
        (tuple(i + k * shift_src for i in s), tuple(j + k * shift_tgt for j in t))
        for k in range(times)
        for s, t in gold
    ]
    return lines * times, beads


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    english = (GOLD / "putin.en.txt").read_text("utf-8").splitlines()
    print(
        f"{'lang':4} {'×':>4} {'sents':>6} {'tmkit F1':>9} {'nltk F1':>8} "
        f"{'tmkit s':>8} {'nltk s':>8} {'speed-up':>9}"
    )
    for times in args.repeat:
        total_tmkit = total_nltk = 0.0
        for lang in LANGUAGES:
            target = (GOLD / f"putin.{lang}.txt").read_text("utf-8").splitlines()
            gold = read_beads(GOLD / f"putin.en-{lang}.gold")
            source, gold_beads = repeated(english, gold, times, len(target))
            target = target * times
            t_tmkit, ours = timed(tmkit_beads, source, target)
            t_nltk, theirs = timed(nltk_beads, source, target)
            total_tmkit += t_tmkit
            total_nltk += t_nltk
            f_ours = score(ours, gold_beads)
            f_theirs = score(theirs, gold_beads)
            print(
                f"{lang:4} {times:>4} {len(source):>6} "
                f"{f_ours.strict_f1:>9.3f} {f_theirs.strict_f1:>8.3f} "
                f"{t_tmkit:>8.3f} {t_nltk:>8.3f} {t_nltk / t_tmkit:>8.1f}×"
            )
        print(
            f"all  {times:>4} {'':6} {'':9} {'':8} {total_tmkit:>8.3f} {total_nltk:>8.3f} "
            f"{total_nltk / total_tmkit:>8.1f}×"
        )


if __name__ == "__main__":
    main()
