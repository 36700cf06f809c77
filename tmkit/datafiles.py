"""The word lists and tables tmkit ships in tmkit/data: one reader for all of them."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The lines of tmkit/data/NAME without comments (#) and blank lines; [] if absent."""
    path = resources.files("tmkit").joinpath(f"data/{name}")
    if not path.is_file():
        return []
    lines = path.read_text("utf-8").splitlines()
    return [line.rstrip("\n") for line in lines if line.strip() and not line.startswith("#")]


def data_words(name: str) -> frozenset[str]:
    """A word list of tmkit/data/NAME, one word a line."""
    return frozenset(line.strip() for line in data_lines(name))


def data_kinds(name: str) -> dict[str, str]:
    """A table of tmkit/data/NAME whose lines are "kind word": word → kind."""
    pairs = (line.split() for line in data_lines(name))
    return {word: kind for kind, word in pairs}
