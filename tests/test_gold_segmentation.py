"""The seed documents segment as a careful reader would cut them, with no web debris left."""

from __future__ import annotations

import pytest

from conftest import GOLD, corpus_file
from tmkit.reading.reader import read_document
from tmkit.reading.segment import segment_document

SEED_IDS = ("000", "001", "002", "003", "004")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _segments(doc_id: str) -> list[str]:
    doc = read_document(str(corpus_file(doc_id)), doc_id=doc_id)
    return [_norm(s.text) for s in segment_document(doc)]


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_segments_match_gold(doc_id: str) -> None:
    gold = (GOLD / "segments" / f"{doc_id}.txt").read_text("utf-8").splitlines()
    assert _segments(doc_id) == [_norm(line) for line in gold]


def test_no_debris_survives() -> None:
    debris = [
        _norm(line)
        for line in (GOLD / "debris.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    for doc_id in SEED_IDS:
        for segment in _segments(doc_id):
            for line in debris:
                assert segment != line, (doc_id, line)
                if len(line) >= 15:
                    assert line not in segment, (doc_id, line, segment)
