"""The run formatting of a .docx base, carried into the paragraphs the writers rebuild.

A paragraph an amendment changed is written again run by run: every stretch of text that comes
from the base (equal text, and in the redline deleted text too) keeps the ``w:rPr`` of the base run
it is in (base runs are split where a change begins or ends), and every other stretch (inserted
text, and text without a base run such as an automatic number written as text) takes the
formatting of the text just before it in the paragraph: after a deletion (a replacement) that of
the words it replaces, otherwise that of the preceding words, or at the start of the paragraph
that of the words after it. One exception: inserted text that directly follows a *defined term*
(a bold or underlined base run whose text begins or ends with a quotation mark, such as
``“Required Holders”``) does not take its bold or underline: it takes the formatting of the words
after it when they are not a defined term themselves, and the defined term's without bold and
underline otherwise. A paragraph with no base text at all (a new paragraph) gets no run formatting.
"""
from __future__ import annotations

import copy
from bisect import bisect_right
from dataclasses import dataclass

from lxml import etree

from ...runs import INSERT
from .ooxml import remove_children, w
from .reading import Block, Origin, paragraph_chunks

_OPENING = "\"'“‘«"
_CLOSING = "\"'”’»"
_OFF = {"0", "false", "off", "none"}
_UNSET = object()


@dataclass(frozen=True)
class _Segment:
    start: int  # offsets in the paragraph's own text (after its automatic number)
    end: int
    rpr: object | None  # the base run's w:rPr (not a copy: never written as it is)
    term: bool  # the run is a defined term: bold or underlined, in quotation marks


class BaseFormats:
    """The formatting of the base text, by base offset: each paragraph's own text cut where its
    runs' properties change. Read before a writer changes the document."""

    def __init__(self, origin: Origin, elements, indexes: set[int] | None = None):
        self.origin = origin
        self.segments: dict[int, list[_Segment]] = {}  # block index -> its segments
        self.starts: dict[int, list[int]] = {}
        for block in origin.blocks:
            if block.kind != "p" or (indexes is not None and block.index not in indexes):
                continue
            segments = _segments(elements[block.index][1], block.end - block.start - len(block.prefix))
            self.segments[block.index] = segments
            self.starts[block.index] = [s.start for s in segments]

    def split(self, bs: int, be: int) -> list[tuple[int, int, object, bool]]:
        """The base span [bs, be) cut where its formatting changes: ``(start, end, rPr, term)``, the
        rPr ``_UNSET`` where the text is in no run of a paragraph (an automatic number, a row)."""
        out: list[tuple[int, int, object, bool]] = []
        pos = bs
        while pos < be:
            block = self.origin.block_at(pos)
            own = block.start + len(block.prefix) if block is not None else pos
            segments = self.segments.get(block.index) if block is not None else None
            if block is None or segments is None or pos < own or pos >= block.end:
                # not in a paragraph's own text: unformatted up to where the next one may begin
                if block is None:
                    stop = be
                elif pos < own:
                    stop = own
                elif pos < block.end:
                    stop = block.end
                else:
                    nxt = self._next_block(block)
                    stop = nxt.start if nxt is not None else be
                stop = min(be, max(stop, pos + 1))
                out.append((pos, stop, _UNSET, False))
                pos = stop
                continue
            starts = self.starts[block.index]
            i = bisect_right(starts, pos - own) - 1
            seg = segments[i]
            stop = min(be, own + seg.end)
            out.append((pos, stop, seg.rpr, seg.term))
            pos = stop
        return out

    def _next_block(self, block: Block) -> Block | None:
        i = bisect_right(self.origin.starts, block.start)
        return self.origin.blocks[i] if i < len(self.origin.blocks) else None


def _segments(p, length: int) -> list[_Segment]:
    """The paragraph's own text cut at its runs: one segment per stretch of equal formatting."""
    chunks = paragraph_chunks(p)
    if sum(len(text) for text, _ in chunks) != length:  # cannot be mapped: the first run's formatting
        return [_Segment(0, length, _first_rpr(p), False)]
    run_text: dict[int, str] = {}
    for text, run in chunks:
        if run is not None:
            run_text[id(run)] = run_text.get(id(run), "") + text
    keys: dict[int, bytes | None] = {}  # id(run) -> its rPr serialized

    def key(run, rpr):
        if id(run) not in keys:
            keys[id(run)] = _key(rpr)
        return keys[id(run)]

    out: list[_Segment] = []
    pos = 0
    last_run = None
    for text, run in chunks:
        if not text:
            continue
        rpr = run.find(w("rPr")) if run is not None else None
        term = rpr is not None and _emphasis(rpr) and _quoted(run_text[id(run)])
        last = out[-1] if out else None
        if last is not None and last.term == term and (last.rpr is rpr or key(last_run, last.rpr) == key(run, rpr)):
            out[-1] = _Segment(last.start, pos + len(text), last.rpr, term)
        else:
            out.append(_Segment(pos, pos + len(text), rpr, term))
            last_run = run
        pos += len(text)
    return out or [_Segment(0, length, None, False)]


def _first_rpr(p):
    for r in p.iter(w("r")):
        if any(a.tag in (w("del"), w("moveFrom")) for a in r.iterancestors()):
            continue
        return r.find(w("rPr"))
    return None


def _emphasis(rpr) -> bool:
    """The run properties make it bold or underlined."""
    for tag in ("b", "u"):
        el = rpr.find(w(tag))
        if el is not None and el.get(w("val"), "true").lower() not in _OFF:
            return True
    return False


def _quoted(text: str) -> bool:
    text = text.strip().rstrip(",;:.)")
    return bool(text) and (text[0] in _OPENING or text[-1] in _CLOSING)


def _key(rpr) -> bytes | None:
    return etree.tostring(rpr) if rpr is not None else None


def same_rpr(a, b) -> bool:
    """The two run properties (or None) format text alike."""
    return a is b or _key(a) == _key(b)


def written_rpr(rpr):
    """A copy of base run properties to write: without a tracked formatting change (the text is
    written as if every tracked change were accepted), None when nothing is left."""
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    remove_children(out, "rPrChange", "ins", "del", "moveFrom", "moveTo")
    return out if len(out) else None


def _plain(rpr):
    """Run properties without bold and underline (those of a defined term)."""
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    remove_children(out, "b", "bCs", "u")
    return out if len(out) else None


def styled(pieces: list[tuple[str, str, tuple[int, int] | None]], formats: BaseFormats) \
        -> list[list[tuple[str, object | None]]]:
    """The formatting of a paragraph's pieces ``(kind, text, base span or None)``, in order (deleted
    pieces included: they lend their formatting to a replacement): for each piece, its text cut into
    ``(text, rPr)`` stretches of one formatting each, the rPr a copy ready to write (or None)."""
    cells: list[list] = []  # [piece index, kind, text, rPr or _UNSET, term]
    for n, (kind, text, base) in enumerate(pieces):
        if not text:
            continue
        if kind != INSERT and base is not None and base[1] - base[0] == len(text):
            for start, end, rpr, term in formats.split(*base):
                cells.append([n, kind, text[start - base[0]:end - base[0]], rpr, term])
        else:
            cells.append([n, kind, text, _UNSET, False])
    for i, cell in enumerate(cells):
        if cell[3] is not _UNSET:
            cell[3] = written_rpr(cell[3])
            continue
        before = cells[i - 1] if i else None
        after = next((c for c in cells[i + 1:] if c[3] is not _UNSET), None)
        if before is None:
            cell[3] = written_rpr(after[3]) if after is not None else None
        elif before[4] and before[1] != "delete" and cell[1] == INSERT:  # after a defined term
            cell[3] = written_rpr(after[3]) if after is not None and not after[4] else _plain(before[3])
        else:
            cell[3] = copy.deepcopy(before[3])
    out: list[list[tuple[str, object | None]]] = [[] for _ in pieces]
    for n, _, text, rpr, _ in cells:
        stretches = out[n]
        if stretches and _key(stretches[-1][1]) == _key(rpr):
            stretches[-1] = (stretches[-1][0] + text, stretches[-1][1])
        else:
            stretches.append((text, rpr))
    return out
