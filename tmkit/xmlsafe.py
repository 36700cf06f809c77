"""XML reading that never resolves entities, never touches the network, and names the line."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex
from lxml import etree

from tmkit.errors import InputError
from tmkit.textio import read_bytes

_ENTITY_DECLARATION = regex.compile(rb"<!ENTITY", regex.IGNORECASE)
_ROOT_START = regex.compile(rb"<[A-Za-z_]")
_ROOT_NAME = regex.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_PROLOG_LIMIT = 1 << 20
# A character XML 1.0 cannot carry, not even as a character reference (stdlib re: on this
# plain class it is several times faster than regex, and it runs on every text written).
NOT_XML_CHAR = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def root_name(head: bytes) -> str | None:
    """The root element's local name, read from the start of a file, or None if unseen."""
    end = _prolog_end(head)
    match = _ROOT_NAME.match(head, end)
    return match.group(1).decode("utf-8", "replace") if match else None


def _prolog_end(head: bytes) -> int:
    for match in _ROOT_START.finditer(head):
        before = head[: match.start()]
        if before.count(b"[") <= before.count(b"]"):  # not inside a DOCTYPE internal subset
            return match.start()
    return len(head)


def check_prolog(path: str, head: bytes) -> None:
    """Refuse entity declarations before the root element: external and bomb entities alike."""
    found = _ENTITY_DECLARATION.search(head, 0, _prolog_end(head))
    if found:
        line = head.count(b"\n", 0, found.start()) + 1
        raise InputError(path, "entity declarations are not allowed (never expanded)", line)


PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
}


def check_document(path: str, root: str) -> None:
    """Refuse a file whose prolog declares entities or whose root element is not `root`."""
    head = read_bytes(path, _PROLOG_LIMIT)
    check_prolog(path, head)
    found = root_name(head)
    if found is not None and found != root:
        line = head.count(b"\n", 0, head.find(b"<" + found.encode())) + 1
        raise InputError(path, f"not {root.upper()}: root element is <{found}>", line)


def iterparse(path: str, root: str, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Stream the `tags` elements at their end, safely, after checking the root element's
    name; the caller releases what it has used."""
    check_document(path, root)
    context = etree.iterparse(path, events=("end",), tag=tags, **PARSER_OPTIONS)
    try:
        for _, element in context:
            yield element
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML: {exc.msg}", exc.lineno) from None


def release(element: etree._Element) -> None:
    """Free a streamed element and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def plain_text(element: etree._Element, codes: frozenset[str]) -> str:
    """An element's text with inline elements named in `codes` (native codes), processing
    instructions and entity references left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in codes:
            parts.append(plain_text(child, codes))
        parts.append(child.tail or "")
    return "".join(parts)
