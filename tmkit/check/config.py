"""The check configuration: which rules run and at what severity, in a TOML file.

    [rules]
    same-as-source = "off"      # or "error", "warning", "info"
    length = "error"

Rules not named keep their defaults (tmkit.check.finding.ALL_RULES, and the rules off by
default, DEFAULT_OFF). An unknown rule id or level is an input error
naming its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from tmkit.check.finding import ALL_RULES
from tmkit.choices import SEVERITIES
from tmkit.errors import InputError
from tmkit.textio import read_utf8
from tmkit.tomlfile import parse_toml

# Rules whose precision on real catalogues stays under 90% (README, "Checker precision";
# the judged sample is tests/data/qa_precision_sample.json), or that found nothing there to
# judge (length): run only when the configuration turns them on.
DEFAULT_OFF = frozenset(
    {"same-as-source", "inconsistent-source", "length", "number", "double-space", "whitespace"}
)
OFF = "off"
# In prose checked against its source (a text, Word, OpenDocument, web page, PDF or subtitle
# draft with --source) numbers are facts, not examples of a locale's format: there the
# number rule is on unless configured off.
PROSE_ON = frozenset({"number"})


@dataclass(slots=True)
class Levels:
    """The level of every rule, and which ones a configuration file set."""

    levels: dict[str, str] = field(default_factory=dict)
    configured: set[str] = field(default_factory=set)

    def of(self, rule: str, prose: bool = False) -> str:
        """The rule's level; in a prose draft, the rules of PROSE_ON keep their severity."""
        if prose and rule in PROSE_ON and rule not in self.configured:
            return ALL_RULES[rule]
        return self.levels[rule]


def default_levels() -> Levels:
    """Every rule's level when no configuration says otherwise."""
    return Levels(
        {rule: OFF if rule in DEFAULT_OFF else level for rule, level in ALL_RULES.items()}
    )


def load_levels(path: str | None) -> Levels:
    """Rule levels: the defaults, changed by the `[rules]` table of the file at `path`."""
    levels = default_levels()
    if path is None:
        return levels
    text = read_utf8(path)
    raw = parse_toml(path, text)
    extra = set(raw) - {"rules"}
    if extra:
        raise InputError(path, f"unknown table {sorted(extra)[0]!r} (only [rules])")
    rules = raw.get("rules", {})
    if not isinstance(rules, dict):
        raise InputError(path, "[rules] must be a table of rule = level")
    for rule, level in rules.items():
        line = _line_of(text, rule)
        if rule not in ALL_RULES:
            known = ", ".join(sorted(ALL_RULES))
            raise InputError(path, f"unknown rule {rule!r} (known: {known})", line)
        if level not in (*SEVERITIES, OFF):
            raise InputError(
                path, f"{rule}: level {level!r} is none of {', '.join((*SEVERITIES, OFF))}", line
            )
        levels.levels[rule] = level
        levels.configured.add(rule)
    return levels


def _line_of(text: str, key: str) -> int | None:
    pattern = regex.compile(rf"^\s*[\"']?{regex.escape(key)}[\"']?\s*=", regex.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None
