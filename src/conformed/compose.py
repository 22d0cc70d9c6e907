"""Phrases -> the parts of an action: the vocabulary :mod:`conformed.meaning` builds edits from.

An action's elements ("deleting", "the words "X"", "in the fourth line", "of Section 13.4", ...)
are grouped as written: each object or anchor with the containers that follow it, the places
written on their own (scopes), the "with" objects, and the flags. :class:`Context` is what back
references point to. The parts compose into targets, back references and anchors in
:mod:`conformed.compose_targets`, and into the new text in :mod:`conformed.compose_text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import ast
from .ast import NewText
from .phrases import Following, Modifier, NewProvision, Punct, Quoted, Target

WITHIN = ("within", "within_words", "there")
ANCHORS = ("after", "before", "at_end", "at_start")
OBJECTS = (Target, Quoted, Punct, Following, NewProvision)
PROVISION_NOUNS = ("definition", "definitions", "defined term", "defined terms", "section", "clause",
                   "paragraph", "provision", "provisions", "subsection", "item", "row", "rows", "table")


class NotUnderstood(Exception):
    """Raised for a combination of phrases the rules do not cover; becomes an unsupported edit."""


@dataclass
class Context:
    """What back references point to, and what the new text is."""

    payload: NewText | None
    subject: ast.Target | None = None
    subjects: list = field(default_factory=list)  # "Sections 703, 1004(b) ... are hereby amended"
    scope: ast.Target | None = None  # opened by "amending the definition of "Debt" therein by ..."
    notes: tuple[str, ...] = ()
    follows_deletion: bool = False  # the action before this one deleted quoted words
    sibling: bool = False  # a statement after another in one sentence: a bare clause is the other's sibling

    @property
    def antecedent(self) -> ast.Target | None:
        return self.scope or self.subject


@dataclass
class Chain:
    """An object or an anchor with the containers written after it."""

    head: object = None
    side: str = ""
    containers: list = field(default_factory=list)


@dataclass
class Parts:
    objects: list[Chain] = field(default_factory=list)
    anchors: list[Chain] = field(default_factory=list)
    scopes: list[Chain] = field(default_factory=list)
    withs: list[Chain] = field(default_factory=list)
    flags: dict[str, Modifier] = field(default_factory=dict)


def parts_of(elements) -> Parts:
    parts = Parts()
    current: Chain | None = None
    pending: Chain | None = None
    for el in elements:
        if isinstance(el, OBJECTS):
            if pending is not None:
                pending.head = el
                current, pending = pending, None
            else:
                current = Chain(el)
                parts.objects.append(current)
        elif isinstance(el, Modifier) and el.name in WITHIN:
            if pending is not None:  # "at the end of Section 13.4": the anchor's own target
                pending.containers.append(el)
                continue
            if current is None:
                current = Chain()
                parts.scopes.append(current)
            current.containers.append(el)
        elif isinstance(el, Modifier) and el.name in ("at_end", "at_start"):
            current = Chain(None, el.name)  # "at the end of Section 13.4": its containers follow
            parts.anchors.append(current)
            pending = None
        elif isinstance(el, Modifier) and el.name in ANCHORS:
            pending = Chain(None, el.name)
            parts.anchors.append(pending)
        elif isinstance(el, Modifier) and el.name == "with":
            parts.withs.append(Chain(el.obj))
            current = None
        elif isinstance(el, Modifier) and el.name == "join":
            current = None
            if pending is not None and pending.containers:
                pending = None
        elif isinstance(el, Modifier) and el.name == "as_amended":
            parts.flags.setdefault(el.name, el)
            current = Chain()  # "as modified by Section 2.04 of the First Supplemental Indenture": its own
        elif isinstance(el, Modifier):
            parts.flags.setdefault(el.name, el)
    return parts


