"""White space and escaping shared by the HTML reader and both HTML writers."""
from __future__ import annotations

import html
import re

_SPACE = re.compile(r"[ \t\n\r\f\u00a0\u2007\u202f\u200b]+")
# (a gap starts where its white space starts: the look-behind keeps a long run of spaces linear)
_BLOCK_GAP = re.compile(r"(?<![ \t\r\f\u00a0])[ \t\r\f\u00a0]*\n[ \t\r\f\u00a0]*\n\s*")
"""What separates two blocks of a text: a blank line (the engine separates the blocks of an HTML
or Word base, new ones included, by one, as it does a text's paragraphs)."""


def collapse(text: str) -> str:
    """``text`` as a browser shows it: runs of white space (``&nbsp;`` too) one space, soft
    hyphens gone, no space at either end."""
    return _SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def escaped(text: str) -> str:
    """``text`` as the content of an HTML element: white space and tabs one space, markup
    characters escaped (so text quoted from an amendment can never inject markup)."""
    return html.escape(_SPACE.sub(" ", text.replace("\t", " ")).strip(), quote=False)


def text_blocks(text: str) -> list[tuple[int, int]]:
    """The blocks of a text: (start, end) of each, white space at either end left out."""
    spans = []
    pos = 0
    for m in [*_BLOCK_GAP.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        if m is not None:
            pos = m.end()
    return spans
