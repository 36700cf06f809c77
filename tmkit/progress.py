"""What a command says on stderr besides errors: a progress bar for long work (with counts and
rate, when stderr is a terminal; a pipe or a log file gets no carriage returns), summary
lines, and the details -v asks for; -q leaves only errors and warnings."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Step = Callable[..., None]  # step(what: str = "")
FALLBACK_COLUMNS, FALLBACK_ROWS = 80, 24
Item = TypeVar("Item")
QUIET, NORMAL, VERBOSE = -1, 0, 1
_verbosity = NORMAL


def set_verbosity(level: int) -> None:
    """How much a command says: QUIET (errors and warnings), NORMAL, or VERBOSE."""
    global _verbosity
    _verbosity = level


def verbosity() -> int:
    """The level set_verbosity set (NORMAL unless -q or -v was given)."""
    return _verbosity


def say(line: str) -> None:
    """A summary line on stderr, unless -q."""
    if _verbosity > QUIET:
        print(line, file=sys.stderr, flush=True)


def detail(line: str) -> None:
    """A line on stderr only with -v: what was read, decided and written, and why."""
    if _verbosity >= VERBOSE:
        print(line, file=sys.stderr, flush=True)


@contextmanager
def progress_bar(label: str, unit: str = " steps") -> Iterator[Step | None]:
    """A callback that advances a bar by one step (one `unit`) and shows what the step was,
    if it says, or None when stderr is no terminal."""
    if not sys.stderr.isatty() or _verbosity == QUIET:
        yield None
        return
    from tqdm import tqdm

    try:
        sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except OSError:
        sized = False
    # A terminal that reports no size (a bare pty) would get a bar zero columns wide.
    width = (
        {"dynamic_ncols": True} if sized else {"ncols": FALLBACK_COLUMNS, "nrows": FALLBACK_ROWS}
    )
    with tqdm(desc=label, unit=unit, file=sys.stderr, leave=False, **width) as bar:

        def step(what: str = "") -> None:
            if what:
                bar.set_postfix_str(what[:40], refresh=False)
            bar.update()

        yield step


def counted(items: Iterable[Item], step: Step | None) -> Iterator[Item]:
    """The items, the bar advanced by one for each (when there is a bar)."""
    if step is None:
        yield from items
        return
    for item in items:
        step()
        yield item
