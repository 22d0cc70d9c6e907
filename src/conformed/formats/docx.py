"""Word (.docx) in, Word out: read a Word agreement into blocks of text, write the conformed copy
back into the base's own file, and write a redline as native Word tracked changes.

Reading (:func:`read`)
    The body's paragraphs and table rows, in document order (paragraphs inside content controls
    included), are the blocks of the text: one block per paragraph with text, one block per
    table row with its cells' texts joined by a tab; blocks are joined by one blank line. Inside
    a block a line break (``w:br``, ``w:cr``) becomes a space and a tab stays a tab. Tracked
    deletions and moved-away text are left out, tracked insertions read as text (the document as
    if every change were accepted); text boxes, headers, footers, footnotes and comments are not
    read. Empty paragraphs are not blocks. A paragraph with automatic numbering (``w:numPr`` on
    the paragraph or on its style) gets its number as a prefix, followed by a tab, a space or
    nothing as the level's ``w:suff`` says: the label is computed from numbering.xml (the level's
    ``lvlText`` with counters per abstract list, ``start``, ``startOverride`` and the restart of
    deeper levels) for the formats decimal, decimalZero, lowerLetter, upperLetter, lowerRoman and
    upperRoman; a bullet gives no prefix and any other number format is written in decimal
    (limitation). ``isLgl``, ``lvlRestart`` other than the default and list styles
    (``numStyleLink``) are not followed.

Writing the conformed copy (:func:`write`)
    A .docx base is reopened from its own bytes (kept in ``Source.origin``) and only the blocks
    an amendment touched are rewritten: every paragraph whose text comes through unchanged keeps
    its XML exactly. A changed paragraph keeps its paragraph properties (style, numbering) and
    the formatting of its first run; when the change removed its automatic number's text the
    number is turned off and the text written as it is. A new block becomes a new paragraph with
    the paragraph properties of its neighbour (without automatic numbering: its number is in its
    text). Deleted blocks are removed (a paragraph that holds a section break is emptied
    instead). Table rows are rewritten cell by cell (the text split on tabs). When a deletion or
    insertion would make Word renumber an untouched numbered paragraph, that paragraph gets its
    number written as text, so the file always reads back as the conformed text.
    Any other base (.txt, .md, .htm) gives a plain document: one paragraph per block of the text
    (blocks are separated by blank lines); a block's hard line breaks become spaces, except in
    a block that looks like a table (tabs, or runs of three spaces inside a line), whose lines
    are kept as line breaks.

Writing the redline (:func:`tracked`)
    A Word document with native tracked changes: each deletion a ``w:del``, each insertion a
    ``w:ins``, with the amendment as the author and its date as the date; a deleted or
    inserted paragraph mark is marked in the paragraph's ``w:pPr/w:rPr`` so that accept-all and
    reject-all both give the right paragraphs. Paragraphs are the text's blocks (split on
    ``"\\n\\n"``); inside a paragraph a single line break is a ``w:br``, so a text base keeps its
    lines. A .docx base lends its styles and its paragraphs' properties. Line endings are read
    as ``"\\n"`` and characters XML 1.0 forbids (control characters other than tab, line feed
    and carriage return, e.g. form feeds, and unpaired surrogates) are left out of every file
    written here.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from ..errors import InputError, Place
from ..reader import Source
from ..runs import DELETE, EQUAL, INSERT, Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_UNZIPPED = 512 * 1024 * 1024
"""A .docx whose parts unpack to more than this is refused (a zip bomb, not an agreement)."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SEPARATOR = re.compile(r"\n(?:[ \t]*\n)+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TABULAR = re.compile(r"\t|\S {3,}\S")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _FORBIDDEN.sub("", text)


# ------------------------------------------------------------------------------------ reading
@dataclass(frozen=True)
class Block:
    """One block of the text: its span in ``Source.text`` and where it is in the file."""

    start: int
    end: int
    kind: str  # "p" (a paragraph) or "row" (a table row)
    index: int  # position in the list of the body's block elements (see ``_elements``)
    prefix: str = ""  # the automatic number written before the paragraph's own text


@dataclass(frozen=True)
class Origin:
    """``Source.origin`` of a .docx: the file itself and its blocks, in order."""

    data: bytes
    blocks: tuple[Block, ...]

    @cached_property
    def starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block whose span holds ``offset`` (or the last one before it)."""
        i = bisect_right(self.starts, offset) - 1
        return self.blocks[i] if i >= 0 else (self.blocks[0] if self.blocks else None)


def read(name: str, data: bytes) -> Source:
    doc = _open(name, data)
    elements = _elements(doc.element.body)
    numbers = _Numbering(doc)
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for index, (kind, el) in enumerate(elements):
        if kind == "p":
            prefix = numbers.label(el)
            own = _paragraph_text(el)
            if not own.strip():
                continue
            text = prefix + own
        else:
            prefix = ""
            text = "\t".join(_cell_text(tc) for tc in _cells(el))
            if not text.strip():
                continue
        if parts:
            pos += 2
        blocks.append(Block(pos, pos + len(text), kind, index, prefix))
        parts.append(text)
        pos += len(text)
    text = "\n\n".join(parts)
    if not text.strip():
        raise InputError("the document is empty", Place(name))
    return Source(path=name, text=text, fmt="docx", printed_lines=False, origin=Origin(data, tuple(blocks)))


def _open(name: str, data: bytes):
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("this is not a Word document (.docx): it is not a zip archive", Place(name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"this is not a Word document (.docx): a damaged zip archive ({exc})", Place(name)) from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise InputError("this is not a Word document (.docx): a zip archive without word/document.xml",
                         Place(name))
    if sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise InputError(f"the Word document unpacks to more than {MAX_UNZIPPED // 2**20} MB; refused", Place(name))
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds; every one means "cannot open"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"this Word document (.docx) cannot be opened: {reason}", Place(name)) from None


def _elements(body) -> list[tuple[str, object]]:
    """The body's block elements in document order: ("p", w:p) and ("row", w:tr)."""
    out: list[tuple[str, object]] = []

    def walk(parent):
        for el in parent.iterchildren():
            if el.tag == _w("p"):
                out.append(("p", el))
            elif el.tag == _w("tbl"):
                for tr in el.iterchildren(_w("tr")):
                    out.append(("row", tr))
            elif el.tag == _w("sdt"):
                for content in el.iterchildren(_w("sdtContent")):
                    walk(content)
            elif el.tag == _w("customXml"):
                walk(el)
    walk(body)
    return out


_SKIP = {_w("del"), _w("moveFrom"), _w("txbxContent"), _w("instrText"), _w("delInstrText"), _w("pPr"), _w("rPr"),
         _w("fldData")}


def _paragraph_text(p) -> str:
    out: list[str] = []

    def walk(el):
        for child in el.iterchildren():
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _w("t"):
                out.append(child.text or "")
            elif tag == _w("tab") and el.tag == _w("r"):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.append(" ")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            else:
                walk(child)
    walk(p)
    return "".join(out).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _cells(tr) -> list:
    out = []
    for el in tr.iterchildren():
        if el.tag == _w("tc"):
            out.append(el)
        elif el.tag == _w("sdt"):
            for content in el.iterchildren(_w("sdtContent")):
                out.extend(c for c in content.iterchildren(_w("tc")))
    return out


def _cell_text(tc) -> str:
    texts = [_paragraph_text(p) for p in tc.iter(_w("p"))]
    return " ".join(t for t in texts if t.strip())


# ----------------------------------------------------------------------------------- numbering
def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n) if n > 0 else str(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _val(el, tag: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    child = el.find(_w(tag))
    if child is None:
        return default
    return child.get(_w("val"), default)


class _Numbering:
    """Automatic paragraph numbers, counted through the document in order."""

    def __init__(self, doc):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.levels: dict[str, dict[int, object]] = {}  # abstractNumId -> ilvl -> w:lvl
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.overridden: set[str] = set()
        try:
            root = doc.part.numbering_part.element
        except Exception:  # no numbering part
            root = None
        if root is not None:
            for absn in root.iterchildren(_w("abstractNum")):
                aid = absn.get(_w("abstractNumId"))
                self.levels[aid] = {int(lvl.get(_w("ilvl"), "0")): lvl for lvl in absn.iterchildren(_w("lvl"))}
            for num in root.iterchildren(_w("num")):
                overrides = {}
                for ov in num.iterchildren(_w("lvlOverride")):
                    start = _val(ov, "startOverride")
                    if start is not None and start.lstrip("-").isdigit():
                        overrides[int(ov.get(_w("ilvl"), "0"))] = int(start)
                self.nums[num.get(_w("numId"))] = (_val(num, "abstractNumId"), overrides)
        try:
            styles = doc.styles.element
        except Exception:
            styles = None
        if styles is not None:
            self._styles(styles)

    def _styles(self, styles) -> None:
        raw: dict[str, tuple[str | None, str | None, str | None]] = {}
        for st in styles.iterchildren(_w("style")):
            sid = st.get(_w("styleId"))
            ppr = st.find(_w("pPr"))
            numpr = ppr.find(_w("numPr")) if ppr is not None else None
            num_id = _val(numpr, "numId")
            ilvl = _val(numpr, "ilvl")
            raw[sid] = (num_id, ilvl, _val(st, "basedOn"))
        for sid in raw:
            seen, cur, num_id, ilvl = set(), sid, None, None
            while cur in raw and cur not in seen:
                seen.add(cur)
                n, lv, based = raw[cur]
                num_id = num_id if num_id is not None else n
                ilvl = ilvl if ilvl is not None else lv
                cur = based
            self.style_numpr[sid] = (num_id, ilvl)

    def numbered(self, p) -> tuple[str | None, int]:
        """The paragraph's (numId, ilvl), numId None when it has no automatic number."""
        ppr = p.find(_w("pPr"))
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
        style = _val(ppr, "pStyle")
        if style in self.style_numpr:
            s_num, s_lvl = self.style_numpr[style]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if num_id in (None, "0") or num_id not in self.nums:
            return None, 0
        try:
            return num_id, int(ilvl or "0")
        except ValueError:
            return num_id, 0

    def label(self, p) -> str:
        """The paragraph's number and what follows it (counting it), or ""."""
        num_id, ilvl = self.numbered(p)
        if num_id is None:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid, {})
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.overridden and overrides:
            self.overridden.add(num_id)
            for k, start in overrides.items():
                counters[k] = start - 1
            for k in list(counters):
                if k > max(overrides):
                    del counters[k]
        counters[ilvl] = counters.get(ilvl, self._start(levels, ilvl) - 1) + 1
        for k in list(counters):
            if k > ilvl:
                del counters[k]
        fmt = _val(lvl, "numFmt", "decimal")
        text = _val(lvl, "lvlText", "")
        if fmt == "bullet" or fmt == "none" or not text:
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            k_lvl = levels.get(k)
            n = counters.get(k, self._start(levels, k))
            return _format_number(n, _val(k_lvl, "numFmt", "decimal") if k_lvl is not None else "decimal")
        label = re.sub(r"%([1-9])", sub, text)
        suff = _val(lvl, "suff", "tab")
        return label + {"tab": "\t", "space": " "}.get(suff, "")

    @staticmethod
    def _start(levels: dict, ilvl: int) -> int:
        start = _val(levels.get(ilvl), "start", "1")
        return int(start) if start and start.lstrip("-").isdigit() else 1


# ----------------------------------------------------------------------- the conformed copy
def write(base: Source, runs: list[Run], text: str) -> bytes:
    """The conformed copy (``text``) as the bytes of a .docx file."""
    if base.fmt == "docx" and isinstance(base.origin, Origin):
        return _write_into_base(base.origin, runs, text)
    return _write_plain(text)


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _blocks_of(text: str) -> list[tuple[int, int]]:
    """The blocks of a conformed text bound for a .docx: every line that is not blank (a Word
    paragraph holds no hard line break, so each line of the text is a paragraph of its own)."""
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _write_plain(text: str) -> bytes:
    import docx

    doc = docx.Document()
    body = doc.element.body
    for p in list(body.iterchildren(_w("p"))):
        body.remove(p)
    for chunk in _SEPARATOR.split(clean(text.replace("\r\n", "\n").replace("\r", "\n"))):
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        paragraph = doc.add_paragraph()
        if len(lines) > 1 and any(_TABULAR.search(ln.strip()) for ln in lines):
            run = paragraph.add_run()
            for i, line in enumerate(lines):
                if i:
                    run._r.append(_el("br"))
                _append_text(run._r, line)
        else:
            _append_text(paragraph.add_run()._r, " ".join(ln.strip() for ln in lines if ln.strip()))
    return _save(doc)


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(_w(key), value)
    return el


def _append_text(r, text: str, deleted: bool = False) -> None:
    """Append ``text`` to the run ``r`` as w:t (w:delText) pieces, tabs as w:tab, line feeds as w:br."""
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            r.append(_el("br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(_el("tab"))
            if piece:
                t = _el("delText" if deleted else "t")
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = piece
                r.append(t)


def _first_rpr(p):
    for r in p.iter(_w("r")):
        if any(a.tag in (_w("del"), _w("moveFrom")) for a in r.iterancestors()):
            continue
        rpr = r.find(_w("rPr"))
        return copy.deepcopy(rpr) if rpr is not None else None
    return None


def _set_paragraph_text(p, text: str, rpr) -> None:
    """Replace the content of ``p`` (all but its properties) by one run of ``text``."""
    for child in list(p):
        if child.tag != _w("pPr"):
            p.remove(child)
    if text:
        r = _el("r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        _append_text(r, text)
        p.append(r)


def _number_off(p) -> None:
    """Turn off the paragraph's automatic number (its number is then in its text)."""
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = _el("pPr")
        p.insert(0, ppr)
    old = ppr.find(_w("numPr"))
    numpr = _el("numPr")
    numpr.append(_el("ilvl", val="0"))
    numpr.append(_el("numId", val="0"))
    if old is not None:
        old.addprevious(numpr)
        ppr.remove(old)
    else:
        # numPr comes after pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl
        before = {_w(t) for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}
        index = 0
        for i, child in enumerate(ppr):
            if child.tag in before:
                index = i + 1
        ppr.insert(index, numpr)


def _new_paragraph(neighbour, numbers: _Numbering):
    p = _el("p")
    if neighbour is not None and neighbour.find(_w("pPr")) is not None:
        ppr = copy.deepcopy(neighbour.find(_w("pPr")))
        for tag in ("sectPr", "pPrChange", "numPr"):
            for el in ppr.findall(_w(tag)):
                ppr.remove(el)
        rpr = ppr.find(_w("rPr"))
        if rpr is not None:
            for tag in ("ins", "del", "moveFrom", "moveTo"):
                for el in rpr.findall(_w(tag)):
                    rpr.remove(el)
        p.append(ppr)
        if numbers.numbered(p)[0] is not None:  # numbered through its style
            _number_off(p)
    return p


def _set_row_text(tr, text: str) -> None:
    cells = _cells(tr)
    if not cells:
        return
    parts = text.split("\t")
    if len(parts) > len(cells):
        parts = parts[:len(cells) - 1] + ["\t".join(parts[len(cells) - 1:])]
    for i, tc in enumerate(cells):
        paragraphs = list(tc.iterchildren(_w("p")))
        if not paragraphs:
            tc.append(_el("p"))
            paragraphs = list(tc.iterchildren(_w("p")))
        first = paragraphs[0]
        _set_paragraph_text(first, parts[i] if i < len(parts) else "", _first_rpr(first))
        for extra in paragraphs[1:]:
            tc.remove(extra)


def _remove(kind: str, el) -> None:
    if kind == "p":
        ppr = el.find(_w("pPr"))
        if ppr is not None and ppr.find(_w("sectPr")) is not None:
            _set_paragraph_text(el, "", None)  # it holds a section break: keep it, empty
        elif el.getparent() is not None:
            el.getparent().remove(el)
    else:
        tbl = el.getparent()
        tbl.remove(el)
        if tbl.find(_w("tr")) is None and tbl.getparent() is not None:
            tbl.getparent().remove(tbl)


def _write_into_base(origin: Origin, runs: list[Run], text: str) -> bytes:
    import docx

    doc = docx.Document(io.BytesIO(origin.data))
    elements = _elements(doc.element.body)
    numbers = _Numbering(doc)
    blocks = origin.blocks
    by_span = {(b.start, b.end): b for b in blocks}
    starts = [b.start for b in blocks]
    equal = [r for r in runs if r.kind == EQUAL and r.base[1] > r.base[0]]
    eq_starts = [r.conformed[0] for r in equal]

    def pieces(cs: int, ce: int):
        """The base spans the conformed span [cs, ce) came from, unchanged."""
        i = max(bisect_right(eq_starts, cs) - 1, 0)
        while i < len(equal) and equal[i].conformed[0] < ce:
            r = equal[i]
            lo, hi = max(cs, r.conformed[0]), min(ce, r.conformed[1])
            if lo < hi:
                shift = r.base[0] - r.conformed[0]
                yield lo + shift, hi + shift, r
            i += 1

    def contributors(bs: int, be: int) -> list[Block]:
        i = max(bisect_right(starts, bs) - 1, 0)
        out = []
        while i < len(blocks) and blocks[i].start < be:
            if blocks[i].end > bs:
                out.append(blocks[i])
            i += 1
        return out

    plan: list[tuple[tuple[int, int], Block | None, bool]] = []  # (conformed span, base block, kept)
    kept: set[int] = set()
    for cs, ce in _blocks_of(text):
        spans = list(pieces(cs, ce))
        if len(spans) == 1 and (spans[0][0], spans[0][1]) in by_span and spans[0][1] - spans[0][0] == ce - cs:
            block = by_span[(spans[0][0], spans[0][1])]
            plan.append(((cs, ce), block, True))
            kept.add(block.index)
        else:
            plan.append(((cs, ce), None, False))
    used = set(kept)
    for n, ((cs, ce), block, is_kept) in enumerate(plan):
        if is_kept:
            continue
        for bs, be, _ in pieces(cs, ce):
            anchor = next((b for b in contributors(bs, be) if b.index not in used), None)
            if anchor is not None:
                used.add(anchor.index)
                plan[n] = ((cs, ce), anchor, False)
                break

    intended: dict[int, tuple[object, str]] = {}  # id(w:p) -> (w:p, its text)
    cursor = None  # (kind, element) last placed
    first_el = elements[blocks[0].index][1] if blocks else None
    if first_el is not None and blocks[0].kind == "row":
        first_el = first_el.getparent()
    for (cs, ce), block, is_kept in plan:
        new_text = text[cs:ce]
        if is_kept:
            kind, el = elements[block.index]
        elif block is not None:
            kind, el = elements[block.index]
            if kind == "p":
                own = new_text
                if block.prefix:
                    if new_text.startswith(block.prefix):
                        own = new_text[len(block.prefix):]
                    else:
                        _number_off(el)
                _set_paragraph_text(el, own, _first_rpr(el))
            else:
                _set_row_text(el, new_text)
        else:
            if cursor is not None and cursor[0] == "row" and ("\t" in new_text or cursor[1].getnext() is not None
                                                              and cursor[1].getnext().tag == _w("tr")):
                kind, el = "row", copy.deepcopy(cursor[1])
                _set_row_text(el, new_text)
                cursor[1].addnext(el)
            else:
                kind = "p"
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
                    cursor[1].getparent().addnext(el)
                else:
                    cursor[1].addnext(el)
        cursor = (kind, el)
        if kind == "p":
            intended[id(el)] = (el, new_text)
    for i, (kind, el) in enumerate(elements):
        if i not in used:
            _remove(kind, el)
    _renumber(doc, intended)
    return _save(doc)


def _renumber(doc, intended: dict[int, tuple[object, str]]) -> None:
    """Make every written paragraph read back as its intended text: a paragraph whose automatic
    number came out different (Word renumbers after a deletion or insertion) gets its number
    written as text instead."""
    for _ in range(len(intended) + 1):
        numbers = _Numbering(doc)
        wrong = []
        for kind, el in _elements(doc.element.body):
            if kind != "p":
                continue
            label = numbers.label(el)
            if id(el) in intended:
                want = intended[id(el)][1]
                if label + _paragraph_text(el) != want:
                    wrong.append((el, want))
        if not wrong:
            return
        for el, want in wrong:
            own = _paragraph_text(el)
            _number_off(el)
            if own and want.endswith(own) and el.find(_w("r")) is not None:
                r = _el("r")
                rpr = _first_rpr(el)
                if rpr is not None:
                    r.append(rpr)
                _append_text(r, want[:-len(own)])
                el.find(_w("r")).addprevious(r)
            else:
                _set_paragraph_text(el, want, _first_rpr(el))


# ------------------------------------------------------------------ the redline, tracked changes
COMPARE_AUTHOR = "conformed compare"


@dataclass
class _Paragraph:
    pieces: list[tuple[str, str, object]]  # (kind, text, provenance)
    base_offset: int
    mark: str = EQUAL
    mark_by: object = None


def _paragraphs(runs: list[Run]) -> list[_Paragraph]:
    """The runs cut into paragraphs at every "\\n\\n", each paragraph mark with the kind of the run
    it was in (a deleted or inserted paragraph break)."""
    current = _Paragraph([], 0)
    out = [current]
    for run in runs:
        text = clean(run.text.replace("\r\n", "\n").replace("\r", "\n"))
        parts = text.split("\n\n")
        offset = 0
        for i, part in enumerate(parts):
            if part:
                current.pieces.append((run.kind, part, run.by))
            offset += len(part)
            if i < len(parts) - 1:
                current.mark, current.mark_by = run.kind, run.by
                offset += 2
                at = run.base[0] + (min(offset, run.base[1] - run.base[0]) if run.kind != INSERT else 0)
                current = _Paragraph([], at)
                out.append(current)
    return out


def _change(tag: str, by, ids: list[int]):
    ids[0] += 1
    el = _el(tag, id=str(ids[0]), author=clean(by.amendment) if by is not None and by.amendment else COMPARE_AUTHOR)
    date = getattr(by, "date", "") or ""
    if _DATE.match(date):
        el.set(_w("date"), f"{date[:10]}T00:00:00Z")
    return el


def tracked(base: Source | None, runs: list[Run], title: str) -> bytes:
    """A redline as a Word document with native tracked changes (see the module's docstring)."""
    import docx

    origin = base.origin if base is not None and base.fmt == "docx" and isinstance(base.origin, Origin) else None
    doc = docx.Document(io.BytesIO(origin.data)) if origin else docx.Document()
    body = doc.element.body
    properties: dict[int, object] = {}
    if origin:
        elements = _elements(body)
        for block in origin.blocks:
            kind, el = elements[block.index]
            ppr = el.find(_w("pPr")) if kind == "p" else None
            if ppr is not None:
                properties[block.index] = copy.deepcopy(ppr)
    numbers = _Numbering(doc) if origin else None
    final_sect = body.find(_w("sectPr"))
    for child in list(body):
        if child is not final_sect:
            body.remove(child)
    ids = [0]
    for par in _paragraphs(runs):
        p = _el("p")
        ppr = None
        if origin:
            block = origin.block_at(par.base_offset)
            if block is not None and block.index in properties:
                ppr = copy.deepcopy(properties[block.index])
                for tag in ("sectPr", "pPrChange", "numPr"):
                    for el in ppr.findall(_w(tag)):
                        ppr.remove(el)
        if ppr is None:
            ppr = _el("pPr")
        p.append(ppr)
        if origin and numbers.numbered(p)[0] is not None:  # numbered by its style: the number is in the text
            _number_off(p)
            ppr = p.find(_w("pPr"))
        rpr = ppr.find(_w("rPr"))
        if rpr is not None:
            for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange"):
                for el in rpr.findall(_w(tag)):
                    rpr.remove(el)
        if par.mark != EQUAL:
            if rpr is None:
                rpr = _el("rPr")
                ppr.append(rpr)
            rpr.insert(0, _change("del" if par.mark == DELETE else "ins", par.mark_by, ids))
        if len(ppr) == 0:
            p.remove(ppr)
        for kind, text, by in par.pieces:
            r = _el("r")
            _append_text(r, text, deleted=kind == DELETE)
            if kind == EQUAL:
                p.append(r)
            else:
                wrapper = _change("del" if kind == DELETE else "ins", by, ids)
                wrapper.append(r)
                p.append(wrapper)
        if final_sect is not None:
            final_sect.addprevious(p)
        else:
            body.append(p)
    doc.core_properties.title = clean(title)[:255]
    return _save(doc)
