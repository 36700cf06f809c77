"""Draft checking: tmkit's automaton beside a per-term regex loop, same glossary, same draft.

Run: pip install '.[test]' && python bench/check.py [--entries 100000] [--draft-mb 1]

The glossary is generated (100,000 two- and three-word names, each with a variant); the
draft is generated prose (about 1 MB) in which a few hundred glossary forms are planted. The
peer is what a script does without an automaton: one case-insensitive word-bounded regex per
form, run over the draft. Both find the glossary forms in the draft; tmkit also runs every
rule. Times exclude loading the glossary; the ratio is printed.
"""

from __future__ import annotations

import argparse
import random
import time

import regex

from tmkit.check.matcher import FormMatcher
from tmkit.check.rules import check_pieces
from tmkit.glossary.model import Entry, Form

SYLLABLES = "ka ri mo sa le vi na to pe lu ga do mi ne ro ba si ta ko zu".split()
FILLER = (
    "the talks were held on the second day and both sides agreed to continue the work "
    "of the commission while observers noted the progress made in trade and energy"
).split()


def glossary(count: int, rng: random.Random) -> list[Entry]:
    words = list({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(40_000)})
    entries, seen = [], set()
    while len(entries) < count:
        term = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(2, 3)))
        if term not in seen:
            seen.add(term)
            forms = [Form(term, "preferred", 2), Form(term.replace("a", "á", 1), "admitted", 1)]
            entries.append(Entry(f"t{len(entries) + 1:06d}", "en", "name", forms))
    return entries


def draft(entries: list[Entry], size: int, rng: random.Random) -> list[str]:
    lines, total = [], 0
    while total < size:
        words = rng.choices(FILLER, k=rng.randint(12, 30))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(entries).term)
        line = " ".join(words)
        line = line[0].upper() + line[1:] + "."
        lines.append(line)
        total += len(line) + 1
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--draft-mb", type=float, default=1.0)
    parser.add_argument("--regex-sample", type=int, default=5_000)
    args = parser.parse_args()
    rng = random.Random(11)
    entries = glossary(args.entries, rng)
    lines = draft(entries, int(args.draft_mb * 1_000_000), rng)
    text = "\n".join(lines)

    start = time.perf_counter()
    matcher = FormMatcher(entries)
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(len(matcher.find(line)) for line in lines)
    match_seconds = time.perf_counter() - start
    start = time.perf_counter()
    findings = check_pieces(lines, matcher)
    check_seconds = time.perf_counter() - start

    # The loop over 2 × 100,000 compiled regexes takes minutes: time a sample of forms and
    # scale to all of them (the loop's cost is linear in the number of forms).
    forms = [f.form for e in entries for f in e.forms]
    sample = rng.sample(forms, min(args.regex_sample, len(forms)))
    start = time.perf_counter()
    hits = 0
    for form in sample:
        pattern = regex.compile(r"\b" + regex.escape(form) + r"\b", regex.IGNORECASE)
        hits += sum(1 for _ in pattern.finditer(text))
    loop_seconds = (time.perf_counter() - start) * len(forms) / len(sample)

    print(f"glossary {len(entries):,} entries ({len(forms):,} forms); draft "
          f"{len(text) / 1e6:.2f} MB, {len(lines):,} lines")  # fmt: skip
    print(f"tmkit automaton: built in {built:.1f} s; matching {match_seconds:.2f} s "
          f"({found:,} matches)")  # fmt: skip
    print(f"all rules: {check_seconds:.2f} s ({len(findings)} findings)")
    print(f"regex per form: {loop_seconds:.1f} s (measured on {len(sample):,} forms, scaled)")
    print(f"ratio: matching {loop_seconds / match_seconds:.0f}× faster; "
          f"all rules {loop_seconds / check_seconds:.0f}× faster")  # fmt: skip


if __name__ == "__main__":
    main()
