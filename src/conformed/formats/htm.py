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
    encoding), a changed block keeps its opening and closing tags and gets the new text, escaped,
    as its content (a table row keeps its cells, one tab-separated piece of text per non-empty
    cell), a deleted block is removed, and a new block becomes a ``<p>`` (a ``<tr>`` after a
    table row, an ``<li>`` after a list item). The inline markup of a changed block is not kept.
    A conformed copy of any other base is a plain, well-formed HTML5 document, one ``<p>`` per
    block.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError, Place
from ..reader import _MAGIC, Source
from ..runs import EQUAL, Run

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
_CLOSES_P = BLOCKS | {"table", "ul", "ol", "hr"}

_SPACE = re.compile(r"[ \t\n\r\f\u00a0\u2007\u202f\u200b]+")
_PAGE_NUMBER = re.compile(r"(?:[-\u2013\u2014]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7}|[A-Z]-\d{1,3})"
                          r"(?:\s+of\s+\d{1,4})?(?:\s*[-\u2013\u2014])?|<page>|\[page\]", re.I)
_PAGE_BREAK_STYLE = re.compile(r"(?:page-)?break-(?:before|after)\s*:\s*(?:always|page|left|right)", re.I)
_CENTRED = re.compile(r"text-align\s*:\s*(?:center|right)", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252",
                 "cp1252", "x-cp1252", "iso-8859-15"}
BR_TEXT = " "
"""What a ``<br>`` reads as: the text of a block has no hard line breaks."""


@dataclass
class Block:
    """One block of the text and where it came from in the HTML."""

    text_start: int
    text_end: int
    outer: tuple[int, int]  # the whole element in the HTML (for loose text: the text itself)
    inner: tuple[int, int]  # the element's content (what a rewrite replaces)
    tag: str  # "p", "div", "tr", ... or "" for loose text
    cells: list[tuple[int, int]] = field(default_factory=list)  # a row's non-empty cells (content spans)


@dataclass
class HtmlOrigin:
    html: str
    encoding: str
    bom: bytes
    blocks: list[Block]


# ------------------------------------------------------------------------------------- reading
def read(name: str, data: bytes) -> Source:
    """Read the bytes of an HTML file as a :class:`Source` (text of its blocks, ``origin`` the map back)."""
    markup, encoding, bom = decode(data, name)
    items = kept(_Reader(markup).run())
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
    text = "".join(pieces)
    if not text.strip():
        raise InputError("the document is empty", Place(name))
    return Source(path=name, text=text, fmt="htm", encoding=encoding, bom=bom, printed_lines=False,
                  origin=HtmlOrigin(markup, encoding, bom, blocks))


def decode(data: bytes, name: str) -> tuple[str, str, bytes]:
    """The HTML as text: a BOM decides, then the charset of a ``<meta>``, then UTF-8, then Windows-1252."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, bom
            except UnicodeDecodeError as exc:
                raise InputError(f"the file claims {encoding} but byte {exc.start} cannot be decoded",
                                 Place(name)) from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"this is {what}, not an HTML document", Place(name))
    if b"\x00" in data[:4096]:
        raise InputError("binary data (a NUL byte): this is not an HTML document", Place(name))
    candidates = []
    declared = _CHARSET.search(data[:8192])
    if declared:
        label = declared.group(1).decode("ascii", "replace").lower()
        candidates.append("cp1252" if label in _WINDOWS_1252 else label)
    candidates += ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding, b""
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


@dataclass
class _Item:
    text: str
    outer: tuple[int, int]
    inner: tuple[int, int]
    tag: str
    cells: list[tuple[int, int]]
    centred: bool = False
    page_break: bool = False  # a page break, not a block


class _Context:
    """An open block, row or cell (or the document itself, tag ""): what was read into it so far.

    Blocks made inside it wait in ``items`` until it closes: a cell with one paragraph is part of
    its row, a cell with several (a layout table) gives them as blocks of their own."""

    __slots__ = ("tag", "outer_start", "inner_start", "centred", "chunks", "loose", "items", "cells", "nested",
                 "break_after")

    def __init__(self, tag: str, outer_start: int, inner_start: int, centred: bool, break_after: bool = False):
        self.tag = tag
        self.outer_start = outer_start
        self.inner_start = inner_start
        self.centred = centred
        self.chunks: list[str] = []  # text not yet made a block
        self.loose = [-1, -1]  # its span in the HTML (first to last visible character)
        self.items: list[_Item] = []
        self.cells: list = []  # a row's cells: ("flat", text, span) or ("nested", items)
        self.nested = False
        self.break_after = break_after


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
        self.centred = 0
        self.skip: str | None = None
        self.skip_depth = 0
        self.data_open: _Context | None = None  # the context whose last text has no known end yet

    def run(self) -> list[_Item]:
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
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _settle(self, offset: int) -> None:
        """The last text read ends where the next tag (or the end) begins, less trailing white space."""
        ctx = self.data_open
        if ctx is not None:
            stop = offset
            while stop > ctx.loose[0] and self.markup[stop - 1] in " \t\r\n\f":
                stop -= 1
            ctx.loose[1] = max(ctx.loose[1], stop)
            self.data_open = None

    # -- the handlers html.parser calls
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self._settle(start)
        end = start + len(self.get_starttag_text() or "")
        if self.skip is not None:
            if tag == self.skip:
                self.skip_depth += 1
                return
            if not (self.skip == "head" and tag == "body"):
                return
            self.skip = None
        if tag in SKIPPED:
            self.skip, self.skip_depth = tag, 1
            return
        if tag == "br":
            self._text(BR_TEXT, start, end)
            return
        style = " ".join(v or "" for k, v in attrs if k == "style")
        page_break = _PAGE_BREAK_STYLE.search(style)
        before = bool(page_break) and "after" not in page_break.group(0).lower()
        after = bool(page_break) and not before
        align = " ".join((v or "").lower() for k, v in attrs if k == "align")
        centred = tag == "center" or bool(_CENTRED.search(style)) or align in ("center", "right")
        if tag == "hr":
            self._close_open_p(start)
            self._page_break()
            return
        if tag in VOID:
            if page_break:
                self._page_break()
            return
        if tag == "tr":
            self._close_within("tr", "table", start)
        elif tag in CELLS:
            self._close_within("td", "tr", start)
            self._close_within("th", "tr", start)
        elif tag == "li":
            self._close_within("li", "ul", start, "ol")
        if tag in BLOCKS or tag in CONTAINERS:
            self._close_open_p(start)
        if before:
            self._flush(self.contexts[-1])
            self._page_break()
        ctx = None
        if tag in BLOCKS or tag == "tr" or (tag in CELLS and self.contexts[-1].tag == "tr"):
            self._flush(self.contexts[-1])
            ctx = _Context(tag, start, end, centred or self.centred > 0, after)
            self.contexts.append(ctx)
        elif tag in CONTAINERS:
            self._flush(self.contexts[-1])
        self.where.setdefault(tag, []).append(len(self.open))
        self.open.append((tag, ctx, centred, after))
        self.centred += centred

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.skip is None:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self._settle(start)
        close = self.markup.find(">", start)
        end = close + 1 if close >= 0 else len(self.markup)
        if self.skip is not None:
            if tag == self.skip:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip = None
            return
        if tag == "br":  # browsers read </br> as <br>
            self._text(BR_TEXT, start, end)
            return
        if not self.where.get(tag):
            return
        index = self.where[tag][-1]
        while len(self.open) > index + 1:
            self._pop(start, start, implicit=True)
        self._pop(start, end)

    def handle_data(self, data: str) -> None:
        if self.skip is not None or not data:
            return
        start = self._offset()
        self._settle(start)
        self._text(data, start, -1)

    # -- the element stack
    def _close_within(self, tag: str, scope: str, at: int, other_scope: str = "") -> None:
        """Close an open ``tag`` that is inside the innermost open ``scope`` (an unclosed <tr>, <td>, <li>)."""
        mine = self.where.get(tag)
        if not mine:
            return
        bound = max((self.where.get(s) or [-1])[-1] for s in (scope, other_scope or scope))
        if mine[-1] > bound:
            index = mine[-1]
            while len(self.open) > index:
                self._pop(at, at, implicit=True)

    def _close_open_p(self, at: int) -> None:
        mine = self.where.get("p")
        if not mine:
            return
        bound = max((self.where.get(s) or [-1])[-1] for s in ("td", "th", "table", "li", "div", "blockquote"))
        if mine[-1] > bound:
            index = mine[-1]
            while len(self.open) > index:
                self._pop(at, at, implicit=True)

    def _pop(self, inner_end: int, outer_end: int, implicit: bool = False) -> None:
        tag, ctx, centred, after = self.open.pop()
        self.where[tag].pop()
        self.centred -= centred
        if implicit:  # no end tag: the element ends before the white space that follows its content
            floor = ctx.inner_start if ctx is not None else 0
            while inner_end > floor and self.markup[inner_end - 1] in " \t\r\n\f":
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
        if data.strip(" \t\r\n\f"):
            if ctx.loose[0] < 0:
                ctx.loose[0] = start
            if end < 0:
                self.data_open = ctx
            else:
                ctx.loose[1] = max(ctx.loose[1], end)

    def _flush(self, ctx: _Context) -> None:
        """The loose text of ``ctx`` so far is a block (a row's loose text is a cell)."""
        text = _collapse("".join(ctx.chunks))
        if text and ctx.loose[0] >= 0:
            span = (ctx.loose[0], max(ctx.loose))
            if ctx.tag == "tr":
                ctx.cells.append(("flat", text, span))
            else:
                ctx.items.append(_Item(text, span, span, "", [], ctx.centred or self.centred > 0))
        ctx.chunks = []
        ctx.loose = [-1, -1]

    def _finish(self, ctx: _Context, inner_end: int, outer_end: int) -> None:
        parent = self.contexts[-1]
        outer, inner = (ctx.outer_start, outer_end), (ctx.inner_start, inner_end)
        if ctx.tag == "tr":
            self._flush(ctx)
            made = self._row(ctx, outer, inner)
        elif ctx.tag in CELLS:
            made = self._cell(ctx, inner)
            if parent.tag == "tr":
                self._flush(parent)
                parent.cells.append(made)
                return
            made = made[2] if made[0] == "nested" else [_Item(made[1], inner, inner, "", [], ctx.centred)] \
                if made[1] else []
        else:
            if not ctx.items:
                text = _collapse("".join(ctx.chunks))
                made = [_Item(text, outer, inner, ctx.tag, [], ctx.centred)] if text else []
            else:
                self._flush(ctx)
                made = ctx.items
        if parent.tag in CELLS or parent.tag == "tr":
            if parent.tag == "tr":
                self._flush(parent)
                parent.cells.append(("nested", "", made))
            else:
                self._flush(parent)
                parent.items.extend(made)
        else:
            self._flush(parent)
            parent.items.extend(made)
        if ctx.break_after:
            self._page_break()

    def _cell(self, ctx: _Context, inner: tuple[int, int]) -> tuple:
        """A cell of a row: its text (a cell with one paragraph, or one small table, is part of the
        row), or the blocks of a layout cell (more than one paragraph)."""
        self._flush(ctx)
        blocks = [it for it in ctx.items if not it.page_break]
        if len(blocks) <= 1:
            return ("flat", _collapse(" ".join(it.text.replace("\t", " ") for it in blocks)), inner)
        return ("nested", "", ctx.items)

    def _row(self, ctx: _Context, outer: tuple[int, int], inner: tuple[int, int]) -> list[_Item]:
        if all(c[0] == "flat" for c in ctx.cells):
            cells = [c for c in ctx.cells if c[1]]
            if not cells:
                return []
            return [_Item("\t".join(c[1] for c in cells), outer, inner, "tr", [c[2] for c in cells], ctx.centred)]
        out: list[_Item] = []
        for c in ctx.cells:
            if c[0] == "flat" and c[1]:
                out.append(_Item(c[1], c[2], c[2], "", [], ctx.centred))
            elif c[0] == "nested":
                out.extend(c[2])
        return out

    def _page_break(self) -> None:
        self.contexts[-1].items.append(_Item("", (0, 0), (0, 0), "", [], page_break=True))


def kept(items: list[_Item]) -> list[_Item]:
    """The blocks, without page furniture and page breaks."""
    out = []
    for i, item in enumerate(items):
        if item.page_break:
            continue
        if _PAGE_NUMBER.fullmatch(item.text) and (item.centred or _next_to_break(items, i)):
            continue
        out.append(item)
    return out


def _next_to_break(items: list[_Item], i: int) -> bool:
    before = items[i - 1] if i > 0 else None
    after = items[i + 1] if i + 1 < len(items) else None
    return before is None or after is None or before.page_break or after.page_break


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


# ------------------------------------------------------------------------------------- writing
_BLOCK_GAP = re.compile(r"[ \t\r\f\u00a0]*\n[ \t\r\f\u00a0]*\n\s*")
_LINE_GAP = re.compile(r"[ \t\r\f\u00a0]*\n\s*")
"""Blocks of a conformed text: an HTML base's text has one block a line (an amendment's new
paragraph comes in after a single line break), any other text one block a paragraph."""
_WRAPPER = re.compile(r"\s*<(font|span)\b[^>]*>", re.I)
_TABULAR = re.compile(r"\S {3,}\S")


def write(base: Source, runs: list[Run], text: str) -> bytes:
    """The conformed copy as HTML: the base's own HTML with only the changed blocks rewritten
    when the base is HTML, else a plain HTML5 document."""
    origin = base.origin
    if base.fmt != "htm" or not isinstance(origin, HtmlOrigin):
        return _document(base, text)
    blocks = origin.blocks
    markup = origin.html
    starts = [b.text_start for b in blocks]
    equal = sorted((r for r in runs if r.kind == EQUAL and r.conformed[1] > r.conformed[0]),
                   key=lambda r: r.conformed[0])
    equal_starts = [r.conformed[0] for r in equal]
    out: list[str] = []
    pos = 0  # how far the HTML is copied
    next_base = 0  # the first base block not yet written or deleted
    anchor: Block | None = None  # the block last written (new blocks follow it, in its kind)
    for cs, ce in _pieces(text, _LINE_GAP):
        piece = text[cs:ce]
        k, untouched = _claim(base.text, blocks, starts, equal, equal_starts, cs, ce, piece)
        if k is not None and k >= next_base:
            for j in range(next_base, k):  # blocks the amendments deleted
                out.append(markup[pos:blocks[j].outer[0]])
                pos = blocks[j].outer[1]
            block = blocks[k]
            out.append(markup[pos:block.outer[0]])
            out.append(markup[block.outer[0]:block.outer[1]] if untouched else _rewrite(markup, block, piece))
            pos = block.outer[1]
            next_base = k + 1
            anchor = block
        else:  # a new block: after the last one written (or before the next one, at the start)
            context = anchor
            if context is None and next_base < len(blocks):
                context = blocks[next_base]
                out.append(markup[pos:context.outer[0]])
                pos = context.outer[0]
            out.append(_new_block(context.tag if context is not None else "p", piece))
    for j in range(next_base, len(blocks)):
        out.append(markup[pos:blocks[j].outer[0]])
        pos = blocks[j].outer[1]
    out.append(markup[pos:])
    return origin.bom + "".join(out).encode(origin.encoding, errors="xmlcharrefreplace")


def _pieces(text: str, gap: re.Pattern[str] = _BLOCK_GAP) -> list[tuple[int, int]]:
    """The blocks of the conformed text: (start, end) of each, white space at either end left out."""
    spans = []
    pos = 0
    for m in [*gap.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        if m is not None:
            pos = m.end()
    return spans


def _claim(base_text: str, blocks: list[Block], starts: list[int], equal: list[Run], equal_starts: list[int],
           cs: int, ce: int, piece: str) -> tuple[int | None, bool]:
    """Which base block the conformed block ``[cs, ce)`` comes from (the block of its first
    unchanged character), and whether it is that block untouched."""
    i = max(0, bisect.bisect_right(equal_starts, cs) - 1)
    while i < len(equal) and equal[i].conformed[0] < ce:
        run = equal[i]
        lo = max(cs, run.conformed[0])
        if lo < run.conformed[1]:
            offset = run.base[0] + (lo - run.conformed[0])
            k = bisect.bisect_right(starts, offset) - 1
            if k >= 0 and offset < blocks[k].text_end:
                block = blocks[k]
                same = (lo == cs and run.conformed[1] >= ce and offset == block.text_start
                        and base_text[block.text_start:block.text_end] == piece)
                return k, same
        i += 1
    return None, False


def _esc(text: str) -> str:
    return html.escape(_SPACE.sub(" ", text.replace("\t", " ")).strip(), quote=False)


def _rewrite(markup: str, block: Block, piece: str) -> str:
    """``block`` with ``piece`` as its text: its own tags kept, its content replaced."""
    if block.tag == "tr" and block.cells:
        values = piece.split("\t")
        cells = block.cells
        if len(values) > len(cells):
            values = values[:len(cells) - 1] + [" ".join(values[len(cells) - 1:])]
        values += [""] * (len(cells) - len(values))
        out = [markup[block.outer[0]:cells[0][0]]]
        for n, (start, end) in enumerate(cells):
            out.append(_content(markup[start:end], values[n]))
            out.append(markup[end:cells[n + 1][0]] if n + 1 < len(cells) else markup[end:block.outer[1]])
        return "".join(out)
    new = _content(markup[block.inner[0]:block.inner[1]], piece)
    return markup[block.outer[0]:block.inner[0]] + new + markup[block.inner[1]:block.outer[1]]


def _content(inner: str, piece: str) -> str:
    """The new content of an element whose content was ``inner``: ``piece`` escaped, inside the
    ``<FONT ...>`` or ``<SPAN ...>`` that held the whole old text, if one did."""
    new = _esc(piece)
    wrapper = _WRAPPER.match(inner)
    if wrapper and inner.rstrip().lower().endswith(f"</{wrapper.group(1).lower()}>"):
        new = inner[:wrapper.end()].lstrip() + new + f"</{inner[wrapper.start(1):wrapper.end(1)]}>"
    return new


def _new_block(context: str, piece: str) -> str:
    if context == "tr":
        return "\n<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in piece.split("\t")) + "</tr>"
    if context == "li":
        return f"\n<li>{_esc(piece)}</li>"
    return f"\n<p>{_esc(piece)}</p>"


def _document(base: Source, text: str) -> bytes:
    """A plain HTML5 document of ``text``: one ``<p>`` per block; a block laid out as a table
    (columns of spaces) keeps its lines and spacing. Page marks and page numbers are left out."""
    from pathlib import PurePath

    from ..layout import FURNITURE, analyse
    furniture: set[int] = set()
    if base.printed_lines:
        layout = analyse(text)
        furniture = {ln.end for ln in layout.lines if ln.kind == FURNITURE}
    paragraphs = []
    for cs, ce in _pieces(text):
        lines = []
        pos = cs
        for line in text[cs:ce].splitlines(keepends=True):
            if pos + len(line.rstrip("\r\n")) not in furniture:
                lines.append(line.rstrip("\r\n"))
            pos += len(line)
        lines = [ln for ln in lines if ln.strip()]
        if not lines:
            continue
        if any(_TABULAR.search(ln.strip()) for ln in lines):
            body = "<br>\n".join(html.escape(ln.rstrip(), quote=False) for ln in lines)
            paragraphs.append(f'<p style="white-space: pre-wrap">{body}</p>')
        else:
            paragraphs.append(f"<p>{_esc(' '.join(lines))}</p>")
    title = html.escape(PurePath(base.path).stem or "Conformed copy", quote=False)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n</head>\n<body>\n" + "\n".join(paragraphs) + "\n</body>\n</html>\n").encode("utf-8")
