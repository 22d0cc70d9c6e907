"""A changed block rebuilt with the inline markup of its untouched words.

The content of a changed block (or of a changed table cell) is read again, on its own, into
tokens: each character of its text with the HTML it came from (a character, an entity such as
``&nbsp;`` or ``&#8220;``, a ``<br>``), the inline elements' start and end tags, and what gives
no text (comments, ``<img>``, a ``<script>``). The text is collapsed exactly as the reader
collapses it, so each character of the block's text in the base is tied to its place in the HTML.

The conformed block is then a list of operations, taken from the redline's runs: ``copy`` a
stretch of the base block's text (an equal run), or ``insert`` new text. A copied stretch is
copied from the base HTML as written, with its tags and entities; where the stretch begins or
ends inside an inline element, the element is reopened (its own start tag, attributes and all)
or closed, so the HTML stays well-formed. Inserted text is escaped and goes into the inline
elements that hold the kept text on both sides of it: inside a ``<b>`` term when the words
before and after it are both in it, outside when it is at the element's edge (the element's
text ends or begins there). The edges of the block count as inside the elements that wrap the
block's whole text (the EDGAR ``<font size=2>``), so text added at the end of a paragraph keeps
its type size. An element that held only deleted text is left out with it.

Anything this cannot follow (misnested or stray end tags, a text that does not read back as the
reader read it) returns None, and the caller falls back to writing the block's text plainly.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..runs import EQUAL, Run
from .htm_parse import BR_TEXT, SKIPPED, VOID

_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
"""What :func:`html.unescape` replaces (the same pattern), so each entity maps to its own span."""
_SPACES = frozenset(" \t\n\r\f\u00a0\u2007\u202f\u200b")
"""What :func:`.htm_text.collapse` collapses (its ``_SPACE``)."""
_SPACE_RUN = re.compile(r"[ \t\n\r\f\u00a0\u2007\u202f\u200b]+")
_NAME = re.compile(r"<\s*([^\s/>]+)")

VIS, HID, OPEN, CLOSE, OTHER = range(5)
"""Token kinds: a character of the text, a character the collapse drops, an element's start tag,
its end tag, and something with no text (a comment, an image, a script)."""


@dataclass
class _Token:
    kind: int
    start: int
    end: int
    elem: int = -1  # for OPEN / CLOSE: which element


class Inline:
    """The content ``markup[start:end]`` of a block as tokens, and its text as the reader reads it."""

    def __init__(self, markup: str, start: int, end: int):
        self.markup = markup
        self.start, self.end = start, end
        self.tokens: list[_Token] = []
        self.text = ""
        self.at: list[int] = []  # the token of each character of the text
        self.stacks: list[tuple[int, ...]] = []  # the elements open at each character
        self.tags: list[str] = []  # each element's start tag, as written
        self.names: list[str] = []  # each element's name, as written
        self.end_stack: tuple[int, ...] = ()
        self.ok = _tokenize(self)


def _tokenize(inline: Inline) -> bool:
    """Fill ``inline``; False when its markup is not one this module can rebuild safely."""
    events = _Events(inline.markup, inline.start, inline.end).run()
    if events is None:
        return False
    tokens = inline.tokens
    chars: list[tuple[str, int]] = []  # (character, its token) before the collapse
    stack: list[int] = []
    opened: list[tuple[int, int]] = []  # for each open element: its start tag's token, the characters before it
    char_stacks: list[tuple[int, ...]] = []
    current: tuple[int, ...] = ()
    skip: str | None = None
    skip_depth = 0
    skip_start = 0
    for kind, tag, s, e in events:
        if skip is not None:
            if kind == "start" and tag == skip:
                skip_depth += 1
            elif kind == "end" and tag == skip:
                skip_depth -= 1
                if skip_depth == 0:
                    tokens.append(_Token(OTHER, skip_start, e))
                    skip = None
            continue
        if kind == "data":
            for ch, cs, ce in _characters(inline.markup, s, e):
                chars.append((ch, len(tokens)))
                char_stacks.append(current)
                tokens.append(_Token(HID, cs, ce))
        elif tag == "br" and kind in ("start", "startend", "end"):
            chars.append((BR_TEXT, len(tokens)))
            char_stacks.append(current)
            tokens.append(_Token(HID, s, e))
        elif kind == "start" and tag in SKIPPED:
            skip, skip_depth, skip_start = tag, 1, s
        elif kind == "start" and tag not in VOID:
            elem = len(inline.tags)
            text = inline.markup[s:e]
            name = _NAME.match(text)
            inline.tags.append(text)
            inline.names.append(name.group(1) if name else tag)
            opened.append((len(tokens), len(chars)))
            tokens.append(_Token(OPEN, s, e, elem))
            stack.append(elem)
            current = tuple(stack)
        elif kind == "end" and tag not in VOID:
            if not stack or _tag_of(inline, stack[-1]) != tag:
                return False  # a stray or misnested end tag: not ours to rebalance
            first, chars_before = opened.pop()
            elem = stack.pop()
            current = tuple(stack)
            if chars_before == len(chars):  # no text in it (an anchor): one token, kept whole
                start = tokens[first].start
                del tokens[first:]
                tokens.append(_Token(OTHER, start, e))
            else:
                tokens.append(_Token(CLOSE, s, e, elem))
        else:  # a void element, <x/>, a comment, a declaration
            tokens.append(_Token(OTHER, s, e))
    if skip is not None:
        tokens.append(_Token(OTHER, skip_start, inline.end))
    inline.end_stack = current
    _collapse(inline, chars, char_stacks)
    return True


def _tag_of(inline: Inline, elem: int) -> str:
    return inline.names[elem].lower()


def _characters(markup: str, start: int, end: int):
    """Each character of the raw text ``markup[start:end]`` with its span (an entity's characters
    share the entity's span)."""
    pos = start
    for m in _CHARREF.finditer(markup, start, end):
        for i in range(pos, m.start()):
            yield markup[i], i, i + 1
        for ch in html.unescape(m.group(0)):
            yield ch, m.start(), m.end()
        pos = m.end()
    for i in range(pos, end):
        yield markup[i], i, i + 1


def _collapse(inline: Inline, chars: list[tuple[str, int]], stacks: list[tuple[int, ...]]) -> None:
    """Which characters the text shows, as :func:`.htm_text.collapse` reads them: soft hyphens
    gone, a run of white space one space (its first character), none at either end."""
    text: list[str] = []
    pending = -1  # the first white space character of the current run
    for n, (ch, tok) in enumerate(chars):
        if ch == "\u00ad":
            continue
        if ch in _SPACES:
            if pending < 0:
                pending = n
            continue
        if pending >= 0 and text:
            text.append(" ")
            inline.at.append(chars[pending][1])
            inline.stacks.append(stacks[pending])
        pending = -1
        text.append(ch)
        inline.at.append(tok)
        inline.stacks.append(stacks[n])
    for tok in inline.at:
        inline.tokens[tok].kind = VIS
    inline.text = "".join(text)


class _Events(HTMLParser):
    """The start tags, end tags, text and the rest of a piece of HTML, each with its span."""

    def __init__(self, markup: str, start: int, end: int):
        super().__init__(convert_charrefs=True)
        self.piece = markup[start:end]
        self.base = start
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.piece)]
        self.found: list[tuple[str, str, int]] = []

    def run(self) -> list[tuple[str, str, int, int]] | None:
        self.feed(self.piece)
        self.close()
        out = []
        ends = [s for _, _, s in self.found[1:]] + [len(self.piece)]
        if self.found and self.found[0][2] != 0:
            return None
        for (kind, tag, s), e in zip(self.found, ends):
            if e < s:
                return None
            out.append((kind, tag, self.base + s, self.base + e))
        return out

    def _at(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        self.found.append(("start", tag, self._at()))

    def handle_startendtag(self, tag, attrs):
        self.found.append(("startend", tag, self._at()))

    def handle_endtag(self, tag):
        self.found.append(("end", tag, self._at()))

    def handle_data(self, data):
        self.found.append(("data", "", self._at()))

    def handle_comment(self, data):
        self.found.append(("other", "", self._at()))

    handle_decl = handle_pi = unknown_decl = handle_comment


# ----------------------------------------------------------------------------- what to write
@dataclass(frozen=True)
class Copy:
    """Characters ``[a, b)`` of the base block's text, kept."""

    a: int
    b: int


@dataclass(frozen=True)
class Insert:
    text: str


class Changes:
    """The runs that give the conformed text, in its order, to find a block's operations."""

    def __init__(self, base_text: str, text: str, runs: list[Run]):
        self.base_text = base_text
        self.text = text
        self.runs = sorted((r for r in runs if r.conformed[1] > r.conformed[0]), key=lambda r: r.conformed[0])
        self.starts = [r.conformed[0] for r in self.runs]

    def ops(self, base: tuple[int, int], conformed: tuple[int, int]) -> list[Copy | Insert]:
        """The conformed text ``conformed`` as copies of the base text ``base`` (offsets from
        ``base[0]``) and inserted text; equal text from elsewhere in the base is inserted."""
        lo_b, hi_b = base
        lo_c, hi_c = conformed
        out: list[Copy | Insert] = []
        last = 0  # where the copies so far end (they must keep the base's order)
        i = max(0, bisect.bisect_right(self.starts, lo_c) - 1)
        while i < len(self.runs) and self.runs[i].conformed[0] < hi_c:
            run = self.runs[i]
            i += 1
            lo, hi = max(lo_c, run.conformed[0]), min(hi_c, run.conformed[1])
            if lo >= hi:
                continue
            if run.kind != EQUAL or run.base[1] - run.base[0] != run.conformed[1] - run.conformed[0]:
                _add(out, Insert(self.text[lo:hi]))
                continue
            b0 = run.base[0] + lo - run.conformed[0]
            x0, x1 = max(b0, lo_b), min(b0 + hi - lo, hi_b)
            if x0 >= x1 or x0 - lo_b < last or self.base_text[x0:x1] != self.text[lo + x0 - b0:lo + x1 - b0]:
                _add(out, Insert(self.text[lo:hi]))
                continue
            _add(out, Insert(self.text[lo:lo + x0 - b0]))
            _add(out, Copy(x0 - lo_b, x1 - lo_b))
            last = x1 - lo_b
            _add(out, Insert(self.text[lo + x1 - b0:hi]))
        return out


def _add(out: list[Copy | Insert], op: Copy | Insert) -> None:
    if isinstance(op, Insert):
        if not op.text:
            return
        if out and isinstance(out[-1], Insert):
            out[-1] = Insert(out[-1].text + op.text)
            return
    elif out and isinstance(out[-1], Copy) and out[-1].b == op.a:
        out[-1] = Copy(out[-1].a, op.b)
        return
    out.append(op)


def inserted(text: str) -> str:
    """Inserted text in HTML: white space one space (not stripped: it sits between words), markup
    characters escaped."""
    return html.escape(_SPACE_RUN.sub(" ", text), quote=False)


def rebuild(markup: str, span: tuple[int, int], base_text: str, ops: list[Copy | Insert]) -> str | None:
    """The new content of the element whose content is ``markup[span]`` (its text ``base_text``),
    written from ``ops``; None when its markup cannot be followed."""
    inline = Inline(markup, *span)
    if not inline.ok or inline.text != base_text:
        return None
    for op in ops:
        if isinstance(op, Copy) and (_inside_entity(inline, op.a) or _inside_entity(inline, op.b)):
            return None
    return _Writer(inline).write(ops)


def _inside_entity(inline: Inline, i: int) -> bool:
    """Whether a cut before character ``i`` falls between two characters of one entity."""
    return 0 < i < len(inline.at) and inline.at[i] == inline.at[i - 1]


class _Writer:
    def __init__(self, inline: Inline):
        self.x = inline
        self.out: list[str] = []
        self.stack: list[int] = []
        n = len(inline.at)
        self.wrap = _common(inline.stacks[0], inline.stacks[-1]) if n else ()
        self.last = -1  # the last character of the base written
        self.clean = True  # nothing inserted or deleted since it
        self.gap_done = -1  # the gap (before character i) whose text-less tokens are written

    def write(self, ops: list[Copy | Insert]) -> str:
        x = self.x
        n = len(x.at)
        for k, op in enumerate(ops):
            if isinstance(op, Copy):
                self._copy(op.a, op.b)
            else:
                after = next((o.a for o in ops[k + 1:] if isinstance(o, Copy)), n)
                self._insert(op.text, after)
        if self.clean and self.last == n - 1:
            self._walk(self._token_after(self.last), len(x.tokens))
        else:
            if self.clean:
                self._leave()
            self._neutral(n)
            self._goto(x.end_stack)
        return "".join(self.out)

    # -- the pieces
    def _copy(self, a: int, b: int) -> None:
        x = self.x
        if self.clean and a == self.last + 1:
            self._walk(self._token_after(self.last), x.at[b - 1] + 1)
        else:
            if self.clean:
                self._leave()
            self._goto(x.stacks[a])
            self._neutral(a)
            self._walk(x.at[a], x.at[b - 1] + 1)
        self.last = b - 1
        self.clean = True

    def _insert(self, text: str, after: int) -> None:
        if self.clean:
            self._leave()
        x = self.x
        before = x.stacks[self.last] if self.last >= 0 else self.wrap
        following = x.stacks[after] if after < len(x.at) else self.wrap
        self._goto(_common(before, following))
        self.out.append(inserted(text))

    def _leave(self) -> None:
        """The kept text ends here: what has no text right after it (an anchor, a comment) stays with it."""
        self._neutral(self.last + 1)
        self.clean = False

    # -- tokens
    def _token_after(self, i: int) -> int:
        return self.x.at[i] + 1 if i >= 0 else 0

    def _walk(self, t0: int, t1: int) -> None:
        """Tokens ``[t0, t1)`` as written in the base (the stack follows their tags)."""
        x = self.x
        if t0 >= t1:
            return
        self.out.append(x.markup[x.tokens[t0].start:x.tokens[t1 - 1].end])
        for tok in x.tokens[t0:t1]:
            if tok.kind == OPEN:
                self.stack.append(tok.elem)
            elif tok.kind == CLOSE:
                self.stack.pop()

    def _neutral(self, i: int) -> None:
        """The tokens with no text in the gap before character ``i``, once."""
        if i == self.gap_done:
            return
        self.gap_done = i
        x = self.x
        t0 = x.at[i - 1] + 1 if i > 0 else 0
        t1 = x.at[i] if i < len(x.at) else len(x.tokens)
        for tok in x.tokens[t0:t1]:
            if tok.kind == OTHER:
                self.out.append(x.markup[tok.start:tok.end])

    def _goto(self, want: tuple[int, ...]) -> None:
        """Close and open inline elements so that ``want`` are the open ones."""
        keep = len(_common(tuple(self.stack), want))
        x = self.x
        for elem in reversed(self.stack[keep:]):
            self.out.append(f"</{x.names[elem]}>")
        for elem in want[keep:]:
            self.out.append(x.tags[elem])
        self.stack = list(want)


def _common(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return a[:n]
