"""TM look-up: tmkit's SQLite TM beside rapidfuzz brute force over every unit.

Run: pip install '.[test]' && python bench/tm_lookup.py [--units 1000000] [--queries 100]

Both search the same generated memory (sentences drawn from a Zipf-distributed vocabulary,
as words are in real text) for the same queries (stored sources with one or two words
changed, and some unrelated sentences). Brute force scores every unit with rapidfuzz's
word-level Levenshtein similarity, takes its five best and rescores them with tmkit's
match percentage; "same best" counts queries where both find a match of the same
percentage (ties between units are equally good answers).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmkit.tm.fuzzy import fuzzy_score, index_terms
from tmkit.tm.sqlite import SqliteTM
from tmkit.units import Memory, TranslationUnit, Variant

VOCABULARY = 20_000


def sentences(count: int, rng: random.Random) -> list[str]:
    """Sentences of 6-20 words from a Zipf-like vocabulary."""
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
    words = [f"w{rank}" for rank in range(VOCABULARY)]
    return [
        " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(6, 20))).capitalize()
        + "."
        for _ in range(count)
    ]


def queries(sources: list[str], count: int, rng: random.Random) -> list[str]:
    """Stored sources with one or two words replaced; every fifth an unrelated sentence."""
    out = []
    fresh = sentences(count, rng)
    for i in range(count):
        if i % 5 == 4:
            out.append(fresh[i])
            continue
        words = rng.choice(sources)[:-1].split()
        for _ in range(rng.randint(1, 2)):
            words[rng.randrange(len(words))] = f"w{rng.randrange(VOCABULARY)}"
        out.append(" ".join(words) + ".")
    return out


def brute_force(query: str, sources: list[str], terms: list[list[str]]) -> int:
    best = process.extract(
        index_terms(query), terms, scorer=Levenshtein.normalized_similarity, limit=5
    )
    return max((fuzzy_score(query, sources[index]) for _, _, index in best), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--min", type=int, default=75, help="minimum match percentage")
    args = parser.parse_args()
    rng = random.Random(11)
    sources = sentences(args.units, rng)
    asked = queries(sources, args.queries, rng)
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteTM(Path(folder) / "bench.sqlite", create=True)
        began = time.perf_counter()
        store.import_units(
            (Memory("en"), TranslationUnit([Variant("en", s), Variant("fr", f"t{i}")]))
            for i, s in enumerate(sources)
        )
        imported = time.perf_counter() - began
        ours, found = [], []
        for query in asked:
            began = time.perf_counter()
            matches = store.lookup(query, "en", minimum=args.min, limit=1)
            ours.append(time.perf_counter() - began)
            found.append(matches[0].score if matches else 0)
        store.close()
    terms = [index_terms(s) for s in sources]
    theirs, best = [], []
    for query in asked:
        began = time.perf_counter()
        score = brute_force(query, sources, terms)
        theirs.append(time.perf_counter() - began)
        best.append(score if score >= args.min else 0)
    same = sum(a == b for a, b in zip(found, best, strict=True))

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, int(0.95 * len(values)) - 1)]

    print(f"{args.units} units imported in {imported:.0f} s; {args.queries} queries\n")
    print(f"{'':22} {'median ms':>10} {'p95 ms':>10}")
    print(
        f"{'tmkit (prefix index)':22} {1000 * statistics.median(ours):10.2f} "
        f"{1000 * p95(ours):10.2f}"
    )
    print(
        f"{'rapidfuzz brute force':22} {1000 * statistics.median(theirs):10.2f} "
        f"{1000 * p95(theirs):10.2f}"
    )
    print(
        f"\nspeed-up (median): {statistics.median(theirs) / statistics.median(ours):.0f}×;"
        f" same best match: {same}/{args.queries} ({100 * same / args.queries:.0f}%)"
    )


if __name__ == "__main__":
    main()
