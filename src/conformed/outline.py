"""Paragraphs -> provision tree.

The tree is built in one pass over the paragraphs of :mod:`conformed.layout`, keeping a stack of
open provisions. Numbered headings (Article, Section 13.4, Part 1, Paragraph 13) nest by their
numbers; enumerated clauses ((a), (ii), (A), (1), a.) nest by the *sequence* of labels, which is
what tells the letter (i) after (h) from the roman (i) that opens a sub-list. Page furniture
never enters the tree. Several documents in one file (an ISDA Master Agreement with its
Schedule, annexes and exhibits) become sibling ``document`` / attachment nodes under the root.
"""
from __future__ import annotations

import re

from . import dates, labels
from .labels import Start
from .layout import FURNITURE, TEXT, Layout, Paragraph
from .tree import ATTACHMENTS, Node

SECTIONLIKE = frozenset({"section", "part", "paragraph"})
_DOC_NOUNS = re.compile(
    r"\b(AGREEMENT|SCHEDULE|ANNEX|EXHIBIT|APPENDIX|AMENDMENT|CONFIRMATION|GUARANTY|GUARANTEE|NOTE|LEASE|"
    r"PLAN|INDENTURE|CERTIFICATE|LETTER|ADDENDUM|SUPPLEMENT|RIDER|CONTRACT|MEMORANDUM|DEED|MORTGAGE|"
    r"WARRANT|CHARTER|BYLAWS|WAIVER|CONSENT)S?\b")
_MARKER = re.compile(r"\s*(?:\[?(?:execution|conformed|composite)\s+(?:version|copy)\]?|\[?form\s+of\]?|"
                     r"ex-\d+[.\d]*\b.*|exhibit\s+\d+\.\d+)\s*", re.I)
_FILING_EXHIBIT = re.compile(r"(?:EXHIBIT|Exhibit)\s+\d+\.\d+\s*$")
_TOC = re.compile(r"\s*(?:TABLE\s+OF\s+CONTENTS|Table\s+of\s+Contents|INDEX)\s*$")
_TOC_ENTRY_END = re.compile(r"(?:\.{3,}|\s)\s*(?:\d{1,3}|[ivxl]{1,5})\s*$")
_PREAMBLE = re.compile(r"\s*(?:THIS|This)\b[^.]{0,300}?\b(?:AGREEMENT|Agreement|AMENDMENT|Amendment|is\s+made|"
                       r"is\s+entered|dated|LEASE|Lease|PLAN|Plan|NOTE|Note|INDENTURE|Indenture)", re.S)
_CONNECTOR = re.compile(r"\s*(?:to|to\s+the|between|and|among|by\s+and\s+(?:between|among)|of|for|with)\s*", re.I)


def build(text: str, layout: Layout) -> Node:
    builder = _Builder(text, layout)
    toc = _table_of_contents(text, layout.paragraphs)
    for index, para in enumerate(layout.paragraphs):
        builder.feed(index, para, index in toc)
    return builder.finish()


class _Builder:
    def __init__(self, text: str, layout: Layout):
        self.text = text
        self.layout = layout
        self.root = Node("root", 0, len(text), text_start=0, body_start=0)
        self.doc: Node | None = None
        self.stack: list[Node] = []
        self.phase = "title"
        self.doc_paragraphs = 0
        self.page_tops = _page_tops(layout.lines)

    # -- feeding paragraphs ------------------------------------------------------------
    def feed(self, index: int, para: Paragraph, in_toc: bool) -> None:
        head = _head(self.text, para)
        if self._document_starts(index, para, head):
            return
        self.doc_paragraphs += 1
        if in_toc:
            self._attach(para, self._open_toc(para))
            return
        if self.phase == "title" and not self.doc.title and _is_title(head):
            self.doc.title = _one_line(head)
            self._attach(para, self.doc)
            return
        start = labels.classify(head)
        if self.phase == "title" and start is None:
            if _PREAMBLE.match(head) and len(head) > 80:
                self._enter(Node("preamble", self._line_start(para), text_start=para.start,
                                 body_start=para.start), para, under=self.doc)
                self.phase = "preamble"
                return
            self._attach(para, self.doc)
            return
        if start is None:
            self._attach_unlabelled(para, head)
            return
        handler = getattr(self, f"_on_{start.kind}", None)
        if start.kind in ATTACHMENTS:
            handler = self._on_attachment
        elif start.kind in SECTIONLIKE:
            handler = self._on_section
        handler(para, start, head)

    def finish(self) -> Node:
        self._close_to(0)
        if self.doc is not None:
            self._close(self.doc)
        if not self.root.children:
            self._new_document(0, Paragraph(0, 0, 0, 0), "document", "")
            self._close(self.doc)
        self.root.end = max((c.end for c in self.root.children), default=len(self.text))
        return self.root

    # -- documents ---------------------------------------------------------------------------
    def _document_starts(self, index: int, para: Paragraph, head: str) -> bool:
        if self.doc is None:
            self._new_document(index, para, "document", "")
            return False
        if para.end - para.start > 400 and self.phase != "signatures":
            return False  # titles and attachment headings are short
        start = labels.attachment(head[labels.lead_length(head):])
        if start and _is_heading(head) and not _FILING_EXHIBIT.match(head):
            if self.doc_paragraphs > 1 and (self.phase != "title" or self.doc.kind != "document"
                                            or self.doc.children):
                self._new_document(index, para, start.kind, start.num, title=_one_line(head))
                return True
        in_title_block = self.phase == "title" and (self.doc_paragraphs < 3 or not self.doc.title
                                                    or self._continues_title(para))
        if in_title_block or not self._page_top(para):
            return False
        if _is_title(head):
            self._new_document(index, para, "document", "", title=_one_line(head))
            return True
        if _MARKER.fullmatch(head) and index + 1 < len(self.layout.paragraphs):
            following = _head(self.text, self.layout.paragraphs[index + 1])
            heading = labels.attachment(following[labels.lead_length(following):])
            if heading and _is_heading(following):
                self._new_document(index, para, heading.kind, heading.num, title=_one_line(following))
                return True
            if _is_title(following):
                self._new_document(index, para, "document", "")
                return True
        return False

    def _new_document(self, index: int, para: Paragraph, kind: str, num: str, title: str = "") -> None:
        self._close_to(0)
        if self.doc is not None:
            self._close(self.doc)
        start = 0 if not self.root.children else self._line_start(para)
        self.doc = self.root.add(Node(kind, start, para.end, num=num, text_start=para.start,
                                      body_start=para.start, title=title, level=1))
        self.doc.dates = dates.all_iso(self.text[para.start:min(len(self.text), para.start + 1500)])
        self.phase = "title"
        self.doc_paragraphs = 1

    def _page_top(self, para: Paragraph) -> bool:
        """At the top of a page (a few short header lines allowed), or after a signature page."""
        return self.phase == "signatures" or self.page_tops[para.first]

    def _continues_title(self, para: Paragraph) -> bool:
        """'... TO' / 'between' / 'and': the title block goes on over the next line."""
        lines = self.layout.lines
        i = para.first - 1
        while i >= 0 and lines[i].kind != "text":
            i -= 1
        return i >= 0 and _CONNECTOR.fullmatch(self.text, lines[i].start, lines[i].end) is not None

    def _open_toc(self, para: Paragraph) -> Node:
        if self.stack and self.stack[-1].kind == "toc":
            return self.stack[-1]
        self._close_to(0)
        return self._enter(Node("toc", self._line_start(para), text_start=para.start, body_start=para.start),
                           para, under=self.doc, attach=False)

    # -- labelled paragraphs -----------------------------------------------------------------
    def _on_article(self, para: Paragraph, start: Start, head: str) -> None:
        self._numbered(para, start, "article", 10)

    def _on_section(self, para: Paragraph, start: Start, head: str) -> None:
        depth = start.num.count(".") + 1 if start.num[:1].isdigit() else 1
        self._numbered(para, start, start.kind, 20 + depth)

    def _numbered(self, para: Paragraph, start: Start, kind: str, level: int) -> None:
        self.phase = "body"
        while self.stack and not _contains(self.stack[-1], kind, start.num):
            self._close(self.stack.pop())
        node = Node(kind, self._line_start(para), num=start.num, label=start.raw.strip(),
                    text_start=para.start, level=level, indent=self._indent(para))
        node.caption, node.body_start = labels.caption(self.text, para.start + start.length, para.end)
        self._enter(node, para)

    def _on_clause(self, para: Paragraph, start: Start, head: str) -> None:
        placed = self._place_clause(start)
        if placed is None:  # a weak "J." that fits no list: an ordinary paragraph
            self._attach_unlabelled(para, head)
            return
        parent, style = placed
        node = Node("clause", self._line_start(para), num=start.num, label=start.raw.strip(),
                    text_start=para.start, body_start=para.start + start.length, style=style,
                    indent=self._indent(para), level=parent.level + 1)
        node.term = labels.definition_term(head[start.length:]) or ""
        node.caption, node.body_start = labels.caption(self.text, para.start + start.length, para.end)
        self._enter(node, para, under=parent)

    def _place_clause(self, start: Start) -> tuple[Node, str] | None:
        candidates = labels.styles(start.num, start.style)
        clauses = []  # the open clauses, innermost first (definitions between them are passed over)
        for node in reversed(self.stack):
            if node.kind == "definition":
                continue
            if node.kind != "clause":
                break
            clauses.append(node)
        for node in clauses:
            for style, ordinal in candidates:
                if node.style == style and ordinal == labels.ordinal(node.num, style) + 1:
                    return self._sibling_of(node), style
        firsts = [style for style, ordinal in candidates if ordinal == 1]
        if firsts:
            return self._top(), firsts[0]
        # Out of sequence: a repeated number or a skipped item or two still continue an open list;
        # a far jump ("(x)" and "(y)" in a formula under "(c)") opens a list of its own.
        for node in clauses:
            for style, ordinal in candidates:
                if node.style == style and 0 <= ordinal - labels.ordinal(node.num, style) <= 3:
                    return self._sibling_of(node), style
        if start.style == "dot":
            return None
        return self._top(), candidates[0][0]

    def _sibling_of(self, node: Node) -> Node:
        while self.stack and self.stack[-1] is not node:
            self._close(self.stack.pop())
        self._close(self.stack.pop())
        return self._top()

    def _on_definition(self, para: Paragraph, start: Start, head: str) -> None:
        term = start.num
        # A definition belongs to the provision it follows at clause level one (the terms an ISDA
        # Part 1(g) defines after its items (i) and (ii) are part of (g)); deeper clauses and
        # earlier definitions are closed by it.
        while self.stack:
            top = self.stack[-1]
            if top.term and _same_term(top.term, term):  # the same term, for the other party
                self._attach(para, top)
                return
            if top.kind in SECTIONLIKE | {"article", "recitals"} or (
                    top.kind == "clause" and top.parent is not None
                    and (top.parent.kind in SECTIONLIKE | {"article", "document"} or _is_definition_list(self.text, top))):
                break
            self._close(self.stack.pop())
        node = Node("definition", self._line_start(para), term=term, text_start=para.start,
                    body_start=para.start, indent=self._indent(para), level=self._top().level + 1)
        self._enter(node, para)

    def _on_recitals(self, para: Paragraph, start: Start, head: str) -> None:
        self._close_to(0)
        self._enter(Node("recitals", self._line_start(para), text_start=para.start, body_start=para.start),
                    para, under=self.doc)
        self.phase = "recitals"

    def _on_whereas(self, para: Paragraph, start: Start, head: str) -> None:
        if not (self.stack and self.stack[0].kind == "recitals"):
            self._close_to(0)
            self._enter(Node("recitals", self._line_start(para), text_start=para.start,
                             body_start=para.start), para, under=self.doc, attach=False)
        self._close_to(1)
        self._enter(Node("recital", self._line_start(para), text_start=para.start, body_start=para.start),
                    para)
        self.phase = "recitals"

    def _on_now_therefore(self, para: Paragraph, start: Start, head: str) -> None:
        self._close_to(0)
        self._attach(para, self.doc)
        self.phase = "body"

    def _on_witness(self, para: Paragraph, start: Start, head: str) -> None:
        self._close_to(0)
        self._enter(Node("signatures", self._line_start(para), text_start=para.start, body_start=para.start),
                    para, under=self.doc)
        self.phase = "signatures"

    def _on_attachment(self, para: Paragraph, start: Start, head: str) -> None:
        self._attach_unlabelled(para, head)  # "Schedule I attached hereto ..." inside a sentence

    # -- unlabelled paragraphs ---------------------------------------------------------------
    def _attach_unlabelled(self, para: Paragraph, head: str) -> None:
        if self.layout.mode == "wrapped":
            indent = self._indent(para)
            while self.stack and self.stack[-1].kind == "clause" and indent + 1 < self.stack[-1].indent:
                self._close(self.stack.pop())
        self._attach(para, self._top())

    # -- stack plumbing ----------------------------------------------------------------------
    def _top(self) -> Node:
        return self.stack[-1] if self.stack else self.doc

    def _enter(self, node: Node, para: Paragraph, under: Node | None = None, attach: bool = True) -> Node:
        parent = under or self._top()
        if parent is self.doc:
            self._close_to(0)
        parent.add(node)
        self.stack.append(node)
        self._extend(node, para.end)
        return node

    def _attach(self, para: Paragraph, node: Node) -> None:
        self._extend(node, para.end)

    def _extend(self, node: Node, end: int) -> None:
        node.end = max(node.end, end)
        parent = node.parent
        while parent is not None and parent.end < end:
            parent.end = end
            parent = parent.parent

    def _close_to(self, depth: int) -> None:
        while len(self.stack) > depth:
            self._close(self.stack.pop())

    def _close(self, node: Node) -> None:
        if not node.body_start:
            node.body_start = node.text_start

    def _line_start(self, para: Paragraph) -> int:
        return self.layout.lines[para.first].start

    def _indent(self, para: Paragraph) -> int:
        return self.layout.lines[para.first].indent


# -- helpers ---------------------------------------------------------------------------------
def _page_tops(lines: list) -> list[bool]:
    """For each line: does it stand at the top of a page, with at most three short (running
    header) lines between it and the page break or the start of the file?"""
    tops = []
    headers, short = 0, True
    for line in lines:
        tops.append(short and headers <= 3)
        if line.kind == FURNITURE:
            headers, short = 0, True
        elif line.kind == TEXT:
            headers += 1
            short = short and line.end - line.start <= 100
    return tops


def _head(text: str, para: Paragraph) -> str:
    return text[para.start:min(para.end, para.start + 400)]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def _contains(top: Node, kind: str, num: str) -> bool:
    if top.kind == "article":
        if kind == "article":
            return False
        major = num.split(".")[0]
        if "." not in num:
            return True
        value = labels.roman_value(top.num) if not top.num.isdigit() else int(top.num)
        return major.isdigit() and value == int(major)
    if top.kind in SECTIONLIKE and kind != "article":
        return num.startswith(top.num + ".") or (top.kind != kind and kind == "section" and top.kind == "part"
                                                 and num.split(".")[0] == top.num and "." in num)
    return False


def _same_term(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _is_definition_list(text: str, node: Node) -> bool:
    """A clause whose text so far ends with a colon ('the following terms have the meanings:')."""
    if any(c.kind == "definition" for c in node.children):
        return True
    tail = text[max(node.text_start, node.end - 3):node.end].rstrip(" *_\"”")
    return tail.endswith(":")


def _is_heading(head: str) -> bool:
    """A short line of its own ("EXHIBIT A"), judged on the paragraph's first line."""
    first = head.strip().splitlines()[0] if head.strip() else ""
    return len(first) < 120 and len(first.split()) <= 12


def _is_title(head: str) -> bool:
    """A short title line in capitals naming a kind of document ('LIEN ANNEX to the ...')."""
    if len(head) > 260:
        return False
    words = re.sub(r"[*_#|]", " ", head).split()
    if len(words) < 1 or not all(w.isupper() or not any(c.isalpha() for c in w) for w in words[:2]):
        return False
    first_line = " ".join(words[:10])
    if labels.classify(head) is not None and not (re.search(r"\b(?:TO|OF)\s+THE\b", first_line)
                                                  and not re.search(r"\.\s+\S", head) and len(head) < 100):
        return False  # "PARAGRAPH 13 TO THE CREDIT SUPPORT ANNEX" is a title; "Part 1." is not
    return bool(_DOC_NOUNS.search(first_line))


def _table_of_contents(text: str, paras: list[Paragraph]) -> set[int]:
    """Indices of the paragraphs of a table of contents (its entries look like headings)."""
    found: set[int] = set()
    for i, para in enumerate(paras[:400]):
        if not _TOC.fullmatch(text, para.start, para.end):
            continue
        j = i + 1
        while j < len(paras) and paras[j].end - paras[j].start < 160:
            j += 1
        # give back the run of headings right before the first long paragraph: the body starts there
        k = j
        while k > i + 1 and not _TOC_ENTRY_END.search(text, paras[k - 1].start, paras[k - 1].end):
            k -= 1
        found.update(range(i, k))
        break
    return found
