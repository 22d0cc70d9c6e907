"""What resolving produces and everything downstream consumes: changes to the base text, each
with the provenance of the instruction that made it, and diagnostics.

These are plain values; apply, redline, report and the renderers read them and never reach back
into the stages that made them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import Place


@dataclass(frozen=True)
class Provenance:
    """Which amendment and instruction made a change, and where that instruction is."""

    amendment: str  # "Amendment No. 1 (2002-02-21)" or the file's name
    path: str
    instruction: str  # "3(a)"
    line: int
    column: int
    text: str  # the instruction as written (head)
    date: str = ""

    @property
    def place(self) -> Place:
        return Place(self.path, self.line, self.column)

    def short(self) -> str:
        return f"{self.amendment} §{self.instruction}"


@dataclass(frozen=True)
class Change:
    """Replace ``[start, end)`` of the base with ``new``."""

    start: int
    end: int
    new: str
    action: str
    provenance: Provenance
    target: str
    refine: bool = False  # a restatement: the redline may show the word differences inside it


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # error | warning | info
    kind: str
    message: str
    provenance: Provenance | None = None
    base_line: int = 0
    words: str = ""  # for words not found: the words the instruction quotes

    def line(self) -> str:
        where = f"{self.provenance.place} §{self.provenance.instruction}: " if self.provenance else ""
        base = f" (base line {self.base_line})" if self.base_line else ""
        return f"{where}{self.severity}: {self.kind}: {self.message}{base}"
