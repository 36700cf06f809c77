"""`tmkit build`: run every pipeline stage over a corpus folder and write its products."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tmkit.atomic import write_atomic
from tmkit.corpus import load_corpus
from tmkit.segment import segment_document, segment_record

SEGMENTS_FILE = "segments.jsonl"


@dataclass(slots=True)
class BuildReport:
    """What a build read and wrote, for the summary line and for tests."""

    documents: int = 0
    segments: int = 0
    dropped: int = 0
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
    target = Path(exports_dir) / SEGMENTS_FILE
    write_atomic(target, "".join(lines))
    report.written.append(str(target))
    return report
