"""Cut a document's prose blocks into sentence segments with SRX rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from tmkit.lang import primary
from tmkit.model import PROSE_KINDS, Document, Segment
from tmkit.reading.reader import ALPHANUMERIC, BLOCK_SEPARATOR
from tmkit.reading.srx import Segmenter, segmenter_for


def segment_document(doc: Document, segmenter: Segmenter | None = None) -> list[Segment]:
    """Segments of every prose block, in order, each with [start, end) into doc.text."""
    segmenter = segmenter or segmenter_for(primary(doc.lang) if doc.lang != "und" else "und")
    segments: list[Segment] = []
    prose = [(number, b) for number, b in enumerate(doc.blocks) if b.kind in PROSE_KINDS]
    spans = segmenter.spans_in_blocks(doc.text, [(b.start, b.end) for _, b in prose])
    for (number, block), block_spans in zip(prose, spans, strict=True):
        for start, end in block_spans:
            if not _has_word(doc.text, start, end):
                continue  # a lone "/", "—" or "***": nothing to translate or align
            segments.append(
                Segment(
                    doc_id=doc.id,
                    index=len(segments),
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    block=number,
                    kind=block.kind,
                    speaker=block.speaker,
                    role=block.role,
                    retranslated=block.retranslated,
                )
            )
    return segments


def _has_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a letter or a digit (a word, a number)."""
    return ALPHANUMERIC.search(text, start, end) is not None


def segment_pieces(
    pieces: Iterable[Document], segmenter_for_doc: Callable[[Document], Segmenter]
) -> Iterator[tuple[Document, Segment]]:
    """Segments of a document read in pieces (reader.read_pieces), numbered and placed as in
    the whole document's text, a piece at a time."""
    base = count = 0
    for piece in pieces:
        segments = segment_document(piece, segmenter_for_doc(piece))
        for segment in segments:
            segment.start += base
            segment.end += base
            segment.index += count
            yield piece, segment
        count += len(segments)
        if piece.text:
            base += len(piece.text) + len(BLOCK_SEPARATOR)


def segment_record(segment: Segment, doc: Document) -> dict[str, object]:
    """A segment as the JSON object `tmkit segment --format jsonl` prints."""
    return {
        "doc": doc.id,
        "lang": doc.lang,
        "index": segment.index,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "kind": segment.kind,
        "speaker": segment.speaker,
        "role": segment.role,
        "retranslated": segment.retranslated,
    }
