"""The provision tree, lines, page furniture and sentences of EDGAR-style text."""
from __future__ import annotations

import pytest

from conformed.document import Document
from conformed.layout import FURNITURE, analyse

from .conftest import AGREEMENT, PAIRS
from conformed.api import load


@pytest.fixture(scope="module")
def sample():
    return load(AGREEMENT)


def kinds(doc, kind):
    return [n for n in doc.root.walk() if n.kind == kind]


def test_sample_tree_has_the_parts_of_an_agreement(sample):
    main = sample.main
    assert main.title == "SECURITIES EXCHANGE AGREEMENT"
    assert [c.kind for c in main.children][:3] == ["preamble", "recitals", "section"]
    assert len(kinds(sample, "recital")) == 3
    assert [n.num for n in main.children if n.kind == "section"][:3] == ["1", "2", "3"]
    assert kinds(sample, "signatures")
    schedule = [d for d in sample.documents if d.kind == "schedule"]
    assert schedule and schedule[0].num == "I"


def test_sections_nest_by_number_and_keep_their_captions(sample):
    s134 = sample.numbered("13.4")[0]
    assert s134.parent.num == "13"
    assert s134.caption == "AMENDMENTS AND WAIVERS."
    assert sample.text[s134.body_start:].startswith("With the written consent")


def test_definitions_are_found_by_term_in_capitals(sample):
    terms = [n.term for n in kinds(sample, "definition")]
    assert "FISCAL AGENCY AGREEMENT" in terms and "NOTES" in terms and "WARRANT AGREEMENT" in terms
    assert terms == sorted(terms)


def test_clauses_under_a_section(sample):
    nine = sample.numbered("9")[0]
    assert [c.num for c in nine.children] == ["a", "b", "c", "d"]


def test_page_marks_and_page_numbers_are_furniture_not_content(sample):
    furniture = [sample.text[ln.start:ln.end].strip() for ln in sample.layout.lines if ln.kind == FURNITURE]
    assert "<Page>" in furniture and "-3-" in furniture
    notes = sample.numbered("13.4")[0]
    lines = sample.lines(notes)
    assert "Required Holders;" in sample.text[lines[3].start:lines[3].end]  # the fourth line of 13.4


def test_lines_of_a_provision_skip_page_furniture():
    text = ("     2.1 LOANS. Each Lender agrees to make loans to the Borrower from time to\n"
            "time on any Business Day in an aggregate amount not exceeding its\n\n<Page>\n\n"
            "                                  -4-\n\n"
            "Commitment; PROVIDED that no Lender shall be required to lend more.\n")
    doc = Document.from_text(text)
    node = doc.numbered("2.1")[0]
    lines = doc.lines(node)
    assert len(lines) == 3
    assert doc.text[lines[2].start:lines[2].end].startswith("Commitment;")


@pytest.mark.parametrize("text,count", [
    ("Sec. 2 applies. It is binding.", 2),
    ("The U.S. Bank National Association acts. It is the Agent.", 2),
    ("iBasis, Inc. is the Company. It pays $0.001 per share under Section 13.4 hereof. No. 1 applies.", 3),
    ("RATIFICATION, ETC. The Agreement is ratified.", 1),
    ("The parties are (i) the Company and (ii) the Holders. They agree.", 2),
    ("John A. Brennan signs. He is the Trust Officer.", 2),
])
def test_sentences_survive_abbreviations_and_numbers(text, count):
    doc = Document.from_text("     1.1 " + text + "\n")
    node = doc.numbered("1.1")[0]
    assert len(doc.sentences(node)) == count


def test_sentence_of_a_provision_excludes_its_caption(sample):
    s134 = sample.numbered("13.4")[0]
    first = sample.sentences(s134)[0]
    assert sample.text[first[0]:first[1]].startswith("With the written consent")
    assert sample.text[first[0]:first[1]].endswith("reduce the principal amount thereof.")


def test_one_paragraph_a_line_layout_is_recognised():
    base = load(PAIRS / "btmu-boozallen-isda" / "base.txt")
    assert base.layout.mode == "line"
    schedule = [d for d in base.documents if d.kind == "schedule"]
    assert len(schedule) == 1
    part1 = [n for n in schedule[0].walk() if n.kind == "part" and n.num == "1"][0]
    g = [c for c in part1.children if c.num == "g"][0]
    # the "Credit Agreement" definition after items (i) and (ii) belongs to (g), not to (ii)
    assert [c.kind for c in g.children] == ["clause", "clause", "definition"]


def test_several_documents_in_one_file_become_siblings():
    base = load(PAIRS / "aron-calumet-isda" / "base.txt")
    titles = [d.title for d in base.documents]
    assert any(t.startswith("AMENDED AND RESTATED SCHEDULE") for t in titles)
    assert any(t.startswith("LIEN ANNEX") for t in titles)
    assert any(t.startswith("PARAGRAPH 13 TO THE CREDIT SUPPORT ANNEX") for t in titles)


def test_markdown_headings_and_escaped_numbers_are_labels():
    doc = Document.from_text("## ARTICLE I\n\n1\\. Interpretation\n\n(a) Definitions. The terms apply.\n")
    assert [n.kind for n in doc.main.walk()][1:] == ["article", "section", "clause"]


def test_wrapped_mode_for_edgar_text():
    assert analyse(AGREEMENT.read_text()).mode == "wrapped"
