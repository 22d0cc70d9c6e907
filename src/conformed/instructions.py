"""An amendment, read: its instructions, its non-operative parts and its attachments.

This is the seam between the reading stages (extract, parse, meaning) and everything that uses
their result (resolve, validate, the ``parse`` command). :func:`read` is the one function to call.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import ast
from .document import Document
from .extract import Attachment, Passage, extract
from .parse import read_instructions


@dataclass(frozen=True)
class Amendment:
    doc: Document
    instructions: tuple[ast.Instruction, ...]
    passages: tuple[Passage, ...]
    attachments: tuple[Attachment, ...]

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def has_textual_changes(self) -> bool:
        return any(e.action not in ("non_operative",) for i in self.instructions for e in i.edits)

    def attachment_text(self, name: str) -> str | None:
        """The text of an attachment named like "Exhibit A" or "Annex A" (None if absent)."""
        want = " ".join(name.lower().split())
        for att in self.attachments:
            label = f"{att.kind} {att.num}".strip().lower()
            if label == want or att.title.lower().startswith(want):
                return self.doc.text[att.start:att.end]
        return None


def read(doc: Document) -> Amendment:
    extraction = extract(doc)
    instructions = tuple(read_instructions(doc, extraction))
    return Amendment(doc, instructions, tuple(extraction.passages), tuple(extraction.attachments))


def target_text(edit: ast.Edit) -> str | None:
    """The target as written, with its container; for an addition, the new provision's place."""
    target = edit.target or ast.Target()
    if edit.new_label is not None:
        target = ast.Target(target.path + (edit.new_label,), target.units)
    text = target.describe() if target.path or target.units else ""
    term = next((n[len('defines "'):-1] for n in edit.notes if n.startswith('defines "')), "")
    if term:
        text = f'the definition of "{term}"' + (f" in {text}" if text else "")
    return text or None


def edit_record(instruction: ast.Instruction, edit: ast.Edit) -> dict:
    """One elementary edit in the JSON contract of ``conformed parse``."""
    return {
        "id": instruction.id,
        "action": edit.action,
        "target": target_text(edit),
        "text": _existing_words(edit),
        "new_text": _new_text(edit),
        "position": edit.position,
        "occurrence": edit.occurrence,
        "qualifiers": edit.qualifiers(),
        "line": instruction.line,
        "column": instruction.column,
        **({"reason": edit.reason} if edit.reason else {}),
        **({"attachment": edit.new_text.attachment} if edit.new_text and edit.new_text.attachment else {}),
    }


def passage_record(amendment: Amendment, passage: Passage) -> dict:
    line, column = amendment.doc.position(passage.start)
    return {"id": passage.id, "action": "non_operative", "target": None, "text": None, "new_text": None,
            "position": None, "occurrence": None, "qualifiers": [], "line": line, "column": column,
            "reason": passage.reason, **({"caption": passage.caption} if passage.caption else {})}


def _existing_words(edit: ast.Edit) -> str | None:
    """The quoted words of the base the edit names: those it deletes or replaces, or for an
    insertion the words it goes next to."""
    if edit.text is not None:
        return edit.text.text
    if edit.anchor is not None and edit.anchor.words is not None:
        return edit.anchor.words.text
    return None


def _new_text(edit: ast.Edit) -> str | None:
    if edit.new_text is None:
        return None
    if edit.new_text.attachment and not edit.new_text.blocks:
        return None
    return edit.new_text.text
