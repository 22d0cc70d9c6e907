"""Parse tree -> phrases: the pieces of an instruction, each with its words and its place.

A tree walk with one method per rule of the grammar. It decides nothing about what the instruction
does (that is :mod:`conformed.meaning`); it only turns every rule into a small typed phrase:
a quotation, a target, a modifier ("in clause (a)", "immediately after", "in lieu thereof"), an
action (a verb and its complements), a statement. Nothing after this module touches lark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Tree

from .ast import Ref, Unit, Words
from .lexer import ORDINALS

KINDS = {"section": "section", "sections": "section", "§": "section", "article": "article",
         "articles": "article", "part": "part", "parts": "part", "paragraph": "paragraph",
         "paragraphs": "paragraph", "subsection": "section", "subsections": "section",
         "sub-section": "section", "clause": "clause", "clauses": "clause", "subclause": "clause",
         "sub-clause": "clause", "subparagraph": "paragraph", "subparagraphs": "paragraph",
         "sub-paragraph": "paragraph", "schedule": "schedule", "schedules": "schedule",
         "exhibit": "exhibit", "exhibits": "exhibit", "annex": "annex", "annexes": "annex",
         "appendix": "appendix", "item": "clause", "items": "clause", "footnote": "footnote"}
UNIT_KINDS = {"sentence": "sentence", "sentences": "sentence", "paragraph": "paragraph",
              "paragraphs": "paragraph", "line": "line", "lines": "line", "proviso": "proviso"}
PUNCT = {"period": ".", "semi-colon": ";", "semicolon": ";", "comma": ",", "colon": ":"}


# ------------------------------------------------------------------------------ phrase types
@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Quoted:
    """Quoted words and how the filing introduces them ("the words", "the phrase", "each instance of")."""

    words: tuple[Words, ...]
    span: Span
    noun: str = ""
    each: bool = False
    scope: Target | None = None  # "the references in subparagraph (b)(ii) to ..."
    page: str = ""  # "at the top of page 1"


@dataclass(frozen=True)
class Punct:
    mark: str
    span: Span


@dataclass(frozen=True)
class Following:
    """'the following', 'the following new definitions': the payload after the colon."""

    noun: str
    span: Span
    target: Target | None = None  # "the following new Section 5.14"


@dataclass(frozen=True)
class NewProvision:
    """'a new clause (t)', 'new Section 2.19', 'a new annex', 'new third and fourth sentences'."""

    kind: str
    num: str
    span: Span
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Target:
    """A target as written, before containers are composed into a path.

    ``form`` says what it is: provisions (``items`` holds paths or ranges), definitions (``terms``),
    unit, caption, recitals, preamble, doc, it, such, each_of, remaining, references_elsewhere,
    all_definitions, form (the form of release).
    """

    form: str
    span: Span
    written: str
    items: tuple[tuple[Ref, ...] | tuple[tuple[Ref, ...], tuple[Ref, ...]], ...] = ()
    ranges: tuple[bool, ...] = ()
    terms: tuple[Words, ...] = ()
    units: tuple[Unit, ...] = ()
    kind: str = ""
    inner: Target | None = None
    existing: bool = False


@dataclass(frozen=True)
class Modifier:
    """Every modifier: ``name`` says which ('within', 'there', 'after', 'before', 'at_end',
    'at_start', 'entirety', 'lieu', 'order', 'every', 'as_new', 'as_follows', 'attached', 'note',
    'title', 'as_amended', 'exclusion', 'incipit', 'respectively', 'accordingly', 'pursuant',
    'renamed_as', 'page', 'join', 'with')."""

    name: str
    span: Span
    word: str = ""
    target: Target | None = None
    words: Quoted | None = None
    obj: object = None
    units: tuple[Unit, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Action:
    verb: str
    elements: tuple[object, ...]
    span: Span
    label: str = ""


@dataclass(frozen=True)
class Statement:
    """A frame: ``kind`` is amended, restated, deleted, replaced, added, renumbered, changed,
    phased, references, deemed_references, deemed_replaced, reflect, intro, propose, so_that."""

    kind: str
    span: Span
    subject: tuple[object, ...] = ()
    actions: tuple[Action, ...] = ()
    elements: tuple[object, ...] = ()  # complement of the frame itself ("... replaced with X")
    second: tuple[object, ...] = ()  # "... and replaced <second>"
    inner: Statement | None = None  # so_that, deemed_replaced, agree
    label: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """The whole head: statements, or bare actions (an item under an intro), and a lead phrase."""

    statements: tuple[Statement, ...] = ()
    actions: tuple[Action, ...] = ()
    lead: str = ""
    proviso: str = ""


# ------------------------------------------------------------------------------ transformer
def _span(meta) -> Span:
    return Span(getattr(meta, "start_pos", 0), getattr(meta, "end_pos", 0))


def _words(items) -> list[str]:
    return [str(t) for t in items if isinstance(t, Token)]


class Phrases:
    """Turns a parse tree of ``head`` into phrases. ``offset`` is the head's place in the amendment.

    Each rule (or alias) of the grammar has a method of its name taking ``(meta, children)``,
    the children already transformed; a rule without one stays a lark ``Tree``.
    """

    def __init__(self, head: str, offset: int = 0):
        self.head = head
        self.offset = offset

    def transform(self, tree: Tree):
        # lark's Transformer does the same walk, but wraps every method anew on every call
        # (for ``v_args``); on a 200-instruction amendment that wrapping was most of this stage.
        children = [self.transform(c) if isinstance(c, Tree) else c for c in tree.children]
        method = getattr(self, tree.data, None)
        if method is None:
            return Tree(tree.data, children, tree.meta)
        return method(tree.meta, children)

    def _text(self, span: Span) -> str:
        return " ".join(self.head[span.start:span.end].split())

    def _quote(self, token: Token) -> Words:
        inner = self.head[token.start_pos + 1:token.end_pos - 1]
        return Words(inner, self.offset + token.start_pos, self.offset + token.end_pos)

    # -- top -----------------------------------------------------------------------------
    def start(self, meta, children):
        lead = next((str(c) for c in children if isinstance(c, Token) and c.type == "LEAD"), "")
        rest = [c for c in children if not isinstance(c, Token)]
        statements, proviso = rest[0]
        return Reading(statements=statements, lead=lead.rstrip(", "), proviso=proviso)

    def items(self, meta, children):
        lead = next((str(c) for c in children if isinstance(c, Token) and c.type == "LEAD"), "")
        actions = next(c for c in children if isinstance(c, tuple))
        return Reading(actions=actions, lead=lead.rstrip(", "))

    def statements(self, meta, children):
        proviso = next((c for c in children if isinstance(c, str) and c.startswith("provided")), "")
        return tuple(c for c in children if isinstance(c, Statement)), proviso

    def proviso(self, meta, children):
        return "provided that " + next(str(c) for c in children if isinstance(c, Token) and c.type == "REST")

    def statement(self, meta, children):
        label = next((str(c) for c in children if isinstance(c, Token) and c.type == "PAREN"), "")
        inner = next(c for c in children if isinstance(c, Statement))
        return Statement(**{**inner.__dict__, "label": label})

    # -- frames ----------------------------------------------------------------------------
    def passive(self, meta, children):
        subject = next(c for c in children if isinstance(c, _Subject))
        frame = next(c for c in children if isinstance(c, Statement))
        return Statement(**{**frame.__dict__, "subject": subject.elements, "span": _span(meta)})

    def subject(self, meta, children):
        return _Subject(tuple(_flatten(children)))

    def _frame(kind):  # noqa: N805 - a factory of rule methods
        def method(self, meta, children):
            actions = next((c for c in children if isinstance(c, tuple) and c and isinstance(c[0], Action)), ())
            inner = next((c for c in children if isinstance(c, Statement)), None)
            groups, current = [], []
            for c in children:
                if isinstance(c, Token) and c.type == "ACT_AND":
                    groups.append(current)
                    current = []
                elif isinstance(c, Token) and c.type == "REST":
                    current.append(Modifier("note", Span(c.start_pos, c.end_pos), text=str(c)))
                elif isinstance(c, Token) and c.type == "AMOUNT":
                    words = Words(str(c), self.offset + c.start_pos, self.offset + c.end_pos)
                    current.append(Quoted((words,), Span(c.start_pos, c.end_pos)))
                elif not isinstance(c, (Token, Statement, tuple)):
                    current.extend(_flatten([c]))
            groups.append(current)
            first = tuple(groups[0])
            second = tuple(e for g in groups[1:] for e in g)
            return Statement(kind, _span(meta), actions=actions, elements=first, second=second, inner=inner)
        return method

    amended = _frame("amended")
    restated = _frame("restated")
    deleted = _frame("deleted")
    replaced = _frame("replaced")
    added = _frame("added")
    renumbered = _frame("renumbered")
    changed = _frame("changed")
    phased = _frame("phased")
    deemed_references = _frame("deemed_references")
    deemed_replaced = _frame("deemed_replaced")
    reflect = _frame("reflect")
    renumber_reflect = _frame("renumber_reflect")
    so_that = _frame("so_that")
    intro = _frame("intro")

    def references(self, meta, children):
        within = tuple(c for c in children if isinstance(c, Modifier))
        tail = next(c for c in children if isinstance(c, _Tail))
        return Statement("references", _span(meta), subject=within, elements=tail.elements)

    def references_tail(self, meta, children):
        return _Tail(tuple(_flatten([c for c in children if not isinstance(c, Token)])))

    def propose(self, meta, children):
        actions = next((c for c in children if isinstance(c, tuple) and c and isinstance(c[0], Action)), ())
        elements = tuple(_flatten([c for c in children if not isinstance(c, (Token, tuple))]))
        if actions:
            return Statement("amended", _span(meta), subject=elements, actions=actions)
        return Statement("intro", _span(meta), subject=elements)

    def agree(self, meta, children):
        return next(c for c in children if isinstance(c, Statement))

    # -- actions -----------------------------------------------------------------------------
    def actions(self, meta, children):
        return tuple(c for c in children if isinstance(c, Action))

    def action(self, meta, children):
        label = next((str(c) for c in children if isinstance(c, Token) and c.type == "PAREN"), "")
        verb = next(c for c in children if isinstance(c, _Verb))
        elements = tuple(_flatten([c for c in children if isinstance(c, _Elements)]))
        return Action(verb.name, elements, _span(meta), label)

    def _verb(name):  # noqa: N805
        def method(self, meta, children):
            return _Verb(name)
        return method

    delete = _verb("delete")
    insert = _verb("insert")
    replace = _verb("replace")
    substitute = _verb("substitute")
    restate = _verb("restate")
    amend = _verb("amend")
    renumber = _verb("renumber")

    def noun_verb(self, meta, children):
        return children[0]

    # -- complements -------------------------------------------------------------------------
    def complement(self, meta, children):
        return _Elements(tuple(_flatten(children)))

    closed = open = open_rest = modifiers = complement

    def with_(self, meta, children):
        obj = next(c for c in children if not isinstance(c, Token))
        return Modifier("with", _span(meta), obj=obj)

    # -- quotations --------------------------------------------------------------------------
    def quoted_list(self, meta, children):
        return tuple(self._quote(t) for t in children if isinstance(t, Token) and t.type == "QUOTED")

    def words(self, meta, children):
        quoted = next((c for c in children if isinstance(c, tuple)), ())
        noun = next((c.value for c in children if isinstance(c, _Word)), "")
        scope = next((c for c in children if isinstance(c, Target)), None)
        page = next((c.text for c in children if isinstance(c, Modifier) and c.name == "page"), "")
        amount = [t for t in children if isinstance(t, Token) and t.type == "AMOUNT"]
        if amount:
            quoted = (Words(str(amount[0]), self.offset + amount[0].start_pos, self.offset + amount[0].end_pos),)
        if not quoted and noun in PUNCT:
            return Punct(PUNCT[noun], _span(meta))
        return Quoted(quoted, _span(meta), noun=noun, scope=scope, page=page)

    def punct(self, meta, children):
        noun = next((c.value for c in children if isinstance(c, _Word)), "")
        return Punct(PUNCT.get(noun, "."), _span(meta))

    def such_words(self, meta, children):
        return Target("it", _span(meta), self._text(_span(meta)))

    def each_instance(self, meta, children):
        quoted = next(c for c in children if isinstance(c, tuple))
        return Quoted(quoted, _span(meta), each=True)

    def stricken(self, meta, children):
        return Quoted((), _span(meta), noun="stricken text")

    def inserted_text(self, meta, children):
        return Quoted((), _span(meta), noun="inserted text")

    def word_noun(self, meta, children):
        return _Word(" ".join(_words(children)).lower())

    punct_noun = payload_noun = unit_noun = doc_noun = remaining_noun = form_noun = adjective = word_noun

    # -- new text ----------------------------------------------------------------------------
    def payload(self, meta, children):
        noun = " ".join(c.value for c in children if isinstance(c, _Word))
        target = next((c for c in children if isinstance(c, Target)), None)
        return Following(noun, _span(meta), target)

    def new_provision(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, _Kind)), "")
        num = next((c for c in children if isinstance(c, _Desig)), None)
        return NewProvision(kind, num.value if num else "", _span(meta))

    def new_units(self, meta, children):
        units = tuple(Unit(UNIT_KINDS.get(_last_noun(children), "sentence"), ORDINALS[str(t).lower()])
                      for t in children if isinstance(t, Token) and t.type == "ORD")
        return NewProvision("units", "", _span(meta), units)

    # -- targets -----------------------------------------------------------------------------
    def kind(self, meta, children):
        return _Kind(KINDS[_words(children)[0].lower()])

    def desig(self, meta, children):
        parts = _words(children)
        head = [p for p in parts if not p.startswith("(")]
        parens = [re.sub(r"[()\s]", "", p) for p in parts if p.startswith("(")]
        return _Desig(" ".join(h.rstrip(".") for h in head), tuple(parens))

    def desig_range(self, meta, children):
        desigs = [c for c in children if isinstance(c, _Desig)]
        return _Range(desigs[0], desigs[-1])

    def desigs(self, meta, children):
        return tuple(c for c in children if isinstance(c, (_Desig, _Range, _Kind)))

    def designated(self, meta, children):
        existing = any(str(c).lower() == "existing" for c in children if isinstance(c, Token))
        kind = next(c.value for c in children if isinstance(c, _Kind))
        listing = next(c for c in children if isinstance(c, tuple))
        items, ranges, previous = [], [], None
        for entry in listing:
            if isinstance(entry, _Kind):
                kind = entry.value
                continue
            if isinstance(entry, _Range):
                first = _path(kind, entry.first, previous)
                last = _path(kind, entry.last, first)
                items.append((first, last))
                ranges.append(True)
                previous = last
            else:
                path = _path(kind, entry, previous)
                items.append(path)
                ranges.append(False)
                previous = path
        return Target("provisions", _span(meta), self._text(_span(meta)), items=tuple(items),
                      ranges=tuple(ranges), kind=kind, existing=existing)

    def definition(self, meta, children):
        terms = next((c for c in children if isinstance(c, tuple)), ())
        return Target("definitions", _span(meta), self._text(_span(meta)), terms=terms)

    def relative_definition(self, meta, children):
        return Target("it", _span(meta), self._text(_span(meta)), kind="definition")

    def relative_all(self, meta, children):
        kind = next(c.value for c in children if isinstance(c, _Kind))
        return Target("it", _span(meta), self._text(_span(meta)), kind=kind)

    def all_definitions(self, meta, children):
        inner = next(c for c in children if isinstance(c, Target))
        return Target("all_definitions", _span(meta), self._text(_span(meta)), inner=inner)

    def unit_ref(self, meta, children):
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        ords = [ORDINALS[w] for w in words if w in ORDINALS]
        noun = _last_noun(children)
        units = tuple(Unit(UNIT_KINDS[noun], n, "unnumbered" in words) for n in ords)
        return Target("unit", _span(meta), self._text(_span(meta)), units=units)

    unit_list = unit_ref

    def introduction(self, meta, children):
        return Target("unit", _span(meta), self._text(_span(meta)), units=(Unit("introduction", 1),))

    def table(self, meta, children):
        return Target("unit", _span(meta), self._text(_span(meta)), units=(Unit("table", 1),))

    def caption_ref(self, meta, children):
        quoted = next(t for t in children if isinstance(t, Token) and t.type == "QUOTED")
        return Target("caption", _span(meta), self._text(_span(meta)), terms=(self._quote(quoted),))

    def recitals(self, meta, children):
        return Target("recitals", _span(meta), "the Recitals")

    def preamble(self, meta, children):
        return Target("preamble", _span(meta), "the preamble")

    def doc(self, meta, children):
        return Target("doc", _span(meta), self._text(_span(meta)))

    def name(self, meta, children):
        return None

    def form_of(self, meta, children):
        return Target("form", _span(meta), self._text(_span(meta)))

    def relative(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, _Kind)), "")
        listing = next((c for c in children if isinstance(c, tuple)), ())
        items = tuple(_path(kind, d, None) for d in listing if isinstance(d, _Desig))
        return Target("it", _span(meta), self._text(_span(meta)), kind=kind, items=items,
                      ranges=tuple(False for _ in items))

    def each_of(self, meta, children):
        inner = next(c for c in children if isinstance(c, Target))
        return Target("each_of", _span(meta), self._text(_span(meta)), inner=inner)

    def remaining(self, meta, children):
        return Target("remaining", _span(meta), self._text(_span(meta)), kind=_last_noun(children))

    def references_elsewhere(self, meta, children):
        return Target("references_elsewhere", _span(meta), self._text(_span(meta)))

    # -- modifiers -----------------------------------------------------------------------------
    def within(self, meta, children):
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        target = next((c for c in children if isinstance(c, Target)), None)
        return Modifier("within", _span(meta), word=words[0] if words else "", target=target)

    def within_words(self, meta, children):
        quoted = next(c for c in children if isinstance(c, (Quoted, Punct)))
        return Modifier("within_words", _span(meta), word=str(children[0]).lower(), words=quoted)

    def there(self, meta, children):
        return Modifier("there", _span(meta), word=_words(children)[0].lower())

    def after(self, meta, children):
        return Modifier("after", _span(meta))

    def before(self, meta, children):
        return Modifier("before", _span(meta))

    def at_end(self, meta, children):
        return Modifier("at_end", _span(meta))

    def at_start(self, meta, children):
        return Modifier("at_start", _span(meta))

    def anchor(self, meta, children):
        return children[0]

    def _simple(name):  # noqa: N805
        def method(self, meta, children):
            return Modifier(name, _span(meta), text=self._text(_span(meta)))
        return method

    entirety = _simple("entirety")
    lieu = _simple("lieu")
    order = _simple("order")
    occurrence = _simple("every")
    respectively = _simple("respectively")
    accordingly = _simple("accordingly")
    note = _simple("note")
    incipit = _simple("incipit")
    join = _simple("join")

    def as_follows(self, meta, children):
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        return Modifier("as_follows", _span(meta), word="indicated" if "indicated" in words else "follows",
                        text=self._text(_span(meta)))

    def as_new(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, _Kind)), "")
        num = next((c for c in children if isinstance(c, _Desig)), None)
        target = None
        if num is not None:
            target = Target("provisions", _span(meta), self._text(_span(meta)), items=(_path(kind, num, None),),
                            ranges=(False,), kind=kind)
        return Modifier("as_new", _span(meta), word=kind, text=_desig_text(num) if num else "", target=target)

    def as_new_units(self, meta, children):
        noun = _last_noun(children)
        units = tuple(Unit(UNIT_KINDS.get(noun, "sentence"), ORDINALS[str(t).lower()])
                      for t in children if isinstance(t, Token) and t.type == "ORD")
        return Modifier("as_new", _span(meta), units=units)

    def attached(self, meta, children):
        target = next((c for c in children if isinstance(c, Target)), None)
        return Modifier("attached", _span(meta), target=target, text=self._text(_span(meta)))

    def attached_here(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, _Kind)), "")
        num = next((c for c in children if isinstance(c, _Desig)), None)
        return Modifier("attached_here", _span(meta), word=kind, text=_desig_text(num) if num else "")

    def title_check(self, meta, children):
        quoted = next((t for t in children if isinstance(t, Token) and t.type == "QUOTED"), None)
        kind = next((c.value for c in children if isinstance(c, _Kind)), "")
        num = next((c for c in children if isinstance(c, _Desig)), None)
        return Modifier("title", _span(meta), words=Quoted((self._quote(quoted),), _span(meta)) if quoted else None,
                        word=kind, text=_desig_text(num) if num else "")

    def as_amended(self, meta, children):
        target = next(c for c in children if isinstance(c, Target))
        return Modifier("as_amended", _span(meta), target=target, text=self._text(_span(meta)))

    def exclusion(self, meta, children):
        target = next(c for c in children if isinstance(c, Target))
        return Modifier("exclusion", _span(meta), target=target, text=self._text(_span(meta)))

    def annotation(self, meta, children):
        return children[0] if children else None

    def pursuant(self, meta, children):
        return Modifier("pursuant", _span(meta), target=next(c for c in children if isinstance(c, Target)))

    def renamed_as(self, meta, children):
        return Modifier("renamed_as", _span(meta), target=next(c for c in children if isinstance(c, Target)))

    def page_place(self, meta, children):
        return Modifier("page", _span(meta), text=self._text(_span(meta)))


# ------------------------------------------------------------------------------ helpers
@dataclass(frozen=True)
class _Subject:
    elements: tuple[object, ...]


@dataclass(frozen=True)
class _Tail:
    elements: tuple[object, ...]


@dataclass(frozen=True)
class _Elements:
    items: tuple[object, ...]


@dataclass(frozen=True)
class _Verb:
    name: str


@dataclass(frozen=True)
class _Word:
    value: str


@dataclass(frozen=True)
class _Kind:
    value: str


@dataclass(frozen=True)
class _Desig:
    value: str
    parens: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Range:
    first: _Desig
    last: _Desig


def _flatten(children) -> list:
    out = []
    for c in children:
        if isinstance(c, _Elements):
            out.extend(_flatten(c.items))
        elif isinstance(c, (Target, Quoted, Punct, Following, NewProvision, Modifier)):
            out.append(c)
    return out


def _last_noun(children) -> str:
    nouns = [c.value for c in children if isinstance(c, _Word)]
    return nouns[-1] if nouns else ""


def _desig_text(d: _Desig) -> str:
    return d.value + "".join(f"({p})" for p in d.parens)


def _path(kind: str, d: _Desig, previous: tuple[Ref, ...] | None) -> tuple[Ref, ...]:
    """'2.15(a)' -> (section 2.15, clause a); a bare '(d)' after '2.15(a)' -> (section 2.15, clause d)."""
    if not d.value and previous:
        keep = len(previous) - len(d.parens)
        base = previous[:max(keep, 0)] if keep > 0 else previous[:1]
        if kind == "clause" and len(previous) == 1 and previous[0].kind == "clause":
            base = ()
        return base + tuple(Ref("clause", p, f"({p})") for p in d.parens)
    refs: list[Ref] = []
    if d.value:
        value = d.value
        if " " in value and kind in ("paragraph", "article", "part"):  # "Paragraph III C."
            major, minor = value.split(" ", 1)
            refs.append(Ref(kind, major, f"{kind.capitalize()} {major}"))
            refs.append(Ref("clause", minor.rstrip("."), minor))
        else:
            written = f"{kind.capitalize() if kind != 'clause' else 'clause'} {value}"
            refs.append(Ref(kind or "section", value, written))
    first_clause = kind == "clause" and not d.value
    for p in d.parens:
        refs.append(Ref("clause", p, f"({p})" if not first_clause else f"clause ({p})"))
    return tuple(refs)
