"""New text fitted to the base's own layout.

Words inserted into running text become one run of words with the right spaces around them;
whole provisions are laid out like their neighbours: the same indentation, wrapped at the same
width in hard-wrapped EDGAR text, one line a paragraph in converted text. Markdown left by an
HTML conversion of the amendment (``**``, ``_emphasis_``, table pipes) is dropped unless the base
is itself markdown.
"""
from __future__ import annotations

import re
import textwrap

from .document import Document
from .tree import Node

_EMPHASIS = re.compile(r"\*\*|__|(?<![\w@])_(?=\S)|(?<=\S)_(?![\w@])")
_PIPES = re.compile(r"(?:^|\s)\|(?:\s*\|)*(?=\s|$)")
_SPACES = re.compile(r"[ \t\u00a0]+")


def plain(text: str, markdown: bool = False) -> str:
    """Drop conversion debris from new text (unless the base is markdown too)."""
    if markdown:
        return text
    text = _EMPHASIS.sub("", text)
    text = _PIPES.sub(" ", text)
    return text


def inline(blocks: tuple[str, ...] | list[str], markdown: bool = False) -> str:
    """New words for running text: one line, single spaces."""
    return " ".join(_one_line(plain(b, markdown)) for b in blocks if b.strip())


def joint(text: str, point: int, new: str) -> tuple[str, str]:
    """The spaces to put before and after ``new`` when it goes in at ``point``."""
    before = text[point - 1] if point > 0 else "\n"
    after = text[point] if point < len(text) else "\n"
    left = "" if (new[:1] in ",.;:)]" or before.isspace() or before in "([\"“") else " "
    right = " " if (after.isalnum() or after in "(\"“") and new[-1:] not in " (" else ""
    return left, right


_BREAK_INSIDE = re.compile(r"[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*")
_WIDE = re.compile(r"[ \t\u00a0]{3,}|[\t\u00a0]+")


_TWO_AFTER_STOP = re.compile(r"[.:]  (?=\S)")
_BREAK_AFTER_STOP = re.compile(r"(?<=[.:])[ \t\u00a0]*(?:\r\n|\r|\n)[ \t\u00a0]*")


def _one_line(paragraph: str) -> str:
    """A paragraph of new text as one line: its hard line breaks (and the indentation after them)
    become one space; the two spaces EDGAR text puts after a sentence or a caption stay (and a
    line break after a full stop becomes two, where the text uses two), wider gaps (a label
    spaced out from its text) become one."""
    if _TWO_AFTER_STOP.search(paragraph):
        paragraph = _BREAK_AFTER_STOP.sub("  ", paragraph)
    return _WIDE.sub(" ", _BREAK_INSIDE.sub(" ", paragraph)).strip()


def keeping_break(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """Quoted words found across a hard line break ("Administrative\nAgent") replaced by ``new``:
    the line break stays, after as many new words as stood before it (or after the new words,
    taking the place of the space that follows them), so the line does not run on."""
    found = _BREAK_INSIDE.search(text, start, end)
    if found is None or "\n" in new or "\r" in new:
        return start, end, new
    line_break = found.group().lstrip(" \t\u00a0")
    words = new.split(" ")
    before = len(text[start:found.start()].split())
    if 0 < before < len(words):
        return start, end, " ".join(words[:before]) + line_break + " ".join(words[before:])
    if text[end:end + 1] == " " and text[end + 1:end + 2] not in ("", "\n", "\r"):
        return start, end + 1, new + line_break  # the break takes the place of the space after the words
    return start, end, new


def block(doc: Document, paragraphs: list[str], like: Node | None) -> str:
    """Whole paragraphs laid out like the provision ``like`` (or the document's own habits)."""
    newline = doc.source.newline
    markdown = doc.source.fmt == "md"
    paras = [_one_line(plain(p, markdown)) for p in paragraphs if p.strip()]
    if doc.layout.mode == "line":
        lead = _indent_of(doc, like)[0] if like is not None else ""
        return (gap(doc, like)).join(lead + p for p in paras)
    first, rest = _indent_of(doc, like) if like is not None else ("", "")
    width = max(60, min(doc.layout.width, 80))
    between = newline * 2 if _separated(doc, like) else newline
    out = []
    for p in paras:
        wrapped = textwrap.wrap(p, width=width, initial_indent=first, subsequent_indent=rest,
                                break_long_words=False, break_on_hyphens=False)
        out.append(newline.join(wrapped))
    return between.join(out)


def continuing(doc: Document, node: Node, prefix: str, blocks: list[str]) -> str:
    """New text that goes on a line already holding ``prefix`` (a label and caption the base
    keeps): the first block continues that line, wrapped like the provision in hard-wrapped
    text; further blocks follow as paragraphs of their own."""
    markdown = doc.source.fmt == "md"
    first = inline(blocks[:1], markdown)
    width = max(60, min(doc.layout.width, 80))
    if doc.layout.mode == "wrapped" and "\n" not in prefix and len(prefix) < width - 20:
        rest_indent = _indent_of(doc, node)[1]
        wrapped = textwrap.wrap(first, width=width, initial_indent=prefix, subsequent_indent=rest_indent,
                                break_long_words=False, break_on_hyphens=False)
        first = doc.source.newline.join(wrapped)[len(prefix):]
    if len(blocks) > 1:
        first += gap(doc, node) + block(doc, blocks[1:], (node.children[0] if node.children else node))
    return first


def _indent_of(doc: Document, node: Node) -> tuple[str, str]:
    """First-line and continuation indentation of a provision; a one-line provision borrows the
    continuation indent of a longer sibling of its kind."""
    lines = doc.lines(node)
    if not lines:
        return "", ""
    text = doc.text

    def lead(line) -> str:
        body = text[line.start:line.end]
        return body[:len(body) - len(body.lstrip(" \t\u00a0"))]

    first = lead(lines[0])
    if len(lines) > 1:
        return first, lead(lines[1])
    siblings = node.parent.children if node.parent is not None else []
    for sib in siblings:
        if sib is not node and sib.kind == node.kind:
            sib_lines = doc.lines(sib)
            if len(sib_lines) > 1 and lead(sib_lines[0]) == first:
                return first, lead(sib_lines[1])
    return first, ""


def _separated(doc: Document, node: Node | None) -> bool:
    """Are paragraphs here separated by blank lines?"""
    if node is None:
        return True
    lines = doc.layout.lines
    after = doc.layout.line_index(node.end) + 1
    following = next((i for i in range(after, len(lines)) if lines[i].kind == "text"), None)
    if following is not None:
        return lines[after].kind == "blank"
    before = doc.layout.line_index(node.start) - 1  # the last provision: judged by what precedes it
    return before >= 0 and lines[before].kind == "blank"


def gap(doc: Document, node: Node | None) -> str:
    """What separates one paragraph from the next at this place. A document read from HTML or
    Word is blocks separated by one blank line, whatever its layout looks like."""
    if not doc.source.printed_lines:
        return doc.source.newline * 2
    return doc.source.newline * (2 if _separated(doc, node) else 1)
