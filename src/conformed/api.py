"""The Python API: ``parse``, ``consolidate``, ``redline``, ``validate``, ``compare``.

Each function takes paths (or already read documents) and returns plain results; the CLI prints
them. Nothing here writes files except through :mod:`conformed.output`.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import instructions, reader
from .document import Document
from .instructions import Amendment

PathLike = str | os.PathLike[str]


def load(source: PathLike | Document) -> Document:
    """A :class:`Document` from a path (or the document itself)."""
    if isinstance(source, Document):
        return source
    return Document(reader.read(Path(source)))


def parse(amendment: PathLike | Document) -> Amendment:
    """Read an amendment: its instructions (each as elementary edits), non-operative parts, attachments."""
    return instructions.read(load(amendment))


def parse_records(result: Amendment) -> list[dict]:
    """The JSON contract of ``conformed parse``: one object per elementary edit, then the
    non-operative parts, in the order of the amendment."""
    records = []
    for ins in result.instructions:
        records.extend(instructions.edit_record(ins, e) for e in ins.edits)
    records.extend(instructions.passage_record(result, p) for p in result.passages)
    records.sort(key=lambda r: (r["line"], r["column"]))
    return records


def parse_text(result: Amendment, explain: bool = False) -> str:
    from .explain import describe
    return describe(result, explain)
