"""The whole conformed agreement for the seed amendment, against a copy checked by reading it.

tests/fixtures/seed/conformed.txt differs from the base in exactly these places, each read
against the amendment:
  Section 1  -- the Recitals, clause (a): '(the "NOTES")' deleted, no double space left;
  Section 2  -- "FISCAL AGENCY AGREEMENT", "NOTES", "WARRANT AGREEMENT" replaced by the new
                definitions, each where it sorts (the new NOTES before the page break, the old one
                after it removed);
  Section 3(a) -- after "Required Holders" on the fourth line of 13.4, before its semicolon;
  Section 3(b) -- the new proviso after the first sentence of 13.4;
  Section 3(c) -- the new sentence at the end of 13.4.
"""
from __future__ import annotations

from conformed import engine
from conformed.api import load

from .conftest import AGREEMENT, AMENDMENT, FIXTURES, SIDE_LETTER


def test_seed_conformed_copy_matches_the_checked_copy():
    result = engine.run(load(AGREEMENT), [load(AMENDMENT)])
    assert result.errors == []
    assert result.text == (FIXTURES / "seed" / "conformed.txt").read_text()


def test_the_side_letter_changes_nothing():
    result = engine.run(load(AGREEMENT), [load(SIDE_LETTER)])
    assert result.errors == [] and result.text == AGREEMENT.read_text()


def test_the_golden_copy_differs_from_the_base_only_where_the_amendment_says():
    import difflib
    base = AGREEMENT.read_text().splitlines()
    golden = (FIXTURES / "seed" / "conformed.txt").read_text().splitlines()
    changed = [(tag, i1) for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, golden).get_opcodes()
               if tag != "equal"]
    assert [i1 + 1 for _, i1 in changed] == [51, 93, 103, 106, 127, 255, 259, 261]
