"""Stream a document's flat list of records (TMX's <tu>s) faster than iterparse: parse blocks
of whole records cut at their end tags, and fall back to iterparse the moment a cut is not
certainly right, so what comes out is always exactly what iterparse gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import regex
from lxml import etree

from tmkit.xmlsafe import PARSER_OPTIONS, check_document, iterparse, release

CHUNK = 1 << 16
_HEAD_LIMIT = 1 << 20
# Bytes read without a record's end tag before iterparse takes over, so memory stays flat.
_BLOCK_LIMIT = 1 << 26
_PARSER = etree.XMLParser(**PARSER_OPTIONS)
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


class _Unsure(Exception):
    """A block could not be read on its own; iterparse takes over where the blocks stopped."""


def iter_records(
    path: str, root: str, head: str, container: str, record: str
) -> Iterator[tuple[list[etree._Element], int]]:
    """Yield the `head` element, then every `record` child of `container`, in document order
    and in batches, each with the file offset where the text of its tree starts (for
    `line_in_file`): the same elements as iterparse(path, root, (head, record)), in flat
    memory."""
    given = 0
    try:
        for batch, start in _blocks(path, root, head, container, record):
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
    path: str, root: str, head: str, container: str, record: str
) -> Iterator[tuple[list[etree._Element], int]]:
    check_document(path, root)
    end_tag = f"</{record}>".encode()
    closing = f"</{container}></{root}>".encode()
    with open(path, "rb") as handle:
        prefix, rest = _read_head(handle, container)
        head_tree = _parse(prefix + closing)
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
                tree = _parse(b"".join((opening, memoryview(buffer)[:end], ending)))
                records = list(tree.iterchildren(record))
                if len(records) != len(tree) or len(records) != buffer.count(end_tag, 0, end):
                    raise _Unsure  # something besides whole records, or a cut inside one
                yield records, start
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


def _parse(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise _Unsure from None
