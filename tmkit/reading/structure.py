"""What SRX rules cannot see: list items and quoted or bracketed spans, as break edits.

An SRX rule looks at a few characters either side of one position; it cannot tell that the
`2.` it stands after follows a `1.` earlier in the paragraph, or that a `!` sits inside a
quotation. This pass reads the paragraph as a whole and edits the breaks the rules proposed:
it forces a break before each item of an inline list, vetoes the break after a list marker,
and vetoes breaks inside quotations, brackets and paired dashes. It only moves breaks, never
the text, so segment offsets stay exact. tmkit's own rules use it; a user's SRX file keeps
plain SRX semantics.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import regex

# Spans whose inner stops end no sentence: quotations in each convention, brackets, and
# paired dashes. An apostrophe between letters is not a closing single quote ("they'll").
_PROTECTED = regex.compile(
    r"""“[^“”]+”|„[^„“”]+[“”]|,,[^“”]+[“”]|«[^«»]+»|‹[^‹›]+›|"[^"]+"
    |(?<![^\s\p{Ps}\p{Pi}])'(?=\S)(?:[^'\n]|(?<=\p{L})'(?=\p{L}))+(?<=\S)'(?![\p{L}\p{N}])
    |(?<![^\s\p{Ps}\p{Pi}])‘(?:[^’‘\n]|(?<=\p{L})’(?=\p{L}))+’(?![\p{L}\p{N}])
    |\([^()]+\)|\[[^\[\]]+\]|(?<!\S)--\s[^\n]+?\s--(?!\S)""",
    regex.VERBOSE,
)
# A single quote may also be an apostrophe ("the students' books"), so a span that runs
# long is more likely two apostrophes than one quotation.
_MAX_SINGLE_QUOTED = 600
_STOPS = frozenset(".!?…")
_STOP_AFTER = regex.compile(r"\s*(?:\([^()\n]{1,80}\)\s*)?[.!?…]")
# A bracketed remark right after a quotation that opened inside a sentence is still that
# sentence: "…thought Alice, 'after such a fall…!' (Which was very likely true.)"
_REMARK_AFTER = regex.compile(r"\s*(?=\()")
# What a sentence after a quotation opens with: a capital, a number, a quotation mark or a
# bracket.
_OPENS_NEXT = regex.compile(r"[\p{Lu}\p{Lt}\p{N}\p{Ps}\p{Pi}\"'¿¡]")
# After these, a quotation opens a sentence of its own.
_SENTENCE_OPENERS_AFTER = frozenset('.!?…:;\n"”’»)]')

# A list marker: an optional bullet, then `1.`, `1)`, `1.)`, `(1)`, `a.`, `a)`, `(a)`, or a
# Roman numeral (`iv.`, `IV)`), standing after a space, a bullet or the start of the
# paragraph, with a space after it.
_LABEL = r"\d{1,3}|[ivxlc]{2,6}|[IVXLC]{2,6}|\p{L}"
_MARKER = regex.compile(
    rf"(?P<bullet>[•⁃▪◦●■]\s*)?(?<![^\s•⁃▪◦●■])(?P<open>\()?(?P<label>{_LABEL})"
    r"(?P<close>\.\)|\.|\))(?=\s)"
)
# Where a marker can end, found first: a quick scan that only stops at closing punctuation.
_MARKER_CLOSE = regex.compile(rf"(?<=(?:^|[\s•⁃▪◦●■(])(?:{_LABEL}))(?:\.\)|\.|\))(?=\s)")
# How far before its closing punctuation a marker can start: "•   (123".
_MARKER_REACH = 12
# Items need content between their markers, and a letter list is only trusted from three
# items on ("Plan A. B. Smith" is no list); from two where the letters are closed by a
# bracket, which no initial or abbreviation is, and the first opens its line ("a) First
# option b) Second option", not "Options: A) red, B) blue.").
_MIN_DIGIT_RUN = 2
_MIN_BRACKETED_LETTER_RUN = 2
_MIN_LETTER_RUN = 3


@dataclass(frozen=True, slots=True)
class _Marker:
    start: int  # where the item starts: its bullet, bracket or label
    label_end: int
    end: int  # after the closing punctuation
    style: tuple[str, str, str]
    value: int
    bulleted: bool
    line_start: bool


def edit_breaks(text: str, start: int, end: int, breaks: Iterable[int]) -> list[int]:
    """The rules' breaks in text[start:end], edited for lists and protected spans."""
    proposed = sorted(breaks)
    markers = _markers(text, start, end)
    if not proposed and not markers:
        return []  # one sentence and no list: nothing to force, nothing to veto
    forced: set[int] = set()
    vetoed: set[int] = set()
    broken_after = set(proposed)
    content = start  # where the block's text begins
    while content < end and text[content].isspace():
        content += 1
    for run in _runs(markers, broken_after):
        in_sentence = _enumerates_in_sentence(text, start, end, run)
        for marker in run:
            if marker.start > content and not in_sentence:
                forced.add(marker.start)
            vetoed.update(range(marker.label_end, marker.end + 1))
    for marker in markers:
        if marker.line_start or marker.bulleted:
            vetoed.update(range(marker.label_end, marker.end + 1))
    spans = _protected_spans(text, start, end)
    for span_start, span_end in spans:
        remark = _REMARK_AFTER.match(text, span_end, end)
        if (
            remark
            and text[span_start] not in "([-"
            and not _opens_sentence(text, start, span_start)
        ):
            vetoed.update(range(span_end, remark.end()))
    kept = [b for b in proposed if b not in vetoed and not _inside(spans, b)]
    edited = sorted(set(kept) | forced)
    return _keep_segment_initial_markers(text, start, edited)


def _protected_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Brackets and dashes always; a quotation where it opens inside a sentence ("…to
    herself, 'after such a fall…'") or stands as a sentence of its own ("Dear, dear! How
    queer everything is!" between sentences). A quotation that opens a sentence the words
    after it go on ("…them," he said.) keeps its own sentences apart, as the translation it
    is aligned with will."""
    spans = []
    for match in _PROTECTED.finditer(text, start, end, overlapped=False):
        opening = match.group()[0]
        if opening in "'‘" and len(match.group()) > _MAX_SINGLE_QUOTED:
            continue
        if (
            opening not in "([-"
            and _opens_sentence(text, start, match.start())
            and not _cited_within(text, match.start(), match.end(), end)
            and not _stands_alone(text, start, match.span(), end)
        ):
            continue
        spans.append(match.span())
    return spans


def _stands_alone(text: str, block_start: int, span: tuple[int, int], limit: int) -> bool:
    """A quotation that is a sentence of its own: no colon brings it in (a cited passage,
    whose sentences stand for the source's), it closes with a stop, and what follows it
    opens another sentence (or nothing does)."""
    start, end = span
    before = _before_spaces(text, block_start, start)
    if before > block_start and text[before - 1] in ":;":
        return False
    last = _before_spaces(text, start + 1, end - 1)
    if last == start + 1 or text[last - 1] not in _STOPS:
        return False
    after = end
    while after < limit and text[after].isspace():
        after += 1
    return after == limit or _OPENS_NEXT.match(text, after) is not None


def _cited_within(text: str, start: int, end: int, limit: int) -> bool:
    """A quotation the sentence goes on past: it closes without a stop of its own and the
    stop comes after it, maybe after a source: «…ведь выходной».  "Ei fu. … [...]" (Manzoni)."""
    last = _before_spaces(text, start + 1, end - 1)
    closes_with_stop = last > start + 1 and text[last - 1] in _STOPS
    return not closes_with_stop and bool(_STOP_AFTER.match(text, end, limit))


def _opens_sentence(text: str, start: int, pos: int) -> bool:
    before = _before_spaces(text, start, pos)
    return before == start or text[before - 1] in _SENTENCE_OPENERS_AFTER


def _before_spaces(text: str, start: int, pos: int) -> int:
    """Where the white space running back from pos begins (not before start): read
    backwards, so a one-line document of megabytes is not copied at each quotation."""
    while pos > start and text[pos - 1].isspace():
        pos -= 1
    return pos


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos falls strictly inside one of the (sorted, disjoint) spans."""
    index = bisect_left(spans, (pos, pos)) - 1
    return index >= 0 and spans[index][0] < pos < spans[index][1]


def _markers(text: str, start: int, end: int) -> list[_Marker]:
    found = []
    for close in _MARKER_CLOSE.finditer(text, start, end):
        lo = max(start, close.start() - _MARKER_REACH)
        match = next(
            (
                m
                for m in _MARKER.finditer(text, lo, min(end, close.end() + 1), overlapped=True)
                if m.end() == close.end()
            ),
            None,
        )
        if match is None:
            continue
        label = match["label"]
        if match["open"] and match["close"] != ")":
            continue
        item_start = match.start()
        line_start = _opens_line(text, start, item_start)
        for kind, value in _label_readings(label, bracketed=bool(match["open"])):
            found.append(
                _Marker(
                    start=item_start,
                    label_end=match.end("label"),
                    end=match.end(),
                    style=(match["open"] or "", match["close"], kind),
                    value=value,
                    bulleted=bool(match["bullet"]),
                    line_start=line_start,
                )
            )
    return found


def _label_readings(label: str, bracketed: bool) -> list[tuple[str, int]]:
    """What a marker's label can count as: a number, a letter, a Roman numeral; `i` and `v`
    are both a letter and a numeral, and the run they fall in tells which. A bracketed
    numeral is a clause inside a sentence ("means (i) the power… or (ii) ownership"), no
    list item."""
    if label.isdigit():
        return [("digit", int(label))]
    case = "lower" if label.islower() else "upper"
    readings = [(case, ord(label.lower()))] if len(label) == 1 else []
    roman = 0 if bracketed else _roman_numerals().get(label.lower(), 0)
    if roman:
        readings.append((f"roman-{case}", roman))
    return readings


@cache
def _roman_numerals() -> dict[str, int]:
    """Every well-formed Roman numeral up to 399, lower case, with its value."""
    return {_as_roman(value): value for value in range(1, 400)}


def _as_roman(value: int) -> str:
    out = ""
    for numeral, amount in (("c", 100), ("xc", 90), ("l", 50), ("xl", 40), ("x", 10),
                            ("ix", 9), ("v", 5), ("iv", 4), ("i", 1)):  # fmt: skip
        while value >= amount:
            out += numeral
            value -= amount
    return out


def _opens_line(text: str, start: int, pos: int) -> bool:
    """Whether only spaces and tabs stand between pos and the start of its line or block:
    looked at backwards, so a long block is not copied for each of its markers."""
    while pos > start and text[pos - 1] in " \t":
        pos -= 1
    return pos == start or text[pos - 1] == "\n"


def _runs(markers: list[_Marker], broken_after: set[int]) -> list[list[_Marker]]:
    """Runs of markers of one style numbered one after another, with words between them.
    A number closed by a bare stop counts only where the rules themselves end a sentence
    after it, so ordinals ("am 1. und 2. Mai") are not read as a list."""
    runs: list[list[_Marker]] = []
    open_runs: dict[tuple[str, str, str], list[_Marker]] = {}
    for marker in markers:
        if marker.style == ("", ".", "digit") and not (
            marker.line_start or marker.bulleted or marker.end in broken_after
        ):
            continue
        run = open_runs.get(marker.style)
        if run and marker.value == run[-1].value + 1 and marker.start > run[-1].end + 1:
            run.append(marker)
            continue
        if run:
            runs.append(run)
        open_runs[marker.style] = [marker]
    runs.extend(open_runs.values())
    return [run for run in runs if len(run) >= _min_run(run[0])]


def _min_run(first: _Marker) -> int:
    """How many items a run of markers that opens with `first` needs to be a list."""
    if first.style[2] == "digit":
        return _MIN_DIGIT_RUN
    if first.style[1] == ")" and first.line_start:
        return _MIN_BRACKETED_LETTER_RUN
    return _MIN_LETTER_RUN


def _enumerates_in_sentence(text: str, start: int, end: int, run: list[_Marker]) -> bool:
    """Whether an inline run counts off parts of one sentence: it goes on from a word, not
    from a stop or a colon, and every item goes on in lower case ("requires (a) a licence,
    (b) a fee and (c) an inspection"). No item is a sentence of its own, so the sentence
    stays whole; "Smith. a. here it is b. another" and "Bring: a. a pen b. a map" are lists."""
    if any(marker.line_start or marker.bulleted for marker in run):
        return False
    before = _before_spaces(text, start, run[0].start)
    if before == start or not (text[before - 1].isalnum() or text[before - 1] == ","):
        return False
    for marker in run:
        first = marker.end
        while first < end and text[first].isspace():
            first += 1
        if first == end or not text[first].islower():
            return False
    return True


def _keep_segment_initial_markers(text: str, start: int, breaks: list[int]) -> list[int]:
    """A segment that opens with `A.` or `2.` opens with a marker, not a one-word sentence:
    "…his name? A. His name is…" keeps "A. His name is…" whole."""
    kept: list[int] = []
    segment_start = start
    for pos in breaks:
        head = text[segment_start:pos]
        first = segment_start + len(head) - len(head.lstrip())
        marker = _MARKER.match(text, first)
        if marker and not marker["bullet"] and marker.end() == pos:
            continue
        kept.append(pos)
        segment_start = pos
    return kept
