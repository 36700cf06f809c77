"""Propose each entry's rendering on the other side of aligned pairs.

For every pair whose source holds a form of an entry and whose target holds none, the
candidate renderings are the target's own glossary entries (between languages) or the
target's words and two- and three-word phrases that the source does not share (between two
renderings in one language). Over all pairs, a candidate's association with the entry is
Dice's coefficient (2·together / (pairs with the entry + pairs with the candidate)); a
single pair cannot tell candidates apart by counts, so confidence also weighs where the
candidate stands in its sentence against where the entry stands in its own (renderings keep
their place in the sentence more often than not), and how alike they are in spelling
(homeland / Motherland, Leningrad / Leningrado): confidence = 0.4·Dice + 0.3·closeness of
place + 0.3·spelling likeness, kept from 0.85. Renderings between two texts in one language
go under `<lang>-x-counter`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import regex
from rapidfuzz import fuzz

from tmkit.align.pipeline import Alignment
from tmkit.align.similarity import matching_key
from tmkit.glossary.candidates import stopwords
from tmkit.glossary.model import Entry
from tmkit.lang import counterpart_tag, primary
from tmkit.phrases import folded_key

_WORD = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\d][\p{L}\p{M}\d'’\-]*")
MIN_CONFIDENCE = 0.85
MAX_PHRASE = 3
MAX_FORM_WORDS = 6


def add_equivalents(entries: list[Entry], pairs: list[Alignment]) -> None:
    """Add to each entry the best-supported rendering found in the pairs, if any."""
    by_form: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        for form in entry.forms:
            by_form[(primary(entry.lang), folded_key(form.form))] = entry
    together: Counter[tuple[str, str, str]] = Counter()  # (entry id, lang, candidate)
    entry_pairs: Counter[str] = Counter()
    candidate_pairs: Counter[tuple[str, str]] = Counter()
    placement: dict[tuple[str, str, str], float] = defaultdict(float)
    texts: dict[tuple[str, str, str], str] = {}
    entry_of = {e.id: e for e in entries}
    for pair in pairs:
        if not pair.src_ids or not pair.tgt_ids:
            continue
        lang = counterpart_tag(pair.src_lang, pair.tgt_lang)
        source_words = _words(pair.src)
        target_words = _words(pair.tgt)
        found = _entries_in(source_words, primary(pair.src_lang), by_form)
        target_keys = {folded_key(" ".join(target_words))}
        if primary(pair.src_lang) == primary(pair.tgt_lang):
            candidates = _candidates(source_words, target_words, pair.tgt_lang)
        else:  # across languages, renderings are the target's own names and terms
            candidates = {
                folded_key(entry.term): (entry.term, place)
                for entry, place in _entries_in(target_words, primary(pair.tgt_lang), by_form)
            }
        for key in candidates:
            candidate_pairs[(lang, key)] += 1
        for entry, position in found:
            if any(folded_key(f.form) in target_keys or _holds(target_words, f.form)
                   for f in entry.forms):  # fmt: skip
                continue
            entry_pairs[entry.id] += 1
            for key, (text, where) in candidates.items():
                together[(entry.id, lang, key)] += 1
                closeness = 1 - abs(where - position)
                similar = fuzz.ratio(folded_key(entry.term), key) / 100
                placement[(entry.id, lang, key)] = max(
                    placement[(entry.id, lang, key)], 0.3 * closeness + 0.3 * similar
                )
                texts[(entry.id, lang, key)] = text
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for (entry_id, lang, key), count in together.items():
        dice = 2 * count / (entry_pairs[entry_id] + candidate_pairs[(lang, key)])
        confidence = 0.4 * dice + placement[(entry_id, lang, key)]
        if confidence >= MIN_CONFIDENCE and confidence > best.get((entry_id, lang), (0, ""))[0]:
            best[(entry_id, lang)] = (confidence, texts[(entry_id, lang, key)])
    for (entry_id, lang), (confidence, text) in sorted(best.items()):
        renderings = entry_of[entry_id].translations.setdefault(lang, [])
        if text not in renderings:
            renderings.append(text)
        entry_of[entry_id].notes.append(f"{lang} rendering {text!r}: confidence {confidence:.2f}")


def _words(text: str) -> list[str]:
    return [regex.sub(r"['’]s$", "", w) for w in _WORD.findall(text)]


def _holds(words: list[str], form: str) -> bool:
    size = len(form.split())
    key = folded_key(form)
    return any(
        folded_key(" ".join(words[i : i + size])) == key for i in range(len(words) - size + 1)
    )


def _entries_in(
    words: list[str], lang: str, by_form: dict[tuple[str, str], Entry]
) -> list[tuple[Entry, float]]:
    """Entries whose forms occur in the words, with their relative place in [0, 1]."""
    found: dict[str, tuple[Entry, float]] = {}
    for size in range(MAX_FORM_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            entry = by_form.get((lang, folded_key(" ".join(words[start : start + size]))))
            if entry is not None and entry.id not in found:
                found[entry.id] = (entry, (start + size / 2) / max(len(words), 1))
    return list(found.values())


def _candidates(source: list[str], target: list[str], lang: str) -> dict[str, tuple[str, float]]:
    """Target words and phrases the source does not share: key → (text, relative place)."""
    stop = stopwords(lang)
    shared = {matching_key(w, lang) for w in source}
    fresh = [
        w.lower() not in stop and matching_key(w, lang) not in shared and not w[0].isdigit()
        for w in target
    ]
    found: dict[str, tuple[str, float]] = {}
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(target) - size + 1):
            if all(fresh[start : start + size]):
                text = " ".join(target[start : start + size])
                place = (start + size / 2) / max(len(target), 1)
                found.setdefault(folded_key(text), (text, place))
    return found
