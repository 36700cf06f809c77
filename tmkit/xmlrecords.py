"""Stream a document's flat list of records (TMX's <tu>s) faster than iterparse: parse blocks
of whole records cut at their end tags, and fall back to iterparse the moment a cut is not
certainly right, so what comes out is always exactly what iterparse gives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import regex
from lxml import etree

from tmkit.xmlsafe import (
    PARSER_OPTIONS,
    check_document,
    iterparse,
    refuse_declared_entities,
    release,
)

CHUNK = 1 << 16
_HEAD_LIMIT = 1 << 20
# Bytes read without a record's end tag before iterparse takes over, so memory stays flat.
_BLOCK_LIMIT = 1 << 26
_PARSER = etree.XMLParser(**PARSER_OPTIONS)
_BLANKLESS_PARSER = etree.XMLParser(**PARSER_OPTIONS, remove_blank_text=True)
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


@dataclass(slots=True)
class _Blanks:
    """Whether blocks are still parsed without ignorable whitespace."""

    drop: bool


@dataclass(slots=True)
class Block:
    """Records parsed together, as the children of `parent`. Where `source` is kept, the block
    was parsed without libxml2's ignorable whitespace: whitespace-only text is kept in elements
    without element children and may be gone between elements; `exact()` parses it again, and
    the blocks after it keep their blanks (a file with text beside elements, such as inline
    codes, would otherwise be parsed twice block after block)."""

    parent: etree._Element
    blanks: _Blanks  # shared by the blocks of one file
    source: bytes | None = None

    def __len__(self) -> int:
        return len(self.parent)

    def exact(self) -> etree._Element:
        """The records with every text node, as iterparse gives them."""
        if self.source is None:
            return self.parent
        self.blanks.drop = False
        return _parse(self.source)


# The head elements in a list, or a block of records.
Batch = list[etree._Element] | Block


class _Unsure(Exception):
    """A block could not be read on its own; iterparse takes over where the blocks stopped."""


def iter_records(
    path: str, root: str, head: str, container: str, record: str, drop_blanks: bool = False
) -> Iterator[tuple[Batch, int]]:
    """Yield the `head` element, then every `record` child of `container`, in document order
    and in batches, each with the file offset where the text of its tree starts (for
    `line_in_file`): the same elements as iterparse(path, root, (head, record)), in flat
    memory. Records parsed together come as a Block, so a compiled reader can walk them without
    a Python object per element; with `drop_blanks`, a block with no comment, CDATA section or
    processing instruction is parsed without ignorable whitespace until one had to be parsed
    again (see Block)."""
    given = 0
    try:
        for batch, start in _blocks(path, root, head, container, record, drop_blanks):
            given += len(batch)
            yield batch, start
        return
    except _Unsure:
        pass
    for index, element in enumerate(iterparse(path, root, (head, record))):
        if index >= given:
            yield [element], 0
        release(element)


def _blocks(
    path: str, root: str, head: str, container: str, record: str, drop_blanks: bool = False
) -> Iterator[tuple[Batch, int]]:
    check_document(path, root)
    blanks = _Blanks(drop_blanks)
    count_records = etree.XPath(f"count({record})")
    end_tag = f"</{record}>".encode()
    closing = f"</{container}></{root}>".encode()
    with open(path, "rb") as handle:
        prefix, rest = _read_head(handle, container)
        head_tree = _parse(prefix + closing)
        refuse_declared_entities(head_tree, path)
        encoding = (head_tree.getroottree().docinfo.encoding or "utf-8").lower()
        body = head_tree[-1] if len(head_tree) else None
        if (
            encoding not in _UTF8
            or body is None
            or body.tag != container
            or len(body)
            or body.nsmap
            or head_tree.find(f".//{record}") is not None
        ):
            raise _Unsure
        heads = list(head_tree.iter(head))
        yield heads, 0
        opening, ending = f"<{container}>".encode(), f"</{container}>".encode()
        start = len(prefix)
        buffer, searched = bytearray(rest), 0
        while True:
            cut = buffer.rfind(end_tag, searched)
            if cut >= 0:
                end = cut + len(end_tag)
                text = b"".join((opening, memoryview(buffer)[:end], ending))
                blankless = blanks.drop and not _declares_or_instructs(text)
                tree = _parse(text, _BLANKLESS_PARSER if blankless else _PARSER)
                records = len(tree)
                if count_records(tree) != records or records != buffer.count(end_tag, 0, end):
                    raise _Unsure  # something besides whole records, or a cut inside one
                yield Block(tree, blanks, text if blankless else None), start
                start += end
                del buffer[:end]
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            if len(buffer) > _BLOCK_LIMIT:
                raise _Unsure
            searched = max(0, len(buffer) - len(end_tag) + 1)
            buffer += chunk
        tail = _parse(prefix + bytes(buffer))
        if tail.find(f".//{record}") is not None or len(list(tail.iter(head))) != len(heads):
            raise _Unsure


def _declares_or_instructs(text: bytes) -> bool:
    """Whether the text holds a comment, CDATA section or processing instruction (`<!`, `<?`).
    libxml2 drops whitespace-only text before one of these even in an element that keeps no
    other child, so such a block keeps its blanks. Looks only at each `!` and `?` (memchr),
    which ordinary text has few of: a search for the two-byte marks stops at every `<`."""
    for mark in b"!?":
        at = text.find(mark, 1)
        while at >= 0:
            if text[at - 1] == 60:  # "<"
                return True
            at = text.find(mark, at + 1)
    return False


def line_in_file(path: str, start: int, sourceline: int | None) -> int | None:
    """An element's line in the whole file, from its line in a tree parsed from `start` on;
    counted only when an error needs it, so reading need not count every block's lines."""
    if sourceline is None:
        return None
    lines = 0
    with open(path, "rb") as handle:
        while start > 0 and (data := handle.read(min(start, CHUNK))):
            lines += data.count(b"\n")
            start -= len(data)
    return lines + sourceline


def _read_head(handle: BinaryIO, container: str) -> tuple[bytes, bytes]:
    """The bytes up to and including the container's start tag, and those read after it."""
    start = regex.compile(rb"<" + container.encode() + rb"(?:\s[^>]*)?>")
    data = handle.read(CHUNK)
    searched = 0
    while (found := start.search(data, searched)) is None:
        more = handle.read(CHUNK)
        if not more or len(data) > _HEAD_LIMIT:
            raise _Unsure
        searched = max(0, data.rfind(b"<"))  # a start tag cut by the chunk began at the last <
        data += more
    return data[: found.end()], data[found.end() :]


def _parse(data: bytes, parser: etree.XMLParser = _PARSER) -> etree._Element:
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise _Unsure from None
