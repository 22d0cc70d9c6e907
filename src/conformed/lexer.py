"""The tokens of an instruction head, for the LALR parser of ``grammar/amendment.lark``.

Why a lexer of our own: the grammar is LALR(1), and the one word it cannot see past is a
conjunction. In "deleting the definitions of "A", "B" and "C" ... and inserting the following"
the first "and" continues a list and the last one starts a new action; in "after the words "X"
and before the semi-colon" it adds a qualifier. This lexer looks at what follows each
conjunction and hands the parser ``ACT_AND`` (a new action follows), ``STMT_AND`` (a new
statement follows) or the plain word. Everything else is ordinary lexing: keywords are the words
the grammar quotes, matched case-insensitively and only where the parser expects them (so that
"Schedule" is a keyword in "Schedule I" and a name in "the Schedule"), exactly as lark's own
contextual lexer does.

The head it reads has been prepared by :func:`conformed.parse.prepare`: quotations are masked as
``«···»``, markdown and line breaks blanked, offsets unchanged.
"""
from __future__ import annotations

import re
from typing import Iterator

from lark import Token
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, LexerState
from lark.parsers.lalr_analysis import Shift

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1, "final": -1, "penultimate": -2,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}
VERBS = frozenset("""
deleting inserting adding replacing substituting striking amending restating relettering renumbering
redesignating removing delete insert add replace substitute strike amend restate reletter renumber
redesignate remove changing change
""".split())
_ABBREVIATION = re.compile(r"(?:[A-Z]|No|Nos|Inc|Co|Corp|Ltd|L\.P|N\.A|U\.S|Sec|St|Jr|Sr)\.", re.I)
_SCAN = re.compile(r"""
  (?P<space>\s+)
| (?P<every>(?i:(?:each\s+(?:place|time)|wherever)\s+(?:it|they|such(?:\s+[a-z]+)?)\s+(?:appears?|occurs?))\b)
| (?P<quoted>«[^»]*»?)
| (?P<paren>\(\s?(?:\d{1,3}|[a-z]{1,4}|[A-Z]{1,4})\s?\))
| (?P<open>\()
| (?P<close>\))
| (?P<amount>\$\s?\d[\d,]*(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)
| (?P<num>\d+(?:[A-Z](?![a-z]))?(?:[.\-][0-9A-Za-z]+)*\.?)
| (?P<word>[A-Za-z§][A-Za-z0-9'’&\-]*)
| (?P<punct>[,;:&/.\[\]$%])
""", re.X)
_CONJ = re.compile(r"[,;]?\s*(?:\b(?:and|or)\b)?(?:\s*,)?", re.I)
_LEAD = re.compile(r"(?:effective|upon|subject\s+to|from\s+and\s+after|with\s+effect|as\s+of|in\s+accordance)\b"
                   r"[^,«]*(?:«[^»]*»[^,«]*)*,", re.I)
# Bracketed words that carry meaning stay tokens; any other bracket is an annotation.
_OPEN_KEEPS = re.compile(r"\(\s*(?:other\s+than|except|excluding|but\s+not|beginning\s+with|commencing\s+with)\b", re.I)


class HeadLexer(Lexer):
    """Contextual lexer: a word is a keyword only where the parser accepts that keyword."""

    __future_interface__ = 2  # lark hands us the parser state, which contextual keywords need

    def __init__(self, lexer_conf) -> None:
        self.keywords: dict[str, str] = {}
        for term in lexer_conf.terminals:
            pattern = term.pattern
            if pattern.type == "str":
                self.keywords[pattern.value.lower()] = term.name
        # (parser stack, token kind) -> accepted? Depends on the grammar alone, so it is kept
        # across heads: the same few stacks recur in every instruction.
        self._feeds: dict = {}

    def lex(self, lexer_state: LexerState, parser_state) -> Iterator[Token]:
        text = lexer_state.text
        text = text.text if hasattr(text, "text") else text  # lark >= 1.2 wraps the input
        self._memo: dict = {}  # (parser stack, token kind, offset) -> does the parse go on?
        if len(self._feeds) > 50_000:
            self._feeds.clear()
        pos = 0
        n = len(text)
        while pos < n:
            accepts = _accepts(parser_state)
            if "REST" in accepts and text[pos:].strip() and self._can_feed(parser_state, "REST"):
                start = pos + len(text[pos:]) - len(text[pos:].lstrip())
                yield _token("REST", text[start:].rstrip(), start)
                return
            rider = self._rider(parser_state, text, pos)
            if rider:
                yield _token("RIDER", rider, pos + len(text[pos:]) - len(text[pos:].lstrip()))
                pos += len(text[pos:]) - len(text[pos:].lstrip()) + len(rider)
                continue
            if pos == 0 and "LEAD" in accepts:
                m = _LEAD.match(text)
                if m:
                    yield _token("LEAD", m.group(), 0)
                    pos = m.end()
                    continue
            m = _SCAN.match(text, pos)
            if m is None:
                raise UnexpectedCharacters(text, pos, 1, 1, allowed=sorted(accepts), state=parser_state)
            kind, value = m.lastgroup, m.group()
            if kind == "space":
                pos = m.end()
                continue
            if kind == "word" and self._idle_article(parser_state, value, text, m.end()):
                pos = m.end()
                continue
            self._state = parser_state
            kind, end = self._kind(kind, value, text, pos, m.end(), accepts)
            yield _token(kind, text[pos:end], pos)
            pos = end

    def _rider(self, state, text: str, pos: int) -> str:
        """The words up to the proviso (or the end), if the parser takes a rider here and they change
        no words: an amending verb or a quotation in them makes them no rider."""
        if "RIDER" not in _accepts(state) or not self._can_feed(state, "RIDER"):
            return ""
        rest = text[pos:].lstrip()
        stop = _PROVISO_START.search(rest)
        words = rest[:stop.end() - len("provided")] if stop else rest  # the "; " before a proviso too
        if not words.strip(" ;,") or "«" in words or _AMENDING.search(words):
            return ""
        return words.rstrip()

    def _idle_article(self, state, word: str, text: str, end: int) -> bool:
        """"delete the "and" at the end of clause (m)": an article before quoted words that the
        grammar has no place for is passed over (where it has one, as in 'the "Notes" provision',
        it stays)."""
        if word.lower() != "the" or not text[end:].lstrip().startswith("«") or not self._can_feed(state, "QUOTED"):
            return False
        the = self.keywords.get("the")
        return the is None or not self._can_feed(state, the) or not self._continues(state, the, text, end)

    def _kind(self, kind: str, value: str, text: str, pos: int, end: int, accepts) -> tuple[str, int]:
        """The token kind for the match ``value`` at ``pos`` (scanned as ``kind``), and where it ends."""
        if kind in _FIXED:
            return _FIXED[kind], end
        if kind == "open":
            close = _matching(text, pos)
            if close > 0 and not _OPEN_KEEPS.match(text, pos):
                return "PARENTHETICAL", close + 1
            return self.keywords.get("(", "LPAR"), end
        if kind == "close":
            return self.keywords.get(")", "RPAR"), end
        if kind == "num":
            return ("ORD" if value.lower().rstrip(".") in ORDINALS else "NUM"), end
        if kind == "punct":
            if value in ",;":
                return self._conjunction(text, pos, self._state)
            return self.keywords.get(value, "PUNCT"), end
        # a word
        abbreviation = _ABBREVIATION.match(text, pos)
        if abbreviation and abbreviation.end() > end and value[0].isupper():
            end = abbreviation.end()
            value = text[pos:end]
        low = value.lower()
        if low in ("and", "or"):
            return self._conjunction(text, pos, self._state)
        if low == "by" and "ACT_AND" in accepts and self._continues(self._state, "ACT_AND", text, end):
            return "ACT_AND", end  # "amending the definition of X by adding ..."
        options = ["ORD"] if low in ORDINALS else []
        if low in self.keywords:
            options.append(self.keywords[low])
        # (not "WORD" nor "OTHER": lark names the grammar's keywords "word" and "other" so)
        options.append("CAPWORD" if value[0].isupper() or value[0] == "§" else "ANYWORD")
        viable = [kind for kind in options if kind in accepts] or options
        if len(viable) > 1:
            viable = [kind for kind in viable if self._can_feed(self._state, kind)] or viable
        if len(viable) > 1:
            # "First" in "the First Supplemental Indenture", "Annex" in "the Lien Annex": ask the
            # parser which reading the next words continue.
            for kind in viable:
                if self._continues(self._state, kind, text, end):
                    return kind, end
        return viable[0], end

    def _conjunction(self, text: str, pos: int, parser_state) -> tuple[str, int]:
        """A run such as "and", ", and", "; and", ",": which way does it join?

        Each reading the parser accepts here is tried on a copy of the parser together with the
        next words; the first reading they can continue wins (new action, new statement, list
        item, further qualifier, in that order).
        """
        m = _CONJ.match(text, pos)
        end = m.end() if m and m.end() > pos else pos + 1
        value = text[pos:end]
        word = value.strip(" ,;").lower()
        plain = self.keywords.get(word) if word else self.keywords.get(value.strip()[0])
        accepts = _accepts(parser_state)
        candidates = [k for k in ("ACT_AND", plain, "JOIN", "STMT_AND") if k and k in accepts
                      and self._can_feed(parser_state, k)]
        for kind in candidates:
            if self._continues(parser_state, kind, text, end):
                return kind, end
        return (candidates[0] if candidates else (plain or "PUNCT")), end

    def _can_feed(self, parser_state, kind: str) -> bool:
        key = (tuple(parser_state.state_stack), kind)
        known = self._feeds.get(key)
        if known is None:
            known = self._feeds[key] = _can_feed(parser_state, kind)
        return known

    def _continues(self, parser_state, kind: str, text: str, pos: int) -> bool:
        key = (tuple(parser_state.state_stack), kind, pos)
        if key not in self._memo:
            self._memo[key] = self._try(parser_state, kind, text, pos)
        return self._memo[key]

    def _try(self, parser_state, kind: str, text: str, pos: int) -> bool:
        """Would the parser accept a ``kind`` token and then the words up to the next conjunction?"""
        state = _Sim.of(parser_state)
        try:
            if not state.feed(kind):
                return False
            for _ in range(12):
                m = _SCAN.match(text, pos)
                while m is not None and m.lastgroup == "space":
                    m = _SCAN.match(text, m.end())
                if m is None:
                    return state.feed("$END")
                accepts = _accepts(state)
                if m.group().lower() in ("and", "or", ",", ";"):
                    # as far as this conjunction looks: the phrase must be able to end here
                    return any(k in accepts and self._can_feed(state, k)
                               for k in _JOINERS + (self.keywords[m.group().lower()],))
                if "REST" in accepts and self._can_feed(state, "REST"):
                    return True
                if self._rider(state, text, m.start()):
                    return True
                if m.lastgroup == "word" and self._idle_article(state, m.group(), text, m.end()):
                    pos = m.end()
                    continue
                saved = self._state
                self._state = state
                try:
                    nxt, pos = self._kind(m.lastgroup, m.group(), text, m.start(), m.end(), accepts)
                finally:
                    self._state = saved
                if not state.feed(nxt):
                    return False
            return True
        except (UnexpectedCharacters, KeyError, IndexError):
            return False


_JOINERS = ("ACT_AND", "STMT_AND", "JOIN")
# (a match starts at its mark or where its white space starts: linear on a long run of spaces)
_PROVISO_START = re.compile(r"(?:[;,]|(?<![\s;,]))\s*\bprovided\b", re.I)
# What makes words a change of the text rather than a rider to it.
_AMENDING = re.compile(r"\b(?:amend(?:ed|ing|s)?|delet(?:e|ed|ing)|insert(?:ed|ing)?|add(?:ed|ing)?|replac(?:e|ed|ing)|"
                       r"substitut(?:e|ed|ing)|strik(?:e|ing)|stricken|restat(?:e|ed|ing)|renumber(?:ed|ing)?|"
                       r"relettere?(?:d|ing)?|redesignat(?:e|ed|ing)|remov(?:e|ed|ing)|read\s+as\s+follows)\b", re.I)
_FIXED = {"quoted": "QUOTED", "amount": "FIGURE_NUM", "every": "EVERY", "paren": "PAREN"}


class _Sim:
    """The parser's state stack alone: enough to ask whether tokens would be accepted, without
    copying (or building) any tree."""

    __slots__ = ("states", "end", "state_stack")

    def __init__(self, states, end, stack: list):
        self.states = states
        self.end = end
        self.state_stack = stack

    @classmethod
    def of(cls, parser_state) -> _Sim:
        if isinstance(parser_state, _Sim):
            return cls(parser_state.states, parser_state.end, list(parser_state.state_stack))
        conf = parser_state.parse_conf
        return cls(conf.states, conf.end_state, list(parser_state.state_stack))

    @property
    def position(self):
        return self.state_stack[-1]

    def feed(self, kind: str) -> bool:
        """Feed a token of this kind (reducing as needed); False if the parser would reject it."""
        stack, states = self.state_stack, self.states
        while True:
            entry = states[stack[-1]].get(kind)
            if entry is None:
                return False
            action, arg = entry
            if action is Shift:
                stack.append(arg)
                return True
            size = len(arg.expansion)
            if size:
                del stack[-size:]
            goto = states[stack[-1]].get(arg.origin.name)
            if goto is None:
                return False
            stack.append(goto[1])
            if kind == "$END" and stack[-1] == self.end:
                return True


def _can_feed(parser_state, kind: str) -> bool:
    """Does the parser really accept a token of this kind now (reductions included)?"""
    return _Sim.of(parser_state).feed(kind)


def _accepts(parser_state) -> dict:
    """The token kinds the parser has an action for in its current state (a dict keyed by kind)."""
    if isinstance(parser_state, _Sim):
        return parser_state.states[parser_state.position]
    return parser_state.parse_conf.states[parser_state.position]


def _token(kind: str, value: str, pos: int) -> Token:
    return Token(kind, value, start_pos=pos, line=1, column=pos + 1, end_line=1, end_column=pos + len(value) + 1,
                 end_pos=pos + len(value))


def _matching(text: str, pos: int) -> int:
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1
