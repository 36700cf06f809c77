"""Find the names and the multiword terms in a corpus's prose, each occurrence with its place.

Names are runs of capitalised words (joined by "of", "de"…), with a leading title moved to
a role ("Russian President Vladimir Putin" → Vladimir Putin, role Russian President) and
possessives cut. A capital is evidence of a name only where a sentence does not start: a
sentence-initial word counts only when the corpus also writes it capitalised mid-sentence, or
never writes it in lower case and it is rare in general language. Headlines (Title Case) are
not read for candidates. Terms, in a language with a tagger, are lower-case nouns and
adjectives alone and noun phrases of up to four words, later ranked by termhood.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from rapidfuzz.distance import JaroWinkler

from tmkit.datafiles import data_kinds, data_lines, data_words
from tmkit.frequency import most_frequent, zipf
from tmkit.glossary.lemmas import (
    APOSTROPHES,
    dictionary_form,
    inflected_word,
    is_acronym,
    known_name,
    lemma,
    russian_cases,
    russian_ordinary_word,
    russian_reading,
)
from tmkit.glossary.tagging import (
    GERMAN_ADJECTIVAL_NOUN_CLASS,
    GERMAN_ADJECTIVE_CLASSES,
    GERMAN_FOREIGN_CLASS,
    GERMAN_NAME_CLASSES,
    GERMAN_NOUN_CLASSES,
    MAX_WORD_LETTERS,
    MODIFIER_TAGS,
    NOUN_CAPITALISING_LANGUAGES,
    NOUN_TAGS,
    PROPER_NOUN_TAGS,
    TAGGED_LANGUAGES,
    german_reading,
    is_adjective,
    is_common_noun,
    is_listed_word,
    is_plural_common_noun,
    opening_tag,
    reads_as_modified_word,
    reads_as_proper_noun,
    tags,
)
from tmkit.lang import primary
from tmkit.model import BODY_KINDS, Document, Segment
from tmkit.phrases import folded_key
from tmkit.reading.dates import is_calendar_word
from tmkit.reading.names import (
    TITLE_QUALIFIERS,
    countries_by_first_word,
    country_key,
    country_keys,
    country_names,
    is_office,
    is_title_word,
    split_role,
)

# A word; an elided article or pronoun before a capital is a token of its own ("l'Union",
# "d'Amérique", "qu'Obama", and opening a sentence "L'Assemblée"; not "D'", which opens
# English surnames, "D'Souza"), so the name after it is capitalised; so is "&", which joins
# a company's name ("John Wiley & Sons Ltd").
_TOKEN = regex.compile(
    r"&|(?:\p{Lu}\.){2,}"
    r"|(?<![\p{L}\p{N}.])\p{Lu}\.(?=\s\p{Lu}(?:\p{Ll}|\.\s\p{Lu}\p{Ll}))"  # "J. R. Smith"
    r"|(?:\p{Ll}{1,3}|L|Qu)['’](?=\p{Lu})"
    r"|[\p{L}\p{M}\d](?:[\p{L}\p{M}\d'’‑\-]*[\p{L}\p{M}\d])?(?:['’]s\b)?"
)
_POSSESSIVE = regex.compile(r"['’]s$")
_NON_SPACE = regex.compile(r"\S+")
_HYPHENS = regex.compile(r"[\-‑]")
_OPENERS = regex.compile(r"[“\"«‘(:–—\[!?]")
_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
# Between a list item's marker or a clause's end and the next word: "(i) ", "a) ", "; ".
_CLAUSE_GAP = regex.compile(r"[)\];:]\s+")
_CLAUSE_OPENERS = regex.compile(r"[“\"«‘(:;|•–—\[!?]")
# Languages that write the names of months and days in lower case: a capitalised one is a
# name's word ("Rio de Janeiro", "Plaza de Mayo").
_LOWER_CASE_CALENDAR = frozenset({"es", "fr", "it", "pt", "ru"})
# German abstract nouns are made with these suffixes ("Bezwingung", "Ersteigung",
# "Bereitschaft"): however rare, such a word is no name (short ones may be: "Hartung").
# HanTa's verb classes (full, auxiliary, modal: "VV(IMP)", "VA(FIN)"), which its guess
# gives a surname it does not know ("Buhl"); a verb capitalised alone is a noun made of it
# ("zum Rufen").
_GERMAN_VERB = ("VV", "VA", "VM")
_GERMAN_ABSTRACT_SUFFIXES = ("ung", "ungen", "heit", "keit", "schaft", "tät", "ismus", "tion")
MIN_ABSTRACT_NOUN = 8
_PRONOUN_CONTRACTION = regex.compile(r"I['’](?:d|ll|m|ve)")
_CONNECTORS = frozenset(
    {"of", "de", "del", "della", "di", "da", "do", "dos", "du", "des", "von", "van", "d'", "d’"}
)
# Articles of a surname's particle, after "von" or "van" only ("Ursula von der Leyen",
# "Rogier van der Weyden"): alone, German "der" joins two nouns, no name.
_PARTICLE_ARTICLES = frozenset({"der", "den", "ter"})
_PARTICLES = frozenset({"von", "van"})
# A compound of a number and a lower-case word: "10-meter", "2-vessel", "3-phase".
_NUMBERED_COMPOUND = regex.compile(r"\d+(?:[.,]\d+)?-\p{Ll}[\p{Ll}\-]*")
# A name in guillemets right after a lower-case common noun, with no sentence's stop in it.
_QUOTED_NAME = regex.compile(
    r"(?<![\p{L}])(?P<noun>\p{L}{3,})\s+«(?P<name>\p{Lu}[^«»\n.!?…]{0,80})»"
)
MAX_QUOTED_NAME_WORDS = 6
# Nouns that say when, after a place as after any phrase: "in Moscow today".
_TIME_NOUNS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
# Words in capitals that make a sentence shouted when they are most of its words.
MIN_SHOUTED_WORDS = 4
MAX_NAME_ADJECTIVES = 3  # "Fonds monétaire international", "Politique agricole commune"
# The shortest head noun read at a compound's end ("Amt", "Rat").
MIN_COMPOUND_HEAD = 3
_SURNAME_LINKS = _CONNECTORS | _PARTICLE_ARTICLES
# Words inside a long official name ("Research and Planning Institute", "Agency for
# Healthcare Research"), kept only when the name ends in a head noun ("Russia and Cuba" are
# two names).
_AND = frozenset({"and", "&"})
_HEADED_CONNECTORS = _AND | {"for"}
# "And" in the languages that put a body's head first, which joins a second part of its
# remit ("Ministerio de Asuntos Exteriores y de Cooperación").
_ROMANCE_AND = {"es": "y", "fr": "et", "it": "e", "pt": "e"}
# Heads of official names that these languages' typography writes in lower case, before a
# capitalised complement ("ministère de l'Intérieur").
_LOWER_CASE_HEADS = {
    "es": frozenset({"ministerio", "secretaría"}),
    "fr": frozenset({"ministère", "secrétariat"}),
    "it": frozenset({"ministero"}),
    "pt": frozenset({"ministério", "secretaria"}),
}
# After a body's or a document's head noun, these open its subject, still part of its name.
_SUBJECT_PREPOSITIONS = frozenset({"on", "against"})
_SUBJECT_HEADS = frozenset({"organisation", "document"})
_ARTICLES = frozenset({"the", "la", "le", "los", "las", "l'", "l’"})
# Lower-case words a name of several words holds between its capitalised ones.
_NAME_BRIDGES = _CONNECTORS | _HEADED_CONNECTORS | _ARTICLES
# A body's complement after its head, in French and Italian, which write only the head
# capitalised ("Cour des comptes", "Corte dei conti"): a preposition with its article, in
# one word or two, so that "de nouveau", "di nuovo" (again) stay out.
_COMPLEMENT_LANGUAGES = frozenset({"fr", "it"})
_ARTICLED_PREPOSITIONS = frozenset({"des", "du", "della", "dei", "degli", "delle", "dello",
                                    "del", "dal", "nella", "nel"})  # fmt: skip
_BARE_PREPOSITIONS = frozenset({"de", "di", "pour", "per"})
_COMPLEMENT_ARTICLES = frozenset({"la", "le", "les", "l'", "l’", "il", "lo", "gli"})
_OF_PREPOSITIONS = frozenset({"de", "di"})
_COORDINATORS = frozenset({"et", "e", "ed"})
# English ordinal numbers written out: "sixth", "twelfth", "seventeenth", "twentieth".
_ORDINAL = regex.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\w+teenth|\w+tieth|hundredth|thousandth|millionth)"
)
# Words "de" / "di" make an adverb of, not a complement: "de nouveau", "di solito".
_ADVERBIAL_AFTER_OF = frozenset({"nouveau", "suite", "loin", "près", "manière", "façon",
                                 "sorte", "concert", "toute", "nuovo", "solito", "seguito",
                                 "modo", "fatto", "plus", "più"})  # fmt: skip
_ELIDED_ARTICLES = ("l'", "l’")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "into", "near", "across"})
# Before a name of several words, the prepositions that say "in" a place in each language
# ("in New York", "en Nueva York", "à New York"; not "to" or "from", which people follow).
_IN_PLACE = {"en": {"in", "near"}, "es": {"en"}, "fr": {"à", "en"}, "it": {"in", "a"},
             "pt": {"em"}, "de": {"in", "nach"}}  # fmt: skip
# Adjectives of nationality end like this; alone before a lower-case noun they are not names.
# What numbers a part of a text: "21", "2.3", "B", "IV".
_PART_NUMBER = regex.compile(r"\d+(?:\.\d+)*|\p{Lu}|[IVXLC]+")
# A Roman numeral of two or more letters ("II", "XIV"): a class or a volume, no name alone.
_ROMAN_NUMERAL = regex.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")
_DEMONYM = regex.compile(r"(?:an|ian|ese|ish|ic|i)$")
# Tags a sentence-initial capitalised word may still be a name under (None: no tagger, or a
# word the tagger's lexicon does not list and reads as neither verb nor adverb).
_NAME_LIKE_TAGS = NOUN_TAGS | PROPER_NOUN_TAGS | {None}
# Languages whose words' cases tell where one capitalised name ends and the next begins.
CASE_LANGUAGES = frozenset({"ru"})
# pymorphy's grammemes of a word that names something, and the kind of thing.
_NAME_GRAMMEMES = {"Geox": "place", "Orgn": "organisation", "Name": "person", "Surn": "person"}
OPENING_CONTEXT = 3  # words the tagger reads to class a sentence's first word
# A word of a person's name: an initial, or capitalised words ("Diaz-Canel", "McGowan",
# "O'Brien"); a person's name also has a word the tagger's lexicon does not list.
_INITIAL = regex.compile(r"\p{Lu}\.?")  # a name's initial: "E.", "W"
_PERSON_WORD = regex.compile(r"\p{Lu}\.?|(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:[\-'’]?\p{Lu}\p{Ll}+)*")
# A word this common in general language (Zipf) is no name when it starts a sentence.
COMMON_ZIPF = 4.0
# A capitalised word alone at least this common in general language is no name ("Estado").
GENERIC_NAME_ZIPF = 5.5
# Lines kept out of the segments whose names are glossary evidence.
EVIDENCE_LINES = frozenset({"byline", "related", "caption"})
HEADING_KINDS = frozenset({"headline", "heading"})
# A quoted lower-case phrase a text goes on to define: "'obliged entity' means…".
_DEFINITION = regex.compile(
    r"[‘'\"“](?P<term>\p{Ll}[\p{L}\p{M}\-’' ]{0,80}?)[’'\"”],?\s+"
    r"(?:means|shall mean|refers to|is defined as|denotes)\b"
)
# Words that name the term after them: "a movement called the half pass", "known as
# collection", "referred to as…".
_NAMING_CUE = regex.compile(
    r"\b(?:so-called|called|known as|referred to as|termed)\s+(?:(?:the|a|an)\s+)?[\"“‘']?$",
    regex.IGNORECASE,
)
# An acronym in brackets after the words it abbreviates: "(BNP)", "(AUC;", "(NT-proBNP)".
_BRACKETED_ACRONYM = regex.compile(r"\((?P<acronym>\p{L}[\p{L}\d\-]{1,9})(?=[);,])")
# An acronym and the words it abbreviates in brackets after it: "IRR (Internal Rate of Return)".
_ACRONYM_THEN_BRACKET = regex.compile(
    r"(?<![\p{L}\d])(?P<acronym>\p{Lu}[\p{L}\d\-]{1,9})"
    r"\s+\((?P<long>[\p{L}][\p{L}\p{M}'’\- ]{2,80})\)"
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
# A long form holds at most as many words as its acronym has letters, and this many more.
LONG_FORM_EXTRA_WORDS = 5
_HEADED_KINDS = frozenset({"organisation", "document", "event", "place"})
TITLE_CASE_SHARE = 0.8  # of a line's content words capitalised: a headline's style
NEAR_NAME = 0.9  # Jaro–Winkler of a spelling variant of a known name
MAX_TERM_WORDS = 4
# Function words of a language tmkit has no list for: its most frequent words (Zipf ≥ 6),
# and short words nearly as frequent (Zipf ≥ 5: "los", "nos", "des").
FUNCTION_ZIPF = 6.0
SHORT_FUNCTION_ZIPF = 5.0
# In a language that capitalises its nouns, a noun whose head stem general language writes at
# least this often (Zipf: ten times in a hundred million words) is an ordinary noun; a rarer
# one ("Lhotse", "Gasherbrum", which a morphological model also calls nouns) names something.
KNOWN_STEM_ZIPF = 2.0
MIN_COMPOUND_PART = 4  # letters of each half of a compound read as two known words
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
# Tags after which an "-ing" word is a participle taking an object or a complement ("the
# parade marking the anniversary", "calling for"), not a gerund heading a term ("cardiac
# pacing").
_COMPLEMENT_OPENERS = frozenset({"DT", "PRP$", "PRP", "IN", "TO", "CD"})
PLURAL_TAG = "NNS"
# "X of Y" terms: the connector, and the tag it gets inside a run.
OF_CONNECTOR = "of"
# Words after a name's head noun that go on with what it is of, for or about ("Commission
# Against Corruption"): the head says the kind.
_HEAD_LINKS = _SUBJECT_PREPOSITIONS | {OF_CONNECTOR, "for"}
OF_TAG = "OF"
# A sentence of at least this many words whose function words are fewer than this share of
# them is in another language (English prose: a fifth to a half).
MIN_WORDS_FOR_LANGUAGE = 6
MIN_FUNCTION_SHARE = 0.1
_ADDRESS_HINT = regex.compile(
    r"://|www\.|@|\.(?:com|org|net|edu|gov|int|eu|pdf|html?|aspx?|php)\b", regex.IGNORECASE
)
_ADDRESS = regex.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*"
    r"\.(?:com|org|net|edu|gov|int|eu|pdf|html?|aspx?|php)\b\S*",
    regex.IGNORECASE,
)


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
    origin: str = "prose"  # or the kind of line outside the prose: byline, related, caption
    defined: bool = False  # the text defines it: "'obliged entity' means…"


@dataclass(slots=True)
class Candidates:
    """The candidate occurrences of a corpus, and how many words its prose has."""

    occurrences: list[Occurrence]
    words: int


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str


@cache
def language_words(list_name: str, lang: str) -> frozenset[str]:
    """A language's word list, tmkit/data/<list_name>_<lang>.txt (empty where tmkit has none):
    stopwords, np_openers (after which a noun phrase begins), classifier_nouns ("kinds of…":
    they start no term), general_adjectives ("possible": they start no term), name_openers
    (stopwords a capital makes a name's first word: "New York"), hyphen_prefixes ("Co-"),
    and for renderings articles, conjunctions (coordinating) and number_words (cardinals)."""
    return data_words(f"{list_name}_{primary(lang)}.txt")


def stopwords(lang: str) -> frozenset[str]:
    """Words that never start, end or sit inside a term, for languages tmkit has a list of."""
    return language_words("stopwords", lang)


@cache
def function_words(lang: str) -> frozenset[str]:
    """A language's function words: tmkit's list where it has one, else the most frequent."""
    listed = stopwords(lang)
    if listed:
        return listed
    return frozenset(
        w for w in most_frequent(lang, 500)
        if zipf(w, lang) >= (SHORT_FUNCTION_ZIPF if len(w) <= 3 else FUNCTION_ZIPF)
    )  # fmt: skip


@cache
def name_heads() -> dict[str, str]:
    """Lower-case head noun after a name → the kind of the whole ("administration" →
    organisation)."""
    return data_kinds("name_heads.txt")


@cache
def given_name_titles() -> frozenset[str]:
    """Titles kept with the given name they precede ("Pope Francis")."""
    return data_words("given_name_titles.txt")


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 currency codes (tmkit/data/currencies.txt): "EUR", "USD"."""
    return data_words("currencies.txt")


@cache
def first_heads(lang: str) -> dict[str, str]:
    """First word → kind of name, in a language that puts the head noun first ("Ministerio
    de Relaciones Exteriores" → organisation)."""
    lang = primary(lang)
    rows = (line.split() for line in data_lines("entity_heads_first.txt"))
    return {word: kind for row_lang, kind, word in rows if row_lang == lang}


@cache
def entity_heads() -> dict[str, str]:
    """Head noun → kind of name ("council" → organisation)."""
    return data_kinds("entity_heads.txt")


@cache
def head_kind(word: str) -> str | None:
    """The kind of name a head noun tells, in the singular or the plural ("Centers for
    Medicare and Medicaid Services", "Canary Islands"), or None for a word that is none."""
    heads = entity_heads()
    word = word.lower()
    if word in heads:
        return heads[word]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        for singular in (word[:-3] + "y" if word.endswith("ies") else "", word[:-2], word[:-1]):
            if singular in heads:
                return heads[singular]
    return None


class CasingEvidence:
    """How often the corpus writes each word in lower case, and capitalised mid-sentence."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.lower: Counter[str] = Counter()
        self.capitalised_inside: Counter[str] = Counter()
        self.capitalised_alone: Counter[str] = Counter()  # no capitalised word beside it
        for sentence in sentences:
            tokens = _tokens(sentence, 0)
            for position, token in enumerate(tokens):
                if token.text[:1].islower():
                    self.lower[token.text.lower()] += 1
                elif token.text[:1].isupper() and not _initial(sentence, tokens, position, 0):
                    word = _strip_possessive(token.text)
                    self.capitalised_inside[word] += 1
                    if not _in_longer_name(tokens, position):
                        self.capitalised_alone[word] += 1

    def is_ordinary_word(self, word: str) -> bool:
        """Whether a capitalised word is written in lower case at least as often elsewhere
        (a heading's or a table's "Figure", "Total"): then it is no name alone."""
        word = _strip_possessive(word)
        if is_acronym(word):
            return False
        return self.lower[word.lower()] >= max(self.capitalised_inside[word], 1)

    def inflected_at_start(self, word: str, lang: str) -> bool:
        """Whether a word alone at a sentence start, never capitalised elsewhere, is an
        inflected ordinary word rather than a name."""
        word = _strip_possessive(word)
        return word not in self.capitalised_inside and inflected_word(word, lang)

    def is_name_word(self, opening: list[str], lang: str) -> bool:
        """Whether a capitalised word at a sentence start (with the words after it, its
        context for the tagger) is still evidence of a name."""
        lang = primary(lang)  # an "en-US" document is read by the English tagger too
        word = _strip_possessive(opening[0])
        if is_acronym(word):
            return True
        if _prefixed_lower_compound(word, lang):
            return False  # "Non-trial resolutions…": a prefix the sentence capitalised
        if word in self.capitalised_inside:
            # a plural noun seen capitalised only inside a longer name ("Office for the
            # Protection of Whistleblowers") is no name alone ("Whistleblowers who report…")
            goes_on = len(opening) > 1 and (
                opening[1][:1].isupper() or opening[1].lower() in _NAME_BRIDGES
            )  # "Members of Parliament voted": the name's first word
            if goes_on or word in self.capitalised_alone:
                return True
            # nor is a common noun before a noun ("Health workers will…" beside "Ministry of
            # Health"): it opens a noun phrase
            tagged = _tags_after_common_noun([word, *opening[1:]], lang)
            return not is_plural_common_noun(word, lang) and not _reads_as_noun_phrase(tagged)
        if primary(lang) in CASE_LANGUAGES:
            return not russian_ordinary_word(word)  # its dictionary says: "Кабель", "Путин"
        if (
            len(opening) > 1
            and opening[1][:1].isupper()
            and reads_as_proper_noun(opening[1], lang)
            and (opening[1],) not in country_names()  # "Countries Denmark Germany…"
            and reads_as_proper_noun(word, lang, given=True)
            and not is_plural_common_noun(word, lang)
        ):
            return True  # a given name before a surname: "Mark Drela said", "Rose Parks"
        if word.lower() in self.lower:
            return False
        if any(tuple(opening[:size]) in country_names() for size in (1, 2, 3)):
            return True  # "Turkey and Burma signed", "Chile votes": a country, which the
            # corpus never writes in lower case
        if zipf(word.lower(), lang) >= COMMON_ZIPF and not reads_as_proper_noun(word, lang):
            return False  # "However", "Since"; not "Toronto", which wordfreq counts lower-cased
        # The tagger last, as the dearest test: "Consequently,", "Calibrate the" open with a
        # word of another class, and a common noun before a noun opens a noun phrase
        # ("Fatigue loads on the blade root…"), not a name.
        opening = [word, *opening[1:]]
        tagged = _tags_after_common_noun(opening, lang)
        if _reads_as_noun_phrase(tagged):
            return False
        return opening_tag(opening, primary(lang), tagged) in _NAME_LIKE_TAGS


def _tags_after_common_noun(opening: list[str], lang: str) -> list[str] | None:
    """The tags of a sentence's opening words read with the first in lower case, where the
    first is a common noun before a lower-case word; else None (no tagging needed)."""
    word = opening[0]
    if len(opening) < 2 or not opening[1][:1].islower() or not is_common_noun(word, lang):
        return None
    return tags([word.lower(), *opening[1:]], primary(lang))


def _reads_as_noun_phrase(tagged: list[str] | None) -> bool:
    """Whether an opening so tagged is a noun before a noun, as a noun phrase opens ("Fatigue
    loads on the blade root…")."""
    return tagged is not None and tagged[1] in NOUN_TAGS


def find_candidates(
    documents: list[Document],
    segments: dict[str, list[Segment]],
    progress: Callable[[str], None] | None = None,
) -> Candidates:
    """Every occurrence of a candidate name or term in the prose of the documents;
    `progress` hears of each document as its turn comes."""
    prose = [(d, s) for d in documents for s in segments[d.id] if s.kind in BODY_KINDS]
    evidence = CasingEvidence(s.text for _, s in prose)
    found: list[Occurrence] = []
    words = 0
    current = None
    for doc, segment in prose:
        if progress and doc.id != current:
            current = doc.id
            progress(f"terms in {doc.id}")
        tokens = _tokens(doc.text[segment.start : segment.end], segment.start)
        words += len(tokens)
        official = doc.role == "transcript"
        found.extend(_names(doc, segment, tokens, evidence, official))
        found.extend(_terms(doc, segment, tokens, evidence, official))
        found.extend(_definitions(doc, segment, official))
        found.extend(_acronym_long_forms(doc, segment, official))
    found.extend(_names_in_headings(documents, segments, evidence, found))
    found.extend(_speakers(documents))
    found.extend(_names_outside_prose(documents, found, evidence))
    return Candidates(found, words)


def spells(acronym: str, name: str) -> bool:
    """Whether a name holds an acronym's letters in order, the first letter its own."""
    letters, text = acronym.lower(), name.lower()
    if text[:1] != letters[:1]:
        return False
    at = 1
    for letter in letters[1:]:
        at = text.find(letter, at) + 1
        if not at:
            return False
    return True


def _acronym_long_forms(doc: Document, segment: Segment, official: bool) -> list[Occurrence]:
    """Phrases an acronym abbreviates, in brackets after them ("brain natriuretic peptide
    (BNP)", "area under the curve (AUC)", "Atherosclerosis Risk in Communities (ARIC)") or
    after it ("IRR (Internal Rate of Return)"): terms, or names where every word is
    capitalised, whatever their words' frequency, in English. The phrase is Schwartz and
    Hearst's (2003): at most the acronym's letters and five more (and twice its letters),
    not across punctuation, whose first word starts with the acronym's first letter and
    that hold all its letters in order; before the bracket, the fewest such words."""
    if primary(doc.lang) != "en":
        return []
    found = []
    text = doc.text[segment.start : segment.end]
    stop = stopwords(doc.lang)
    for match in _BRACKETED_ACRONYM.finditer(text):
        letters = _acronym_letters(match["acronym"])
        stretch_start = max(text.rfind(mark, 0, match.start()) for mark in ",;:()[]") + 1
        words = list(_WORD.finditer(text, stretch_start, match.start()))
        if not letters or not words or text[words[-1].end() : match.start()].strip():
            continue
        for size in range(2, min(_long_form_limit(letters), len(words)) + 1):
            phrase = _long_form(text, words[-size:], letters, stop)
            if phrase is not None:
                found.append(_long_form_occurrence(doc, segment, words[-size:], phrase, official))
                break
    for match in _ACRONYM_THEN_BRACKET.finditer(text):
        letters = _acronym_letters(match["acronym"])
        words = list(_WORD.finditer(text, match.start("long"), match.end("long")))
        if letters and 2 <= len(words) <= _long_form_limit(letters):
            phrase = _long_form(text, words, letters, stop)
            if phrase is not None and text[words[-1].end() : match.end("long")].strip() == "":
                found.append(_long_form_occurrence(doc, segment, words, phrase, official))
    return found


def _acronym_letters(acronym: str) -> str:
    """An acronym's letters in lower case, or "" for a word with fewer than two capitals."""
    if sum(c.isupper() for c in acronym) < 2:
        return ""
    return "".join(c for c in acronym if c.isalpha()).lower()


def _long_form_limit(letters: str) -> int:
    return min(len(letters) + LONG_FORM_EXTRA_WORDS, 2 * len(letters))


def _long_form(
    text: str, words: list[regex.Match], letters: str, stop: frozenset[str]
) -> str | None:
    """The words' text where they spell the acronym's letters, with no stopword at an end."""
    if words[0].group().lower() in stop or words[-1].group().lower() in stop:
        return None
    phrase = text[words[0].start() : words[-1].end()]
    return phrase if spells(letters, phrase) else None


def _long_form_occurrence(
    doc: Document, segment: Segment, words: list[regex.Match], phrase: str, official: bool
) -> Occurrence:
    """A long form as a name (every word but stopwords capitalised) or a defined term."""
    stop = stopwords(doc.lang)
    capitalised = all(w.group()[:1].isupper() for w in words if w.group().lower() not in stop)
    start = segment.start + words[0].start()
    return Occurrence(
        phrase, "name" if capitalised else "term", doc.id, segment.index, start,
        start + len(phrase), segment.text, official=official, defined=not capitalised,
    )  # fmt: skip


def _definitions(doc: Document, segment: Segment, official: bool) -> list[Occurrence]:
    """Terms a text defines, as laws and standards do ("'obliged entity' means a natural or
    legal person…", "“beneficial owner” refers to…"): a term whatever its words' frequency,
    in English (the defining verbs are English)."""
    if primary(doc.lang) != "en":
        return []
    found = []
    text = doc.text[segment.start : segment.end]
    for match in _DEFINITION.finditer(text):
        term = match["term"].strip()
        if not 1 <= len(term.split()) <= MAX_TERM_WORDS:
            continue
        start = segment.start + match.start("term")
        found.append(
            Occurrence(
                term,
                "term",
                doc.id,
                segment.index,
                start,
                start + len(term),
                segment.text,
                official=official,
                defined=True,
            )
        )
    return found


def _speakers(documents: list[Document]) -> list[Occurrence]:
    """The people a transcript's speaker labels name, with the role the label gives them
    ("President of Russia Vladimir Putin:"), as evidence with "speaker" as their origin: a
    speaker the prose never names is still in the glossary."""
    found = []
    for doc in documents:
        for block in doc.blocks:
            name = block.speaker
            if block.kind != "speaker" or not name or is_office(name):
                continue
            label = doc.text[block.start : block.end]
            at = label.find(name)
            start = block.start + max(at, 0)
            occurrence = Occurrence(
                name, "person", doc.id, -1, start, start + len(name), label, block.role,
                doc.role == "transcript", "speaker",
            )  # fmt: skip
            found.append(occurrence)
    return found


def _names_in_headings(
    documents: list[Document],
    segments: dict[str, list[Segment]],
    evidence: CasingEvidence,
    prose: list[Occurrence],
) -> list[Occurrence]:
    """Names in headlines and headings written as sentences are ("Review of the United
    Nations Convention against Corruption"): evidence, with "heading" as their origin. A
    heading in Title Case or in capitals shows no name's edges. A headline's telegraphic
    style can set two names side by side ("Russia's Putin Cuba's Diaz-Canel pledge…"), so
    only a name with a head noun (a body, a document, an event, a place) or one the prose
    writes is taken. No heading's words are counted for terms: on ACTER's dev domains they
    cost the wind domain's tables as much precision as they gave dressage recall."""
    known = {folded_key(o.form) for o in prose if o.kind != "term"}
    found = []
    for doc in documents:
        stop = stopwords(doc.lang)
        for segment in segments[doc.id]:
            if segment.kind not in HEADING_KINDS:
                continue
            tokens = _tokens(doc.text[segment.start : segment.end], segment.start)
            if not _sentence_case(tokens, stop):
                continue
            for occurrence in _names(doc, segment, tokens, evidence, False):
                if occurrence.kind in _HEADED_KINDS or folded_key(occurrence.form) in known:
                    occurrence.origin = "heading"
                    found.append(occurrence)
    return found


def _names_outside_prose(
    documents: list[Document], prose: list[Occurrence], evidence: CasingEvidence
) -> list[Occurrence]:
    """Names in the lines the reader keeps out of the segments (bylines, related-article
    links, captions): evidence for the glossary, with where they were seen as their origin.
    A line in Title Case cannot show where a name ends ("Dmitri Medvedev Hold Meeting in
    Moscow"), so only its runs that are, or near-spell, a name of the prose, or that are a
    country's name ("Countries Turkey Denmark Germany", a table's row), are taken."""
    known = {folded_key(o.form) for o in prose if o.kind != "term"}
    by_surname: dict[str, list[str]] = {}
    countries = {folded_key(" ".join(name)) for name in country_names()}
    for key in known:
        if " " in key:
            by_surname.setdefault(key.split()[-1], []).append(key)
    found = []
    for doc in documents:
        for line in doc.dropped:
            if line.reason not in EVIDENCE_LINES:
                continue
            source = Document(id=doc.id, path=doc.path, lang=doc.lang, text=line.text)
            where = Segment(doc.id, -1, 0, len(line.text), line.text, -1, line.reason)
            tokens = _tokens(line.text, 0)
            # A byline is a sentence of names ("Reporting by Liz Lee; Editing by Kim Coghill"),
            # whose frequent names would read as a headline's everyday words.
            if line.reason != "byline" and _title_case(
                tokens, stopwords(doc.lang), primary(doc.lang)
            ):
                spans = _known_runs(tokens, known | countries, by_surname)
                names = [_Token(tokens[a].start, tokens[b].end, "") for a, b in spans]
                occurrences = [
                    Occurrence(line.text[t.start : t.end], "name", doc.id, -1, t.start, t.end,
                               line.text)
                    for t in names
                ]  # fmt: skip
            else:
                occurrences = _names(source, where, tokens, evidence, False)
            for occurrence in occurrences:
                occurrence.origin = line.reason
            found.extend(occurrences)
    return found


def _sentence_case(tokens: list[_Token], stop: frozenset[str]) -> bool:
    """Whether a heading is written as a sentence is: a content word after its first in
    lower case ("Review of implementation of the…"), which Title Case never leaves."""
    return any(
        t.text[:1].islower() and len(t.text) > 3 and t.text.lower() not in stop for t in tokens[1:]
    )


def _title_case(tokens: list[_Token], stop: frozenset[str], lang: str) -> bool:
    """Whether a line is in a headline's style: most content words capitalised, everyday
    words among them ("Hold Meeting"), unlike a byline's names ("TASS, Prensa Latina")."""
    words = [t.text for t in tokens if t.text[:1].isalpha() and t.text.lower() not in stop]
    capitalised = [w for w in words if w[:1].isupper()]
    everyday = [w for w in capitalised if zipf(w.lower(), lang) >= COMMON_ZIPF]
    return len(everyday) >= 2 and len(capitalised) >= TITLE_CASE_SHARE * len(words)


def _known_runs(
    tokens: list[_Token], known: set[str], by_surname: dict[str, list[str]]
) -> list[tuple[int, int]]:
    """Stretches of capitalised words (up to four) that are a known name, or two or more
    words near in spelling to a known name with the same last word (Dmitri / Dimitri
    Medvedev); the longest first, never overlapping."""
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for size in range(4, 0, -1):
        for first in range(len(tokens) - size + 1):
            last = first + size - 1
            stretch = tokens[first : last + 1]
            if taken & set(range(first, last + 1)) or not all(
                t.text[:1].isupper() for t in stretch
            ):
                continue
            key = folded_key(" ".join(_strip_possessive(t.text) for t in stretch))
            near = size > 1 and any(
                JaroWinkler.similarity(key, other) >= NEAR_NAME
                for other in by_surname.get(key.split()[-1], ())
            )
            if key in known or near:
                spans.append((first, last))
                taken.update(range(first, last + 1))
    return spans


def _in_longer_name(tokens: list[_Token], position: int) -> bool:
    """Whether a capitalised token has a capitalised neighbour, directly or across the
    connectors and articles a name holds ("Protection of Whistleblowers")."""
    for step in (-1, 1):
        at = position + step
        while 0 <= at < len(tokens) and tokens[at].text.lower() in _NAME_BRIDGES:
            at += step
        if 0 <= at < len(tokens) and tokens[at].text[:1].isupper():
            return True
    return False


def _tokens(text: str, offset: int) -> list[_Token]:
    return [_Token(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


def _strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _initial(
    text: str, tokens: list[_Token], position: int, offset: int, openers: regex.Pattern = _OPENERS
) -> bool:
    """Whether the token starts a sentence or a quotation (`text` starts at `offset`), or a
    caption after a numbered label ("Figure 4.12 Effect of…", "Table 2 Results"), whose
    first capital says no more than a sentence's."""
    if position == 0:
        return True
    gap = text[tokens[position - 1].end - offset : tokens[position].start - offset]
    if openers.search(gap):
        return True
    if gap.strip() or not tokens[position - 1].text.isdigit():
        return False
    at = position - 1  # back over the number's parts: "4.12" is "4", "12"
    while at > 0 and tokens[at - 1].text.isdigit() and _between(text, tokens, at, offset) == ".":
        at -= 1
    label = tokens[at - 1].text if at > 0 else ""
    # a capitalised common noun labels the number ("Figure", "Table"; not "The 2009 Report"),
    # read in the English lexicon, the one tmkit has (French writes "Figure" and "Table" too)
    return (
        label[:1].isupper()
        and is_common_noun(label, "en")
        and not _between(text, tokens, at, offset)
    )


def _between(text: str, tokens: list[_Token], position: int, offset: int) -> str:
    """What stands between a token and the one before it, stripped."""
    return text[tokens[position - 1].end - offset : tokens[position].start - offset].strip()


def _gap_is_space(text: str, a: _Token, b: _Token) -> bool:
    return text[a.end : b.start].strip() == ""


def _is_capitalised(token: _Token, lang: str) -> bool:
    word = _strip_possessive(token.text)
    if not word[:1].isupper() or len(word) > MAX_WORD_LETTERS:
        return False
    if lang not in _LOWER_CASE_CALENDAR and is_calendar_word(word, lang):
        return False  # "Monday", "November": English (and German) capitalise them
    if _PRONOUN_CONTRACTION.fullmatch(word):
        return False  # "I'd", "I'll": the pronoun, capitalised wherever it stands
    # "US-imposed" is an adjective, "Co-operation" a name's word
    return _prefixed_lower_compound(word, lang) is not False


def _prefixed_lower_compound(word: str, lang: str) -> bool | None:
    """For a hyphenated word whose last part is in lower case, whether its first part is one
    of the language's prefixes ("Co-operation", "Non-trial": True; "US-imposed": False);
    None for any other word."""
    parts = _HYPHENS.split(word)
    if len(parts) < 2 or not parts[-1][:1].islower():
        return None
    return parts[0].lower() in language_words("hyphen_prefixes", lang)


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
    stop = stopwords(doc.lang)
    lang = primary(doc.lang)
    # a line out of the prose is clauses: "Reporting by Liz Lee; Editing by Kim Coghill"
    openers = _CLAUSE_OPENERS if segment.kind in EVIDENCE_LINES else _OPENERS
    index_of = {id(token): i for i, token in enumerate(tokens)}  # a run's words' places
    quoted: list[tuple[int, int]] = []
    if lang in CASE_LANGUAGES:
        for occurrence in _quoted_names(doc, segment, official):
            found.append(occurrence)
            quoted.append((occurrence.start, occurrence.end))
    shouted = _is_shouted(tokens, stop)
    position = 0
    while position < len(tokens):
        if (
            not _is_capitalised(tokens[position], lang)
            or any(start <= tokens[position].start < end for start, end in quoted)
            or (shouted and tokens[position].text.isupper())
        ):
            position += 1
            continue
        position = _lower_case_head(text, tokens, position, lang)
        end = position + 1
        while end < len(tokens):
            gap = text[tokens[end - 1].end : tokens[end].start].strip()
            plural_owner = gap in APOSTROPHES and tokens[end - 1].text.endswith("s")
            if gap and not plural_owner:
                break
            owner = _strip_possessive(tokens[end - 1].text)
            if (owner != tokens[end - 1].text or plural_owner) and not (
                _is_capitalised(tokens[end], lang)
                and head_kind(tokens[end].text) in {"organisation", "place"}
                and head_kind(owner) is None
                and is_common_noun(owner.lower(), lang)
            ):
                # A possessive ends the name ("Cuba's development", "Russia's Ministry…",
                # "Putin's Office"), but for a common noun's before the body or the place
                # it names ("Special Prosecutor's Office", "People's Republic of China",
                # "Croatian Journalists' Association").
                break
            if _is_capitalised(tokens[end], lang):
                end += 1
                continue
            bridge = end
            while bridge < len(tokens) and (
                tokens[bridge].text.lower() in _NAME_BRIDGES
                or (
                    tokens[bridge].text.lower() in _PARTICLE_ARTICLES
                    and tokens[bridge - 1].text.lower() in _PARTICLES
                )
            ):
                bridge += 1
            if (
                bridge > end
                and tokens[end].text.lower() in _CONNECTORS | _HEADED_CONNECTORS
                and not _joins_two_names(tokens[end:bridge])
                and bridge < len(tokens)
                and _is_capitalised(tokens[bridge], lang)
                and _gap_is_space(text, tokens[bridge - 1], tokens[bridge])  # not "des « Süd…"
            ):
                end = bridge + 1
                continue
            joined = _coordinated_remit(text, tokens, position, end, lang)
            if joined:
                end += joined
                continue
            opening = _subject_opening(tokens, position, end, lang)
            if opening:
                end += opening
                continue
            scope = _subject_scope(tokens, position, end, lang)
            if scope:
                end += scope
                continue
            break
        end = _adjectives_after_head(text, tokens, position, end, lang)
        end = _cut_affiliation(tokens, position, _cut_unheaded(tokens, position, end), lang)
        if lang in CASE_LANGUAGES:
            end = _cut_at_case_change(tokens, position, end)
        run = tokens[position:end]
        following = tokens[end] if end < len(tokens) else None
        starts_sentence = _initial(segment_text, tokens, position, segment.start, openers)
        opening = [t.text for t in tokens[position : position + OPENING_CONTEXT]]
        first_token = tokens[position : position + 1]
        position = end
        if starts_sentence and not evidence.is_name_word(opening, lang):
            if not (
                lang in CASE_LANGUAGES
                and len(run) == 1  # a capital the sentence gave, not "Представитель Федеральной…"
                and _body_with_complement(doc.text, tokens, run, index_of[id(run[-1])] + 1)
            ):
                run = run[1:]
        elif starts_sentence and len(run) == 1 and evidence.inflected_at_start(run[0].text, lang):
            continue  # "Combatieron en el frente": a verb starts the sentence
        # A function word starts no name ("The", "For", "In Table") and ends none
        # ("Treatment of Heart Failure With"); cut once, however many there are.
        first_kept, end_kept = 0, len(run)
        while first_kept < end_kept and _edge_function_word(run[first_kept], stop, lang):
            first_kept += 1
        while end_kept > first_kept and _edge_function_word(run[end_kept - 1], stop, lang):
            end_kept -= 1
        run = run[first_kept:end_kept]
        if lang in NOUN_CAPITALISING_LANGUAGES:
            run = _named_part(run, lang, at_start=starts_sentence and run[:1] == first_token)
        if lang in CASE_LANGUAGES and run:
            run = _to_head_noun(doc.text, tokens, run, index_of[id(run[-1])] + 1)
            if run:
                run = _with_complements(doc.text, tokens, run, index_of[id(run[-1])] + 1)
        if (
            not run
            or _is_heading(run)
            or _is_label(doc.text, run, lang)
            or (len(run) == 1 and evidence.is_ordinary_word(run[0].text))
            or (len(run) == 1 and _everyday_word(run[0].text, lang))
            or (len(run) == 1 and _reference_label(doc.text, run[0], following, lang))
            or (len(run) == 1 and _currency_of_amount(tokens, index_of[id(run[0])]))
        ):
            continue
        countries = _countries_in(run)
        if len(countries) >= 2 and sum(map(len, countries)) == len(run):
            for country in countries:  # a table's row: "Denmark Germany Greece France"
                occurrence = _name_occurrence(doc, segment, country, None, None, official)
                found.extend([occurrence] if occurrence else [])
            continue
        first = index_of[id(run[0])]
        preceding = tokens[first - 1] if first else None  # "En" of "En Nueva York", cut off
        occurrence = _name_occurrence(doc, segment, run, following, preceding, official)
        if occurrence is not None:
            if occurrence.kind == "person" and _ordinary_words(run, evidence):
                occurrence.kind = "name"  # a label in Title Case: "Capacité Générateur"
            found.append(occurrence)
            found.extend(_headed_name(doc, segment, occurrence, run[-1], following))
        # A country inside a longer name is one too ("New Zealand" of "New Zealand White"),
        # and inside an office alone ("President of the Republic of Cuba").
        for country in (c for c in countries if len(c) < len(run)):
            inner = _name_occurrence(doc, segment, country, None, None, official)
            found.extend([inner] if inner else [])
    return found


def _adjectives_after_head(text: str, tokens: list[_Token], start: int, end: int, lang: str) -> int:
    """Where a name ends in a language that capitalises its first word only: a run that
    holds a head noun goes on through the lower-case adjectives after it ("Assemblée
    nationale", "Fonds monétaire international", "Grande Guerre patriotique"; a verb after
    them, "salue", ends it)."""
    endings = adjective_endings(lang)
    function = function_words(lang)
    while start < end - 1 and (
        tokens[start].text.lower() in function or tokens[start].text.endswith(("'", "’"))
    ):
        start += 1  # "Le Fonds…", "L'Assemblée…" opening a sentence
    heads = first_heads(lang)
    if not endings or not any(t.text.lower() in heads for t in tokens[start:end]):
        return end  # "Assemblée nationale", "Grande Guerre patriotique"
    end = _lower_case_adjectives(text, tokens, end, endings, function)
    capitalised = [t for t in tokens[start:end] if t.text[:1].isupper()]
    if len(capitalised) > 2 or capitalised[-1].text.lower() not in heads:
        return end  # a complement only after a head named by its first word or two
    return _complements(text, tokens, end, endings, function, lang)


def _complements(
    text: str,
    tokens: list[_Token],
    end: int,
    endings: tuple[str, ...],
    function: frozenset[str],
    lang: str,
) -> int:
    """Where a body's name ends after its head's complement (see _complement), that
    complement's own ("Société nationale des chemins de fer français") and one joined to it
    by "and" ("Institut national de la statistique et des études économiques")."""
    first = _complement(text, tokens, end, endings, function, lang)
    if first == end:
        return end
    end = _complement(text, tokens, first, endings, function, lang)
    if end + 1 < len(tokens) and tokens[end].text.lower() in _COORDINATORS:
        joined = _complement(text, tokens, end + 1, endings, function, lang)
        if joined > end + 1:
            return joined
    return end


def _lower_case_adjectives(
    text: str, tokens: list[_Token], end: int, endings: tuple[str, ...], function: frozenset[str]
) -> int:
    """Where the lower-case adjectives after a name's words end (at most
    MAX_NAME_ADJECTIVES)."""
    added = 0
    while (
        end < len(tokens)
        and added < MAX_NAME_ADJECTIVES
        and tokens[end].text[:1].islower()
        and _gap_is_space(text, tokens[end - 1], tokens[end])
        and tokens[end].text.lower().endswith(endings)
        and tokens[end].text.lower() not in function
    ):
        end += 1
        added += 1
    return end


def _complement(
    text: str,
    tokens: list[_Token],
    end: int,
    endings: tuple[str, ...],
    function: frozenset[str],
    lang: str,
) -> int:
    """Where a body's name that writes only its head capitalised ends (French, Italian):
    one complement of the head, a preposition with its article (or "de" alone), a
    lower-case noun and its adjectives ("Cour des comptes", "Conseil supérieur de la
    magistrature", "Conseil de sécurité", "Corte dei conti"); no day or month ("le Conseil
    du lundi"), nothing past a comma."""
    at = end
    if lang not in _COMPLEMENT_LANGUAGES or at + 1 >= len(tokens):
        return end
    preposition = tokens[at].text.lower()
    if preposition in _BARE_PREPOSITIONS:
        at += 1
        after = tokens[at].text.lower()
        if after in _COMPLEMENT_ARTICLES:
            at += 1
        elif not after.startswith(_ELIDED_ARTICLES) and (
            preposition not in _OF_PREPOSITIONS or after in _ADVERBIAL_AFTER_OF
        ):
            return end  # an article, one elided onto its noun ("de l'emploi"), or after
            # "de" a bare noun ("Conseil de sécurité", not "de nouveau") must come
    elif preposition in _ARTICLED_PREPOSITIONS:
        at += 1
    else:
        return end
    if at >= len(tokens):
        return end
    noun = tokens[at].text
    if noun.lower().startswith(_ELIDED_ARTICLES):
        noun = noun[2:]
    if (
        not noun[:1].islower()
        or noun.lower() in function
        or is_calendar_word(noun, lang)
        or not all(_gap_is_space(text, tokens[k - 1], tokens[k]) for k in range(end, at + 1))
    ):
        return end
    return _lower_case_adjectives(text, tokens, at + 1, endings, function)


@cache
def adjective_endings(lang: str) -> tuple[str, ...]:
    """The endings of a language's adjectives (tmkit/data/adjective_endings.txt), for
    str.endswith; () for a language without the list."""
    rows = (line.split() for line in data_lines("adjective_endings.txt"))
    return tuple(end for row_lang, end in rows if row_lang == lang)


def _quoted_names(doc: Document, segment: Segment, official: bool) -> list[Occurrence]:
    """Russian names in guillemets after the common noun that says what they name
    ("корпорация «Росатом»", "партия «Единая Россия»", "газопровод «Сила Сибири — 2»"): the
    whole quoted name, of the kind its noun's head gives, not its words' own names."""
    found = []
    for match in _QUOTED_NAME.finditer(doc.text, segment.start, segment.end):
        name = match["name"].strip()
        noun = match["noun"]
        if (
            len(name.split()) > MAX_QUOTED_NAME_WORDS
            or russian_reading(noun)[0] != "NOUN"
            or not russian_ordinary_word(noun)  # "Путин «…»": a quotation after a name
        ):
            continue
        kind = first_heads("ru").get(lemma(noun, "ru").lower(), "name")
        found.append(
            Occurrence(
                form=name,
                kind=kind,
                doc=doc.id,
                segment=segment.index,
                start=match.start("name"),
                end=match.start("name") + len(name),
                sentence=segment.text,
                official=official,
            )
        )
    return found


def _countries_in(run: list[_Token]) -> list[list[_Token]]:
    """The country names in a run, the longest at each place ("United States" of "United
    States Department of Agriculture"; each of "Denmark Germany Greece")."""
    found = []
    position = 0
    while position < len(run):
        size = _country_at(run, position)
        if size:
            found.append(run[position : position + size])
        position += size or 1
    return found


def _country_at(run: list[_Token], position: int) -> int:
    """How many words of a run, from `position`, name a country (the longest); 0 if none."""
    names = countries_by_first_word().get(_strip_possessive(run[position].text), ())
    if not names:
        return 0
    longest = len(names[0])  # longest first
    words = tuple(_strip_possessive(t.text) for t in run[position : position + longest])
    return next((len(name) for name in names if words[: len(name)] == name), 0)


def _edge_function_word(token: _Token, stop: frozenset[str], lang: str) -> bool:
    """Whether a word at a capitalised run's edge is a function word, not a name's word. A
    name's are: an acronym that spells one ("WHO", "US"), a stopword a capital makes a name's
    ("New York", "Project One"), another language's article ("Los Angeles" in English)."""
    word = token.text.lower()
    if is_acronym(token.text) or word in language_words("name_openers", lang):
        return False
    return (
        word in _CONNECTORS or word in stop or (word in _ARTICLES and word in function_words(lang))
    )


def _cut_at_case_change(tokens: list[_Token], start: int, end: int) -> int:
    """Where a Russian run of capitalised words ends: after a place's name followed by a word
    in another case ("Президент России | Владимир Путин", "в Нью-Йорке | Генеральная
    Ассамблея"), or before a given name ("Республики Беларусь | Александр Лукашенко")."""
    for i in range(start, end - 1):
        _, case, grammemes = russian_reading(tokens[i].text)
        _, next_case, next_grammemes = russian_reading(tokens[i + 1].text)
        if "Geox" in grammemes and next_case != case:
            return i + 1
        if "Name" in next_grammemes and not grammemes & {"Name", "Patr", "Surn"}:
            return i + 1  # a given name starts a person's: "Республики Беларусь | Александр"
    return end


def _to_head_noun(
    text: str, tokens: list[_Token], run: list[_Token], following: int
) -> list[_Token]:
    """A Russian run that ends in an adjective goes on through the lower-case adjectives
    after it to their noun, in a case they share ("Евразийского экономического союза", "в
    Государственной думе": the language capitalises a name's first word only); with no such
    noun, the adjectives go ("Председателем Государственного")."""
    if russian_reading(run[-1].text)[0] != "ADJF":
        return run
    cases = russian_cases(run[-1].text, "ADJF")
    extended = list(run)
    for token in tokens[following : following + MAX_TERM_WORDS]:
        if not token.text[:1].islower() or not _gap_is_space(text, extended[-1], token):
            break
        pos = russian_reading(token.text)[0]  # the likeliest reading's part of speech
        if pos == "NOUN" and cases & russian_cases(token.text, "NOUN"):
            extended.append(token)
            return extended
        cases &= russian_cases(token.text, "ADJF")
        if pos != "ADJF" or not cases:
            break
        extended.append(token)
    end = len(run)
    while end and russian_reading(run[end - 1].text)[0] == "ADJF":
        end -= 1
    return run[:end]


def _body_with_complement(
    text: str, tokens: list[_Token], run: list[_Token], following: int
) -> bool:
    """Whether a Russian run opening a sentence is a body's name all the same: its head noun
    (after any adjectives) names a body and a word in the genitive completes it
    ("Министерство иностранных дел…", "Генеральная прокуратура Российской Федерации"); a
    sentence's capital alone does not make "Министерство заявило" a name."""
    headed = _to_head_noun(text, tokens, run, following)
    if not headed or first_heads("ru").get(lemma(headed[-1].text, "ru").lower()) != "organisation":
        return False
    after = following + len(headed) - len(run)
    if after >= len(tokens) or not _gap_is_space(text, headed[-1], tokens[after]):
        return False
    word = tokens[after].text
    pos = russian_reading(word)[0]
    return pos in ("NOUN", "ADJF") and "gent" in russian_cases(word, pos)


def _with_complements(
    text: str, tokens: list[_Token], run: list[_Token], following: int
) -> list[_Token]:
    """A Russian body's name whose head noun comes first goes on through the lower-case
    words in the genitive after it, to the last noun ("Министерство энергетики",
    "Федеральная служба безопасности"): the language capitalises its first word only."""
    if first_heads("ru").get(lemma(run[-1].text, "ru").lower()) is None:
        return run
    if russian_reading(run[-1].text)[0] != "NOUN":
        return run
    extended, last_noun = list(run), len(run)
    for token in tokens[following : following + MAX_TERM_WORDS]:
        if not token.text[:1].islower() or not _gap_is_space(text, extended[-1], token):
            break
        pos = russian_reading(token.text)[0]  # the likeliest reading's part of speech
        as_noun = pos == "NOUN" and "gent" in russian_cases(token.text, "NOUN")
        if not as_noun and not (pos == "ADJF" and "gent" in russian_cases(token.text, "ADJF")):
            break
        extended.append(token)
        if as_noun:
            last_noun = len(extended)
    return extended[:last_noun]


def _ordinary(word: str, lang: str) -> bool:
    """Whether a capitalised word is an ordinary noun of its language, not a name's word."""
    return _german_word_kind(word, lang) == "noun"


def _named_part(run: list[_Token], lang: str, at_start: bool) -> list[_Token]:
    """The part of a capitalised run that names something, where every noun is capitalised:
    ordinary nouns cut from its ends ("Expedition", "Abend" alone are no names), but for a
    noun after a capitalised adjective, which only a name writes mid-sentence ("Deutscher
    Alpenverein", "Schweizerische Stiftung"), or after a name's word, as German writes a
    compound of its own in one word or with hyphens ("Paul Keller"); nothing
    when no word in it is a name's. An adjective that opens the sentence owes its capital to
    that ("Nähere Einzelheiten")."""
    classes = [_german_word_kind(t.text, lang) for t in run]
    for i, kind in enumerate(classes):
        if kind == "adjectival noun":  # "Deutsche" alone is a noun, before a noun an adjective
            followed = i + 1 < len(classes) and classes[i + 1] in ("noun", "name")
            classes[i] = "adjective" if followed else "noun"
    if at_start and classes[0] == "adjective":
        classes[0] = "link"
    for i in range(1, len(run)):
        if (
            classes[i - 1] == "name"
            and classes[i] == "link"
            and german_reading(run[i].text)[0].startswith(_GERMAN_VERB)
        ):
            classes[i] = "name"  # "Hermann Buhl": a verb after a name's word is its surname
    first, last = 0, len(run)
    while first < last and classes[first] in ("noun", "link"):
        first += 1
    while last > first and (
        classes[last - 1] == "link"
        or (
            classes[last - 1] == "noun"
            and not (last - 2 >= first and classes[last - 2] in ("adjective", "name"))
        )
    ):
        last -= 1
    kept = classes[first:last]
    return run[first:last] if "name" in kept or "adjective" in kept else []


@lru_cache(maxsize=1 << 16)
def _german_word_kind(word: str, lang: str) -> str:
    """A word of a capitalised run as a name's: "link" (a lower-case connector, or a word of
    a closed class: "Der", "In"), "noun" (an ordinary noun), "adjective" (capitalised: only a
    name writes it so mid-sentence), "adjectival noun" ("Deutsche": either) or "name". A
    compound with a name before its hyphen is a name ("Baltoro-Gletscher"), one with a
    foreign word there is not ("Offshore-Windparks")."""
    parts = _HYPHENS.split(_strip_possessive(word))
    if not word[:1].isupper():
        return "link"
    if (
        len(parts) > 1
        and any(
            part[:1].isupper()
            and _german_word_kind(part, lang) == "name"
            and german_reading(part)[0] != GERMAN_FOREIGN_CLASS  # "Offshore-Windparks": a loan
            for part in parts[:-1]
        )
    ):
        return "name"
    word_class, head = german_reading(word)
    if word_class == GERMAN_ADJECTIVAL_NOUN_CLASS:
        return "adjectival noun"
    if word_class in GERMAN_NOUN_CLASSES:
        last = parts[-1].lower()
        abstract = len(last) >= MIN_ABSTRACT_NOUN and last.endswith(_GERMAN_ABSTRACT_SUFFIXES)
        return "noun" if abstract or _ordinary_noun(last, head, lang) else "name"
    if word_class in GERMAN_ADJECTIVE_CLASSES:
        return "adjective" if len(parts) == 1 else "noun"
    return "name" if word_class in GERMAN_NAME_CLASSES else "link"


def _ordinary_noun(word: str, head: str, lang: str) -> bool:
    """Whether general language writes a noun, its head stem, or both halves of it as a
    compound ("Biwak|platz", "Fels|sporn"; a linking s allowed: "Gebirgs|kamm")."""
    if zipf(word, lang) >= KNOWN_STEM_ZIPF or zipf(head, lang) >= KNOWN_STEM_ZIPF:
        return True
    for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART):
        first, second = word[:cut], word[cut:]
        if zipf(second, lang) >= KNOWN_STEM_ZIPF and (
            zipf(first, lang) >= KNOWN_STEM_ZIPF
            or (first.endswith("s") and zipf(first[:-1], lang) >= KNOWN_STEM_ZIPF)
        ):
            return True
    return False


def _headed_name(
    doc: Document, segment: Segment, name: Occurrence, last: _Token, following: _Token | None
) -> list[Occurrence]:
    """The name with a lower-case head noun after it, as one more entry: "the Obama
    administration", "the Castro regime"."""
    if following is None or not _gap_is_space(doc.text, last, following):
        return []
    kind = name_heads().get(following.text)
    if kind is None or _strip_possessive(last.text) != last.text:
        return []
    end = following.end
    return [
        Occurrence(doc.text[name.start : end], kind, doc.id, segment.index, name.start, end,
                   segment.text, official=name.official)
    ]  # fmt: skip


def _subject_opening(tokens: list[_Token], start: int, end: int, lang: str) -> int:
    """How many words past its head noun a body's or a document's name goes on with its
    subject, up to the subject's first capitalised word: "Commission on Human Rights",
    "Convention against Torture", "Group of States against Corruption" (its head before
    "of"), "Act on the Protection of…" (an article between); 0 for "the Council on Monday"."""
    words = [t.text.lower() for t in tokens[start:end]]
    ofs = [i for i, word in enumerate(words) if word == OF_CONNECTOR and i > 0]
    heads = {_strip_possessive(tokens[end - 1].text).lower()}
    if ofs:
        heads.add(words[ofs[0] - 1])
    if not (
        any(head_kind(head) in _SUBJECT_HEADS for head in heads)
        and end + 1 < len(tokens)
        and tokens[end].text in _SUBJECT_PREPOSITIONS
    ):
        return 0
    subject = end + 1
    if tokens[subject].text.lower() in _ARTICLES and subject + 1 < len(tokens):
        subject += 1
    return subject - end + 1 if _is_capitalised(tokens[subject], lang) else 0


def _subject_scope(tokens: list[_Token], start: int, end: int, lang: str) -> int:
    """How many words a name with a subject goes on with the field that subject is in:
    "Working Group on Bribery in International Business Transactions", "Act on the
    Protection of Public Interest in the Performance of Offices of Public Officials" (after
    "in", maybe an article, capitalised words ending in a common noun); 0 for a place ("…on
    Human Rights in Geneva", "…in the United States")."""
    if end >= len(tokens) or tokens[end].text != "in" or not _subject_opened(tokens, start, end):
        return 0
    first = end + 1
    if first < len(tokens) and tokens[first].text.lower() in _ARTICLES:
        first += 1
    last = first
    capitalised = 0
    while last < len(tokens) and (
        _is_capitalised(tokens[last], lang) or (tokens[last].text == OF_CONNECTOR and capitalised)
    ):
        if _country_at(tokens, last):
            return 0
        capitalised += tokens[last].text != OF_CONNECTOR
        last += 1
    if tokens[last - 1].text == OF_CONNECTOR:
        last -= 1
    if capitalised < 2 or not is_common_noun(tokens[last - 1].text.lower(), lang):
        return 0
    return last - end


def _subject_opened(tokens: list[_Token], start: int, end: int) -> bool:
    """Whether a run's words past its first hold "on" or "against", which open a body's or a
    document's subject (read so only after its head noun: _subject_opening)."""
    return any(tokens[k].text in _SUBJECT_PREPOSITIONS for k in range(start + 1, end))


def _cut_affiliation(tokens: list[_Token], start: int, end: int, lang: str) -> int:
    """Where a run of capitalised words ends when a person's name comes before its first "of":
    at that "of" ("Maria Gonzalez of the University of California" is two names). A person's
    name is two or three name-shaped words, no head noun, that the tagger reads as proper
    nouns only ("Humane Society of…", "Mexican Haute École of…", "Kretinga Branch of…" go
    on)."""
    of = next((i for i in range(start + 1, end) if tokens[i].text == OF_CONNECTOR), None)
    if of is None or not 2 <= of - start <= 3:
        return end
    person = tokens[start:of]
    if all(
        _PERSON_WORD.fullmatch(t.text)
        and head_kind(t.text) is None
        and reads_as_proper_noun(t.text, lang, given=t is person[0])
        for t in person
    ):
        return of
    return end


def _lower_case_head(text: str, tokens: list[_Token], position: int, lang: str) -> int:
    """Where a name starts whose head the language's typography writes in lower case before
    a capitalised complement ("le ministère de l'Économie", "el ministerio de Defensa"): the
    head's place, when such a head stands right before the complement's preposition and
    article; else the run's own start. ("Le gouvernement de la France" is no name.)"""
    if primary(lang) not in _ROMANCE_AND:
        return position
    at = position - 1
    while at >= 0 and position - at <= 2 and tokens[at].text.lower() in _ARTICLES:
        at -= 1
    if at < 1 or tokens[at].text.lower() not in _CONNECTORS:
        return position
    head = tokens[at - 1]
    if head.text in _LOWER_CASE_HEADS[primary(lang)] and all(
        _gap_is_space(text, a, b) for a, b in itertools.pairwise(tokens[at - 1 : position + 1])
    ):
        return at - 1
    return position


def _coordinated_remit(text: str, tokens: list[_Token], start: int, end: int, lang: str) -> int:
    """In a language that puts a body's head first, how many words a second part of its
    remit adds after "y", "e" or "et" and its articles: "Comisión Nacional de los Mercados
    | y la Competencia", "Ministerio de Asuntos Exteriores | y de Cooperación". Only after a
    head with a complement of its own ("de los Mercados"), so "España y Francia" are two
    names; 0 where none follows."""
    run = [t.text.lower() for t in tokens[start:end]]
    function = function_words(lang)
    head = next((i for i, word in enumerate(run) if word not in function), len(run))
    if (
        primary(lang) not in _ROMANCE_AND
        or tokens[end].text.lower() != _ROMANCE_AND[primary(lang)]
        or head == len(run)
        or first_heads(lang).get(run[head]) not in _SUBJECT_HEADS
        or not any(word in _CONNECTORS for word in run[head + 1 :])
    ):
        return 0
    bridge = end + 1
    while bridge < len(tokens) and tokens[bridge].text.lower() in _NAME_BRIDGES:
        bridge += 1
    if (
        bridge < len(tokens)
        and _is_capitalised(tokens[bridge], lang)
        and all(
            _gap_is_space(text, a, b) for a, b in itertools.pairwise(tokens[end - 1 : bridge + 1])
        )
    ):
        return bridge + 1 - end
    return 0


def _joins_two_names(bridge: list[_Token]) -> bool:
    """Whether lower-case words between capitalised ones join two names ("New Zealand and the
    US Army"): "and" before an article does; "of the", "for the" sit inside one."""
    return bridge[0].text.lower() in _AND and any(t.text.lower() in _ARTICLES for t in bridge[1:])


def _cut_unheaded(tokens: list[_Token], start: int, end: int) -> int:
    """Where a run of capitalised words ends: at its first "and" or "for" unless the run ends
    in a head noun that makes it one body's name ("Planning Institute", "University"), that
    "for" follows a body's head noun and opens its remit ("Organisation for Economic
    Co-operation and Development"), or the run's subject came first ("Office on Drugs and
    Crime")."""
    # An ampersand joins one name's words ("Procter & Gamble", "Marks & Spencer"), unless a
    # country follows it: "Russia & Cuba" is a headline's two names.
    joined = [
        i
        for i in range(start + 1, end - 1)
        if tokens[i].text.lower() in _HEADED_CONNECTORS
        and (tokens[i].text != "&" or _country_at(tokens, i + 1))
    ]
    if not joined:
        return end
    if _is_body(tokens[end - 1].text):
        return end
    first = joined[0]
    remit = (
        tokens[first].text.lower() == "for"
        and head_kind(_strip_possessive(tokens[first - 1].text)) in _SUBJECT_HEADS
    )
    # A subject after "on" or "against" (read so only after a body's or a document's head)
    # may join two things: "United Nations Office on Drugs and Crime"; so may a body's
    # remit after "of", unless a name of its own follows ("Ministry of Justice and Public
    # Administration", not "Council of Europe and NATO", "Ministry of Defence and Putin's").
    subject = _subject_opened(tokens, start, first)
    remit_of = (
        tokens[first].text.lower() in _AND
        and any(
            tokens[k].text == OF_CONNECTOR and head_kind(tokens[k - 1].text) in _SUBJECT_HEADS
            for k in range(start + 1, first)
        )
        and not is_acronym(tokens[first + 1].text)
        and not _country_at(tokens, first + 1)
        and _strip_possessive(tokens[first + 1].text) == tokens[first + 1].text
    )
    return end if remit or subject or remit_of else first


def _is_body(word: str) -> bool:
    """Whether a word is the head noun of a body's name ("Agency", "Organisation")."""
    return head_kind(_strip_possessive(word)) == "organisation"


def _reference_label(text: str, word: _Token, following: _Token | None, lang: str) -> bool:
    """Whether a capitalised common noun labels a numbered part ("Article 21", "Table 2",
    "Annex B"), not a name."""
    return (
        following is not None
        and _gap_is_space(text, word, following)
        and bool(_PART_NUMBER.fullmatch(following.text))
        and is_common_noun(word.text, lang)
    )


def _everyday_word(word: str, lang: str) -> bool:
    """Whether a capitalised word alone is one of the language's commonest words ("Estado",
    "State"): no name by itself, but for a country's ("China", "Rusia")."""
    word = _strip_possessive(word)
    if is_acronym(word) or (word,) in country_names() or known_name(word, lang):
        return False
    return zipf(word.lower(), lang) >= GENERIC_NAME_ZIPF


def _is_shouted(tokens: list[_Token], stop: frozenset[str]) -> bool:
    """Whether a sentence is written in capitals, whole or in part ("THE PROGRAM IS
    PROVIDED AS IS, INCLUDING…", "…of MERCHANTABILITY or FITNESS FOR A PARTICULAR
    PURPOSE"): most of its words, or a function word in capitals between two words in
    capitals ("the WHO and NATO" is not). Then a word in capitals is no acronym."""
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    shouting = sum(len(w) > 1 and w.isupper() for w in words)
    if shouting < MIN_SHOUTED_WORDS:
        return False
    return shouting > len(words) / 2 or any(
        words[i].isupper() and words[i].lower() in stop and words[i - 1].isupper()
        and words[i + 1].isupper()
        for i in range(1, len(words) - 1)
    )  # fmt: skip


def _is_heading(run: list[_Token]) -> bool:
    """Whether a run is an ALL-CAPS heading ("TABLE OF CONTENTS"), not a name: two or more
    upper-case words, one of them an everyday word."""
    words = [t.text for t in run]
    return (
        len(words) >= 2
        and all(w.isupper() for w in words)
        and any(zipf(w.lower(), "en") >= COMMON_ZIPF for w in words if len(w) > 2)
    )


def _currency_of_amount(tokens: list[_Token], at: int) -> bool:
    """Whether a word is a currency's code beside a number: "EUR 1.5 million", "3,000 LTL"
    (an amount's unit; "ALL", "TOP" elsewhere are other words)."""
    if tokens[at].text not in currency_codes():
        return False
    beside = [tokens[k].text for k in (at - 1, at + 1) if 0 <= k < len(tokens)]
    return any(word[:1].isdigit() for word in beside)


def _is_label(text: str, run: list[_Token], lang: str) -> bool:
    """Whether a run is a section's label in capitals before a colon ("BACKGROUND:",
    "METHODS:", "NOTE:" of a structured abstract or a form): words the lexicon lists in
    lower case, not an acronym's letters ("NATO:")."""
    return (
        text[run[-1].end : run[-1].end + 1] == ":"
        and all(t.text.isupper() and len(t.text) > 2 for t in run)
        and all(is_listed_word(t.text, lang) for t in run)
    )


def _ordinary_words(run: list[_Token], evidence: CasingEvidence) -> bool:
    """Whether every capitalised word of a run (but initials) is one the corpus writes in
    lower case at least as often: no person's name, whatever its shape."""
    words = [t.text for t in run if t.text[:1].isupper() and len(t.text) > 1]
    return bool(words) and all(evidence.is_ordinary_word(word) for word in words)


def _name_occurrence(
    doc: Document,
    segment: Segment,
    run: list[_Token],
    following: _Token | None,
    preceding: _Token | None,
    official: bool,
) -> Occurrence | None:
    text = doc.text
    written = _strip_possessive(text[run[0].start : run[-1].end])
    surface = " ".join(written.split())  # a name's form is one however it was spaced
    head = _stated_head(surface.split())
    name, role = (surface, None) if head else split_role(surface)
    if role is None and not head:
        name, role = _trailing_role(name)
    if role and " " not in name:
        body = _body_of_office(surface.split())
        if body:  # "Head of the Department for Asset Recovery": the body's name, no person's
            name, role = body, None
    if role and len(name.split()) == 1 and role.split()[-1].lower() in given_name_titles():
        title = role.split()[-1]
        name = f"{title} {name}"  # "Pope Francis", not a bare "Francis"
        role = role if role != title else None
    words = name.split()
    singular = " ".join(w.removesuffix("s") for w in words)
    if not words or (not head and (is_office(name) or is_office(singular))):
        return None  # an office without a name: "President of Russia", "Defense Minister"
    lang = primary(doc.lang)
    adjectival = (  # before the noun it modifies: "Russian officials", not "Iran has"
        following is not None
        and following.text[:1].islower()
        and _gap_is_space(text, run[-1], following)  # not "In Nairobi, volunteers…"
        and lang not in NOUN_CAPITALISING_LANGUAGES  # "Rawalpindi nach"
        and reads_as_modified_word(following.text, lang)
    )
    if len(words) == 1:
        word = words[0]
        if len(word) < 2 or head_kind(word) or _ROMAN_NUMERAL.fullmatch(word):
            return None  # "I", "II", or a bare head noun: "the Council's meeting"
        if (
            adjectival
            and _DEMONYM.search(word)
            and not is_acronym(word)
            and (word,) not in country_names()  # "Iran nuclear deal"
        ):
            return None
    elif adjectival and is_adjective(words[-1], lang):
        return None  # "Eastern European countries", "South African government"
    at = surface.rfind(name)
    start = run[0].start + _written_index(written, at)
    end = run[0].start + _written_index(written, at + len(name) - 1) + 1
    # a preposition says where only of a name that ends its phrase: "in Moscow (today)", not
    # "in Cox regression"
    modifies = adjectival and following is not None and following.text not in _TIME_NOUNS
    kind = _guess_kind(words, role, None if modifies else preceding, lang)
    return Occurrence(
        form=name,
        kind=kind,
        doc=doc.id,
        segment=segment.index,
        start=start,
        end=end,
        sentence=segment.text,
        role=role,
        official=official,
    )


def _written_index(written: str, index: int) -> int:
    """Where the character at `index` of a text's one-spaced form stands in the text as
    written (a no-break space or a run of spaces between its words)."""
    position = 0
    for word in _NON_SPACE.finditer(written):
        if index < position + len(word[0]):
            return word.start() + index - position
        position += len(word[0]) + 1
    return len(written)


def _trailing_role(name: str) -> tuple[str, str | None]:
    """A person's name followed by a title, as a contact list or a signature writes it
    ("Ash Sharma Programme Manager" → Ash Sharma, role Programme Manager): a title word
    last, up to TITLE_QUALIFIERS capitalised words before it, and a person's two or three
    words before that."""
    words = name.split()
    if len(words) < 3 or not is_title_word(words[-1]):
        return name, None
    cut = len(words) - 1
    while cut > 2 and len(words) - cut <= TITLE_QUALIFIERS and words[cut - 1][:1].isupper():
        if is_title_word(words[cut - 1]) or len(words) - cut < TITLE_QUALIFIERS:
            cut -= 1
        else:
            break
    while cut and is_title_word(words[cut - 1]):
        cut -= 1  # "Smith Senior Project Manager": "Senior" is the title's
    person = words[:cut]
    if not 2 <= len(person) <= 3 or not all(_PERSON_WORD.fullmatch(w) for w in person):
        return name, None
    return " ".join(person), " ".join(words[cut:])


def _body_of_office(words: list[str]) -> str | None:
    """The body an office is held in, from its head noun on ("Department for Asset
    Recovery" of "Head of the Department for Asset Recovery"), or None."""
    for index in range(2, len(words) - 1):
        if _is_body(words[index]) and words[index - 1].lower() in (OF_CONNECTOR, *_ARTICLES):
            return " ".join(words[index:])
    return None


def _stated_head(words: list[str]) -> str | None:
    """The kind a name's head noun says: the head before the first "of", "for", "on" or
    "against" ("Ministry of Foreign Affairs of Japan", "Judicial Council of the Slovak
    Republic", "Special Prosecutor's Office for Combating Corruption"), else the last word's."""
    inner = next((i for i in range(1, len(words) - 1) if words[i].lower() in _HEAD_LINKS), None)
    if inner is not None and head_kind(words[inner - 1]):
        return head_kind(words[inner - 1])
    return head_kind(words[-1])


def _guess_kind(words: list[str], role: str | None, preceding: _Token | None, lang: str) -> str:
    if role:
        return "person"
    head = _stated_head(words) or _compound_head(words[-1], lang)
    if head:
        return head
    if len(words) > 1 and head_kind(words[0]) == "place":
        return "place"  # "Lake Baikal", "Mount Everest"
    first_head = next((w.lower() for w in words if w.lower() in first_heads(lang)), None)
    if first_head:
        return first_heads(lang)[first_head]  # "Ministerio de…", "Unión Europea", "Grande Guerre"
    if lang in CASE_LANGUAGES:
        if country_key(dictionary_form(words, lang)) in country_keys():
            return "place"  # "Российской Федерации", "Соединённых Штатов"
        # the head noun comes after its adjectives and before its complements: "Европейской
        # комиссии", "Министерства энергетики", "Федеральной службы безопасности"
        for word in words if len(words) > 1 else ():
            head = first_heads(lang).get(lemma(word, lang).lower())
            if head:
                return head
        grammemes = russian_reading(words[-1])[2]
        named = [kind for grammeme, kind in _NAME_GRAMMEMES.items() if grammeme in grammemes]
        if named:
            return named[0]  # "России" a place, "Путин" a person
    if tuple(words) in country_names():
        return "place"
    if len(words) == 1:
        if is_acronym(words[0]):
            return "organisation"
        if preceding is not None and preceding.text.lower() in _PLACE_PREPOSITIONS:
            return "place"
        return "name"
    if preceding is not None and preceding.text.lower() in _IN_PLACE.get(lang, ()):
        return "place"  # "en Nueva York", "in Los Angeles"
    if (
        len([w for w in words if w not in _CONNECTORS]) > 4  # "Luiz Inacio Lula da Silva": 4
        or not all(_PERSON_WORD.fullmatch(w) or w in _SURNAME_LINKS - {OF_CONNECTOR} for w in words)
        or all(is_listed_word(w, lang) for w in words if not _INITIAL.fullmatch(w))
        or any(len(w) > 1 and not reads_as_proper_noun(w, lang) for w in _middle(words))
    ):
        # "Advanced Engineering Design", "CF LVAD", "Controls of HAWTs"; a common noun
        # inside is no person's ("Framingham Heart Study", "Vestas Wind Systems")
        return "name"
    if lang in NOUN_CAPITALISING_LANGUAGES and not _reads_as_german_person(words, lang):
        return "name"
    return "person"


def _reads_as_german_person(words: list[str], lang: str) -> bool:
    """Where every noun is capitalised, a person's name opens with a word read as a name
    (a given name): "Heinz Gut" is a person, "Heilige Schrift", "Berner Alpen" and
    "Folgende Doppelseite" are not. (Its last word may be an everyday noun: Swiss surnames
    often are, "Gut", "Zweifel".)"""
    return _german_word_kind(words[0], lang) == "name"


def _compound_head(word: str, lang: str) -> str | None:
    """In a language that writes its compounds in one word, the kind a head noun at the end
    of one gives ("Bundesamt", "Landgericht", "Bundesbank"); else None."""
    if lang not in NOUN_CAPITALISING_LANGUAGES:
        return None
    lower = word.lower()
    for cut in range(1, len(lower) - MIN_COMPOUND_HEAD + 1):
        head = entity_heads().get(lower[cut:])
        if head:
            return head
    return None


def _middle(words: list[str]) -> list[str]:
    """A name's words between its first and its last (a given name, a surname), connectors
    and initials left out."""
    return [w for w in words[1:-1] if w not in _SURNAME_LINKS and not _INITIAL.fullmatch(w)]


def _terms(
    doc: Document,
    segment: Segment,
    tokens: list[_Token],
    evidence: CasingEvidence,
    official: bool,
) -> list[Occurrence]:
    """Term candidates: single nouns and adjectives, and noun phrases of lower-case words
    (adjectives, nouns and participles before a head noun), by part-of-speech tags; a
    sentence's first word counts as lower case when it reads as an ordinary noun ("Money
    laundering is…")."""
    lang = primary(doc.lang)
    if lang not in TAGGED_LANGUAGES:
        return []
    stop = function_words(lang)
    if not _in_language(tokens, stop, lang):
        return []  # a quotation or passage in another language: its words are no terms here
    outside = _outside_addresses(doc.text, tokens)
    openers = language_words("np_openers", lang)
    verb_before = stop - openers if openers else frozenset()  # "we", "will", "to": a verb
    capital_nouns = lang in NOUN_CAPITALISING_LANGUAGES
    found = []
    run: list[_Tagged] = []
    previous = ""
    after_name = False  # the word before was a proper noun, a space away
    segment_text = doc.text[segment.start : segment.end]
    for position, (token, tag) in enumerate(
        zip(outside, tags([t.text for t in outside], lang), strict=True)
    ):
        word = token.text
        if word[:1].isupper() and _initial(segment_text, outside, position, segment.start):
            word, tag = _opening_as_ordinary(outside, position, tag, evidence, lang)
        if position and _CLAUSE_GAP.fullmatch(doc.text[outside[position - 1].end : token.start]):
            previous = ""  # a list item's or a clause's start: "(i) integrity standards"
        if run and not (
            _gap_is_space(doc.text, run[-1], token)
            and _strip_possessive(run[-1].text) == run[-1].text
        ):
            found.extend(_term_occurrences(doc, segment, run, official))
            run = []
        is_term_word = (
            (
                word[:1].islower()
                or (capital_nouns and tag in NOUN_TAGS and _ordinary(word, lang))
                or bool(_NUMBERED_COMPOUND.fullmatch(word))  # "10-meter circle"
            )
            and word.lower() not in stop
            and len(word) > 1
        )
        # After a name, a lower-case word continues the name's phrase ("Kremlin officials")
        # or is its verb ("the United States coordinates actions"): no term starts there.
        starts = previous not in verb_before and not after_name
        if is_term_word and tag in MODIFIER_TAGS and (run or starts):
            run.append(_Tagged(token.start, token.end, word, tag))
        elif word == OF_CONNECTOR and run and run[-1].tag in NOUN_TAGS:
            run.append(_Tagged(token.start, token.end, word, OF_TAG))  # "angle of attack"
        elif run:
            if run[-1].tag == "VBG" and tag in _COMPLEMENT_OPENERS:
                run = run[:-1]  # "a resolution calling for…": a participle and its object
            found.extend(_term_occurrences(doc, segment, run, official))
            run = []
        previous = word.lower()
        after_name = (
            tag in PROPER_NOUN_TAGS and word[:1].isupper() and _followed_by_space(doc.text, token)
        )
    found.extend(_term_occurrences(doc, segment, run, official))
    return found


def _opening_as_ordinary(
    tokens: list[_Token], position: int, tag: str, evidence: CasingEvidence, lang: str
) -> tuple[str, str]:
    """A sentence's capitalised first word and its tag, lower-cased and read as an ordinary
    noun when it is one (no name's word, a noun to the tagger): "Money" laundering, "Bid"
    rigging; else as written. (An adjective there is left out: read as one, the phrases it
    opens, "Systematic gymnastic dressage training", cost ACTER more terms than they gave.)"""
    word = tokens[position].text
    opening = [t.text for t in tokens[position : position + OPENING_CONTEXT]]
    if is_acronym(word) or evidence.is_name_word(opening, lang):
        return word, tag
    lowered = word[:1].lower() + word[1:]
    ordinary_tag = tags([lowered, *opening[1:]], primary(lang))[0]
    if ordinary_tag not in NOUN_TAGS:
        return word, tag
    return lowered, ordinary_tag


def _followed_by_space(text: str, token: _Token) -> bool:
    return text[token.end : token.end + 1] == " "


@dataclass(slots=True)
class _Tagged(_Token):
    tag: str


def _in_language(tokens: list[_Token], stop: frozenset[str], lang: str) -> bool:
    """Whether a sentence reads as the document's language: function words make up a share
    of any sentence of some length (a fifth to a half in English prose); Russian, which has
    few, is told by its script."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return True
    if lang in CASE_LANGUAGES:
        return sum(bool(_CYRILLIC.match(t.text)) for t in words) * 2 >= len(words)
    return sum(t.text.lower() in stop for t in words) >= MIN_FUNCTION_SHARE * len(words)


def _outside_addresses(text: str, tokens: list[_Token]) -> list[_Token]:
    """The tokens that are not part of a web or mail address (www, org, mailto…)."""
    if not tokens:
        return tokens
    start, end = tokens[0].start, tokens[-1].end
    if not _ADDRESS_HINT.search(text, start, end):
        return tokens
    spans = [m.span() for m in _ADDRESS.finditer(text, start, end)]
    if not spans:
        return tokens
    return [t for t in tokens if not any(a <= t.start < b for a, b in spans)]


def _term_occurrences(
    doc: Document, segment: Segment, run: list[_Tagged], official: bool
) -> list[Occurrence]:
    """Every stretch of a run that can be a term: a noun or adjective alone, or up to
    MAX_TERM_WORDS words that end in a noun and do not start with a participle."""
    lang = primary(doc.lang)
    found = []
    cued = (
        bool(run)
        and lang == "en"
        and bool(_NAMING_CUE.search(doc.text, max(segment.start, run[0].start - 40), run[0].start))
    )
    for first in range(len(run)):
        for last in range(first, min(first + MAX_TERM_WORDS, len(run))):
            words = run[first : last + 1]
            if not _term_shape(words, lang):
                continue
            lowered = words[0].text != doc.text[words[0].start : words[0].end]
            if len(words) == 1 and (
                lowered
                or _calendar_word(words[0].text, lang)
                or _NUMBERED_COMPOUND.fullmatch(words[0].text)
            ):
                continue  # a sentence's first word alone ("Doctors say…"), a weekday or a
                # month ("вторник", "марта"; "окружающая среда" keeps its "среда"), a
                # number's compound ("30-day": "30-day mortality" is the term)
            start, end = words[0].start, words[-1].end
            found.append(
                Occurrence(
                    # the first word as read: lower-cased at a sentence's start
                    form=_strip_possessive(words[0].text + doc.text[words[0].end : end]),
                    kind="term",
                    doc=doc.id,
                    segment=segment.index,
                    start=start,
                    end=end,
                    sentence=segment.text,
                    official=official,
                )
            )
        if first == 0 and cued and found:
            found[-1].defined = True  # the longest term the cue names: "called a half pass"
    return found


def _russian_term_shape(words: list[_Tagged]) -> bool:
    """A Russian term: adjectives, their head noun, and after it only words in the genitive
    ("оценка воздействия", "кабель постоянного тока"; not "вред перелётным птицам"); a
    single word only as a noun (an adjective alone is an inflected form of a phrase's)."""
    head = next((i for i, w in enumerate(words) if w.tag in NOUN_TAGS), None)
    if head is None or words[-1].tag not in NOUN_TAGS:
        return False
    if any(w.tag != "JJ" for w in words[:head]):
        return False
    return all(russian_reading(w.text)[1] == "gent" for w in words[head + 1 :])


def _calendar_word(word: str, lang: str) -> bool:
    """Whether a word, or in a language that inflects its nouns its lemma, is a weekday's or
    a month's name."""
    return is_calendar_word(lemma(word, lang) if lang in CASE_LANGUAGES else word, lang)


def _term_shape(words: list[_Tagged], lang: str) -> bool:
    """A term ends in its head noun; a single word may also be an adjective; a participle
    can sit inside ("heart rate variability") but not at the start ("improved survival")."""
    if is_title_word(words[0].text) and is_office(" ".join(w.text for w in words)):
        return False  # a title or an office alone ("comrade", "deputy assistant secretary")
    if words[0].text.lower() in language_words("general_adjectives", lang):
        return False
    if lang in NOUN_CAPITALISING_LANGUAGES:
        # German writes its terms as compounds ("Basislager", "Lichtbrechung"); an adjective
        # before a noun there was mostly a free phrase on the development article
        # ("bittere Enttäuschung"), and an adjective alone is inflected ("höchste").
        return len(words) == 1 and words[0].tag in NOUN_TAGS
    if lang in CASE_LANGUAGES:
        return _russian_term_shape(words)
    if len(words) == 1:
        if _ORDINAL.fullmatch(words[0].text.lower()):
            return False  # "the sixth directive": a count, no term alone
        return words[0].tag in NOUN_TAGS or words[0].tag == "JJ"
    connectors = [i for i, w in enumerate(words) if w.tag == OF_TAG]
    if len(connectors) > 1 or (connectors and not 0 < connectors[0] < len(words) - 1):
        return False  # one "of", between two nouns' phrases
    if connectors and words[0].text.lower() in language_words("classifier_nouns", lang):
        return False
    if any(w.tag == PLURAL_TAG and after.tag != OF_TAG for w, after in itertools.pairwise(words)):
        return False  # a plural inside is a verb or a phrase's end: "blockers decrease mortality"
    if any(
        w.tag in NOUN_TAGS and after.tag in ("VBN", "VBD") for w, after in itertools.pairwise(words)
    ):
        return (
            False  # a participle after a noun is its verb: "valsartan reduced cardiovascular death"
        )
    gerund_head = words[-1].tag == "VBG" and words[-2].tag in ("JJ", "NN")  # "cardiac pacing"
    return (words[-1].tag in NOUN_TAGS or gerund_head) and words[0].tag not in PARTICIPLE_TAGS
