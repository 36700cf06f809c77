"""Read a text file into a str: UTF-8 first, legacy Western encodings only when unmistakable."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import regex

from tmkit.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters a cp1252 / Latin-1 text in a Western European language plausibly holds.
_LATIN_TEXT_EXTRA = regex.compile(r"[^\x00-\x7f\p{Script=Latin}\u00a0-\u00bf\u2013-\u2026\u20ac]")
_LETTER = regex.compile(r"\p{L}")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(path: str, limit: int = -1) -> bytes:
    """Read a file (its first `limit` bytes when given), or stdin for `-`, turning OS errors
    into one-line input errors."""
    if path == "-":
        return sys.stdin.buffer.read(limit)
    p = Path(path)
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with p.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def decode_text(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes to text with newlines normalised; return (text, encoding used)."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        text = _strict_decode(data, encoding, path)
        return _check_text(_normalise(text), path), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict_decode(data[len(bom) :], name, path)
            return _check_text(_normalise(text), path), name
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary data, not text")
    try:
        return _check_text(_normalise(data.decode("utf-8")), path), "utf-8"
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        bad_byte = data[exc.start]
    legacy = _plausible_cp1252(data)
    if legacy is None:
        raise InputError(
            path,
            f"not UTF-8 (byte 0x{bad_byte:02X}) and not recognisably cp1252/Latin-1 text; "
            "name the encoding with --encoding",
            line=bad_line,
        )
    return _check_text(_normalise(legacy), path), "cp1252"


def read_utf8(path: str) -> str:
    """A UTF-8 file's text (BOM dropped, newlines normalised); other encodings are refused."""
    data = read_bytes(path)
    try:
        return _normalise(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, "not UTF-8 text", line) from None


def _strict_decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, f"invalid {encoding} data (byte 0x{data[exc.start]:02X})", line=line
        ) from None


def _plausible_cp1252(data: bytes) -> str | None:
    """cp1252 text when every non-ASCII character is one a Western text holds, sparingly."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _LATIN_TEXT_EXTRA.search(text):
        return None
    letters = len(_LETTER.findall(text))
    non_ascii = sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    if letters == 0 or non_ascii / letters > 0.25:
        return None
    return text


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, path: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, len(text) // 200):
        raise InputError(path, "binary data, not text")
    return text
