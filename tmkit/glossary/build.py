"""Build a glossary from documents: candidates, entries, curated decisions, equivalents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tmkit.align.pipeline import Alignment
from tmkit.glossary.candidates import find_candidates
from tmkit.glossary.curate import apply_curation, load_curation
from tmkit.glossary.equivalents import add_equivalents
from tmkit.glossary.extract import MIN_TERMHOOD, build_entries, number_entries
from tmkit.glossary.model import Entry
from tmkit.glossary.tagging import TAGGED_LANGUAGES
from tmkit.lang import primary
from tmkit.model import Document, Segment
from tmkit.reading.segment import segment_document

CURATED_FILE = "curated.toml"


@dataclass(slots=True)
class GlossaryReport:
    """A built glossary and what curation could not apply."""

    entries: list[Entry]
    stale: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_glossary(
    documents: list[Document],
    curation: str | Path | None = None,
    alignments: list[Alignment] | None = None,
    min_termhood: float = MIN_TERMHOOD,
    segments: dict[str, list[Segment]] | None = None,
    progress: Callable[[str], None] | None = None,
    dictionary: list[tuple[str, str]] | None = None,
) -> GlossaryReport:
    """Entries of every language of the documents, curated, with equivalents from pairs
    (`segments`: each document's, when the caller has cut them already; `dictionary`: word
    pairs that say a rendering however unlike in letters)."""
    segments = segments or {doc.id: segment_document(doc) for doc in documents}
    by_language: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_language[primary(doc.lang)].append(doc)
    entries: list[Entry] = []
    for lang, group in sorted(by_language.items()):
        candidates = find_candidates(group, segments, progress)
        entries.extend(build_entries(candidates, lang, min_termhood))
    number_entries(entries)  # ids unique across languages before renderings refer to them
    if alignments:
        add_equivalents(entries, alignments, dictionary)
    stale: list[str] = []
    if curation is not None and Path(curation).is_file():
        stale = apply_curation(entries, load_curation(str(curation)))
    untagged = sorted(lang for lang in by_language if lang not in TAGGED_LANGUAGES | {"und"})
    warnings = (
        [f"terms skipped in {', '.join(untagged)} (no part-of-speech tagger): names only"]
        if untagged
        else []
    )
    if "und" in by_language:
        unknown = [doc.path or doc.id for doc in by_language["und"]]
        more = f" and {len(unknown) - 1} more" if len(unknown) > 1 else ""
        warnings.append(
            f"terms skipped in {unknown[0]}{more}: language not recognised (too little text?)"
        )
    return GlossaryReport(number_entries(entries), stale, warnings)
