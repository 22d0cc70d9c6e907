"""Carrying instructions out: targets, words, qualifiers, conflicts, order, and nothing else touched."""
from __future__ import annotations

import re

import pytest

from conformed import engine
from conformed.api import load
from conformed.document import Document

from .conftest import AGREEMENT, AMENDMENT

BASE = """\
                          LOAN AGREEMENT

     This LOAN AGREEMENT (this "AGREEMENT") dated as of May 1, 2010 is between
Acme Corp. (the "BORROWER") and First Bank (the "LENDER").

     Section 1. DEFINITIONS. The following terms have the following meanings:

          "CLOSING DATE" means May 1, 2010.

          "LOAN" means the loan made under Section 2.1.

          "MATURITY DATE" means May 1, 2015.

     Section 2. THE LOAN.

     2.1 ADVANCE. The Lender shall lend to the Borrower on the Closing Date
the sum of $1,000,000 (the "LOAN AMOUNT"), and the Borrower shall repay the
Loan on the Maturity Date; PROVIDED, that the Borrower may prepay the Loan
at any time without premium or penalty. Interest accrues at 5% per annum.

<Page>

                                  -2-

     2.2 PAYMENTS. All payments shall be made to the Lender in immediately
available funds, without set-off, and on or before the due date.
"""


def amend(*instructions: str, base: str = BASE) -> engine.Result:
    docs = [Document.from_text(text + "\n", f"amendment-{i + 1}.txt") for i, text in enumerate(instructions)]
    return engine.run(Document.from_text(base, "base.txt"), docs)


def errors(result: engine.Result) -> list[str]:
    return [f"{d.kind}: {d.message}" for d in result.errors]


def test_words_are_deleted_without_a_double_space():
    r = amend('Section 2.1 of the Agreement is hereby amended by deleting the words "(the "LOAN AMOUNT")".')
    assert errors(r) == []
    assert "the sum of $1,000,000, and the Borrower" in r.text
    assert "  " not in r.text.split("the sum of")[1].split("\n")[0]


def test_text_outside_the_edits_is_untouched_byte_for_byte():
    r = amend('Section 2.2 of the Agreement is hereby amended by replacing the words "without set-off" '
              'with the words "without any set-off or counterclaim".')
    before, after = BASE.split("without set-off")
    assert r.text == before + "without any set-off or counterclaim" + after


def test_no_instruction_returns_the_base_unchanged():
    r = amend()
    assert r.text == BASE


def test_insert_after_words_and_before_the_punctuation_named():
    r = amend('Section 2.1 of the Agreement is hereby amended by inserting the words ", in cash," immediately after '
              'the words "Maturity Date" and before the semi-colon in the third line of Section 2.1.')
    assert errors(r) == []
    assert "Loan on the Maturity Date, in cash,; PROVIDED" in r.text


def test_a_line_qualifier_that_is_not_met_is_reported_with_the_place():
    r = amend('Section 2.1 of the Agreement is hereby amended by inserting the words "X" immediately after the '
              'words "Maturity Date" in the first line of Section 2.1.')
    (msg,) = errors(r)
    assert msg.startswith("qualifier_not_met") and "line 3" in msg
    assert r.text == BASE


def test_punctuation_qualifier_not_met():
    r = amend('Section 2.1 of the Agreement is hereby amended by inserting the words "X" immediately after the words '
              '"Closing Date" and before the semi-colon.')
    assert errors(r)[0].startswith("qualifier_not_met")


def test_words_not_found_say_where_they_are_instead():
    r = amend('Section 2.2 of the Agreement is hereby amended by deleting the words "Maturity Date".')
    (msg,) = errors(r)
    assert msg.startswith("text_not_found") and "Section 2.2" in msg and "elsewhere (line" in msg


def test_ambiguous_words_give_the_count():
    r = amend('Section 2.1 of the Agreement is hereby amended by deleting the words "the Loan".')
    (msg,) = errors(r)
    assert msg.startswith("ambiguous_text") and "2 times" in msg


def test_every_occurrence_when_the_instruction_says_so():
    r = amend('Section 2.1 of the Agreement is hereby amended by replacing the words "the Loan" each place it appears '
              'with the words "the Advance".')
    assert errors(r) == [] and len(re.findall(r"the\s+Advance", r.text)) == 2
    assert "repay the\nAdvance on the Maturity Date" in r.text  # the hard line break inside the words stays


def test_missing_target():
    r = amend('Section 7.4 of the Agreement is hereby deleted in its entirety.')
    (msg,) = errors(r)
    assert msg.startswith("target_not_found") and "Section 7.4" in msg


def test_definitions_go_where_they_sort():
    r = amend('Section 1 of the Agreement is hereby amended by adding the following new definition in proper '
              'alphabetical order:\n\n"LENDING OFFICE" means the office of the Lender in New York.')
    assert errors(r) == []
    text = r.text
    assert text.index('"CLOSING DATE"') < text.index('"LENDING OFFICE"') < text.index('"LOAN"')
    assert '          "LENDING OFFICE" means the office of the Lender in New York.\n\n          "LOAN"' in text


def test_a_definition_that_already_exists_is_not_added_twice():
    r = amend('Section 1 of the Agreement is hereby amended by adding the following new definition in proper '
              'alphabetical order:\n\n"Loan" means any loan.')
    assert errors(r)[0].startswith("unsupported") and "already defined" in errors(r)[0]


def test_all_edits_of_one_amendment_see_the_text_before_it():
    r = amend('Section 2.1 of the Agreement is hereby amended by (a) replacing the words "5% per annum" with the words '
              '"6% per annum" and (b) inserting the words "fixed " immediately before the words "5% per annum".')
    assert errors(r) == []
    assert "accrues at fixed 6% per annum" in r.text


def test_overlapping_edits_are_a_conflict_and_the_later_is_set_aside_whole():
    r = amend('Section 2.1 of the Agreement is hereby amended by deleting the words "without premium or penalty".\n\n'
              'Section 2 of the Agreement is hereby amended by replacing the words "premium" with the words "fee".')
    (msg,) = errors(r)
    assert msg.startswith("conflict")
    assert "without premium or penalty" not in r.text and "fee" not in r.text


def test_amendments_apply_in_order_and_the_later_sees_the_earlier():
    r = amend('Section 2.1 of the Agreement is hereby amended by replacing the words "5% per annum" with the words '
              '"6% per annum".',
              'Section 2.1 of the Agreement is hereby amended by replacing the words "6% per annum" with the words '
              '"7% per annum".')
    assert errors(r) == [] and "7% per annum" in r.text and "6%" not in r.text


def test_restating_a_section_keeps_the_layout_of_the_base():
    r = amend('Section 2.2 of the Agreement is hereby amended and restated in its entirety to read as follows:\n\n'
              '"2.2 PAYMENTS. All payments shall be made to the Lender by wire transfer in immediately available '
              'funds, without set-off or counterclaim, on or before the due date."')
    assert errors(r) == []
    new = r.text.split("     2.2 PAYMENTS.")[1]
    assert "wire transfer" in new and all(len(line) <= 80 for line in new.splitlines())


def test_changes_record_their_amendment_and_instruction():
    r = engine.run(load(AGREEMENT), [load(AMENDMENT)])
    provenance = {c.provenance.instruction for c in r.steps[0].changes}
    assert provenance == {"1", "2", "3(a)", "3(b)", "3(c)"}
    assert all(c.provenance.amendment == "Amendment No. 1 (2002-02-21)" for c in r.steps[0].changes)


def test_the_earlier_required_holders_is_not_chosen():
    r = engine.run(load(AGREEMENT), [load(AMENDMENT)])
    text = r.text
    assert "consent of the\nRequired Holders the Company" in text  # line 2 of 13.4 untouched
    assert "signed by the Required Holders, and no such change" in text


SEED_LINE_LAYOUT = (
    "SECURITIES EXCHANGE AGREEMENT\n"
    "This SECURITIES EXCHANGE AGREEMENT dated as of January 30, 2003 is among iBasis, Inc. and the Symphony Funds.\n"
    "RECITALS\n"
    "WHEREAS, the Symphony Funds hold $30,200,000 of the Company's 5 3/4% Convertible Subordinated Notes due 2005;\n"
    "WHEREAS, the Symphony Funds will exchange them for (a) $15,100,000 of the Borrower's 11.5% Senior Secured Notes "
    "due 2005 (the “NOTES”) and (b) warrants for 3,071,184 shares of Common Stock (the “WARRANTS”);\n"
    "1. Definitions. As used herein:\n"
    "“Notes” has the meaning set forth in the Recitals.\n"
    "“Warrants” has the meaning set forth in the Recitals.\n")


def test_seed_instruction_on_a_base_laid_out_differently():
    amendment = ('The Recitals to the Symphony Exchange Agreement are hereby amended by deleting the words "(the '
                 '"NOTES")" in clause (a) therein.')
    r = amend(amendment, base=SEED_LINE_LAYOUT)
    assert errors(r) == []
    assert "Senior Secured Notes due 2005 and (b) warrants" in r.text


@pytest.mark.parametrize("kind", ["delete", "restate"])
def test_clauses_delete_and_restate(kind):
    base = ("     Section 9. EVENTS OF DEFAULT. Each of the following is an Event of Default:\n\n"
            "          (a) non-payment of principal when due;\n\n"
            "          (b) non-payment of interest within five days; or\n\n"
            "          (c) insolvency of the Borrower.\n")
    if kind == "delete":
        r = amend("Section 9(b) of the Agreement is hereby deleted in its entirety.", base=base)
        assert errors(r) == [] and "(b)" not in r.text and "(a) non-payment" in r.text and "(c) insolvency" in r.text
        assert "\n\n\n" not in r.text
    else:
        r = amend("Section 9(b) of the Agreement is hereby amended and restated in its entirety to read as follows:\n\n"
                  '"(b) non-payment of interest within ten days; or"', base=base)
        assert errors(r) == [] and "          (b) non-payment of interest within ten days; or\n" in r.text


def test_a_new_section_goes_after_its_predecessor_laid_out_like_it():
    r = amend("Section 2 of the Agreement is hereby amended by adding the following new Section 2.3 immediately "
              "after Section 2.2 thereof:\n\n"
              "“2.3 FEES. The Borrower shall pay the Lender a commitment fee of 0.25% per annum\n"
              "on the unused amount of the Loan, payable quarterly in arrears.”")
    assert errors(r) == []
    before, after = r.text.split("2.2 PAYMENTS.")
    assert "2.3 FEES." in after and "2.3 FEES." not in before
    added = after[after.index("2.3 FEES."):]
    assert after.index("on or before the due date.") < after.index("2.3 FEES.")
    assert r.text.endswith("\n") and "\n\n     2.3 FEES. The Borrower" in r.text  # indented like 2.2
    assert "payable quarterly in arrears." in added


def test_a_new_clause_goes_between_its_neighbours():
    base = ("     Section 9. EVENTS OF DEFAULT. Each of the following is an Event of Default:\n\n"
            "          (a) non-payment of principal when due;\n\n"
            "          (c) insolvency of the Borrower.\n")
    r = amend('Section 9 of the Agreement is hereby amended by inserting the following new clause (b):\n\n'
              '"(b) non-payment of interest within five days; or"', base=base)
    assert errors(r) == []
    assert r.text.index("(a) non-payment") < r.text.index("(b) non-payment of interest") < r.text.index("(c) insolvency")
    assert "\n          (b) non-payment of interest within five days; or\n" in r.text


def test_a_whole_section_deleted_leaves_its_neighbours_and_the_page_furniture():
    r = amend("Section 2.1 of the Agreement is hereby deleted in its entirety.")
    assert errors(r) == []
    assert "ADVANCE" not in r.text and "2.2 PAYMENTS." in r.text
    assert "<Page>" in r.text and "-2-" in r.text  # page marks are layout, never deleted with a provision
    assert "\n\n\n\n" not in r.text


def test_a_whole_section_restated_keeps_its_number_when_the_new_text_omits_it():
    r = amend('Section 2.2 of the Agreement is hereby amended and restated in its entirety as follows:\n\n'
              '"PAYMENTS. All payments shall be made to the account the Lender names, in immediately available '
              'funds."')
    assert errors(r) == []
    assert "2.2 PAYMENTS. All payments shall be made to the account the Lender names" in r.text
    assert "without set-off" not in r.text
