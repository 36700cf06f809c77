"""Every segment and block points back into the text it came from, on any input at all."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tmkit import phrases
from tmkit.errors import InputError
from tmkit.reading.quotes import attach_quotes
from tmkit.reading.reader import assemble, read_document, read_pieces, text_units
from tmkit.reading.segment import segment_document, segment_pieces
from tmkit.reading.srx import own_candidates, segmenter_for

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
        "; ",
        ": ",
        "। ",
        "።",
        "《好！》",
        "３．２",
        "<em>",
        "</em>",
        ".......... 5",
        "..........",
        "__________",
        " \\r\\n ",
        "\nW\nA\nRN\n",
        "\n. ",
        "    ",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(min_size=0, max_size=12)), max_size=40).map("".join)
_LANGS = st.sampled_from(["en", "es", "fr", "de", "pt", "it", "ru", "el", "hy", "und"])


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
@example(text="__________🇷🇺🇨🇺__________Mr.")  # a drawn rule after leading emoji
@example(text="🇷🇺🇨🇺\n. ")  # emoji cut from the front of two joined lines
@example(text="\xad")  # nothing but a soft hyphen, which no reader sees: no block
@example(text="\u200bHello there.")  # the block starts past the zero-width space
def test_blocks_map_back_to_the_source(text: str) -> None:
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = assemble(text_units(source), path="<h>", doc_id="h", lang="en")
    attach_quotes(doc)
    for block in doc.blocks:
        body = doc.text[block.start : block.end]
        assert block.source_offset is not None
        # The block starts where its source does, and reading only takes away: line breaks,
        # layout spacing, markup, leaders (its other characters come in the source's order).
        rest = source[block.source_offset :]
        assert rest[:1] == body[:1]
        assert _in_order("".join(body.split()), rest)
        for quote in block.quotes:
            assert block.start <= quote.start < quote.end <= block.end


def _in_order(wanted: str, text: str) -> bool:
    """Whether every character of wanted occurs in text, in order (a subsequence)."""
    chars = iter(text)
    return all(char in chars for char in wanted)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, lang=_LANGS)
def test_segmenter_spans_cover_all_non_space_text(text: str, lang: str) -> None:
    spans = segmenter_for(lang).spans(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=150, deadline=None)
@given(
    paragraphs=st.lists(_TEXT, min_size=1, max_size=12),
    piece=st.integers(1, 120),
    block=st.integers(1, 200),
)
@example(paragraphs=["Mr.", "” »Mr."], piece=1, block=1)  # no rule looks before its block
def test_pieces_segment_as_the_whole_document(
    paragraphs: list[str], piece: int, block: int
) -> None:
    """A long file read piece by piece (its bytes in blocks) gives the segments, offsets and
    kinds of one read."""
    import tmkit.reading.reader as reader
    import tmkit.textio as textio

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder, "long.txt"))
        Path(path).write_text("\n\n".join(paragraphs), "utf-8", newline="")
        try:
            whole = read_document(path, lang="en", clean=False)
        except InputError:
            return  # refused input (control characters): refused piece by piece as well
        saved = reader.PIECE_CHARS, textio.READ_BLOCK
        reader.PIECE_CHARS, textio.READ_BLOCK = piece, block
        try:
            got = _piecewise(read_pieces(path, lang="en", clean=False))
        finally:
            reader.PIECE_CHARS, textio.READ_BLOCK = saved
    expected = [(s.index, s.start, s.end, s.text, s.kind) for s in segment_document(whole)]
    assert got == expected
    for index, start, end, text_, _ in got:
        assert whole.text[start:end] == text_, index


def test_a_transcript_read_in_pieces_keeps_its_speakers(monkeypatch, tmp_path: Path) -> None:
    """Turns that run on past a piece boundary keep their speaker; the preamble is read once."""
    import tmkit.reading.reader as reader

    turns = []
    for number in range(60):
        name = ("Ann Lee", "Minister Carl Berg")[number % 2]
        turns.append(f"{name}: Point {number} is on the table. We discuss it now.")
        turns += [f"Item {number}.{k} follows. It has two sentences." for k in range(4)]
    path = tmp_path / "transcript.txt"
    path.write_text("Talks on Trade\n\n" + "\n\n".join(turns) + "\n", "utf-8")
    whole = read_document(str(path), lang="en")
    expected = [(s.index, s.start, s.end, s.kind, s.speaker) for s in segment_document(whole)]
    monkeypatch.setattr(reader, "PIECE_CHARS", 700)
    pieces = list(read_pieces(str(path), lang="en"))
    assert len(pieces) > 10
    got = [(s.index, s.start, s.end, s.kind, s.speaker) for _, s in _pieces_segments(pieces)]
    assert got == expected
    assert {s.speaker for s in segment_document(whole)} >= {"Ann Lee", "Carl Berg"}


def _pieces_segments(pieces):
    return segment_pieces(pieces, lambda doc: segmenter_for("en"))


def _piecewise(pieces) -> list[tuple]:
    return [(s.index, s.start, s.end, s.text, s.kind) for _, s in _pieces_segments(pieces)]


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, lang=_LANGS)
# U+001F is white space to str.isspace and to stdlib re, not to `regex`, which the rules use;
# `?1 1` ends a reference number twice.
@example(text="\x1f\xa0• ", lang="en")
@example(text="?1 1\x1f", lang="en")
def test_one_candidate_scan_finds_every_rule_break(text: str, lang: str) -> None:
    """The one scan tmkit's own rules use finds every break that a scan a rule finds."""
    from tmkit.reading.srx import Segmenter, default_rules

    rule_by_rule = Segmenter(default_rules(), lang)
    one_scan = Segmenter(default_rules(), lang, candidates=own_candidates)
    assert one_scan.breaks(text) == rule_by_rule.breaks(text)


# Characters whose folds differ in kind: kept, lower-cased, dropped inside a word, breaks,
# several letters for one (ß, æ, ﬁ, 中), combining marks, and code points past the BMP.
_FOLD_ALPHABET = "aZ9 .'’-‑_\n\téÀßæœøłđΩжй中ﬁ①²🙂\u0301\u00a0"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_FOLD_ALPHABET) | st.characters(), max_size=40))
def test_compiled_fold_is_the_python_fold(text: str) -> None:
    """tmkit._fold (built by setup.py) folds every text as the Python loop does: the same
    characters and the same offsets, so a match maps back to the same span either way."""
    assert phrases._compiled_fold is not None, "tmkit._fold was not built: is a C compiler there?"
    expected = phrases._python_fold(text)
    assert phrases.fold_with_offsets(text) == expected
    assert phrases.folded_key(text) == expected[0].strip()
    folded, offsets = expected
    assert len(folded) == len(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    assert offsets == sorted(offsets)
