"""The instruction AST: what an amendment instruction says, before it meets an agreement.

Produced by :mod:`conformed.meaning` from the parse tree; consumed by :mod:`conformed.resolve`.
Every piece keeps its offsets in the amendment so that errors and provenance can point at it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ACTIONS = ("delete", "insert", "replace", "restate", "add", "renumber", "non_operative", "unsupported")


@dataclass(frozen=True)
class Ref:
    """One step of a target path: 'Section 13.4', 'clause (a)', 'the definition of "Notes"'."""

    kind: str  # section article part paragraph clause schedule exhibit annex appendix footnote
    # definition caption recitals preamble document
    value: str
    written: str = ""


@dataclass(frozen=True)
class Unit:
    """A part of a provision counted by the reader: 'the first sentence', 'the fourth line'."""

    kind: str  # sentence paragraph line proviso introduction table
    index: int  # 1-based; -1 the last, -2 the penultimate
    unnumbered: bool = False

    def describe(self) -> str:
        return f"{_ordinal(self.index)}{' unnumbered' if self.unnumbered else ''} {self.kind}"


@dataclass(frozen=True)
class Target:
    """Where an edit applies: a path of refs (outermost first), and within it units counted by
    the reader, outermost first ("the fourth sentence of the second paragraph of Section 4(a)")."""

    path: tuple[Ref, ...] = ()
    units: tuple[Unit, ...] = ()
    until: tuple[Ref, ...] = ()  # "Sections 2.2 through 2.8": the path of the last one
    exclude: tuple[Ref, ...] = ()  # "(other than Schedule 1)"

    def describe(self) -> str:
        """As a lawyer writes it: 'the first sentence of Section 13.4(a) of the Schedule'."""
        groups: list[str] = []
        for ref in self.path:
            numbered = ref.kind in _NUMBERED
            if numbered and groups and groups[-1].startswith(_HEADS) and ref.kind == "clause":
                groups[-1] += f"({ref.value})"
            elif numbered and ref.kind != "clause" and groups and groups[-1].startswith(_HEADS) \
                    and ref.value.startswith(groups[-1].split()[-1].split("(")[0] + "."):
                groups[-1] = f"{_KIND_WORD[ref.kind]} {ref.value}"  # Section 13.4 within Section 13
            elif ref.kind == "clause":
                groups.append(f"clause ({ref.value})")
            elif numbered:
                groups.append(f"{_KIND_WORD[ref.kind]} {ref.value}")
            elif ref.kind == "definition":
                groups.append(f'the definition of "{ref.value}"')
            else:
                groups.append(ref.written or ref.value)
        if self.until:
            last = self.until[-1]
            groups[-1] += f" through {'(' + last.value + ')' if last.kind == 'clause' else last.value}"
        text = _inner_first(groups)
        for unit in reversed(self.units):
            text = f"the {unit.describe()} of {text}" if text else f"the {unit.describe()}"
        return text

    def within(self, outer: Target) -> Target:
        """This target read inside ``outer`` ('clause (a) therein' inside 'the Recitals')."""
        return Target(outer.path + self.path, outer.units + self.units, self.until, self.exclude + outer.exclude)

    @property
    def unit(self) -> Unit | None:
        return self.units[-1] if self.units else None


@dataclass(frozen=True)
class Words:
    """Quoted words of the amendment: the value between the marks, and where they are."""

    text: str
    start: int
    end: int
    ends_instruction: bool = False  # the quotation is the last thing in the instruction: “... Committee.”

    @property
    def as_new_words(self) -> str:
        """The words as new text: a period inside the closing quote of the instruction's last
        quotation is the instruction's own full stop (American style), not part of the words,
        unless it ends an abbreviation ("Globe Life Inc.")."""
        if self.ends_instruction and self.text.endswith(".") and not _ABBREVIATION_END.search(self.text):
            return self.text[:-1]
        return self.text


_ABBREVIATION_END = re.compile(r"(?:\b(?:Inc|Co|Corp|Ltd|Jr|Sr|etc|No|Nos|Bros)|(?:\b[A-Za-z]\.)+[A-Za-z]|\b[A-Z])\.$")


@dataclass(frozen=True)
class NewText:
    """The new text an edit brings: inline quoted words, a payload, or an attachment."""

    blocks: tuple[str, ...]
    start: int
    end: int
    inline: bool = False
    attachment: str = ""  # "Exhibit A" when the text is attached to the amendment

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)


@dataclass(frozen=True)
class Anchor:
    """Where an insertion goes, or where deleted words must sit, relative to something."""

    side: str  # before | after | start | end
    words: Words | None = None
    punct: str = ""  # the point is just before this mark: "before the semi-colon", "before the period"
    target: Target | None = None  # "after the penultimate sentence", "immediately after Section 5.13"
    each: bool = False  # "after each instance of the word ..."
    nth: int = 0  # "after the second occurrence of the word ..."


@dataclass(frozen=True)
class Edit:
    """One elementary edit as the instruction states it (deleting three definitions is three)."""

    action: str
    target: Target | None = None
    text: Words | None = None
    new_text: NewText | None = None
    anchor: Anchor | None = None
    occurrence: str | int | None = None  # "all", 2, or None
    lines: tuple[int, ...] = ()  # "in the fourth line" -> (4,)
    order: str = ""  # "alphabetical" for new definitions
    new_label: Ref | None = None  # "as a new clause (g)"
    renumber: tuple[tuple[str, str], ...] = ()
    reason: str = ""  # for unsupported and non_operative
    notes: tuple[str, ...] = ()  # "effective on the Commencement Date", "as amended by ..."
    incipit: Words | None = None  # "(beginning with the words ...)": a check on which sentence

    @property
    def position(self) -> str | None:
        return self.anchor.side if self.anchor else None

    def qualifiers(self) -> list[str]:
        out = [f"line {n}" for n in self.lines]
        if self.anchor and self.anchor.punct:
            out.append(f"before '{self.anchor.punct}'")
        if self.target:
            out.extend(f"{unit.kind} {_index(unit.index)}" for unit in self.target.units if unit.kind != "line")
        if self.anchor and self.anchor.target and self.anchor.target.unit and self.anchor.target != self.target:
            unit = self.anchor.target.unit
            out.append(f"{self.anchor.side} {unit.kind} {_index(unit.index)}")
        out.extend(f"renumbered as {new}" for _, new in self.renumber)
        if self.target and self.target.exclude:
            out.append(f"other than {Target(self.target.exclude).describe()}")
        if self.order == "remaining":
            out.append("the remaining clauses relettered")
        elif self.order:
            out.append(f"{self.order} order")
        if self.new_label:
            label = self.new_label
            out.append(f"as new clause ({label.value})" if label.kind == "clause" else
                       f"as new {label.kind} {label.value}")
        return out + list(self.notes)


@dataclass(frozen=True)
class Instruction:
    """An instruction of an amendment, read: its id, its place and its elementary edits."""

    id: str
    edits: tuple[Edit, ...]
    head: str
    start: int
    end: int
    line: int
    column: int
    source: str = ""
    reading: object = field(default=None, compare=False, repr=False)  # the phrases read, for `parse --explain`


_NUMBERED = ("section", "article", "part", "paragraph", "clause", "schedule", "exhibit", "annex", "appendix",
             "footnote")
_KIND_WORD = {"section": "Section", "article": "Article", "part": "Part", "paragraph": "Paragraph",
              "schedule": "Schedule", "exhibit": "Exhibit", "annex": "Annex", "appendix": "Appendix",
              "footnote": "Footnote", "clause": "clause"}
_HEADS = tuple(w for k, w in _KIND_WORD.items() if k != "clause") + ("clause",)


def _inner_first(groups: list[str]) -> str:
    """Outermost-first groups written innermost first: 'clause (a) of the Recitals'; a definition
    is *in* its provision ('the definition of "Notes" in Section 1')."""
    parts = list(reversed(groups))
    out = parts[0] if parts else ""
    for previous, group in zip(parts, parts[1:]):
        out += (" in " if previous.startswith("the definition of") else " of ") + group
    return out


def _index(n: int) -> str:
    """A unit's index in qualifiers: 2, or "last" and "penultimate" for -1 and -2."""
    return {-1: "last", -2: "penultimate"}.get(n, str(n))


def _ordinal(n: int) -> str:
    if n == -1:
        return "last"
    if n == -2:
        return "penultimate"
    words = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
    return words[n] if 0 < n < len(words) else f"{n}th"
