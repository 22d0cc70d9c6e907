"""The new text an instruction carries: the paragraphs after its colon.

Filings write payloads in many ways: one quoted paragraph, several paragraphs each opening with
a quotation mark and only the last one closing it, definitions that begin with their quoted
term, unquoted paragraphs that run until the next instruction, a table. Page marks and page
numbers that fall inside a payload are layout and are dropped; the quotation marks that wrap the
whole payload are removed; nested quotations stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import quotes
from .document import Document
from .layout import TEXT, Paragraph

_OPENS_QUOTE = re.compile(r"""[\s*_|]*(?:["“„]|''|``)""")
_ENDS_CLOSED = re.compile(r"""(?:["”]|'')[\s*_|]*(?:[.;,:]+[\s*_|]*)?(?:(?:and|or)\b[\s*_|]*)?$""")
# a line of | : - and white space holding "---" (the lookahead is atomic: linear on a run of hyphens)
_TABLE_RULE = re.compile(r"^(?=[\s|:-]*---)[\s|:-]*$", re.M)


@dataclass(frozen=True)
class Block:
    """One paragraph of new text, with where it was found in the amendment."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Payload:
    blocks: tuple[Block, ...]
    quoted: bool
    note: str = ""  # "unclosed" when a quotation opened and never closed

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end


def collect(doc: Document, start: int, paragraphs: list[Paragraph], first: int,
            stops: Callable[[Paragraph], bool]) -> tuple[Payload | None, int]:
    """Read the payload that begins at offset ``start`` (inside paragraph ``first``).

    Returns the payload (None when there is no text) and the index of the first paragraph after it.
    ``stops(paragraph)`` says whether a paragraph opens the next instruction or section.
    """
    text = doc.text
    spans: list[tuple[int, int]] = []
    head = paragraphs[first]
    if start < head.end and text[start:head.end].strip(" \t\r\n|*_"):
        spans.append((start, head.end))
    index = first + 1
    while index < len(paragraphs):
        para = paragraphs[index]
        if stops(para):
            break
        if not spans and _is_table_rule(doc, para):
            index += 1
            continue
        # A quoted payload ends with the paragraph that closes its quotation, unless the next
        # paragraph opens another one (several quoted definitions or paragraphs in a row).
        if spans and _OPENS_QUOTE.match(text, spans[0][0]) and _closed(text, spans[-1][1]) \
                and not _OPENS_QUOTE.match(text, para.start):
            break
        spans.append((para.start, para.end))
        index += 1
    blocks = [b for b in (_block(doc, a, b) for a, b in spans) if b.text]
    if not blocks:
        return None, index
    payload = _unwrap(blocks, bool(_OPENS_QUOTE.match(text, spans[0][0])))
    return (payload if payload.blocks else None), index  # a lone quotation mark is no text either


def _around_all(blocks: list[Block]) -> Payload | None:
    """One quotation around every paragraph: strip its two marks only."""
    if len(blocks) < 2:
        return None
    sep = "\n\n"
    joined = sep.join(b.text for b in blocks)
    inner, how = quotes.strip_outer(joined)
    pieces = inner.split(sep)
    if how != "" or len(pieces) != len(blocks):
        return None
    return Payload(tuple(Block(p.strip(), b.start, b.end) for p, b in zip(pieces, blocks) if p.strip()), True)


def _closed(text: str, end: int) -> bool:
    return bool(_ENDS_CLOSED.search(text, max(0, end - 12), end))


def _is_table_rule(doc: Document, para: Paragraph) -> bool:
    return bool(_TABLE_RULE.fullmatch(doc.text, para.start, para.end))


def _block(doc: Document, start: int, end: int) -> Block:
    """The visible text of ``[start, end)``: furniture lines dropped, wrapped lines joined."""
    pieces = []
    for line in doc.layout.content_lines(start, end):
        if line.kind != TEXT:
            continue
        a, b = max(start, line.start), min(end, line.end)
        piece = doc.text[a:b].strip()
        if piece.strip("|*_-: \t") and not _TABLE_RULE.fullmatch(piece):
            pieces.append(piece)
    return Block(_joined(pieces, _TWO_AFTER_STOP.search(doc.text, start, end) is not None), start, end)


_TWO_AFTER_STOP = re.compile(r"[.:]  (?=\S)")


def _joined(lines: list[str], two_after_stop: bool) -> str:
    """Wrapped lines as one: a line that ends a sentence is followed by two spaces where the text
    puts two after a full stop (EDGAR typing), else by one."""
    out = []
    for i, line in enumerate(lines):
        if i:
            out.append("  " if two_after_stop and lines[i - 1].endswith((".", ":")) else " ")
        out.append(line)
    return "".join(out)


def _unwrap(blocks: list[Block], quoted: bool) -> Payload:
    """Remove the quotation marks that wrap the payload: one pair around all of it, or (the
    convention for quoting several paragraphs) one opening each paragraph and a closing one at
    the end of the last."""
    if not quoted:
        return Payload(tuple(blocks), False)
    whole = _around_all(blocks)
    if whole is not None:
        return whole
    out = []
    note = ""
    for block in blocks:
        inner, how = quotes.strip_outer(block.text)
        if how == "unclosed" and block is blocks[-1]:
            note = "unclosed"
        out.append(Block(inner.strip(), block.start, block.end))
    return Payload(tuple(b for b in out if b.text), True, note)
