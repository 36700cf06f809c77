"""Separate an office or title from a person's name: "President of Russia Vladimir Putin"."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from tmkit.datafiles import data_lines, data_words


@cache
def title_words() -> frozenset[str]:
    """Lower-case words that make up titles and offices."""
    return data_words("titles.txt")


@cache
def country_names() -> frozenset[tuple[str, ...]]:
    """Country names as token tuples (a set: the glossary asks of every name whether it is
    one)."""
    return frozenset(tuple(name.split()) for name in data_lines("countries.txt"))


@cache
def country_keys() -> frozenset[str]:
    """Country names lower-cased, "ё" read as "е", for texts that write either and lists
    that capitalise a name's words or not ("Соединённые штаты", "Соединенные Штаты")."""
    return frozenset(country_key(" ".join(words)) for words in country_names())


def country_key(name: str) -> str:
    """How country_keys() writes a name."""
    return name.lower().replace("ё", "е")


_CONNECTORS = frozenset({"of", "the", "for", "and", "to", "on"})
# Capitalised words that may qualify a title before it ("German National Trainer").
TITLE_QUALIFIERS = 2


def split_role(label: str, known_names: Iterable[str] = ()) -> tuple[str, str | None]:
    """Return (name, role) for a speaker label or a titled mention; role None when untitled."""
    label = " ".join(label.split())
    for name in sorted(known_names, key=len, reverse=True):
        if label != name and label.endswith(" " + name):
            return name, label[: -len(name)].strip()
    tokens = label.split(" ")
    cut = _role_length(tokens)
    if cut == 0 or cut >= len(tokens) or not tokens[cut][:1].isupper():
        return label, None  # no name after it: "Asamblea General de la ONU" is one body
    return " ".join(tokens[cut:]), " ".join(tokens[:cut])


def is_office(label: str) -> bool:
    """Whether a phrase is a title or office alone, with no name: "President of Russia"."""
    tokens = label.split()
    return bool(tokens) and _role_length(tokens) == len(tokens)


def _role_length(tokens: list[str]) -> int:
    """How many leading tokens form a title: title words, joined by "of [the] Place"."""
    i = 0
    cut = 0
    while i < len(tokens):
        word = tokens[i].lower().rstrip(".")
        ahead = tokens[i + 1 : i + 1 + TITLE_QUALIFIERS]
        qualifier = tokens[i][:1].isupper() and _leads_to_title(ahead)
        if is_title_word(word) or qualifier:  # "German National Trainer"
            i += 1
            cut = i
            continue
        if word in _CONNECTORS and cut == i:
            j = i
            while j < len(tokens) and tokens[j].lower() in _CONNECTORS:
                j += 1
            place = _place_length(tokens, j)
            if place == 0:
                break
            i = j + place
            cut = i
            continue
        break
    return cut


def is_title_word(word: str) -> bool:
    """Whether a word is a title's, in any case, hyphenated ones too ("Vice-President",
    "secretary-general": every part a title's word)."""
    titles = title_words()
    word = word.lower()
    if word in titles:
        return True
    parts = [part for part in word.split("-") if part]
    return len(parts) > 1 and all(part in titles for part in parts)


def _leads_to_title(following: list[str]) -> bool:
    """Whether capitalised words lead on to a title ("National Trainer" after "German"); a
    lower-case word between ("Ministry of Foreign…") ends the way."""
    for token in following:
        if is_title_word(token):
            return True
        if not token[:1].isupper():
            return False
    return False


@cache
def countries_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    """Country names by their first word, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for country in sorted(country_names(), key=len, reverse=True):
        found.setdefault(country[0], []).append(country)
    return found


def _place_length(tokens: list[str], start: int) -> int:
    """Tokens from `start` that name a place: a known country, else one capitalised word."""
    for country in countries_by_first_word().get(tokens[start] if start < len(tokens) else "", ()):
        if tuple(tokens[start : start + len(country)]) == country:
            return len(country)
    if start < len(tokens) and tokens[start][:1].isupper():
        return 1
    return 0
