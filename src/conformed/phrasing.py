"""Parse tree -> phrases (:mod:`conformed.phrases`).

A tree walk with one method per rule of the grammar. It decides nothing about what the instruction
does (that is :mod:`conformed.meaning`); it only turns every rule into a small typed phrase. The
rules for targets are in :mod:`conformed.phrasing_targets`. Nothing after this stage touches lark.
"""
from __future__ import annotations

import re

from lark import Token, Tree

from . import quotes
from .ast import Unit, Words
from .lexer import ORDINALS
from .phrases import Action, Following, Modifier, NewProvision, Punct, Quoted, Reading, Span, Statement, Target
from .phrasing_targets import (PUNCT, UNIT_KINDS, Designator, ElementsPart, KindPart, SubjectPart, TailPart,
                               TargetRules, VerbPart, WordPart, designator_path, designator_text, flatten,
                               last_noun, span_of, token_texts)


_ALPHABETICAL = re.compile(r"\balphabetical\s+(?:order|location|position|sequence|place)\b", re.I)


class Phrases(TargetRules):
    """Turns a parse tree of ``head`` into phrases. ``offset`` is the head's place in the amendment.

    Each rule (or alias) of the grammar has a method of its name taking ``(meta, children)``,
    the children already transformed; a rule without one stays a lark ``Tree``.
    """

    def __init__(self, head: str, offset: int = 0):
        self.head = head
        self.offset = offset
        # where each quotation's words are, by the offset of its (masked) token: quote marks are
        # one, two or (for an opening mark a conversion lost) no characters long
        self.quotations = {q.open: q.inner for q in quotes.pair(head)[0] if q.close >= 0}

    def _figure(self, token: Token) -> Words:
        """An unquoted figure ("38,350", "$1.50") taken as the words it is."""
        return Words(str(token), self.offset + token.start_pos, self.offset + token.end_pos)

    def transform(self, tree: Tree):
        # lark's Transformer does the same walk, but wraps every method anew on every call
        # (for ``v_args``); on a 200-instruction amendment that wrapping was most of this stage.
        children = [self.transform(c) if isinstance(c, Tree) else c for c in tree.children]
        method = getattr(self, tree.data, None)
        if method is None:
            return Tree(tree.data, children, tree.meta)
        return method(tree.meta, children)

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
        notes = tuple(c for c in children if isinstance(c, str) and not isinstance(c, Token))  # proviso, rider
        return tuple(c for c in children if isinstance(c, Statement)), "; ".join(notes)

    def rider(self, meta, children):
        return " ".join(str(children[0]).rstrip(" ;,").split())

    def proviso(self, meta, children):
        return "provided that " + next(str(c) for c in children if isinstance(c, Token) and c.type == "REST")

    def statement(self, meta, children):
        label = next((str(c) for c in children if isinstance(c, Token) and c.type == "PAREN"), "")
        inner = next(c for c in children if isinstance(c, Statement))
        return Statement(**{**inner.__dict__, "label": label})

    # -- frames ----------------------------------------------------------------------------
    def passive(self, meta, children):
        subject = next(c for c in children if isinstance(c, SubjectPart))
        frame = next(c for c in children if isinstance(c, Statement))
        return Statement(**{**frame.__dict__, "subject": subject.elements, "span": span_of(meta)})

    def subject(self, meta, children):
        return SubjectPart(tuple(flatten(children)))

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
                elif isinstance(c, Token) and c.type == "FIGURE_NUM":
                    current.append(Quoted((self._figure(c),), Span(c.start_pos, c.end_pos)))
                elif not isinstance(c, (Token, Statement, tuple)):
                    current.extend(flatten([c]))
            groups.append(current)
            first = tuple(groups[0])
            second = tuple(e for g in groups[1:] for e in g)
            return Statement(kind, span_of(meta), actions=actions, elements=first, second=second, inner=inner)
        return method

    amended = _frame("amended")
    restated = _frame("restated")
    deleted = _frame("deleted")
    replaced = _frame("replaced")
    added = _frame("added")
    renumbered = _frame("renumbered")
    changed = _frame("changed")
    changed_from = _frame("changed_from")
    substituted = _frame("substituted")
    phased = _frame("phased")
    deemed_references = _frame("deemed_references")
    deemed_replaced = _frame("deemed_replaced")
    reflect = _frame("reflect")
    renumber_reflect = _frame("renumber_reflect")
    so_that = _frame("so_that")
    intro = _frame("intro")

    def references(self, meta, children):
        within = tuple(c for c in children if isinstance(c, Modifier))
        tail = next(c for c in children if isinstance(c, TailPart))
        return Statement("references", span_of(meta), subject=within, elements=tail.elements)

    def references_tail(self, meta, children):
        return TailPart(tuple(flatten([c for c in children if not isinstance(c, Token)])))

    def propose(self, meta, children):
        actions = next((c for c in children if isinstance(c, tuple) and c and isinstance(c[0], Action)), ())
        elements = tuple(flatten([c for c in children if not isinstance(c, (Token, tuple))]))
        if actions:
            return Statement("amended", span_of(meta), subject=elements, actions=actions)
        return Statement("intro", span_of(meta), subject=elements)

    def agree(self, meta, children):
        return next(c for c in children if isinstance(c, Statement))

    # -- actions -----------------------------------------------------------------------------
    def actions(self, meta, children):
        return tuple(c for c in children if isinstance(c, Action))

    def change_action(self, meta, children):
        """"changing the Expiration Date from "X" to "Y"": the old and the new words, in order."""
        label = next((str(c) for c in children if isinstance(c, Token) and c.type == "PAREN"), "")
        elements = []
        for c in children:
            if isinstance(c, Token) and c.type == "FIGURE_NUM":
                elements.append(Quoted((self._figure(c),), Span(c.start_pos, c.end_pos)))
            elif not isinstance(c, Token):
                elements.extend(flatten([c]))
        return Action("change", tuple(elements), span_of(meta), label)

    def action(self, meta, children):
        label = next((str(c) for c in children if isinstance(c, Token) and c.type == "PAREN"), "")
        verb = next(c for c in children if isinstance(c, VerbPart))
        elements = tuple(flatten([c for c in children if isinstance(c, ElementsPart)]))
        return Action(verb.name, elements, span_of(meta), label)

    def _verb(name):  # noqa: N805
        def method(self, meta, children):
            return VerbPart(name)
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
        return ElementsPart(tuple(flatten(children)))

    closed = open = open_rest = modifiers = complement

    def with_(self, meta, children):
        obj = next(c for c in children if not isinstance(c, Token))
        return Modifier("with", span_of(meta), obj=obj)

    # -- quotations --------------------------------------------------------------------------
    def quoted_list(self, meta, children):
        return tuple(self._quote(t) for t in children if isinstance(t, Token) and t.type == "QUOTED")

    def words(self, meta, children):
        quoted = next((c for c in children if isinstance(c, tuple)), ())
        noun = next((c.value for c in children if isinstance(c, WordPart)), "")
        scope = next((c for c in children if isinstance(c, Target)), None)
        page = next((c.text for c in children if isinstance(c, Modifier) and c.name == "page"), "")
        amount = [t for t in children if isinstance(t, Token) and t.type == "FIGURE_NUM"]
        if amount:
            quoted = (self._figure(amount[0]),)
        if not quoted and noun in PUNCT:
            return Punct(PUNCT[noun], span_of(meta))
        return Quoted(quoted, span_of(meta), noun=noun, scope=scope, page=page)

    def punct(self, meta, children):
        noun = next((c.value for c in children if isinstance(c, WordPart)), "")
        return Punct(PUNCT.get(noun, "."), span_of(meta))

    def such_words(self, meta, children):
        return Target("it", span_of(meta), self._text(span_of(meta)))

    def each_instance(self, meta, children):
        quoted = next(c for c in children if isinstance(c, tuple))
        scope = next((c for c in children if isinstance(c, Target)), None)  # "each reference in the Plan to"
        return Quoted(quoted, span_of(meta), each=True, scope=scope)

    def meant(self, meta, children):
        """"Each reference to "X" ... shall mean and be a reference to "Y"": X becomes Y."""
        subject = next(c for c in children if isinstance(c, SubjectPart))
        new = next(c for c in children if isinstance(c, Quoted))
        return Statement("changed", span_of(meta), subject=subject.elements, elements=(new,))

    def nth_instance(self, meta, children):
        quoted = next(c for c in children if isinstance(c, tuple))
        nth = next(ORDINALS[str(t).lower()] for t in children if isinstance(t, Token) and t.type == "ORD")
        return Quoted(quoted, span_of(meta), nth=nth)

    def nth_place(self, meta, children):
        nth = next(ORDINALS[str(t).lower()] for t in children if isinstance(t, Token) and t.type == "ORD")
        return Modifier("nth", span_of(meta), text=str(nth))

    def stricken(self, meta, children):
        return Quoted((), span_of(meta), noun="stricken text")

    def inserted_text(self, meta, children):
        return Quoted((), span_of(meta), noun="inserted text")

    def word_noun(self, meta, children):
        return WordPart(" ".join(token_texts(children)).lower())

    punct_noun = occurrence_noun = unit_noun = doc_noun = remaining_noun = form_noun = adjective = word_noun

    def payload_noun(self, meta, children):
        """"text", "definitions", or a provision: "the following new clause (b)" names the clause
        the new text will be."""
        kind = next((c for c in children if isinstance(c, KindPart)), None)
        if kind is None:
            return self.word_noun(meta, children)
        if not any(isinstance(c, tuple) for c in children):
            return WordPart(kind.value)
        return self.designated(meta, children)

    # -- new text ----------------------------------------------------------------------------
    def payload(self, meta, children):
        noun = " ".join(c.value for c in children if isinstance(c, WordPart))
        target = next((c for c in children if isinstance(c, Target)), None)
        return Following(noun, span_of(meta), target)

    def new_provision(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, KindPart)), "")
        num = next((c for c in children if isinstance(c, Designator)), None)
        return NewProvision(kind, num.value if num else "", span_of(meta))

    def new_units(self, meta, children):
        units = tuple(Unit(UNIT_KINDS.get(last_noun(children), "sentence"), ORDINALS[str(t).lower()])
                      for t in children if isinstance(t, Token) and t.type == "ORD")
        return NewProvision("units", "", span_of(meta), units)

    # -- modifiers -----------------------------------------------------------------------------
    def within(self, meta, children):
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        target = next((c for c in children if isinstance(c, Target)), None)
        return Modifier("within", span_of(meta), word=words[0] if words else "", target=target)

    def within_words(self, meta, children):
        quoted = next(c for c in children if isinstance(c, (Quoted, Punct)))
        return Modifier("within_words", span_of(meta), word=str(children[0]).lower(), words=quoted)

    def there(self, meta, children):
        return Modifier("there", span_of(meta), word=token_texts(children)[0].lower())

    def after(self, meta, children):
        return Modifier("after", span_of(meta))

    def before(self, meta, children):
        return Modifier("before", span_of(meta))

    def at_end(self, meta, children):
        return Modifier("at_end", span_of(meta))

    def at_start(self, meta, children):
        return Modifier("at_start", span_of(meta))

    def anchor(self, meta, children):
        return children[0]

    def _simple(name):  # noqa: N805
        def method(self, meta, children):
            return Modifier(name, span_of(meta), text=self._text(span_of(meta)))
        return method

    entirety = _simple("entirety")
    lieu = _simple("lieu")
    order = _simple("order")
    occurrence = _simple("every")
    respectively = _simple("respectively")
    accordingly = _simple("accordingly")
    incipit = _simple("incipit")
    join = _simple("join")

    def note(self, meta, children):
        """A parenthetical or a "which ..." clause: kept as a note, except that "which shall be
        inserted in the proper alphabetical order" says where new definitions go."""
        text = self._text(span_of(meta))
        name = "order" if _ALPHABETICAL.search(text) else "note"
        return Modifier(name, span_of(meta), text=text)

    def as_follows(self, meta, children):
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        return Modifier("as_follows", span_of(meta), word="indicated" if "indicated" in words else "follows",
                        text=self._text(span_of(meta)))

    def as_new(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, KindPart)), "")
        num = next((c for c in children if isinstance(c, Designator)), None)
        target = None
        if num is not None:
            target = Target("provisions", span_of(meta), self._text(span_of(meta)), items=(designator_path(kind, num, None),),
                            ranges=(False,), kind=kind)
        return Modifier("as_new", span_of(meta), word=kind, text=designator_text(num) if num else "", target=target)

    def as_new_units(self, meta, children):
        noun = last_noun(children)
        units = tuple(Unit(UNIT_KINDS.get(noun, "sentence"), ORDINALS[str(t).lower()])
                      for t in children if isinstance(t, Token) and t.type == "ORD")
        return Modifier("as_new", span_of(meta), units=units)

    def attached(self, meta, children):
        target = next((c for c in children if isinstance(c, Target)), None)
        return Modifier("attached", span_of(meta), target=target, text=self._text(span_of(meta)))

    def attached_here(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, KindPart)), "")
        num = next((c for c in children if isinstance(c, Designator)), None)
        return Modifier("attached_here", span_of(meta), word=kind, text=designator_text(num) if num else "")

    def title_check(self, meta, children):
        quoted = next((t for t in children if isinstance(t, Token) and t.type == "QUOTED"), None)
        kind = next((c.value for c in children if isinstance(c, KindPart)), "")
        num = next((c for c in children if isinstance(c, Designator)), None)
        return Modifier("title", span_of(meta), words=Quoted((self._quote(quoted),), span_of(meta)) if quoted else None,
                        word=kind, text=designator_text(num) if num else "")

    def as_amended(self, meta, children):
        target = next(c for c in children if isinstance(c, Target))
        return Modifier("as_amended", span_of(meta), target=target, text=self._text(span_of(meta)))

    def exclusion(self, meta, children):
        target = next(c for c in children if isinstance(c, Target))
        return Modifier("exclusion", span_of(meta), target=target, text=self._text(span_of(meta)))

    def annotation(self, meta, children):
        return children[0] if children else None

    def pursuant(self, meta, children):
        return Modifier("pursuant", span_of(meta), target=next(c for c in children if isinstance(c, Target)))

    def renamed_as(self, meta, children):
        return Modifier("renamed_as", span_of(meta), target=next(c for c in children if isinstance(c, Target)))

    def page_place(self, meta, children):
        return Modifier("page", span_of(meta), text=self._text(span_of(meta)))
