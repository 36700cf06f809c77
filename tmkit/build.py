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
from tmkit.atomic import write_atomic
from tmkit.corpus import load_corpus
from tmkit.formats import write_units
from tmkit.model import Document
from tmkit.segment import segment_document, segment_record
from tmkit.units import tmx_timestamp

SEGMENTS_FILE = "segments.jsonl"
# The counterpart pairs of the corpus, as alignment records and as translation memories.
COUNTERPARTS = "counterparts"


@dataclass(slots=True)
class BuildReport:
    """What a build read and wrote, for the summary line and for tests."""

    documents: int = 0
    segments: int = 0
    dropped: int = 0
    pairs: int = 0
    written: list[str] = field(default_factory=list)


def build(
    corpus: str | Path,
    glossary_dir: str | Path,
    exports_dir: str | Path,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read the corpus, segment it, write exports; every file is written whole or not at all."""
    documents = load_corpus(corpus, progress)
    report = BuildReport(documents=len(documents))
    lines = []
    for doc in documents:
        segments = segment_document(doc)
        report.segments += len(segments)
        report.dropped += len(doc.dropped)
        lines.extend(
            json.dumps(segment_record(s, doc), ensure_ascii=False) + "\n" for s in segments
        )
    Path(glossary_dir).mkdir(parents=True, exist_ok=True)
    exports = Path(exports_dir)
    target = exports / SEGMENTS_FILE
    write_atomic(target, "".join(lines))
    report.written.append(str(target))
    pairs = align_corpus(documents, AlignOptions())
    report.pairs = len(pairs)
    if pairs:
        records = "".join(json.dumps(p.record(), ensure_ascii=False) + "\n" for p in pairs)
        write_atomic(exports / f"{COUNTERPARTS}.jsonl", records)
        memory, units = memory_of(pairs)
        memory.creationdate = corpus_timestamp(documents)
        for suffix in (".tmx", ".po"):
            write_units(str(exports / f"{COUNTERPARTS}{suffix}"), units, memory)
        report.written.extend(
            str(exports / f"{COUNTERPARTS}{s}") for s in (".jsonl", ".tmx", ".po")
        )
    return report


def corpus_timestamp(documents: list[Document]) -> str:
    """The date stamped on exports: SOURCE_DATE_EPOCH when set, else the newest document
    date, so the same corpus gives the same files byte for byte."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return tmx_timestamp()
    dates = sorted(d.meta["date"] for d in documents if len(d.meta.get("date", "")) == 10)
    if not dates:
        return tmx_timestamp(0)
    return tmx_timestamp(calendar.timegm(time.strptime(dates[-1], "%Y-%m-%d")))
