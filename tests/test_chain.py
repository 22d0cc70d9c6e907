"""A credit agreement amended five times, in the layout of EDGAR filings (tests/fixtures/chain/).

The golden copies conformed-after-2.txt and conformed-after-5.txt were written by reading the
amendments and editing the base by hand, as the conformed copy a user gets (`conformed
consolidate -o`): the base's lines kept, a changed paragraph re-wrapped from its first change on
where the change left a line too long or too short. What the chain exercises:
  First Amendment (2011-02-01)  -- "Applicable Margin" restated; two definitions added in
      alphabetical order; words replaced in the second sentence of Section 2.01; Schedule 2.01
      restated from the amendment's attachment;
  Second Amendment (2011-09-15) -- words deleted from Section 2.05(b); a new Section 2.06 after
      Section 2.05; clause (c) of Section 6.01 deleted and (d)-(h) relettered (c)-(g);
  Third Amendment (2012-06-30)  -- "Applicable Margin" again, quoting the First Amendment's words;
      "Maturity Date"; a phrase at the end of Section 2.03(d); Section 6.10 restated;
  Fourth Amendment (2013-04-15) -- clauses (d) and (g) of Section 6.01 by their new letters; the
      "; and" moved from (f) to (g); a new clause (h); a cross-reference in Section 6.02(c);
  Fifth Amendment (2014-12-01)  -- words replaced across line breaks ("Consolidated EBITDA",
      Section 9.01(a)); "Maturity Date" again; Section 6.06 "[Reserved]"; a new Section 6.11.
"""
from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner

import conformed
from conformed import api
from conformed.cli import main

from .conftest import FIXTURES, write

CHAIN = FIXTURES / "chain"
BASE = CHAIN / "credit-agreement.txt"
AMENDMENTS = [CHAIN / f"amendment-{n}.txt" for n in range(1, 6)]
AFTER_2 = (CHAIN / "conformed-after-2.txt").read_text(encoding="utf-8")
AFTER_5 = (CHAIN / "conformed-after-5.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def after_5():
    return conformed.consolidate(BASE, AMENDMENTS)


@pytest.fixture(scope="module")
def after_2():
    return conformed.consolidate(BASE, AMENDMENTS[:2])


def _paragraph(text: str, opening: str) -> str:
    (par,) = [p for p in text.split("\n\n") if p.lstrip(" \f\n").startswith(opening)]
    return par


# ------------------------------------------------------------------------------ the golden copies
def test_the_five_amendments_in_date_order_give_the_checked_copy(after_5):
    assert api.conformed_copy(after_5).decode("utf-8") == AFTER_5


def test_the_first_two_amendments_give_the_checked_copy(after_2):
    assert after_2.errors == []
    assert api.conformed_copy(after_2).decode("utf-8") == AFTER_2


def test_the_engine_s_text_has_the_words_of_the_checked_copy(after_2, after_5):
    # Result.text differs from the file only in the line breaks of re-wrapped paragraphs
    assert after_2.text.split() == AFTER_2.split()
    assert after_5.text.split() == AFTER_5.split()


def test_the_restated_schedule_keeps_its_heading_and_takes_the_attached_table(after_2):
    schedule = after_2.text[after_2.text.rindex("\f"):]
    assert schedule.count("SCHEDULE 2.01") == 1 and "$35,000,000" in schedule and "$30,000,000" not in schedule


@pytest.mark.parametrize("opening", [
    '"Applicable Margin"',
    "“Consolidated EBITDA”",
    '"First Amendment Effective Date"',
    "“Maturity Date”",
    "“Permitted Acquisition”",
    "SECTION 2.01.",
    "(b) The Borrower may at any time terminate",
    "(d) Accrued interest",
    "SECTION 2.06.",
    "(c) Guarantees by the Borrower",
    "(d) Capital Lease Obligations",
    "(e) Indebtedness of any Person",
    "(f) Indebtedness in respect of performance bonds",
    "(g) other unsecured Indebtedness",
    "(h) Indebtedness incurred to finance any Permitted Acquisition",
    "(c) Liens on fixed or capital assets",
    "(e) other Liens",
    "SECTION 6.06.",
    "SECTION 6.10.",
    "SECTION 6.11.",
    "(a) if to the Borrower",
])
def test_each_amended_paragraph_is_laid_out_as_in_the_checked_copy(after_5, opening):
    assert _paragraph(api.conformed_copy(after_5).decode("utf-8"), opening) == _paragraph(AFTER_5, opening)


def test_text_outside_the_changes_is_kept_byte_for_byte(after_5):
    assert after_5.text.count("\f") == BASE.read_text(encoding="utf-8").count("\f") == 7
    assert after_5.text.startswith(BASE.read_text(encoding="utf-8")[:1500])
    assert "                                     Page 4\n\f\n" in after_5.text


# ------------------------------------------------------------------------------ validate
def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_validate_says_every_instruction_applies():
    done = run("validate", BASE, *AMENDMENTS)
    assert done.exit_code == 0, done.output


def test_every_instruction_of_the_chain_applies_and_a_recital_of_the_request_is_not_one():
    rep = conformed.validate(BASE, AMENDMENTS)
    assert [(s.amendment, s.id, s.status) for s in rep.statuses if not s.ok] == []
    # "The Borrower has requested that the Credit Agreement be further amended as set forth
    # below" (amendment-5.txt:14) recites the request; it is no instruction
    assert "has requested" not in " ".join(s.text for s in rep.statuses)
    applied = [s.id for s in rep.statuses if s.ok]
    assert applied.count("1(c)") >= 2 and "1.4" in applied and "2(d)" in applied
    assert len(applied) == 23


def test_validate_sees_each_amendment_recite_the_ones_before_it():
    done = run("validate", BASE, *AMENDMENTS)
    for label, recited in [("Second", "(Amendment No. 1)"), ("Third", "(Amendment No. 1 and Amendment No. 2)")]:
        assert f"{label} Amendment recites the amendments applied before it {recited}" in done.output
    assert "Fourth Amendment recites the amendments applied before it" in done.output
    assert "Fifth Amendment recites the amendments applied before it" in done.output


# ------------------------------------------------------------------------------ the redline
@pytest.fixture(scope="module")
def changes():
    return json.loads(conformed.redline(BASE, AMENDMENTS, fmt="json"))["changes"]


def test_the_redline_gives_the_margin_s_latest_wording_to_the_third_amendment(changes, after_5):
    margin = _paragraph(after_5.text, '"Applicable Margin"')
    start = after_5.text.index(margin)
    inside = [c for c in changes if c["kind"] == "insert"
              and start <= c["conformed"]["start"] < start + len(margin)]
    by_text = {c["text"].split()[0] if c["text"].split() else c["text"]: c for c in inside}
    three = by_text["3.00%"]
    assert three["amendment"].startswith("Third Amendment") and three["amendment_path"].endswith("amendment-3.txt")
    assert three["instruction"] == "1.1"
    # the First Amendment's restatement still owns the words the Third left alone
    assert any(c["amendment"].startswith("First Amendment") and "provided that" in c["text"] for c in inside)
    assert not any("2.75%" in c["text"] for c in inside)


def test_the_redline_gives_the_relettered_clause_s_later_change_to_the_fourth_amendment(changes, after_5):
    clause = _paragraph(after_5.text, "(d) Capital Lease Obligations")
    start = after_5.text.index(clause)
    inside = [c for c in changes if start <= c["conformed"]["start"] <= start + len(clause)]
    (twenty,) = [c for c in inside if c["kind"] == "insert" and c["text"] == "$20,000,000"]
    assert twenty["amendment"].startswith("Fourth Amendment") and twenty["instruction"] == "1(a)"
    assert twenty["amendment_path"].endswith("amendment-4.txt")
    relettered = [c for c in inside if c["amendment"] and c["amendment"].startswith("Second Amendment")]
    assert relettered, "the new letter (d) should be the Second Amendment's"


# ------------------------------------------------------------------------------ instructions as drafted
COMPOUND = """\
          (c) Section 6.01 of the Credit Agreement is hereby further amended
     by (i) deleting the word "and" at the end of clause (f) thereof, (ii)
     deleting the period at the end of clause (g) thereof and substituting
     "; and" therefor and (iii) adding the following new clause (h) at the
     end thereof:

               "(h) Indebtedness incurred to finance any Permitted
          Acquisition in an aggregate principal amount not exceeding
          $7,500,000 at any time outstanding."

"""


def test_the_fourth_amendment_drafted_as_one_compound_instruction(tmp_path, after_5):
    text = AMENDMENTS[3].read_text(encoding="utf-8")
    start = text.index("          (c) Clause (f) of Section 6.01")
    end = text.index("          (f) Section 6.02(c)")
    drafted = write(tmp_path, "amendment-4.txt", text[:start] + COMPOUND + text[end:])
    result = conformed.consolidate(BASE, [*AMENDMENTS[:3], drafted, AMENDMENTS[4]])
    assert [e for e in result.errors if "amendment-4" in str(e)] == []
    assert _paragraph(result.text, "(f) Indebtedness in respect") == _paragraph(after_5.text, "(f) Indebtedness in respect")
    assert "(h) Indebtedness incurred" in result.text


def test_words_said_to_be_at_the_end_of_a_clause_must_be_there(tmp_path):
    wrong = write(tmp_path, "amendment-4.txt",
                  "                   FOURTH AMENDMENT TO CREDIT AGREEMENT\n\n"
                  "     1.  Section 6.01 of the Credit Agreement is hereby amended by deleting\n"
                  "the word \"and\" at the end of clause (e) thereof.\n")
    result = conformed.consolidate(BASE, [*AMENDMENTS[:2], wrong])
    # clause (e) has an "and" only in its middle ("becomes a Subsidiary and is not created")
    assert [(e.kind, e.message) for e in result.errors] == [
        ("qualifier_not_met", '"and" is in clause (e) of Section 6.01 but not at its end')]
    assert _paragraph(result.text, "(e) Indebtedness of any Person") == _paragraph(AFTER_2, "(e) Indebtedness of any Person")


# ------------------------------------------------------------------------------ the deal file
def test_the_deal_file_applies_the_amendments_by_date_and_warns_of_the_listed_order(after_5):
    if not importlib.util.find_spec("conformed.deal"):
        pytest.skip("deal files not implemented yet")
    result = conformed.consolidate(CHAIN / "conformed.toml")
    assert result.text == after_5.text
    findings = list(getattr(result, "diagnostics", None) or []) + list(getattr(result, "notes", None) or [])
    messages = {getattr(n, "message", str(n)) for n in findings}
    (order,) = [m for m in messages if "not listed in the order of their effective dates" in m]
    assert "conformed.toml" in order
    assert ("First Amendment (2011-02-01), Second Amendment (2011-09-15), Third Amendment (2012-06-30), "
            "Fourth Amendment (2013-04-15), Fifth Amendment (2014-12-01)") in order
    # the label and date the deal file gives; the others read from the amendments themselves
    assert [(s.label, s.identity.date) for s in result.steps][2] == ("Third Amendment", "2012-06-30")


def test_validate_says_what_each_instruction_does_where():
    rep = conformed.validate(BASE, AMENDMENTS[:3])
    said = {(s.amendment, s.id): s.message for s in rep.statuses}
    assert said[("Third Amendment", "1.1")] == ('replaces words in 2 places in the definition of "Applicable Margin" '
                                               "in Section 1.01 of the Credit Agreement")
    assert said[("Third Amendment", "1.2")] == ('replaces words in the definition of "Maturity Date" in Section 1.01 '
                                               "of the Credit Agreement")
    assert said[("First Amendment", "2(b)")] == "adds 2 definitions in Section 1.01 of the Credit Agreement"
    assert said[("Third Amendment", "1.4")] == "restates provision in Section 6.10 of the Credit Agreement"


def test_history_follows_a_clause_through_relettering_and_a_new_section_to_its_instruction(after_5):
    from conformed import history
    clause_h = history.history(after_5, "clause (h) of Section 6.01")
    assert [(v.by, [p.instruction for p in v.instructions], bool(v.text)) for v in clause_h] == [
        ("the base agreement", [], True), ("Second Amendment", ["1(c)"], False), ("Fourth Amendment", ["1(e)"], True)]
    added = history.history(after_5, "Section 2.06")
    assert [(v.by, [p.instruction for p in v.instructions]) for v in added] == [
        ("the base agreement", []), ("Second Amendment", ["1(b)"])]
    assert added[0].text == "" and added[1].text.lstrip().startswith("SECTION 2.06.")
