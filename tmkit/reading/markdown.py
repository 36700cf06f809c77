"""Markdown documents as paragraph units: the text a reader of the rendered page sees.

A translator's Markdown (documentation, README files, static-site pages) carries syntax
that is not text: heading and list markers, emphasis, link targets, code. markdown-it-py
parses it as CommonMark (with tables); each heading, paragraph, list item, quoted
paragraph and table cell becomes a unit with the element it renders as, its text without
markup (a link's text, an image's alternative text, inline code's content), and the line
where it starts in the file. A raw HTML block (`<div align="center">Welcome</div>`,
`<details>`) is read as an HTML page's blocks are, its text kept and its scripts left out;
code blocks and a static-site generator's front matter are no prose and are left out.
Raw inline HTML's tags are no text; the digits a `<sup>` or `<sub>` holds are raised or
lowered as Unicode writes them (10³, H₂O). GitHub's strikethrough (`~~old~~`) is markup
too, and so is a footnote's reference (`…15 MW.[^1] It was…`, a superscript number on the
page); a footnote's text (`[^1]: …`) is a unit after the body's, as a word processor's
notes are. A task list item's box (`- [x] Done`) is a checkbox on the page, no text. An
attribute list after a heading (`# Setup {#setup .unnumbered}`) or as a
paragraph of its own (kramdown's `{: .note}`) styles the element and is no text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import regex

from tmkit.reading.layout import Unit, one_spaced
from tmkit.scripts import shifted

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# A YAML or TOML block that opens the file (Jekyll, Hugo): the page's settings.
_FRONT_MATTER = regex.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", regex.DOTALL)
# Containers whose paragraphs take their element: a list item's or a quotation's paragraph.
_CONTAINERS = frozenset({"li", "blockquote"})
# Inline tokens whose content is text the reader sees.
_TEXT_TOKENS = frozenset({"text", "code_inline"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BREAK_TOKENS = frozenset({"softbreak", "hardbreak"})
# An attribute list (Pandoc's `{#id .class key=value}`, `{-}`; kramdown's `{: .class}`):
# at a heading's end, or a paragraph of its own, it is markup of the element, no text.
_ATTRIBUTE = r"""(?:[#.][\w:.-]+|-|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+))"""
_ATTRIBUTES = regex.compile(rf"\s*\{{(?::\s*)?{_ATTRIBUTE}(?:\s+{_ATTRIBUTE})*\s*\}}$")
# Raw inline HTML that raises or lowers its text.
_SHIFTING_TAG = regex.compile(r"<(?P<end>/?)(?P<name>sup|sub)\b[^>]*>", regex.IGNORECASE)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # loaded for a Markdown file only
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
        .use(tasklists_plugin)
    )


def markdown_units(text: str, read_html: Callable[[str], list[Unit]]) -> list[Unit]:
    """Paragraph units of a Markdown document, each with its rendered element as tag; raw
    HTML blocks go through `read_html` (an HTML fragment to its units)."""
    front = _FRONT_MATTER.match(text)
    skipped_lines = front.group().count("\n") if front else 0
    body = text[front.end() :] if front else text
    units: list[Unit] = []
    open_tags: list[str] = []
    for token in _parser().parse(body):
        if token.nesting == 1:
            open_tags.append(token.tag)
        elif token.nesting == -1:
            open_tags.pop()
        elif token.type == "html_block" and token.map is not None:
            first = token.map[0] + skipped_lines
            units.extend(
                Unit(first + max(unit.line, 1), None, unit.text, unit.tag)
                for unit in read_html(token.content)
            )
        elif token.type == "inline" and token.map is not None:
            shown = one_spaced(_inline_text(token.children or []))
            element = _element(open_tags)
            if element in _HEADINGS or element == "p":
                shown = _ATTRIBUTES.sub("", shown)
            if shown:
                line = token.map[0] + 1 + skipped_lines
                units.append(Unit(line, None, shown, element))
    return units


def _element(open_tags: list[str]) -> str:
    """The element a run of inline text renders in: its own block, or the list item or
    quotation its paragraph is in."""
    own = open_tags[-1] if open_tags else "p"
    if own == "p":
        return next((tag for tag in reversed(open_tags) if tag in _CONTAINERS), "p")
    return own


def _inline_text(children: list[Token]) -> str:
    """The text of inline tokens as shown: emphasis and link markup gone, an image's
    alternative text kept, line breaks as spaces, raw inline HTML left out but for the
    digits a <sup> or <sub> raises or lowers ("10<sup>3</sup>" is "10³")."""
    parts = []
    shifted_from: tuple[int, bool] | None = None  # where a <sup> or <sub> opened
    for child in children:
        if child.type in _TEXT_TOKENS:
            parts.append(child.content)
        elif child.type in _BREAK_TOKENS:
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
        elif child.type == "html_inline" and (tag := _SHIFTING_TAG.match(child.content)):
            if not tag["end"]:
                shifted_from = (len(parts), tag["name"].lower() == "sup")
            elif shifted_from is not None:
                at, raised = shifted_from
                moved = shifted("".join(parts[at:]), raised)
                parts[at:] = [moved] if moved is not None else parts[at:]
                shifted_from = None
    return "".join(parts)
