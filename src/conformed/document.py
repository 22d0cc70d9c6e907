"""Stage 2: text -> :class:`Document` (the text, its layout and its provision tree).

The document never changes: edits produce a new text, read again into a new Document. Rendering
a document gives back its text unchanged, byte for byte.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from . import outline, sentences
from .layout import FURNITURE, Layout, Line, analyse
from .reader import Source, from_text
from .textindex import Dense
from .tree import NUMBERED, Node


class Document:
    def __init__(self, source: Source):
        self.source = source
        self.text = source.text
        self.layout: Layout = analyse(self.text)
        self.root: Node = outline.build(self.text, self.layout)
        self._dense: dict[tuple[int, int], Dense] = {}

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        return cls(from_text(text, path))

    @property
    def path(self) -> str:
        return self.source.path

    def render(self) -> str:
        return self.text

    # -- structure ---------------------------------------------------------------------------
    @property
    def documents(self) -> list[Node]:
        return self.root.children

    @property
    def main(self) -> Node:
        return self.root.children[0]

    @cached_property
    def _by_num(self) -> dict[str, list[Node]]:
        index: dict[str, list[Node]] = defaultdict(list)
        for node in self.root.walk():
            if node.kind in NUMBERED and node.num:
                index[node.num.lower()].append(node)
        return index

    def numbered(self, num: str) -> list[Node]:
        """Every provision numbered ``num`` (any kind, anywhere)."""
        return list(self._by_num.get(num.lower(), ()))

    def nodes_of_kind(self, kind: str, within: Node | None = None) -> list[Node]:
        return [n for n in (within or self.root).walk() if n.kind == kind]

    def definitions(self, within: Node | None = None) -> list[Node]:
        """Nodes that define a term (definitions, and clauses opening with a defined term)."""
        return [n for n in (within or self.root).walk() if n.term]

    def node_at(self, offset: int) -> Node:
        """The deepest node whose span holds ``offset``."""
        node = self.root
        while True:
            for child in node.children:
                if child.start <= offset < max(child.end, child.start + 1):
                    node = child
                    break
            else:
                return node

    # -- text views --------------------------------------------------------------------------
    def dense(self, start: int, end: int) -> Dense:
        """A folded, searchable view of ``[start, end)`` without page furniture (cached)."""
        key = (start, end)
        view = self._dense.get(key)
        if view is None:
            view = Dense(self.text, self.content_segments(start, end))
            self._dense[key] = view
        return view

    def content_segments(self, start: int, end: int) -> list[tuple[int, int]]:
        segments = []
        pos = start
        for f_start, f_end in self.layout.furniture_spans(start, end):
            if f_start > pos:
                segments.append((pos, min(f_start, end)))
            pos = max(pos, f_end)
        if pos < end:
            segments.append((pos, end))
        return segments

    def lines(self, node: Node) -> list[Line]:
        """The printed lines of a provision, blank lines and page furniture left out."""
        return self.layout.content_lines(node.start, node.end)

    def sentences(self, node: Node, start: int | None = None, end: int | None = None) -> list[tuple[int, int]]:
        """Sentences of a provision's own text, its caption excluded."""
        begin = node.body_start if start is None else start
        return sentences.split(self.text, begin, node.end if end is None else end, self._skip_furniture)

    def paragraphs(self, node: Node) -> list[tuple[int, int]]:
        """The paragraphs of a provision (its own and its children's), as text spans."""
        spans = [(max(p.start, node.body_start if i == 0 else p.start), p.end)
                 for i, p in enumerate(q for q in self.layout.paragraphs
                                       if q.start >= node.text_start and q.end <= node.end)]
        return [(a, b) for a, b in spans if self.text[a:b].strip()]  # a heading alone leaves no text

    def _skip_furniture(self, offset: int) -> int:
        line = self.layout.line_at(offset)
        if line.kind == FURNITURE and line.start <= offset <= line.end:
            return line.end + 1 if line.end < len(self.text) else line.end
        return offset

    def position(self, offset: int) -> tuple[int, int]:
        return self.layout.position(offset)

    def excerpt(self, start: int, end: int, limit: int = 80) -> str:
        text = " ".join(self.text[start:end].split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


_WS = re.compile(r"\s+")


def outline_text(doc: Document, max_depth: int = 6) -> str:
    """A readable outline of the tree, one node a line (used by ``conformed parse --tree``)."""
    out = []

    def visit(node: Node, depth: int) -> None:
        if depth > max_depth:
            return
        if node.kind != "root":
            line, _ = doc.position(node.text_start)
            what = node.describe()
            extra = f"  {node.caption}" if node.caption else ""
            out.append(f"{'  ' * (depth - 1)}{what}{extra}  [line {line}]")
        for child in node.children:
            visit(child, depth + 1)

    visit(doc.root, 0)
    return "\n".join(out)
