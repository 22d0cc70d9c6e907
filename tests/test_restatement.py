"""Amendments that restate the whole agreement "as set forth in Annex A": the annex becomes the
new version, the redline compares the two versions, and validate says so."""
from __future__ import annotations

import pytest

import conformed
from conformed import apply, report
from conformed.runs import DELETE, INSERT, runs

from .conftest import AGREEMENT, FIXTURES, write

CREDIT = FIXTURES / "bases" / "credit-agreement.txt"

# An amendment in the style of EDGAR filings: hard-wrapped, a page mark before the annex, the
# annex opening with its own caption and then the restated agreement with its own title block.
COVER = """\
                     AMENDMENT NO. 4 AND RESTATEMENT AGREEMENT

     AMENDMENT NO. 4 AND RESTATEMENT AGREEMENT dated as of June 15, 2012 (this
"Amendment"), to the Credit Agreement dated as of March 1, 2010 (the "Credit
Agreement"), among ACME HOLDINGS, INC., the LENDERS party thereto and FIRST
NATIONAL BANK, as Administrative Agent.

     SECTION 1. Amendment and Restatement of the Credit Agreement.  Effective
as of the Amendment No. 4 Effective Date, the Credit Agreement is hereby
amended and restated in its entirety to read as set forth in Annex A
attached hereto.

     SECTION 2. Governing Law.  THIS AMENDMENT SHALL BE GOVERNED BY THE LAWS OF
THE STATE OF NEW YORK.

     IN WITNESS WHEREOF, the parties hereto have caused this Amendment to be
duly executed as of the date first above written.

                                        ACME HOLDINGS, INC.

                                        By: /s/ J. Smith
                                            Name: J. Smith

<PAGE>

                                    ANNEX A

"""


def restated(base: str) -> str:
    """The credit agreement as restated: a margin changed, a definition added, a clause moved."""
    new = base.replace("2.50% per annum", "2.25% per annum")
    new = new.replace('     "Restatement Date" means March 1, 2010.',
                      '     "Restatement Date" means June 15, 2012.\n\n'
                      '     "Sanctions" means economic or financial sanctions administered by\nOFAC.')
    return new


@pytest.fixture
def restatement(tmp_path):
    base = CREDIT.read_text()
    new = restated(base)
    return base, new, write(tmp_path, "amendment-4.txt", COVER + new)


def test_the_annex_becomes_the_agreement(restatement):
    base, new, amendment = restatement
    result = conformed.consolidate(CREDIT, [amendment])
    assert result.errors == []
    assert result.text.rstrip() == new.rstrip()


def test_validate_says_the_whole_agreement_is_restated(restatement):
    _, _, amendment = restatement
    rep = conformed.validate(CREDIT, [amendment])
    (status,) = [s for s in rep.statuses if s.id == "1"]
    assert status.ok and "restates the whole agreement as set forth in Annex A" in status.message
    assert "compares the two versions" in report.text(rep)


def test_the_redline_shows_only_what_the_restatement_changed(restatement):
    _, _, amendment = restatement
    result = conformed.consolidate(CREDIT, [amendment])
    changed = [r for r in runs(result.trace) if r.kind != "equal"]
    inserted = " ".join(r.text for r in changed if r.kind == INSERT)
    deleted = " ".join(r.text for r in changed if r.kind == DELETE)
    assert "2.25%" in inserted and "2.50%" in deleted
    assert "June 15, 2012" in inserted and '"Sanctions" means' in inserted
    assert "Consolidated EBITDA" not in inserted + deleted  # untouched text is not shown as changed
    assert all(r.by is not None and r.by.instruction == "1" for r in changed)


def test_a_long_restatement_is_compared_line_by_line_with_the_same_result(restatement, monkeypatch):
    _, new, amendment = restatement
    words = conformed.consolidate(CREDIT, [amendment])
    monkeypatch.setattr(apply, "WHOLE_DOCUMENT", 0)
    lines = conformed.consolidate(CREDIT, [amendment])
    assert lines.text == words.text
    changed = [r for r in runs(lines.trace) if r.kind != "equal"]
    assert any("2.25%" in r.text for r in changed) and len(changed) < 12


def test_a_later_amendment_applies_to_the_restated_text(restatement, tmp_path):
    _, _, amendment = restatement
    later = write(tmp_path, "amendment-5.txt", """\
                               AMENDMENT NO. 5

     AMENDMENT NO. 5 dated as of January 10, 2013, to the Credit Agreement dated as
of March 1, 2010, as amended and restated by Amendment No. 4.

     SECTION 1. Amendments. The definition of "Sanctions" in Section 1.01 of the
Credit Agreement is hereby amended by replacing the word "OFAC" with the words
"the U.S. Department of the Treasury's Office of Foreign Assets Control".

     IN WITNESS WHEREOF, the parties have executed this Amendment.
""")
    result = conformed.consolidate(CREDIT, [amendment, later])
    assert result.errors == []
    assert "administered by\nthe U.S. Department of the Treasury's Office of Foreign Assets Control." in result.text


def test_a_restatement_that_ends_on_a_kept_word_shows_the_space_before_the_deletion():
    from conformed import api, reader
    from conformed.document import Document
    base = Document(reader.from_text(
        "                         AGREEMENT\n\n     Section 1. Payment. The Company shall pay the Holder or of "
        "any\nsuccessor the amount due.\n\n     Section 2. Notices. Notices shall be in writing.\n", "base.txt"))
    amendment = Document(reader.from_text(
        "AMENDMENT NO. 1\n\n     1. Section 1 of the Agreement is hereby amended and restated in its entirety "
        "to read as follows:\n\n     \u201cSection 1. Payment. The Company shall pay the Holder or\u201d\n", "amd.txt"))
    result = conformed.consolidate(base, [amendment])
    assert "pay the Holder or\n\n     Section 2." in result.text
    markdown = api.render_redline(result, "markdown")
    assert "the Holder or ~~of any\nsuccessor the amount due.~~[^1]" in markdown
    changes = [r for r in runs(result.trace) if r.kind != "equal"]
    assert [(r.kind, r.text) for r in changes] == [(DELETE, " of any\nsuccessor the amount due.")]


def test_restating_the_whole_agreement_as_two_of_its_own_words_keeps_the_runs_tiled():
    # Found by bench/fuzz.py (seed 0, case 61266): the two kept words stand at different places
    # of the base, so their runs must not merge into one with a base span wider than its text.
    from conformed import reader
    from conformed.document import Document
    from tests import fuzzgen
    amendment = ("AMENDMENT NO. 1 TO SECURITIES EXCHANGE AGREEMENT\n\n     This AMENDMENT NO. 1 dated as of "
                 "February 21, 2003 amends the Securities Exchange Agreement dated as of January 30, 2003.\n\n"
                 "     Section 1.   AMENDMENT.\nthe Agreement is hereby deleted in its entirety and replaced with "
                 "the following:\n\n     \"AND ASSIGNS.\"\n")
    base = Document(reader.read(AGREEMENT))
    outcome = fuzzgen.check("", amendment, base_doc=base)
    assert outcome.changes >= 2
    result = conformed.consolidate(base, [Document(reader.from_text(amendment, "amendment.txt"))])
    assert result.text.strip() == "AND ASSIGNS."
