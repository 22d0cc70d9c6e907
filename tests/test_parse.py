"""The instruction language: real wording from filings, read into elementary edits."""
from __future__ import annotations

import re

import pytest

from conformed.api import parse, parse_records
from conformed.document import Document
from conformed.instructions import read

from .conftest import AMENDMENT


def records_of(text: str) -> list[dict]:
    return parse_records(read(Document.from_text(text + "\n", "instruction.txt")))


def editing(text: str) -> list[dict]:
    return [r for r in records_of(text) if r["action"] != "non_operative"]


def test_seed_amendment_reads_into_six_kinds_of_edit():
    recs = [r for r in parse_records(parse(AMENDMENT)) if r["action"] != "non_operative"]
    assert [(r["id"], r["action"]) for r in recs] == [
        ("1", "delete"), ("2", "delete"), ("2", "delete"), ("2", "delete"), ("2", "add"), ("2", "add"), ("2", "add"),
        ("3(a)", "insert"), ("3(b)", "insert"), ("3(c)", "insert")]
    recital, *_ = recs
    assert recital["text"] == '(the "NOTES")' and recital["target"] == "clause (a) of the Recitals of the Symphony Exchange Agreement"
    a, b, c = recs[-3:]
    assert a["position"] == "after" and a["qualifiers"] == ["line 4", "before ';'"] and a["target"].startswith("Section 13.4")
    assert b["position"] == "end" and b["qualifiers"] == ["sentence 1"]
    assert c["position"] == "end" and c["target"] == "Section 13.4 of the Symphony Exchange Agreement"
    assert all(r["line"] and r["column"] for r in recs)


def test_non_operative_sections_are_in_the_json():
    recs = parse_records(parse(AMENDMENT))
    assert sum(1 for r in recs if r["action"] == "non_operative") >= 5


@pytest.mark.parametrize("text,action,target,old,new", [
    ('Section 5.13 of the Credit Agreement is hereby amended by deleting the words “Restatement Date” therefrom and '
     'inserting in place thereof the words “Amendment No. 2 Effective Date.”',
     "replace", "Section 5.13 of the Credit Agreement", "Restatement Date", "Amendment No. 2 Effective Date"),
    ('Paragraph 13(k) is hereby amended by replacing the reference to "CM\nFinance LLC" with "CM Finance Inc."',
     "replace", "Paragraph 13(k)", "CM\nFinance LLC", "CM Finance Inc."),
    ('The first sentence of Section 4(a) of the Plan is hereby amended by deleting the term “133,000,000” and '
     'substituting the term “158,000,000” in its place and stead.',
     "replace", "the first sentence of Section 4(a) of the Plan", "133,000,000", "158,000,000"),
    ('1. All references in the License Agreement to "ACC"\nshall be deemed to be references to "ABI".',
     "replace", "the License Agreement", "ACC", "ABI"),
])
def test_replacing_words(text, action, target, old, new):
    (rec,) = editing(text)
    assert (rec["action"], rec["target"], rec["text"]) == (action, target, old)
    assert rec["new_text"].rstrip(".") == new.rstrip(".")


@pytest.mark.parametrize("phrase", ["each place it appears", "wherever such term appears", "each place they appear",
                                    "in each instance"])
def test_every_place_it_appears(phrase):
    (rec,) = editing(f'Section 2 of the Agreement is hereby amended by replacing the words "Closing Date" {phrase} '
                     'with the words "Effective Date".')
    assert rec["occurrence"] == "all" and rec["text"] == "Closing Date" and rec["new_text"] == "Effective Date"


def test_respectively_pairs_lists():
    recs = editing('Section 13.3 of the Original Credit Agreement entitled “Mitigation Obligations: Replacement of '
                   'Lenders” is hereby amended by deleting the references in subparagraph (b)(ii) to “Accommodations '
                   'Outstanding” and “Letters of Credit”, and replacing such references with “Accommodations '
                   'outstanding” and “Documentary Credits”, respectively.')
    assert [(r["text"], r["new_text"]) for r in recs] == [("Accommodations Outstanding", "Accommodations outstanding"),
                                                           ("Letters of Credit", "Documentary Credits")]
    assert all(r["target"] == "Section 13.3(b)(ii) of the Original Credit Agreement" for r in recs)


def test_restate_in_its_entirety_with_payload():
    (rec,) = editing('FIRST: Section 7(a) of the Agreement is hereby amended in its entirety to read as follows:\n'
                     '"(a) The Rights shall not be exercisable until the Distribution Date."')
    assert rec["action"] == "restate" and rec["target"] == "Section 7(a) of the Agreement"
    assert rec["new_text"] == "(a) The Rights shall not be exercisable until the Distribution Date."


def test_delete_definition_and_add_in_alphabetical_order():
    recs = editing('Section 1.1 of the Loan and Security Agreement is hereby amended by adding the following definition '
                   'of "Second Amendment" to such section in the appropriate alphabetical order, such definition to '
                   'read in its entirety as follows:\n\n"Second Amendment" means the Second Amendment dated today.')
    assert [r["action"] for r in recs] == ["add"]
    assert recs[0]["qualifiers"][0] == "alphabetical order" and "1.1" in recs[0]["target"]


def test_compound_items_refer_back():
    recs = editing('Section 7(a) of the Rights Agreement is amended by deleting the word "or" immediately preceding '
                   'clause (iii) and replacing such word with "," and by adding the following at the end of clause '
                   '(iii): "or (iv) the Effective Time of the Merger."')
    assert [(r["action"], r["text"], r["new_text"]) for r in recs][0] == ("replace", "or", ",")
    assert recs[1]["action"] == "insert" and recs[1]["position"] == "end"
    assert recs[1]["target"] == "Section 7(a)(iii) of the Rights Agreement"


def test_sections_and_ranges():
    recs = editing("Sections 2.15(a), (d) and (e) of the Credit Agreement are hereby deleted in their entirety and "
                   "replaced with the following text, respectively:")
    assert [r["target"] for r in recs] == ["Section 2.15(a) of the Credit Agreement", "Section 2.15(d) of the Credit Agreement",
                                           "Section 2.15(e) of the Credit Agreement"]
    (rec,) = editing("Sections 2.2 through 2.8 of the Employment Agreement are hereby amended to read in their entirety "
                     "as follows:")
    assert rec["target"] == "Section 2.2 through 2.8 of the Employment Agreement"


def test_schedule_by_attachment():
    (rec,) = editing("1.2     The Credit Agreement is hereby amended to restate Schedule I thereto in its entirety as "
                     "set forth on Schedule I attached hereto.")
    assert rec["action"] == "restate" and rec["attachment"] == "Schedule I"


def test_description_without_new_words_is_unsupported_not_guessed():
    recs = records_of('2. The definition of “Premises” in Section 1.1 of the Lease is hereby amended to reflect that '
                      'the Premises shall be expanded to include Suite 100.')
    assert [r["action"] for r in recs] == ["unsupported"]


def test_an_operative_sentence_the_grammar_cannot_read_is_flagged_with_its_place():
    recs = records_of("Section 4 of the Agreement is hereby amended by frobnicating the words \"X\".")
    (rec,) = recs
    assert rec["action"] == "unsupported"
    assert "frobnicating" in rec["reason"] and rec["line"] == 1 and rec["column"] > 40


def test_unbalanced_quotation_is_reported():
    (rec,) = records_of('Section 4 of the Agreement is hereby amended by deleting the words "Closing Date in clause (a).')
    assert rec["action"] == "unsupported" and "never closed" in rec["reason"]


def test_a_file_with_one_instruction_and_no_amendment_around_it(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("(b) Part 5(1)(a) shall be deleted in its entirety and replaced with the following:\n\nSunTrust Bank\n")
    (rec,) = parse_records(parse(path))
    assert rec["action"] == "restate" and rec["target"] == "Part 5(1)(a)" and rec["new_text"] == "SunTrust Bank"


def test_payload_markdown_and_table_rules_are_layout():
    (rec,) = editing("(a) | Part 1(a) of the Schedule is hereby amended in its entirety to read as follows:\n"
                     "---|---\n\n  | (a) | \"Specified Entity\" means in relation to Party A: None\n---|---|---")
    assert "---" not in rec["new_text"]
    assert rec["target"] == "Part 1(a) of the Schedule"


def test_no_keyword_takes_the_name_of_a_lexer_token():
    """lark names a keyword after its word ("word" becomes WORD, "other" OTHER); a keyword named like
    a token the lexer hands over would silently accept any word where the keyword is expected."""
    from importlib import resources

    from conformed.parse import parser
    grammar = resources.files("conformed.grammar").joinpath("amendment.lark").read_text(encoding="utf-8")
    declared = set(re.search(r"^%declare (.+)$", grammar, re.M).group(1).split())
    keywords = {t.name for t in parser().terminals if t.pattern.type == "str"}
    assert not declared & keywords
