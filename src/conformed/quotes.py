"""Quotation marks as filings write them: curly, straight, doubled (``''``, ````), nested.

A straight ``"`` opens a quotation when it follows white space or an opening bracket and closes
one when white space or punctuation follows it; curly quotes say which they are. Pairing is done
with a stack, so ``"(the "NOTES")"`` is one quotation holding another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, EITHER = "open", "close", "either"
_QUOTE = re.compile(r"''|``|[\"“”„]")
_SOFT = "*_|"  # markdown marks that may sit between a quote and its word
_OPEN_BEFORE = set(" \t\n\r\u00a0([{[—–-/:;") | {""}
_CLOSE_AFTER = set(" \t\n\r\u00a0.,;:)]}!?—–-/'’") | {""}


@dataclass(frozen=True)
class Mark:
    pos: int
    length: int
    kind: str


@dataclass(frozen=True)
class Quotation:
    """A paired quotation: ``open`` and ``close`` are the offsets of the marks."""

    open: int
    open_len: int
    close: int  # -1 when never closed
    close_len: int

    @property
    def start(self) -> int:
        return self.open

    @property
    def end(self) -> int:
        return self.close + self.close_len if self.close >= 0 else -1

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + self.open_len, self.close


def marks(text: str, start: int = 0, end: int | None = None) -> list[Mark]:
    end = len(text) if end is None else end
    out = []
    for m in _QUOTE.finditer(text, start, end):
        q = m.group()
        if q in ("“", "„", "``"):
            kind = OPEN
        elif q == "”":
            kind = CLOSE
        else:
            before = _neighbour(text, m.start() - 1, -1, start)
            after = _neighbour(text, m.end(), 1, end)
            opens, closes = before in _OPEN_BEFORE, after in _CLOSE_AFTER
            kind = OPEN if opens and not closes else CLOSE if closes and not opens else EITHER
        out.append(Mark(m.start(), m.end() - m.start(), kind))
    return out


def _neighbour(text: str, i: int, step: int, limit: int) -> str:
    while (i >= limit if step < 0 else i < limit) and text[i] in _SOFT:
        i += step
    if step < 0 and i < limit or step > 0 and i >= limit:
        return ""
    return text[i]


def pair(text: str, start: int = 0, end: int | None = None) -> tuple[list[Quotation], list[Mark]]:
    """Top-level quotations in ``text[start:end]`` and the closing marks that match nothing."""
    stack: list[Mark] = []
    top: list[Quotation] = []
    stray: list[Mark] = []
    found = marks(text, start, end)
    # Closing marks still to come, so that a mark with white space on both sides (the
    # conversion artefact `" Threshold"`) opens a quotation when enough closers follow.
    closers_after = [0] * (len(found) + 1)
    for k in range(len(found) - 1, -1, -1):
        closers_after[k] = closers_after[k + 1] + (found[k].kind == CLOSE)
    for k, mark in enumerate(found):
        if mark.kind == EITHER:
            closes = bool(stack) and closers_after[k + 1] < len(stack) + 1
        else:
            closes = mark.kind == CLOSE
        if closes and stack:
            opener = stack.pop()
            if not stack:
                top.append(Quotation(opener.pos, opener.length, mark.pos, mark.length))
        elif closes:
            stray.append(mark)
        else:
            stack.append(mark)
    if stack:
        opener = stack[0]
        top.append(Quotation(opener.pos, opener.length, -1, 0))
    for mark in list(stray):
        repaired = _lost_opener(text, mark, top, start)
        if repaired is not None:
            stray.remove(mark)
            top.append(repaired)
    top.sort(key=lambda q: q.open)
    return top, stray


# "The definition ofClass B Certificates”": a conversion dropped the opening curly quote and the
# space before it, gluing the quoted term to the word before.
_GLUED = re.compile(r"\b(?:of|to|term|terms|word|words|phrase)(?=[A-Z][^\s”\"]*)")


def _lost_opener(text: str, mark: Mark, top: list[Quotation], start: int) -> Quotation | None:
    """A curly closing quote that closes nothing, after a term glued to the word before it: the
    quotation it closes, its opening mark lost (zero length)."""
    if text[mark.pos:mark.pos + mark.length] != "”":
        return None
    floor = max([q.end for q in top if 0 <= q.end <= mark.pos] + [start, mark.pos - 80])
    glued = [m for m in _GLUED.finditer(text, floor, mark.pos)]
    if not glued or "\n\n" in text[glued[-1].end():mark.pos]:
        return None
    return Quotation(glued[-1].end(), 0, mark.pos, mark.length)


def mask(text: str, start: int = 0, end: int | None = None) -> tuple[str, list[Quotation]]:
    """``text[start:end]`` with every top-level quotation replaced, quote marks included, by
    ``«···»`` of the same length, so that offsets stay those of the source."""
    end = len(text) if end is None else end
    chars = list(text[start:end])
    quotations, _ = pair(text, start, end)
    for q in quotations:
        stop = q.end if q.close >= 0 else end
        a, b = q.open - start, stop - start
        chars[a:b] = ["«"] + ["·"] * (b - a - 2) + ["»"] if b - a >= 2 else ["«"]
    return "".join(chars), quotations


_TRAILER = re.compile(r"""^[\s*_|]*(?:[.;,:]+[\s*_|]*)?(?:(?:and|or)\b[\s*_|]*)?$""")


def strip_outer(text: str) -> tuple[str, str]:
    """Remove the quotation marks that wrap a whole payload block.

    Returns the inner text and a note: "" when the block was wrapped and closed, "unclosed" when
    it opened a quotation it never closed, "none" when it was not wrapped at all. Only marks
    that enclose everything are removed: ``"NOTES" means ...`` keeps its quotes.
    """
    lead = len(text) - len(text.lstrip(" \t\n\r*_|"))
    if lead >= len(text) or not _QUOTE.match(text, lead):
        return _drop_stray_close(text), "none"
    quotations, _ = pair(text)
    first = next((q for q in quotations if q.open == lead), None)
    if first is None:
        return text, "none"
    if first.close < 0:
        return text[first.inner[0]:], "unclosed"
    if _TRAILER.match(text[first.end:]):
        return text[first.inner[0]:first.close], ""
    return text, "none"


def _drop_stray_close(text: str) -> str:
    """A payload that ends with a closing quote it never opened (``...such date;”``)."""
    quotations, stray = pair(text)
    if stray and _TRAILER.match(text[stray[-1].pos + stray[-1].length:]):
        return text[:stray[-1].pos] + text[stray[-1].pos + stray[-1].length:]
    return text
