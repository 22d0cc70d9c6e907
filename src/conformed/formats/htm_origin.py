"""The map from an HTML source's text back to its HTML, kept in ``Source.origin``.

The reader (:mod:`.htm_parse`) makes it and the writer (:mod:`.htm_splice`) follows it, so it
lives apart from both."""
from __future__ import annotations

from dataclasses import dataclass, field


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
    """The decoded HTML of a source, how to encode it back, and its blocks in text order."""

    html: str
    encoding: str
    bom: bytes
    blocks: list[Block]
