"""PDF documents as plain text, page by page, without the pages' furniture.

pypdf extracts each page's text layer in reading order, a line a line. What a page repeats
at its top or its bottom is not the document's text: a line that stands among the first or
last EDGE_LINES lines of at least half the pages (and of two at least), the same but for
its numbers ("Annual Report 2023", "Page 3 of 9", "- 3 -"), short and no sentence, is
dropped there. The pages are then joined line to line, so a sentence that runs over a page
break reads on, and the text goes through the plain-text reader: hard-wrapped lines
joined, words hyphenated across lines made whole.

A PDF with no text layer (a scan) is refused with one line, as are an encrypted one and one
pypdf cannot read: there is nothing a segmenter could do with them but return nothing.
"""

from __future__ import annotations

from collections import Counter

import regex

from tmkit.errors import InputError
from tmkit.reading.layout import one_spaced
from tmkit.textio import opened

PDF_SUFFIXES = frozenset({".pdf"})
# Lines at a page's top or bottom where running heads, feet and page numbers stand.
EDGE_LINES = 2
# A running head is short and no sentence: a body line a page repeats (a short page's
# only lines are all at its edges) is text.
MAX_FURNITURE_CHARS = 80
_SENTENCE_END = regex.compile(r"[.!?…]$")
_DIGITS = regex.compile(r"\d+")


def pdf_text(path: str) -> str:
    """The text of a PDF's pages, their running heads, feet and page numbers left out."""
    import logging

    from pypdf import PdfReader  # loaded for a PDF only
    from pypdf.errors import PdfReadError

    # pypdf logs what it repairs ("EOF marker not found"): the one line tmkit writes on a
    # bad file is its own, and a file pypdf could read is read without remarks
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with opened(path) as handle:  # a missing or unreadable file says so, as text files do
        try:
            reader = PdfReader(handle)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(path, "encrypted PDF: decrypt it first")
            pages = [(page.extract_text() or "").split("\n") for page in reader.pages]
        except InputError:
            raise
        except (PdfReadError, OSError, ValueError, KeyError) as exc:
            raise InputError(path, f"unreadable PDF: {exc}") from None
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError(path, "PDF has no text layer (a scan?): run OCR on it first")
    furniture = _page_furniture(pages)
    kept = []
    for lines in pages:
        edges = _edge_positions(lines)
        kept += [
            line
            for position, line in enumerate(lines)
            if not (position in edges and _shape(line) in furniture)
        ]
    return "\n".join(kept) + "\n"


def _page_furniture(pages: list[list[str]]) -> set[str]:
    """The shapes of lines that stand at the edge of half the pages or more, two at least."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(lines[i]) for i in _edge_positions(lines)})
    needed = max(2, (len(pages) + 1) // 2)
    return {
        shape
        for shape, count in seen.items()
        if count >= needed and shape and len(shape) <= MAX_FURNITURE_CHARS
        and not _SENTENCE_END.search(shape)
    }  # fmt: skip


def _edge_positions(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])


def _shape(line: str) -> str:
    """A line with its numbers as "#" and its spaces as one: how a running head recurs."""
    return one_spaced(_DIGITS.sub("#", line))
