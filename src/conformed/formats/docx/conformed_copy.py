"""The conformed copy as a .docx.

A .docx base is reopened from its own bytes (kept in ``Source.origin``) and only the blocks an
amendment touched are rewritten: every paragraph whose text comes through unchanged keeps its XML
exactly. A changed paragraph keeps its paragraph properties (style, numbering) and is rebuilt run
by run: its untouched words keep the formatting of their base runs and new words take their
neighbours' (see :mod:`.formatting`); when the change removed its automatic number's text the
number is turned off and the text written as it is. A new block becomes a new paragraph with the
paragraph properties of its neighbour (without automatic numbering: its number is in its text);
base text moved into it keeps its formatting too. Deleted blocks are removed (a paragraph that
holds a section break is emptied instead). Table rows are rewritten cell by cell (the text split
on tabs), each cell with the formatting of its first run. When a deletion or insertion would make Word renumber an
untouched numbered paragraph, that paragraph gets its number written as text, so the file always
reads back as the conformed text.

Any other base (.txt, .md, .htm) gives a plain document: one paragraph per block of the text
(blocks are separated by blank lines); a block's hard line breaks become spaces, except in a
block that looks like a table (tabs, or runs of three spaces inside a line), whose lines are kept
as line breaks.
"""
from __future__ import annotations

import copy
import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...reader import Source
from ...runs import DELETE, EQUAL, Run
from .formatting import BaseFormats, same_rpr, styled
from .numbering import Numbering, number_off
from .ooxml import append_text, clean, element, remove_children, save, w
from .reading import Block, Origin, block_elements, paragraph_text, row_cells

_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")
_TABULAR = re.compile(r"\t|\S {3,}\S")


def write(base: Source, runs: list[Run], text: str) -> bytes:
    """The conformed copy (``text``) as the bytes of a .docx file."""
    if base.fmt == "docx" and isinstance(base.origin, Origin):
        return _write_into_base(base.origin, runs, text)
    return _write_plain(text)


# ------------------------------------------------------------------------ any other base
def _write_plain(text: str) -> bytes:
    import docx

    doc = docx.Document()
    body = doc.element.body
    for p in list(body.iterchildren(w("p"))):  # the template's empty first paragraph
        body.remove(p)
    for chunk in _SEPARATOR.split(clean(text.replace("\r\n", "\n").replace("\r", "\n"))):
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        paragraph = doc.add_paragraph()
        if len(lines) > 1 and any(_TABULAR.search(ln.strip()) for ln in lines):
            # a table laid out in text: joining its lines would run its columns together
            run = paragraph.add_run()
            for i, line in enumerate(lines):
                if i:
                    run._r.append(element("br"))
                append_text(run._r, line)
        else:
            append_text(paragraph.add_run()._r, " ".join(ln.strip() for ln in lines if ln.strip()))
    return save(doc)


# --------------------------------------------------------------------------- a .docx base
@dataclass(frozen=True)
class _Step:
    """One block of the conformed text and the base block it is written into (None: a new one)."""

    span: tuple[int, int]  # in the conformed text
    block: Block | None
    kept: bool  # the block comes through unchanged: its XML is kept as it is


def _write_into_base(origin: Origin, runs: list[Run], text: str) -> bytes:
    import docx

    doc = docx.Document(io.BytesIO(origin.data))
    elements = block_elements(doc.element.body)
    numbers = Numbering(doc)
    plan, used = _plan(origin, runs, text)
    kept = {step.block.index for step in plan if step.kept}
    rebuild = _Rebuild(runs, text, BaseFormats(origin, elements, {b.index for b in origin.blocks} - kept))
    intended = _place(doc, elements, numbers, origin.blocks, plan, text, rebuild)
    for i, (kind, el) in enumerate(elements):
        if i not in used:
            _remove(kind, el)
    _renumber(doc, intended)
    return save(doc)


def _blocks_of(text: str) -> list[tuple[int, int]]:
    """The blocks of a conformed text bound for a .docx: every line that is not blank (a Word
    paragraph holds no hard line break, so each line of the text is a paragraph of its own)."""
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


class _Correspondence:
    """Where the conformed text came from in the base: the equal runs map a span of the conformed
    text back to the base, and the base's blocks say which elements that text is in."""

    def __init__(self, origin: Origin, runs: list[Run]):
        self.blocks = origin.blocks
        self.starts = origin.starts
        self.by_span = {(b.start, b.end): b for b in origin.blocks}
        self.equal = [r for r in runs if r.kind == EQUAL and r.base[1] > r.base[0]]
        self.eq_starts = [r.conformed[0] for r in self.equal]

    def unchanged_spans(self, cs: int, ce: int):
        """The base spans the conformed span [cs, ce) came from, unchanged."""
        i = max(bisect_right(self.eq_starts, cs) - 1, 0)
        while i < len(self.equal) and self.equal[i].conformed[0] < ce:
            r = self.equal[i]
            lo, hi = max(cs, r.conformed[0]), min(ce, r.conformed[1])
            if lo < hi:
                shift = r.base[0] - r.conformed[0]
                yield lo + shift, hi + shift
            i += 1

    def blocks_over(self, bs: int, be: int) -> list[Block]:
        """The base blocks the base span [bs, be) overlaps."""
        i = max(bisect_right(self.starts, bs) - 1, 0)
        out = []
        while i < len(self.blocks) and self.blocks[i].start < be:
            if self.blocks[i].end > bs:
                out.append(self.blocks[i])
            i += 1
        return out

    def kept_block(self, cs: int, ce: int) -> Block | None:
        """The base block the conformed span is, unchanged and whole, if it is one."""
        spans = list(self.unchanged_spans(cs, ce))
        if len(spans) == 1 and spans[0] in self.by_span and spans[0][1] - spans[0][0] == ce - cs:
            return self.by_span[spans[0]]
        return None

    def block_to_reuse(self, cs: int, ce: int, used: set[int]) -> Block | None:
        """The first base block not yet used that some unchanged text of [cs, ce) came from."""
        for bs, be in self.unchanged_spans(cs, ce):
            block = next((b for b in self.blocks_over(bs, be) if b.index not in used), None)
            if block is not None:
                return block
        return None


def _plan(origin: Origin, runs: list[Run], text: str) -> tuple[list[_Step], set[int]]:
    """Which base block each block of the conformed text is written into, and the indexes of the
    base blocks used. Unchanged blocks are claimed first, so a changed block never takes the
    element of a block that survives as it was; a changed block reuses the element its text came
    from (keeping its properties and formatting)."""
    source = _Correspondence(origin, runs)
    plan: list[_Step] = []
    used: set[int] = set()
    for cs, ce in _blocks_of(text):
        block = source.kept_block(cs, ce)
        plan.append(_Step((cs, ce), block, block is not None))
        if block is not None:
            used.add(block.index)
    for n, step in enumerate(plan):
        if step.kept:
            continue
        block = source.block_to_reuse(*step.span, used)
        if block is not None:
            used.add(block.index)
            plan[n] = _Step(step.span, block, False)
    return plan, used


class _Rebuild:
    """A changed paragraph's text cut into runs: the stretches that come from the base keep the
    formatting of their base runs, the others take their neighbours' (see :mod:`.formatting`)."""

    def __init__(self, runs: list[Run], text: str, formats: BaseFormats):
        self.runs = runs
        self.starts = [r.conformed[0] for r in runs]
        self.text = text
        self.formats = formats

    def stretches(self, cs: int, ce: int, block: Block | None) -> list[tuple[str, object | None]] | None:
        """The conformed text [cs, ce) as ``(text, rPr)`` stretches (None if the runs do not tile it)."""
        pieces: list[tuple[str, str, tuple[int, int] | None]] = []
        own = (block.start + len(block.prefix), block.end) if block is not None else None
        i = bisect_left(self.starts, cs)
        if i > 0 and self.runs[i - 1].conformed[1] > cs:
            i -= 1
        while i < len(self.runs) and self.runs[i].conformed[0] <= ce:
            r = self.runs[i]
            i += 1
            if r.kind == DELETE:  # not written, but a replacement takes the formatting of the words it replaces
                if own is not None and cs <= r.conformed[0]:
                    lo, hi = max(r.base[0], own[0]), min(r.base[1], own[1])
                    if lo < hi:
                        pieces.append((DELETE, r.text[lo - r.base[0]:hi - r.base[0]], (lo, hi)))
                continue
            lo, hi = max(cs, r.conformed[0]), min(ce, r.conformed[1])
            if lo >= hi:
                continue
            base = None
            if r.base[1] - r.base[0] == r.conformed[1] - r.conformed[0]:
                shift = r.base[0] - r.conformed[0]
                base = (lo + shift, hi + shift)
            pieces.append((r.kind, self.text[lo:hi], base))
        if "".join(t for kind, t, _ in pieces if kind != DELETE) != self.text[cs:ce]:
            return None
        out: list[tuple[str, object | None]] = []
        for (kind, _, _), piece in zip(pieces, styled(pieces, self.formats)):
            if kind == DELETE:
                continue
            for text, rpr in piece:
                if out and same_rpr(out[-1][1], rpr):
                    out[-1] = (out[-1][0] + text, out[-1][1])
                else:
                    out.append((text, rpr))
        return out


def _place(doc, elements, numbers: Numbering, blocks, plan: list[_Step], text: str,
           rebuild: _Rebuild) -> dict[int, tuple[object, str]]:
    """Write every step of the plan into the document, in order; each paragraph written and the
    text it must read back as (``id(w:p) -> (w:p, text)``)."""
    intended: dict[int, tuple[object, str]] = {}
    cursor = None  # (kind, element) last placed
    first_el = elements[blocks[0].index][1] if blocks else None
    if first_el is not None and blocks[0].kind == "row":
        first_el = first_el.getparent()  # a new block before a table goes before the whole table
    for step in plan:
        new_text = text[step.span[0]:step.span[1]]
        if step.kept:
            kind, el = elements[step.block.index]
        elif step.block is not None:
            kind, el = elements[step.block.index]
            _rewrite(kind, el, step, new_text, rebuild)
        else:
            kind, el = _insert_new(doc, elements, numbers, cursor, first_el, new_text)
            if kind == "p":
                stretches = rebuild.stretches(*step.span, None)
                if stretches:
                    _set_paragraph_runs(el, stretches)
        cursor = (kind, el)
        if kind == "p":
            intended[id(el)] = (el, new_text)
    return intended


def _rewrite(kind: str, el, step: _Step, new_text: str, rebuild: _Rebuild) -> None:
    """Write ``new_text`` into the base block's own element: a paragraph run by run, each stretch
    with the formatting of the base text it comes from (or of its neighbours)."""
    if kind != "p":
        _set_row_text(el, new_text)
        return
    block = step.block
    own = new_text
    if block.prefix:
        if new_text.startswith(block.prefix):
            own = new_text[len(block.prefix):]  # Word still writes the number
        else:
            number_off(el)  # the amendment changed the number: write the text as it is
    stretches = rebuild.stretches(step.span[1] - len(own), step.span[1], block) if own else None
    if stretches is None:
        _set_paragraph_text(el, own, _first_rpr(el))
    else:
        _set_paragraph_runs(el, stretches)


def _insert_new(doc, elements, numbers: Numbering, cursor, first_el, new_text: str) -> tuple[str, object]:
    """A new block after ``cursor`` (at the start when None): a table row when it follows a row and
    looks like one (or the table goes on after it), a paragraph otherwise."""
    if cursor is not None and cursor[0] == "row" and ("\t" in new_text or cursor[1].getnext() is not None
                                                      and cursor[1].getnext().tag == w("tr")):
        el = copy.deepcopy(cursor[1])
        _set_row_text(el, new_text)
        cursor[1].addnext(el)
        return "row", el
    neighbour = cursor[1] if cursor is not None and cursor[0] == "p" else \
        next((e for k, e in elements if k == "p"), None) if cursor is None else None
    el = _new_paragraph(neighbour, numbers)
    _set_paragraph_text(el, new_text, None)
    if cursor is None:
        if first_el is not None:
            first_el.addprevious(el)
        else:
            doc.element.body.insert(0, el)
    elif cursor[0] == "row":
        cursor[1].getparent().addnext(el)  # after the table, not inside it
    else:
        cursor[1].addnext(el)
    return "p", el


def _first_rpr(p):
    """A copy of the run properties of the paragraph's first run that is not deleted text."""
    for r in p.iter(w("r")):
        if any(a.tag in (w("del"), w("moveFrom")) for a in r.iterancestors()):
            continue
        rpr = r.find(w("rPr"))
        return copy.deepcopy(rpr) if rpr is not None else None
    return None


def _set_paragraph_text(p, text: str, rpr) -> None:
    """Replace the content of ``p`` (all but its properties) by one run of ``text``."""
    for child in list(p):
        if child.tag != w("pPr"):
            p.remove(child)
    if text:
        r = element("r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        append_text(r, text)
        p.append(r)


def _set_paragraph_runs(p, stretches: list[tuple[str, object | None]]) -> None:
    """Replace the content of ``p`` (all but its properties) by one run per ``(text, rPr)``."""
    for child in list(p):
        if child.tag != w("pPr"):
            p.remove(child)
    for text, rpr in stretches:
        if not text:
            continue
        r = element("r")
        if rpr is not None:
            r.append(rpr)
        append_text(r, text)
        p.append(r)


def _new_paragraph(neighbour, numbers: Numbering):
    """An empty paragraph with the properties of ``neighbour`` but its own number: no automatic
    number (the text has it), no section break and no tracked change."""
    p = element("p")
    if neighbour is not None and neighbour.find(w("pPr")) is not None:
        ppr = copy.deepcopy(neighbour.find(w("pPr")))
        remove_children(ppr, "sectPr", "pPrChange", "numPr")
        rpr = ppr.find(w("rPr"))
        if rpr is not None:
            remove_children(rpr, "ins", "del", "moveFrom", "moveTo")
        p.append(ppr)
        if numbers.numbered(p)[0] is not None:  # numbered through its style
            number_off(p)
    return p


def _set_row_text(tr, text: str) -> None:
    """Write ``text`` into the row's cells, split on tabs (the last cell takes any extra tabs)."""
    cells = row_cells(tr)
    if not cells:
        return
    parts = text.split("\t")
    if len(parts) > len(cells):
        parts = parts[:len(cells) - 1] + ["\t".join(parts[len(cells) - 1:])]
    for i, tc in enumerate(cells):
        paragraphs = list(tc.iterchildren(w("p")))
        if not paragraphs:
            tc.append(element("p"))
            paragraphs = list(tc.iterchildren(w("p")))
        first = paragraphs[0]
        _set_paragraph_text(first, parts[i] if i < len(parts) else "", _first_rpr(first))
        for extra in paragraphs[1:]:
            tc.remove(extra)


def _remove(kind: str, el) -> None:
    """Remove a deleted block (and a table left without rows)."""
    if kind == "p":
        ppr = el.find(w("pPr"))
        if ppr is not None and ppr.find(w("sectPr")) is not None:
            _set_paragraph_text(el, "", None)  # it holds a section break: keep it, empty
        elif el.getparent() is not None:
            el.getparent().remove(el)
    else:
        tbl = el.getparent()
        tbl.remove(el)
        if tbl.find(w("tr")) is None and tbl.getparent() is not None:
            tbl.getparent().remove(tbl)


def _renumber(doc, intended: dict[int, tuple[object, str]]) -> None:
    """Make every written paragraph read back as its intended text: a paragraph whose automatic
    number came out different (Word renumbers after a deletion or insertion) gets its number
    written as text instead."""
    # each pass turns numbers off, which can renumber later paragraphs: repeat until none is wrong
    for _ in range(len(intended) + 1):
        numbers = Numbering(doc)
        wrong = []
        for kind, el in block_elements(doc.element.body):
            if kind != "p":
                continue
            label = numbers.label(el)
            if id(el) in intended:
                want = intended[id(el)][1]
                if label + paragraph_text(el) != want:
                    wrong.append((el, want))
        if not wrong:
            return
        for el, want in wrong:
            _write_number_as_text(el, want)


def _write_number_as_text(el, want: str) -> None:
    """Turn the paragraph's automatic number off and make it read as ``want``: its number as a
    run of its own before its text when the text is still right, the whole text otherwise."""
    own = paragraph_text(el)
    number_off(el)
    if own and want.endswith(own) and el.find(w("r")) is not None:
        r = element("r")
        rpr = _first_rpr(el)
        if rpr is not None:
            r.append(rpr)
        append_text(r, want[:-len(own)])
        el.find(w("r")).addprevious(r)
    else:
        _set_paragraph_text(el, want, _first_rpr(el))
