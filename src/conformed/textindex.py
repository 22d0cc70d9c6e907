"""Find quoted words in an agreement the way a careful reader would.

Amendments quote the base loosely: straight quotes for curly ones, a line break where the base
has a space, ``FISCAL AGENCY AGREEMENT`` for ``Fiscal Agency Agreement``, page furniture in the
middle of the words. A :class:`Dense` view drops white space, markdown marks and page furniture,
folds quotes, dashes and case, and keeps a map back to offsets in the original text, so every
match is a real span of the base. Word boundaries and case are checked on the original text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"',
                       "\u00bb": '"', "\u2018": "'", "\u2019": "'", "\u2032": "'", "`": "'",
                       "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u00ad": "-"})
# Runs of characters that count; white space, markdown emphasis, table pipes and escapes do not.
_KEEP = re.compile(r"[^\s*_|\\\u00a0\u200b]+")


def fold(text: str) -> str:
    """The dense, folded form of a phrase: what :class:`Dense` searches for."""
    text = text.replace("''", '"')
    return _lower("".join(_KEEP.findall(text.translate(_FOLD))))


def _lower(run: str) -> str:
    low = run.lower()
    if len(low) == len(run):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in run)


@dataclass(frozen=True)
class Match:
    start: int
    end: int


class Dense:
    """A searchable folded view of some segments of a text."""

    def __init__(self, text: str, segments: list[tuple[int, int]]):
        self.text = text
        pieces: list[str] = []
        self._runs: list[str] = []  # each run as the original text has it (same length as folded)
        self._dense_starts: list[int] = []
        self._orig_starts: list[int] = []
        pos = 0
        for seg_start, seg_end in segments:
            for m in _KEEP.finditer(text, seg_start, seg_end):
                run = _lower(m.group().translate(_FOLD))
                pieces.append(run)
                self._runs.append(m.group())
                self._dense_starts.append(pos)
                self._orig_starts.append(m.start())
                pos += len(run)
        self.dense = "".join(pieces)

    def to_original(self, index: int) -> int:
        i = bisect.bisect_right(self._dense_starts, index) - 1
        return self._orig_starts[i] + (index - self._dense_starts[i])

    def _visible(self, d_start: int, d_end: int) -> str:
        """The original words behind a dense span, page furniture left out (one slice and one join:
        a long phrase found at many overlapping places stays fast)."""
        first = bisect.bisect_right(self._dense_starts, d_start) - 1
        last = bisect.bisect_left(self._dense_starts, d_end) - 1
        lo, hi = d_start - self._dense_starts[first], d_end - self._dense_starts[last]
        if first == last:
            return self._runs[first][lo:hi]
        pieces = self._runs[first:last + 1]
        pieces[0], pieces[-1] = pieces[0][lo:], pieces[-1][:hi]
        return " ".join(pieces)

    def find_all(self, phrase: str) -> list[Match]:
        """Every match of ``phrase`` on word boundaries whose case is compatible."""
        needle = fold(phrase)
        if not needle:
            return []
        out: list[Match] = []
        # a phrase found at many overlapping places (a long run of one mark) shows the same words
        # again and again: each is checked once
        quoted, checked = _WORD.findall(phrase), {}
        # two matches are never closer than the needle's period; the match one period on needs only
        # its last ``period`` characters compared (a long needle in a long run stays linear)
        period = _period(needle)
        tail = needle[len(needle) - period:]
        i = self.dense.find(needle)
        while i >= 0:
            start = self.to_original(i)
            end = self.to_original(i + len(needle) - 1) + 1
            if _on_boundaries(self.text, start, end, needle):
                found = self._visible(i, i + len(needle))
                if found not in checked:
                    checked[found] = _same_words(quoted, _WORD.findall(found))
                if checked[found]:
                    out.append(Match(start, end))
            if period < len(needle) and self.dense.startswith(tail, i + len(needle)):
                i += period
            else:
                i = self.dense.find(needle, i + period)
        return out


def _period(s: str) -> int:
    """The smallest p > 0 with s[i] == s[i + p] for every i (len(s) when there is none)."""
    border = [0] * len(s)
    k = 0
    for i in range(1, len(s)):
        while k and s[i] != s[k]:
            k = border[k - 1]
        if s[i] == s[k]:
            k += 1
        border[i] = k
    return len(s) - border[-1] if s else 1


def _on_boundaries(text: str, start: int, end: int, needle: str) -> bool:
    if needle[0].isalnum() and start > 0 and text[start - 1].isalnum():
        return False
    if needle[-1].isalnum() and end < len(text) and text[end].isalnum():
        return False
    return True


_WORD = re.compile(r"[^\W\d_]+")


def case_compatible(quoted: str, found: str) -> bool:
    """Same words, allowing one side to set them in capitals (the defined-term style of EDGAR).

    "Fiscal Agency Agreement" finds "FISCAL AGENCY AGREEMENT"; "separation from service" does
    not find "Separation from Service" (a case-only change is a real change).
    """
    return _same_words(_WORD.findall(quoted), _WORD.findall(found))


def _same_words(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    if len(a) != len(b):
        return a == b or "".join(a).lower() == "".join(b).lower()
    return all(x == y or x.isupper() or y.isupper() for x, y in zip(a, b))
