"""Progress on stderr for long work: a bar with counts and rate when stderr is a terminal,
nothing otherwise (a pipe or a log file gets no carriage returns)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Step = Callable[[str], None]
FALLBACK_COLUMNS, FALLBACK_ROWS = 80, 24


@contextmanager
def progress_bar(label: str) -> Iterator[Step | None]:
    """A callback that advances a bar by one step and shows what the step was, or None when
    stderr is no terminal."""
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
    with tqdm(desc=label, unit=" steps", file=sys.stderr, leave=False, **width) as bar:

        def step(what: str) -> None:
            bar.set_postfix_str(what[:40], refresh=False)
            bar.update()

        yield step
