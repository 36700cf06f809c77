"""TOML files people edit (the corpus manifest, glossary curation): parse errors with lines."""

from __future__ import annotations

import tomllib

import regex

from tmkit.errors import InputError

_TOML_LINE = regex.compile(r"at line (\d+)")


def parse_toml(path: str, text: str) -> dict[str, object]:
    """Parse TOML text, turning a syntax error into an input error naming its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise InputError(path, f"not valid TOML: {exc}", line=line) from None


def table_lines(text: str, name: str) -> list[int]:
    """Line numbers of each `[[name]]` header, in order, to name a table's line in errors."""
    header = f"[[{name}]]"
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == header]
