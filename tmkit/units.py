"""Translation units: what TMX, PO, XLIFF and JSONL files hold, as plain data."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from tmkit.lang import primary
from tmkit.textio import refuse_uncarriable


@dataclass(slots=True)
class Variant:
    """One language's side of a unit; `markup` keeps a TMX <seg>'s inline elements verbatim."""

    lang: str
    text: str
    markup: str | None = None


# TMX's header srclang for a memory whose units may each have any language as their source.
ANY_SOURCE_LANGUAGE = "*all*"


@dataclass(slots=True)
class TranslationUnit:
    """A source and its renderings, with provenance as ordered (type, value) properties."""

    variants: list[Variant]
    tuid: str | None = None
    creationdate: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # TMX's segtype where the unit is not a sentence pair: "paragraph" for a bead of several
    # sentences on one side (OmegaT matches those as paragraphs).
    segtype: str | None = None
    # A rendering nobody has confirmed (an alignment below --min-score, a fuzzy PO entry, an
    # XLIFF target marked for review): PO and XLIFF say so; TMX, tables and TMs leave it out.
    needs_review: bool = False
    # The unit's own source language (TMX's `<tu srclang>`), where it is not the memory's.
    srclang: str | None = None

    def refuse_uncarriable(self, path: str | None, number: int) -> None:
        """Refuse, before it is written, a unit holding a character no TM file can carry
        (NUL, a C0 control, a lone surrogate): written, it could not be read back."""
        where = f"unit {self.tuid or number}"
        for text in (
            *(v.text for v in self.variants),
            *(v for pair in self.props for v in pair),
            *self.notes,
        ):
            refuse_uncarriable(text, path, what=where)

    def variant(self, lang: str) -> Variant | None:
        """The variant in `lang` (exact tag first, then same primary language), if any."""
        for variant in self.variants:
            if variant.lang.lower() == lang.lower():
                return variant
        base = primary(lang)
        for variant in self.variants:
            if primary(variant.lang) == base:
                return variant
        return None

    def source(self, srclang: str) -> Variant | None:
        """The source variant: in the unit's own source language where it names one, else in
        the memory's `srclang`; TMX's `*all*` (any language may be the source) makes it the
        unit's first variant."""
        lang = self.srclang or srclang
        if lang.lower() == ANY_SOURCE_LANGUAGE:
            return self.variants[0] if self.variants else None
        return self.variant(lang)

    def source_and_target(
        self, srclang: str, tgtlang: str | None
    ) -> tuple[Variant | None, Variant | None]:
        """The source variant and a different target variant (the first other one when no
        target language is given); in a one-language memory the second variant is the target."""
        source = self.source(srclang)
        others = [v for v in self.variants if v is not source]
        if tgtlang is None:
            return source, others[0] if others else None
        exact = [v for v in others if v.lang.lower() == tgtlang.lower()]
        base = primary(tgtlang)
        close = [v for v in others if primary(v.lang) == base]
        target = (exact or close or [None])[0]
        return source, target


GETTEXT_DATATYPE = "po"  # TMX's and XLIFF's datatype for a gettext catalogue's text


@dataclass(slots=True)
class Memory:
    """What a TM file says of itself besides its units: source language, tool, date."""

    srclang: str
    tgtlang: str | None = None
    creationdate: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    # What the units were extracted from, as TMX's and XLIFF's datatype say it: "po" for a
    # gettext catalogue (its XLIFF is then one gettext tools read back as a catalogue,
    # plural entries and all), else "plaintext".
    datatype: str = "plaintext"


def tmx_timestamp(epoch: float | None = None) -> str:
    """A TMX date (YYYYMMDDThhmmssZ): SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH")
        epoch = float(env) if env and env.isdigit() else time.time()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))
