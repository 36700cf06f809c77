"""Quoted speech in articles: the quote spans, who is credited, and the reported clauses."""

from __future__ import annotations

import regex

from tmkit.model import Document, Quote

_OPEN_AFTER = regex.compile(r"[\s(\[{:—–\-\p{So}\p{Sk}]")
_SPEECH_VERBS = (
    r"said|says|say|stressed|added|adds|told|noted|notes|stated|states|declared|insisted|"
    r"affirmed|recalled|emphasi[sz]ed|underlined|underscored|remarked|explained|warned|"
    r"continued|concluded|replied|answered|asked|wrote|tweeted|highlighted|pointed out|"
    r"argued|claimed|announced|observed|commented|reiterated|assured|acknowledged|admitted"
)
_NAME_WORD = r"\p{Lu}(?:\.|[\p{L}\p{M}'’\-]*)"
_WHO = (
    rf"(?P<who>{_NAME_WORD}(?:\s(?:of\s(?:the\s)?)?{_NAME_WORD}){{0,4}}"
    r"|he|she|they|[Tt]he (?:\p{L}+ ){0,2}\p{Ll}+)"
)
_AFTER_QUOTE = regex.compile(
    rf"[\s,.;:\"”»“']*(?:{_WHO}\s+(?:{_SPEECH_VERBS})\b|(?:{_SPEECH_VERBS})\s+{_WHO})",
    regex.VERSION1,
)
_BEFORE_QUOTE = regex.compile(
    rf"{_WHO}\s+(?:\p{{Ll}}+\s+){{0,3}}(?:{_SPEECH_VERBS})\b[^\"“«„.!?]{{0,80}}?[:,]?[\s\"“«„]*$",
    regex.VERSION1,
)
_TRIM_PUNCTUATION = ",.;:!?–—-\"“”«»„'"


_QUOTED_KINDS = frozenset({"paragraph", "headline"})


def attach_quotes(doc: Document) -> None:
    """Give each paragraph and headline of the document its quotes and reported clauses,
    once: they cost a pass over every character, and only the comparable aligner needs them."""
    if doc.quoted:
        return
    for block in doc.blocks:
        if block.kind in _QUOTED_KINDS:
            block.quotes, block.reported = find_quotes(doc.text, block.start, block.end)
    doc.quoted = True


def find_quotes(text: str, start: int, end: int) -> tuple[list[Quote], list[tuple[int, int]]]:
    """Quotes in text[start:end] and the reported clauses between them (absolute offsets)."""
    spans = _quote_spans(text, start, end)
    quotes: list[Quote] = []
    for i, (q_start, q_end) in enumerate(spans):
        after_end = spans[i + 1][0] if i + 1 < len(spans) else end
        before_start = spans[i - 1][1] if i else start
        quotes.append(
            Quote(q_start, q_end, _speaker(text, before_start, q_start, q_end, after_end))
        )
    reported: list[tuple[int, int]] = []
    if spans:
        cursor = start
        for q_start, q_end in [*spans, (end, end)]:
            gap = _trimmed(text, cursor, q_start - 1 if q_start > cursor else q_start)
            if gap and len(text[gap[0] : gap[1]].split()) >= 2:
                reported.append(gap)
            cursor = min(end, q_end + 1)
    return quotes, reported


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inner spans of quotations: “…”, «…», „…“, and straight "…" told apart by position."""
    spans: list[tuple[int, int]] = []
    opener: str | None = None
    open_at = start
    for i in range(start, end):
        ch = text[i]
        if opener is None:
            at_open_position = i == start or _OPEN_AFTER.match(text[i - 1]) is not None
            if ch in "“«„" or (ch == '"' and at_open_position):
                opener, open_at = ch, i + 1
        elif _closes(opener, ch, text, i, end):
            if i > open_at:
                spans.append((open_at, i))
            opener = None
    if opener is not None and end > open_at:
        spans.append((open_at, end))
    return [_trimmed(text, s, e) or (s, e) for s, e in spans]


def _closes(opener: str, ch: str, text: str, i: int, end: int) -> bool:
    if opener == "«":
        return ch == "»"
    if opener == "„":
        return ch in '“”"'
    if ch in "”»":
        return True
    if ch == '"':
        nxt = text[i + 1] if i + 1 < end else " "
        return not nxt.isalnum()
    return False


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in _TRIM_PUNCTUATION):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_PUNCTUATION):
        end -= 1
    return (start, end) if start < end else None


def _speaker(text: str, before: int, q_start: int, q_end: int, after: int) -> str | None:
    match = _AFTER_QUOTE.match(text, q_end + 1, after) if q_end < after else None
    if match is None:
        match = _BEFORE_QUOTE.search(text, before, q_start)
    if match is None:
        return None
    return match["who"].strip()
