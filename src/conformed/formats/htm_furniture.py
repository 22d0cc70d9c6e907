"""Page furniture in HTML: page breaks and the page numbers printed between pages.

An EDGAR filing converted from a printed agreement keeps its pages: an ``<hr>`` or an element
styled ``page-break-before/after`` ends one, and a paragraph holding only "12", "- 12 -" or
"Page 12 of 30" numbers it. None of that is the agreement's text, so the reader marks page
breaks as it parses and :func:`kept` drops them, and the page numbers, before the text is made."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .htm_parse import Item

_PAGE_NUMBER = re.compile(r"(?:[-\u2013\u2014]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7}|[A-Z]-\d{1,3})"
                          r"(?:\s+of\s+\d{1,4})?(?:\s*[-\u2013\u2014])?|<page>|\[page\]", re.I)
_PAGE_BREAK_STYLE = re.compile(r"(?:page-)?break-(?:before|after)\s*:\s*(?:always|page|left|right)", re.I)
_CENTRED = re.compile(r"text-align\s*:\s*(?:center|right)", re.I)


class Look(NamedTuple):
    """What an element's tag and attributes say about the page around it."""

    break_before: bool  # a page ends before the element
    break_after: bool  # a page ends after it
    centred: bool  # centred or right-aligned, where page numbers are printed

    @property
    def page_break(self) -> bool:
        return self.break_before or self.break_after


def look(tag: str, attrs: list[tuple[str, str | None]]) -> Look:
    """The page breaks and alignment an element's ``style`` and ``align`` give it."""
    style = " ".join(v or "" for k, v in attrs if k == "style")
    page_break = _PAGE_BREAK_STYLE.search(style)
    before = bool(page_break) and "after" not in page_break.group(0).lower()
    after = bool(page_break) and not before
    align = " ".join((v or "").lower() for k, v in attrs if k == "align")
    centred = tag == "center" or bool(_CENTRED.search(style)) or align in ("center", "right")
    return Look(before, after, centred)


def kept(items: list[Item]) -> list[Item]:
    """The blocks, without page breaks and page numbers.

    A block that reads like a page number is one only where a page number is printed: centred or
    right-aligned, or next to a page break or at either end of the document. A "12" on its own
    line in the running text ("The sum is / 12 / dollars.") is kept."""
    out = []
    for i, item in enumerate(items):
        if item.page_break:
            continue
        if _PAGE_NUMBER.fullmatch(item.text) and (item.centred or _next_to_break(items, i)):
            continue
        out.append(item)
    return out


def _next_to_break(items: list[Item], i: int) -> bool:
    before = items[i - 1] if i > 0 else None
    after = items[i + 1] if i + 1 < len(items) else None
    return before is None or after is None or before.page_break or after.page_break
