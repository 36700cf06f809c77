"""Encodings: UTF-8 and BOMs read, cp1252 read only when unmistakable, everything else refused."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit import textio
from tmkit.errors import InputError
from tmkit.textio import decode_text

FRENCH = "Le président a reçu à Moscou son homologue cubain, « un ami », disait-il.\n"


def test_utf8_and_newlines() -> None:
    text, used = decode_text(b"a\r\nb\rc", "f")
    assert (text, used) == ("a\nb\nc", "utf-8")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(codec: str) -> None:
    text, _ = decode_text(FRENCH.encode(codec), "f")
    assert text == FRENCH


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_data_files_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    """A glossary or TM table saved as Excel's "Unicode text" is UTF-16 with its mark: read
    as UTF-8 is; a wide file cut in the middle of a character is refused."""
    data = FRENCH.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / "table.txt"
    path.write_bytes(data)
    assert textio.read_utf8(str(path)) == FRENCH
    path.write_bytes(codecs.BOM_UTF16_LE + "A".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputError, match="not UTF-16 text after its byte-order mark"):
        textio.read_utf8(str(path))


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_western_text_is_read_correctly(codec: str) -> None:
    text, used = decode_text(FRENCH.encode(codec), "f")
    assert text == FRENCH and used == "cp1252"


def test_cp1252_typographic_quotes() -> None:
    source = "He said “yes” – and left… for €5.\n"
    assert decode_text(source.encode("cp1252"), "f")[0] == source


def test_cyrillic_legacy_encoding_is_refused_not_mangled() -> None:
    data = "Президент России встретился с президентом Кубы.\n".encode("cp1251")
    with pytest.raises(InputError) as err:
        decode_text(data, "ru.txt")
    assert "not UTF-8" in err.value.describe() and err.value.describe().startswith("ru.txt:1:")


def test_explicit_encoding() -> None:
    data = "Президент России.\n".encode("cp1251")
    assert decode_text(data, "f", "cp1251")[0] == "Президент России.\n"


def test_unknown_encoding_name() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(b"abc", "f", "no-such-codec")


def test_wrong_explicit_encoding_names_the_line() -> None:
    with pytest.raises(InputError) as err:
        decode_text(b"ok\nok\n\xff\xfe\xfa", "f", "utf-8")
    assert err.value.line == 3


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_text(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20, "f")
    with pytest.raises(InputError, match="binary"):
        decode_text(bytes(range(1, 32)) * 10, "f")


def test_utf16_without_bom_is_refused() -> None:
    with pytest.raises(InputError):
        decode_text(FRENCH.encode("utf-16-le"), "f")


def test_bom_constants_are_distinct() -> None:
    # utf-32-le's BOM starts with utf-16-le's; the longer one must be tried first.
    assert codecs.BOM_UTF32_LE.startswith(codecs.BOM_UTF16_LE)
    assert decode_text("x".encode("utf-32"), "f")[1].startswith("utf-32")


# Bytes that stress a block boundary: CRLF and CR line ends, multi-byte UTF-8 (two to four
# bytes), cp1252 bytes, a NUL, a control character, BOMs, a lone continuation byte.
_BYTE_PIECES = st.sampled_from(
    [
        b"a",
        b" ",
        b"\r\n",
        b"\r",
        b"\n",
        b"\n\n",
        "é".encode(),
        "€".encode(),
        "🙂".encode(),
        b"\xe9",
        b"\x93",
        b"\x00",
        b"\x01",
        b"\x80",
        codecs.BOM_UTF8,
        b"Le pr\xc3\xa9sident",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    data=st.lists(_BYTE_PIECES, max_size=30).map(b"".join),
    block=st.integers(1, 9),
    encoding=st.sampled_from([None, None, None, "cp1252", "utf-8"]),
)
def test_a_file_read_in_blocks_decodes_as_its_whole_bytes(
    data: bytes, block: int, encoding: str | None
) -> None:
    """read_text_blocks (a file in blocks, read twice) gives decode_text's text, encoding and
    errors, wherever the blocks cut a line end or a character."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder, "doc.txt"))
        Path(path).write_bytes(data)
        try:
            expected: tuple[str, str] | str = decode_text(data, path, encoding)
        except InputError as exc:
            expected = str(exc)
        saved, textio.READ_BLOCK = textio.READ_BLOCK, block
        try:
            blocks, used = textio.read_text_blocks(path, encoding)
            got: tuple[str, str] | str = ("".join(blocks), used)
        except InputError as exc:
            got = str(exc)
        finally:
            textio.READ_BLOCK = saved
    assert got == expected
