"""Language tags: validate BCP 47 tags against ISO 639, and guess a text's language."""

from __future__ import annotations

import math
from functools import cache, lru_cache

import regex

from tmkit.datafiles import data_lines
from tmkit.errors import InputError

_BCP47 = regex.compile(
    r"^(?P<lang>[a-z]{2,3})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-x(?:-[a-z\d]{1,8})+)?$",
    regex.IGNORECASE,
)

# A few hundred of the most frequent function words decide among the languages tmkit ships
# segmentation rules for; anything else is left undetermined rather than guessed.
_FUNCTION_WORDS = {
    "en": "the of and to in is that it was for on are with as at be this by from have not "
    "has but which they their his we will would been were an or also who",
    "es": "el la de que y en los las del se por un una con para es al lo como más pero sus "
    "le ha fue este esta entre cuando muy sin sobre también",
    "fr": "le la les de des du et est un une que qui dans pour pas sur au aux avec ce cette "
    "il elle sont ont été par plus ne se nous vous leur",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch "
    "es an werden aus er hat dass sie nach wird bei",
    "pt": "o a os as de do da dos das e que em um uma para com não por mais foi como ao "
    "pelo pela seu sua são também ele ela",
    "it": "il lo la gli le di del della e che è un una per con non si da al alla sono anche "
    "come più nel nella ha questo questa",
    "ru": "и в не на что с по как а то он это к из у же за от бы для она так его но все "
    "был было были мы вы они",
}
_WORD = regex.compile(r"\p{L}+")


@cache
def _known_codes() -> frozenset[str]:
    return frozenset(line.split("\t", 1)[0] for line in data_lines("languages.txt"))


@cache
def _language_names() -> dict[str, str]:
    """English names of the languages with a two-letter code, lower case, to the code."""
    names: dict[str, str] = {}
    for line in data_lines("languages.txt"):
        code, _, name = line.partition("\t")
        if len(code) == 2:
            for part in name.split(";"):  # "Spanish; Castilian"
                names.setdefault(_PARENTHESIS.sub("", part).strip().lower(), code)
    return names


_PARENTHESIS = regex.compile(r"\s*\(.*\)$")


def language_named(name: str) -> str | None:
    """The code of a language written by its English name, as a spreadsheet's column is
    headed ("French", "English (United States)"), or None."""
    return _language_names().get(_PARENTHESIS.sub("", name).strip().lower())


@cache
def _function_words() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}


@lru_cache(maxsize=4096)  # a server normalises the same few tags on every request
def normalise_tag(tag: str, source: str | None = None) -> str:
    """Return the tag in canonical case (es-MX, sr-Latn-RS); refuse tags that name no language."""
    match = _BCP47.match(tag.strip())
    if not match or match["lang"].lower() not in _known_codes():
        raise InputError(source, f"unknown language tag {tag!r}")
    parts = tag.strip().split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def known_tag(tag: str) -> str | None:
    """The tag in canonical case where it names a language tmkit knows, else None (a header
    cell, a page's declaration: evidence to weigh, not input to refuse)."""
    try:
        return normalise_tag(tag)
    except InputError:
        return None


# Locale modifiers (`sr_RS@latin`) that name a script, as ISO 15924 codes.
_MODIFIER_SCRIPTS = {
    "latin": "Latn",
    "cyrillic": "Cyrl",
    "arabic": "Arab",
    "devanagari": "Deva",
    "hebrew": "Hebr",
    "greek": "Grek",
}


def tag_from_locale(name: str) -> str:
    """A gettext or POSIX locale name (`pt_BR`, `sr_RS@latin`, `de_DE.UTF-8`), as PO headers
    and CAT tools write it, as a BCP 47 tag (`pt-BR`, `sr-Latn-RS`, `de-DE`), in canonical
    case when it names a language; a BCP 47 tag comes back as it is."""
    locale, _, modifier = name.strip().partition("@")
    parts = locale.split(".")[0].replace("_", "-").split("-")
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    if script:
        parts.insert(1, script)
    elif 5 <= len(modifier) <= 8 and modifier.isalnum():  # a variant: ca@valencia
        parts.append(modifier.lower())
    tag = "-".join(parts)
    return known_tag(tag) or tag


# The tag of the second side when both sides are one language (a transcript and the press
# that quotes it): a private-use subtag, so CAT tools see two languages and take the second
# side as the target. TMX, PO, XLIFF and the glossary's renderings all use it.
COUNTERPART_SUBTAG = "x-counter"


def counterpart_tag(src_lang: str, tgt_lang: str) -> str:
    """The target side's tag: itself, or `en-x-counter` when it is the source's language."""
    if primary(src_lang) == primary(tgt_lang):
        return f"{primary(tgt_lang)}-{COUNTERPART_SUBTAG}"
    return tgt_lang


@lru_cache(maxsize=4096)  # an import asks it of the same few tags for every unit
def primary(tag: str) -> str:
    """The primary language subtag: `es` for `es-MX`, and for the locale `es_MX` that older
    TMX files and Java tools write."""
    return tag.replace("_", "-").split("-", 1)[0].lower()


def guess_language(text: str, sample: int = 20000) -> str:
    """The text's language: by function words when there are enough of them (fast, and sure
    on a page of prose), else by a character n-gram model (a sentence or two), else `und`."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if not words:
        return "und"
    return _settled_by_function_words(words) or _guess_by_model(text[:sample])


def sure_language(text: str, sample: int = 20000) -> str | None:
    """The text's language when its function words settle it (prose enough to be sure, as
    needed to contradict what a user says: a menu's "Pizza Margherita" is no Italian text),
    else None."""
    return _settled_by_function_words([w.lower() for w in _WORD.findall(text[:sample])])


def _settled_by_function_words(words: list[str]) -> str | None:
    """The language whose function words are many among these lower-case words and well
    ahead of any other's, or None."""
    if not words:
        return None
    scores = {
        lang: sum(1 for w in words if w in vocab) for lang, vocab in _function_words().items()
    }
    best = max(scores, key=scores.__getitem__)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 3 or ranked[0] < 0.1 * len(words) or ranked[0] <= 1.3 * ranked[1]:
        return None
    return best


# How far (in log probability) the model's first choice must lead the best of the languages
# tmkit has rules for before it is taken instead: a sentence of English can score as Sesotho
# by a hair, while Ukrainian, Polish or Chinese lead by tens.
_OTHER_LANGUAGE_LEAD = 10.0


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _guess_by_model(text: str) -> str:
    ranking = _identifier().rank(text)
    first, first_score = ranking[0]
    if not math.isfinite(first_score) or first_score < -1e30:
        return "und"
    if first in _FUNCTION_WORDS:
        return first
    ours = max(score for lang, score in ranking if lang in _FUNCTION_WORDS)
    if first_score - ours >= _OTHER_LANGUAGE_LEAD and first in _known_codes():
        return first
    return "und"


# The script a language is written in where it is not Latin (a tag's own script subtag says
# otherwise: sr-Latn); the alphabets a short text is told apart by.
_SCRIPTS = {
    "Cyrillic": "ru uk be bg mk sr kk ky mn tg tt ba cv",
    "Greek": "el",
    "Arabic": "ar fa ur ps ug",
    "Hebrew": "he yi",
    "Armenian": "hy",
    "Georgian": "ka",
    "Thai": "th",
    "Han": "zh ja ko",
}
_SCRIPT_SUBTAGS = {"latn": "Latin", "cyrl": "Cyrillic", "grek": "Greek", "arab": "Arabic",
                   "hebr": "Hebrew", "armn": "Armenian", "geor": "Georgian", "thai": "Thai",
                   "hans": "Han", "hant": "Han", "jpan": "Han", "kore": "Han"}  # fmt: skip
_SCRIPT_LETTER = regex.compile(
    r"(\p{Latin})|(\p{Cyrillic})|(\p{Greek})|(\p{Arabic})|(\p{Hebrew})|(\p{Armenian})"
    r"|(\p{Georgian})|(\p{Thai})|([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])"
)
_LETTER_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Armenian", "Georgian",
                   "Thai", "Han")  # fmt: skip


def written_in_script_of(text: str, tag: str) -> bool:
    """Whether a text's letters are mostly in the script its language tag is written in (a
    page or a document may declare its template's language: "Да." is no en-US text); True
    for a text without letters."""
    parts = tag.lower().split("-")
    script = next((_SCRIPT_SUBTAGS[p] for p in parts[1:] if p in _SCRIPT_SUBTAGS), None)
    if script is None:
        script = next((name for name, langs in _SCRIPTS.items() if parts[0] in langs.split()),
                      "Latin")  # fmt: skip
    counts = [0] * len(_LETTER_SCRIPTS)
    for match in _SCRIPT_LETTER.finditer(text, 0, 20000):
        counts[match.lastindex - 1] += 1
    if not any(counts):
        return True
    return _LETTER_SCRIPTS[counts.index(max(counts))] == script
