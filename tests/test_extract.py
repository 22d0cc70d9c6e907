"""Finding the operative instructions of an amendment and their new text."""
from __future__ import annotations

from conformed.api import load
from conformed.document import Document
from conformed.extract import extract, is_candidate

from .conftest import AMENDMENT, PAIRS, SIDE_LETTER


def test_seed_instructions_heads_and_ids():
    ex = extract(load(AMENDMENT))
    assert [i.id for i in ex.instructions] == ["1", "2", "3(a)", "3(b)", "3(c)"]
    first = " ".join(ex.instructions[0].head.split())
    assert first.startswith("The Recitals to the Symphony Exchange Agreement are hereby amended")
    items = ex.instructions[2:]
    assert all(" ".join(i.intro.head.split()) == "Section 13 of the Symphony Exchange Agreement is hereby amended by"
               for i in items)


def test_seed_payloads_across_page_marks_with_nested_quotes():
    ex = extract(load(AMENDMENT))
    definitions = ex.instructions[1].payload
    assert [b.text.split('"')[1] for b in definitions.blocks] == ["FISCAL AGENCY AGREEMENT", "NOTES", "WARRANT AGREEMENT"]
    assert "<Page>" not in definitions.text
    a, b, c = (i.payload.text for i in ex.instructions[2:])
    assert a.startswith(", and no such change") and a.endswith("set forth in such Document)")
    assert b.startswith("PROVIDED, FURTHER, HOWEVER") and b.endswith("express written consent;")
    assert '"Required Holders"' in c and c.endswith("Section 8.3 or Section 8.4 hereof.")


def test_seed_non_operative_sections_are_classified():
    ex = extract(load(AMENDMENT))
    reasons = {p.id: p.reason for p in ex.passages}
    assert reasons["4"] == "consent"
    assert reasons["5"] == "representations"
    assert reasons["7"] == "counterparts"
    assert reasons["5.2"] == "ratification"


def test_side_letter_holds_no_instruction():
    ex = extract(load(SIDE_LETTER))
    assert ex.instructions == []
    assert [p.reason for p in ex.passages] == ["no amending instruction"]


def test_unquoted_payloads_end_at_the_next_item():
    ex = extract(load(PAIRS / "btmu-boozallen-isda" / "amendment.txt"))
    assert [i.id for i in ex.instructions] == ["1(i)", "1(ii)", "1(iii)", "1(iv)"]
    g = ex.instructions[1].payload.text
    assert g.startswith("(g) Additional Termination Event.") and g.endswith("shall be Affected Transactions.")
    notices = ex.instructions[2].payload.text
    assert "Copyright" not in notices  # the page footer inside the new text is layout


def test_attached_exhibit_is_found_after_the_signatures():
    ex = extract(load(PAIRS / "barclays-boozallen-isda" / "amendment.txt"))
    assert [(a.kind, a.num) for a in ex.attachments] == [("exhibit", "A")]
    assert len(ex.instructions) == 1  # "Section 3.6(c) ... is hereby amended" inside Exhibit A is content


def test_amending_words_that_do_not_amend():
    assert is_candidate("Section 2 of the Agreement is hereby amended by deleting the words «···»")
    assert not is_candidate("Except as expressly amended hereby, the Agreement is hereby ratified and confirmed")
    assert not is_candidate("the Agreement, as amended, modified or supplemented from time to time")
    assert not is_candidate("This Amendment may be executed in any number of counterparts")


def test_label_on_its_own_line_then_the_instruction():
    doc = Document.from_text("(a)\nThe first sentence of Section 4(a) of the Plan is hereby amended by deleting the term "
                             "“133,000,000” and substituting the term “158,000,000” in its place and stead.\n")
    ex = extract(doc)
    assert [i.id for i in ex.instructions] == ["a"]
