"""The redline as a Word document with native tracked changes.

Each deletion is a ``w:del`` and each insertion a ``w:ins``, with the amendment as the author and
its date as the date; a deleted or inserted paragraph mark is marked in the paragraph's
``w:pPr/w:rPr`` so that accept-all and reject-all both give the right paragraphs. Paragraphs are
the text's blocks (split on ``"\\n\\n"``); inside a paragraph a single line break is a ``w:br``,
so a text base keeps its lines. A .docx base lends its styles, its paragraphs' properties and its
run formatting (see :mod:`.formatting`); its own comments are dropped (their anchors are not
written). Every instruction gets a comment with its provenance (see :mod:`.comments`).
"""
from __future__ import annotations

import copy
import io
import itertools
from dataclasses import dataclass

from ...reader import Source
from ...runs import DELETE, EQUAL, INSERT, Run
from .comments import TrackedChange, add_provenance_comments, drop_comments
from .formatting import BaseFormats, styled
from .numbering import Numbering, number_off
from .ooxml import append_text, clean, core_properties, element, remove_children, save, w, word_date
from .reading import Origin, block_elements

COMPARE_AUTHOR = "conformed compare"
"""The author of the changes of a comparison (runs without provenance)."""


@dataclass
class _Paragraph:
    pieces: list[tuple[str, str, object, tuple[int, int] | None]]  # (kind, text, provenance, base span)
    base_offset: int  # where it starts in the base: the base paragraph that lends its properties
    mark: str = EQUAL  # the paragraph mark (the break after it): equal, deleted or inserted
    mark_by: object = None


def tracked(base: Source | None, runs: list[Run], title: str) -> bytes:
    """A redline as a Word document with native tracked changes (see the module's docstring)."""
    import docx

    origin = base.origin if base is not None and base.fmt == "docx" and isinstance(base.origin, Origin) else None
    doc = docx.Document(io.BytesIO(origin.data)) if origin else docx.Document()
    body = doc.element.body
    style = _BaseStyle(doc, origin) if origin else None
    final_sect = body.find(w("sectPr"))
    for child in list(body):  # the body is written anew; the base lends only properties
        if child is not final_sect:
            body.remove(child)
    ids = itertools.count(1)
    changes: list[TrackedChange] = []  # every change written, in document order, for its comment
    for par in _paragraphs(runs):
        p = element("p")
        p.append(style.properties(par.base_offset) if style else element("pPr"))
        if style and style.numbers.numbered(p)[0] is not None:  # numbered by its style: the number is in the text
            number_off(p)
        _mark_paragraph(p, par, ids)
        _write_pieces(p, par, ids, changes, style.formats if style else None)
        if par.mark != EQUAL:
            changes.append(TrackedChange(par.mark_by, p))
        if final_sect is not None:
            final_sect.addprevious(p)
        else:
            body.append(p)
    if origin:
        drop_comments(doc)
    add_provenance_comments(doc, changes, author_of)
    core_properties(doc).title = clean(title)[:255]
    return save(doc)


def _write_pieces(p, par: _Paragraph, ids, changes: list[TrackedChange], formats: BaseFormats | None) -> None:
    """The paragraph's text: equal text as runs, deleted and inserted text as runs inside a w:del
    or w:ins (each recorded in ``changes``). With a .docx base, equal and deleted text keep the
    formatting of their base runs and inserted text takes its neighbours' (see :mod:`.formatting`);
    otherwise the runs are plain."""
    if formats is not None:
        stretches = styled([(kind, text, base) for kind, text, _, base in par.pieces], formats)
    else:
        stretches = [[(text, None)] for _, text, _, _ in par.pieces]
    for (kind, _, by, _), piece in zip(par.pieces, stretches):
        runs = []
        for text, rpr in piece:
            r = element("r")
            if rpr is not None:
                r.append(rpr)
            append_text(r, text, deleted=kind == DELETE)
            runs.append(r)
        if kind == EQUAL:
            p.extend(runs)
            continue
        wrapper = _change("del" if kind == DELETE else "ins", by, ids)
        wrapper.extend(runs)
        p.append(wrapper)
        changes.append(TrackedChange(by, p, wrapper))


class _BaseStyle:
    """The paragraph properties of a .docx base, by base offset, for the redline's paragraphs."""

    def __init__(self, doc, origin: Origin):
        self.origin = origin
        self.numbers = Numbering(doc)
        self.by_index: dict[int, object] = {}  # block index -> a copy of its w:pPr
        elements = block_elements(doc.element.body)  # read before the body is cleared
        self.formats = BaseFormats(origin, elements)
        for block in origin.blocks:
            kind, el = elements[block.index]
            ppr = el.find(w("pPr")) if kind == "p" else None
            if ppr is not None:
                self.by_index[block.index] = copy.deepcopy(ppr)

    def properties(self, base_offset: int):
        """A w:pPr for the paragraph at ``base_offset``: the base paragraph's, without its section
        break, tracked property change and automatic number (the number is in the text)."""
        block = self.origin.block_at(base_offset)
        if block is None or block.index not in self.by_index:
            return element("pPr")
        ppr = copy.deepcopy(self.by_index[block.index])
        remove_children(ppr, "sectPr", "pPrChange", "numPr")
        return ppr


def _mark_paragraph(p, par: _Paragraph, ids) -> None:
    """Track a deleted or inserted paragraph mark in ``w:pPr/w:rPr`` (and drop the base's own
    marks there); a w:pPr left empty is removed."""
    ppr = p.find(w("pPr"))
    rpr = ppr.find(w("rPr"))
    if rpr is not None:
        remove_children(rpr, "ins", "del", "moveFrom", "moveTo", "rPrChange")
    if par.mark != EQUAL:
        if rpr is None:
            rpr = element("rPr")
            ppr.append(rpr)
        rpr.insert(0, _change("del" if par.mark == DELETE else "ins", par.mark_by, ids))
    if len(ppr) == 0:
        p.remove(ppr)


def _paragraphs(runs: list[Run]) -> list[_Paragraph]:
    """The runs cut into paragraphs at every "\\n\\n", each paragraph mark with the kind of the run
    it was in (a deleted or inserted paragraph break)."""
    current = _Paragraph([], 0)
    out = [current]
    for run in runs:
        text = clean(run.text.replace("\r\n", "\n").replace("\r", "\n"))
        parts = text.split("\n\n")
        mapped = run.kind != INSERT and len(text) == run.base[1] - run.base[0]
        offset = 0
        for i, part in enumerate(parts):
            if part:
                base = (run.base[0] + offset, run.base[0] + offset + len(part)) if mapped else None
                current.pieces.append((run.kind, part, run.by, base))
            offset += len(part)
            if i < len(parts) - 1:
                current.mark, current.mark_by = run.kind, run.by
                offset += 2
                at = run.base[0] + (min(offset, run.base[1] - run.base[0]) if run.kind != INSERT else 0)
                current = _Paragraph([], at)
                out.append(current)
    return out


def _change(tag: str, by, ids) -> object:
    """A w:ins or w:del with the next id, the amendment as author and its date."""
    el = element(tag, id=str(next(ids)), author=author_of(by))
    date = word_date(getattr(by, "date", ""))
    if date:
        el.set(w("date"), date)
    return el


def author_of(by) -> str:
    """The author of a change: its amendment, or ``COMPARE_AUTHOR`` for a comparison."""
    return clean(by.amendment) if by is not None and by.amendment else COMPARE_AUTHOR
