"""Plain data passed between pipeline stages; offsets are [start, end) into Document.text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_DOC_ID = re.compile(r"^(\d+)[_\-. ]")


def default_doc_id(path: str) -> str:
    """A document id from its file name: the numeric prefix (`001_…`) or the stem."""
    name = Path(path).name if path != "-" else "stdin"
    match = _DOC_ID.match(name)
    return match.group(1) if match else Path(name).stem


# Block kinds whose text is running prose and so becomes segments.
PROSE_KINDS = frozenset({"headline", "heading", "paragraph", "turn"})
# Prose in sentences (not headlines): where counterparts, names and terms are looked for.
BODY_KINDS = frozenset({"paragraph", "turn"})


@dataclass(slots=True)
class Quote:
    """A stretch of quoted speech inside a block, with the clause that attributes it."""

    start: int
    end: int
    speaker: str | None = None


@dataclass(slots=True)
class Block:
    """One paragraph-level unit of a document: a paragraph, a speaker turn, a headline..."""

    kind: str
    start: int
    end: int
    line: int
    source_offset: int | None = None
    speaker: str | None = None
    role: str | None = None
    retranslated: bool = False
    quotes: list[Quote] = field(default_factory=list)
    reported: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Dropped:
    """A source line the reader left out of the document, and why."""

    line: int
    text: str
    reason: str


@dataclass(slots=True)
class DateMention:
    """A date written in the text; year or day may be missing ("Nov. 22", "April 2018")."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None

    def iso(self) -> str | None:
        """ISO 8601 form when the date is complete, else None."""
        if self.year is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(slots=True)
class Document:
    """A cleaned document: the text a reader keeps, its blocks, and what is known about it."""

    id: str
    path: str
    lang: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    # Whether the blocks' quotes and reported clauses have been found (on demand: only the
    # comparable aligner reads them; see tmkit.reading.quotes.attach_quotes).
    quoted: bool = False

    @property
    def role(self) -> str:
        """`transcript` when the document has speaker turns, else what the manifest says."""
        return self.meta.get("role", "article")


@dataclass(slots=True)
class Segment:
    """A sentence-level unit with its place in the document and what the block says of it."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    block: int
    kind: str
    speaker: str | None = None
    role: str | None = None
    retranslated: bool = False
