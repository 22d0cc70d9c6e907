"""The conformed copy of a base that is not HTML (.txt, .md, .docx) as a plain HTML5 document."""
from __future__ import annotations

import html
import re
from pathlib import PurePath

from ..layout import FURNITURE, analyse
from ..reader import Source
from .htm_text import escaped, text_blocks

_TABULAR = re.compile(r"\S {3,}\S")
"""Columns laid out with spaces (a signature block, a schedule), which one <p> would run together."""


def document(base: Source, text: str) -> bytes:
    """A plain HTML5 document of ``text`` in UTF-8: one ``<p>`` per block; a block laid out as a
    table (columns of spaces) keeps its lines and spacing. Page marks and page numbers are left out."""
    furniture = _furniture_line_ends(base, text)
    paragraphs = []
    for cs, ce in text_blocks(text):
        lines = _lines_without_furniture(text, cs, ce, furniture)
        if lines:
            paragraphs.append(_paragraph(lines))
    title = html.escape(PurePath(base.path).stem or "Conformed copy", quote=False)
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n</head>\n<body>\n" + "\n".join(paragraphs) + "\n</body>\n</html>\n")
    return page.encode("utf-8")


def _furniture_line_ends(base: Source, text: str) -> set[int]:
    """Where the page marks and page numbers of a printed text end (none for a text without
    printed lines, whose furniture the reader already dropped)."""
    if not base.printed_lines:
        return set()
    return {ln.end for ln in analyse(text).lines if ln.kind == FURNITURE}


def _lines_without_furniture(text: str, cs: int, ce: int, furniture: set[int]) -> list[str]:
    """The non-blank lines of the block ``text[cs:ce]`` that are not page furniture."""
    lines = []
    pos = cs
    for line in text[cs:ce].splitlines(keepends=True):
        if pos + len(line.rstrip("\r\n")) not in furniture:
            lines.append(line.rstrip("\r\n"))
        pos += len(line)
    return [ln for ln in lines if ln.strip()]


def _paragraph(lines: list[str]) -> str:
    if any(_TABULAR.search(ln.strip()) for ln in lines):
        body = "<br>\n".join(html.escape(ln.rstrip(), quote=False) for ln in lines)
        return f'<p style="white-space: pre-wrap">{body}</p>'
    return f"<p>{escaped(' '.join(lines))}</p>"
