"""compare: a word-level redline of any two versions, on the sample agreement."""
from __future__ import annotations

import json
import random
import re

import conformed
from conformed.runs import DELETE, EQUAL, INSERT
from conformed.worddiff import compare

from .conftest import AGREEMENT

TEXT = AGREEMENT.read_text(encoding="utf-8")


def _tiles(runs, old, new):
    return ("".join(r.text for r in runs if r.kind != INSERT) == old
            and "".join(r.text for r in runs if r.kind != DELETE) == new
            and all(old[r.base[0]:r.base[1]] == r.text for r in runs if r.kind != INSERT)
            and all(new[r.conformed[0]:r.conformed[1]] == r.text for r in runs if r.kind != DELETE))


def test_scattered_word_edits_are_shown_word_by_word_and_tile_both_texts():
    rng = random.Random(5)
    words = list(re.finditer(r"\b[a-z]{6,}\b", TEXT))
    picked = sorted(rng.sample(words, 25), key=lambda m: m.start())
    new, pos = [], 0
    for m in picked:
        new.append(TEXT[pos:m.start()] + m.group().upper())
        pos = m.end()
    new = "".join(new) + TEXT[pos:]
    runs = compare(TEXT, new)
    assert _tiles(runs, TEXT, new)
    deleted = [r for r in runs if r.kind == DELETE]
    # every edited word is in a deletion; edits a word or two apart are shown together, no more
    assert all(any(r.base[0] <= m.start() < r.base[1] for r in deleted) for m in picked)
    assert all(len(r.text.split()) <= 8 for r in deleted)
    assert len(deleted) >= 20


def test_a_moved_paragraph_reads_as_one_deletion_and_one_insertion():
    start = TEXT.index("     13.3 GOVERNING LAW.")
    end = TEXT.index("     13.4 AMENDMENTS AND WAIVERS.")
    moved_para = TEXT[start:end]
    after = TEXT.index("     13.5", end) if "     13.5" in TEXT[end:] else len(TEXT)
    new = TEXT[:start] + TEXT[end:after] + moved_para + TEXT[after:]
    runs = compare(TEXT, new)
    assert _tiles(runs, TEXT, new)
    changed = [r for r in runs if r.kind != EQUAL]
    assert len(changed) == 2, [(r.kind, r.text[:40]) for r in changed]
    assert all(len(r.text.split()) >= 10 for r in changed)  # no one-word fragments


def test_a_rewritten_sentence_is_not_shredded():
    old = ("The Company shall deliver to each Holder, within ninety (90) days after the end of each\n"
           "fiscal year, audited financial statements certified by independent public accountants.\n")
    new = ("Within one hundred twenty (120) days after the end of each fiscal year the Borrower\n"
           "shall furnish to the Agent consolidated statements reported on by Ernst & Young LLP.\n")
    runs = compare(old, new)
    assert _tiles(runs, old, new)
    assert [r.kind for r in runs] == [DELETE, INSERT]


def test_compare_through_the_api_and_the_formats(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(TEXT, encoding="utf-8")
    new.write_text(TEXT.replace("Commonwealth of Massachusetts", "State of New York"), encoding="utf-8")
    md = conformed.compare(old, new, fmt="markdown")
    assert "~~Commonwealth of Massachusetts,~~[^1] **State of New York,**[^2] without regard" in md
    unified = conformed.compare(old, new, fmt="unified")
    assert "the laws of the [-Commonwealth of Massachusetts,-]" in unified
    assert "{+State of New York,+} without regard" in unified
    data = json.loads(conformed.compare(old, new, fmt="json"))
    at = TEXT.index("Commonwealth of Massachusetts")
    assert [(c["kind"], c["text"], c["base"]["start"], c["conformed"]["start"]) for c in data["changes"]] == [
        ("delete", "Commonwealth of Massachusetts, ", at, at), ("insert", "State of New York, ", at + 31, at)]
