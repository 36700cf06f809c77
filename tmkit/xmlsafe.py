"""XML reading that never resolves entities, never touches the network, and names the line."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from lxml import etree

from tmkit.errors import InputError

_ENTITY_DECLARATION = regex.compile(rb"<!ENTITY", regex.IGNORECASE)
_ROOT_START = regex.compile(rb"<[A-Za-z_]")
_PROLOG_LIMIT = 1 << 20


def check_prolog(path: str, head: bytes) -> None:
    """Refuse entity declarations before the root element: external and bomb entities alike."""
    prolog_end = len(head)
    for match in _ROOT_START.finditer(head):
        before = head[: match.start()]
        if before.count(b"[") <= before.count(b"]"):  # not inside a DOCTYPE internal subset
            prolog_end = match.start()
            break
    found = _ENTITY_DECLARATION.search(head, 0, prolog_end)
    if found:
        line = head.count(b"\n", 0, found.start()) + 1
        raise InputError(path, "entity declarations are not allowed (never expanded)", line)


def iterparse(path: str) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs, start and end, safely; the caller releases elements."""
    try:
        with open(path, "rb") as handle:
            check_prolog(path, handle.read(_PROLOG_LIMIT))
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    context = etree.iterparse(
        path,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        yield from context
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML: {exc.msg}", exc.lineno) from None


def release(element: etree._Element) -> None:
    """Free a streamed element and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
