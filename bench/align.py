"""Parallel alignment: tmkit beside NLTK's Gale–Church (`nltk.translate.gale_church`).

Run: pip install '.[bench]' && python bench/align.py [--repeat 1 10 100]

Both align the same bilingual gold set (tests/gold/bilingual: English paragraphs of the seed
transcript and their Spanish, French and Russian translations, with sentences split, merged
and omitted) and are scored with the same scorer (strict and lax F1, as `tmkit eval align`).
Speed: the documents repeated 10× and 100× (gold shifted alike), each aligner timed on the
same input in one run; NLTK's search fills the whole sentence-by-sentence table, so it grows
quadratically, while tmkit's banded search grows linearly. These are kernel figures (the
search alone, in this process).

The Text+Berg German–French development article (../shared/eval/alignment, when it is
beside the repository) is aligned whole process — `tmkit align` on the command line, and a
Python process running NLTK's Gale–Church on the same files — and scored as Vecalign's
score.py counts (`tmkit eval align`). hunalign is not built here: its source would have to
be fetched and compiled by this script, which the project does not do.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import compile_like_an_install
from nltk.translate.gale_church import align_blocks

from tmkit.align.evaluate import read_beads, score
from tmkit.align.parallel import align_parallel

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "bilingual"
DEV = ROOT.parent / "shared" / "eval" / "alignment" / "textberg-dev"
_NLTK_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[3])
from align import nltk_beads
source = open(sys.argv[1], encoding="utf-8").read().split("\\n")[:-1]
target = open(sys.argv[2], encoding="utf-8").read().split("\\n")[:-1]
for s, t in nltk_beads(source, target):
    print(json.dumps({"src_ids": list(s), "tgt_ids": list(t)}))
"""
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


def whole_process(command: list[str]) -> tuple[float, str]:
    """Seconds a command takes from start to exit, and what it printed."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, result.stdout


def development_article() -> None:
    """Both aligners on the Text+Berg article, whole process, scored the published way."""
    if not DEV.is_dir():
        print(f"(no {DEV}: Text+Berg development article skipped)")
        return
    # The interpreter running this script, as bench/segment.py runs it: a version manager's
    # shim in front of the console script (pyenv's adds 70 ms) is not tmkit's time.
    tmkit = [sys.executable, "-m", "tmkit"]
    source, target = str(DEV / "dev.de"), str(DEV / "dev.fr")
    ours_s, ours = whole_process(
        [*tmkit, "align", source, target, "--segmented", "--mode", "parallel",
         "--src-lang", "de", "--tgt-lang", "fr", "--format", "jsonl"]
    )  # fmt: skip
    script = [sys.executable, "-c", _NLTK_SCRIPT, source, target, str(Path(__file__).parent)]
    theirs_s, theirs = whole_process(script)
    print("\nText+Berg de-fr development article, whole process, Vecalign's counting")
    print(f"{'aligner':8} {'strict P':>9} {'R':>6} {'F1':>6} {'lax F1':>7} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, output, seconds in (("tmkit", ours, ours_s), ("nltk", theirs, theirs_s)):
            predicted = Path(folder) / f"{name}.jsonl"
            predicted.write_text(output, "utf-8")
            scores = json.loads(
                whole_process([*tmkit, "eval", "align", str(predicted), str(DEV / "dev.gold"),
                               "--format", "json"])[1]
            )  # fmt: skip
            print(
                f"{name:8} {scores['strict_precision']:>9.3f} {scores['strict_recall']:>6.3f} "
                f"{scores['strict_f1']:>6.3f} {scores['lax_f1']:>7.3f} {seconds:>8.2f}"
            )


def main() -> None:
    compile_like_an_install()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, nargs="+", default=[1, 10, 50])
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
    development_article()


if __name__ == "__main__":
    main()
