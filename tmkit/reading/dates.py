"""Find dates written the ways news and transcripts write them, in the languages tmkit reads."""

from __future__ import annotations

import re

from tmkit.model import DateMention

# Month names and their usual abbreviations, per language; index in the tuple is month - 1.
_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "january|jan",
        "february|feb",
        "march|mar",
        "april|apr",
        "may",
        "june|jun",
        "july|jul",
        "august|aug",
        "september|sept|sep",
        "october|oct",
        "november|nov",
        "december|dec",
    ),
    "fr": (
        "janvier|janv",
        "février|fevrier|févr|fevr",
        "mars",
        "avril|avr",
        "mai",
        "juin",
        "juillet|juil",
        "août|aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre|decembre|déc",
    ),
    "es": (
        "enero|ene",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre|setiembre",
        "octubre",
        "noviembre",
        "diciembre|dic",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março|marco",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "de": (
        "januar|jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember|dez",
    ),
    "ru": (
        "января|январь",
        "февраля|февраль",
        "марта|март",
        "апреля|апрель",
        "мая|май",
        "июня|июнь",
        "июля|июль",
        "августа|август",
        "сентября|сентябрь",
        "октября|октябрь",
        "ноября|ноябрь",
        "декабря|декабрь",
    ),
}


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in _MONTHS.values():
        for number, alternatives in enumerate(names, start=1):
            for name in alternatives.split("|"):
                table.setdefault(name, number)
    return table


_MONTH_NUMBER = _month_table()
_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
        "thurs fri sat sun".split()
    ),
    "es": tuple("lunes martes miércoles jueves viernes sábado domingo".split()),
    "fr": tuple("lundi mardi mercredi jeudi vendredi samedi dimanche".split()),
    "de": tuple("montag dienstag mittwoch donnerstag freitag samstag sonntag".split()),
    "ru": tuple("понедельник вторник среда четверг пятница суббота воскресенье".split()),
}
# Each language's months and weekdays; a word of another language's calendar can be a name
# ("Mayo Clinic", "Mars" in English).
_CALENDAR_WORDS = {
    lang: frozenset(name for month in _MONTHS.get(lang, ()) for name in month.split("|"))
    | frozenset(_WEEKDAYS.get(lang, ()))
    for lang in _MONTHS.keys() | _WEEKDAYS.keys()
}
_ANY_CALENDAR_WORD = frozenset().union(*_CALENDAR_WORDS.values())


def is_calendar_word(word: str, lang: str | None = None) -> bool:
    """Whether a word names a month or a day of the week (a capital that is not a name), in
    language `lang` when tmkit knows its calendar, else in any it knows."""
    return word.lower().rstrip(".") in _CALENDAR_WORDS.get(lang or "", _ANY_CALENDAR_WORD)


_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))


def _day(group: str) -> str:
    return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th|er|º)?"


def _year(group: str) -> str:
    return rf"(?P<{group}>(?:1[89]|2\d)\d\d)"


# The standard library's engine: it compiles this alternation of every month's names in a
# third of the time `regex` takes, at every start.
_DATE = re.compile(
    rf"""
    \b(?:
        (?P<iso>{_year("iy")}-(?P<im>[01]\d)-(?P<id>[0-3]\d))
      | (?P<mdy>(?P<m1>{_MONTH})\.?\s+{_day("d1")}(?!\d)(?:,?\s+{_year("y1")})?)
      | (?P<dmy>{_day("d2")}\.?\s+(?:de\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?:de\s+)?{_year("y2")})?)
      | (?P<my>(?P<m3>{_MONTH})\s+(?:de\s+)?{_year("y3")})
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


_ANY_DIGIT = re.compile(r"\d")


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every date mention in text, with offsets shifted by `offset`; impossible dates skipped."""
    found: list[DateMention] = []
    if not _ANY_DIGIT.search(text):  # every date form has a day or a year in digits
        return found
    for match in _DATE.finditer(text):
        if match["iso"]:
            year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
        elif match["mdy"]:
            year = int(match["y1"]) if match["y1"] else None
            month, day = _MONTH_NUMBER[match["m1"].lower()], int(match["d1"])
        elif match["dmy"]:
            year = int(match["y2"]) if match["y2"] else None
            month, day = _MONTH_NUMBER[match["m2"].lower()], int(match["d2"])
        else:
            year, month, day = int(match["y3"]), _MONTH_NUMBER[match["m3"].lower()], None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        if match["m1"] == "may" and not match["y1"]:
            continue  # lower-case "may 9" without a year is the verb, not the month
        found.append(
            DateMention(
                start=offset + match.start(),
                end=offset + match.end(),
                text=match.group(),
                year=year,
                month=month,
                day=day,
            )
        )
    return found
