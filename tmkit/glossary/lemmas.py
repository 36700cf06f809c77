"""Dictionary forms of target-language words, so inflected renderings meet as one.

Russian goes through pymorphy3 (OpenCorpora's dictionary ships in its wheel): a phrase is put
in the nominative with its words agreeing with its head noun (Великой Отечественной войне →
Великая Отечественная война). Other languages simplemma knows get its lemma per word.
"""

from __future__ import annotations

from functools import cache, lru_cache

import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

from tmkit.align.similarity import fold
from tmkit.phrases import shared_start

# What ends an elided word ("l'", "d’"), which is written joined to the next.
APOSTROPHES = ("'", "’")
# pymorphy3 parts of speech that agree with a head noun: full adjectives and participles.
_AGREEING = frozenset({"ADJF", "PRTF"})
# pymorphy3 grammemes of proper names: places, given names, surnames, patronymics, bodies.
PROPER_GRAMMEMES = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})
_PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
# pymorphy3 parts of speech that are never a name: verbs, adverbs, pronouns, particles…
_NEVER_NAMES = frozenset(
    {"VERB", "INFN", "GRND", "PRTS", "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ"}
)


@cache
def _russian() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _capital_as(word: str, model: str) -> str:
    """A lower-case lemma capitalised as the word it came from, each hyphened part alike
    ("Нью-Йорке" → Нью-Йорк, "Диас-Канелем" → Диас-Канель)."""
    parts, models = word.split("-"), model.split("-")
    if len(parts) != len(models):
        parts, models = [word], [model]
    return "-".join(
        part[:1].upper() + part[1:] if shape[:1].isupper() else part
        for part, shape in zip(parts, models, strict=True)
    )


@cache
def lemma(word: str, lang: str) -> str:
    """The word's dictionary form, its capital kept; the word itself in a language with no
    lemmatiser."""
    if lang == "ru":
        return _capital_as(_russian().parse(word)[0].normal_form, word)
    if lang not in SUPPORTED_LANGUAGES:
        return word
    return _capital_as(simplemma.lemmatize(word, lang=lang), word)


def inflected_word(word: str, lang: str) -> bool:
    """Whether a capitalised word is an inflected form of an ordinary word ("Combatieron" of
    combatir, "Hotspots" of hotspot), so no name when it starts a sentence. Russian names
    inflect, so there the part of speech decides (a verb, an adverb, a pronoun…)."""
    if lang == "ru":
        return _russian().parse(word)[0].tag.POS in _NEVER_NAMES
    return lemma(word, lang).lower() != word.lower()


@lru_cache(maxsize=1 << 17)  # a corpus's word forms, bounded
def russian_reading(word: str) -> tuple[str | None, str | None, frozenset[str]]:
    """pymorphy's likeliest reading of a Russian word: its part of speech, its case and all
    its grammemes ("России": NOUN, gent, with Geox)."""
    tag = _russian().parse(word)[0].tag
    return tag.POS, tag.case, frozenset(tag.grammemes)


@lru_cache(maxsize=1 << 17)
def russian_cases(word: str, pos: str) -> frozenset[str]:
    """Every case pymorphy reads a Russian word in as the given part of speech ("думе": loct,
    datv as a NOUN), so agreement is judged on all readings, not the likeliest alone."""
    return frozenset(p.tag.case for p in _russian().parse(word) if pos == p.tag.POS and p.tag.case)


def russian_phrase_starts(words: list[str]) -> list[bool]:
    """Which Russian words open a noun phrase of their own after a noun: the word starts a
    group of adjectives and a noun (or is that noun) that cannot be a genitive, so it is no
    complement of the noun before ("вспышку | чрезвычайной ситуацией", but "кампанию
    вакцинации", "ситуацией национального масштаба" hold together)."""
    readings = [russian_reading(w)[0] for w in words]
    starts = [False] * len(words)
    for j in range(1, len(words)):
        if readings[j - 1] != "NOUN" or readings[j] not in ("NOUN", *_AGREEING):
            continue
        head = j
        while head < len(words) and readings[head] in _AGREEING:
            head += 1
        if head < len(words) and readings[head] == "NOUN":
            starts[j] = "gent" not in russian_cases(words[head], "NOUN")
    return starts


@lru_cache(maxsize=1 << 17)
def russian_ordinary_word(word: str) -> bool:
    """Whether pymorphy's dictionary knows a Russian word, and not as a name's (a place, a
    person, a body): "Кабель", "Оценка"; not "Москва", "Путин", nor an unknown "Диас-Канель"."""
    parse = _russian().parse(word)[0]
    return parse.is_known and not PROPER_GRAMMEMES & parse.tag.grammemes


def known_name(word: str, lang: str) -> bool:
    """Whether the language's dictionary knows the word as a proper name (a place, a person,
    a body: Россия), for a language whose dictionary says (Russian)."""
    if lang != "ru":
        return False
    return any(PROPER_GRAMMEMES & p.tag.grammemes for p in _russian().parse(word))


def dictionary_form(words: list[str], lang: str) -> str:
    """How a glossary writes a phrase: Russian in the nominative (number kept), one word of
    another language as its lemma, a longer phrase as written (an elided word joined to the
    next: "étude d'impact")."""
    if lang == "ru":
        nominative = _russian_nominative(tuple(words))
        if len(nominative) == len(words):  # an acronym does not decline: "НАТО", "ОДКБ"
            nominative = tuple(
                w if is_acronym(w) else n for w, n in zip(words, nominative, strict=True)
            )
        return " ".join(nominative)
    if len(words) == 1 and is_acronym(words[0]):
        return words[0]  # "GRECO", not its lemma "Greco"
    if len(words) == 1:
        # A lemma that is not the word less an ending is a verb's infinitive ("turbinas" →
        # turbinar) or another gender ("migratorias" → migratorio): the word as written.
        form = lemma(words[0], lang)
        return form if fold(words[0]).startswith(fold(form)) else words[0]
    return "".join(w if w.endswith(APOSTROPHES) else w + " " for w in words).rstrip()


def is_acronym(word: str) -> bool:
    """Whether a word is an acronym's letters, dotted or not ("NATO", "НАТО", "U.S.")."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _person_in_nominative(words: tuple[str, ...], parses: list[list]) -> tuple[str, ...] | None:
    """A person's name, every word of it a given name, a patronymic or a surname that agree
    in case and gender, in the nominative ("Сергея Лаврова" → Сергей Лавров, where the phrase
    rule would keep the surname as a complement); None for any other phrase."""
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    first = next((p for p in parses[0] if _PERSON_GRAMMEMES & p.tag.grammemes), None)
    if first is None:
        return None
    case, gender = first.tag.case, first.tag.gender
    out = []
    for word, options in zip(words, parses, strict=True):
        reading = next(
            (
                p
                for p in options
                if _PERSON_GRAMMEMES & p.tag.grammemes
                and p.tag.case == case
                and p.tag.gender in (gender, None)
            ),
            None,
        )
        if reading is None:
            return None
        nominative = reading.inflect({"nomn"})
        out.append(_capital_as(nominative.word, word) if nominative else word)
    return tuple(out)


def _russian_head(parses: list[list]) -> tuple[int, object] | None:
    """A Russian phrase's head noun and its reading: the first word read first as a noun
    and never as an adjective (the words after it are its complements: "выбросы парниковых
    газов"; "Невский" may be a surname), else the last that can be one ("Великой
    Отечественной войне"); read as a nominative singular where the word can be ("один
    гигаватт" is no genitive plural) as itself, not as another word ("Банка России" is the
    bank's, not a jar's)."""
    first = next(
        (i for i, options in enumerate(parses)
         if options[0].tag.POS == "NOUN" and not any(p.tag.POS in _AGREEING for p in options)),
        None,
    )  # fmt: skip
    if first is None:
        first = next(
            (i for i in range(len(parses) - 1, -1, -1)
             if any(p.tag.POS == "NOUN" for p in parses[i])),
            None,
        )  # fmt: skip
    if first is None:
        return None
    nouns = [p for p in parses[first] if p.tag.POS == "NOUN"]
    written_as_nominative = (
        p
        for p in nouns
        if {"nomn", "sing"} <= p.tag.grammemes and p.normal_form == nouns[0].normal_form
    )  # the same word in another case ("гигаватт"), not another word ("Банка" is no jar)
    return first, next(written_as_nominative, nouns[0])


def russian_head(words: list[str]) -> int | None:
    """Where a Russian noun phrase's head noun stands ("выбросы парниковых газов": 0,
    "углеродное волокно": 1), None in a phrase with no noun."""
    head = _russian_head([_russian().parse(w) for w in words])
    return None if head is None else head[0]


@cache
def _russian_nominative(words: tuple[str, ...]) -> tuple[str, ...]:
    morph = _russian()
    parses = [morph.parse(w) for w in words]
    person = _person_in_nominative(words, parses)
    if person is not None:
        return person
    head = _russian_head(parses)
    if head is None:
        return words
    index, noun = head
    if index > 0:  # "в Северном море": the noun's reading in the case its adjective shows
        shown = {(p.tag.case, p.tag.number) for p in parses[index - 1] if p.tag.POS in _AGREEING}
        noun = next(
            (
                p
                for p in parses[index]
                if p.tag.POS == "NOUN"
                and p.normal_form == noun.normal_form
                and (p.tag.case, p.tag.number) in shown
            ),
            noun,
        )
    case, gender, number = noun.tag.case, noun.tag.gender, noun.tag.number
    grammemes = {"nomn", number} if number else {"nomn"}
    out = list(words)
    for i, options in enumerate(parses):
        if i > index:
            continue  # words after the head (a genitive complement) keep their case
        agreeing = [noun] if i == index else [
            p
            for p in options
            if p.tag.POS in _AGREEING
            and p.tag.case == case
            and p.tag.number == number
            and (number == "plur" or p.tag.gender in (gender, None))
        ]  # fmt: skip
        forms = [
            form.word
            for p in agreeing
            for form in p.lexeme
            if grammemes <= form.tag.grammemes
            and (number == "plur" or form.tag.gender in (gender, None) or p is noun)
        ]
        if forms:  # the inflection nearest the written word ("высшего" → высший, not высочайший)
            written = words[i].lower()
            nearest = max(forms, key=lambda form: shared_start(form, written))
            out[i] = _capital_as(nearest, words[i])
    return tuple(out)
