"""Find the names and the multiword terms in a corpus's prose, each occurrence with its place.

Names are runs of capitalised words (joined by "of", "de"…), with a leading title moved to
a role ("Russian President Vladimir Putin" → Vladimir Putin, role Russian President) and
possessives cut. A capital is evidence of a name only where a sentence does not start: a
sentence-initial word counts only when the corpus also writes it capitalised mid-sentence, or
never writes it in lower case and it is rare in general language. Headlines (Title Case) are
not read for candidates. Terms are runs of two to four lower-case content words (no
function word, no adverb or participle at the edges), later ranked by termhood.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import regex

from tmkit.align.similarity import zipf
from tmkit.datafiles import data_lines
from tmkit.lang import primary
from tmkit.model import BODY_KINDS, Document, Segment
from tmkit.reading.dates import is_calendar_word
from tmkit.reading.names import country_names, is_office, split_role

_TOKEN = regex.compile(
    r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\d](?:[\p{L}\p{M}\d'’‑\-]*[\p{L}\p{M}\d])?(?:['’]s\b)?"
)
_POSSESSIVE = regex.compile(r"['’]s$")
_OPENERS = regex.compile(r"[“\"«‘(:–—\[.!?]")
_CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "do", "dos", "von", "van"})
_ARTICLES = frozenset({"the", "la", "le", "los", "las"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "into", "near", "across"})
# Adjectives of nationality end like this; alone before a lower-case noun they are not names.
_DEMONYM = regex.compile(r"(?:an|ian|ese|ish|ic|i)$")
# A word this common in general language (Zipf) is no name when it starts a sentence.
COMMON_ZIPF = 4.0
MAX_TERM_WORDS = 4
# English adjective endings; a term's last word is its head noun.
_ADJECTIVE_ENDINGS = ("ical", "ic", "ous", "ful", "less", "able", "ible")


@dataclass(slots=True)
class Occurrence:
    """One place a candidate name or term is written."""

    form: str
    kind: str  # a guess: person, organisation, place, event, document, name, or term
    doc: str
    segment: int
    start: int
    end: int
    sentence: str
    role: str | None = None
    official: bool = False  # in a transcript (the official text)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str


@cache
def stopwords(lang: str) -> frozenset[str]:
    """Words that never start, end or sit inside a term, for languages tmkit has a list of."""
    return frozenset(x.strip() for x in data_lines(f"stopwords_{primary(lang)}.txt"))


@cache
def noun_phrase_openers(lang: str) -> frozenset[str]:
    """Function words after which a noun phrase begins (the, of, their…)."""
    return frozenset(x.strip() for x in data_lines(f"np_openers_{primary(lang)}.txt"))


@cache
def entity_heads() -> dict[str, str]:
    """Head noun → kind of name ("council" → organisation)."""
    pairs = (line.split() for line in data_lines("entity_heads.txt"))
    return {word: kind for kind, word in pairs}


class CasingEvidence:
    """How the corpus writes each word: in lower case somewhere, capitalised mid-sentence."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.lower: set[str] = set()
        self.capitalised_inside: set[str] = set()
        for sentence in sentences:
            tokens = _tokens(sentence, 0)
            for position, token in enumerate(tokens):
                if token.text[:1].islower():
                    self.lower.add(token.text.lower())
                elif token.text[:1].isupper() and not _initial(sentence, tokens, position, 0):
                    self.capitalised_inside.add(_strip_possessive(token.text))

    def is_name_word(self, word: str, lang: str) -> bool:
        """Whether a capitalised word at a sentence start is still evidence of a name."""
        word = _strip_possessive(word)
        if word in self.capitalised_inside or _is_acronym(word):
            return True
        return word.lower() not in self.lower and zipf(word.lower(), lang) < COMMON_ZIPF


def find_candidates(
    documents: list[Document], segments: dict[str, list[Segment]]
) -> list[Occurrence]:
    """Every occurrence of a candidate name or term in the prose of the documents."""
    prose = [(d, s) for d in documents for s in segments[d.id] if s.kind in BODY_KINDS]
    evidence = CasingEvidence(s.text for _, s in prose)
    found: list[Occurrence] = []
    for doc, segment in prose:
        tokens = _tokens(doc.text[segment.start : segment.end], segment.start)
        official = doc.role == "transcript"
        found.extend(_names(doc, segment, tokens, evidence, official))
        found.extend(_terms(doc, segment, tokens, official))
    return found


def _tokens(text: str, offset: int) -> list[_Token]:
    return [_Token(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


def _strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _initial(text: str, tokens: list[_Token], position: int, offset: int) -> bool:
    """Whether the token starts a sentence or a quotation (`text` starts at `offset`)."""
    if position == 0:
        return True
    gap = text[tokens[position - 1].end - offset : tokens[position].start - offset]
    return bool(_OPENERS.search(gap))


def _gap_is_space(text: str, a: _Token, b: _Token) -> bool:
    return text[a.end : b.start].strip() == ""


def _is_capitalised(token: _Token) -> bool:
    word = _strip_possessive(token.text)
    if not word[:1].isupper() or is_calendar_word(word):
        return False
    parts = regex.split(r"[\-‑]", word)
    return not (len(parts) > 1 and parts[-1][:1].islower())  # "US-imposed" is an adjective


def _names(
    doc: Document,
    segment: Segment,
    tokens: list[_Token],
    evidence: CasingEvidence,
    official: bool,
) -> list[Occurrence]:
    found = []
    text = doc.text
    segment_text = text[segment.start : segment.end]
    position = 0
    while position < len(tokens):
        if not _is_capitalised(tokens[position]):
            position += 1
            continue
        end = position + 1
        while end < len(tokens) and _gap_is_space(text, tokens[end - 1], tokens[end]):
            if _strip_possessive(tokens[end - 1].text) != tokens[end - 1].text:
                break  # "Cuba's development": a possessive ends the name
            if _is_capitalised(tokens[end]):
                end += 1
                continue
            bridge = end
            while bridge < len(tokens) and tokens[bridge].text.lower() in (_CONNECTORS | _ARTICLES):
                bridge += 1
            if (
                bridge > end
                and tokens[end].text.lower() in _CONNECTORS
                and bridge < len(tokens)
                and _is_capitalised(tokens[bridge])
            ):
                end = bridge + 1
                continue
            break
        run = tokens[position:end]
        following = tokens[end] if end < len(tokens) else None
        preceding = tokens[position - 1] if position else None
        starts_sentence = _initial(segment_text, tokens, position, segment.start)
        position = end
        if starts_sentence and not evidence.is_name_word(run[0].text, doc.lang):
            run = run[1:]
            while run and run[0].text.lower() in _CONNECTORS | _ARTICLES:
                run = run[1:]
        if not run:
            continue
        occurrence = _name_occurrence(doc, segment, run, following, preceding, official)
        if occurrence is not None:
            found.append(occurrence)
    return found


def _name_occurrence(
    doc: Document,
    segment: Segment,
    run: list[_Token],
    following: _Token | None,
    preceding: _Token | None,
    official: bool,
) -> Occurrence | None:
    text = doc.text
    surface = _strip_possessive(text[run[0].start : run[-1].end])
    head = entity_heads().get(surface.split()[-1].lower())
    name, role = (surface, None) if head else split_role(surface)
    words = name.split()
    singular = " ".join(w.removesuffix("s") for w in words)
    if not words or (not head and (is_office(name) or is_office(singular))):
        return None  # an office without a name: "President of Russia", "Defense Minister"
    if len(words) == 1:
        word = words[0]
        if len(word) < 2 or word.lower() in entity_heads():
            return None  # "I", or a bare head noun: "the Council's meeting"
        adjectival = following is not None and following.text[:1].islower()
        if _DEMONYM.search(word) and adjectival and not _is_acronym(word):
            return None
    start = run[0].start + surface.rfind(name) if role else run[0].start
    kind = _guess_kind(words, role, preceding)
    return Occurrence(
        form=name,
        kind=kind,
        doc=doc.id,
        segment=segment.index,
        start=start,
        end=start + len(name),
        sentence=segment.text,
        role=role,
        official=official,
    )


def _guess_kind(words: list[str], role: str | None, preceding: _Token | None) -> str:
    if role:
        return "person"
    head = entity_heads().get(words[-1].lower())
    if head:
        return head
    if tuple(words) in country_names():
        return "place"
    if len(words) == 1:
        if _is_acronym(words[0]):
            return "organisation"
        if preceding is not None and preceding.text.lower() in _PLACE_PREPOSITIONS:
            return "place"
        return "name"
    return "person" if len(words) <= 4 else "name"


def _terms(
    doc: Document, segment: Segment, tokens: list[_Token], official: bool
) -> list[Occurrence]:
    """Term candidates in runs of lower-case content words; a run that follows a pronoun, a
    modal or "to" ("we condemn…", "to deepen…") loses its first word, a verb."""
    stop = stopwords(doc.lang)
    if not stop:
        return []
    openers = noun_phrase_openers(doc.lang)
    found = []
    runs: list[tuple[int, list[_Token]]] = []  # (index of the run's first token, tokens)
    for index, token in enumerate(tokens):
        word = token.text
        if not word[:1].islower() or word.lower() in stop:
            continue
        if runs:
            last_start, last = runs[-1]
            previous = last[-1]
            if (
                last_start + len(last) == index
                and _gap_is_space(doc.text, previous, token)
                and _strip_possessive(previous.text) == previous.text
            ):
                last.append(token)
                continue
        runs.append((index, [token]))
    for first, run in runs:
        before = tokens[first - 1].text.lower() if first else ""
        if before in stop and before not in openers:
            run = run[1:]
        found.extend(_term_occurrences(doc, segment, run, official))
    return found


def _term_occurrences(
    doc: Document, segment: Segment, run: list[_Token], official: bool
) -> list[Occurrence]:
    found = []
    for size in range(2, min(MAX_TERM_WORDS, len(run)) + 1):
        for first in range(len(run) - size + 1):
            words = run[first : first + size]
            if not _term_shape(words):
                continue
            start, end = words[0].start, words[-1].end
            found.append(
                Occurrence(
                    form=_strip_possessive(doc.text[start:end]),
                    kind="term",
                    doc=doc.id,
                    segment=segment.index,
                    start=start,
                    end=end,
                    sentence=segment.text,
                    official=official,
                )
            )
    return found


def _term_shape(words: list[_Token]) -> bool:
    """No adverb or participle at the edges ("fighting together", "opposed various"), an
    English noun at the end."""
    first, last = words[0].text.lower(), _strip_possessive(words[-1].text).lower()
    if first.endswith(("ly", "ing", "ed")) or last.endswith(("ly", "ing", "ed")):
        return False
    if last.endswith(_ADJECTIVE_ENDINGS):
        return False  # a term ends with its head noun: not "remain close geopolitical"
    if any(w.text.lower().endswith("ed") for w in words[1:-1]):
        return False  # a past verb inside: "revolution enjoyed immense support"
    return len(first) > 2 and len(last) > 2
