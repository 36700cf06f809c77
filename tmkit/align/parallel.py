"""Parallel alignment of a document and its translation: monotonic dynamic programming.

A bead joins 0 to 4 source sentences with 0 to 4 target sentences (1-1, 1-0, 0-1, 2-1, 1-2,
2-2, 3-1, 1-3, 3-2, 2-3, 4-1, 1-4, 3-3). Its cost adds three things:
- the Gale–Church length model (character lengths, target/source ratio of the two
  documents, variance 6.8);
- a prior for the bead's shape, so that 1-1 is the rule and merges need evidence;
- lexical evidence counted per sentence, never per bead: each sentence pays 1 minus the
  share of its lexical weight that finds a partner on the other side of its bead. A
  sentence pays the same whether it is aligned in a 1-1 bead or merged into a 2-2 one with
  the same partners, so merging earns nothing by itself, and a sentence whose words are
  matched nowhere pays the same in a 1-0 bead as glued to a neighbour, so insertions and
  deletions are found as such; a run of insertions pays the 0-1 prior once and less for each
  further sentence (affine gaps), so a block only the target has stays one block. After the
  last sentence of the other side, a 1-0 or 0-1 bead costs no more than such a further
  sentence: a translation's end is where its translator's credit stands.

Lexical items are numbers, punctuation, words spelt alike once folded and transliterated
(names), shared five-letter prefixes (cognates) and the pairs of a glossary. Each item
weighs its rarity in the document (a word in every sentence tells nothing), and what a
sentence matches in any sentence near it by chance is subtracted, so that a sentence that is
not the partner lowers a bead's evidence instead of adding to it. The search fills each row
of a band around the diagonal at once (numpy), and the band widens when the best path comes
near its edge, so time and memory grow linearly with the documents.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import regex
from anyascii import anyascii

from tmkit.errors import InputError
from tmkit.phrases import PhraseAutomaton, fold_with_offsets

# Shape priors: 1-1 the rule; the others rarer the more sentences they join. Chosen with the
# lexical weight on the bilingual gold (es, fr, ru) and the Text+Berg development article:
# strict F1 stays within 0.04 of its best for weights 3-4 and big-bead priors from half to
# one and a half times these (README, `tmkit align`).
BEAD_PRIORS = {
    (1, 1): 0.85,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (2, 1): 0.04,
    (1, 2): 0.04,
    (2, 2): 0.0016,
    (3, 1): 0.0012,
    (1, 3): 0.0012,
    (3, 2): 0.0006,
    (2, 3): 0.0006,
    (4, 1): 0.0004,
    (1, 4): 0.0004,
    (3, 3): 0.0002,
}
# The most sentences a bead joins on one side.
SIDE = max(max(shape) for shape in BEAD_PRIORS)
VARIANCE = 6.8
# Chance that a sentence only the target has follows another (a block of captions).
INSERTION_RUN = 0.3
BAND = 20
# Sentences whose lexical windows are filled at once (bounds the temporary arrays).
WINDOW_BLOCK = 1024
BAND_START_MAX = 120
# Weight of the lexical evidence against the length model (per sentence, in nats).
LEXICAL_WEIGHT = 3.0
# Words longer than this meet by their first COGNATE_PREFIX letters too (cognates).
COGNATE_PREFIX = 5
# Cost of a sentence with no lexical item anywhere matchable: the same in every bead.
NEUTRAL = 0.5
_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}]+|[?!:;()\[\]«»\"“”%§€$]")


@dataclass(slots=True)
class Bead:
    """One step of an alignment: source and target sentence indices, and a score in [0, 1]."""

    src: list[int]
    tgt: list[int]
    score: float

    @property
    def kind(self) -> str:
        """`1-1`, `2-1`, `0-1`…"""
        return f"{len(self.src)}-{len(self.tgt)}"


def phrase_anchors(sentences: list[str], phrases: list[str]) -> list[set[str]]:
    """For each sentence, `#g<k>` for every phrase k it holds (folded, whole words), found
    with one Aho–Corasick automaton over all the phrases."""
    automaton = PhraseAutomaton((phrase, f"#g{k}") for k, phrase in enumerate(phrases))
    found: list[set[str]] = [set() for _ in sentences]
    if not automaton.payloads:
        return found
    for number, sentence in enumerate(sentences):
        for _, _, ids, _ in automaton.matches(fold_with_offsets(sentence)[0]):
            found[number].update(ids)
    return found


def _fold(word: str) -> str:
    latin = anyascii(word) if not word.isascii() else word
    return latin.lower()


def words(sentence: str) -> list[str]:
    """A sentence's tokens, folded to lower-case Latin: words, numbers, punctuation."""
    out = []
    for token in _TOKEN.findall(sentence):
        if token[0].isdigit():
            out.append("#" + token.replace(",", "."))
        else:
            out.append(_fold(unicodedata.normalize("NFC", token)))
    return out


def _keys(token: str) -> list[str]:
    """What a token can meet on the other side: itself, and a word's prefix as a cognate."""
    if token[0] == "#" or not token[0].isalpha():
        return [token]
    if len(token) > COGNATE_PREFIX:
        return [token, "~" + token[:COGNATE_PREFIX]]
    return [token]


class _Items:
    """One side's sentences: their tokens, their glossary keys, and per sentence the keys
    the other side's items look for."""

    def __init__(self, tokens: list[list[str]], extra: list[set[str]]) -> None:
        self.tokens = tokens
        self.extra = extra
        self.offered: list[set[str]] = []
        for sentence, more in zip(tokens, extra, strict=True):
            keys = {key for token in sentence for key in _keys(token)}
            self.offered.append(keys | more)


def _sentence_items(
    side: _Items, other: _Items
) -> tuple[list[list[tuple[float, list[str]]]], list[float]]:
    """Each sentence's lexical items with their weights (rarity in the document), keeping
    only items some sentence of the other side could satisfy; and each sentence's total."""
    offered_anywhere: set[str] = set().union(*other.offered) if other.offered else set()
    document_frequency: Counter[str] = Counter()
    for sentence in side.tokens:
        document_frequency.update(set(sentence))
    extra_frequency: Counter[str] = Counter()
    for more in side.extra:
        extra_frequency.update(more)
    size = max(len(side.tokens), 1)
    items_per_sentence = []
    totals = []
    for sentence, more in zip(side.tokens, side.extra, strict=True):
        items: list[tuple[float, list[str]]] = []
        for token in dict.fromkeys(sentence):
            keys = _keys(token)
            if not any(key in offered_anywhere for key in keys):
                continue
            weight = math.log(1 + size / document_frequency[token])
            if not token[0].isalnum() and token[0] != "#":
                weight *= 0.5  # punctuation tells less than a word
            items.append((weight, keys))
        for key in more:  # glossary and dictionary pairs, weighed by their rarity too
            if key in offered_anywhere:
                items.append((math.log(1 + size / extra_frequency[key]), [key]))
        items_per_sentence.append(items)
        totals.append(sum(weight for weight, _ in items))
    return items_per_sentence, totals


def _band_matrix(
    items: list[list[tuple[float, list[str]]]],
    offered: list[set[str]],
    low: np.ndarray,
    width: int,
) -> np.ndarray:
    """For each sentence, its matched weight against every window of 1 to SIDE consecutive
    sentences of the other side within its band (low[i] .. low[i] + width - 1): an item
    counts once in a window however many of its sentences hold it, so a bead that joins
    sentences earns nothing for the words they share. Windows are indexed [sentence, size
    - 1, end] (the window is end - size .. end - 1 in band coordinates), less the mean over
    the windows of that size (what a sentence nearby matches by chance: a bead holding a
    sentence that is not the partner loses evidence). Postings are cut to the band by
    bisection, so the work is linear; the windows are float32, filled a block of sentences
    at a time (a sentence's four window sizes take twice the memory of one float64 row)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, keys in enumerate(offered):
        for key in keys:
            postings[key].append(j)
    windows = np.zeros((len(items), SIDE, width + 1), dtype=np.float32)
    for first in range(0, len(items), WINDOW_BLOCK):
        block = items[first : first + WINDOW_BLOCK]
        windows[first : first + len(block)] = _windows(block, postings, low[first:], width)
    return windows


def _windows(
    items: list[list[tuple[float, list[str]]]],
    postings: dict[str, list[int]],
    low: np.ndarray,
    width: int,
) -> np.ndarray:
    """_band_matrix's windows for a block of sentences, whose bands start at low."""
    # Each window size's runs of overlapping windows that hold an item, as changes at the
    # run's first and past its last window end, summed at once below.
    rows: list[int] = []
    sizes: list[int] = []
    columns: list[int] = []
    weights: list[float] = []
    for i, sentence_items in enumerate(items):
        lo = int(low[i])
        hi = lo + width
        for weight, keys in sentence_items:
            seen: set[int] = set()
            for key in keys:
                found = postings.get(key)
                if found:
                    seen.update(found[bisect_left(found, lo) : bisect_left(found, hi)])
            at = sorted(j - lo for j in seen)
            for size in range(1, SIDE + 1):
                # The windows of this size that hold position p end in p + 1 .. p + size.
                start = previous = -SIDE - 2
                for position in at:
                    if position > previous + size:
                        if start >= 0:
                            rows += (i, i)
                            sizes += (size - 1, size - 1)
                            columns += (start, previous + size + 1)
                            weights += (weight, -weight)
                        start = position + 1
                    previous = position
                if at:
                    rows += (i, i)
                    sizes += (size - 1, size - 1)
                    columns += (start, previous + size + 1)
                    weights += (weight, -weight)
    shape = (len(items), SIDE, width + SIDE + 2)
    flat = np.ravel_multi_index((rows, sizes, columns), shape) if rows else np.zeros(0, int)
    changes = np.bincount(flat, weights, minlength=math.prod(shape)).astype(float, copy=False)
    windows = np.cumsum(changes.reshape(shape)[:, :, : width + 1], axis=2)
    for size in range(1, SIDE + 1):
        windows[:, size - 1] -= windows[:, size - 1, size:].mean(axis=1, keepdims=True)
    return windows


def _neg_log_erfc(x: np.ndarray) -> np.ndarray:
    """-log(erfc(x)) for x >= 0, stable for large x (Numerical Recipes' erfcc, error < 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
        -0.82215223 + t * 0.17087277))))))))  # fmt: skip
    return -np.log(t) + x * x - poly


def _length_cost(source: float | np.ndarray, target: np.ndarray, ratio: float) -> np.ndarray:
    """Minus the log of the two-tailed probability of the length difference (Gale–Church),
    for source lengths against target lengths (arrays broadcast)."""
    mean = np.maximum((source + target / ratio) / 2, 1.0)
    delta = np.abs(target - source * ratio) / np.sqrt(mean * VARIANCE)
    return _neg_log_erfc(delta / math.sqrt(2))


class _Evidence:
    """Everything one search needs: lengths, and each sentence's matched weight against the
    sentences of the other side near it, as prefix sums in band coordinates. `weighted` is
    each side's _sentence_items, which do not depend on the band."""

    def __init__(
        self,
        source: _Items,
        target: _Items,
        weighted: tuple[tuple[list, list[float]], tuple[list, list[float]]],
        lengths: tuple[list[int], list[int]],
        band: int,
    ) -> None:
        n, m = len(source.tokens), len(target.tokens)
        self.n, self.m = n, m
        self.src_prefix = np.concatenate(([0.0], np.cumsum(lengths[0], dtype=float)))
        self.tgt_prefix = np.concatenate(([0.0], np.cumsum(lengths[1], dtype=float)))
        self.ratio = max(self.tgt_prefix[-1], 1.0) / max(self.src_prefix[-1], 1.0)
        reach = band + 2 * SIDE
        self.width = 2 * reach + 1
        (src_items, src_total), (tgt_items, tgt_total) = weighted
        self.src_low = np.round(np.arange(n) * m / n).astype(int) - reach
        self.tgt_low = np.round(np.arange(m) * n / m).astype(int) - reach
        self.src_match = _band_matrix(src_items, target.offered, self.src_low, self.width)
        self.tgt_match = _band_matrix(tgt_items, source.offered, self.tgt_low, self.width)
        self.src_total = np.array(src_total)
        self.tgt_total = np.array(tgt_total)
        self.src_inverse = np.where(self.src_total > 0, 1 / np.maximum(self.src_total, 1e-12), 0)
        self.tgt_inverse = np.where(self.tgt_total > 0, 1 / np.maximum(self.tgt_total, 1e-12), 0)

    def _share(
        self, matrix: np.ndarray, low: np.ndarray, total: np.ndarray, k: int, a: int, b: int
    ) -> float | None:
        """Share of sentence k's lexical weight matched by the other side's [a, b)."""
        if total[k] == 0:
            return None
        end = min(max(b - low[k], 0), self.width)
        return min(1.0, max(0.0, float(matrix[k, min(b - a, SIDE) - 1, end]) / total[k]))

    def score(self, i: int, di: int, j: int, dj: int) -> float:
        """A bead's confidence in [0, 1]: the worst matched share among its sentences and how
        well its lengths agree, times how common its shape is next to 1-1 (fourth root of
        the prior ratio). On the Text+Berg article it ranks a correct bead above a wrong one
        67% of the time (the shape alone 68%, the matched share alone 46-51%)."""
        if not di or not dj:
            return 0.0
        shares = [self._share(self.src_match, self.src_low, self.src_total, s, j - dj, j)
                  for s in range(i - di, i)]  # fmt: skip
        shares += [self._share(self.tgt_match, self.tgt_low, self.tgt_total, t, i - di, i)
                   for t in range(j - dj, j)]  # fmt: skip
        known = [share for share in shares if share is not None]
        worst = min(known) if known else NEUTRAL
        src_length = self.src_prefix[i] - self.src_prefix[i - di]
        tgt_length = self.tgt_prefix[j : j + 1] - self.tgt_prefix[j - dj : j - dj + 1]
        length = float(_length_cost(src_length, tgt_length, self.ratio)[0])
        shape = (BEAD_PRIORS[(di, dj)] / BEAD_PRIORS[(1, 1)]) ** 0.25
        return shape * (0.5 * worst + 0.5 * math.exp(-length))

    def row(self, i: int, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
        """Lexical costs of every bead ending at (i, j), j in [low, high]: source[di, dj, k]
        sums the costs of source sentences i - di .. i - 1 against targets j - dj .. j - 1
        (j = low + k), target[di, dj, k] those of the target sentences against the sources."""
        span = np.arange(low, high + 1)
        size = len(span)
        source = np.zeros((SIDE + 1, SIDE + 1, size))
        for di in range(1, min(SIDE, i) + 1):
            k = i - di
            ends = np.clip(span - self.src_low[k], 0, self.width)
            cost = np.ones((SIDE + 1, size))  # against no target sentence: nothing matched
            cost[1:] -= np.clip(self.src_match[k][:, ends] * self.src_inverse[k], 0, 1)
            if self.src_total[k] == 0:
                cost[:] = NEUTRAL
            source[di] = source[di - 1] + cost
        first = max(0, low - SIDE)
        targets = np.arange(first, high)
        target = np.zeros((SIDE + 1, SIDE + 1, size))
        if len(targets):
            ends = np.clip(i - self.tgt_low[targets], 0, self.width)
            matched = np.zeros((SIDE + 1, len(targets)))
            matched[1:] = self.tgt_match[targets, :, ends].T
            cost = 1.0 - np.clip(matched * self.tgt_inverse[targets][None, :], 0, 1)
            cost[:, self.tgt_total[targets] == 0] = NEUTRAL
            running = np.zeros((SIDE + 1, len(targets) + 1))
            np.cumsum(cost, axis=1, out=running[:, 1:])
            at = span - first
            for dj in range(1, SIDE + 1):
                target[:, dj] = running[:, at] - running[:, np.maximum(at - dj, 0)]
        return source, target


def _search(
    evidence: _Evidence, band: int, progress: Callable[[], None] | None = None
) -> tuple[list[Bead], bool]:
    """The cheapest monotonic path through the band, each row computed for all its cells and
    bead shapes at once (`progress` hears of each row); whether the path came near the
    band's edge."""
    n, m = evidence.n, evidence.m
    steps = [(di, dj, -math.log(prior)) for (di, dj), prior in BEAD_PRIORS.items()]
    insertion = next(k for k, (di, dj, _) in enumerate(steps) if (di, dj) == (0, 1))
    vertical = [(k, di, dj, prior) for k, (di, dj, prior) in enumerate(steps) if di]
    both = [k for k, (di, dj, _) in enumerate(steps) if di and dj]
    opening = steps[insertion][2]
    extending = -math.log(INSERTION_RUN)
    edge_discount = opening - extending
    alone = opening + LEXICAL_WEIGHT * np.where(evidence.tgt_total > 0, 1.0, NEUTRAL)
    rows: dict[int, tuple[int, np.ndarray]] = {}  # i -> (low, costs over low..high)
    back: list[tuple[int, np.ndarray]] = []
    for i in range(n + 1):
        if progress is not None and i:
            progress()
        centre = round(i * m / n)
        low, high = max(0, centre - band), min(m, centre + band)
        span = np.arange(low, high + 1)
        totals = np.full((len(steps), len(span)), np.inf)
        if i:
            source, target = evidence.row(i, low, high)
            src_lengths = {
                di: evidence.src_prefix[i] - evidence.src_prefix[i - di]
                for di in range(1, min(SIDE, i) + 1)
            }
            for k, di, dj, prior in vertical:
                if di > i:
                    continue
                previous_low, previous = rows[i - di]
                at = span - dj - previous_low
                valid = (at >= 0) & (at < len(previous))
                totals[k, valid] = previous[at[valid]] + prior
                totals[k] += LEXICAL_WEIGHT * (source[di, dj] + target[di, dj])
                if (di, dj) == (1, 0):  # past the last target sentence, as above
                    totals[k, span == m] -= edge_discount
            shaped = [k for k in both if steps[k][0] <= i]
            if shaped:  # the length model for every two-sided shape of the row, in one call
                src_length = np.array([[src_lengths[steps[k][0]]] for k in shaped])
                tgt_length = np.stack(
                    [
                        evidence.tgt_prefix[span]
                        - evidence.tgt_prefix[np.maximum(span - steps[k][1], 0)]
                        for k in shaped
                    ]
                )
                totals[shaped] += _length_cost(src_length, tgt_length, evidence.ratio)
        marks = np.argmin(totals, axis=0).astype(np.int8) + 1
        settled = totals[marks - 1, np.arange(len(span))]  # best path not ending in a 0-1
        if i == 0:
            settled[span == 0] = 0.0
        # Insertions (0-1) run along the row, cell by cell, as gaps do in sequence alignment:
        # opening a run costs the 0-1 prior, extending it less, so a block of sentences only
        # the target has (captions, a translator's note) stays one block.
        run = np.full(len(span), np.inf)
        extended = np.zeros(len(span), dtype=bool)
        # Past the last source sentence, a run opens as cheaply as it extends: what only the
        # translation has at its end (its translator's credit, a note) is expected there.
        discount = edge_discount if i == n else 0.0
        for k in range(1, len(span)):
            opened = settled[k - 1] + alone[span[k] - 1] - discount
            grown = run[k - 1] + alone[span[k] - 1] - opening + extending
            run[k] = min(opened, grown)
            extended[k] = grown < opened
        in_run = run < settled
        best = np.where(in_run, run, settled)
        rows[i] = (low, best)
        rows.pop(i - SIDE - 1, None)
        back.append((low, marks, in_run, extended))
    low, last = rows[n]
    if not np.isfinite(last[m - low]):
        return [], True
    beads: list[Bead] = []
    i, j = n, m
    near_edge = False
    low, _, in_run, _ = back[i]
    inserting = bool(in_run[j - low])
    while i or j:
        low, marks, in_run, extended = back[i]
        if abs(j - round(i * m / n)) > band - 3 and band < max(n, m):
            near_edge = True
        if inserting:
            beads.append(Bead([], [j - 1], 0.0))
            inserting = bool(extended[j - low])
            j -= 1
            continue
        di, dj, _ = steps[marks[j - low] - 1]
        score = evidence.score(i, di, j, dj)
        beads.append(Bead(list(range(i - di, i)), list(range(j - dj, j)), round(float(score), 4)))
        i, j = i - di, j - dj
        low, _, in_run, _ = back[i]
        inserting = bool(in_run[j - low]) if j >= low else False
    beads.reverse()
    return beads, near_edge


def align_parallel(
    source: list[str],
    target: list[str],
    band: int = BAND,
    lexicon: list[tuple[str, str]] | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Bead]:
    """Align two sentence lists monotonically; every sentence appears in exactly one bead
    (`progress` hears of each source sentence searched; a widened band searches again).

    `lexicon` pairs (a glossary's terms and their renderings, a dictionary's word pairs)
    are lexical items too: a source sentence holding a pair's term meets a target sentence
    holding its rendering."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead([i], [], 0.0) for i in range(n)] + [Bead([], [j], 0.0) for j in range(m)]
    pairs = lexicon or []
    src_tokens = [words(s) for s in source]
    tgt_tokens = [words(t) for t in target]
    src_extra = phrase_anchors(source, [term for term, _ in pairs])
    tgt_extra = phrase_anchors(target, [rendering for _, rendering in pairs])
    lengths = ([len(s) for s in source], [len(t) for t in target])
    # Start wide enough for a document's usual drift from the diagonal (a fifth of a short
    # document, at most BAND_START_MAX sentences): widening means searching again.
    band = max(band, min(max(n, m) // 5, BAND_START_MAX))
    source_items = _Items(src_tokens, src_extra)
    target_items = _Items(tgt_tokens, tgt_extra)
    weighted = (
        _sentence_items(source_items, target_items),
        _sentence_items(target_items, source_items),
    )
    while True:  # a wider band needs new band matrices, not new items
        evidence = _Evidence(source_items, target_items, weighted, lengths, band)
        beads, near_edge = _search(evidence, band, progress)
        if not near_edge:
            return beads
        band *= 2


def check_fixed(
    rows: list[tuple[int, tuple[tuple[int, ...], tuple[int, ...]]]], n: int, m: int, path: str
) -> list[tuple[list[int], list[int]]]:
    """Beads a reviewer fixed (with the line each is on), refused at the first that names a
    sentence outside the documents, runs out of order, overlaps another or crosses one."""
    taken_src: set[int] = set()
    taken_tgt: set[int] = set()
    previous: tuple[int, int] | None = None
    fixed = []
    for line, (src, tgt) in sorted(rows, key=lambda row: (row[1][0] or (-1,), row[1][1])):
        where = f"fixed bead {list(src)}:{list(tgt)}"
        if not src and not tgt:
            raise InputError(path, f"{where} is empty", line)
        for ids, size, side in ((src, n, "source"), (tgt, m, "target")):
            if any(k < 0 or k >= size for k in ids):
                raise InputError(
                    path, f"{where} names a {side} sentence past the last ({size - 1})", line
                )
            if ids and list(ids) != list(range(ids[0], ids[0] + len(ids))):
                raise InputError(path, f"{where}: {side} sentences must be consecutive", line)
        if taken_src & set(src) or taken_tgt & set(tgt):
            raise InputError(path, f"{where} overlaps another fixed bead", line)
        taken_src.update(src)
        taken_tgt.update(tgt)
        if src and tgt:
            if previous is not None and (src[0] < previous[0] or tgt[0] < previous[1]):
                raise InputError(path, f"{where} crosses another fixed bead", line)
            previous = (src[-1], tgt[-1])
        fixed.append((list(src), list(tgt)))
    return fixed


def align_with_fixed(
    source: list[str],
    target: list[str],
    fixed: list[tuple[list[int], list[int]]],
    lexicon: list[tuple[str, str]] | None = None,
) -> list[Bead]:
    """Keep the reviewer's beads (checked by check_fixed) as they are and align the
    sentences between them; a fixed bead with one side says its sentence has no partner."""
    anchors = sorted((s, t) for s, t in fixed if s and t)
    alone_src = {k for s, t in fixed if not t for k in s}
    alone_tgt = {k for s, t in fixed if not s for k in t}
    beads: list[Bead] = []
    i = j = 0
    for anchor in [*anchors, None]:
        src, tgt = anchor or ([], [])
        src_end, tgt_end = (src[0], tgt[0]) if src else (len(source), len(target))
        gap_src = [k for k in range(i, src_end) if k not in alone_src]
        gap_tgt = [k for k in range(j, tgt_end) if k not in alone_tgt]
        gap = align_parallel(
            [source[k] for k in gap_src], [target[k] for k in gap_tgt], lexicon=lexicon
        )
        beads.extend(
            Bead([gap_src[a] for a in b.src], [gap_tgt[a] for a in b.tgt], b.score) for b in gap
        )
        if src:
            beads.append(Bead(list(src), list(tgt), 1.0))
            i, j = src[-1] + 1, tgt[-1] + 1
    return _with_lone_beads(beads, sorted(alone_src), sorted(alone_tgt))


def _with_lone_beads(beads: list[Bead], alone_src: list[int], alone_tgt: list[int]) -> list[Bead]:
    """The aligned beads with a reviewer's one-sided beads merged in, each just before the
    first bead that follows it on its side: one pass over both, in document order."""
    merged: list[Bead] = []
    s = t = 0
    for bead in beads:
        while bead.src and s < len(alone_src) and alone_src[s] < bead.src[0]:
            merged.append(Bead([alone_src[s]], [], 1.0))
            s += 1
        while bead.tgt and t < len(alone_tgt) and alone_tgt[t] < bead.tgt[0]:
            merged.append(Bead([], [alone_tgt[t]], 1.0))
            t += 1
        merged.append(bead)
    merged.extend(Bead([k], [], 1.0) for k in alone_src[s:])
    merged.extend(Bead([], [k], 1.0) for k in alone_tgt[t:])
    return merged
