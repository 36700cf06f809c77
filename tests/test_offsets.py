"""Every segment and block points back into the text it came from, on any input at all."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmkit.reading.quotes import attach_quotes
from tmkit.reading.reader import assemble, text_units
from tmkit.reading.segment import segment_document
from tmkit.reading.srx import segmenter_for

# Text drawn to hit the rules: stops, quotes, dashes, abbreviations, newlines, emoji, nbsp.
_PIECES = st.sampled_from(
    [
        "Mr.",
        "U.S.",
        "Nov.",
        "3.5",
        "...",
        "…",
        '."',
        "”",
        "« ",
        " »",
        "—",
        " – ",
        "(",
        ")",
        "• ",
        "http://x.org/a.b",
        "@handle",
        "🇷🇺🇨🇺",
        "\u00a0",
        "\n",
        "\n\n",
        "? ",
        "! ",
        ". ",
        "Vladimir Putin: ",
        "(retranslated)",
        "* * *",
        "Font size:",
        "é",
        "Ж",
        "。",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(min_size=0, max_size=12)), max_size=40).map("".join)
_LINE_BREAK = re.compile(r"[^\S\n]*\n[^\S\n]*")
_LANGS = st.sampled_from(["en", "es", "fr", "de", "pt", "it", "ru", "und"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=_TEXT, lang=_LANGS)
def test_segment_text_is_the_document_slice(text: str, lang: str) -> None:
    doc = assemble(text_units(text), path="<h>", doc_id="h", lang=lang)
    previous_end = 0
    for segment in segment_document(doc):
        assert segment.text == doc.text[segment.start : segment.end]
        assert segment.text and segment.text == segment.text.strip()
        assert segment.start >= previous_end
        previous_end = segment.end


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=_TEXT)
def test_blocks_map_back_to_the_source(text: str) -> None:
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = assemble(text_units(source), path="<h>", doc_id="h", lang="en")
    attach_quotes(doc)
    for block in doc.blocks:
        body = doc.text[block.start : block.end]
        assert block.source_offset is not None
        # A paragraph wrapped across lines reads with one space where each line broke.
        rest = source[block.source_offset :]
        assert _LINE_BREAK.sub(" ", rest).startswith(body) or rest.startswith(body)
        for quote in block.quotes:
            assert block.start <= quote.start < quote.end <= block.end


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, lang=_LANGS)
def test_segmenter_spans_cover_all_non_space_text(text: str, lang: str) -> None:
    spans = segmenter_for(lang).spans(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
