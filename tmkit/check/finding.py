"""A finding of any check rule, and every rule's id with its default severity.

The terminology rules are in tmkit.check.rules, the QA rules of target against source in
tmkit.check.qa; both report Findings, placed and filtered alike by tmkit.check.run.
"""

from __future__ import annotations

from dataclasses import dataclass

TERMINOLOGY_RULES = {
    "deprecated": "error",
    "variant": "error",
    "case": "warning",
    "near-miss": "warning",
    "spelling": "warning",
    "missing-term": "error",
    "number": "error",
}
QA_RULES = {
    "placeholder": "error",
    "tags": "error",
    "untranslated": "warning",
    "same-as-source": "warning",
    "repeated-word": "warning",
    "double-space": "warning",
    "whitespace": "warning",
    "newline": "error",
    "url": "error",
    "email": "error",
    "brackets": "warning",
    "end-punctuation": "warning",
    "length": "warning",
    "inconsistent-target": "warning",
    "inconsistent-source": "warning",
}
ALL_RULES = {**TERMINOLOGY_RULES, **QA_RULES}


@dataclass(slots=True)
class Finding:
    """One problem in a draft, at [start, end) of a piece of it (a unit's target)."""

    rule: str
    piece: int
    start: int
    end: int
    found: str
    expected: str | None
    message: str
    term_id: str | None = None
    level: str | None = None  # the configured severity, when it is not the rule's default

    @property
    def severity(self) -> str:
        """The configured severity, else the rule's own."""
        return self.level or ALL_RULES[self.rule]
