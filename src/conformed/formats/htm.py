"""EDGAR HTML (.htm, .html) in and out, with the standard library's :mod:`html.parser` only.

Reading
    The text of an HTML filing is its blocks: ``p``, ``div``, ``h1``-``h6``, ``li``, ``blockquote``,
    ``center``, ``pre``, ``dt``/``dd`` and every table row, in document order, separated by one blank
    line (``"\\n\\n"``). Inside a block, white space is collapsed as a browser does (``&nbsp;`` is
    read as a plain space, so "Section&nbsp;13.4" matches "Section 13.4"), ``<br>`` is a space, and
    inline markup (``font``, ``b``, ``u``, ``i``, ``span``, ``a``...) leaves only its text. A table
    row is one block: its non-empty cells joined by a tab, so the EDGAR indentation table
    ``<td width=5%>&nbsp;</td><td>(a)</td><td>text</td>`` reads ``"(a)\\ttext"``. Block elements
    inside a table cell belong to the row. Text outside any block (loose text in ``body`` or in a
    ``div`` that also holds paragraphs) is a block of its own.

    ``<head>``, ``<script>``, ``<style>``, ``<title>``, ``<template>``, comments and declarations
    give no text. Page furniture gives no text either: ``<hr>`` and elements styled
    ``page-break-before/after`` are page breaks, and a block that is only a page number ("12",
    "- 12 -", "Page 12", "Page 12 of 30", "iv", "<PAGE>") is dropped when it is centred or
    right-aligned, or stands next to a page break or at either end of the document.

    The parse is a single pass with an explicit stack (no recursion): 100,000 nested ``div`` are
    read like one. Unclosed ``p``, ``li``, ``tr``, ``td`` are closed where HTML closes them.

    The source's ``origin`` is an :class:`HtmlOrigin`: the decoded HTML and, for each block, its
    span in the text and its spans in the HTML (the whole element, and its content).

Writing
    A conformed copy of an HTML base is the base's HTML with only the changed blocks rewritten:
    each untouched block is copied character for character (and so byte for byte, in the base's
    encoding), a changed block keeps its opening and closing tags and is rebuilt from the redline:
    its untouched words are copied from the base HTML with their inline markup and entities, and
    inserted words are escaped and placed inside the inline elements around them, or outside an
    element at its edge (:mod:`.htm_inline`; a table row keeps its cells, one tab-separated piece
    of text per non-empty cell). A deleted block is removed with the white space before it, and a
    new block becomes a ``<p>`` (a ``<tr>`` after a table row, an ``<li>`` after a list item). A
    conformed copy of any other base is a plain, well-formed HTML5 document, one ``<p>`` per block.

The work is done in modules of their own: :mod:`.htm_decode` (bytes to text), :mod:`.htm_parse`
(text to blocks), :mod:`.htm_furniture` (page breaks and page numbers), :mod:`.htm_splice` (the
conformed copy written into the base's HTML), :mod:`.htm_inline` (a changed block rebuilt with the
markup of its untouched words) and :mod:`.htm_html5` (the plain HTML5 document).
"""
from __future__ import annotations

from ..errors import InputError, Place
from ..reader import Source
from ..runs import Run
from .htm_decode import decode
from .htm_furniture import kept
from .htm_html5 import document
from .htm_origin import Block, HtmlOrigin
from .htm_parse import Item, parse
from .htm_splice import into_base

__all__ = ["Block", "HtmlOrigin", "decode", "read", "write"]


def read(name: str, data: bytes) -> Source:
    """Read the bytes of an HTML file as a :class:`Source` (text of its blocks, ``origin`` the map back)."""
    markup, encoding, bom = decode(data, name)
    text, blocks = _laid_out(kept(parse(markup)))
    if not text.strip():
        raise InputError("the document is empty", Place(name))
    return Source(path=name, text=text, fmt="htm", encoding=encoding, bom=bom, printed_lines=False,
                  origin=HtmlOrigin(markup, encoding, bom, blocks))


def write(base: Source, runs: list[Run], text: str) -> bytes:
    """The conformed copy as HTML: the base's own HTML with only the changed blocks rewritten
    when the base is HTML, else a plain HTML5 document."""
    origin = base.origin
    if base.fmt != "htm" or not isinstance(origin, HtmlOrigin):
        return document(base, text)
    return into_base(origin, base.text, runs, text)


def _laid_out(items: list[Item]) -> tuple[str, list[Block]]:
    """The text of the blocks, one blank line between two, and where each block is in it."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for item in items:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        pieces.append(item.text)
        blocks.append(Block(pos, pos + len(item.text), item.outer, item.inner, item.tag, item.cells))
        pos += len(item.text)
    return "".join(pieces), blocks
