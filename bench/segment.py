"""Segmenter throughput and accuracy: tmkit beside pysbd and sentence-splitter.

Run: pip install '.[bench]' && python bench/segment.py [--mb 5]

All three split the same English prose, paragraph by paragraph, in one process; the
prose is the seed corpus's paragraphs and speaker turns (debris removed by tmkit's reader)
and the tricky cases, shuffled and repeated to the requested size. Accuracy is counted on
the tricky English cases of tests/fixtures/tricky_en.json and on the gold segmentation
of the seed documents' prose (tests/gold/segments).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import pysbd
from sentence_splitter import SentenceSplitter

from tmkit.corpus import load_corpus
from tmkit.reading.srx import segmenter_for

ROOT = Path(__file__).resolve().parent.parent
TRICKY = json.loads((ROOT / "tests/fixtures/tricky_en.json").read_text("utf-8"))
GOLD_DIR = ROOT / "tests/gold/segments"

Splitter = Callable[[str], list[str]]


def splitters() -> dict[str, Splitter]:
    """Each tool as a function from a paragraph to its sentences."""
    tmkit_en = segmenter_for("en")
    sbd = pysbd.Segmenter(language="en", clean=False)
    koehn = SentenceSplitter(language="en")
    return {
        "tmkit": lambda text: [text[s:e] for s, e in tmkit_en.spans(text)],
        "pysbd": lambda text: [s.strip() for s in sbd.segment(text) if s.strip()],
        "sentence-splitter": lambda text: [s for s in koehn.split(text) if s],
    }


def seed_paragraphs() -> tuple[list[str], list[str]]:
    """Prose blocks of the seeds, and the gold sentences they must split into."""
    docs = load_corpus(ROOT / "corpus")
    blocks = [
        d.text[b.start : b.end]
        for d in docs
        for b in d.blocks
        if b.kind in {"paragraph", "turn", "headline", "heading"}
    ]
    gold = [
        line for path in sorted(GOLD_DIR.glob("*.txt")) for line in path.read_text().splitlines()
    ]
    return blocks, gold


def prose(size_mb: float, paragraphs: list[str]) -> list[str]:
    """Paragraphs shuffled with a fixed seed and repeated to at least size_mb megabytes."""
    rng = random.Random(20241122)
    pool = paragraphs + [case["text"] for case in TRICKY]
    out: list[str] = []
    total = 0
    while total < size_mb * 1_000_000:
        batch = pool[:]
        rng.shuffle(batch)
        out.extend(batch)
        total += sum(len(p.encode()) for p in batch)
    return out


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of prose (default 5)")
    args = parser.parse_args()
    blocks, gold = seed_paragraphs()
    text = prose(args.mb, blocks)
    size = sum(len(p.encode()) for p in text)
    print(
        f"prose: {size / 1e6:.2f} MB in {len(text)} paragraphs; "
        f"{len(TRICKY)} tricky cases; {len(gold)} gold seed sentences\n"
    )
    rows = []
    for name, split in splitters().items():
        passed = sum(split(case["text"]) == case["segments"] for case in TRICKY)
        predicted = [_norm(s) for block in blocks for s in split(block)]
        gold_hits = sum(1 for s in predicted if s in {_norm(g) for g in gold})
        began = time.perf_counter()
        count = sum(len(split(p)) for p in text)
        seconds = time.perf_counter() - began
        rows.append((name, size / seconds / 1e6, seconds, count, passed, gold_hits, len(predicted)))
    base = next(r for r in rows if r[0] == "pysbd")[1]
    print(
        f"{'tool':18} {'MB/s':>8} {'× pysbd':>8} {'seconds':>8} {'sentences':>10} "
        f"{'tricky':>8} {'seed gold':>10}"
    )
    for name, mbps, seconds, count, passed, hits, predicted in rows:
        print(
            f"{name:18} {mbps:8.2f} {mbps / base:8.1f} {seconds:8.2f} {count:10d} "
            f"{passed:>4}/{len(TRICKY):<3} {hits:>4}/{len(gold):<4}"
            f" (of {predicted} output)"
        )


if __name__ == "__main__":
    main()
