"""Draft checking: tmkit's automaton beside a per-term regex loop, same glossary, same draft.

Run: pip install '.[test]' && python bench/check.py [--entries 100000] [--draft-mb 1]
                                                  [--po-units 100000] [--lang en|ru]

The glossary is generated (100,000 two- and three-word names, each with a variant); the
draft is generated prose (about 1 MB) in which a few hundred glossary forms are planted. The
peer is what a script does without an automaton: one case-insensitive word-bounded regex per
form, run over the draft. Both find the glossary forms in the draft; tmkit also runs every
rule. Times exclude loading the glossary; the ratio is printed.

Then the QA checks on a catalogue: a generated PO of --po-units units (messages with
printf and brace placeholders, markup, URLs, numbers; one in fifty with a planted error),
checked by `tmkit check big.po` and by translate-toolkit's `pofilter big.po out.po`, each a
whole process from the command line, as a user runs them.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex
from installed import compile_like_an_install

from tmkit.check.matcher import FormMatcher
from tmkit.check.rules import check_pieces
from tmkit.glossary.model import Entry, Form

SYLLABLES = "ka ri mo sa le vi na to pe lu ga do mi ne ro ba si ta ko zu".split()
FILLER = (
    "the talks were held on the second day and both sides agreed to continue the work "
    "of the commission while observers noted the progress made in trade and energy"
).split()
# --lang ru: Cyrillic names, Russian prose, names planted in other cases (so the draft is
# matched by stems as well as by form: the stem index is built in the first check).
SYLLABLES_RU = "ка ри мо са ле ви на то пе лу га до ми не ро ба си та ко зу".split()
FILLER_RU = (
    "переговоры прошли во второй день и обе стороны согласились продолжить работу "
    "комиссии а наблюдатели отметили прогресс в торговле и энергетике"
).split()
ENDINGS_RU = ("", "а", "у", "ом", "е")


def glossary(count: int, rng: random.Random, lang: str = "en") -> list[Entry]:
    syllables = SYLLABLES_RU if lang == "ru" else SYLLABLES
    words = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(40_000)})
    entries, seen = [], set()
    while len(entries) < count:
        term = " ".join(rng.choice(words).capitalize() for _ in range(rng.randint(2, 3)))
        if term not in seen:
            seen.add(term)
            variant = term.replace("а" if lang == "ru" else "a", "á", 1)
            forms = [Form(term, "preferred", 2), Form(variant, "admitted", 1)]
            entries.append(Entry(f"t{len(entries) + 1:06d}", lang, "name", forms))
    return entries


def draft(entries: list[Entry], size: int, rng: random.Random, lang: str = "en") -> list[str]:
    lines, total = [], 0
    while total < size:
        words = rng.choices(FILLER_RU if lang == "ru" else FILLER, k=rng.randint(12, 30))
        if rng.random() < 0.3:
            name = rng.choice(entries).term
            name += rng.choice(ENDINGS_RU) if lang == "ru" else ""
            words.insert(rng.randrange(len(words)), name)
        line = " ".join(words)
        line = line[0].upper() + line[1:] + "."
        lines.append(line)
        total += len(line) + 1
    return lines


def main() -> None:
    compile_like_an_install()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--draft-mb", type=float, default=1.0)
    parser.add_argument("--regex-sample", type=int, default=5_000)
    parser.add_argument("--po-units", type=int, default=100_000)
    parser.add_argument("--lang", choices=("en", "ru"), default="en")
    args = parser.parse_args()
    rng = random.Random(11)
    entries = glossary(args.entries, rng, args.lang)
    lines = draft(entries, int(args.draft_mb * 1_000_000), rng, args.lang)
    text = "\n".join(lines)

    start = time.perf_counter()
    matcher = FormMatcher(entries)
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(len(matcher.find(line, lang=args.lang)) for line in lines)
    match_seconds = time.perf_counter() - start
    start = time.perf_counter()
    findings = check_pieces(lines, matcher, args.lang)
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
          f"{len(text) / 1e6:.2f} M characters, {len(lines):,} lines, {args.lang}")  # fmt: skip
    print(f"tmkit automaton: built in {built:.1f} s; matching {match_seconds:.2f} s "
          f"({found:,} matches)")  # fmt: skip
    print(f"all rules: {check_seconds:.2f} s ({len(findings)} findings)")
    print(f"regex per form: {loop_seconds:.1f} s (measured on {len(sample):,} forms, scaled)")
    print(f"ratio: matching {loop_seconds / match_seconds:.0f}× faster; "
          f"all rules {loop_seconds / check_seconds:.0f}× faster")  # fmt: skip
    qa_benchmark(args.po_units)


def catalogue(units: int, rng: random.Random) -> str:
    """A PO file of generated messages and translations, a planted error in one of fifty."""
    shapes = [
        ("Delete %s files from %s?", "Supprimer %s fichiers de %s ?"),
        ("Open <b>{name}</b> now", "Ouvrir <b>{name}</b> maintenant"),
        ("See https://example.org/{word} for {count} more",
         "Voir https://example.org/{word} pour {count} de plus"),
        ("Copied %d of %d items.", "%d éléments sur %d copiés."),
    ]  # fmt: skip
    broken = [
        ("Delete %s files from %s?", "Supprimer %s fichiers de ?"),
        ("Open <b>{name}</b> now", "Ouvrir {name} maintenant maintenant"),
    ]
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n']
    for number in range(units):
        source, target = rng.choice(broken if number % 50 == 0 else shapes)
        word = " ".join(rng.choice(SYLLABLES) + rng.choice(SYLLABLES) for _ in range(3))
        out.append(f'msgctxt "{number}"\nmsgid {json.dumps(f"{source} {word}")}\n'
                   f'msgstr {json.dumps(f"{target} {word}", ensure_ascii=False)}\n')  # fmt: skip
    return "\n".join(out)


def whole_process(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - began


def qa_benchmark(units: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        po = Path(work, "big.po")
        po.write_text(catalogue(units, random.Random(5)), "utf-8")
        report = Path(work, "findings.json")
        ours = whole_process(
            [sys.executable, "-m", "tmkit", "check", str(po), "--format", "json", "-o", str(report)]
        )
        found = len(json.loads(report.read_text("utf-8")))
        theirs = whole_process(["pofilter", str(po), str(Path(work, "pofilter.po"))])
    print(f"QA checks, {units:,}-unit PO, whole process: tmkit {ours:.1f} s ({found:,} findings); "
          f"pofilter {theirs:.1f} s; ratio {theirs / ours:.1f}× faster")  # fmt: skip


if __name__ == "__main__":
    main()
