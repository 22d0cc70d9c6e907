"""One exception root for the whole engine, and the place every error points at.

Stages raise a subclass of :class:`ConformedError`; ``validate`` collects them as
diagnostics, ``consolidate`` lists them, the CLI prints ``str(error)``: one line that names
the file and the place, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A point in an input file: 1-based line and column (column 0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        if not self.column:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


class ConformedError(Exception):
    """Root of every error the engine raises on purpose."""

    kind = "error"

    def __init__(self, message: str, place: Place | None = None):
        super().__init__(message)
        self.message = message
        self.place = place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class InputError(ConformedError):
    """A file cannot be read as a document: missing, binary, undecodable, empty, too large."""

    kind = "input"


class InstructionSyntaxError(ConformedError):
    """An operative sentence the instruction grammar cannot read."""

    kind = "not_understood"


class ResolveError(ConformedError):
    """An instruction is understood but cannot be carried out on this agreement."""

    kind = "resolve"


class TargetNotFound(ResolveError):
    kind = "target_not_found"


class AmbiguousTarget(ResolveError):
    kind = "ambiguous_target"


class TextNotFound(ResolveError):
    kind = "text_not_found"


class AmbiguousText(ResolveError):
    kind = "ambiguous_text"


class QualifierNotMet(ResolveError):
    kind = "qualifier_not_met"


class MissingPayload(ResolveError):
    kind = "missing_payload"


class Unsupported(ResolveError):
    """Understood, but not something the engine can carry out as a text edit."""

    kind = "unsupported"


class ConflictingEdits(ResolveError):
    kind = "conflict"
