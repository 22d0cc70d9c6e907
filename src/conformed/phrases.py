"""Phrases: the pieces of an instruction as written, each with its words and its place.

A quotation, a target, a modifier ("in clause (a)", "immediately after", "in lieu thereof"), an
action (a verb and its complements), a statement. :mod:`conformed.phrasing` makes them from the
parse tree; :mod:`conformed.compose` and :mod:`conformed.meaning` turn them into edits. They say
nothing yet about what the instruction does, and nothing here touches lark.
"""
from __future__ import annotations

from dataclasses import dataclass

from .ast import Ref, Unit, Words

# ------------------------------------------------------------------------------ phrase types
@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Quoted:
    """Quoted words and how the filing introduces them ("the words", "the phrase", "each instance of")."""

    words: tuple[Words, ...]
    span: Span
    noun: str = ""
    each: bool = False
    nth: int = 0  # "the second occurrence of the word ..."
    scope: Target | None = None  # "the references in subparagraph (b)(ii) to ..."
    page: str = ""  # "at the top of page 1"


@dataclass(frozen=True)
class Punct:
    mark: str
    span: Span


@dataclass(frozen=True)
class Following:
    """'the following', 'the following new definitions': the payload after the colon."""

    noun: str
    span: Span
    target: Target | None = None  # "the following new Section 5.14"


@dataclass(frozen=True)
class NewProvision:
    """'a new clause (t)', 'new Section 2.19', 'a new annex', 'new third and fourth sentences'."""

    kind: str
    num: str
    span: Span
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Target:
    """A target as written, before containers are composed into a path.

    ``form`` says what it is: provisions (``items`` holds paths or ranges), definitions (``terms``),
    unit, caption, recitals, preamble, doc, it, such, each_of, remaining, references_elsewhere,
    all_definitions, form (the form of release).
    """

    form: str
    span: Span
    written: str
    items: tuple[tuple[Ref, ...] | tuple[tuple[Ref, ...], tuple[Ref, ...]], ...] = ()
    ranges: tuple[bool, ...] = ()
    terms: tuple[Words, ...] = ()
    units: tuple[Unit, ...] = ()
    kind: str = ""
    inner: Target | None = None
    existing: bool = False


@dataclass(frozen=True)
class Modifier:
    """Every modifier: ``name`` says which ('within', 'there', 'after', 'before', 'at_end',
    'at_start', 'entirety', 'lieu', 'order', 'every', 'as_new', 'as_follows', 'attached', 'note',
    'title', 'as_amended', 'exclusion', 'incipit', 'respectively', 'accordingly', 'pursuant',
    'renamed_as', 'page', 'join', 'with')."""

    name: str
    span: Span
    word: str = ""
    target: Target | None = None
    words: Quoted | None = None
    obj: object = None
    units: tuple[Unit, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Action:
    verb: str
    elements: tuple[object, ...]
    span: Span
    label: str = ""


@dataclass(frozen=True)
class Statement:
    """A frame: ``kind`` is amended, restated, deleted, replaced, added, renumbered, changed,
    phased, references, deemed_references, deemed_replaced, reflect, intro, propose, so_that."""

    kind: str
    span: Span
    subject: tuple[object, ...] = ()
    actions: tuple[Action, ...] = ()
    elements: tuple[object, ...] = ()  # complement of the frame itself ("... replaced with X")
    second: tuple[object, ...] = ()  # "... and replaced <second>"
    inner: Statement | None = None  # so_that, deemed_replaced, agree
    label: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """The whole head: statements, or bare actions (an item under an intro), and a lead phrase."""

    statements: tuple[Statement, ...] = ()
    actions: tuple[Action, ...] = ()
    lead: str = ""
    proviso: str = ""
