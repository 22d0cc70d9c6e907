"""An ISDA 2002 Schedule (with a Credit Support Annex Paragraph 13) as it looks after a messy
conversion from Word to markdown, and an Amendment No. 1 of the usual kind against it.

``fixtures/isda/schedule.md`` has what such conversions leave behind: ``## Part 1.`` headings,
**bold** defined terms, curly and straight quotes mixed, tab-separated table cells, page numbers
on their own lines and one glued inline ("... United States Dollars. 7 Part 2. Tax
Representations."), some paragraphs hard-wrapped and others one line a paragraph, and a
signature block after Part 5. ``fixtures/isda/amendment-1.txt`` has eleven instructions.

Each test checks the conformed words of one instruction. Those the engine gets wrong are marked
``xfail(strict=True)`` with the misbehaviour, so a fix shows up as an XPASS.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import conformed

HERE = Path(__file__).parent / "fixtures" / "isda"
BASE = (HERE / "schedule.md").read_text(encoding="utf-8")
AMENDMENT = (HERE / "amendment-1.txt").read_text(encoding="utf-8")


def _consolidate(amendment_text: str, tmp: Path | None = None):
    """``conformed.consolidate`` on the fixture files (the base read from its ``.md`` path: a
    ``Document.from_text(..., "schedule.md")`` is read as plain text, not markdown)."""
    if amendment_text == AMENDMENT:
        return conformed.consolidate(HERE / "schedule.md", [HERE / "amendment-1.txt"], workers=0)
    (tmp / "amendment.txt").write_text(amendment_text, encoding="utf-8")
    return conformed.consolidate(HERE / "schedule.md", [tmp / "amendment.txt"], workers=0)


@pytest.fixture(scope="module")
def result():
    return _consolidate(AMENDMENT)


@pytest.fixture(scope="module")
def lines(result):
    return result.text.split("\n")


def _line(lines: list[str], start: str) -> str:
    found = [ln for ln in lines if ln.startswith(start)]
    assert len(found) == 1, f"{len(found)} lines start with {start!r}"
    return found[0]


def _only(instruction: str) -> str:
    """The amendment with its numbered operative part replaced by one instruction."""
    head = AMENDMENT.split("1. Amendments to the Schedule.")[0]
    return head + "1. Amendments. The Agreement is hereby amended as follows:\n\n(a) " + instruction + "\n"


# ---- Part 1 ----------------------------------------------------------------------------------

def test_part_1f_figure_replaced_only_in_part_1f(result, lines):
    """1(a): Part 1(f) ... deleting "USD 10,000,000" and replacing it with "USD 25,000,000".
    The same figure in Part 1(c) (Party B's Threshold Amount) must stay."""
    assert _line(lines, "(f) **Additional Termination Event**") == (
        "(f) **Additional Termination Event** will apply. It shall be an Additional Termination Event, with "
        "Party B as the sole Affected Party and all Transactions as Affected Transactions, if the Net Asset "
        "Value of Party B declines below USD 25,000,000 as of the last Local Business Day of any calendar "
        "month. For this purpose, “Net Asset Value” means the total assets of Party B less its total "
        "liabilities, each as determined in accordance with generally accepted accounting principles in the "
        "United States.")
    assert "shareholders’ equity (however described), and (ii) with respect to Party B, USD 10,000,000 (or" in lines


def test_part_1c_words_inserted_in_the_fourth_line(lines):
    """1(b): inserting "or other funds" immediately after "deposits" in the fourth line of Part 1(c);
    Part 1(c) is hard-wrapped, the other lines stay as they are."""
    i = lines.index("(c) **“Cross-Default”**. The \"Cross-Default\" provisions of Section 5(a)(vi) will apply to Party A")
    assert lines[i + 3] == ("respect of deposits or other funds received in the ordinary course of a party’s banking "
                            "business. \"Threshold")
    assert lines[i + 2] == "the meaning specified in Section 14, except that such term shall not include obligations in"


@pytest.mark.xfail(strict=True, reason="the line qualifier is not checked: the base as a whole is taken to have no "
                   "printed lines (layout mode 'line'), so \"in the third line of Part 1(c)\" gives only an "
                   "'unverifiable' warning and the words are inserted on line 4, although Part 1(c) is hard-wrapped "
                   "and its printed lines can be counted")
def test_part_1c_wrong_line_is_qualifier_not_met(tmp_path):
    r = _consolidate(_only('Part 1 of the Schedule is hereby amended by inserting the words "or other funds" '
                           'immediately after the word "deposits" in the third line of Part 1(c).'), tmp_path)
    assert [d.kind for d in r.errors] == ["qualifier_not_met"]
    assert r.text == BASE


@pytest.mark.xfail(strict=True, reason="'unverifiable' warning (\"the base has no printed lines, so \\\"line 4\\\" "
                   "cannot be checked\") on a hard-wrapped provision")
def test_part_1c_line_qualifier_is_verified(result):
    assert not [d for d in result.diagnostics if d.kind == "unverifiable"]


def test_part_1g_restatement_leaves_part_2_alone(result):
    for ln in BASE.split("\n")[45:55]:
        assert ln in result.text
    assert "7 Part 2. Tax Representations." in result.text


def test_part_1g_restated_text(lines):
    new = ("“Termination Currency” means United States Dollars; provided that, for any Transaction denominated in "
           "Euro, the Termination Currency shall be Euro.")
    (line,) = [ln for ln in lines if ln.startswith("(g) ") and "Termination Currency" in ln]
    assert line.replace("**", "").startswith("(g) " + new)
    assert line.count("**") % 2 == 0
    assert line.removeprefix("(g) ").replace("**“Termination Currency”**", "“Termination Currency”").startswith(new)


# ---- Part 3 tables ---------------------------------------------------------------------------

@pytest.mark.xfail(strict=True, reason="not understood: ''row' is not understood here; expected a name, a section "
                   "number, an ordinal ...' for 'deleting the words \"Within 120 days\" in the row relating to the "
                   "annual audited consolidated financial statements of Party B and replacing them with ...'")
def test_part_3b_words_replaced_in_a_table_row(result, lines):
    assert _line(lines, "Party B\tAnnual audited") == (
        "Party B\tAnnual audited consolidated financial statements of Party B prepared in accordance with "
        "generally accepted accounting principles in the United States.\tWithin 90 days after the end of each "
        "fiscal year of Party B.\tYes")
    assert not result.errors


NEW_ROW = ("Party B\tA certificate of an authorized officer of the general partner of Party B certifying the Net "
           "Asset Value of Party B as of the last Local Business Day of each calendar month.\tWithin 30 days after "
           "the end of each calendar month.\tYes")


def test_part_3b_row_added_once(lines):
    """1(e): adding the following row at the end of the table (the words, at least, arrive)."""
    assert len([ln for ln in lines if ln.replace("\t", " ") == NEW_ROW.replace("\t", " ")]) == 1


@pytest.mark.xfail(strict=True, reason="the added row loses its tab cell separators (written 'Party B A certificate "
                   "... month. Yes' with spaces) and is put after the page number '8' that follows the table, "
                   "instead of right after the table's last row")
def test_part_3b_row_added_as_a_row_of_the_table(lines):
    i = _line(lines, "Party B\tQuarterly unaudited")
    assert lines[lines.index(i) + 1] == NEW_ROW


# ---- Part 4 ----------------------------------------------------------------------------------

def test_part_4e_words_inserted_after_party_a(lines):
    """1(f): inserting ", acting in good faith ..." immediately after "Party A" (no space before the comma)."""
    assert _line(lines, "(e) **Calculation Agent.**") == (
        "(e) **Calculation Agent.** The Calculation Agent is Party A, acting in good faith and in a commercially "
        "reasonable manner, unless otherwise specified in a Confirmation in relation to the relevant Transaction.")


def test_part_4g_word_replaced(lines):
    """1(g): Part 4(g) ... deleting "none" and inserting in lieu thereof "Northfield Financial Corporation"."""
    assert _line(lines, "(g) **Credit Support Provider.**") == (
        "(g) **Credit Support Provider.** Credit Support Provider means in relation to Party A, Northfield Financial "
        "Corporation, and in relation to Party B, Harborview Energy Holdings LLC.")


# ---- Part 5 ----------------------------------------------------------------------------------

NEW_K = ("(k) **Amendments.** No amendment, modification or waiver in respect of this Agreement will be effective "
         "unless in writing (including a writing evidenced by a facsimile transmission or electronic messaging "
         "system) and executed by each of the parties.")


def test_part_5k_added_after_5j_before_the_signatures(lines):
    """1(h): the new paragraph (k) "at the end" of Part 5 goes after (j), not after the signature block."""
    k = lines.index(NEW_K)
    j = lines.index(_line(lines, "(j) **Scope of Agreement.**"))
    assert j < k < lines.index(_line(lines, "IN WITNESS WHEREOF"))


def test_part_5k_laid_out_like_its_neighbours(lines):
    j = lines.index(_line(lines, "(j) **Scope of Agreement.**"))
    assert lines[j + 1: j + 4] == ["", NEW_K, ""]


# ---- Credit Support Annex, Paragraph 13 ------------------------------------------------------

def test_paragraph_13_b_i_A_restated(lines):
    (line,) = [ln for ln in lines if ln.startswith("(A) ") and "Delivery Amount" in ln]
    assert line in ("(A) “Delivery Amount” has the meaning specified in Paragraph 3(a).",
                    "(A) **“Delivery Amount”** has the meaning specified in Paragraph 3(a).")


def test_threshold_definition_amended_in_paragraph_13(lines):
    """2(b): the definition of "Threshold" in Paragraph 13 (bold, curly quotes), not "Threshold Amount"."""
    assert _line(lines, "(B) **“Threshold”**") == (
        "(B) **“Threshold”** means with respect to Party A: infinity; with respect to Party B: USD 2,500,000; "
        "provided that if an Event of Default has occurred and is continuing with respect to Party B, the "
        "Threshold for Party B shall be zero.")


def test_valuation_agent_words_replaced(lines):
    assert _line(lines, "(i) “Valuation Agent”") == (
        "(i) “Valuation Agent” means the party making the demand under Paragraph 3.")


# ---- the amendment as a whole ----------------------------------------------------------------

def test_amendment_names_this_schedule(result):
    assert not [d for d in result.diagnostics if d.kind == "names_agreement" and d.severity == "warning"]


def _expected() -> str:
    t = BASE
    for old, new in [
        ("declines below USD 10,000,000", "declines below USD 25,000,000"),
        ("respect of deposits received", "respect of deposits or other funds received"),
        ("(g) **“Termination Currency”** means United States Dollars. 7",
         "(g) “Termination Currency” means United States Dollars; provided that, for any Transaction denominated "
         "in Euro, the Termination Currency shall be Euro. 7"),
        ("Within 120 days", "Within 90 days"),
        ("The Calculation Agent is Party A,",
         "The Calculation Agent is Party A, acting in good faith and in a commercially reasonable manner,"),
        ("in relation to Party A, none,", "in relation to Party A, Northfield Financial Corporation,"),
        ("(A) **“Delivery Amount”** has the meaning specified in Paragraph 3(a), except that the words \"upon a "
         "demand made by the Secured Party on or promptly following a Valuation Date\" shall be deleted and "
         "replaced with the words \"not later than the close of business on each Valuation Date\".",
         "(A) “Delivery Amount” has the meaning specified in Paragraph 3(a)."),
        ("with respect to Party B: USD 5,000,000", "with respect to Party B: USD 2,500,000"),
        ("(i) “Valuation Agent” means Party A.", "(i) “Valuation Agent” means the party making the demand under "
         "Paragraph 3."),
    ]:
        if new is None:
            continue
        assert t.count(old) == 1, old
        t = t.replace(old, new)
    quarterly = next(ln for ln in t.split("\n") if ln.startswith("Party B\tQuarterly"))
    t = t.replace(quarterly + "\n", quarterly + "\n" + NEW_ROW + "\n")
    j = next(ln for ln in t.split("\n") if ln.startswith("(j) **Scope of Agreement.**"))
    t = t.replace(j + "\n", j + "\n\n" + NEW_K + "\n")
    return t


@pytest.mark.xfail(strict=True, reason="see the xfails above: Part 2 deleted by the Part 1(g) restatement, the "
                   "table-row instruction not understood, the added row without tabs and after the page number, "
                   "unbalanced '**' in two restatements, (k) without its blank line")
def test_whole_conformed_copy(result):
    assert result.text == _expected()
