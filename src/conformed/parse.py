"""Stage 4: instruction heads -> parse trees, with errors a lawyer can read.

The grammar is ``grammar/amendment.lark`` (shipped inside the package); the parser is LALR, built
once per process. A head is *prepared* before parsing: quotations are masked so that the quoted
words never meet the grammar, markdown and line breaks are blanked, and the closing punctuation is
cut, all without moving any character, so that every position lark reports is a position in the
amendment.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from . import quotes
from .errors import InstructionSyntaxError, Place
from .lexer import VERBS, HeadLexer

_JUNK = re.compile(r"\*\*|__|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|\||\\(?=[^\w\s])|-{3,}|#+(?=\s)|[\t\r\n\u00a0]")
_DESIGNATOR = re.compile(r"\(\s?(?:\d{1,3}|[a-z]{1,4}|[A-Z]{1,4})\s?\)")
_DESIGNATOR_BEFORE = re.compile(r"\b(?:clauses?|sub-?clauses?|paragraphs?|sub-?paragraphs?|sub-?sections?|sections?|items?|"
                                r"parts?|and|or|through)[\s*_]*$", re.I)
_TAIL_MARKS = ".;:,"


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser, built once per process and cached on disk between processes."""
    text = resources.files("conformed.grammar").joinpath("amendment.lark").read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer=HeadLexer, strict=True, propagate_positions=True, maybe_placeholders=False)
    cache = _cache_file(text)
    if cache is not None:
        try:
            return Lark(text, cache=cache, **options)
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            pass  # an unreadable or stale cache: build afresh
    return Lark(text, **options)


def _cache_file(grammar: str) -> str | None:
    """A cache of the parse tables in the user's own cache folder (never a shared temp folder:
    lark's cache is a pickle, and loading a pickle someone else could have written is unsafe)."""
    import hashlib
    import os
    from importlib.metadata import version

    if os.environ.get("CONFORMED_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "conformed")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    digest = hashlib.sha256((grammar + version("lark")).encode()).hexdigest()[:16]
    return os.path.join(folder, f"amendment-{digest}.lark-cache")


def prepare(head: str) -> str:
    """The head as the parser sees it: same length, quotations masked, junk blanked."""
    masked, quotations = quotes.mask(head)
    chars = list(masked)
    for q in quotations:
        if q.close < 0:
            continue
        inner = head[q.inner[0]:q.inner[1]]
        if _DESIGNATOR.fullmatch(inner.strip()) and _DESIGNATOR_BEFORE.search(head, 0, q.open):
            # clause “(m)”, clauses “(m)” and “(n)”: a designator, not words ('inserting "(i)"' inserts words)
            chars[q.open:q.end] = [" "] * q.open_len + list(inner) + [" "] * q.close_len
    masked = _JUNK.sub(lambda m: " " * len(m.group()), "".join(chars))
    cut = _tail_start(masked)
    return masked[:cut] + " " * (len(masked) - cut)


def _tail_start(text: str) -> int:
    """Where the closing run of spaces, punctuation and dangling "and"/"or" words begins.

    A loop from the right rather than a regular expression: the pattern this replaces,
    ``(?:[\\s.;:,]+|\\s+(?:and|or)\\b)+$``, backtracked exponentially on a run of spaces that
    is not at the end (22 spaces took 1.5 s), and a head blanked of line breaks has such runs.
    """
    end = len(text)
    while True:
        while end and (text[end - 1].isspace() or text[end - 1] in _TAIL_MARKS):
            end -= 1
        for word in ("and", "or"):
            start = end - len(word)
            if start > 0 and text[start:end].lower() == word and text[start - 1].isspace():
                end = start
                break
        else:
            return end


def parse_head(head: str, place: Place, offset: int = 0) -> Tree:
    """Parse one prepared head; errors carry the line and column in the amendment."""
    prepared = prepare(head)
    if not prepared.strip():
        raise InstructionSyntaxError("the instruction is empty", place)
    unclosed = [q for q in quotes.pair(head)[0] if q.close < 0]
    if unclosed:
        at = _place(place, head, unclosed[0].open)
        raise InstructionSyntaxError("a quotation mark opened here is never closed", at)
    try:
        return parser().parse(prepared)
    except UnexpectedInput as exc:
        raise InstructionSyntaxError(_explain(exc, prepared), _place(place, head, _pos(exc, prepared))) from None


def _pos(exc: UnexpectedInput, prepared: str) -> int:
    if isinstance(exc, UnexpectedEOF):
        return len(prepared.rstrip())
    pos = getattr(exc, "pos_in_stream", None)
    if pos is None and isinstance(exc, UnexpectedToken):
        pos = exc.token.start_pos
    return pos or 0


def _place(place: Place, head: str, pos: int) -> Place:
    """Shift the head's own place by ``pos`` characters (line breaks counted)."""
    before = head[:pos]
    newlines = before.count("\n")
    if newlines:
        return Place(place.file, place.line + newlines, len(before) - before.rfind("\n"))
    return Place(place.file, place.line, place.column + pos)


# What a lawyer calls the things the grammar expects.
_NAMES = {
    "QUOTED": "quoted words", "PAREN": "a clause letter such as (a)", "NUM": "a section number",
    "ORD": "an ordinal such as \"first\"", "CAPWORD": "a name", "ACT_AND": "\"and\" followed by a further change",
    "STMT_AND": "\"and\" followed by a further instruction", "JOIN": "\"and\"", "REST": "more words",
    "PARENTHETICAL": "a parenthetical", "LEAD": "an opening phrase", "$END": "the end of the instruction",
    "FIGURE_NUM": "a figure such as 38,350", "EVERY": "\"each place it appears\"", "ANYWORD": "a word",
    "RIDER": "more words", "PUNCT": "a punctuation mark",
}


def _explain(exc: UnexpectedInput, prepared: str) -> str:
    expected = _expected_words(exc)
    if isinstance(exc, UnexpectedEOF):
        found = "the instruction ends too early"
    elif isinstance(exc, UnexpectedToken):
        value = exc.token.value if exc.token.type != "$END" else ""
        found = (f"the instruction ends after {_before(prepared, exc.token.start_pos)!r}" if not value
                 else f"{_shown(value)!r} is not understood here")
    elif isinstance(exc, UnexpectedCharacters):
        found = f"{prepared[exc.pos_in_stream]!r} is not understood here"
    else:
        found = "not understood"
    if not expected:
        return found
    shown = ", ".join(expected[:8]) + (" …" if len(expected) > 8 else "")
    return f"{found}; expected {shown}"


def _expected_words(exc: UnexpectedInput) -> list[str]:
    """What the parser would have taken, in words: kinds of thing first ("quoted words", "a
    section number"), a change verb summed up once, then the keywords, each once, in lower case."""
    names = getattr(exc, "accepts", None) or getattr(exc, "expected", None) or set()
    kinds, keywords, verbs = set(), set(), False
    terminals = {t.name: t for t in parser().terminals}
    for name in names:
        if name in _NAMES:
            kinds.add(_NAMES[name])
        elif name in terminals and terminals[name].pattern.type == "str":
            word = terminals[name].pattern.value.lower()
            if word in VERBS:
                verbs = True
            else:
                keywords.add(f'"{word}"')
    out = sorted(kinds)
    if verbs:
        out.append('a change such as "deleting", "inserting", "replacing" or "restating"')
    return out + sorted(keywords)


def _shown(value: str) -> str:
    return "quoted words" if value.startswith("«") else value


def _before(prepared: str, pos: int | None) -> str:
    text = prepared[:pos].rstrip() if pos else prepared.rstrip()
    return " ".join(text.split()[-4:])


# ------------------------------------------------------------------------------ instructions
def read_instructions(amendment, extraction=None) -> list:
    """Every instruction of an amendment :class:`~conformed.document.Document`, read.

    An instruction the grammar cannot read is kept, as one ``unsupported`` edit with the reason
    and its place; nothing is dropped.
    """
    from . import ast
    from .extract import extract
    from .compose import NotUnderstood
    from .meaning import edits_of
    from .phrasing import Phrases

    extraction = extraction or extract(amendment)
    intros: dict[int, object] = {}
    out = []
    for item in extraction.instructions:
        line, column = amendment.position(item.start)
        place = Place(amendment.path, line, column)
        payload = None
        if item.payload is not None:
            payload = ast.NewText(tuple(b.text for b in item.payload.blocks), item.payload.start, item.payload.end)
        parsed = None
        try:
            intro_target = None
            if item.intro is not None:
                key = item.intro.start
                if key not in intros:
                    intro_place = Place(amendment.path, *amendment.position(item.intro.start))
                    intro_tree = parse_head(item.intro.head, intro_place)
                    reading = Phrases(item.intro.head, item.intro.start).transform(intro_tree)
                    intros[key] = edits_of(reading, None)[1]
                intro_target = intros[key]
            tree = parse_head(item.head, place)
            reading = Phrases(item.head, item.start).transform(tree)
            parsed = reading
            edits, opened = edits_of(reading, payload, intro_target)
            if opened is not None and not edits:
                edits = [ast.Edit("unsupported", opened, reason="an introduction with no change after it")]
        except InstructionSyntaxError as exc:
            edits = [ast.Edit("unsupported", reason=f"not understood: {exc.message}")]
            place = exc.place or place
        except NotUnderstood as exc:
            edits = [ast.Edit("unsupported", reason=f"not understood: {exc}")]
        out.append(ast.Instruction(item.id, tuple(edits), item.head, item.start, item.end,
                                   place.line, place.column, amendment.path, parsed))
    return out
