"""Reading a Word agreement into the blocks of the text every stage works on.

The body's paragraphs and table rows, in document order (paragraphs inside content controls
included), are the blocks of the text: one block per paragraph with text, one block per table
row with its cells' texts joined by a tab; blocks are joined by one blank line. Inside a block
a line break (``w:br``, ``w:cr``) becomes a space and a tab stays a tab. Tracked deletions and
moved-away text are left out, tracked insertions read as text (the document as if every change
were accepted); text boxes, headers, footers, footnotes and comments are not read. Empty
paragraphs are not blocks. A paragraph with automatic numbering gets its number as a prefix
(see :mod:`.numbering`).
"""
from __future__ import annotations

import io
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from ...errors import InputError, Place
from ...reader import Source
from .numbering import Numbering
from .ooxml import w

MAX_UNZIPPED = 512 * 1024 * 1024
"""A .docx whose parts unpack to more than this is refused (a zip bomb, not an agreement)."""


@dataclass(frozen=True)
class Block:
    """One block of the text: its span in ``Source.text`` and where it is in the file."""

    start: int
    end: int
    kind: str  # "p" (a paragraph) or "row" (a table row)
    index: int  # position in the list of the body's block elements (see ``block_elements``)
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
    """The text of the Word file ``name`` (its bytes ``data``), its blocks kept in the origin."""
    doc = open_document(name, data)
    numbers = Numbering(doc)
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for index, (kind, el) in enumerate(block_elements(doc.element.body)):
        # the number is counted even for an empty paragraph: Word counts it too
        prefix = numbers.label(el) if kind == "p" else ""
        own = paragraph_text(el) if kind == "p" else "\t".join(cell_text(tc) for tc in row_cells(el))
        if not own.strip():
            continue
        text = prefix + own
        if parts:
            pos += 2
        blocks.append(Block(pos, pos + len(text), kind, index, prefix))
        parts.append(text)
        pos += len(text)
    text = "\n\n".join(parts)
    if not text.strip():
        raise InputError("the document is empty", Place(name))
    return Source(path=name, text=text, fmt="docx", printed_lines=False, origin=Origin(data, tuple(blocks)))


def open_document(name: str, data: bytes):
    """The python-docx document of ``data``, or an :class:`InputError` that says why it is not one."""
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("this is not a Word document (.docx): it is not a zip archive", Place(name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"this is not a Word document (.docx): a damaged zip archive ({exc})", Place(name)) from None
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError("this is not a Word document (.docx): a zip archive without word/document.xml",
                         Place(name))
    # checked before unpacking anything: the sizes in the zip directory are what would be unpacked
    if sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise InputError(f"the Word document unpacks to more than {MAX_UNZIPPED // 2**20} MB; refused", Place(name))
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds; every one means "cannot open"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"this Word document (.docx) cannot be opened: {reason}", Place(name)) from None


def block_elements(body) -> list[tuple[str, object]]:
    """The body's block elements in document order: ("p", w:p) and ("row", w:tr)."""
    out: list[tuple[str, object]] = []

    def walk(parent):
        for el in parent.iterchildren():
            if el.tag == w("p"):
                out.append(("p", el))
            elif el.tag == w("tbl"):
                out.extend(("row", tr) for tr in el.iterchildren(w("tr")))
            elif el.tag == w("sdt"):  # a content control: its content is body text
                for content in el.iterchildren(w("sdtContent")):
                    walk(content)
            elif el.tag == w("customXml"):
                walk(el)
    walk(body)
    return out


# Not text of the paragraph: deleted and moved-away text, text boxes (a drawing's own text, not
# the paragraph's), field instructions (the field's result is read instead) and properties.
_SKIP = {w("del"), w("moveFrom"), w("txbxContent"), w("instrText"), w("delInstrText"), w("pPr"), w("rPr"),
         w("fldData")}


def paragraph_text(p) -> str:
    """The text of the paragraph ``p`` as if every tracked change were accepted, on one line."""
    out: list[str] = []
    _walk_text(p, out)
    return _one_line("".join(out))


def paragraph_chunks(p) -> list[tuple[str, object | None]]:
    """The text of ``p`` as :func:`paragraph_text` reads it, chunk by chunk, each chunk with the
    ``w:r`` it is in (None for none); the chunks join to ``paragraph_text(p)`` unless a line ending
    was split between two chunks (the caller checks)."""
    out: list[str] = []
    owners: list[object | None] = []
    _walk_text(p, out, owners)
    return [(_one_line(text), run) for text, run in zip(out, owners)]


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _walk_text(p, out: list[str], owners: list | None = None) -> None:
    """Append the paragraph's pieces of text to ``out`` (and the run of each to ``owners``)."""

    def walk(el, run):
        for child in el.iterchildren():
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):  # comments and processing instructions
                continue
            if tag == _T:
                piece = child.text or ""
            elif tag == _TAB and el.tag == _R:  # a w:tab in w:tabs is a tab stop, not text
                piece = "\t"
            elif tag in _BREAKS:
                piece = " "
            elif tag == _NB_HYPHEN:
                piece = "-"
            else:
                walk(child, child if tag == _R else run)
                continue
            out.append(piece)
            if owners is not None:
                owners.append(run)
    walk(p, None)


_T, _TAB, _R, _NB_HYPHEN, _BREAKS = w("t"), w("tab"), w("r"), w("noBreakHyphen"), (w("br"), w("cr"))


def row_cells(tr) -> list:
    """The cells of the table row ``tr``, those inside content controls included."""
    out = []
    for el in tr.iterchildren():
        if el.tag == w("tc"):
            out.append(el)
        elif el.tag == w("sdt"):
            for content in el.iterchildren(w("sdtContent")):
                out.extend(content.iterchildren(w("tc")))
    return out


def cell_text(tc) -> str:
    """A cell's paragraphs (nested tables' too) on one line, separated by spaces."""
    texts = [paragraph_text(p) for p in tc.iter(w("p"))]
    return " ".join(t for t in texts if t.strip())
