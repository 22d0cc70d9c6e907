"""The pipeline end to end: a base and its amendments, in order -> the conformed text, the trace
of every change, and the diagnostics of every instruction.

Each amendment's instructions resolve against the text as it stood before that amendment and
apply together; the next amendment sees the result.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from . import applicability, chain, instructions
from .apply import Trace
from .document import Document
from .instructions import Amendment
from .changes import Change, Diagnostic
from .resolve import Resolver


@dataclass
class Step:
    """One amendment, applied."""

    amendment: Amendment
    identity: applicability.Identity
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    before: Document | None = None

    @property
    def label(self) -> str:
        return self.identity.label


@dataclass
class Result:
    base: Document
    trace: Trace
    steps: list[Step]
    notes: list[Diagnostic] = field(default_factory=list)
    """Findings about the deal as a whole (the order of the amendments, --as-of)."""

    @property
    def text(self) -> str:
        """The conformed agreement."""
        return self.trace.text

    @cached_property
    def final(self) -> Document:
        """The conformed agreement as a document (its tree is built on first use only)."""
        text = self.trace.text
        return self.base if text == self.base.text else Document(replace(self.base.source, text=text))

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.notes + [d for s in self.steps for d in s.diagnostics]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def run(base: Document, amendments: list[Document | Amendment],
        identities: list[applicability.Identity] | None = None, deal_notes: list[Diagnostic] | None = None) -> Result:
    """Apply ``amendments`` (documents, or amendments already read) to ``base`` in order.
    ``identities``: each amendment's label and date when the caller knows them (a deal file)."""
    trace = Trace(base.text)
    current = base
    steps: list[Step] = []
    for index, item in enumerate(amendments):
        amendment = item if isinstance(item, Amendment) else instructions.read(item)
        ident = identities[index] if identities else applicability.identify(amendment)
        step = Step(amendment, ident, before=current)
        step.diagnostics.extend(applicability.check(current, amendment, ident))
        step.diagnostics.extend(chain.recited_chain(amendment, ident.label,
                                                    [(s.label, s.amendment.path) for s in steps]))
        resolver = Resolver(current, amendment, _label(ident), ident.date, ident.recited_dates)
        for ins in amendment.instructions:
            changes, notes = resolver.resolve(ins)
            step.changes.extend(changes)
            step.diagnostics.extend(chain.already_changed(d, steps) for d in notes)
        step.diagnostics.extend(trace.apply(step.changes))
        if steps:
            step.diagnostics.extend(chain.conflicts(trace, amendment, _label(ident)))
        steps.append(step)
        if len(steps) < len(amendments):
            text = trace.text
            if text != current.text:  # the next amendment resolves against this text
                current = Document(replace(current.source, text=text))
    return Result(base, trace, steps, list(deal_notes or []))


def _label(ident: applicability.Identity) -> str:
    return f"{ident.label} ({ident.date})" if ident.date else ident.label
