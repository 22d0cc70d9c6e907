"""Where a new provision goes: a definition among the others in alphabetical order, a lettered
clause after the one it follows.

The answer is a point in the base (the end of a neighbour's last line, or the start of its first)
and the neighbour whose layout the new text takes.
"""
from __future__ import annotations

import re

from . import labels
from .ast import Ref
from .document import Document
from .errors import Place, TargetNotFound, Unsupported
from .tree import Node

_NOT_SORTED = re.compile(r"[^a-z0-9 ]")
_REST_OF_LINE = re.compile(r"[^\r\n]*")


class Placement:
    def __init__(self, base: Document):
        self.base = base
        # provision id -> (provision, its definitions, their sort keys); the base does not change
        # while one amendment resolves, so each provision is walked once.
        self._defs: dict[int, tuple[Node, list[Node], list[str]]] = {}

    def among_definitions(self, container: Node, block: str, replacing: set[str],
                          place: Place | None) -> tuple[int, Node, bool]:
        """(point, neighbour, after?) for a new definition opening ``block``. ``replacing`` holds
        the terms the same instruction deletes: a new definition of one of them is no duplicate."""
        term = labels.definition_term(block)
        if not term:
            raise Unsupported("the new text does not open with a defined term to put in alphabetical order", place)
        defs, keys = self._definitions_of(container)
        if not defs:
            raise TargetNotFound(f"{container.describe()} holds no definitions to put a new one among", place)
        key = sort_key(term)
        same = [d for d, k in zip(defs, keys) if k == key]
        if same and key not in {sort_key(t) for t in replacing}:
            raise Unsupported(f'"{term}" is already defined ({same[0].describe()}, base line '
                              f"{self.base.position(same[0].text_start)[0]}); the amendment adds it as new", place)
        # The new definition goes after the last one that sorts before it, wherever it stands
        # (a base list is not always perfectly sorted, and its order is kept as it is).
        after = [d for d, k in zip(defs, keys) if k < key]
        text = self.base.text
        if after:
            return line_end(text, after[-1].end), after[-1], True
        return line_start(text, defs[0].start), defs[0], False

    def holder_of(self, container: Node, label: Ref) -> Node | None:
        """The provision in ``container`` that already carries ``label``, if any."""
        return next((c for c in container.walk() if c is not container and c.num == label.value and
                     (c.kind == label.kind or label.kind in ("clause", "paragraph", "section"))), None)

    def by_label(self, container: Node, label: Ref, place: Place | None) -> tuple[int, Node]:
        """(point, neighbour) for a new clause or section ``label`` in ``container``: after the
        last sibling whose label comes before it."""
        existing = self.holder_of(container, label)
        if existing is not None:
            raise Unsupported(f"{existing.describe()} already exists; the amendment adds it as new", place)
        siblings = [c for c in container.children if c.kind == "clause"] or container.children
        neighbour = siblings[-1] if siblings else container
        for index, sibling in enumerate(siblings):
            if _label_after(sibling.num, label.value):
                neighbour = siblings[index - 1] if index else container
                break
        return line_end(self.base.text, neighbour.end), neighbour

    def _definitions_of(self, container: Node) -> tuple[list[Node], list[str]]:
        known = self._defs.get(id(container))
        if known is None:
            defs = [n for n in container.walk() if n.kind == "definition"]
            known = self._defs[id(container)] = (container, defs, [sort_key(d.term) for d in defs])
        return known[1], known[2]


def relettered(siblings: list[Node], removed: set[int], pushed: set[int]) -> list[tuple[Node, str]]:
    """The clauses whose label changes, with their new label, when the clauses in ``removed`` go
    and a new clause comes before each clause in ``pushed`` (ids of nodes)."""
    out = []
    shift = 0
    for node in siblings:
        if id(node) in pushed:
            shift += 1
        if id(node) in removed:
            shift -= 1
            continue
        if shift:
            out.append((node, labels.label_for(node.style, labels.ordinal(node.num, node.style) + shift)))
    return out


def sort_key(term: str) -> str:
    """How a defined term sorts: case, quotes and punctuation ignored."""
    return " ".join(_NOT_SORTED.sub(" ", term.lower()).split())


def line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def line_end(text: str, offset: int) -> int:
    return _REST_OF_LINE.match(text, offset).end()


def _label_after(existing: str, new: str) -> bool:
    for style, ordinal in labels.styles(new, "paren"):
        mine = labels.ordinal(existing, style)
        if mine > 0:
            return mine > ordinal
    return False
