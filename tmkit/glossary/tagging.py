"""Part-of-speech tags for term candidates: Pattern's Brill tagger as TextBlob ships it
(tmkit.brill); and for German, where every noun is capitalised, HanTa's reading of a word as
a noun or a name. HanTa's German model ships inside its wheel too, and is loaded only when
German text is read.
"""

from __future__ import annotations

from functools import cache, lru_cache

from tmkit.brill import pattern_text

NOUN_TAGS = frozenset({"NN", "NNS"})
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
# Tag classes the tagger's guess for an unlisted word is trusted in: verbs and adverbs, read
# from endings and context ("Calibrate the"); "NT-proBNP" guessed an adjective is no such word.
GUESSED_WITH_CONFIDENCE = ("VB", "RB")
# Words that may stand before a term's head noun: adjectives, nouns, participles.
MODIFIER_TAGS = frozenset({"JJ", "JJR", "NN", "NNS", "VBG", "VBN"})
TAGGED_LANGUAGES = frozenset({"en", "de", "ru"})
# Tags that open a noun phrase, which a verb takes as its object and a plural noun does not
# run into; and the pronouns a verb in the third person follows.
_NOUN_PHRASE_OPENERS = frozenset({"DT", "PRP$"})
_SIDES = frozenset({"left"})  # a side, or the past of "leave"
_MODIFIED_TAGS = frozenset({"JJ", "NN", "NNS"})
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})  # a sentence's verb, in a tense or a modal
_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "this", "who"})  # not "that": "that rules…"
# pymorphy's parts of speech of a Russian word as the Penn tags term candidates read.
_RUSSIAN_AS_PENN = {
    "NOUN": "NN", "ADJF": "JJ", "PRTF": "VBN", "COMP": "JJR", "VERB": "VB", "INFN": "VB",
    "ADVB": "RB", "PREP": "IN", "CONJ": "CC", "NPRO": "PRP",
}  # fmt: skip
# Languages that capitalise every noun, so a capital mid-sentence is no sign of a name alone.
NOUN_CAPITALISING_LANGUAGES = frozenset({"de"})
# HanTa's classes of a German word: a common noun, a nominalised adjective ("die Deutschen"),
# an attributive or adverbial adjective.
GERMAN_NOUN_CLASSES = frozenset({"NN"})
GERMAN_ADJECTIVAL_NOUN_CLASS = "NNA"
GERMAN_ADJECTIVE_CLASSES = frozenset({"ADJ(A)", "ADJ(D)"})
# No word of a language runs longer (German's long compounds reach about 60): a longer token
# is a code or letters run together, no name's word, and is not given to HanTa, whose
# analysis of one takes seconds past a few hundred letters.
MAX_WORD_LETTERS = 64
# HanTa's German classes that term candidates read, as the Penn tags the English tagger gives.
_STTS_AS_PENN = {"NN": "NN", "NE": "NNP"}
# Proper nouns, foreign words and non-words (HanTa's reading of an unknown token): a name's.
GERMAN_NAME_CLASSES = frozenset({"NE", "FM", "XY"})
GERMAN_FOREIGN_CLASS = "FM"  # a foreign word: a name's alone, a loan in a compound


@cache
def _english_parser() -> object:
    text, data = pattern_text()
    lexicon = text.Lexicon(
        path=str(data / "en-lexicon.txt"),
        morphology=str(data / "en-morphology.txt"),
        context=str(data / "en-context.txt"),
        entities=str(data / "en-entities.txt"),
        language="en",
    )
    return text.Parser(lexicon=lexicon, default=("NN", "NNP", "CD"), language="en")


def is_listed_word(word: str, lang: str) -> bool:
    """Whether the tagger's lexicon lists a word's lower-case form ("design", "advanced"; not
    "patey" or "georg"), or a plural's singular ("permissions"); no tagger: no."""
    return lang == "en" and (
        word.lower() in _english_parser().lexicon or is_plural_common_noun(word, lang)
    )


def is_common_noun(word: str, lang: str) -> bool:
    """Whether the tagger's lexicon lists a word's lower-case form as a common noun
    ("article", "table"); no tagger: no."""
    return lang == "en" and _english_parser().lexicon.get(word.lower()) in NOUN_TAGS


def is_plural_common_noun(word: str, lang: str) -> bool:
    """Whether the lexicon reads a word's lower-case form as a plural common noun, itself or
    as its singular with an -s ("officials"; "whistleblowers", whose singular alone is
    listed); no tagger: no."""
    if lang != "en":
        return False
    lexicon = _english_parser().lexicon
    lower = word.lower()
    return lexicon.get(lower) == "NNS" or (lower.endswith("s") and lexicon.get(lower[:-1]) == "NN")


def reads_as_modified_word(word: str, lang: str) -> bool:
    """Whether a lower-case word after a capitalised one reads as the noun (or adjective) it
    modifies ("Russian officials", "nuclear"), not as its verb ("Iran has", "Modi said"):
    listed as a noun or an adjective, or not listed. Without a tagger: yes."""
    if lang != "en":
        return True
    tag = _english_parser().lexicon.get(word)
    return tag is None or tag.startswith(("NN", "JJ"))


def is_adjective(word: str, lang: str) -> bool:
    """Whether the tagger's lexicon lists a word, as written, as an adjective ("European")."""
    return lang == "en" and _english_parser().lexicon.get(word) == "JJ"


def reads_as_proper_noun(word: str, lang: str, given: bool = False) -> bool:
    """Whether the tagger's lexicon reads a capitalised word as a proper noun only: not listed
    in lower case ("Gonzalez"; "Branch", "Study" are common nouns in title case). A given name
    may be listed in lower case too, when listed capitalised as a proper noun ("John",
    "Maria"). No tagger: no."""
    if lang != "en":
        return False
    lexicon = _english_parser().lexicon
    lower = lexicon.get(word.lower())
    if lower is None or lower in PROPER_NOUN_TAGS:  # "toronto" is listed as one
        return lexicon.get(word) in PROPER_NOUN_TAGS | {None}
    return given and lexicon.get(word) in PROPER_NOUN_TAGS


def opening_tag(words: list[str], lang: str, tagged: list[str] | None = None) -> str | None:
    """The tag of a sentence's capitalised first word read as an ordinary word (lower-cased,
    in the context of the words after it; `tagged`: those words' tags, when the caller has
    them), unless the lexicon lists it capitalised as a proper noun: "Consequently ," RB,
    "Calibrate the" VBP, "Cuba" None. None where there is no tagger, and for an unlisted word
    unless it reads as a verb or an adverb."""
    if lang != "en" or not words:
        return None
    first = words[0]
    lexicon = _english_parser().lexicon
    if lexicon.get(first[:1].upper() + first[1:].lower()) in PROPER_NOUN_TAGS:
        return None
    tag = (tagged or tags([first.lower(), *words[1:]], lang))[0]
    if not is_listed_word(first, lang) and not tag.startswith(GUESSED_WITH_CONFIDENCE):
        return None  # an unlisted word's adjective or noun tag is a guess from its ending
    return tag


def tags(words: list[str], lang: str) -> list[str]:
    """Penn Treebank tags of a sentence's words, in a language of TAGGED_LANGUAGES (German:
    HanTa's reading of each capitalised word, its nouns and names given Penn's tags)."""
    if lang not in TAGGED_LANGUAGES:
        raise ValueError(f"no tagger for {lang}")
    if not words:
        return []
    if lang == "de":
        # A German term is a noun, and every noun is capitalised: each capitalised word is
        # read alone (and once a corpus, cached), the rest is no term's; tagging sentences
        # in context took five times as long for the same terms.
        return [
            _STTS_AS_PENN.get(german_reading(w)[0], "X") if w[:1].isupper() else "X" for w in words
        ]
    if lang == "ru":
        return [_russian_tag(w) for w in words]
    tagged = _english_parser().find_tags(list(words), map=lambda word, tag: (word, tag))
    fixed = _verbs_read_as_plurals([tag for _, tag in tagged], words)
    return _past_read_as_participle(_words_read_by_their_ending(fixed, words))


def _past_read_as_participle(tagged: list[str]) -> list[str]:
    """The tags with a sentence's verb that the tagger read as a participle set right: in a
    sentence with no verb in a tense, a participle right after a noun or a name and before
    a determiner or a noun is its past ("volunteers distributed leaflets", "the minister
    called the outbreak…"), not a participle modifying what follows."""
    if any(tag in _FINITE for tag in tagged):
        return tagged
    fixed = list(tagged)
    for i in range(1, len(tagged) - 1):
        if (
            tagged[i] == "VBN"
            and tagged[i - 1] in NOUN_TAGS | PROPER_NOUN_TAGS
            and tagged[i + 1] in NOUN_TAGS | _NOUN_PHRASE_OPENERS
        ):
            fixed[i] = "VBD"
            break
    return fixed


def _words_read_by_their_ending(tagged: list[str], words: list[str]) -> list[str]:
    """The tags with words the tagger reads by their ending set right: a hyphenated
    compound in "-ed" is an adjective ("tip-speed ratio", "two-bladed rotor": no verb has
    such a form), and so is "left" before an adjective or a noun ("left ventricle", the
    side, not the verb's past) and an adverb or a preposition between a determiner and a
    noun ("the downwind rotor", "the inside hand"); a base form after a determiner, or
    between a noun and the sentence's verb, is a noun ("the lead rope", "the rotor lock is
    engaged"), a word in -s after an adjective is a plural ("cardiac murmurs"), and a word
    read as a participle after a determiner with nothing after it to modify is a noun
    ("fixed to the seabed")."""
    fixed = list(tagged)
    for i, (word, tag) in enumerate(zip(words, tagged, strict=True)):
        before = tagged[i - 1] if i else ""
        after = tagged[i + 1] if i + 1 < len(tagged) else ""
        compound = tag in ("VBN", "VBD") and "-" in word.strip("-")
        side = tag in ("VBN", "VBD") and word.lower() in _SIDES and after in _MODIFIED_TAGS
        modifier = tag in ("RB", "IN") and before in _NOUN_PHRASE_OPENERS and after in NOUN_TAGS
        if compound or side or modifier:
            fixed[i] = "JJ"
        elif tag == "VB" and (
            (before == "NN" and after in _FINITE) or before in _NOUN_PHRASE_OPENERS
        ):
            fixed[i] = "NN"
        elif (
            tag == "VBZ"
            and before == "JJ"
            and word.endswith("s")
            and after not in _NOUN_PHRASE_OPENERS  # "the standard defines the cases"
        ):
            fixed[i] = "NNS"  # "cardiac murmurs disappeared": no verb follows an adjective
        elif (
            tag in ("VBN", "VBD")
            and before in _NOUN_PHRASE_OPENERS
            and after not in _MODIFIED_TAGS | {"VBG", "VBN", "NNP", "CD"}
        ):
            fixed[i] = "NN"
    return fixed


def _verbs_read_as_plurals(tagged: list[str], words: list[str]) -> list[str]:
    """The tags with a verb in the third person that the tagger read as a plural noun set
    right: before a determiner or a possessive ("the controller moves the blades", "It
    monitors the pitch"), or after a subject pronoun ("It reports faults"). A plural noun
    heads its phrase and is followed by a verb, a preposition or punctuation, not by an
    article."""
    fixed = list(tagged)
    for i, tag in enumerate(tagged):
        if tag != "NNS":
            continue
        before = words[i - 1].lower() if i else ""
        after = tagged[i + 1] if i + 1 < len(tagged) else ""
        if after in _NOUN_PHRASE_OPENERS or before in _SUBJECT_PRONOUNS:
            fixed[i] = "VBZ"
    return fixed


def _russian_tag(word: str) -> str:
    """A Russian word's Penn tag from pymorphy's likeliest reading, read alone (Russian marks
    a word's class in its ending): a noun in the plural NNS, a name's word NNP."""
    from tmkit.glossary.lemmas import PROPER_GRAMMEMES, russian_reading

    pos, _, grammemes = russian_reading(word)
    if pos == "NOUN" and (grammemes & PROPER_GRAMMEMES or word[:1].isupper()):
        return "NNP"
    if pos == "NOUN" and "plur" in grammemes:
        return "NNS"
    if pos == "ADJF" and "Apro" in grammemes:
        return "PRP$"  # a pronoun's adjective: "наши", "этих", "самых"
    return _RUSSIAN_AS_PENN.get(pos or "", "X")


@cache
def _german_analyser() -> object:
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=1 << 16)
def german_reading(word: str) -> tuple[str, str]:
    """HanTa's word class of a German word read alone, and its head: the last noun stem of
    a compound, or the last part of a hyphenated one ("Basislager": NN, "lager";
    "Schwere-Ablenkung": NN, "ablenkung"; "Berlin": NE, "berlin")."""
    if len(word) > MAX_WORD_LETTERS:
        return "", word.lower()  # read as no word of any class: see tags()
    _lemma, morphemes, word_class = _german_analyser().analyze(word, taglevel=3)
    if word_class in GERMAN_NAME_CLASSES and word.endswith("ss") and len(word) > 3:
        # The model learnt the spelling before 1996: "Einfluss" is a name to it, "Einfluß"
        # the noun it is.
        old_class, old_head = german_reading(word[:-2] + "ß")
        if old_class in GERMAN_NOUN_CLASSES:
            return old_class, old_head.removesuffix("ß") + "ss"
    stems = [m for m, tag in morphemes if tag in ("NN", "NE")]
    head = stems[-1] if stems else word.lower()
    return word_class, head.rsplit("-", 1)[-1]
