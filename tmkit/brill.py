"""Pattern's Brill tagger as TextBlob ships it: its stand-alone module and its English data.

TextBlob's wheel carries the tagger's lexicon, suffix rules and context rules (no download).
Only its stand-alone tagging module is loaded: importing the `textblob` package would pull in
NLTK and SciPy, about a second of start-up for nothing tmkit uses.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import regex

# A lexicon line of a lower-case word the tagger reads as a verb: "hold VB", "meets VBZ".
_VERB_LINE = regex.compile(r"(?m)^([a-z][a-z'-]*) (VB[ZDP]?)$")


@cache
def pattern_text() -> tuple[ModuleType, Path]:
    """The tagger's stand-alone module and the folder of its English data."""
    package = _textblob_folder()
    if package is None:
        raise ImportError("textblob is not installed")
    module_spec = importlib.util.spec_from_file_location(
        "_tmkit_pattern_text", package / "_text.py"
    )
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module, package / "en"


@cache
def english_verb_forms() -> dict[str, str]:
    """Lower-case words the lexicon reads as verbs first, with that tag (VB, VBZ, VBD, VBP):
    read from its file in about 10 ms, where loading the whole tagger takes 70."""
    package = _textblob_folder()
    if package is None:
        return {}
    return dict(_VERB_LINE.findall((package / "en" / "en-lexicon.txt").read_text("utf-8")))


def _textblob_folder() -> Path | None:
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0])
