"""Real agreements with a real amendment each, against the conformed copy made by hand."""
from __future__ import annotations

import re
import unicodedata

import pytest

from conformed import engine
from conformed.api import load

from .conftest import PAIRS


def words(text: str) -> list[str]:
    """The comparison of ../shared/tools/pairs_check.py: whitespace, quote style and markdown marks ignored."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                                         "`": " ", "|": " ", "#": " "}))
    text = re.sub(r"\*\*|__|(?<!\w)_|_(?!\w)|-{3,}", " ", text)
    return text.split()


@pytest.mark.parametrize("name", ["btmu-boozallen-isda", "aron-calumet-isda", "barclays-boozallen-isda"])
def test_pair_is_conformed_exactly(name):
    folder = PAIRS / name
    result = engine.run(load(folder / "base.txt"), [load(folder / "amendment.txt")])
    assert result.errors == []
    assert words(result.text) == words((folder / "conformed.txt").read_text(encoding="utf-8"))


def test_superseded_schedule_is_left_alone_and_the_recited_one_is_amended():
    folder = PAIRS / "aron-calumet-isda"
    base = load(folder / "base.txt")
    result = engine.run(base, [load(folder / "amendment.txt")])
    lines = base.text.splitlines()
    # line 560 holds the 2008 schedule's "Letter of Credit Default"; it must not change
    assert lines[559] in result.text.splitlines()
    warnings = [d.message for d in result.diagnostics if d.kind == "near_match"]
    assert warnings and '"Letters of Credit"' in warnings[0]
