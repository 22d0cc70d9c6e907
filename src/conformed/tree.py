"""The provision tree: every node is a span of the agreement's text, with its number and kind."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

# Kinds that carry a number a target can name ("Section 13.4", "Part 1", "clause (a)").
NUMBERED = frozenset({"article", "section", "part", "paragraph", "clause"})
ATTACHMENTS = frozenset({"schedule", "exhibit", "annex", "appendix", "attachment", "addendum", "rider"})

_WRITTEN = {"article": "Article", "section": "Section", "part": "Part", "paragraph": "Paragraph",
            "clause": "clause", "schedule": "Schedule", "exhibit": "Exhibit", "annex": "Annex",
            "appendix": "Appendix", "attachment": "Attachment", "addendum": "Addendum", "rider": "Rider"}


@dataclass(eq=False, slots=True)
class Node:
    kind: str
    start: int  # start of the node's first line (indentation included)
    end: int = 0  # after the last visible character of its last content line
    num: str = ""
    label: str = ""
    text_start: int = 0  # first visible character
    body_start: int = 0  # after the label and the caption
    caption: str = ""
    term: str = ""  # defined term, for definitions (and clauses that open with one)
    title: str = ""  # for documents: the title as printed
    dates: tuple[str, ...] = ()  # for documents: dates in the title block
    style: str = ""  # for clauses: numbering style, e.g. "paren:lower"
    indent: int = 0
    level: int = 0
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def document(self) -> Node:
        """The (sub-)document this node belongs to."""
        node: Node | None = self
        while node is not None and node.kind not in ("document",) and node.kind not in ATTACHMENTS:
            node = node.parent
        return node or self

    def describe(self) -> str:
        """How a lawyer would name this node: 'Section 13.4', 'clause (a) of Section 2.1'."""
        if self.kind == "definition":
            return f'definition of "{self.term}"'
        if self.kind == "clause":
            own = f"clause ({self.num})"
            parent = self.parent
            if parent is not None and parent.kind in NUMBERED | {"definition"}:
                return f"{own} of {parent.describe()}"
            return own
        if self.kind in NUMBERED or self.kind in ATTACHMENTS:
            return f"{_WRITTEN[self.kind]} {self.num}".strip()
        if self.kind == "document":
            return self.title or "the document"
        return {"recitals": "the Recitals", "preamble": "the preamble", "signatures": "the signature pages",
                "title": "the title", "root": "the agreement"}.get(self.kind, self.kind)

    @property
    def id(self) -> str:
        """Stable id derived from the numbers of the path: 'sec_13__sec_13.4__cl_a'."""
        parts = []
        for node in [*reversed(list(self.ancestors())), self]:
            if node.kind in ("root",):
                continue
            short = {"section": "sec", "article": "art", "clause": "cl", "paragraph": "para",
                     "definition": "def", "document": "doc"}.get(node.kind, node.kind)
            value = node.num or node.term or ""
            parts.append(f"{short}_{value}".rstrip("_").replace(" ", "-"))
        return "__".join(parts) or "root"
