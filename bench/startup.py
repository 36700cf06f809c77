"""Start-up: how long a tmkit command takes before it does any work, as a user feels it.

Run: pip install '.[test]' && python bench/startup.py [--runs 20]

Whole processes, each run from the shell's point of view (fork, exec, interpreter start,
imports, exit): the installed `tmkit` console script with `--version`, `--help`, and a
glossary look-up of one word on a small glossary (a command that reads a file and answers);
beside them the bare interpreter (`python -c pass`, the floor no Python tool goes under on
this machine), and the peers a user would otherwise call: translate-toolkit's `po2tmx
--version` and `pocount --version`. The median of --runs runs each, and its ratio to the
bare interpreter. Interpreter start-up includes whatever the environment's .pth files do.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import compile_like_an_install

GLOSSARY = """term\ttranslation\tcomment
Kremlin\tKremlin\t
Havana\tLa Habana\t
"""


def _seconds(command: list[str], runs: int) -> float:
    """The median wall time of `runs` runs of a command, its output discarded."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _script(name: str) -> str | None:
    """A console script installed beside this interpreter (not a shell shim on PATH)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def main() -> None:
    compile_like_an_install()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    tmkit = _script("tmkit")
    if tmkit is None:
        raise SystemExit("no tmkit console script: pip install . first")
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder, "glossary.tsv")
        glossary.write_text(GLOSSARY, "utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "tmkit --version": [tmkit, "--version"],
            "tmkit --help": [tmkit, "--help"],
            "tmkit glossary lookup": [tmkit, "glossary", "lookup", "kremlin", "--glossary",
                                      str(glossary)],
        }  # fmt: skip
        for peer in ("po2tmx", "pocount"):
            script = _script(peer)
            if script:
                commands[f"{peer} --version"] = [script, "--version"]
        floor = _seconds(commands["python -c pass"], args.runs)
        print(f"{'command':28} {'median ms':>10} {'× python':>9}")
        for name, command in commands.items():
            seconds = floor if name == "python -c pass" else _seconds(command, args.runs)
            print(f"{name:28} {1000 * seconds:10.1f} {seconds / floor:9.2f}")


if __name__ == "__main__":
    main()
