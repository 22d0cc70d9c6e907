"""Word in, Word out: reading a .docx agreement, the conformed copy written into the base's own
file, and the redline as native Word tracked changes (accept-all and reject-all checked)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

import conformed
from conformed import api, reader
from conformed.cli import main
from conformed.errors import InputError
from conformed.formats import docx as wordfmt
from conformed.runs import runs as runs_of

from .conftest import AGREEMENT, AMENDMENT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

AMENDMENT_2 = """\
                               AMENDMENT NO. 2 TO
                          SECURITIES EXCHANGE AGREEMENT

     This AMENDMENT NO. 2 TO SECURITIES EXCHANGE AGREEMENT (this "AMENDMENT")
dated as of June 30, 2003, is by and among iBasis, Inc., a Delaware
corporation (the "COMPANY"), the Symphony Funds identified on the signature
pages hereto and U.S. Bank National Association as Collateral Agent.

     WHEREAS, the parties are parties to a Securities Exchange Agreement dated
as of January 30, 2003 (as amended by Amendment No. 1 thereto, the "SYMPHONY
EXCHANGE AGREEMENT");

     NOW, THEREFORE, the parties hereby agree as follows:

     Section 1.   AMENDMENT TO SECTION 13.1. Section 13.1 of the Symphony
Exchange Agreement is hereby amended by deleting the words "by hand, by
overnight courier or by facsimile" and inserting in lieu thereof the words
"by hand or by overnight courier".

     Section 2.   AMENDMENT TO SECTION 13.4. Section 13.4 of the Symphony
Exchange Agreement is hereby amended by deleting the words "executed copy"
and inserting in lieu thereof the words "executed original".

     Section 3.   AMENDMENT TO SECTION 9. Section 9 of the Symphony Exchange
Agreement is hereby amended by deleting clause (b) thereof in its entirety.

     Section 4.   GOVERNING LAW. This Amendment shall be governed by the laws
of the Commonwealth of Massachusetts.
"""


# ------------------------------------------------------------------------------ the fixture
def _agreement_blocks() -> list[str]:
    """The sample agreement's paragraphs, each on one line, without page marks and page numbers."""
    out = []
    for chunk in re.split(r"\n\s*\n", AGREEMENT.read_text()):
        lines = [ln.strip() for ln in chunk.splitlines()
                 if ln.strip() and ln.strip() != "<Page>" and not re.fullmatch(r"-\d+-", ln.strip())]
        if lines:
            out.append(lines)
    return out


def _set(el, tag: str, val: str):
    child = OxmlElement(tag)
    child.set(qn("w:val"), val)
    el.append(child)
    return child


def _add_letter_list(document) -> str:
    """A numbering definition "(a)", "(b)", ... followed by a space; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "lowerLetter"), ("w:suff", "space"), ("w:lvlText", "(%1)")):
        _set(lvl, tag, val)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    _set(num, "w:abstractNumId", "90")
    numbering.append(num)
    return "90"


def build_agreement_docx(path: Path) -> Path:
    """The sample agreement as a Word document: headings in a heading style, the clauses of
    Section 9 as an automatically lettered list, a defined term in bold, Schedule I as a table."""
    document = docx.Document()
    num_id = _add_letter_list(document)
    for lines in _agreement_blocks():
        joined = " ".join(lines)
        if joined in ("RECITALS", "SCHEDULE I"):
            document.add_heading(joined, level=1)
        elif lines[0].startswith("Symphony Fund"):
            table = document.add_table(rows=0, cols=2)
            for line in lines:
                if set(line.replace(" ", "")) <= {"-"}:
                    continue
                cells = re.split(r" {2,}", line)
                row = table.add_row().cells
                row[0].text, row[1].text = cells[0], cells[2] if len(cells) > 2 else cells[-1]
        elif m := re.match(r"\(([a-d])\) (.*)", joined):
            p = document.add_paragraph(m.group(2))
            numpr = OxmlElement("w:numPr")
            _set(numpr, "w:ilvl", "0")
            _set(numpr, "w:numId", num_id)
            p._p.get_or_add_pPr().append(numpr)
        elif joined.startswith('"AFFILIATE"'):
            p = document.add_paragraph()
            p.add_run('"AFFILIATE"').bold = True
            p.add_run(joined[len('"AFFILIATE"'):])
        else:
            document.add_paragraph(joined)
    document.save(path)
    return path


@pytest.fixture(scope="module")
def docx_base(tmp_path_factory) -> Path:
    return build_agreement_docx(tmp_path_factory.mktemp("docx") / "agreement.docx")


@pytest.fixture()
def amendment_2(tmp_path) -> Path:
    path = tmp_path / "amendment-2.txt"
    path.write_text(AMENDMENT_2)
    return path


# ---------------------------------------------------------------------------- XML helpers
def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def _body(data: bytes):
    return etree.fromstring(_document_xml(data)).find(f"{W}body")


COMMENT_MARKUP = {f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference"}


def _paragraph_text(p, accept: bool) -> str:
    out = []

    def walk(el):
        for child in el:
            tag = child.tag
            if tag == f"{W}pPr" or tag == (f"{W}del" if accept else f"{W}ins") or tag in COMMENT_MARKUP:
                continue
            if tag == f"{W}t" or (tag == f"{W}delText" and not accept):
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag == f"{W}br":
                out.append("\n")
            else:
                walk(child)
    walk(p)
    return "".join(out)


def resolve_all(data: bytes, accept: bool) -> str:
    """The text of a tracked-changes document after accept-all (or reject-all): deletions dropped
    and insertions kept (or the reverse); a paragraph whose mark is dropped joins the next one."""
    paragraphs = list(_body(data).iter(f"{W}p"))
    text = ""
    for i, p in enumerate(paragraphs):
        text += _paragraph_text(p, accept)
        mark = p.find(f"{W}pPr/{W}rPr/{W}{'del' if accept else 'ins'}")
        if i < len(paragraphs) - 1 and mark is None:
            text += "\n\n"
    return text


def _authors(data: bytes) -> set[tuple[str, str | None]]:
    body = _body(data)
    return {(el.get(f"{W}author"), el.get(f"{W}date")) for el in body.iter(f"{W}ins", f"{W}del")}


def _comments(data: bytes) -> dict[str, tuple[str, str | None, str]]:
    """The file's comments: id -> (author, date, text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read("word/comments.xml"))
    return {c.get(f"{W}id"): (c.get(f"{W}author"), c.get(f"{W}date"), "".join(t.text or "" for t in c.iter(f"{W}t")))
            for c in root.iter(f"{W}comment")}


def _check_comment_anchors(data: bytes) -> dict[str, tuple[str, str | None, str]]:
    """Every comment is anchored once, on a tracked change by the comment's author and of its
    date, and its reference run is outside every w:ins/w:del (accept or reject all keeps it)."""
    comments, body = _comments(data), _body(data)
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(el.get(f"{W}id") for el in body.iter(f"{W}{tag}")) == sorted(comments), tag
    for start in body.iter(f"{W}commentRangeStart"):
        change = start.getnext()
        author, date, _ = comments[start.get(f"{W}id")]
        if change is not None and change.tag in (f"{W}ins", f"{W}del"):
            assert (change.get(f"{W}author"), change.get(f"{W}date")) == (author, date)
        else:  # a change of paragraph marks only: a point comment at the end of the paragraph
            mark = start.getparent().find(f"{W}pPr/{W}rPr")
            assert any((m.get(f"{W}author"), m.get(f"{W}date")) == (author, date) for m in mark)
    for ref in body.iter(f"{W}commentReference"):
        assert not any(a.tag in (f"{W}ins", f"{W}del") for a in ref.iterancestors())
    return comments


def _blocks(text: str) -> list[str]:
    """A conformed text's blocks as a Word document holds them (one paragraph per line)."""
    return [b for b in re.split(r"[ \t]*\n\s*", text) if b.strip()]


# ---------------------------------------------------------------------------- (a) reading
def test_reading_gives_paragraphs_rows_and_numbers_as_blocks(docx_base):
    source = reader.read(docx_base)
    assert source.fmt == "docx" and not source.printed_lines
    blocks = source.text.split("\n\n")
    assert "RECITALS" in blocks and "SCHEDULE I" in blocks
    assert all("\n" not in b for b in blocks)
    # the bold defined term is one block with the rest of its paragraph
    assert any(b.startswith('"AFFILIATE" of any Person means') for b in blocks)
    # automatic letters are rendered as the block's prefix
    lettered = [b for b in blocks if re.match(r"\([a-d]\) the ", b)]
    assert [b[:4] for b in lettered] == ["(a) ", "(b) ", "(c) ", "(d) "]
    # a table row is one block, its cells joined by a tab
    assert "Rhapsody Fund, LP\t$4,530,000" in blocks and blocks[-1] == "Total\t$15,100,000"
    # the origin maps every block to its span and its element
    origin = source.origin
    assert [source.text[b.start:b.end] for b in origin.blocks] == blocks
    assert {b.kind for b in origin.blocks} == {"p", "row"}
    assert [b.prefix for b in origin.blocks if b.prefix] == ["(a) ", "(b) ", "(c) ", "(d) "]


def test_line_breaks_become_spaces_and_tabs_stay(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("first line")
    p.add_run().add_break()
    p.add_run("second\tcolumn")
    document.add_paragraph("")  # an empty paragraph is not a block
    document.add_paragraph("next")
    path = tmp_path / "breaks.docx"
    document.save(path)
    assert reader.read(path).text == "first line second\tcolumn\n\nnext"


def test_numbering_counts_levels_and_formats(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "97")
    for ilvl, fmt, text in ((0, "decimal", "%1."), (1, "lowerRoman", "(%2)"), (2, "upperLetter", "%1.%3")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        _set(lvl, "w:start", "1")
        _set(lvl, "w:numFmt", fmt)
        _set(lvl, "w:lvlText", text)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "97")
    _set(num, "w:abstractNumId", "97")
    numbering.append(num)
    for ilvl, words in ((0, "one"), (1, "sub"), (1, "sub"), (1, "sub"), (1, "sub"), (0, "two"), (1, "sub"),
                        (2, "deep")):
        p = document.add_paragraph(words)
        numpr = OxmlElement("w:numPr")
        _set(numpr, "w:ilvl", str(ilvl))
        _set(numpr, "w:numId", "97")
        p._p.get_or_add_pPr().append(numpr)
    path = tmp_path / "numbers.docx"
    document.save(path)
    assert reader.read(path).text.split("\n\n") == [
        "1.\tone", "(i)\tsub", "(ii)\tsub", "(iii)\tsub", "(iv)\tsub", "2.\ttwo", "(i)\tsub", "2.A\tdeep"]


# ------------------------------------------------------------------- (b) the conformed copy
def _paragraph_xml(data: bytes) -> dict[str, list[bytes]]:
    """Each body paragraph's XML, by its text."""
    out: dict[str, list[bytes]] = {}
    for p in _body(data).iter(f"{W}p"):
        out.setdefault(_paragraph_text(p, True), []).append(etree.tostring(p))
    return out


def test_conformed_copy_of_a_docx_keeps_untouched_paragraphs_exactly(docx_base):
    result = conformed.consolidate(docx_base, [AMENDMENT])
    assert not result.errors
    assert "executed copy thereof has been provided" in result.text
    data = api.conformed_copy(result)
    assert data.startswith(b"PK")
    back = wordfmt.read("conformed.docx", data)
    assert back.text.split("\n\n") == _blocks(result.text)

    base_data = docx_base.read_bytes()
    base_xml = _paragraph_xml(base_data)
    out_xml = _paragraph_xml(data)
    touched = ("13.4 AMENDMENTS", '"FISCAL AGENCY AGREEMENT"', '"NOTES"', '"WARRANT AGREEMENT"', "WHEREAS, the Symphony Funds wish")
    untouched = [t for t in base_xml if t and not t.startswith(touched)]
    assert len(untouched) > 60
    for text in untouched:
        assert out_xml[text] == base_xml[text], text
    # the bold defined term and the lettered clauses come through as they were
    affiliate = next(t for t in base_xml if t.startswith('"AFFILIATE"'))
    assert b"<w:b/>" in out_xml[affiliate][0]
    lettered = next(t for t in base_xml if t.startswith("the Borrower fails to pay any principal"))
    assert b"w:numId" in out_xml[lettered][0]
    # a changed paragraph keeps its style; a table survives
    changed = next(p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("13.4 AMENDMENTS"))
    assert changed.style.name == "Normal"
    assert len(docx.Document(io.BytesIO(data)).tables) == 1


def test_a_deleted_lettered_clause_keeps_the_letters_of_the_rest(docx_base, amendment_2):
    result = conformed.consolidate(docx_base, [AMENDMENT, amendment_2])
    assert not result.errors
    assert "(b) the Borrower fails to pay any interest" not in result.text
    data = api.conformed_copy(result)
    back = wordfmt.read("conformed.docx", data)
    assert back.text.split("\n\n") == _blocks(result.text)
    assert "\n\n(c) the Company, the Borrower or the Guarantor fails" in back.text


def test_conformed_copy_of_a_text_base_as_docx():
    result = conformed.consolidate(AGREEMENT, [AMENDMENT])
    data = api.conformed_copy(result, "docx")
    back = wordfmt.read("conformed.docx", data)
    assert "executed copy thereof has been provided to the Collateral Agent" in back.text
    assert "13.4 AMENDMENTS AND WAIVERS. With the written consent of the Required Holders" in back.text
    # Schedule I keeps its lines
    table = next(p for p in docx.Document(io.BytesIO(data)).paragraphs if "Rhapsody Fund, LP" in p.text)
    assert "Symphony Fund" in table.text and "\n" in table.text


def _formatted_base(path: Path) -> Path:
    """A paragraph with a bold defined term and an italic phrase between plain words."""
    document = docx.Document()
    document.add_paragraph("Section 1. DEFINITIONS.")
    p = document.add_paragraph()
    p.add_run("1.1 TERMS. ")
    p.add_run("\u201cRequired Holders\u201d").bold = True
    p.add_run(" means the holders of a majority of the notes (the ")
    p.add_run("\u201cNotes\u201d").bold = True
    p.add_run("), as provided in ")
    p.add_run("the Fiscal Agency Agreement").italic = True
    p.add_run(", acting by written consent.")
    document.add_paragraph("1.2 NOTICES. Notices shall be in writing.")
    document.save(path)
    return path


def _runs_of(data: bytes, startswith: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run of the paragraph that starts with ``startswith``."""
    paragraph = next(p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith(startswith))
    return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs]


def _amend(tmp_path, base, instruction: str):
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(f"Section 1.1 of the Agreement is hereby amended by {instruction}.\n")
    result = conformed.consolidate(base, [amendment])
    assert not result.errors, result.errors
    return result, amendment


def test_a_changed_paragraph_keeps_its_run_formatting(tmp_path):
    base = _formatted_base(tmp_path / "base.docx")
    result, amendment = _amend(tmp_path, base, 'deleting the words "a majority" and inserting in lieu thereof '
                                               'the words "two-thirds"')
    data = api.conformed_copy(result)
    assert wordfmt.read("c.docx", data).text == result.text
    assert _runs_of(data, "1.1 TERMS.") == [
        ("1.1 TERMS. ", False, False), ("\u201cRequired Holders\u201d", True, False),
        (" means the holders of two-thirds of the notes (the ", False, False), ("\u201cNotes\u201d", True, False),
        ("), as provided in ", False, False),
        ("the Fiscal Agency Agreement", False, True), (", acting by written consent.", False, False)]
    base_xml, out_xml = _paragraph_xml(base.read_bytes()), _paragraph_xml(data)
    for text in ("Section 1. DEFINITIONS.", "1.2 NOTICES. Notices shall be in writing."):
        assert out_xml[text] == base_xml[text]
    # the redline: equal and deleted text keep their runs' formatting, the new words are plain
    redline = conformed.redline(base, [amendment], fmt="docx")
    assert resolve_all(redline, accept=True) == result.text
    assert resolve_all(redline, accept=False) == result.base.text
    body = _body(redline)
    bold = ["".join(r.itertext()) for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    italic = ["".join(r.itertext()) for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}i") is not None]
    assert bold == ["\u201cRequired Holders\u201d", "\u201cNotes\u201d"] and italic == ["the Fiscal Agency Agreement"]
    assert [r.find(f"{W}rPr") for r in body.iter(f"{W}r") if r.getparent().tag in (f"{W}ins", f"{W}del")] == \
        [None, None]


def test_new_words_take_their_neighbours_formatting_but_not_a_defined_terms_bold(tmp_path):
    base = _formatted_base(tmp_path / "base.docx")
    # right after a bold defined term: plain, like the words after it
    result, amendment = _amend(tmp_path, base, 'inserting the words " and any Additional Notes" immediately '
                                               'before the words "), as provided in"')
    assert "(the \u201cNotes\u201d and any Additional Notes), as" in result.text
    runs = _runs_of(api.conformed_copy(result), "1.1 TERMS.")
    assert ("\u201cNotes\u201d", True, False) in runs
    assert (" and any Additional Notes), as provided in ", False, False) in runs
    redline = conformed.redline(base, [amendment], fmt="docx")
    inserted = next(_body(redline).iter(f"{W}ins"))
    assert "".join(inserted.itertext()) == " and any Additional Notes"
    assert inserted.find(f"{W}r/{W}rPr") is None
    # inside the italic phrase: italic; a replaced italic word: italic too
    for instruction, words in (('inserting the words "Amended and Restated " immediately before the words '
                                '"Fiscal Agency"', "the Amended and Restated Fiscal Agency Agreement"),
                               ('deleting the words "Fiscal Agency Agreement" and inserting in lieu thereof '
                                'the words "Indenture"', "the Indenture")):
        result, _ = _amend(tmp_path, base, instruction)
        data = api.conformed_copy(result)
        assert wordfmt.read("c.docx", data).text == result.text
        assert (words, False, True) in _runs_of(data, "1.1 TERMS."), instruction


# ------------------------------------------------------------------ (c) tracked changes
def _check_tracked(base, amendments, authors):
    result = conformed.consolidate(base, amendments)
    data = conformed.redline(base, amendments, fmt="docx")
    assert isinstance(data, bytes) and data.startswith(b"PK")
    assert resolve_all(data, accept=True) == result.text
    assert resolve_all(data, accept=False) == result.base.text
    assert _authors(data) == authors
    ids = [el.get(f"{W}id") for el in _body(data).iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))
    assert docx.Document(io.BytesIO(data)).core_properties.title.startswith("Redline: ")
    # one comment per instruction that changed anything
    comments = _check_comment_anchors(data)
    instructions = {(r.by.path, r.by.instruction) for r in runs_of(result.trace) if r.by is not None}
    assert len(comments) == len(instructions)
    assert {(author, date) for author, date, _ in comments.values()} == authors
    return data


AMENDMENT_1_AUTHOR = ("Amendment No. 1 (2002-02-21)", "2002-02-21T00:00:00Z")
AMENDMENT_2_AUTHOR = ("Amendment No. 2 (2003-06-30)", "2003-06-30T00:00:00Z")


def test_tracked_changes_for_the_seed_pair():
    data = _check_tracked(AGREEMENT, [AMENDMENT], {AMENDMENT_1_AUTHOR})
    body = _body(data)
    deleted_marks = body.findall(f".//{W}pPr/{W}rPr/{W}del")
    assert deleted_marks  # whole definitions go, paragraph mark and all
    assert "(the \"NOTES\") " in [t.text for t in body.iter(f"{W}delText")]


def test_every_instruction_of_the_seed_amendment_has_one_comment_with_its_place():
    result = conformed.consolidate(AGREEMENT, [AMENDMENT])
    instructions = result.steps[0].amendment.instructions
    assert [i.id for i in instructions] == ["1", "2", "3(a)", "3(b)", "3(c)"]
    data = conformed.redline(AGREEMENT, [AMENDMENT], fmt="docx")
    texts = [text for _, _, text in _comments(data).values()]
    assert len(texts) == len(instructions)
    for instruction in instructions:
        head = f"Amendment No. 1 (2002-02-21), instruction {instruction.id} "
        place = f"({instruction.source}:{instruction.line}:{instruction.column}): "
        mine = [t for t in texts if t.startswith(head + place)]
        assert len(mine) == 1, (instruction.id, texts)
        assert mine[0].endswith(" ".join(instruction.head.split()))
    three_a = next(t for t in texts if " instruction 3(a) " in t)
    assert ":70:25): inserting the following text immediately after the words \"Required Holders\"" in three_a
    # python-docx reads the comments back, by the author of the changes
    assert {c.author for c in docx.Document(io.BytesIO(data)).comments} == {AMENDMENT_1_AUTHOR[0]}


def test_a_comment_is_anchored_on_its_instructions_first_change():
    data = conformed.redline(AGREEMENT, [AMENDMENT], fmt="docx")
    comments = _check_comment_anchors(data)
    body = _body(data)
    first = {}
    for start in body.iter(f"{W}commentRangeStart"):
        change = start.getnext()
        first[comments[start.get(f"{W}id")][2].split(" (")[1]] = "".join(change.itertext())
    assert first["2002-02-21), instruction 1"] == '(the "NOTES") '
    assert first["2002-02-21), instruction 3(a)"].startswith(", and no such change, waiver")


def test_an_instruction_that_only_joins_paragraphs_gets_a_point_comment():
    from conformed.changes import Provenance
    from conformed.runs import DELETE, EQUAL, Run

    by = Provenance("Amendment No. 3 (2004-01-05)", "a3.txt", "2", 12, 5, "deleting the paragraph break", "2004-01-05")
    runs = [Run(EQUAL, "First.", None, (0, 6), (0, 6)), Run(DELETE, "\n\n", by, (6, 8), (6, 6)),
            Run(EQUAL, "Second.", None, (8, 15), (6, 13))]
    data = wordfmt.tracked(None, runs, "Redline: joined")
    comments = _check_comment_anchors(data)
    assert list(comments.values()) == [("Amendment No. 3 (2004-01-05)", "2004-01-05T00:00:00Z",
                                        "Amendment No. 3 (2004-01-05), instruction 2 (a3.txt:12:5): "
                                        "deleting the paragraph break")]
    assert resolve_all(data, accept=True) == "First.Second."
    assert resolve_all(data, accept=False) == "First.\n\nSecond."


def test_tracked_changes_for_two_amendments(amendment_2):
    _check_tracked(AGREEMENT, [AMENDMENT, amendment_2], {AMENDMENT_1_AUTHOR, AMENDMENT_2_AUTHOR})


def test_tracked_changes_for_a_docx_base(docx_base, amendment_2):
    data = _check_tracked(docx_base, [AMENDMENT, amendment_2], {AMENDMENT_1_AUTHOR, AMENDMENT_2_AUTHOR})
    styles = [p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert styles.count("Heading 1") == 2


def test_compare_is_authored_by_conformed_compare(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The Borrower shall pay.\n\nSecond paragraph.\n")
    new.write_text("The Borrower shall promptly pay.\n\nSecond paragraph.\n")
    data = api.compare(old, new, fmt="docx")
    assert _authors(data) == {("conformed compare", None)}
    assert _comments(data) == {}  # no provenance, no comments
    assert resolve_all(data, accept=True) == new.read_text()
    assert resolve_all(data, accept=False) == old.read_text()


def test_the_comments_of_a_docx_base_are_not_carried_into_the_redline(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("1.2 NOTICES. Notices shall be in writing.")
    document.add_comment(p.runs, text="a reviewer's note on the base", author="Reviewer")
    path = tmp_path / "base.docx"
    document.save(path)
    assert "reviewer" not in reader.read(path).text
    amendment = tmp_path / "amendment.txt"
    amendment.write_text('Section 1.2 of the Agreement is hereby amended by deleting the words "in writing" and '
                         'inserting in lieu thereof the words "in writing and signed".\n')
    redline = conformed.redline(path, [amendment], fmt="docx")
    comments = _check_comment_anchors(redline)
    # only the amendment's comment (undated, like its changes); the reviewer's is gone
    assert [(author, date) for author, date, _ in comments.values()] == list(_authors(redline))
    assert resolve_all(redline, accept=True) == "1.2 NOTICES. Notices shall be in writing and signed."


# ------------------------------------------------------------------------- (d) LibreOffice
def test_libreoffice_opens_the_tracked_changes_file(tmp_path, docx_base, amendment_2):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check that Word files open")
    for name, base in (("from-text", AGREEMENT), ("from-word", docx_base)):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(conformed.redline(base, [AMENDMENT, amendment_2], fmt="docx"))
        out = tmp_path / "pdf"
        proc = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                               "--convert-to", "pdf", "--outdir", str(out), str(path)],
                              capture_output=True, text=True, timeout=180)
        pdf = out / f"{name}.pdf"
        assert proc.returncode == 0, proc.stderr
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), proc.stdout + proc.stderr


# ---------------------------------------------------------------------------- (e) bad files
def test_not_a_zip_is_a_clear_input_error(tmp_path):
    path = tmp_path / "agreement.docx"
    path.write_text("This is plain text saved with a .docx name.\n")
    with pytest.raises(InputError) as caught:
        reader.read(path)
    assert str(caught.value) == f"{path}: this is not a Word document (.docx): it is not a zip archive"


def test_a_zip_without_a_document_is_a_clear_input_error(tmp_path):
    path = tmp_path / "agreement.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not Word")
    with pytest.raises(InputError) as caught:
        reader.read(path)
    assert str(caught.value).startswith(f"{path}: this is not a Word document (.docx)")
    assert "word/document.xml" in str(caught.value)


def test_a_broken_word_document_and_an_empty_one(tmp_path):
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    with pytest.raises(InputError) as caught:
        reader.read(broken)
    assert str(caught.value).startswith(f"{broken}: this Word document (.docx) cannot be opened")
    empty = tmp_path / "empty.docx"
    docx.Document().save(empty)
    with pytest.raises(InputError, match="the document is empty"):
        reader.read(empty)


@pytest.mark.parametrize("content", [b"plain text, not Word\n", "zip"])
def test_the_cli_exits_with_one_line_on_a_bad_docx(tmp_path, content):
    path = tmp_path / "agreement.docx"
    if content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("content.xml", "<office/>")
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["consolidate", str(path), str(AMENDMENT)], catch_exceptions=False)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "not a Word document (.docx)" in lines[0]
    assert "Traceback" not in result.output


# ------------------------------------------------------------------------- (f) hostile text
HOSTILE = '<script>alert("x")</script> & ]]> AT&T\x01\x0b\x0c\x1f ok'


def test_hostile_text_is_escaped_in_the_conformed_copy_and_the_redline(tmp_path):
    base = tmp_path / "base.txt"
    base.write_text("Section 1. DEFINITIONS.\n\n"
                    f'1.1 TERMS. The "Company" means {HOSTILE} and its successors.\n\n'
                    "1.2 NOTICES. Notices shall be in writing.\n")
    amendment = tmp_path / "amendment.txt"
    amendment.write_text("AMENDMENT NO. 1\n\n"
                         "Section 1. Section 1.2 of the Agreement is hereby amended by deleting the words "
                         '"in writing" and inserting in lieu thereof the words "in writing <b>&amp; ]]> signed</b>".\n')
    result = conformed.consolidate(base, [amendment])
    assert "<b>&amp; ]]> signed</b>" in result.text
    stripped = wordfmt.clean(result.text)
    for data in (api.conformed_copy(result, "docx"), conformed.redline(base, [amendment], fmt="docx")):
        xml = _document_xml(data)
        etree.fromstring(xml)  # well-formed XML 1.0
        assert b"<script>" not in xml and b"]]>" not in xml
        assert b"&lt;script&gt;" in xml and b"AT&amp;T" in xml
        assert docx.Document(io.BytesIO(data)).paragraphs  # python-docx opens it
    copy_text = wordfmt.read("copy.docx", api.conformed_copy(result, "docx")).text
    assert HOSTILE.replace("\x01\x0b\x0c\x1f", "") in copy_text
    redline = conformed.redline(base, [amendment], fmt="docx")
    assert resolve_all(redline, accept=True) == stripped
    assert resolve_all(redline, accept=False) == wordfmt.clean(base.read_text())


def test_hostile_text_in_a_docx_base_round_trips(tmp_path):
    document = docx.Document()
    document.add_paragraph('1.1 TERMS. The "Company" means <script>x</script> & ]]> AT&T.')
    document.add_paragraph("1.2 NOTICES. Notices shall be in writing.")
    path = tmp_path / "base.docx"
    document.save(path)
    assert "<script>x</script> & ]]> AT&T" in reader.read(path).text
    amendment = tmp_path / "amendment.txt"
    amendment.write_text('Section 1.2 of the Agreement is hereby amended by deleting the words "in writing" and '
                         'inserting in lieu thereof the words "in writing & <i>signed</i>".\n')
    result = conformed.consolidate(path, [amendment])
    assert "in writing & <i>signed</i>" in result.text
    assert wordfmt.read("c.docx", api.conformed_copy(result)).text == result.text
    redline = conformed.redline(path, [amendment], fmt="docx")
    etree.fromstring(_document_xml(redline))
    assert resolve_all(redline, accept=True) == result.text
