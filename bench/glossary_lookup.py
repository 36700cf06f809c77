"""Glossary look-up: tmkit's index beside a linear scan, on a 100,000-entry glossary.

Run: pip install '.[test]' && python bench/glossary_lookup.py [--entries 100000]

The glossary is generated (two- and three-word names and terms from a Zipf-like
vocabulary, each with a variant or two), written as TBX by tmkit and read back, as a user's
glossary would be. Queries mix exact forms, variants with accents and case changed,
prefixes and misspellings. The peer is what a script or a simple tool does: fold every form
and score each with rapidfuzz (in C) for every query, best first. Both answer the same
queries; "same best" counts queries where they return the same entry first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from tmkit.glossary.files import read_glossary, write_glossary
from tmkit.glossary.lookup import GlossaryIndex
from tmkit.glossary.model import Entry, Form
from tmkit.phrases import folded_key

SYLLABLES = "ka ri mo sa le vi na to pe lu ga do mi ne ro ba si ta ko zu".split()


def glossary(count: int, rng: random.Random) -> list[Entry]:
    words = list({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(40_000)})
    entries = []
    seen = set()
    while len(entries) < count:
        term = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(2, 3)))
        if term in seen:
            continue
        seen.add(term)
        variant = term.replace("a", "á", 1)
        entries.append(
            Entry(
                f"t{len(entries) + 1:06d}",
                "en",
                "name",
                [Form(term, "preferred", 2), Form(variant, "admitted", 1)],
            )
        )
    return entries


def queries(entries: list[Entry], count: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(count):
        term = rng.choice(entries).term
        kind = i % 4
        if kind == 0:
            out.append(term)
        elif kind == 1:
            out.append(term.lower().replace("a", "á"))
        elif kind == 2:
            out.append(term[: max(4, len(term) // 2)])
        else:
            at = rng.randrange(1, len(term) - 1)
            out.append(term[:at] + term[at + 1 :])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    entries = glossary(args.entries, rng)
    asked = queries(entries, args.queries, rng)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "big.tbx")
        write_glossary(path, entries, "tbx")
        start = time.perf_counter()
        loaded = read_glossary(path)
        index = GlossaryIndex(loaded)
        load_seconds = time.perf_counter() - start
    keys = [folded_key(f.form) for e in loaded for f in e.forms]
    owner = [e for e in loaded for _ in e.forms]
    ours, theirs, same = [], [], 0
    for query in asked:
        start = time.perf_counter()
        hits = index.lookup(query, 5)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        best = process.extract(folded_key(query), keys, scorer=fuzz.WRatio, limit=5)
        theirs.append(time.perf_counter() - start)
        if hits and best and hits[0].entry is owner[best[0][2]]:
            same += 1
    ours_ms = statistics.median(ours) * 1000
    theirs_ms = statistics.median(theirs) * 1000
    print(f"glossary: {len(loaded):,} entries, {len(keys):,} forms; TBX read + index "
          f"{load_seconds:.1f} s")  # fmt: skip
    print(f"tmkit index   median {ours_ms:7.2f} ms  p95 {_p95(ours) * 1000:7.2f} ms")
    print(f"linear scan   median {theirs_ms:7.2f} ms  p95 {_p95(theirs) * 1000:7.2f} ms")
    print(f"ratio {theirs_ms / ours_ms:.1f}× faster; same best entry {same}/{len(asked)}")


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


if __name__ == "__main__":
    main()
