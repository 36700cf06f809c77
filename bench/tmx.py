"""TMX write and read: tmkit beside translate-toolkit's tmxfile, time and peak memory.

Run: pip install '.[test]' && python bench/tmx.py [--units 1000000] [--repeat 3]

Each step runs in a fresh Python process so its peak resident memory is its own; both
tools write the same generated units and read the same file (the one tmkit wrote), and a
read counts only when the source and target text of every unit have been taken out. With
--repeat, each step runs that many times, the two tools alternating, and the fastest run
counts (shared machines are noisy; the minimum is the least disturbed). CPU seconds are
printed beside wall seconds: they leave out time the machine gave to others.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "the of and to in we our cuba russia people support relations friendship respect "
    "sanctions embargo council economic president meeting visit cooperation history "
    "victory anniversary government revolution struggle development always will have"
).split()


def generate(count: int):
    """Deterministic pseudo-sentences in two languages, cheap to make so timing is the tool's."""
    from tmkit.units import TranslationUnit, Variant

    rng = random.Random(1)
    pool = [" ".join(rng.choices(WORDS, k=rng.randint(6, 20))).capitalize() for _ in range(997)]
    for i in range(count):
        text = f"{pool[i % 997]} {i}."
        yield TranslationUnit([Variant("en", text), Variant("fr", text.upper())])


def step(name: str, units: int, path: Path) -> dict[str, float]:
    """Run one step in this process; return wall and CPU seconds, peak memory, units seen."""
    began, began_cpu = time.perf_counter(), time.process_time()
    if name == "tmkit-write":
        from tmkit.formats.tmx import write_tmx
        from tmkit.units import Memory

        seen = write_tmx(path, generate(units), Memory("en", creationdate="20240509T000000Z"))
    elif name == "ttk-write":
        from translate.storage.tmx import tmxfile

        store = tmxfile(sourcelanguage="en", targetlanguage="fr")
        for unit in generate(units):
            store.addtranslation(unit.variants[0].text, "en", unit.variants[1].text, "fr")
        seen = len(store.units)
        path.write_bytes(bytes(store))
    elif name == "tmkit-read":
        from tmkit.formats.tmx import TmxReader

        seen = sum(1 for unit in TmxReader(path) if unit.variants[0].text and unit.variants[1].text)
    elif name == "ttk-read":
        from translate.storage.tmx import tmxfile

        store = tmxfile.parsefile(str(path))
        seen = sum(1 for unit in store.units if unit.source and unit.target)
    else:
        raise SystemExit(f"unknown step {name}")
    seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "units": seen}


def run(name: str, units: int, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, "--units", str(units), "--path", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def fastest(steps: list[tuple[str, Path]], units: int, repeat: int) -> list[dict[str, float]]:
    """Each step's fastest of `repeat` runs, the steps alternating run by run."""
    runs = [[run(name, units, path) for name, path in steps] for _ in range(repeat)]
    return [min((r[i] for r in runs), key=lambda r: r["seconds"]) for i in range(len(steps))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--step")
    parser.add_argument("--path", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.units, args.path)))
        return
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "tmkit.tmx", Path(folder) / "ttk.tmx"
        writes = [("tmkit-write", ours), ("ttk-write", theirs)]
        reads = [("tmkit-read", ours), ("ttk-read", ours)]
        results = {
            "write": fastest(writes, args.units, args.repeat),
            "read": fastest(reads, args.units, args.repeat),
        }
        size = ours.stat().st_size / 1e6
    print(f"{args.units} units, {size:.0f} MB of TMX, fastest of {args.repeat}\n")
    print(
        f"{'':6} {'tmkit s':>9} {'ttk s':>9} {'speed-up':>9} {'tmkit cpu':>10} {'ttk cpu':>9}"
        f" {'cpu':>7} {'tmkit MB':>9} {'ttk MB':>9} {'memory':>9}"
    )
    for name, (mine, peer) in results.items():
        assert mine["units"] == peer["units"] == args.units, (mine, peer)
        print(
            f"{name:6} {mine['seconds']:9.1f} {peer['seconds']:9.1f} "
            f"{peer['seconds'] / mine['seconds']:8.1f}× {mine['cpu']:10.1f} {peer['cpu']:9.1f} "
            f"{peer['cpu'] / mine['cpu']:6.1f}× {mine['peak_mb']:9.0f} "
            f"{peer['peak_mb']:9.0f} {mine['peak_mb'] / peer['peak_mb']:8.2f}×"
        )


if __name__ == "__main__":
    main()
