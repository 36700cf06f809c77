"""Part-of-speech tags for term candidates: Pattern's Brill tagger as TextBlob ships it.

TextBlob's wheel carries the tagger's lexicon, suffix rules and context rules (no download).
Only its stand-alone tagging module is loaded: importing the `textblob` package would pull in
NLTK and SciPy, about a second of start-up for nothing the glossary uses.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

NOUN_TAGS = frozenset({"NN", "NNS"})
# Words that may stand before a term's head noun: adjectives, nouns, participles.
MODIFIER_TAGS = frozenset({"JJ", "JJR", "NN", "NNS", "VBG", "VBN"})
TAGGED_LANGUAGES = frozenset({"en"})


@cache
def _pattern_text() -> tuple[ModuleType, Path]:
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed")
    package = Path(spec.submodule_search_locations[0])
    module_spec = importlib.util.spec_from_file_location(
        "_tmkit_pattern_text", package / "_text.py"
    )
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module, package / "en"


@cache
def _english_parser() -> object:
    text, data = _pattern_text()
    lexicon = text.Lexicon(
        path=str(data / "en-lexicon.txt"),
        morphology=str(data / "en-morphology.txt"),
        context=str(data / "en-context.txt"),
        entities=str(data / "en-entities.txt"),
        language="en",
    )
    return text.Parser(lexicon=lexicon, default=("NN", "NNP", "CD"), language="en")


def tags(words: list[str], lang: str) -> list[str]:
    """Penn Treebank tags of a sentence's words, in a language of TAGGED_LANGUAGES."""
    if lang not in TAGGED_LANGUAGES:
        raise ValueError(f"no tagger for {lang}")
    if not words:
        return []
    tagged = _english_parser().find_tags(list(words), map=lambda word, tag: (word, tag))
    return [tag for _, tag in tagged]
