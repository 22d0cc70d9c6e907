"""Blame: for every provision of the conformed agreement, the amendment and instruction that last
changed it (and, word by word, who wrote each changed run of words).

It reads the trace, which holds every word the agreement ever had: a visible segment added by an
amendment is text that amendment wrote; a segment an amendment removed changed the provision at
the point where it stood, although no word of it is left.
"""
from __future__ import annotations

from dataclasses import dataclass

from .changes import Provenance
from .engine import Result
from .tree import Node

PROVISIONS = frozenset({"article", "section", "part", "paragraph", "clause", "definition", "schedule", "exhibit",
                        "annex", "appendix", "recitals", "preamble"})


@dataclass(frozen=True)
class Mark:
    """One change as it stands in the conformed text: ``[start, end)`` (empty for a deletion)."""

    start: int
    end: int
    by: Provenance
    order: int  # the amendment's place in the chain: later amendments win
    kind: str  # "insert" | "delete"


@dataclass(frozen=True)
class Line:
    """A provision of the conformed agreement and who last changed it (None: the base's own)."""

    kind: str
    name: str
    start: int
    end: int
    line: int
    by: Provenance | None


def marks(result: Result) -> list[Mark]:
    """Every change, placed in the conformed text, in order of position."""
    order = {step.amendment.path: index for index, step in enumerate(result.steps)}
    out: list[Mark] = []
    pos = 0
    for seg in result.trace.segments:
        if seg.visible:
            if seg.added_by is not None and not seg.copy:
                out.append(Mark(pos, pos + len(seg.text), seg.added_by, order.get(seg.added_by.path, 0), "insert"))
            pos += len(seg.text)
        elif not seg.silent:  # a restatement's identical rewrite changed nothing
            out.append(Mark(pos, pos, seg.removed_by, order.get(seg.removed_by.path, 0), "delete"))
    return out


def provisions(result: Result) -> list[Line]:
    """Each provision of the conformed agreement with the last change inside it."""
    doc = result.final
    found = marks(result)
    out = []
    for node in (n for document in doc.documents for n in document.walk()):
        if node.kind not in PROVISIONS:
            continue
        last = _last(found, node)
        out.append(Line(node.kind, _name(node), node.start, node.end, doc.position(node.start)[0],
                        last.by if last else None))
    return out


def _last(found: list[Mark], node: Node) -> Mark | None:
    inside = [m for m in found if node.start <= m.start <= node.end and (m.end > m.start or m.start < node.end)]
    return max(inside, key=lambda m: (m.order, m.by.line, m.by.column), default=None)


def _name(node: Node) -> str:
    if node.kind == "definition":
        return f'"{node.term}"'
    chain = [n for n in (node, *node.ancestors()) if n.kind in PROVISIONS and n.num]
    if not chain:
        return (node.label or node.caption or node.kind).strip()
    parts = []
    for n in reversed(chain):
        if n.kind == "clause":
            parts.append(f"({n.num})")
        else:
            parts = [f"{n.kind.capitalize()} {n.num}"]
    return "".join(parts)


def text(result: Result, words: bool = False) -> str:
    """The conformed agreement, each provision headed by who last changed it; with ``words``,
    each changed run of words marked with its amendment and instruction."""
    from .render.text import escape_terminal
    events: list[tuple[int, int, str]] = []  # (offset, rank, mark): closing marks, then heads, then openings
    for line in provisions(result):
        who = f"{line.by.short()} ({line.by.place})" if line.by else "base agreement"
        events.append((line.start, 1, f"⟦{line.name}: {who}⟧\n"))
    if words:
        for mark in marks(result):
            if mark.kind == "insert":
                events.append((mark.start, 2, "⟦"))
                events.append((mark.end, 0, f"⟧{{{mark.by.short()}}}"))
            else:
                events.append((mark.start, 2, f"⟦deleted by {mark.by.short()}⟧"))
    out, pos = [], 0
    for offset, _, mark in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(result.text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(result.text[pos:])
    return escape_terminal("".join(out))


def as_json(result: Result, words: bool = False) -> dict:
    def prov(p: Provenance | None) -> dict | None:
        return None if p is None else {"amendment": p.amendment, "instruction": p.instruction, "path": p.path,
                                       "line": p.line, "column": p.column, "date": p.date or None}
    out = {"base": result.base.path, "provisions": [
        {"kind": x.kind, "name": x.name, "line": x.line, "start": x.start, "end": x.end, "last_changed_by": prov(x.by)}
        for x in provisions(result)]}
    if words:
        out["changes"] = [{"kind": m.kind, "start": m.start, "end": m.end, "text": result.text[m.start:m.end],
                           "by": prov(m.by)} for m in marks(result)]
    return out
