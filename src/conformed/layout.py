"""The printed layout of a text: lines, page furniture, paragraphs.

Page marks (``<Page>``, ``#####``), page numbers (``-2-``, ``\\- 10 -``, ``Page 3 of 9``) and
running footers are *layout*, not content: they are kept in the text (so a document renders back
byte for byte) but are invisible to matching, line counting and the provision tree.

Two layouts are met in the wild. EDGAR plain text is hard-wrapped at ~70 columns with blank
lines between paragraphs (*wrapped* mode). Text converted from HTML puts each paragraph on one
long line (*line* mode). The mode is decided once per document from its line lengths.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from . import labels

BLANK, TEXT, FURNITURE = "blank", "text", "furniture"

_PAGE_MARK = re.compile(r"\s*(?:<page>\s*\d*|\f+|#{3,}|\[?page\s*break\]?|<hr\s*/?>)\s*", re.I)
_PAGE_NUMBER = re.compile(
    r"\s*(?:\\?-\s*(?:\d{1,4}|[ivxlc]{1,7}|[A-Z]-\d{1,3})\s*-|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|\[?\d{1,3}\]?)\s*", re.I)
_BARE_NUMBER = re.compile(r"\s*(?:\d{1,3}|[ivxlc]{1,6})\s*", re.I)
_FOOTER = re.compile(r"\s*copyright\s*(?:\(c\)|©)[^\n]{0,110}"
                     r"|\s*\d{1,3}[ \t\u00a0]+[^\n]{0,30}(?:®|©|\([cr]\))[^\n]{0,30}", re.I)
# "Exhibit A - 3", "Schedule 2.3 - 2": the name of an attachment with its page number.
_ATTACHMENT_FOOTER = re.compile(r"\s*(?:exhibit|schedule|annex|appendix|attachment)\s+[\w.()]{1,12}"
                                r"\s*(?:-{1,2}|–|—)\s*\d{1,3}\s*", re.I)
_ATTACHMENT_NAME = re.compile(r"\s*(?:Exhibit|Schedule|Annex|Appendix|Attachment)\s+[\w.()]{1,12}\s*")
_CLOSERS = "\"'”’)]*_"
_TERMINALS = frozenset(".;:!?")


def _ends_clause(line: str) -> bool:
    """Does the line end with a full stop, semicolon, colon, ! or ? (closing quotes allowed)?"""
    last = line[-1:]
    if last in _TERMINALS:
        return True
    if last.isalnum() or last in ",-":  # the usual line end, decided without stripping
        return False
    return line.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINALS


class Line(NamedTuple):
    start: int
    end: int  # end of the visible text, before the line break
    number: int  # 1-based
    indent: int
    kind: str


class Paragraph(NamedTuple):
    """A run of content lines read as one paragraph (indices into ``Layout.lines``)."""

    first: int
    last: int
    start: int  # offset of the first visible character
    end: int  # offset after the last visible character


@dataclass
class Layout:
    text: str
    lines: list[Line]
    mode: str  # "wrapped" | "line"
    width: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def line_at(self, offset: int) -> Line:
        """The line holding ``offset`` (the last line for the end of the text)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.lines[max(0, min(i, len(self.lines) - 1))]

    def line_index(self, offset: int) -> int:
        return max(0, min(bisect.bisect_right(self._starts, offset) - 1, len(self.lines) - 1))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        line = self.line_at(offset)
        return line.number, offset - line.start + 1

    def content_lines(self, start: int, end: int) -> list[Line]:
        """The content lines (not blank, not furniture) that overlap ``[start, end)``."""
        first, last = self.line_index(start), self.line_index(max(start, end - 1))
        return [ln for ln in self.lines[first:last + 1] if ln.kind == TEXT]

    def furniture_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        first, last = self.line_index(start), self.line_index(max(start, end - 1))
        return [(ln.start, ln.end) for ln in self.lines[first:last + 1] if ln.kind == FURNITURE]


def analyse(text: str) -> Layout:
    lines, candidates = _split_lines(text)
    _mark_furniture(text, lines, candidates)
    mode, width = _decide_mode(text, lines)
    layout = Layout(text=text, lines=lines, mode=mode, width=width,
                    _starts=[ln.start for ln in lines])
    layout.paragraphs = _paragraphs(text, lines, mode, width)
    return layout


_BREAK = re.compile(r"\r\n|\r|\n")
# Lines that could be furniture at all; only these are looked at closely.
_CANDIDATE = re.compile(r"[ \t\u00a0]*(?:<|#{3}|\f|\[|\\?-|page\b|copyright|\d{1,4}[ \t\u00a0]*$|\d{1,3}[ \t\u00a0]|"
                        r"[ivxlc]{1,7}[ \t\u00a0]*$|exhibit|schedule|annex|appendix|attachment)", re.I)
_CANDIDATE_FIRST = frozenset("<#\f[\\-0123456789pPcCiIvVxXlLeEsSaA")


def _split_lines(text: str) -> tuple[list[Line], list[int]]:
    """The lines of ``text`` and the indices of those that could be page furniture."""
    if "\r" in text:
        pieces = _BREAK.split(text)
        breaks = [len(m.group()) for m in _BREAK.finditer(text)]
    else:  # the common case, and much faster
        pieces = text.split("\n")
        breaks = None
    if len(pieces) > 1 and pieces[-1] == "":
        pieces.pop()  # a final line break ends the last line; it does not open another
    lines: list[Line] = []
    candidates: list[int] = []
    new = tuple.__new__  # Line(...) without the Python-level __new__: this loop runs per line
    start = 0
    for i, raw in enumerate(pieces):
        end = start + len(raw)
        body = raw.lstrip(" \t\u00a0")
        if not body.strip():
            lines.append(new(Line, (start, end, i + 1, 0, FURNITURE if "\f" in raw else BLANK)))
        else:
            lead = raw[:len(raw) - len(body)]
            indent = len(lead.expandtabs(8)) if "\t" in lead else len(lead)
            glued = _GLUED_HEADING.search(raw) if _GLUE_HINT.search(raw) else None
            if glued is not None:
                lines.extend(_unglued(start, end, i + 1, indent, glued))
            else:
                lines.append(new(Line, (start, end, i + 1, indent, TEXT)))
            if body[0] in _CANDIDATE_FIRST and _CANDIDATE.match(raw):
                candidates.append(len(lines) - 1 if glued is None else len(lines) - 3)
        start = end + (breaks[i] if breaks is not None and i < len(breaks) else 1)
    return lines or [Line(0, 0, 1, 0, BLANK)], candidates


# A conversion that lost a page break glues the page number and the next heading onto the line
# before: "... United States Dollars. 7 Part 2. Tax Representations." The line is read as three:
# the text, the page number (furniture) and the heading, which opens a provision of its own.
_GLUE_HINT = re.compile(r"\d[ \t]+(?:#{1,6}[ \t]+)?(?:PART|Part|ARTICLE|Article|SECTION|Section)[ \t]")
_GLUED_HEADING = re.compile(r"(?<=[.;:])[ \t]+(\d{1,4})[ \t]+(?=(?:#{1,6}[ \t]+)?(?:PART|Part|ARTICLE|Article|SECTION|"
                            r"Section)[ \t]+(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,6})[.:][ \t]+[A-Z])")


def _unglued(start: int, end: int, number: int, indent: int, glued: re.Match) -> list[Line]:
    """The three lines of one printed line that holds text, a page number and a heading."""
    number_start, number_end = start + glued.start(1), start + glued.end(1)
    return [Line(start, start + glued.start(), number, indent, TEXT),
            Line(number_start, number_end, number, 0, FURNITURE),
            Line(start + glued.end(), end, number, 0, TEXT)]


def _mark_furniture(text: str, lines: list[Line], candidates: list[int]) -> None:
    marks = [i for i in candidates if _PAGE_MARK.fullmatch(text, lines[i].start, lines[i].end)]
    mark_set = set(marks)
    near_mark = set()
    for i in marks:
        near_mark.update(range(i - 4, i + 5))
    for i in candidates:  # a "-1-" footer: the bare "2" heading the next page is a page number too
        if "-" in text[lines[i].start:lines[i].end] and _PAGE_NUMBER.fullmatch(text, lines[i].start, lines[i].end):
            near_mark.update(range(i - 2, i + 3))
    for i in candidates:
        ln = lines[i]
        if (i in mark_set or _FOOTER.fullmatch(text, ln.start, ln.end)
                or _ATTACHMENT_FOOTER.fullmatch(text, ln.start, ln.end)
                or _is_page_number(text, ln, i in near_mark)
                or (_ATTACHMENT_NAME.fullmatch(text, ln.start, ln.end) and _next_is_mark(lines, i, marks))):
            lines[i] = ln._replace(kind=FURNITURE)


def _next_is_mark(lines: list[Line], i: int, marks: list[int]) -> bool:
    """Is the next visible line a page mark? (A title-case "Annex A" just before a page break is
    the page's footer; the annex's own heading comes after the break.)"""
    j = i + 1
    while j < len(lines) and lines[j].kind == BLANK:
        j += 1
    return j in marks


def _is_page_number(text: str, ln: Line, near_mark: bool) -> bool:
    if not _PAGE_NUMBER.fullmatch(text, ln.start, ln.end):
        return False
    body = text[ln.start:ln.end].strip()
    if "-" in body or body.lower().startswith("page"):
        return True
    # A bare "7" or "ii" is a page number only where the page layout says so.
    return bool(_BARE_NUMBER.fullmatch(body)) and (near_mark or ln.indent >= 20)


def _decide_mode(text: str, lines: list[Line]) -> tuple[str, int]:
    """Hard-wrapped text breaks most lines in the middle of a sentence; text with a paragraph a
    line ends nearly every line at a full stop, a semicolon or a colon (or is long)."""
    lengths = sorted(ln.end - ln.start for ln in lines if ln.kind == TEXT)
    if not lengths:
        return "wrapped", 80
    long_share = sum(1 for n in lengths if n > 120) / len(lengths)
    median = lengths[len(lengths) // 2]
    width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.95))]
    if median > 100 or long_share >= 0.2:
        return "line", width
    follows = [a for a, b in zip(lines, lines[1:]) if a.kind == TEXT and b.kind == TEXT]
    if len(follows) >= 3:
        open_share = sum(1 for a in follows if not _ends_clause(text[a.start:a.end])) / len(follows)
        if open_share < 0.3:
            return "line", width
    return "wrapped", max(width, 40)


def _paragraphs(text: str, lines: list[Line], mode: str, width: int) -> list[Paragraph]:
    paras: list[Paragraph] = []
    current: list[int] = []
    gap_has_page = False
    gap_has_blank = False

    def close() -> None:
        if current:
            first, last = lines[current[0]], lines[current[-1]]
            paras.append(Paragraph(current[0], current[-1], first.start + _lead(text, first), last.end))
            current.clear()

    for i, ln in enumerate(lines):
        if ln.kind == BLANK:
            gap_has_blank = True
            continue
        if ln.kind == FURNITURE:
            gap_has_page = True
            continue
        if current:
            prev = lines[current[-1]]
            if _starts_paragraph(text, prev, ln, mode, width, gap_has_blank, gap_has_page):
                close()
        current.append(i)
        gap_has_page = gap_has_blank = False
    close()
    return paras


_SPACES = re.compile(r"[ \t\u00a0]*")


def _lead(text: str, ln: Line) -> int:
    return _SPACES.match(text, ln.start, ln.end).end() - ln.start


_CONTINUATION_WORDS = frozenset("""
the a an of to in on for by with and or from at as that which such this said section sections paragraph
paragraphs article articles clause clauses part schedule exhibit annex than under into upon between among is
are be shall will hereby not no its their each any all per
""".split())


_DESIGNATOR_NOUN = re.compile(r"(?:Section|Sections|Paragraph|Article|Part|Clause|Schedule|Exhibit|Annex)$")


def _continues(prev_text: str, line_text: str) -> bool:
    """Does a line go on with the sentence of the line before it?"""
    tail = prev_text.rstrip()
    words = tail.split()
    if not words or tail.upper() == tail:  # a heading in capitals ends its own line
        return False
    if line_text[:1].islower() or tail.endswith((",", "(", "-", "—")):
        return True
    if words[-1] in _CONTINUATION_WORDS:
        return True
    return bool(_DESIGNATOR_NOUN.match(words[-1])) and bool(re.match(r"[\d(]|[IVX]+\b", line_text))


def _starts_paragraph(text: str, prev: Line, ln: Line, mode: str, width: int,
                      gap_blank: bool, gap_page: bool) -> bool:
    if gap_blank and not gap_page:
        return True
    prev_text = text[prev.start:prev.end]
    prev_open = not _ends_clause(prev_text)
    short_prev = (prev.end - prev.start) < 0.7 * width
    if not gap_page and mode == "wrapped" and prev_open and not short_prev:
        return False  # a full line in the middle of a sentence goes on
    line_text = text[ln.start:ln.end].lstrip(" \t\u00a0")
    label = labels.starts_with_label(line_text)
    if gap_page:
        # A page break inside a sentence does not end the paragraph; a centred title line or a
        # short footer has no final period either, but is no sentence.
        if mode == "wrapped":
            return not (prev_open and not label and prev.indent < 15)
        mid_sentence = bool(re.search(r"[a-z,]\s*$", prev_text)) or line_text[:1].islower()
        return not (prev_open and not label and mid_sentence)
    if gap_blank:
        return True
    if mode == "line":
        # One paragraph a line, except where a hard break falls inside a sentence.
        return not (prev_open and not label and _continues(prev_text, line_text))
    return label and (not prev_open or short_prev)
