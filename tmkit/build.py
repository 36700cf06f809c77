"""`tmkit build`: run every pipeline stage over a corpus folder and write its products."""

from __future__ import annotations

import calendar
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tmkit.align.pipeline import AlignOptions, align_corpus, memory_of
from tmkit.atomic import OutputSet, output_set, write_atomic
from tmkit.corpus import load_corpus
from tmkit.formats import write_units
from tmkit.glossary.build import CURATED_FILE, build_glossary
from tmkit.glossary.files import render
from tmkit.lang import primary
from tmkit.model import Document
from tmkit.progress import detail
from tmkit.reading.segment import segment_document, segment_record
from tmkit.units import Memory, tmx_timestamp

SEGMENTS_FILE = "segments.jsonl"
# The counterpart pairs of the corpus, as alignment records and as translation memories.
COUNTERPARTS = "counterparts"
GLOSSARY = "glossary"


@dataclass(slots=True)
class BuildReport:
    """What a build read and wrote, for the summary line and for tests."""

    documents: int = 0
    segments: int = 0
    dropped: int = 0
    pairs: int = 0
    entries: int = 0
    stale: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def build(
    corpus: str | Path,
    glossary_dir: str | Path,
    exports_dir: str | Path,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read the corpus, segment and align it, build its glossary (applying the curated
    decisions in glossary/curated.toml), write exports and glossary files, each whole or not
    at all."""
    documents = load_corpus(corpus, progress)
    report = BuildReport(documents=len(documents))
    segments = {doc.id: segment_document(doc) for doc in documents}
    lines = []
    for doc in documents:
        report.segments += len(segments[doc.id])
        report.dropped += len(doc.dropped)
        detail(f"read {doc.path}: {doc.lang}, {len(segments[doc.id])} segments, "
               f"{len(doc.dropped)} debris lines dropped")  # fmt: skip
        lines.extend(
            json.dumps(segment_record(s, doc), ensure_ascii=False) + "\n" for s in segments[doc.id]
        )
    pairs = align_corpus(documents, AlignOptions(), progress, segments)
    report.pairs = len(pairs)
    folder = Path(glossary_dir)
    if progress:
        progress("building the glossary")
    glossary = build_glossary(documents, folder / CURATED_FILE, pairs, segments=segments)
    report.entries = len(glossary.entries)
    report.stale = glossary.stale
    report.warnings = glossary.warnings
    # Everything is computed before anything is written, and the files are written as one
    # set: bad input or a failing disk leaves every file as it was. The counterpart files
    # are written even when there are no pairs, so no earlier build's pairs are left behind.
    exports = Path(exports_dir)
    lang = primary(documents[0].lang) if documents else "en"
    records = "".join(json.dumps(p.record(), ensure_ascii=False) + "\n" for p in pairs)
    memory, units = memory_of(pairs) if pairs else (Memory(srclang=lang, tgtlang=lang), [])
    memory.creationdate = corpus_timestamp(documents)
    with output_set() as outputs:
        _write(report, outputs, exports / SEGMENTS_FILE, "".join(lines))
        _write(report, outputs, exports / f"{COUNTERPARTS}.jsonl", records)
        for suffix in (".tmx", ".po"):
            target = exports / f"{COUNTERPARTS}{suffix}"
            write_units(str(outputs.path(target)), units, memory)
            report.written.append(str(target))
        for fmt in ("tbx", "csv"):
            text = render(glossary.entries, fmt, lang)
            _write(report, outputs, folder / f"{GLOSSARY}.{fmt}", text)
    return report


def _write(report: BuildReport, outputs: OutputSet, target: Path, text: str) -> None:
    write_atomic(outputs.path(target), text)
    report.written.append(str(target))


def corpus_timestamp(documents: list[Document]) -> str:
    """The date stamped on exports: SOURCE_DATE_EPOCH when set, else the newest document
    date, so the same corpus gives the same files byte for byte."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return tmx_timestamp()
    dates = sorted(d.meta["date"] for d in documents if len(d.meta.get("date", "")) == 10)
    if not dates:
        return tmx_timestamp(0)
    return tmx_timestamp(calendar.timegm(time.strptime(dates[-1], "%Y-%m-%d")))
