"""Counterpart alignment of two texts in one language that render the same words differently.

Passages are the prose sentences of each document (never headlines, captions or debris), two
adjacent sentences of one paragraph, and the parts of a sentence that a reader marked as a
quote or as the clause reporting it. Candidate pairs share a telling stem (an inverted index,
so documents are not compared sentence by sentence); each is scored by `similarity`. A pair
is kept when it clears the threshold and is the best counterpart of one of its sentences on
either side: so each passage gets its best counterpart, and a sentence that truly renders two
passages (a quote of one, a reported clause of another) gets both. Order is free.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from tmkit.align.similarity import Bag, Weighting, similarity, stems
from tmkit.model import BODY_KINDS, Document, Segment
from tmkit.reading.quotes import attach_quotes
from tmkit.spans import Spans

# Chosen on tests/gold/counterparts (see the README's alignment section for the sweep).
DEFAULT_MIN_SCORE = 0.25
# A passage must weigh at least this much (two telling words) to be paired at all:
# greetings and thanks ("Welcome!", "Thank you very much.") weigh less.
MIN_WEIGHT = 4.0
# Two sentences must beat one by this factor: a longer passage overlaps more by chance.
WINDOW_FACTOR = 0.85
# Names of the people speaking or quoted say who talks, not what is said: they weigh this share.
SPEAKER_FACTOR = 0.2
# Share of a pair's common words that must differ from its target's best pair's for a
# target sentence to count as rendering two passages.
NOVEL_SHARE = 0.5
# …and that different part must be at least this share of the target passage's weight.
NOVEL_PART = 0.25
# Rounds of selection: a sentence whose best pair clashed gets its next best in the next round.
SELECTION_ROUNDS = 4
# Candidates scored for each source passage, best shared weight first.
CANDIDATES = 40
# A stem used by more than this share of the target passages (or this many) is too common to
# find candidates with; of the rest, a passage's rarest few find them. Together they bound the
# work per passage, so time grows linearly with document length.
COMMON_SHARE = 0.2
COMMON_LIMIT = 200
TELLING_STEMS = 8


@dataclass(slots=True)
class Passage:
    """A stretch of a document that may have a counterpart: sentences, or part of one."""

    doc: Document
    segments: tuple[Segment, ...]
    start: int
    end: int
    part: str  # sentence, sentences, quote or reported
    bag: Bag | None = None

    @property
    def ids(self) -> list[int]:
        """Segment indices the passage lies in."""
        return [s.index for s in self.segments]

    @property
    def text(self) -> str:
        """The passage's text as the document has it."""
        return self.doc.text[self.start : self.end]

    @property
    def speaker(self) -> str | None:
        """Who speaks it: the turn's speaker, or the named person a quote is attributed to."""
        first = self.segments[0]
        if first.speaker:
            return first.speaker
        for quote in self.doc.blocks[first.block].quotes:
            inside = quote.start < self.end and self.start < quote.end
            if inside and quote.speaker and quote.speaker[:1].isupper():
                return quote.speaker
        return None


@dataclass(slots=True)
class Counterpart:
    """Two passages that render the same words, and how alike they are."""

    src: Passage
    tgt: Passage
    score: float

    @property
    def kind(self) -> str:
        """`1-1`, `1-2` or `2-1` in sentences."""
        return f"{len(self.src.segments)}-{len(self.tgt.segments)}"


def passages(doc: Document, segments: list[Segment]) -> list[Passage]:
    """Every passage of a document that may be paired, in document order."""
    attach_quotes(doc)
    found: list[Passage] = []
    usable = [s for s in segments if s.kind in BODY_KINDS]
    spans: dict[int, tuple[Spans, Spans]] = {}  # a block's quotes and reported clauses
    for position, segment in enumerate(usable):
        found.append(Passage(doc, (segment,), segment.start, segment.end, "sentence"))
        following = usable[position + 1] if position + 1 < len(usable) else None
        if following is not None and following.block == segment.block:
            found.append(
                Passage(doc, (segment, following), segment.start, following.end, "sentences")
            )
        if segment.block not in spans:
            block = doc.blocks[segment.block]
            spans[segment.block] = (
                Spans([(q.start, q.end) for q in block.quotes]),
                Spans(block.reported),
            )
        found.extend(_parts(doc, segment, *spans[segment.block]))
    return found


def _parts(doc: Document, segment: Segment, quotes: Spans, reported: Spans) -> list[Passage]:
    """The quote and the reporting clause inside a sentence, when it holds both."""
    whole = _trim(doc.text, segment.start, segment.end)
    parts = []
    for spans, part in ((quotes, "quote"), (reported, "reported")):
        for start, end in spans.overlapping(segment.start, segment.end):
            start, end = _trim(doc.text, max(start, segment.start), min(end, segment.end))
            if end - start < 2 or (start, end) == whole:
                continue
            parts.append(Passage(doc, (segment,), start, end, part))
    return parts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, quotation marks and clause punctuation at its edges."""
    edge = " \t\n\u00a0\"'“”‘’«»„,;:–—-"
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def align_comparable(
    source: list[Passage], target: list[Passage], min_score: float = DEFAULT_MIN_SCORE
) -> list[Counterpart]:
    """Counterpart pairs between two documents' passages, in source order."""
    words = {id(p): stems(p.text, p.doc.lang) for p in (*source, *target)}
    speakers = _speaker_stems(source + target)
    weighting = Weighting(
        (words[id(p)] for p in (*source, *target) if p.part == "sentence"), speakers, SPEAKER_FACTOR
    )
    for passage in (*source, *target):
        passage.bag = weighting.bag(words[id(passage)])
    source = [p for p in source if p.bag.total >= MIN_WEIGHT]
    target = [p for p in target if p.bag.total >= MIN_WEIGHT]
    scored = _scored_candidates(source, target, min_score)
    guaranteed = {"src": source_is_owed(source), "tgt": source_is_owed(target)}
    kept = _select(scored, guaranteed)
    kept.sort(key=lambda c: (c.src.start, c.tgt.start))
    return kept


def source_is_owed(found: list[Passage]) -> bool:
    """Whether each passage of these is owed its best counterpart: true of articles, not
    of transcripts, most of whose sentences nobody quotes."""
    return not found or found[0].doc.role != "transcript"


def _speaker_stems(found: list[Passage]) -> set[str]:
    """Stems of the names of everyone who speaks a turn or is quoted in these passages."""
    names = set()
    blocks_read: set[tuple[int, int]] = set()
    for passage in found:
        for segment in passage.segments:
            names.add(segment.speaker or "")
            if (id(passage.doc), segment.block) not in blocks_read:  # once a block, not a passage
                blocks_read.add((id(passage.doc), segment.block))
                names.update(q.speaker or "" for q in passage.doc.blocks[segment.block].quotes)
    lang = found[0].doc.lang if found else "en"
    return {stem for name in names for stem, _ in stems(name, lang) if name[:1].isupper()}


def _scored_candidates(
    source: list[Passage], target: list[Passage], min_score: float
) -> list[Counterpart]:
    """Pairs that share a telling stem and score at least `min_score`."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, passage in enumerate(target):
        for stem in passage.bag.weights:
            index[stem].append(position)
    common = max(CANDIDATES, min(int(COMMON_SHARE * len(target)), COMMON_LIMIT))
    scored = []
    for passage in source:
        shared: dict[int, float] = defaultdict(float)
        telling = sorted(
            (len(index[stem]), stem)
            for stem in passage.bag.weights
            if 0 < len(index.get(stem, ())) <= common
        )
        for _, stem in telling[:TELLING_STEMS]:
            weight = passage.bag.weights[stem]
            for position in index[stem]:
                shared[position] += weight
        best = heapq.nlargest(CANDIDATES, shared.items(), key=lambda item: item[1])
        for position, _ in best:
            other = target[position]
            if len(passage.segments) > 1 and len(other.segments) > 1:
                continue
            value = similarity(passage.bag, other.bag, min_score)
            if len(passage.segments) + len(other.segments) > 2:
                value *= WINDOW_FACTOR
            if value >= min_score:
                scored.append(Counterpart(passage, other, value))
    return scored


def _select(scored: list[Counterpart], guaranteed: dict[str, bool]) -> list[Counterpart]:
    """Keep the pairs that win a sentence (see `_winners`), best first, unless they clash
    with a pair already kept; then let sentences whose best pair clashed try their next best."""
    kept: list[Counterpart] = []
    kept_ids: set[int] = set()
    by_sentence: dict[tuple[str, int], list[Counterpart]] = defaultdict(list)

    def clashes(pair: Counterpart) -> bool:
        return any(
            _overlaps(pair, other) for key in _sentence_keys(pair) for other in by_sentence[key]
        )

    pool = scored
    for _ in range(SELECTION_ROUNDS):
        winners = [p for p in _winners(pool, guaranteed) if id(p) not in kept_ids]
        added = 0
        for pair in sorted(winners, key=lambda p: -p.score):
            if not clashes(pair):
                kept.append(pair)
                kept_ids.add(id(pair))
                added += 1
                for key in _sentence_keys(pair):
                    by_sentence[key].append(pair)
        if not added:
            break
        pool = [p for p in pool if id(p) in kept_ids or not clashes(p)]
    return kept


def _sentence_keys(pair: Counterpart) -> list[tuple[str, int]]:
    return [("src", s.index) for s in pair.src.segments] + [
        ("tgt", s.index) for s in pair.tgt.segments
    ]


def _winners(pool: list[Counterpart], guaranteed: dict[str, bool]) -> list[Counterpart]:
    """The pairs that are the best of one of their sentences.

    A side is `guaranteed` when its passages are each owed their best counterpart (an
    article's). A pair that is only the best of a sentence on the other side (a transcript's)
    wins when it renders a different part of its target than that target's own best pair.
    """
    best: dict[tuple[str, int], Counterpart] = {}
    for pair in pool:
        for key in _sentence_keys(pair):
            if key not in best or pair.score > best[key].score:
                best[key] = pair
    wins: dict[int, set[str]] = defaultdict(set)
    for (side, _), pair in best.items():
        wins[id(pair)].add(side)
    winners = []
    for pair in {id(p): p for p in best.values()}.values():
        sides = wins[id(pair)]
        if any(guaranteed[side] for side in sides) or all(
            _renders_other_part(pair, best.get((other, s.index)), other)
            for side in sides
            for other in ({"src", "tgt"} - {side})
            for s in (pair.tgt if other == "tgt" else pair.src).segments
        ):
            winners.append(pair)
    return winners


def _renders_other_part(pair: Counterpart, rival: Counterpart | None, side: str) -> bool:
    """Whether most of what `pair` shares with its `side` passage is not what `rival` shares."""
    if rival is None or rival is pair:
        return True
    mine = _shared(pair)
    theirs = _shared(rival)
    bag = (pair.tgt if side == "tgt" else pair.src).bag
    total = sum(bag.weights.get(stem, 0.0) for stem in mine)
    novel = sum(bag.weights.get(stem, 0.0) for stem in mine - theirs)
    return total > 0 and novel / total >= NOVEL_SHARE and novel / bag.total >= NOVEL_PART


def _shared(pair: Counterpart) -> set[str]:
    return pair.src.bag.weights.keys() & pair.tgt.bag.weights.keys()


def _overlaps(a: Counterpart, b: Counterpart) -> bool:
    """Two pairs clash when both their sides overlap, or one side overlaps a two-sentence
    passage (which claims its sentences render together)."""
    src = a.src.start < b.src.end and b.src.start < a.src.end
    tgt = a.tgt.start < b.tgt.end and b.tgt.start < a.tgt.end
    joined_src = len(a.src.segments) > 1 or len(b.src.segments) > 1
    joined_tgt = len(a.tgt.segments) > 1 or len(b.tgt.segments) > 1
    return (src and tgt) or (src and joined_src) or (tgt and joined_tgt)
