"""Glossary entries as plain data: a concept, its forms with their status, and provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("preferred", "admitted", "deprecated", "superseded")
# The statuses of forms not to write.
NOT_TO_USE = frozenset({"deprecated", "superseded"})
KINDS = ("person", "organisation", "place", "event", "document", "name", "term")


@dataclass(slots=True)
class Form:
    """One written form of an entry, how often it occurs and whether to use it."""

    form: str
    status: str = "admitted"
    count: int = 0


@dataclass(slots=True)
class Entry:
    """One name or term: its preferred form first among `forms`, and what is known of it."""

    id: str
    lang: str
    kind: str
    forms: list[Form]
    docs: list[str] = field(default_factory=list)
    context: str = ""
    role: str | None = None
    translations: dict[str, list[str]] = field(default_factory=dict)
    # Renderings a termbase marks deprecated or superseded, by language: not to be written.
    deprecated_translations: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    score: float | None = None

    @property
    def term(self) -> str:
        """The preferred form."""
        return self.forms[0].form

    @property
    def count(self) -> int:
        """Occurrences of all forms."""
        return sum(f.count for f in self.forms)

    def record(self) -> dict[str, object]:
        """The entry as `tmkit glossary build --format json` prints it (DESIGN.md's shape)."""
        record: dict[str, object] = {
            "id": self.id,
            "term": self.term,
            "lang": self.lang,
            "kind": self.kind,
            "status": self.forms[0].status,
            "variants": [
                {"form": f.form, "status": f.status, "count": f.count} for f in self.forms[1:]
            ],
            "count": self.count,
            "docs": self.docs,
            "context": self.context,
            "translations": self.translations,
        }
        if self.deprecated_translations:
            record["deprecated_translations"] = self.deprecated_translations
        if self.role:
            record["role"] = self.role
        if self.notes:
            record["notes"] = self.notes
        if self.suggestions:
            record["suggestions"] = self.suggestions
        if self.score is not None:
            record["termhood"] = self.score
        return record
