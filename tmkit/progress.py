"""Progress on stderr for long work: a bar with counts and rate when stderr is a terminal,
nothing otherwise (a pipe or a log file gets no carriage returns)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Step = Callable[..., None]  # step(what: str = "")
FALLBACK_COLUMNS, FALLBACK_ROWS = 80, 24
Item = TypeVar("Item")


@contextmanager
def progress_bar(label: str, unit: str = " steps") -> Iterator[Step | None]:
    """A callback that advances a bar by one step (one `unit`) and shows what the step was,
    if it says, or None when stderr is no terminal."""
    if not sys.stderr.isatty():
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
