"""Sentence segmentation: tmkit beside pySBD, sentencex and blingfire, end to end and alone.

Run: pip install '.[bench]' && python bench/segment.py [--mb 1] [--long-line-mb 10]
     [--large-mb 40]

Input: the seed corpus's files (web pages as plain text, debris included) repeated to the
requested size, written to one file.
- End to end, the figure a user feels: one process a tool, from the file to JSONL on disk,
  start-up included. tmkit runs its default command (`tmkit segment FILE --lang en --format
  jsonl`, web debris removed); each peer runs the few lines a user would write around it
  (split at blank lines, segment each paragraph, one JSON object a sentence).
- The segmenter alone (a kernel figure): the paragraphs tmkit's reader keeps, read untimed,
  then every tool's segment call on them in this process.
- Accuracy: the Pragmatic Segmenter spec cases in ../shared/eval/segmentation, when that
  folder is there, each tool with the case's language (blingfire has none), and the tricky
  English cases of tests/fixtures/tricky_en.json.
- With --long-line-mb, a file of one line that long, and one a quarter as long, through
  `tmkit segment`: time, seconds a MB (the same at both sizes when the time is linear) and
  memory.
- With --large-mb, the seed pages repeated to that size through `tmkit segment`: time and
  memory, which stays flat as the file grows (documents are read in blocks and pieces).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import blingfire
import pysbd
import sentencex
from installed import compile_like_an_install

from tmkit.reading.reader import read_document
from tmkit.reading.srx import segmenter_for

ROOT = Path(__file__).resolve().parent.parent
TRICKY = json.loads((ROOT / "tests/fixtures/tricky_en.json").read_text("utf-8"))
SPEC = ROOT.parent / "shared/eval/segmentation/pragmatic-segmenter-spec.json"

# What a user writes around each peer: file in, paragraphs, sentences, JSONL out.
PEER_SCRIPT = """
import json, sys
{setup}
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for paragraph in text.split("\\n\\n"):
        for sentence in {call}:
            if sentence.strip():
                out.write(json.dumps({{"text": sentence.strip()}}, ensure_ascii=False) + "\\n")
"""
PEERS = {
    "pySBD": (
        "import pysbd; seg = pysbd.Segmenter(language='en', clean=False)",
        "seg.segment(paragraph)",
    ),
    "sentencex": ("import sentencex", "sentencex.segment('en', paragraph)"),
    "blingfire": (
        "import blingfire",
        "blingfire.text_to_sentences(paragraph).split('\\n') if paragraph.strip() else []",
    ),
}

Splitter = Callable[[str, str], list[str]]


def kernels() -> dict[str, Splitter]:
    """Each tool as a function from (paragraph, language) to its sentences."""
    pysbd_by_lang: dict[str, pysbd.Segmenter] = {}

    def sbd(text: str, lang: str) -> list[str]:
        if lang not in pysbd_by_lang:
            pysbd_by_lang[lang] = pysbd.Segmenter(language=lang, clean=False)
        return pysbd_by_lang[lang].segment(text)

    return {
        "tmkit": lambda text, lang: [text[s:e] for s, e in segmenter_for(lang).spans(text)],
        "pySBD": sbd,
        "sentencex": lambda text, lang: list(sentencex.segment(lang, text)),
        "blingfire": lambda text, lang: (
            blingfire.text_to_sentences(text).split("\n") if text.strip() else []
        ),
    }


def seed_file(folder: Path, size_mb: float, name: str = "seed.txt") -> Path:
    """The seed files, raw, repeated to size_mb megabytes, as one plain-text file."""
    raw = [p.read_text("utf-8") for p in sorted((ROOT / "corpus").glob("0*.txt"))]
    pieces, total = [], 0
    while total < size_mb * 1_000_000:
        for text in raw:
            pieces.append(text)
            total += len(text.encode())
    path = folder / name
    path.write_text("\n\n".join(pieces), "utf-8")
    return path


# A child inherits its parent's peak memory (Linux keeps it across fork and exec), so each
# tool runs under this small launcher, which times it and reports its own child's peak.
LAUNCHER = (
    "import os, subprocess, sys, time\n"
    "began = time.perf_counter()\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(time.perf_counter() - began, usage.ru_maxrss, status, file=sys.stderr)\n"
)


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process."""
    result = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], capture_output=True, text=True
    )
    seconds, peak_kb, status = result.stderr.split()[-3:]
    if int(status):
        raise SystemExit(f"{command[:3]} failed: {result.stderr.strip()[-300:]}")
    return float(seconds), int(peak_kb) / 1024


def end_to_end(path: Path, folder: Path) -> dict[str, tuple[float, float, int]]:
    tmkit_out = folder / "tmkit.jsonl"
    times = {}
    command = [sys.executable, "-m", "tmkit", "segment", str(path), "--lang", "en"]
    seconds, memory = run([*command, "--format", "jsonl", "-o", str(tmkit_out)])
    times["tmkit"] = (seconds, memory, _lines(tmkit_out))
    for name, (setup, call) in PEERS.items():
        script, out = folder / f"run_{name}.py", folder / f"{name}.jsonl"
        script.write_text(PEER_SCRIPT.format(setup=setup, call=call), "utf-8")
        seconds, memory = run([sys.executable, str(script), str(path), str(out)])
        times[name] = (seconds, memory, _lines(out))
    return times


def one_line(folder: Path, size_mb: float) -> tuple[float, float]:
    """`tmkit segment` of a file that is one line of prose with quotations and brackets: every
    check that reads back from a quotation to the start of its block shows here as growth."""
    line = folder / "line.txt"
    sentence = (
        'The minister said the talks went well. "They meet again in May," she said. '
        "He called it 'a good start.' (The first round was in March.) "
    )
    line.write_text(sentence * int(size_mb * 1e6 / len(sentence)), "utf-8")
    command = [sys.executable, "-m", "tmkit", "segment", str(line), "--lang", "en"]
    return run([*command, "-o", str(folder / "line.out")])


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def kernel_times(path: Path) -> dict[str, float]:
    doc = read_document(str(path), lang="en")
    paragraphs = [doc.text[b.start : b.end] for b in doc.blocks]
    times = {}
    for name, split in kernels().items():
        split("Warm up. Now.", "en")
        began = time.perf_counter()
        for paragraph in paragraphs:
            split(paragraph, "en")
        times[name] = time.perf_counter() - began
    return times


def accuracy() -> dict[str, dict[str, tuple[int, int]]]:
    """Cases passed per tool and language: the spec cases (if present) and the tricky cases.
    pySBD runs with each case's own cleaning and document type, as its suite runs them;
    tmkit's spec figures come from its command (score.py), since its reader is part of it."""
    cases = [("tricky-en", "en", None, c["text"], c["segments"]) for c in TRICKY]
    if SPEC.exists():
        cases += [
            (c["lang"], c["lang"], c, c["input"], c["expected"])
            for c in json.loads(SPEC.read_text("utf-8"))
        ]
    scores: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for name, split in kernels().items():
        for group, lang, case, text, expected in cases:
            if name == "tmkit" and case is not None:
                continue
            if name == "pySBD" and case is not None:
                seg = pysbd.Segmenter(
                    language=lang, clean=case.get("clean", True), doc_type=case.get("doc_type")
                )
                got = seg.segment(text)
            else:
                got = split(text, lang)
            want = [s.strip() for s in expected if s.strip()]
            scores[name][group][0] += [s.strip() for s in got if s.strip()] == want
            scores[name][group][1] += 1
    for lang, passed, total in _tmkit_on_spec():
        scores["tmkit"][lang] = [passed, total]
    return {name: {g: tuple(v) for g, v in groups.items()} for name, groups in scores.items()}


def _tmkit_on_spec() -> list[tuple[str, int, int]]:
    """tmkit's own command over the spec cases, per language, as ../shared/eval/score.py
    counts them (whole documents through the reader and the segmenter)."""
    scorer = SPEC.parent.parent / "score.py"
    if not scorer.exists():
        return []
    result = subprocess.run(
        [sys.executable, str(scorer), "segmentation"], capture_output=True, text=True
    )
    found = re.findall(r"\b([a-z]{2}) (\d+)/(\d+)", result.stdout)
    return [(lang, int(passed), int(total)) for lang, passed, total in found]


def main() -> None:
    compile_like_an_install()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of input (default 1)")
    parser.add_argument("--long-line-mb", type=float, default=0, help="also time one long line")
    parser.add_argument(
        "--large-mb", type=float, default=0, help="also segment a file this large (memory)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        path = seed_file(folder, args.mb)
        size = path.stat().st_size / 1e6
        print(f"input: {size:.2f} MB of seed pages (plain text, debris included)\n")
        whole = end_to_end(path, folder)
        base = whole["pySBD"][0]
        print("end to end, one process a tool, file to JSONL (start-up included):")
        print(f"  {'tool':10} {'seconds':>8} {'× pySBD':>8} {'peak MB':>8} {'sentences':>10}")
        for name, (seconds, memory, count) in whole.items():
            print(f"  {name:10} {seconds:8.2f} {base / seconds:8.1f} {memory:8.0f} {count:10d}")
        alone = kernel_times(path)
        print("\nthe segmenter alone, on the paragraphs tmkit's reader keeps (kernel figure):")
        for name, seconds in alone.items():
            print(f"  {name:10} {seconds:8.3f} s {alone['pySBD'] / seconds:8.1f} × pySBD")
        if args.long_line_mb:
            print()
            for size_mb in (args.long_line_mb / 4, args.long_line_mb):
                seconds, memory = one_line(folder, size_mb)
                print(
                    f"one line of {size_mb:g} MB: {seconds:.1f} s ({seconds / size_mb:.2f} s/MB), "
                    f"{memory:.0f} MB peak"
                )
        if args.large_mb:
            large = seed_file(folder, args.large_mb, "large.txt")
            command = [sys.executable, "-m", "tmkit", "segment", str(large), "--lang", "en"]
            seconds, memory = run([*command, "--format", "jsonl", "-o", str(folder / "big.out")])
            print(f"\na file of {args.large_mb:g} MB: {seconds:.1f} s, {memory:.0f} MB peak")
    print("\naccuracy, cases passed:")
    scores = accuracy()
    groups = sorted({g for by in scores.values() for g in by})
    print("  " + f"{'tool':10}" + "".join(f"{g:>11}" for g in groups))
    for name, by in scores.items():
        cells = "".join(f"{by[g][0]:>6}/{by[g][1]:<4}" for g in groups)
        print(f"  {name:10}{cells}")
    for name, by in scores.items():
        if all(g in by for g in groups if g != "tricky-en"):
            spec = [by[g] for g in groups if g != "tricky-en"]
            print(
                f"  {name:10} spec cases, all languages: {sum(p for p, _ in spec)}/"
                f"{sum(t for _, t in spec)}"
            )


if __name__ == "__main__":
    main()
