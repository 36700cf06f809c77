"""XML reading that never resolves entities, never touches the network, and names the line."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from lxml import etree

from tmkit.errors import InputError
from tmkit.textio import read_bytes

_ENTITY_DECLARATION = regex.compile(rb"<!ENTITY", regex.IGNORECASE)
_ROOT_START = regex.compile(rb"<[A-Za-z_]")
_ROOT_NAME = regex.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_PROLOG_LIMIT = 1 << 20


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
    checked = False
    try:
        for _, element in context:
            if not checked:
                refuse_declared_entities(element, path)
                checked = True
            yield element
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"malformed XML: {exc.msg}", exc.lineno) from None


def refuse_declared_entities(element: etree._Element, path: str) -> None:
    """Refuse a document whose internal DTD subset declares entities, as the parser read it
    (whatever the encoding or the prolog's length): they are never expanded, and dropping
    them would change the text."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():
        raise InputError(
            path, f"entity declarations are not allowed (never expanded): {entity.name!r}"
        )


def refuse_entity_reference(node: etree._Element, path: str | None) -> None:
    """An entity reference left in the text (declared in an external DTD, never read) is
    refused, not dropped: the text around it would silently lose a piece."""
    if isinstance(node, etree._Entity):
        raise InputError(path, f"entity reference {node.text} is never expanded", node.sourceline)


def release(element: etree._Element) -> None:
    """Free a streamed element and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def plain_text(element: etree._Element, codes: frozenset[str]) -> str:
    """An element's text with inline elements named in `codes` (native codes) and processing
    instructions left out; an entity reference is refused (see refuse_entity_reference)."""
    parts = [element.text or ""]
    for child in element:
        refuse_entity_reference(child, None)
        if isinstance(child.tag, str) and etree.QName(child).localname not in codes:
            parts.append(plain_text(child, codes))
        parts.append(child.tail or "")
    return "".join(parts)
