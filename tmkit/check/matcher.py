"""Find every glossary form in a text with one Aho–Corasick automaton over folded forms.

Text and forms are folded alike (`fold_with_offsets`: case, accents, dashes, apostrophes,
dots), so one pass finds "Díaz‑Canel's" for the form Diaz-Canel. A match must start and end
at word boundaries; a plural or possessive ending ("s", "es") may follow the form. Where
matches overlap, the leftmost longest wins. Time is linear in the text and nearly flat in
the number of forms.

In a draft in a language whose words inflect (German, Spanish, French, Italian, Portuguese,
Russian), forms of the glossary's entries in that language are also found by the stems of
all their words, in order: "Владимира Путина" for Владимир Путин, "sanciones unilaterales"
for sanción unilateral. Such a match is `stemmed`: it counts for the deprecated, case,
near-miss and missing-term rules, not for variant, since inflection moves accents (sanción,
sanciones) and a stem cannot tell a spelling from an ending.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from tmkit.align.similarity import word_stem
from tmkit.glossary.model import Entry, Form
from tmkit.lang import primary
from tmkit.phrases import PhraseAutomaton, fold_with_offsets, folded_key

INFLECTIONS = ("s", "es")
STEMMED_LANGUAGES = frozenset({"de", "es", "fr", "it", "pt", "ru"})
_STEM_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*|\d+")


@dataclass(slots=True)
class Match:
    """A glossary form found in a text: the span [start, end) of the text, and which form."""

    entry: Entry
    form: Form
    start: int
    end: int
    surface: str  # the text as written, inflection included
    inflected: bool  # an English plural or possessive ending follows the form
    stemmed: bool = False  # found by its words' stems, in an inflecting language


def with_renderings_to_avoid(entries: list[Entry]) -> list[Entry]:
    """The entries, and for each rendering language in which a termbase marks renderings
    deprecated, one more entry under the same id: the preferred rendering first, then the
    others, then the deprecated ones, so a draft in that language that writes one of these is
    told which to write ("parque eólico en el mar" → "parque eólico marino")."""
    more = []
    for entry in entries:
        for lang, avoided in entry.deprecated_translations.items():
            renderings = entry.translations.get(lang)
            if not renderings:
                continue  # nothing to write instead
            forms = [Form(renderings[0], "preferred")]
            forms += [Form(r, "admitted") for r in renderings[1:]]
            forms += [Form(r, "deprecated") for r in avoided]
            more.append(Entry(id=entry.id, lang=lang, kind=entry.kind, forms=forms))
    return entries + more


class FormMatcher:
    """All forms of a glossary in one automaton."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        languages = Counter(primary(entry.lang) for entry in entries)
        self.lang = languages.most_common(1)[0][0] if languages else None  # the glossary's
        self.automaton: PhraseAutomaton[tuple[Entry, Form]] = PhraseAutomaton(
            (form.form, (entry, form)) for entry in entries for form in entry.forms
        )
        # For near misses: multiword forms by each of their words, one-word names by their
        # first two letters.
        self.by_word: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}
        self.single_names: dict[str, list[Entry]] = {}
        for key, owners in self.automaton.payloads.items():
            words = tuple(key.split())
            for entry, _ in owners:
                if len(words) >= 2:
                    for word in set(words):
                        self.by_word.setdefault(word, []).append((entry, words))
                elif entry.kind != "term" and len(key) >= 5:
                    self.single_names.setdefault(key[:2], []).append(entry)
        self._by_stems: dict[str, PhraseAutomaton[tuple[Entry, Form]] | None] = {}

    def find(
        self,
        text: str,
        folding: tuple[str, list[int]] | None = None,
        lang: str | None = None,
    ) -> list[Match]:
        """Leftmost-longest matches of glossary forms in the text (`folding`: the text's
        `fold_with_offsets`, when the caller has it already), in a draft in `lang`."""
        folded, offsets = folding or fold_with_offsets(text)
        found = []
        for start, stop, owners, inflected in self.automaton.matches(folded, INFLECTIONS):
            first, last = offsets[start], offsets[stop - 1] + 1
            entry, form = _closest(owners, text[first:last])
            if form.form.endswith(".") and text[last : last + 1] == "." and not inflected:
                last += 1  # U.S. keeps its final dot
            found.append(Match(entry, form, first, last, text[first:last], inflected))
        by_stems = self._stem_automaton(lang) if lang else None
        if by_stems is not None:
            found += _stem_matches(by_stems, text, primary(lang))
        found.sort(key=lambda m: (m.start, m.start - m.end, m.stemmed))
        matches = []
        reached = -1
        for match in found:
            if match.start < reached:
                continue
            reached = match.end
            matches.append(match)
        return matches

    def _stem_automaton(self, lang: str) -> PhraseAutomaton[tuple[Entry, Form]] | None:
        """The forms of the entries in `lang`, by the stems of their words (built once a
        language; None where its words are not stemmed or no entry is in it)."""
        if lang not in self._by_stems:
            base = primary(lang)
            phrases = [
                (stem_key(form.form, base), (entry, form))
                for entry in (self.entries if base in STEMMED_LANGUAGES else [])
                if primary(entry.lang) == base
                for form in entry.forms
            ]
            self._by_stems[lang] = PhraseAutomaton(phrases) if phrases else None
        return self._by_stems[lang]


def stem_key(text: str, lang: str) -> str:
    """A text's words as their stems, folded: what inflected forms of a phrase share."""
    return " ".join(_folded_stem(w, lang) for w in _STEM_WORD.findall(text))


def _folded_stem(word: str, lang: str) -> str:
    return folded_key(word_stem(word, lang)).replace(" ", "")


def _stem_matches(
    automaton: PhraseAutomaton[tuple[Entry, Form]], text: str, lang: str
) -> list[Match]:
    words = list(_STEM_WORD.finditer(text))
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    keys = []
    position = 0
    for index, word in enumerate(words):
        key = _folded_stem(word.group(), lang)
        starts[position] = index
        ends[position + len(key)] = index
        keys.append(key)
        position += len(key) + 1
    joined = " ".join(keys)
    found = []
    for start, stop, owners, _ in automaton.matches(joined):
        if start not in starts or stop not in ends:
            continue  # inside a word whose stem folded to nothing
        first, last = words[starts[start]].start(), words[ends[stop]].end()
        entry, form = _closest(owners, text[first:last])
        found.append(Match(entry, form, first, last, text[first:last], False, stemmed=True))
    return found


def _closest(owners: list[tuple[Entry, Form]], surface: str) -> tuple[Entry, Form]:
    """Of forms that fold alike, the one written exactly as the surface, if any."""
    for entry, form in owners:
        if surface.startswith(form.form.rstrip(".")):
            return entry, form
    return owners[0]
