"""Find every glossary form in a text with one Aho–Corasick automaton over folded forms.

Text and forms are folded alike (`fold_with_offsets`: case, accents, dashes, apostrophes,
dots), so one pass finds "Díaz‑Canel's" for the form Diaz-Canel. A match must start and end
at word boundaries; a plural or possessive ending ("s", "es") may follow the form. Where
matches overlap, the leftmost longest wins. Time is linear in the text and nearly flat in
the number of forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from tmkit.glossary.model import Entry, Form
from tmkit.phrases import PhraseAutomaton, fold_with_offsets

INFLECTIONS = ("s", "es")


@dataclass(slots=True)
class Match:
    """A glossary form found in a text: the span [start, end) of the text, and which form."""

    entry: Entry
    form: Form
    start: int
    end: int
    surface: str  # the text as written, inflection included
    inflected: bool


class FormMatcher:
    """All forms of a glossary in one automaton."""

    def __init__(self, entries: list[Entry]) -> None:
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

    def find(self, text: str, folding: tuple[str, list[int]] | None = None) -> list[Match]:
        """Leftmost-longest matches of glossary forms in the text (`folding`: the text's
        `fold_with_offsets`, when the caller has it already)."""
        folded, offsets = folding or fold_with_offsets(text)
        found = sorted(
            self.automaton.matches(folded, INFLECTIONS), key=lambda m: (m[0], m[0] - m[1])
        )
        matches = []
        reached = -1
        for start, stop, owners, inflected in found:
            if start < reached:
                continue
            reached = stop
            first, last = offsets[start], offsets[stop - 1] + 1
            entry, form = _closest(owners, text[first:last])
            if form.form.endswith(".") and text[last : last + 1] == "." and not inflected:
                last += 1  # U.S. keeps its final dot
            surface = text[first:last]
            matches.append(Match(entry, form, first, last, surface, inflected))
        return matches


def _closest(owners: list[tuple[Entry, Form]], surface: str) -> tuple[Entry, Form]:
    """Of forms that fold alike, the one written exactly as the surface, if any."""
    for entry, form in owners:
        if surface.startswith(form.form.rstrip(".")):
            return entry, form
    return owners[0]
