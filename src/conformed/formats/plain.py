"""The conformed copy as text (.txt, .md).

A text base keeps its layout: every paragraph an amendment did not touch is written byte for
byte, page marks included. A changed paragraph of a hard-wrapped (EDGAR) text is re-wrapped when
the change left a line too long or too short, as a typist would: the lines before the first
change stay, the rest is refilled to the width of the paragraph's own lines (the base's width at
least); tables, page furniture and paragraphs whose lines are still in shape are left as they are. The result differs from
``Result.text`` only in line breaks and the indentation after them, never in a word.

A structured base (.htm, .docx) written as text gives its blocks separated by blank lines.
"""
from __future__ import annotations

import re

from ..layout import BLANK, FURNITURE, Layout, analyse
from ..reader import Source
from ..runs import DELETE, INSERT, Run

_TOKEN = re.compile(r"\S+[ \t]*")
_TABULAR = re.compile(r"\t|\S {3,}\S")
TOO_SHORT = 0.55  # a line shorter than this share of the width, not the paragraph's last, is ragged


def write(base: Source, runs: list[Run], text: str, fmt: str) -> bytes:
    if base.fmt not in ("txt", "md"):
        return text.encode("utf-8")
    return base.encode(rewrap_changed(text, runs, analyse(base.text).width))


def rewrap_changed(text: str, runs: list[Run], base_width: int = 0) -> str:
    """``text`` with each changed paragraph of a hard-wrapped layout re-wrapped, if it needs it."""
    points = _changed_spans(runs)
    if not points:
        return text
    layout = analyse(text)
    if layout.mode != "wrapped":
        return text
    out: list[str] = []
    pos = 0
    for (first, last, start, end), changed_at in _changed_paragraphs(layout, points):
        new = _rewrapped(layout, first, last, changed_at, base_width or layout.width)
        if new is None:
            continue
        keep_from, refilled = new
        out.append(text[pos:keep_from])
        out.append(refilled)
        pos = layout.lines[last].end
    out.append(text[pos:])
    return "".join(out)


def _changed_spans(runs: list[Run]) -> list[tuple[int, int]]:
    spans = []
    for run in runs:
        if run.kind == INSERT:
            spans.append(run.conformed)
        elif run.kind == DELETE:
            spans.append((run.conformed[0], run.conformed[0]))
    return spans


def _changed_paragraphs(layout: Layout, spans: list[tuple[int, int]]):
    """Each paragraph a change touches, with the offset of its first change."""
    spans = sorted(spans)
    k = 0
    for par in layout.paragraphs:
        while k < len(spans) and spans[k][1] < par.start:
            k += 1
        if k < len(spans) and spans[k][0] <= par.end:
            yield par, max(spans[k][0], par.start)


def _rewrapped(layout: Layout, first: int, last: int, changed_at: int, base_width: int) -> tuple[int, str] | None:
    """Where the refilled lines start and the lines themselves, or None to keep the paragraph."""
    lines = layout.lines[first:last + 1]
    if any(ln.kind in (BLANK, FURNITURE) for ln in lines):
        return None
    texts = [layout.text[ln.start:ln.end] for ln in lines]
    if any(_TABULAR.search(t) for t in texts):
        return None
    keep = next(i for i, ln in enumerate(lines) if ln.end >= changed_at or ln is lines[-1])
    # the width: the base's, or that of the paragraph's own lines before the change if they are wider
    width = max([base_width] + [len(t) for t in texts[:keep] if len(t) <= base_width + 3])
    in_shape = all(len(t) <= width for t in texts) and all(len(t) >= TOO_SHORT * width for t in texts[:-1])
    if in_shape:
        return None
    newline = _newline_after(layout.text, lines[0].end)
    first_indent = " " * lines[keep].indent
    rest_indent = " " * (lines[1].indent if len(lines) > 1 else lines[0].indent)
    tokens = _TOKEN.findall(" ".join(t.strip() for t in texts[keep:]))
    return lines[keep].start, newline.join(_fill(tokens, width, first_indent, rest_indent))


def _fill(tokens: list[str], width: int, first_indent: str, rest_indent: str) -> list[str]:
    """Greedy fill that keeps the spacing inside a line (two spaces after a full stop stay two)."""
    out: list[str] = []
    line = first_indent
    for token in tokens:
        word = token.rstrip()
        if line.strip() and len(line) + len(word) > width:
            out.append(line.rstrip())
            line = rest_indent
        line += token
    out.append(line.rstrip())
    return out


def _newline_after(text: str, offset: int) -> str:
    return "\r\n" if text.startswith("\r\n", offset) else "\r" if text.startswith("\r", offset) else "\n"
