"""Subtitle files (SubRip `.srt`, WebVTT `.vtt`) as paragraph units, one a cue.

A cue is a block: an optional number or identifier, a timing line ("00:00:04,500 -->
00:00:07,000", WebVTT settings after it), then the lines shown on screen. Each cue's lines
become one unit, joined with a space and without styling tags (`<i>`, `<font …>`, `{\\an8}`,
WebVTT's `<c.yellow>`, `<v Roger>` and timestamps `<00:06.700>`; WebVTT's `&amp;` read as
&), at the line its text starts on; numbers, timings, the WebVTT header and its NOTE and STYLE
blocks are no text. A cue stays a block of its own, as a subtitle translation keeps its
cues, so a sentence that runs over two cues is two segments on both sides.
"""

from __future__ import annotations

import html

import regex

from tmkit.errors import InputError
from tmkit.reading.layout import Unit, one_spaced

SUBTITLE_SUFFIXES = frozenset({".srt", ".vtt"})
_TIMING = regex.compile(r"\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->")
# Blocks of a WebVTT file that are no cue: its header, comments, styles and regions.
_NO_TEXT = regex.compile(r"\ufeff?(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)")
# Styling tags (<i>, <font …>, WebVTT's <c.yellow>, <v Roger>), WebVTT's timestamps inside a
# cue (<00:06.700>, karaoke) and SubStation's override blocks ({\an8}).
_STYLING = regex.compile(r"</?[A-Za-z][^<>]*>|<(?:\d{1,2}:)?\d{1,2}:\d{2}\.\d{3}>|\{\\[^{}]*\}")


def subtitle_units(text: str, path: str) -> list[Unit]:
    """One unit a cue, its shown lines joined. The WebVTT header and its NOTE, STYLE and
    REGION blocks are no text; a block of text without a timing line after a cue is more of
    that cue's text, cut by a blank line (SubRip files written by hand have them). Text
    before any cue, and a numbered cue whose timing line is missing or garbled, are refused
    (InputError naming `path` and the line), since their text would be lost."""
    units: list[Unit] = []
    block: list[tuple[int, str]] = []  # (line number, line) of the block being read
    webvtt = path.lower().endswith(".vtt")
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            block.append((number, line))
            continue
        _add_cue(units, block, path, webvtt)
        block = []
    _add_cue(units, block, path, webvtt)
    return units


def _add_cue(units: list[Unit], block: list[tuple[int, str]], path: str, webvtt: bool) -> None:
    if not block or _NO_TEXT.match(block[0][1]):
        return
    timing = next((i for i, (_, line) in enumerate(block) if _TIMING.match(line)), None)
    if timing is None:
        if block[0][1].strip().isdigit():
            if len(block) == 1:
                return  # a cue number alone
            raise InputError(path, "a cue number without a timing line after it", block[1][0])
        shown = _shown(block, webvtt)
        if not units:
            raise InputError(
                path, "text before the first timing line (00:00:01,000 --> …)", block[0][0]
            )
        if shown:
            last = units[-1]
            units[-1] = Unit(last.line, last.offset, f"{last.text} {shown}")
        return
    shown = _shown(block[timing + 1 :], webvtt)
    if shown:
        units.append(Unit(block[timing + 1][0], None, shown))


def _shown(lines: list[tuple[int, str]], webvtt: bool) -> str:
    """A cue's lines as shown: joined, untagged, and in WebVTT its character references
    read (`&amp;` is &, `&lt;b&gt;` the text <b>, not a tag)."""
    shown = one_spaced(" ".join(_STYLING.sub("", line) for _, line in lines))
    return html.unescape(shown) if webvtt and "&" in shown else shown
