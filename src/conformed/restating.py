"""A provision restated: where its new text starts and how it reads from there.

The new text may repeat the provision's label ("(e) Calculation Agent. ..."), bring a caption of
its own, or give the body only. The base's label, as printed, stays where the new text repeats
it; the rest is laid out like the provision it replaces (:mod:`conformed.fit`).
"""
from __future__ import annotations

import re

from . import ast, fit, labels
from .document import Document
from .errors import Place, Unsupported
from .placement import line_end, line_start
from .tree import ATTACHMENTS, Node


def restated(base: Document, node: Node, blocks: list[str]) -> tuple[int, str]:
    """Where the restatement of ``node`` by ``blocks`` starts, and the text that replaces the
    provision from there to its end."""
    text = base.text
    own = _without_own_label(blocks[0], node)
    if own is not None:  # "(e) Calculation Agent. ...": the base's label, as printed, stays
        blocks = [own] + blocks[1:]
        start = _after_label(text, node)
    elif _opens_with_label(blocks[0], node):
        start = node.start
    elif node.caption and (_opens_with_caption(blocks[0], node.caption) or _RESERVED.fullmatch(blocks[0])):
        start = _after_label(text, node)  # the new text brings its own caption, or none
    else:
        start = node.body_start if node.body_start > node.text_start else node.start
    if start == node.start:
        return start, fit.block(base, blocks, node)
    return start, fit.continuing(base, node, text[line_start(text, start):start], blocks)


def span_of(nodes: list[Node], doc: Document, target: ast.Target, place: Place) -> Node:
    """One provision, or several that stand together ("Sections 43.1.1(i) through (iii) and 43.2")."""
    if len(nodes) == 1:
        return nodes[0]
    nodes = sorted(nodes, key=lambda n: n.start)
    for a, b in zip(nodes, nodes[1:]):
        if doc.text[a.end:b.start].strip():
            raise Unsupported(f"{target.describe()}: the provisions are not next to each other, so one new text "
                              "cannot replace them", place)
    first, last = nodes[0], nodes[-1]
    return Node(first.kind, first.start, last.end, num=first.num, label=first.label, text_start=first.text_start,
                body_start=first.body_start, parent=first.parent)


def _opens_with_label(block: str, node: Node) -> bool:
    """Does the new text restate the provision's own label ("(ii) In relation ...", ""Notes" means")?"""
    head = block.lstrip(" *_|\t\"“")
    if node.term and labels.definition_term(block):
        return True
    start = labels.classify(head)
    if start is None:
        return False
    if start.kind == "definition":
        return True
    if node.num and start.num.lower().strip(".") == node.num.lower():
        return True
    return bool(node.kind in ("section", "article", "part", "paragraph") and start.kind in
                ("section", "article", "part", "paragraph"))


def _without_own_label(block: str, node: Node) -> str | None:
    """The new text without its label, when that label is the provision's own ("(e) ..." for
    clause (e)); None otherwise."""
    if not node.label or node.kind not in ("clause", "section", "paragraph", "part", "article"):
        return None
    head = block.lstrip(" *_|\t\"“")
    if not head.startswith(node.label):
        return None
    rest = head[len(node.label):]
    if rest[:1].isalnum():  # "1.1" is no label of "1"
        return None
    return rest.lstrip(" \t\u00a0*_|")


def _opens_with_caption(block: str, caption: str) -> bool:
    """Does the new text open with the provision's caption ("PAYMENTS. All payments ...")?"""
    words = lambda text: re.findall(r"[^\W_]+", text.lower())  # noqa: E731
    wanted = words(caption)
    return bool(wanted) and words(block)[:len(wanted)] == wanted


def _after_label(text: str, node: Node) -> int:
    """Where a provision's caption starts: after its label and the spaces that follow it."""
    pos = node.text_start + len(node.label) if text.startswith(node.label, node.text_start) else node.text_start
    while pos < node.end and text[pos] in " \t\u00a0*_":
        pos += 1
    # "(g) **“Termination Currency”** means": the ** after the label opens the term's bold, so it
    # goes with the caption the restatement replaces (a mark that closes the label's bold stays)
    lead = text[line_start(text, node.text_start):pos]
    for mark in ("**", "__"):
        trimmed = lead.rstrip(" \t\u00a0")
        if trimmed.endswith(mark) and lead.count(mark) % 2 == 1:
            return pos - (len(lead) - len(trimmed)) - len(mark)
    return pos


# "[Reserved]", "Intentionally omitted": a restatement with no caption of its own, so the old one goes
# (each optional mark carries the white space after it: no two \s* meet, so a run of spaces is linear)
_RESERVED = re.compile(r"\s*(?:[\[(]\s*)?(?:reserved|intentionally\s+omitted|intentionally\s+left\s+blank)\s*"
                       r"(?:[\])]\s*)?(?:\.\s*)?", re.I)


def attached_start(doc: Document, node: Node, body: str) -> int:
    """Where an attached replacement ("Schedule 2.01 is amended and restated to read as set forth
    on Schedule 2.01 attached hereto") starts replacing: the base's own heading ("SCHEDULE 2.01")
    stays when the attached text, whose caption was the amendment's, does not repeat it."""
    if node.kind not in ATTACHMENTS:
        return node.start
    heading_end = line_end(doc.text, node.text_start)
    heading = " ".join(doc.text[node.text_start:heading_end].split()).upper()
    if not heading or " ".join(body.split()).upper().startswith(heading):
        return node.start
    following = (p.start for p in doc.layout.paragraphs if heading_end < p.start < node.end)
    first = next(following, None)
    return line_start(doc.text, first) if first is not None else node.start
