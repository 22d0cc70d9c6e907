"""HTML into blocks: one pass of :mod:`html.parser` with an explicit element stack.

Blocks are ``p``, ``div``, headings, list items... and table rows (a row's non-empty cells joined
by a tab). Text outside any block is a block of its own ("loose" text). Page breaks are kept as
items of their own so :func:`.htm_furniture.kept` can tell a page number from a number in the text.

There is no recursion and no walk down the stack: the open elements are a list, and ``where``
indexes it by tag, so 100,000 nested ``div`` (or as many stray end tags) cost no more than one
each. Unclosed ``p``, ``li``, ``tr``, ``td`` are closed where HTML closes them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from .htm_furniture import Look, look
from .htm_text import collapse

BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "center", "pre", "dt",
                    "dd", "address", "section", "article", "header", "footer", "main", "aside", "figure",
                    "caption", "dl", "form", "fieldset"})
"""Elements whose text is a block of its own (a table row is one too, handled apart)."""
CELLS = frozenset({"td", "th"})
CONTAINERS = frozenset({"table", "tbody", "thead", "tfoot", "ul", "ol", "body", "html", "menu"})
"""Elements that hold blocks but are none: their start and end only end the loose text before them."""
SKIPPED = frozenset({"head", "script", "style", "title", "template", "noscript", "xml", "object", "iframe"})
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param", "source",
                  "track", "wbr"})
_P_SCOPE = ("td", "th", "table", "li", "div", "blockquote")
"""An open ``p`` inside one of these is out of reach of a block starting in it (as in HTML)."""
_HTML_SPACE = " \t\r\n\f"
BR_TEXT = " "
"""What a ``<br>`` reads as: the text of a block has no hard line breaks."""


@dataclass
class Item:
    """A block the parse found (or a page break between blocks)."""

    text: str
    outer: tuple[int, int]
    inner: tuple[int, int]
    tag: str
    cells: list[tuple[int, int]]
    centred: bool = False
    page_break: bool = False  # a page break, not a block


class Cell(NamedTuple):
    """A cell of an open row: its text, or (a layout cell) blocks of its own."""

    text: str  # "" for a layout cell
    span: tuple[int, int]  # its content in the HTML
    blocks: list[Item] | None = None  # a layout cell's blocks; None for a cell that is text


class _Context:
    """An open block, row or cell (or the document itself, tag ""): what was read into it so far.

    Blocks made inside it wait in ``items`` until it closes: a cell with one paragraph is part of
    its row, a cell with several (a layout table) gives them as blocks of their own."""

    __slots__ = ("tag", "outer_start", "inner_start", "centred", "chunks", "loose", "items", "cells",
                 "break_after")

    def __init__(self, tag: str, outer_start: int, inner_start: int, centred: bool, break_after: bool = False):
        self.tag = tag
        self.outer_start = outer_start
        self.inner_start = inner_start
        self.centred = centred
        self.chunks: list[str] = []  # text not yet made a block
        self.loose = [-1, -1]  # its span in the HTML (first to last visible character)
        self.items: list[Item] = []
        self.cells: list[Cell] = []  # a row's cells
        self.break_after = break_after


def parse(markup: str) -> list[Item]:
    """The blocks of ``markup`` in document order, with its page breaks (page numbers still in)."""
    return _Reader(markup).run()


class _Reader(HTMLParser):
    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.markup = markup
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self.root = _Context("", 0, 0, False)
        # the open elements, innermost last: (tag, its context or None, centred, page break after)
        self.open: list[tuple[str, _Context | None, bool, bool]] = []
        self.where: dict[str, list[int]] = {}  # tag -> indices in self.open (so no search walks the stack)
        self.contexts: list[_Context] = [self.root]
        self.centred = 0  # how many open elements centre their content
        self.skip: str | None = None  # the skipped element (script, head...) being read through
        self.skip_depth = 0
        self.data_open: _Context | None = None  # the context whose last text has no known end yet

    def run(self) -> list[Item]:
        self.feed(self.markup)
        self.close()
        end = len(self.markup)
        self._settle(end)
        while self.open:
            self._pop(end, end, implicit=True)
        self._flush(self.root)
        return self.root.items

    # -- positions
    def _offset(self) -> int:
        """Where html.parser is, as an offset in the markup (it reports line and column)."""
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _settle(self, offset: int) -> None:
        """The last text read ends where the next tag (or the end) begins, less trailing white space."""
        ctx = self.data_open
        if ctx is not None:
            stop = offset
            while stop > ctx.loose[0] and self.markup[stop - 1] in _HTML_SPACE:
                stop -= 1
            ctx.loose[1] = max(ctx.loose[1], stop)
            self.data_open = None

    # -- the handlers html.parser calls
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self._settle(start)
        end = start + len(self.get_starttag_text() or "")
        if self._skipping_start(tag):
            return
        if tag == "br":
            self._text(BR_TEXT, start, end)
            return
        seen = look(tag, attrs)
        if tag in VOID:
            self._void(tag, start, seen)
            return
        self._close_implied_by(tag, start)
        if seen.break_before:
            self._flush(self.contexts[-1])
            self._page_break()
        self._open(tag, start, end, seen)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.skip is None:  # <p/> is read as <p></p>
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self._settle(start)
        close = self.markup.find(">", start)
        end = close + 1 if close >= 0 else len(self.markup)
        if self._skipping_end(tag):
            return
        if tag == "br":  # browsers read </br> as <br>
            self._text(BR_TEXT, start, end)
            return
        if not self.where.get(tag):  # a stray end tag
            return
        index = self.where[tag][-1]
        while len(self.open) > index + 1:  # what it holds and never closed ends with it
            self._pop(start, start, implicit=True)
        self._pop(start, end)

    def handle_data(self, data: str) -> None:
        if self.skip is not None or not data:
            return
        start = self._offset()
        self._settle(start)
        self._text(data, start, -1)  # its end is known only when the next tag starts

    # -- skipped content (head, script, style...)
    def _skipping_start(self, tag: str) -> bool:
        """Whether a start tag is inside skipped content or starts some."""
        if self.skip is not None:
            if tag == self.skip:
                self.skip_depth += 1
                return True
            if not (self.skip == "head" and tag == "body"):
                return True
            self.skip = None  # a <body> ends a <head> left open
        if tag in SKIPPED:
            self.skip, self.skip_depth = tag, 1
            return True
        return False

    def _skipping_end(self, tag: str) -> bool:
        """Whether an end tag is inside skipped content (or ends it)."""
        if self.skip is None:
            return False
        if tag == self.skip:
            self.skip_depth -= 1
            if self.skip_depth == 0:
                self.skip = None
        return True

    # -- the element stack
    def _void(self, tag: str, start: int, seen: Look) -> None:
        """An element with no content only ever marks a page break."""
        if tag == "hr":
            self._close_open_p(start)
            self._page_break()
        elif seen.page_break:
            self._page_break()

    def _close_implied_by(self, tag: str, at: int) -> None:
        """Close what HTML closes when ``tag`` starts: a <tr> ends an open row, a cell an open
        cell, an <li> an open item, and a block an open <p>."""
        if tag == "tr":
            self._close_within("tr", "table", at)
        elif tag in CELLS:
            self._close_within("td", "tr", at)
            self._close_within("th", "tr", at)
        elif tag == "li":
            self._close_within("li", "ul", at, "ol")
        if tag in BLOCKS or tag in CONTAINERS:
            self._close_open_p(at)

    def _open(self, tag: str, start: int, end: int, seen: Look) -> None:
        """Push ``tag``; a block, a row or a row's cell gets a context to gather its text."""
        parent = self.contexts[-1]
        ctx = None
        if tag in BLOCKS or tag == "tr" or (tag in CELLS and parent.tag == "tr"):
            self._flush(parent)
            ctx = _Context(tag, start, end, seen.centred or self.centred > 0, seen.break_after)
            self.contexts.append(ctx)
        elif tag in CONTAINERS:
            self._flush(parent)
        self.where.setdefault(tag, []).append(len(self.open))
        self.open.append((tag, ctx, seen.centred, seen.break_after))
        self.centred += seen.centred

    def _close_within(self, tag: str, scope: str, at: int, other_scope: str = "") -> None:
        """Close an open ``tag`` that is inside the innermost open ``scope`` (an unclosed <tr>, <td>, <li>)."""
        mine = self.where.get(tag)
        if not mine:
            return
        bound = max((self.where.get(s) or [-1])[-1] for s in (scope, other_scope or scope))
        if mine[-1] > bound:
            self._pop_to(mine[-1], at)

    def _close_open_p(self, at: int) -> None:
        mine = self.where.get("p")
        if not mine:
            return
        bound = max((self.where.get(s) or [-1])[-1] for s in _P_SCOPE)
        if mine[-1] > bound:
            self._pop_to(mine[-1], at)

    def _pop_to(self, index: int, at: int) -> None:
        """Close ``self.open[index]`` and all inside it, none of them by an end tag."""
        while len(self.open) > index:
            self._pop(at, at, implicit=True)

    def _pop(self, inner_end: int, outer_end: int, implicit: bool = False) -> None:
        tag, ctx, centred, after = self.open.pop()
        self.where[tag].pop()
        self.centred -= centred
        if implicit:  # no end tag: the element ends before the white space that follows its content
            floor = ctx.inner_start if ctx is not None else 0
            while inner_end > floor and self.markup[inner_end - 1] in _HTML_SPACE:
                inner_end -= 1
            outer_end = inner_end
        if ctx is not None:
            self.contexts.pop()
            self._finish(ctx, inner_end, outer_end)
        elif tag in CONTAINERS:
            self._flush(self.contexts[-1])
        if after and ctx is None:
            self._flush(self.contexts[-1])
            self._page_break()

    # -- text and blocks
    def _text(self, data: str, start: int, end: int) -> None:
        ctx = self.contexts[-1]
        ctx.chunks.append(data)
        if data.strip(_HTML_SPACE):
            if ctx.loose[0] < 0:
                ctx.loose[0] = start
            if end < 0:
                self.data_open = ctx
            else:
                ctx.loose[1] = max(ctx.loose[1], end)

    def _flush(self, ctx: _Context) -> None:
        """The loose text of ``ctx`` so far is a block (a row's loose text is a cell)."""
        text = collapse("".join(ctx.chunks))
        if text and ctx.loose[0] >= 0:
            span = (ctx.loose[0], max(ctx.loose))
            if ctx.tag == "tr":
                ctx.cells.append(Cell(text, span))
            else:
                ctx.items.append(Item(text, span, span, "", [], ctx.centred or self.centred > 0))
        ctx.chunks = []
        ctx.loose = [-1, -1]

    def _finish(self, ctx: _Context, inner_end: int, outer_end: int) -> None:
        """A block, row or cell has closed: what it made goes to the context around it."""
        parent = self.contexts[-1]
        outer, inner = (ctx.outer_start, outer_end), (ctx.inner_start, inner_end)
        if ctx.tag == "tr":
            self._flush(ctx)
            made = self._row(ctx, outer, inner)
        elif ctx.tag in CELLS:
            cell = self._cell(ctx, inner)
            if parent.tag == "tr":
                self._flush(parent)
                parent.cells.append(cell)
                return
            made = self._cell_blocks(cell, ctx.centred)
        else:
            made = self._block(ctx, outer, inner)
        self._flush(parent)
        if parent.tag == "tr":  # a block straight inside a row (no cell): a layout cell of its own
            parent.cells.append(Cell("", outer, made))
        else:
            parent.items.extend(made)
        if ctx.break_after:
            self._page_break()

    def _block(self, ctx: _Context, outer: tuple[int, int], inner: tuple[int, int]) -> list[Item]:
        """A closed block: itself, or (when it held blocks) its blocks and its loose text."""
        if not ctx.items:
            text = collapse("".join(ctx.chunks))
            return [Item(text, outer, inner, ctx.tag, [], ctx.centred)] if text else []
        self._flush(ctx)
        return ctx.items

    def _cell(self, ctx: _Context, inner: tuple[int, int]) -> Cell:
        """A cell of a row: its text (a cell with one paragraph, or one small table, is part of the
        row), or the blocks of a layout cell (more than one paragraph)."""
        self._flush(ctx)
        blocks = [it for it in ctx.items if not it.page_break]
        if len(blocks) <= 1:
            return Cell(collapse(" ".join(it.text.replace("\t", " ") for it in blocks)), inner)
        return Cell("", inner, ctx.items)

    @staticmethod
    def _cell_blocks(cell: Cell, centred: bool) -> list[Item]:
        """The blocks of a cell outside any row (a stray <td>): a text cell is a block."""
        if cell.blocks is not None:
            return cell.blocks
        return [Item(cell.text, cell.span, cell.span, "", [], centred)] if cell.text else []

    @staticmethod
    def _row(ctx: _Context, outer: tuple[int, int], inner: tuple[int, int]) -> list[Item]:
        """A closed row: one block of its cells' text joined by tabs, or, when a cell is a layout
        cell, each cell's text and blocks as blocks of their own."""
        if all(c.blocks is None for c in ctx.cells):
            cells = [c for c in ctx.cells if c.text]
            if not cells:
                return []
            return [Item("\t".join(c.text for c in cells), outer, inner, "tr", [c.span for c in cells], ctx.centred)]
        out: list[Item] = []
        for c in ctx.cells:
            if c.blocks is not None:
                out.extend(c.blocks)
            elif c.text:
                out.append(Item(c.text, c.span, c.span, "", [], ctx.centred))
        return out

    def _page_break(self) -> None:
        self.contexts[-1].items.append(Item("", (0, 0), (0, 0), "", [], page_break=True))
