"""Subtitle files (SubRip `.srt`, WebVTT `.vtt`) as paragraph units, one a cue.

A cue is a block: an optional number or identifier, a timing line ("00:00:04,500 -->
00:00:07,000", WebVTT settings after it), then the lines shown on screen. Each cue's lines
become one unit, joined with a space and without styling tags (`<i>`, `<font …>`, `{\\an8}`),
at the line its text starts on; numbers, timings, the WebVTT header and its NOTE and STYLE
blocks are no text. A cue stays a block of its own, as a subtitle translation keeps its
cues, so a sentence that runs over two cues is two segments on both sides.
"""

from __future__ import annotations

import regex

from tmkit.reading.layout import Unit, one_spaced

SUBTITLE_SUFFIXES = frozenset({".srt", ".vtt"})
_TIMING = regex.compile(r"\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->")
_STYLING = regex.compile(r"</?[A-Za-z][^<>]*>|\{\\[^{}]*\}")


def subtitle_units(text: str) -> list[Unit]:
    """One unit a cue, its shown lines joined; blocks without a timing line are skipped."""
    units: list[Unit] = []
    block: list[tuple[int, str]] = []  # (line number, line) of the block being read
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            block.append((number, line))
            continue
        units.extend(_cue(block))
        block = []
    units.extend(_cue(block))
    return units


def _cue(block: list[tuple[int, str]]) -> list[Unit]:
    timing = next((i for i, (_, line) in enumerate(block) if _TIMING.match(line)), None)
    if timing is None or timing + 1 >= len(block):
        return []
    shown = one_spaced(" ".join(_STYLING.sub("", line) for _, line in block[timing + 1 :]))
    return [Unit(block[timing + 1][0], None, shown)] if shown else []
