"""Stage 3: an amendment -> its operative instructions (head + payload) and the rest.

The amendment is walked paragraph by paragraph, keeping the outline of its own numbering
(Section 3, item (a), sub-item (i)) so that every instruction gets an id such as ``3(a)`` and so
that a payload ends where the next instruction or section begins. A sentence is a *candidate*
instruction when it carries amending language ("is hereby amended", "shall be deleted", "by
inserting"); what it means is for the grammar to say, and a candidate the grammar cannot read
is reported, never dropped. Recitals, representations, counterparts and the like are kept as
non-operative passages so that ``validate`` can say what each part of the amendment is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import labels, quotes
from .document import Document
from .labels import Start
from .layout import Paragraph
from .payload import Payload, collect
from .sentences import is_abbreviation
from .tree import ATTACHMENTS

# "extended" and "renewed": "The Term of the Lease is hereby extended to March 31, 2022" changes the
# lease although it names no words; it must be reported (not understood), never passed over.
_VERBS = (r"amended|deleted|replaced|restated|inserted|added|removed|renumbered|relettered|redesignated|"
          r"substituted|changed|struck|stricken|modified|eliminated|rescinded|extended|renewed")
_TRIGGER = re.compile(
    rf"\b(?:is|are|be|been|shall|will|hereby)\b(?:[\s,]+[\w-]+){{0,5}}?[\s,]+(?:{_VERBS})\b"
    r"|\b(?:by|to)\s+(?:the\s+)?(?:deleting|inserting|adding|replacing|substituting|striking|amending|restating|"
    r"renumbering|relettering|redesignating|removing|addition|deletion|insertion|delete|insert|add|replace|"
    r"substitute|strike|restate|renumber|reletter|redesignate|remove)\b"
    r"|\bto\s+amend\b[^.]{0,200}?\bas\s+follows\b"
    r"|\ball\s+references\b[^«]{0,120}«"
    r"|\bshall\s+mean\s+and\s+be\s+(?:a\s+)?references?\s+to\s+«"  # with quoted words: a new word, not boilerplate
    r"|\bdeemed\s+to\s+(?:be\s+references|have\s+been\s+(?:deleted|inserted|replaced|amended|added|restated))",
    re.I)
# Amending words that do not amend: "except as amended hereby", "as amended from time to time".
_EXCLUDE = re.compile(
    r"\bexcept\s+as\s+(?:expressly\s+|otherwise\s+|specifically\s+)?(?:amended|modified|provided|set\s+forth)\b[^,.;]*"
    r"|\bas\s+(?:so\s+|hereby\s+|heretofore\s+|previously\s+)?(?:amended|modified|supplemented|restated|extended|renewed)"
    r"(?:[\s,]+(?:amended|modified|supplemented|restated|hereby|by\s+this\s+\w+|and\s+in\s+effect|or))*"
    r"|\b(?:may|might)\s+(?:be|hereafter\s+be|from\s+time\s+to\s+time\s+be)\s+(?:amended|modified)[\w\s,]*"
    r"|\b(?:amended|modified|supplemented|restated)[\w\s,]*\bfrom\s+time\s+to\s+time\b"
    r"|\bshall\s+(?:remain|continue)\s+in\s+full\s+force\b"
    # a recital of what was asked for: "the Borrower has requested that the Credit Agreement be
    # further amended as set forth below"
    r"|\brequested\s+that\b[^.;«]{0,200}?\bbe\s+(?:further\s+)?(?:amended|modified)\b", re.I)
# A head that ends the paragraph with "... replaced with the following" announces its payload even
# without a colon.
_ANNOUNCES = re.compile(r"\b(?:the\s+following(?:\s+\w+){0,3}|as\s+follows)[\s*_|]*$", re.I)
_GERUND = re.compile(r"[\s*_|]*(?:by\s+)?(?:deleting|inserting|adding|replacing|substituting|striking|amending|"
                     r"restating|renumbering|relettering|redesignating|removing)\b", re.I)
_NON_OPERATIVE = (
    ("consent", r"^consent|\bconsent\s+to\b|\bwaiver\b"),
    ("representations", r"\brepresentations?\b|\bwarrant(?:y|ies)\b"), ("counterparts", r"counterpart"),
    ("governing law", r"governing\s+law|choice\s+of\s+law"), ("ratification", r"ratif|no\s+other\s+amend|effect\s+on"),
    ("conditions", r"condition|effective|effectiveness"),
    ("definitions", r"definition|defined\s+terms|capitalized"), ("expenses", r"expense|cost"),
    ("miscellaneous", r"miscellaneous|general|headings|entire\s+agreement|severab|successors"),
)


@dataclass(frozen=True)
class InstructionText:
    """An operative sentence as found: its head, its payload and where it sits."""

    id: str
    head: str
    start: int  # offset of the head in the amendment's text
    end: int
    payload: Payload | None = None
    intro: InstructionText | None = None  # "Section 13 ... is hereby amended by:" for items


@dataclass(frozen=True)
class Passage:
    """A part of the amendment that changes no words: a section, or the whole letter."""

    id: str
    caption: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Attachment:
    kind: str
    num: str
    title: str
    start: int  # where the attached text begins (its own caption lines excluded)
    end: int


@dataclass
class Extraction:
    instructions: list[InstructionText] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    operative_end: int = 0


def extract(doc: Document) -> Extraction:
    return _Walker(doc).run()


def is_candidate(masked: str) -> bool:
    """Does a sentence (quotations masked) carry amending language?"""
    cleaned = _EXCLUDE.sub(" ", masked)
    return bool(_TRIGGER.search(cleaned))


class _Walker:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.paras = doc.layout.paragraphs
        self.out = Extraction()
        self.levels: list[tuple[str, str]] = []  # the amendment's own outline: (style, number)
        self.section: tuple[str, str, int] | None = None  # (id, caption, start)
        self.section_found = False
        self.intro: InstructionText | None = None
        self.intro_depth = -1

    def run(self) -> Extraction:
        end = self._operative_end()
        self.out.operative_end = end
        i = 0
        while i < len(self.paras) and self.paras[i].start < end:
            i = self._paragraph(i, self.paras[i].start)
        self._close_section(end)
        if not self.out.instructions and not self.out.passages:
            body = self.paras[0].start if self.paras else 0
            self.out.passages.append(Passage("-", "", body, end, "no amending instruction"))
        self.out.attachments = self._attachments(end)
        _unique_ids(self.out.instructions)
        return self.out

    # -- the operative part ------------------------------------------------------------------
    def _operative_end(self) -> int:
        for para in self.paras:
            start = labels.classify(self.text[para.start:para.start + 80])
            if start is not None and start.kind == "witness":
                return para.start
        return len(self.text)

    def _paragraph(self, i: int, pos: int) -> int:
        """Handle paragraph ``i`` from ``pos``; return the index of the next paragraph to read."""
        para = self.paras[i]
        pos = self._consume_labels(pos, para.end)
        if not self.text[pos:para.end].strip(" \t\r\n|*_-"):
            return i + 1
        head = self.text[pos:pos + 20]
        if head.lstrip().startswith(("WHEREAS", "Whereas")):
            return i + 1
        masked, _ = quotes.mask(self.text, pos, para.end)
        for a, b, colon in _segments(masked):
            a += len(masked[a:b]) - len(masked[a:b].lstrip())
            seg_start, seg_end = pos + a, pos + b
            segment = masked[a:b]
            gerund = self.intro is not None and _GERUND.match(segment)
            if not (is_candidate(segment) or gerund):
                continue
            item = InstructionText(self._id(), self.text[seg_start:seg_end].strip(), seg_start, seg_end,
                                   intro=self.intro if self._under_intro() else None)
            if not colon and not (b >= len(masked.rstrip()) and _ANNOUNCES.search(segment)):
                self._emit(item)
                continue
            after = seg_end + 1 if colon else seg_end
            if self._items_follow(i, after):
                self.intro, self.intro_depth = item, len(self.levels)
                rest = self.text[after:para.end]
                return self._paragraph(i, after) if rest.strip() else i + 1
            payload, nxt = collect(self.doc, after, self.paras, i, self._stops)
            self._emit(InstructionText(item.id, item.head, item.start, item.end, payload, item.intro))
            return nxt
        return i + 1

    def _emit(self, item: InstructionText) -> None:
        self.out.instructions.append(item)
        self.section_found = True

    # -- the amendment's own numbering ---------------------------------------------------------
    def _consume_labels(self, pos: int, end: int) -> int:
        while True:
            lead = labels.lead_length(self.text[pos:min(end, pos + 40)])
            start = labels.classify(self.text[pos:min(end, pos + 400)])
            if start is None or start.kind not in ("section", "article", "part", "paragraph", "clause"):
                return pos + lead if self.text[pos:pos + lead].strip(" \t|*_") == "" else pos
            if start.kind == "clause" and not self._plausible_item(start):
                return pos
            caption, body = ("", pos + start.length)
            if start.kind != "clause":
                caption, body = labels.caption(self.text, pos + start.length, end)
                if caption and is_candidate(quotes.mask(self.text, pos + start.length, body)[0]):
                    caption, body = "", pos + start.length
                if not caption and start.raw[:1].isalpha() and not start.raw.rstrip().endswith((".", ":")):
                    return pos  # "Part 5 (Other Provisions) of the Schedule is amended": a target
            self._place(start, pos)
            pos = body
            if caption:
                self._set_caption(caption)

    def _plausible_item(self, start: Start) -> bool:
        if start.style == "paren":
            return True
        return any(o == 1 for _, o in labels.styles(start.num, start.style)) or self._successor(start) is not None

    def _place(self, start: Start, pos: int) -> None:
        if start.kind != "clause":
            self._close_section(pos)
            self.levels = [("section", start.num)]
            self.section = (start.num, "", pos)
            self.section_found = False
            self.intro = None
            return
        depth = self._successor(start)
        if depth is not None:
            style = self.levels[depth][0]
            self.levels = self.levels[:depth] + [(style, start.num)]
        else:
            style = labels.styles(start.num, start.style)[0][0]
            self.levels.append((style, start.num))
        if self.intro is not None and len(self.levels) <= self.intro_depth:
            self.intro = None  # an item at the intro's own level: the intro's list is over

    def _successor(self, start: Start) -> int | None:
        """The depth of the open level this label continues, if any."""
        for depth in range(len(self.levels) - 1, -1, -1):
            style, num = self.levels[depth]
            if style == "section":
                continue
            for cand, value in labels.styles(start.num, start.style):
                if cand == style and value == labels.ordinal(num, style) + 1:
                    return depth
        return None

    def _set_caption(self, caption: str) -> None:
        if self.section is not None and not self.section[1]:
            self.section = (self.section[0], caption, self.section[2])

    def _close_section(self, end: int) -> None:
        if self.section is not None and not self.section_found:
            num, caption, start = self.section
            self.out.passages.append(Passage(num, caption, start, end, _reason(caption)))
        self.section = None

    def _id(self) -> str:
        if not self.levels:
            return "1" if not self.out.instructions else str(len(self.out.instructions) + 1)
        first, *rest = self.levels
        return first[1] + "".join(f"({num})" for _, num in rest)

    def _under_intro(self) -> bool:
        return self.intro is not None and len(self.levels) >= self.intro_depth

    # -- where a payload ends ------------------------------------------------------------------
    def _items_follow(self, i: int, after: int) -> bool:
        """After "... is hereby amended by:" come items ("(a) inserting ..."), not new text."""
        para = self.paras[i]
        if self.text[after:para.end].strip(" \t\r\n|*_"):
            start_at = after
        elif i + 1 < len(self.paras):
            start_at, para = self.paras[i + 1].start, self.paras[i + 1]
        else:
            return False
        lead = labels.lead_length(self.text[start_at:start_at + 40])
        start = labels.classify(self.text[start_at:start_at + 400])
        body = start_at + (start.length if start and start.kind in ("clause", "section") else lead)
        caption, after_caption = labels.caption(self.text, body, para.end)
        if caption and not is_candidate(quotes.mask(self.text, body, after_caption)[0]):
            body = after_caption  # "(a) AMENDMENT TO DEFINITION OF "EBITDA". The definition ..."
        masked = quotes.mask(self.text, body, min(para.end, body + 600))[0]
        first_sentence = next(iter(_segments(masked)), (0, len(masked), False))
        sentence = masked[first_sentence[0]:first_sentence[1]]
        return bool(_GERUND.match(sentence)) or is_candidate(sentence)

    def _stops(self, para: Paragraph) -> bool:
        head = self.text[para.start:min(para.end, para.start + 400)]
        start = labels.classify(head)
        if start is None:
            return False
        if start.kind == "witness":
            return True
        if start.kind in ("section", "article"):
            return self.section is not None and _next_section(self.section[0], start.num)
        if start.kind == "clause" and self._successor(start) is not None:
            masked = quotes.mask(head, start.length)[0]
            return bool(_GERUND.match(masked) or is_candidate(masked))
        return False

    # -- attachments -------------------------------------------------------------------------
    def _attachments(self, end: int) -> list[Attachment]:
        out = []
        later = [node for node in self.doc.documents if node.start >= end]
        for i, node in enumerate(later):
            if node.kind in ATTACHMENTS:
                out.append(Attachment(node.kind, node.num, node.title, _attached_text_start(self.doc, node),
                                      _attachment_end(self.doc, node, later[i + 1:])))
        return out


def _segments(masked: str):
    """Split a paragraph (quotations masked) into sentences, and heads ending with a colon."""
    depth = 0
    begin = 0
    n = len(masked)
    i = 0
    while i < n:
        ch = masked[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ":" and depth == 0:
            yield begin, i, True
            return
        elif ch in ".!?" and depth == 0 and i + 1 < n and masked[i + 1].isspace():
            j = i + 1
            while j < n and masked[j].isspace():
                j += 1
            if j < n and (masked[j].isupper() or masked[j] in "«(") and not is_abbreviation(masked, begin, i):
                yield begin, i + 1, False
                begin = j
                i = j
                continue
        i += 1
    if masked[begin:].strip():
        yield begin, n, False


def _next_section(current: str, new: str) -> bool:
    """Is ``new`` the amendment's next section after ``current`` ("2" after "1", "1.3" after "1.2")?"""
    a, b = current.split("."), new.split(".")
    if not all(p.isdigit() for p in a + b):
        return current.lower() != new.lower()
    a_n, b_n = [int(p) for p in a], [int(p) for p in b]
    if len(b_n) == 1:
        return b_n[0] == a_n[0] + 1
    return b_n[:-1] == a_n[:-1] and b_n[-1] == a_n[-1] + 1 or b_n[0] == a_n[0] + 1 and b_n[-1] == 1


def _reason(caption: str) -> str:
    for reason, pattern in _NON_OPERATIVE:
        if re.search(pattern, caption, re.I):
            return reason
    return "no amending instruction"


def _attachment_end(doc: Document, node, following) -> int:
    """Where an attachment ends. "Annex A" that holds a whole agreement (an amended and restated
    agreement, a conformed copy) runs on through that agreement and its own schedules and
    exhibits, up to the amendment's next attachment of the same kind ("Annex B")."""
    if not following or not (following[0].kind == "document" or _holds_agreement(doc, node)):
        return node.end
    end = node.end
    for other in following:
        if other.kind == node.kind and other.num != node.num:
            break
        end = other.end
    return end


def _holds_agreement(doc: Document, node) -> bool:
    """An attachment whose title block names an agreement and which has articles or sections of
    its own: a whole agreement, not a schedule to one."""
    paras = [p for p in doc.layout.paragraphs if node.start <= p.start < node.end][:4]
    titled = any("AGREEMENT" in doc.text[p.start:p.end] and doc.text[p.start:p.end].isupper() for p in paras)
    return titled and any(child.kind in ("article", "section") for child in node.children)


def _attached_text_start(doc: Document, node) -> int:
    return _line_start(doc.text, _attached_title_start(doc, node))


def _line_start(text: str, pos: int) -> int:
    """The start of ``pos``'s line when only indentation precedes it (an attached agreement keeps
    its centred title and indented first lines)."""
    begin = text.rfind("\n", 0, pos) + 1
    return begin if not text[begin:pos].strip() else pos


def _attached_title_start(doc: Document, node) -> int:
    """Skip the attachment's own caption ("EXHIBIT A" / "AMENDED AND RESTATED SCHEDULE") when the
    attached document then opens with its own title block ("EXECUTION COPY", a title)."""
    paras = [p for p in doc.layout.paragraphs if node.start <= p.start < node.end]
    if len(paras) < 3:
        return paras[-1].start if len(paras) == 2 else node.text_start
    second, third = doc.text[paras[1].start:paras[1].end], doc.text[paras[2].start:paras[2].end]
    marker = re.fullmatch(r"\s*\[?(?:execution|conformed)\s+(?:version|copy)\]?\s*", third, re.I)
    if second.isupper() and len(second) < 100 and (marker or third.strip() == second.strip()):
        return paras[2].start
    return paras[1].start


def _unique_ids(items: list[InstructionText]) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        count = seen.get(item.id, 0) + 1
        seen[item.id] = count
        if count > 1:
            items[index] = InstructionText(f"{item.id}#{count}", item.head, item.start, item.end,
                                           item.payload, item.intro)
