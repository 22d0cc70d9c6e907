"""The conformed copy of an HTML base: the base's own HTML with only the changed blocks rewritten.

Every untouched block, and everything between blocks (the head, styles, tables' own tags, page
breaks and page numbers), is copied character for character, so a filing's look survives. A block
is matched to the base through the redline's equal runs, never by searching for its text, so two
identical paragraphs cannot be mistaken for one another. A changed block (or table cell) is rebuilt
by :mod:`.htm_inline`, which keeps the inline markup of its untouched words; when it cannot follow
the block's markup, the block gets its new text plainly (:func:`_content`).
"""
from __future__ import annotations

import bisect
import re

from ..runs import EQUAL, Run
from .htm_inline import Changes, rebuild
from .htm_origin import Block, HtmlOrigin
from .htm_text import escaped, text_blocks

_WRAPPER = re.compile(r"\s*<(font|span)\b[^>]*>", re.I)
_HTML_SPACE = " \t\r\n\f"


def into_base(origin: HtmlOrigin, base_text: str, runs: list[Run], text: str) -> bytes:
    """The conformed ``text`` written into the base's HTML, encoded as the base was."""
    sources = _Sources(base_text, origin.blocks, runs)
    copy = _Copy(origin.html, origin.blocks, Changes(base_text, text, runs), base_text)
    for cs, ce in text_blocks(text):
        piece = text[cs:ce]
        k, untouched = sources.of(cs, ce, piece)
        if k is not None and k >= copy.next_base:
            copy.keep(k, piece, untouched, cs)
        else:  # a new block, or a piece of a base block already written (a split paragraph)
            copy.insert(piece)
    return origin.bom + copy.finish().encode(origin.encoding, errors="xmlcharrefreplace")


class _Sources:
    """Which base block each block of the conformed text comes from, through the equal runs."""

    def __init__(self, base_text: str, blocks: list[Block], runs: list[Run]):
        self.base_text = base_text
        self.blocks = blocks
        self.starts = [b.text_start for b in blocks]
        self.equal = sorted((r for r in runs if r.kind == EQUAL and r.conformed[1] > r.conformed[0]),
                            key=lambda r: r.conformed[0])
        self.equal_starts = [r.conformed[0] for r in self.equal]

    def of(self, cs: int, ce: int, piece: str) -> tuple[int | None, bool]:
        """The index of the base block the conformed block ``[cs, ce)`` comes from (the block of
        its first unchanged character, None for a new block), and whether it is that block untouched."""
        i = max(0, bisect.bisect_right(self.equal_starts, cs) - 1)
        while i < len(self.equal) and self.equal[i].conformed[0] < ce:
            run = self.equal[i]
            lo = max(cs, run.conformed[0])
            if lo < run.conformed[1]:
                offset = run.base[0] + (lo - run.conformed[0])
                k = bisect.bisect_right(self.starts, offset) - 1
                if k >= 0 and offset < self.blocks[k].text_end:
                    block = self.blocks[k]
                    same = (lo == cs and run.conformed[1] >= ce and offset == block.text_start
                            and self.base_text[block.text_start:block.text_end] == piece)
                    return k, same
            i += 1
        return None, False


class _Copy:
    """The base's HTML copied out in order, block by block, with the conformed text's changes."""

    def __init__(self, markup: str, blocks: list[Block], changes: Changes, base_text: str):
        self.markup = markup
        self.blocks = blocks
        self.changes = changes
        self.base_text = base_text
        self.out: list[str] = []
        self.pos = 0  # how far the HTML is copied
        self.next_base = 0  # the first base block not yet written or deleted
        self.anchor: Block | None = None  # the block last written (new blocks follow it, in its kind)

    def keep(self, k: int, piece: str, untouched: bool, at: int) -> None:
        """Write base block ``k`` (as it was, or rewritten to ``piece``, which starts at ``at`` in
        the conformed text), deleting the base blocks before it that nothing in the conformed text
        came from."""
        for j in range(self.next_base, k):
            self._delete(self.blocks[j])
        block = self.blocks[k]
        self._copy_to(block.outer[0])
        self.out.append(self.markup[block.outer[0]:block.outer[1]] if untouched else
                        _rewrite(self.markup, block, piece, _Context(self.changes, self.base_text, at)))
        self.pos = block.outer[1]
        self.next_base = k + 1
        self.anchor = block

    def insert(self, piece: str) -> None:
        """A new block after the last one written, in its kind (before the next one, at the start)."""
        context = self.anchor
        if context is None and self.next_base < len(self.blocks):
            context = self.blocks[self.next_base]
            self._copy_to(context.outer[0])
        self.out.append(_new_block(context.tag if context is not None else "p", piece))

    def finish(self) -> str:
        """The rest of the HTML, without the base blocks no conformed block came from."""
        for j in range(self.next_base, len(self.blocks)):
            self._delete(self.blocks[j])
        self.out.append(self.markup[self.pos:])
        return "".join(self.out)

    def _copy_to(self, end: int) -> None:
        self.out.append(self.markup[self.pos:end])
        self.pos = end

    def _delete(self, block: Block) -> None:
        """Leave ``block`` out, and the white space before it: that was its own line break and
        indentation, and kept with the one after it would leave a blank line where it was."""
        self.out.append(self.markup[self.pos:block.outer[0]].rstrip(_HTML_SPACE))
        self.pos = block.outer[1]


class _Context:
    """What a rewrite needs to keep the markup of a block's untouched words: the runs, the base
    text, and where the block's new text starts in the conformed text."""

    def __init__(self, changes: Changes, base_text: str, at: int):
        self.changes = changes
        self.base_text = base_text
        self.at = at

    def content(self, markup: str, span: tuple[int, int], base: tuple[int, int], new: tuple[int, int]) -> str:
        """The new content of the element whose content is ``markup[span]`` and whose text is
        ``base`` in the base text and becomes ``new`` (offsets in the block's new text): the
        untouched words with their markup (:mod:`.htm_inline`), else the new text plainly."""
        conformed = (self.at + new[0], self.at + new[1])
        ops = self.changes.ops(base, conformed)
        out = rebuild(markup, span, self.base_text[base[0]:base[1]], ops)
        if out is None:
            out = _content(markup[span[0]:span[1]], self.changes.text[conformed[0]:conformed[1]])
        return out


def _rewrite(markup: str, block: Block, piece: str, context: _Context) -> str:
    """``block`` with ``piece`` as its text: its own tags kept, its content rebuilt."""
    if block.tag == "tr" and block.cells:
        return _rewrite_row(markup, block, piece, context)
    new = context.content(markup, block.inner, (block.text_start, block.text_end), (0, len(piece)))
    return markup[block.outer[0]:block.inner[0]] + new + markup[block.inner[1]:block.outer[1]]


def _rewrite_row(markup: str, block: Block, piece: str, context: _Context) -> str:
    """A table row with ``piece`` as its text: one tab-separated value per non-empty cell (extra
    values go to the last cell, missing ones leave cells empty), the row's tags and empty cells
    kept. When the row keeps its number of cells, each cell is rebuilt with its markup."""
    values = piece.split("\t")
    cells = block.cells
    olds = context.base_text[block.text_start:block.text_end].split("\t")
    if len(values) == len(cells) == len(olds):
        out = [markup[block.outer[0]:cells[0][0]]]
        base = block.text_start
        new = 0
        for n, (start, end) in enumerate(cells):
            out.append(context.content(markup, (start, end), (base, base + len(olds[n])),
                                       (new, new + len(values[n]))))
            out.append(markup[end:cells[n + 1][0]] if n + 1 < len(cells) else markup[end:block.outer[1]])
            base += len(olds[n]) + 1
            new += len(values[n]) + 1
        return "".join(out)
    if len(values) > len(cells):
        values = values[:len(cells) - 1] + [" ".join(values[len(cells) - 1:])]
    values += [""] * (len(cells) - len(values))
    out = [markup[block.outer[0]:cells[0][0]]]
    for n, (start, end) in enumerate(cells):
        out.append(_content(markup[start:end], values[n]))
        out.append(markup[end:cells[n + 1][0]] if n + 1 < len(cells) else markup[end:block.outer[1]])
    return "".join(out)


def _content(inner: str, piece: str) -> str:
    """The new content of an element whose content was ``inner``: ``piece`` escaped, inside the
    ``<FONT ...>`` or ``<SPAN ...>`` that held the whole old text, if one did (EDGAR sets the
    type size there, and a rewritten paragraph should not change size)."""
    new = escaped(piece)
    wrapper = _WRAPPER.match(inner)
    if wrapper and inner.rstrip().lower().endswith(f"</{wrapper.group(1).lower()}>"):
        new = inner[:wrapper.end()].lstrip() + new + f"</{inner[wrapper.start(1):wrapper.end(1)]}>"
    return new


def _new_block(context: str, piece: str) -> str:
    """A new block in the kind of the block it follows: a row after a row, an item after an item."""
    if context == "tr":
        return "\n<tr>" + "".join(f"<td>{escaped(v)}</td>" for v in piece.split("\t")) + "</tr>"
    if context == "li":
        return f"\n<li>{escaped(piece)}</li>"
    return f"\n<p>{escaped(piece)}</p>"
