"""`tmkit align`: pair the segments of two documents, or of every document of a corpus within
each event, in parallel or comparable mode; the pairs as records and as translation units."""

from __future__ import annotations

import heapq
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import regex

from tmkit.align.parallel import Bead, align_parallel, align_with_fixed
from tmkit.errors import InputError
from tmkit.lang import counterpart_tag, primary, sure_language
from tmkit.model import Block, Document, Segment
from tmkit.progress import detail
from tmkit.units import Memory, TranslationUnit, Variant

if TYPE_CHECKING:
    from tmkit.align.comparable import Counterpart

# Share of a dateless document's names (rarity-weighted) an event's documents must hold,
# and by how much more than any other event's (measured on the seeds: see the tests).
CONTENT_MATCH = 0.25
CONTENT_MARGIN = 1.5
_INNER_CAPITAL = regex.compile(r"(?<=[\p{Ll},;]\s+)(\p{Lu}[\p{L}\-]{2,})")
# Documents "run in parallel" when neither has more than this many times the other's segments.
PARALLEL_COUNT_RATIO = 2.0


@dataclass(slots=True)
class AlignOptions:
    """What the user asked of an alignment run."""

    mode: str = "auto"
    min_score: float | None = None
    cross_event: bool = False
    retranslated_only: bool = False
    lexicon: list[tuple[str, str]] = field(default_factory=list)  # (term, rendering) anchors
    # Beads a reviewer fixed (tmkit align --fixed): kept, the rest aligned around them.
    fixed: list[tuple[list[int], list[int]]] = field(default_factory=list)


@dataclass(slots=True)
class Alignment:
    """One aligned pair, in the shape `tmkit align --format jsonl` prints."""

    src_doc: str
    tgt_doc: str
    src_lang: str
    tgt_lang: str
    event: str | None
    src: str
    tgt: str
    src_ids: list[int]
    tgt_ids: list[int]
    src_spans: list[list[int]]
    tgt_spans: list[list[int]]
    score: float
    kind: str
    src_speaker: str | None
    src_retranslated: bool
    mode: str
    src_part: str = "sentence"
    tgt_part: str = "sentence"
    tgt_speaker: str | None = None
    # A parallel bead scoring below --min-score: kept in JSONL and TSV for review, left out
    # of translation memories.
    low_confidence: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def record(self) -> dict[str, object]:
        """The pair as a JSON object (DESIGN.md's shape, plus mode and parts)."""
        record = asdict(self)
        record.pop("extra")
        return record


@dataclass(slots=True)
class Side:
    """A document ready to align: the document and its segments."""

    doc: Document
    segments: list[Segment]


def side_of(doc: Document) -> Side:
    """A document with its segments cut by tmkit's SRX rules."""
    from tmkit.reading.segment import segment_document  # not needed for segmented input

    return Side(doc, segment_document(doc))


def segmented_side(doc_id: str, path: str, text: str, lang: str) -> Side:
    """A document given one segment a line: segment i is line i, nothing re-cut."""
    doc = Document(id=doc_id, path=path, lang=lang, text=text)
    segments = []
    offset = 0
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    for index, line in enumerate(lines):
        stripped = line.rstrip("\r")
        doc.blocks.append(Block("paragraph", offset, offset + len(stripped), index + 1))
        segments.append(
            Segment(doc_id, index, offset, offset + len(stripped), stripped, index, "paragraph")
        )
        offset += len(line) + 1
    return Side(doc, segments)


def check_language(side: Side, given: str | None, option: str) -> None:
    """Refuse a language tag the text plainly contradicts (es given, a page of English: a
    swapped file); a guess from a sentence or two (a menu's Italian dish names in English
    text) does not overrule the user."""
    if given is None or not side.segments:
        return
    guessed = sure_language(side.doc.text)
    if guessed is not None and primary(guessed) != primary(given):
        raise InputError(side.doc.path, f"text looks like {guessed}, not {given} as {option} says")


def choose_mode(source: Side, target: Side, mode: str) -> str:
    """parallel for a translation (languages differ, or one is unknown, and the segment counts
    are alike), else comparable."""
    if mode != "auto":
        return mode
    languages = {primary(source.doc.lang), primary(target.doc.lang)}
    if len(languages) == 1 and "und" not in languages:
        return "comparable"
    counts = sorted((max(len(source.segments), 1), max(len(target.segments), 1)))
    return "parallel" if counts[1] / counts[0] <= PARALLEL_COUNT_RATIO else "comparable"


def align_pair(
    source: Side,
    target: Side,
    options: AlignOptions,
    event: str | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Alignment]:
    """Aligned pairs of two documents, in the mode the options ask for (or suit them);
    `progress` hears of each source sentence a parallel search goes through."""
    for side in (source, target):
        if not side.segments:
            raise InputError(side.doc.path, "no text to align (no prose segments)")
    mode = choose_mode(source, target, options.mode)
    if mode == "parallel":
        found = _parallel(source, target, event, options, progress)
        minimum = options.min_score or 0.0
        for pair in found:  # every sentence stays in its bead: an alignment has no gaps
            pair.low_confidence = bool(pair.src_ids and pair.tgt_ids) and pair.score < minimum
    else:
        found = _comparable(source, target, event, options.min_score)
    if options.retranslated_only:
        found = [a for a in found if a.src_retranslated]
    both = [a for a in found if a.src_ids and a.tgt_ids]
    detail(
        f"align {source.doc.path} ↔ {target.doc.path}: {mode}, {len(source.segments)}:"
        f"{len(target.segments)} segments, {len(both)} pairs "
        f"({sum(a.low_confidence for a in both)} below the minimum score), "
        f"{len(found) - len(both)} left unpaired"
    )
    return found


def _parallel(
    source: Side,
    target: Side,
    event: str | None,
    options: AlignOptions,
    progress: Callable[[], None] | None = None,
) -> list[Alignment]:
    texts = ([s.text for s in source.segments], [s.text for s in target.segments])
    if options.fixed:
        beads = align_with_fixed(*texts, options.fixed, lexicon=options.lexicon)
    else:
        beads = align_parallel(*texts, lexicon=options.lexicon, progress=progress)
    return [_from_bead(bead, source, target, event) for bead in beads]


def _from_bead(bead: Bead, source: Side, target: Side, event: str | None) -> Alignment:
    src = [source.segments[i] for i in bead.src]
    tgt = [target.segments[j] for j in bead.tgt]
    return Alignment(
        src_doc=source.doc.id,
        tgt_doc=target.doc.id,
        src_lang=source.doc.lang,
        tgt_lang=target.doc.lang,
        event=event,
        src=" ".join(s.text for s in src),
        tgt=" ".join(s.text for s in tgt),
        src_ids=list(bead.src),
        tgt_ids=list(bead.tgt),
        src_spans=[[s.start, s.end] for s in src],
        tgt_spans=[[s.start, s.end] for s in tgt],
        score=round(bead.score, 3),
        kind=bead.kind,
        src_speaker=src[0].speaker if src else None,
        src_retranslated=any(s.retranslated for s in src),
        mode="parallel",
        tgt_speaker=tgt[0].speaker if tgt else None,
    )


def _comparable(
    source: Side, target: Side, event: str | None, min_score: float | None
) -> list[Alignment]:
    # Imported here: the comparable aligner's word statistics (wordfreq) cost a parallel
    # alignment a fifth of its start-up.
    from tmkit.align.comparable import DEFAULT_MIN_SCORE, align_comparable, passages

    minimum = DEFAULT_MIN_SCORE if min_score is None else min_score
    pairs = align_comparable(
        passages(source.doc, source.segments), passages(target.doc, target.segments), minimum
    )
    return [_from_counterpart(pair, event) for pair in pairs]


def _from_counterpart(pair: Counterpart, event: str | None) -> Alignment:
    return Alignment(
        src_doc=pair.src.doc.id,
        tgt_doc=pair.tgt.doc.id,
        src_lang=pair.src.doc.lang,
        tgt_lang=pair.tgt.doc.lang,
        event=event,
        src=pair.src.text,
        tgt=pair.tgt.text,
        src_ids=pair.src.ids,
        tgt_ids=pair.tgt.ids,
        src_spans=[[pair.src.start, pair.src.end]],
        tgt_spans=[[pair.tgt.start, pair.tgt.end]],
        score=round(pair.score, 3),
        kind=pair.kind,
        src_speaker=pair.src.speaker,
        src_retranslated=any(s.retranslated for s in pair.src.segments),
        mode="comparable",
        src_part=pair.src.part,
        tgt_part=pair.tgt.part,
        tgt_speaker=pair.tgt.speaker,
    )


def assign_events(documents: list[Document]) -> dict[str, str]:
    """The event (meeting) each document reports: the manifest's, else its date; a document
    with neither joins the event whose documents share most of its names (weighted by how
    rare each name is in the corpus), when that share is at least CONTENT_MATCH and
    CONTENT_MARGIN times the next event's; else it stands alone: a wrong event would pair
    passages of different meetings, a missed one only loses pairs."""
    events = {}
    names = {doc.id: _names(doc) for doc in documents}
    documents_with = Counter(name for found in names.values() for name in found)
    for doc in documents:
        event = doc.meta.get("event") or doc.meta.get("date")
        if event:
            events[doc.id] = event
    events_with: dict[str, set[str]] = defaultdict(set)  # name → events whose documents have it
    for doc_id, event in events.items():
        for name in names[doc_id]:
            events_with[name].add(event)
    for doc in documents:
        if doc.id in events:
            continue
        weight = {n: 1 / documents_with[n] for n in names[doc.id]}
        total = sum(weight.values()) or 1.0
        shares: dict[str, float] = defaultdict(float)
        for name, share in weight.items():
            for event in events_with.get(name, ()):
                shares[event] += share
        scored = heapq.nlargest(2, ((share / total, e) for e, share in shares.items()))
        best, runner_up = [*scored, (0.0, ""), (0.0, "")][:2]
        clear = best[0] >= CONTENT_MATCH and best[0] >= CONTENT_MARGIN * runner_up[0]
        events[doc.id] = best[1] if clear else f"document {doc.id}"
    return events


def _names(doc: Document) -> set[str]:
    """Capitalised words inside sentences: the people, places and bodies a text is about."""
    return {m.group(1) for m in _INNER_CAPITAL.finditer(doc.text)}


def document_pairs(
    documents: list[Document], cross_event: bool = False
) -> list[tuple[Document, Document, str | None]]:
    """Every pair of documents to align, transcript first, within one event unless asked;
    in the corpus's order. Documents are grouped by event first, so a corpus of many events
    is not walked pair by pair."""
    events = assign_events(documents)
    if cross_event:
        groups = [list(range(len(documents)))]
    else:
        by_event: dict[str | None, list[int]] = defaultdict(list)
        for index, doc in enumerate(documents):
            by_event[events[doc.id]].append(index)
        groups = list(by_event.values())
    ordered = sorted(pair for group in groups for pair in itertools.combinations(group, 2))
    pairs = []
    for i, j in ordered:
        first, second = documents[i], documents[j]
        same = events[first.id] == events[second.id]
        if second.role == "transcript" and first.role != "transcript":
            first, second = second, first
        pairs.append((first, second, events[first.id] if same else None))
    return pairs


def align_corpus(
    documents: list[Document],
    options: AlignOptions,
    progress: Callable[[str], None] | None = None,
    segments: dict[str, list[Segment]] | None = None,
) -> list[Alignment]:
    """Counterpart pairs of every document pair of a corpus, event by event (`segments`:
    each document's, when the caller has cut them already)."""
    sides = {doc.id: Side(doc, segments[doc.id]) if segments else side_of(doc) for doc in documents}
    found: list[Alignment] = []
    for first, second, event in document_pairs(documents, options.cross_event):
        if progress:
            progress(f"aligning {first.id} with {second.id}")
        source, target = sides[first.id], sides[second.id]
        if not source.segments or not target.segments:
            continue
        found.extend(align_pair(source, target, options, event))
    return found


def memory_of(alignments: list[Alignment]) -> tuple[Memory, list[TranslationUnit]]:
    """Pairs with both sides as translation units, provenance in x- properties; a pair below
    the minimum score is a unit marked for review (PO and XLIFF keep it as such, TMX not)."""
    if not alignments:
        raise InputError(None, "no aligned pairs to write")
    first = alignments[0]
    units = []
    kept = (a for a in alignments if a.src_ids and a.tgt_ids)
    for number, pair in enumerate(kept):
        props = [
            ("x-src_doc", pair.src_doc),
            ("x-tgt_doc", pair.tgt_doc),
            ("x-src_ids", json.dumps(pair.src_ids)),
            ("x-tgt_ids", json.dumps(pair.tgt_ids)),
            ("x-score", f"{pair.score:.3f}"),
            ("x-kind", pair.kind),
            ("x-mode", pair.mode),
        ]
        if pair.event:
            props.append(("x-event", pair.event))
        if pair.src_speaker:
            props.append(("x-speaker", pair.src_speaker))
        if pair.src_retranslated:
            props.append(("x-retranslated", "true"))
        if pair.src_part != "sentence" or pair.tgt_part != "sentence":
            props.append(("x-parts", f"{pair.src_part}:{pair.tgt_part}"))
        several = len(pair.src_ids) > 1 or len(pair.tgt_ids) > 1
        units.append(
            TranslationUnit(
                [
                    Variant(pair.src_lang, one_line(pair.src)),
                    Variant(counterpart_tag(pair.src_lang, pair.tgt_lang), one_line(pair.tgt)),
                ],
                tuid=f"{pair.src_doc}-{pair.tgt_doc}-{number + 1}",
                props=props,
                segtype="paragraph" if several else None,
                needs_review=pair.low_confidence,
            )
        )
    tgtlang = counterpart_tag(first.src_lang, first.tgt_lang)
    return Memory(srclang=first.src_lang, tgtlang=tgtlang), units


def one_line(text: str) -> str:
    """A passage on one line: line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())
