"""Read a text file into a str: UTF-8 first, legacy Western encodings only when unmistakable.

Documents (`decode_text`) have their line breaks normalised to LF (CRLF, CR, form feed).
Data files (`read_utf8`: TM files, glossaries, gold) are decoded
as they are: their formats say what a line is, and U+2028, U+0085 or a CR inside a value is
data, never a line break. NUL and the C0 controls XML cannot carry are refused in both, at
their line.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import BinaryIO

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
# A character XML 1.0 cannot carry, not even as a character reference, so no TM format tmkit
# writes can hold it (stdlib re: on this plain class it is several times faster than regex).
NOT_XML_CHAR = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks of a document other than LF: CRLF, CR, and the page breaks form feed and vertical
# tab (controls XML cannot carry). NEL and U+2028/9 stay characters: a line is what ends in LF,
# as the segment-a-line inputs of aligners count it.
_DOCUMENT_BREAK = re.compile("\r\n?|[\x0b\x0c]")
# A well-formed multi-byte UTF-8 sequence: where a file has one, it is UTF-8, however damaged.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def read_bytes(path: str, limit: int = -1) -> bytes:
    """Read a file (its first `limit` bytes when given), or stdin for `-`, turning OS errors
    into one-line input errors."""
    if path == "-":
        return sys.stdin.buffer.read(limit)
    with opened(path) as handle:
        return handle.read(limit)


@contextmanager
def opened(path: str) -> Iterator[BinaryIO]:
    """A file open for reading in binary, OS errors (while opening or reading) turned into
    one-line input errors."""
    if Path(path).is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with Path(path).open("rb") as handle:
            yield handle
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


# Bytes a document file is read in, block by block.
READ_BLOCK = 1 << 20


def decode_text(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a document's bytes to text with line breaks normalised to LF; return (text,
    encoding used). Text that is UTF-8 but for a few bytes is refused at the first bad
    byte, never re-read as cp1252."""
    blocks, used = _decode_blocks(lambda: iter((data,)), path, encoding, data[:4])
    return "".join(blocks), used


def read_text_blocks(path: str, encoding: str | None = None) -> tuple[Iterator[str], str]:
    """A document file's text in blocks, decoded as decode_text decodes the whole, and the
    encoding used. A regular file is read block by block, twice (first to settle its
    encoding), so memory stays the size of a block; stdin and special files are read whole."""
    if path == "-" or not Path(path).is_file():
        data = read_bytes(path)
        return _decode_blocks(lambda: iter((data,)), path, encoding, data[:4])
    return _decode_blocks(lambda: _file_blocks(path), path, encoding, read_bytes(path, 4))


def _file_blocks(path: str) -> Iterator[bytes]:
    with opened(path) as handle:
        while block := handle.read(READ_BLOCK):
            yield block


# Documents read as text only by mistake, by how their bytes begin: say what they are.
_BINARY_DOCUMENTS = (
    (b"\xd0\xcf\x11\xe0", "an Office 97-2003 file (.doc, .xls, .ppt)"),
    (b"PK\x03\x04", "a zip archive (a .docx, .odt or .xlsx named otherwise?)"),
)


def _decode_blocks(
    blocks: Callable[[], Iterator[bytes]], path: str, encoding: str | None, head: bytes
) -> tuple[Iterator[str], str]:
    """Settle the encoding (named, a BOM in the first bytes `head`, UTF-8, else plausible
    cp1252), then decode; blocks() gives the bytes afresh each time it is called."""
    for magic, kind in _BINARY_DOCUMENTS:
        if head.startswith(magic):
            raise InputError(path, f"{kind}, not text: save it as .docx or .odt", 1)
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        if not codec._is_text_encoding:  # base64, rot13, zlib: bytes to bytes, as open() says
            raise InputError(path, f"{encoding!r} is not a text encoding")
        return _decoded(blocks(), encoding, path), encoding
    for bom, name in _BOMS:
        if head.startswith(bom):
            return _decoded(blocks(), name, path, skip=len(bom)), name
    used = _settled_encoding(blocks, path)
    return _decoded(blocks(), used, path), used


def _settled_encoding(blocks: Callable[[], Iterator[bytes]], path: str) -> str:
    """UTF-8, or cp1252 for text with no UTF-8 in it that reads as Western text; NUL bytes
    and text that is UTF-8 but for a few bytes refused at their line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = offset = 0
    bad: tuple[int, int, int] | None = None  # (byte offset, byte, line) of the first bad byte
    multibyte = False
    tail = b""
    for block in blocks():
        nul = block.find(b"\x00")
        if nul >= 0:
            raise InputError(
                path, "NUL byte: binary data, not text", lines + block.count(b"\n", 0, nul) + 1
            )
        multibyte = multibyte or bool(_UTF8_SEQUENCE.search(tail + block))
        if bad is None:
            pending = decoder.getstate()[0]  # the start of a sequence the last block cut
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                at, byte = _bad_byte(exc, pending, block)
                bad = (offset + at, byte, lines + block.count(b"\n", 0, max(at, 0)) + 1)
        tail = (tail + block)[-3:]  # a sequence the next block completes
        lines += block.count(b"\n")
        offset += len(block)
    if bad is None:
        pending = decoder.getstate()[0]
        try:
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:  # the file ends inside a sequence
            bad = (offset - len(pending), pending[0], lines + 1)
    at, byte, line = bad
    if multibyte:
        raise InputError(
            path,
            f"invalid UTF-8 byte 0x{byte:02X} at byte offset {at} in text that "
            "is otherwise UTF-8; fix it, or name the encoding with --encoding",
            line=line,
        )
    if not _plausible_cp1252(blocks()):
        raise InputError(
            path,
            f"not UTF-8 (byte 0x{byte:02X}) and not recognisably cp1252/Latin-1 text; "
            "name the encoding with --encoding",
            line=line,
        )
    return "cp1252"


def _bad_byte(exc: UnicodeDecodeError, pending: bytes, block: bytes) -> tuple[int, int]:
    """Where in the block an incremental decoder's error is (negative: in the bytes it held
    back from the block before), and the byte there."""
    at = exc.start - len(pending)
    return at, block[at] if at >= 0 else pending[exc.start]


def _decoded(blocks: Iterator[bytes], codec: str, path: str, skip: int = 0) -> Iterator[str]:
    """The blocks' text in codec, skipping `skip` bytes (a BOM), line breaks normalised;
    refused where it holds NUL or a control character (as binary data when its start holds
    many), or bytes the codec cannot read, at their line."""
    decoder = codecs.getincrementaldecoder(codec)()
    byte_lines = lines = 0
    held = ""  # a CR that ends a block: maybe half of a CRLF
    start: str | None = ""  # the text's first characters, until the binary test is made
    for block in chain(blocks, [None]):
        final = block is None
        data = b"" if block is None else block[skip:]
        skip = max(0, skip - len(block or b""))
        pending = decoder.getstate()[0]
        try:
            text = held + decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            at, bad = _bad_byte(exc, pending, data)
            line = byte_lines + data.count(b"\n", 0, max(at, 0)) + 1
            raise InputError(path, f"invalid {codec} data (byte 0x{bad:02X})", line=line) from None
        except UnicodeError:  # UTF-16 or UTF-32 named, with no byte order mark
            name = codecs.lookup(codec).name
            raise InputError(
                path,
                f"{codec} text with no byte order mark: name its order, {name}-le or {name}-be",
                line=1,
            ) from None
        byte_lines += data.count(b"\n")
        held = "\r" if not final and text.endswith("\r") else ""
        text = _normalise(text[: len(text) - len(held)])
        if start is not None:
            start += text
            if len(start) < _BINARY_TEST_CHARS and not final:
                continue
            if len(NOT_XML_CHAR.findall(start, 0, _BINARY_TEST_CHARS)) > 2:
                raise InputError(path, "binary data, not text")
            text, start = start, None
        refuse_uncarriable(text, path, lines + 1)
        lines += text.count("\n")
        if text:
            yield text


# A text is binary data when its first this many characters hold three controls or more.
_BINARY_TEST_CHARS = 4096

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text for a terminal or a report: a control character a stored unit or a checked
    catalogue may hold is shown as \\xNN, never sent raw (it could move the cursor or
    retitle the window)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def shortened(text: str, limit: int = 80) -> str:
    """Text for a one-line message: at most `limit` characters, an ellipsis where cut (a
    query may be a whole pasted paragraph)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_utf8(path: str, carriable_only: bool = True) -> str:
    """A UTF-8 data file's text as it is (BOM dropped, line ends untouched), or a UTF-16 or
    UTF-32 one's that opens with its byte-order mark (Excel's "Unicode text" export); other
    encodings are refused with their line, and so (`carriable_only`, for what may become a
    TM file) are NUL and the controls XML cannot carry."""
    return data_text(read_bytes(path), path, carriable_only)


def data_text(data: bytes, path: str, carriable_only: bool = True) -> str:
    """read_utf8's text of a data file's bytes, read already (a PO file's, whose header may
    name another charset)."""
    bom, codec = next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", "utf-8"))
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        if codec != "utf-8":
            family = codec.rsplit("-", 1)[0].upper()  # "UTF-16", whichever byte order
            raise InputError(
                path, f"not {family} text after its byte-order mark: {exc.reason}"
            ) from None
        at = len(bom) + exc.start
        line = data.count(b"\n", 0, at) + 1
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[at]:02X} at offset {at})", line
        ) from None
    if carriable_only:
        refuse_uncarriable(text, path)
    return text


def refuse_uncarriable(text: str, path: str | None, line: int = 1, what: str = "text") -> None:
    """Refuse text holding a character no TM format can carry (NUL, C0 controls but tab and
    line ends, U+FFFE/U+FFFF, a lone surrogate), naming its line; `line` is where `text`
    starts in the file."""
    bad = NOT_XML_CHAR.search(text)
    if bad is None:
        return
    at = line + text.count("\n", 0, bad.start())
    name = _character_name(bad[0])
    raise InputError(path, f"{what} holds {name}, which no TM file can carry", at)


def refuse_uncarriable_values(value: object, path: str, line: int) -> None:
    """Every string in a JSON value, keys included, must be text a TM file can carry: JSON
    can escape a NUL or a lone surrogate that no other format holds."""
    if isinstance(value, str):
        if "\n" in value:  # escaped in the file: the value is on the line given
            value = value.replace("\n", " ")
        refuse_uncarriable(value, path, line, "a value")
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_uncarriable_values(key, path, line)
            refuse_uncarriable_values(item, path, line)
    elif isinstance(value, list):
        for item in value:
            refuse_uncarriable_values(item, path, line)


def _character_name(char: str) -> str:
    if char == "\x00":
        return "a NUL character"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"a lone surrogate (U+{ord(char):04X})"
    return f"the control character U+{ord(char):04X}"


def split_lines(text: str) -> list[str]:
    """A data file's lines: split at LF only (a CR before it dropped), never at U+2028,
    U+2029, U+0085 or the other characters str.splitlines also breaks at."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _plausible_cp1252(blocks: Iterator[bytes]) -> bool:
    """Whether the bytes read as cp1252 hold only characters a Western text holds, and
    those sparingly."""
    letters = non_ascii = 0
    for block in blocks:
        try:
            text = block.decode("cp1252")
        except UnicodeDecodeError:
            return False
        if _LATIN_TEXT_EXTRA.search(text):
            return False
        letters += len(_LETTER.findall(text))
        non_ascii += sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    return letters > 0 and non_ascii / letters <= 0.25


def _normalise(text: str) -> str:
    return _DOCUMENT_BREAK.sub("\n", text)
