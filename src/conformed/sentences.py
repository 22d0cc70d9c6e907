"""Sentences of a provision, on demand.

A period ends a sentence only when what follows opens one (a capital, a quote, a parenthesis)
and what precedes is not an abbreviation ("Sec.", "U.S.", "Inc.", "No.", "ETC.") or an initial.
Numbers such as 13.4 and $0.001 never split because no space follows their period. Page
furniture between two sentences is skipped over.
"""
from __future__ import annotations

import re
from typing import Callable

ABBREVIATIONS = frozenset("""
sec secs no nos inc corp co cos ltd llc plc l.p lp n.a u.s u.s.a e.g i.e etc mr mrs ms dr st jr sr
vs v art arts para paras cl cls sch ex exh ch pp p vol approx dept est fig a.m p.m assn bros intl
int'l mfg ave blvd rd ft no.s ref seq et al cf viz
""".split())

_END = re.compile(r"""[.!?](?:["'”’)\]*_]+)?""")
_OPENER = re.compile(r"""[A-Z"“'‘(\[*_§]""")
_TOKEN_BEFORE = re.compile(r"""([\w.'’&-]+)\s*$""")


def split(text: str, start: int, end: int,
          skip: Callable[[int], int] | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text[start:end]`` (trimmed of surrounding white space).

    ``skip(offset)`` returns where visible text resumes if ``offset`` falls in page furniture.
    """
    spans: list[tuple[int, int]] = []
    begin = _skip_space(text, start, end, skip)
    pos = begin
    while pos < end:
        m = _END.search(text, pos, end)
        if not m:
            break
        after = _skip_space(text, m.end(), end, skip)
        if after >= end:
            break
        if m.end() < after and _OPENER.match(text, after) and not is_abbreviation(text, begin, m.start()):
            spans.append((begin, m.end()))
            begin = after
        pos = m.end()
    tail_end = _rstrip(text, begin, end)
    if tail_end > begin:
        spans.append((begin, tail_end))
    return spans


def is_abbreviation(text: str, begin: int, period: int) -> bool:
    if text[period] != ".":
        return False
    m = _TOKEN_BEFORE.search(text, max(begin, period - 30), period)
    if not m:
        return False
    token = m.group(1).lower().strip("'’")
    if token in ABBREVIATIONS:
        return True
    if re.fullmatch(r"[a-z]", token):  # an initial: "John A. Brennan"
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", token))  # "U.S", "N.V", "L.L.C"


def _skip_space(text: str, pos: int, end: int, skip: Callable[[int], int] | None) -> int:
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        if skip is not None:
            resumed = skip(pos)
            if resumed != pos:
                pos = resumed
                continue
        break
    return pos


def _rstrip(text: str, begin: int, end: int) -> int:
    while end > begin and text[end - 1].isspace():
        end -= 1
    return end
