"""The rules of the parse tree that name provisions: "Section 2.15(a)", "clauses (i) through
(iii)", "the definition of "Notes"", "the fourth sentence", "the Recitals"; and the helpers every
rule of :class:`conformed.phrasing.Phrases` shares.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token

from .ast import Ref, Unit, Words
from .lexer import ORDINALS
from .phrases import Following, Modifier, NewProvision, Punct, Quoted, Span, Target

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


def span_of(meta) -> Span:
    return Span(getattr(meta, "start_pos", 0), getattr(meta, "end_pos", 0))


def token_texts(items) -> list[str]:
    return [str(t) for t in items if isinstance(t, Token)]


class TargetRules:
    """The grammar rules for targets. ``head`` is the instruction head the tree was parsed from;
    ``offset`` its place in the amendment."""

    head: str
    offset: int
    quotations: dict[int, tuple[int, int]]

    def _text(self, span: Span) -> str:
        return " ".join(self.head[span.start:span.end].split())

    def _quote(self, token: Token) -> Words:
        start, end = self.quotations.get(token.start_pos, (token.start_pos + 1, token.end_pos - 1))
        last = not self.head[token.end_pos:].strip(" \t\r\n.;")
        return Words(self.head[start:end], self.offset + token.start_pos, self.offset + token.end_pos, last)

    # -- targets -----------------------------------------------------------------------------
    def kind(self, meta, children):
        return KindPart(KINDS[token_texts(children)[0].lower()])

    def desig(self, meta, children):
        parts = token_texts(children)
        head = [p for p in parts if not p.startswith("(")]
        parens = [re.sub(r"[()\s]", "", p) for p in parts if p.startswith("(")]
        return Designator(" ".join(h.rstrip(".") for h in head), tuple(parens))

    def desig_range(self, meta, children):
        desigs = [c for c in children if isinstance(c, Designator)]
        return DesignatorRange(desigs[0], desigs[-1])

    def desigs(self, meta, children):
        return tuple(c for c in children if isinstance(c, (Designator, DesignatorRange, KindPart)))

    def designated(self, meta, children):
        existing = any(str(c).lower() == "existing" for c in children if isinstance(c, Token))
        kind = next(c.value for c in children if isinstance(c, KindPart))
        listing = next(c for c in children if isinstance(c, tuple))
        items, ranges, previous = [], [], None
        for entry in listing:
            if isinstance(entry, KindPart):
                kind = entry.value
                continue
            if isinstance(entry, DesignatorRange):
                first = designator_path(kind, entry.first, previous)
                last = designator_path(kind, entry.last, first)
                items.append((first, last))
                ranges.append(True)
                previous = last
            else:
                path = designator_path(kind, entry, previous)
                items.append(path)
                ranges.append(False)
                previous = path
        return Target("provisions", span_of(meta), self._text(span_of(meta)), items=tuple(items),
                      ranges=tuple(ranges), kind=kind, existing=existing)

    def definition(self, meta, children):
        terms = next((c for c in children if isinstance(c, tuple)), ())
        return Target("definitions", span_of(meta), self._text(span_of(meta)), terms=terms)

    def relative_definition(self, meta, children):
        return Target("it", span_of(meta), self._text(span_of(meta)), kind="definition")

    def relative_all(self, meta, children):
        kind = next(c.value for c in children if isinstance(c, KindPart))
        return Target("it", span_of(meta), self._text(span_of(meta)), kind=kind)

    def all_definitions(self, meta, children):
        inner = next(c for c in children if isinstance(c, Target))
        return Target("all_definitions", span_of(meta), self._text(span_of(meta)), inner=inner)

    def unit_ref(self, meta, children):
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        ords = [ORDINALS[w] for w in words if w in ORDINALS]
        noun = last_noun(children)
        units = tuple(Unit(UNIT_KINDS[noun], n, "unnumbered" in words) for n in ords)
        return Target("unit", span_of(meta), self._text(span_of(meta)), units=units)

    unit_list = unit_ref

    def unit_at(self, meta, children):
        """"the proviso at the end of Section 2.3(a)": the last one; "at the beginning": the first."""
        words = [str(t).lower() for t in children if isinstance(t, Token)]
        unit = Unit(UNIT_KINDS[last_noun(children)], -1 if "end" in words else 1)
        return Target("unit", span_of(meta), self._text(span_of(meta)), units=(unit,))

    def introduction(self, meta, children):
        return Target("unit", span_of(meta), self._text(span_of(meta)), units=(Unit("introduction", 1),))

    def table(self, meta, children):
        return Target("unit", span_of(meta), self._text(span_of(meta)), units=(Unit("table", 1),))

    def caption_ref(self, meta, children):
        quoted = next(t for t in children if isinstance(t, Token) and t.type == "QUOTED")
        return Target("caption", span_of(meta), self._text(span_of(meta)), terms=(self._quote(quoted),))

    def recitals(self, meta, children):
        return Target("recitals", span_of(meta), "the Recitals")

    def preamble(self, meta, children):
        return Target("preamble", span_of(meta), "the preamble")

    def doc(self, meta, children):
        return Target("doc", span_of(meta), self._text(span_of(meta)))

    def name(self, meta, children):
        return None

    def form_of(self, meta, children):
        return Target("form", span_of(meta), self._text(span_of(meta)))

    def relative(self, meta, children):
        kind = next((c.value for c in children if isinstance(c, KindPart)), "")
        listing = next((c for c in children if isinstance(c, tuple)), ())
        items = tuple(designator_path(kind, d, None) for d in listing if isinstance(d, Designator))
        return Target("it", span_of(meta), self._text(span_of(meta)), kind=kind, items=items,
                      ranges=tuple(False for _ in items))

    def each_of(self, meta, children):
        inner = next(c for c in children if isinstance(c, Target))
        return Target("each_of", span_of(meta), self._text(span_of(meta)), inner=inner)

    def remaining(self, meta, children):
        return Target("remaining", span_of(meta), self._text(span_of(meta)), kind=last_noun(children))

    def references_elsewhere(self, meta, children):
        return Target("references_elsewhere", span_of(meta), self._text(span_of(meta)))


# ------------------------------------------------------------------------------ shared helpers
@dataclass(frozen=True)
class SubjectPart:
    elements: tuple[object, ...]


@dataclass(frozen=True)
class TailPart:
    elements: tuple[object, ...]


@dataclass(frozen=True)
class ElementsPart:
    items: tuple[object, ...]


@dataclass(frozen=True)
class VerbPart:
    name: str


@dataclass(frozen=True)
class WordPart:
    value: str


@dataclass(frozen=True)
class KindPart:
    value: str


@dataclass(frozen=True)
class Designator:
    value: str
    parens: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DesignatorRange:
    first: Designator
    last: Designator


def flatten(children) -> list:
    out = []
    for c in children:
        if isinstance(c, ElementsPart):
            out.extend(flatten(c.items))
        elif isinstance(c, (Target, Quoted, Punct, Following, NewProvision, Modifier)):
            out.append(c)
    return out


def last_noun(children) -> str:
    nouns = [c.value for c in children if isinstance(c, WordPart)]
    return nouns[-1] if nouns else ""


def designator_text(d: Designator) -> str:
    return d.value + "".join(f"({p})" for p in d.parens)


def designator_path(kind: str, d: Designator, previous: tuple[Ref, ...] | None) -> tuple[Ref, ...]:
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
