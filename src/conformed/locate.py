"""Stage 5a: a target ("clause (a) of the Recitals", "the fourth line of Section 13.4",
"the definition of "Notes" in Section 1") -> the provisions and spans it names in the base.

Targets resolve structurally, step by step down the tree, and every step must find exactly one
provision: none is :class:`TargetNotFound`, several is :class:`AmbiguousTarget` with the count
and the places. Where the tree has no node for an inline enumeration ("(a) ... and (b) ..."
inside a recital), the clause is found in the provision's own text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import ast, labels
from .document import Document
from .errors import AmbiguousTarget, Place, TargetNotFound
from .tree import ATTACHMENTS, NUMBERED, Node

SECTIONLIKE = ("section", "part", "paragraph", "article")
_INLINE_LABEL = re.compile(r"(?<![\w(])\((?P<num>[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\)(?=[\s\u00a0])")
# "clause (a)", "Section 2.1(b)", "under (c)": a label after these words refers; it opens nothing.
_REFERENCE_BEFORE = re.compile(r"(?:\b(?:clause|clauses|section|sections|paragraph|paragraphs|subsection|subsections|"
                               r"item|items|through|to|of|in|under)|\d)\s*$", re.I)
# "(a) and (b)", "(i), (ii)": a label joined to the one before it is whatever that one is.
_JOINED_TO_LABEL = re.compile(r"\)\s*(?:,\s*)?(?:\b(?:and|or|and/or|through|to)\b)?\s*$", re.I)
_PROVISO = re.compile(r"\bprovided\b[\s,]*(?:(?:further|however)[\s,]+)*that\b", re.I)


@dataclass(frozen=True)
class Spot:
    """A located place: the provision (node) and the span of text the target names in it."""

    node: Node
    start: int
    end: int
    note: str = ""  # e.g. a plural/singular difference accepted in a defined term
    what: str = ""  # the span as the instruction names it: "the second paragraph of Section 2.02"

    def describe(self) -> str:
        return self.what or (self.node.describe() if self.node.kind != "root" else "the agreement")

    @property
    def whole(self) -> bool:
        return self.start == self.node.start and self.end == self.node.end


class Locator:
    def __init__(self, doc: Document, recited_dates: tuple[str, ...] = ()):
        self.doc = doc
        self.recited_dates = recited_dates
        self.notes: list[str] = []  # what was accepted but is worth a warning
        # scope id -> (scope, {term key: definitions in document order}); the base does not change
        # while one amendment resolves, so each scope is walked once, not once per instruction.
        self._terms: dict[int, tuple[Node, dict[str, list[Node]]]] = {}

    # -- provisions --------------------------------------------------------------------------
    def nodes(self, target: ast.Target, place: Place | None = None) -> list[Node]:
        """The provisions a target's path names (before its units)."""
        scopes = [self.doc.root]
        for ref in target.path:
            found: list[Node] = []
            for scope in scopes:
                found.extend(self._find(scope, ref, place))
            found = _unique(found)
            if not found:
                within = scopes[0].describe() if scopes[0].kind != "root" else "the agreement"
                raise TargetNotFound(f"{_ref_text(ref)} not found in {within}", place)
            if len(found) > 1:
                found = self._disambiguate(found, ref, place)
            scopes = found
        if target.until:
            return [self._range(scopes[0], target, place)]
        return scopes

    def spot(self, target: ast.Target, place: Place | None = None) -> Spot:
        """The single span a target names (units applied)."""
        nodes = self.nodes(target, place)
        if len(nodes) != 1:
            raise AmbiguousTarget(f"{target.describe()} names {len(nodes)} provisions", place)
        node = nodes[0]
        spot = Spot(node, node.start, node.end)
        for unit in target.units:
            spot = self.unit(spot, unit, place)
        units = [u for u in target.units if u.kind != "line"]
        if units:
            named = " of ".join(f"the {u.describe()}" for u in reversed(units))
            spot = replace(spot, what=f"{named} of {node.describe()}")
        return spot

    def _find(self, scope: Node, ref: ast.Ref, place: Place | None) -> list[Node]:
        kind = ref.kind
        if kind == "document":
            return self._documents(scope, ref.value)
        if kind in ("recitals", "preamble"):
            return [n for n in self._walk(scope) if n.kind == kind]
        if kind == "definition":
            return self._definitions(scope, ref.value)
        if kind == "definitions":
            return [scope]
        if kind == "caption":
            return self._captions(scope, ref.value)
        if kind in ATTACHMENTS:
            found = [d for d in self.doc.documents if d.kind == kind and _same_num(d.num, ref.value)]
            if found:
                return found
            return [n for n in self._numbered(scope, ref.value) if n.kind != "clause"]
        if kind == "clause":
            return self._clauses(scope, ref.value)
        return self._sections(scope, ref)

    def _walk(self, scope: Node):
        return scope.walk()

    # -- documents ------------------------------------------------------------------------------
    def _documents(self, scope: Node, name: str) -> list[Node]:
        """'the Schedule', 'the Lien Annex', 'the Credit Support Annex'; any other name (the
        agreement's own name, "the Agreement") is the whole base."""
        wanted = _plain(name)
        nouns = [n for n in ("schedule", "annex", "exhibit", "appendix", "confirmation", "addendum", "rider")
                 if re.search(rf"\b{n}\b", wanted)]
        if not nouns or scope.kind != "root":
            return [scope]
        found = []
        for d in self.doc.documents:
            title = _plain(d.title)
            head = re.split(r"\b(?:to|dated|between|among)\b", title)[0].strip()
            head = re.sub(r"^amended and restated\s+", "", head)
            if head == wanted or head.endswith(" " + wanted) or re.search(rf"\bto the {re.escape(wanted)}\b", title) \
                    and re.match(r"(?:paragraph|part|section)\s", head):
                found.append(d)
            elif d.kind in ATTACHMENTS and not d.num and d.kind in wanted.split()[-1:] and len(wanted.split()) == 1:
                found.append(d)
        if not found and len(self.doc.documents) == 1:
            # a file that is the Schedule alone: "SCHEDULE / to the / ISDA Master Agreement" heads it
            opening = self._opening(self.doc.main)
            if re.search(rf"\b{re.escape(wanted.split()[-1])}\b", opening):
                found.append(self.doc.main)
        return found

    def _opening(self, document: Node) -> str:
        """The short lines that open a document (its title block), in plain lower case."""
        lines = []
        for line in self.doc.layout.lines[self.doc.layout.line_index(document.start):][:12]:
            body = self.doc.text[line.start:line.end].strip()
            if len(body) > 80:
                break
            lines.append(body)
        return _plain(" ".join(lines))

    def _disambiguate(self, found: list[Node], ref: ast.Ref, place: Place | None) -> list[Node]:
        """Several candidates: prefer the main agreement over its attachments, then the document
        whose title block carries the dates the amendment recites; else report the ambiguity."""
        main = self.doc.main
        in_main = [n for n in found if n is main or main in n.ancestors()]
        if in_main and len(in_main) < len(found) and ref.kind != "document":
            found = in_main
        if len(found) > 1 and self.recited_dates:
            scored = [(sum(d in n.document().dates for d in self.recited_dates), n) for n in found]
            best = max(s for s, _ in scored)
            if best and sum(1 for s, _ in scored if s == best) == 1:
                return [n for s, n in scored if s == best]
        if len(found) > 1:
            lines = ", ".join(str(self.doc.position(n.text_start)[0]) for n in found[:6])
            raise AmbiguousTarget(f"{_ref_text(ref)} is found {len(found)} times (lines {lines})", place)
        return found

    # -- numbered provisions --------------------------------------------------------------------
    def _numbered(self, scope: Node, num: str) -> list[Node]:
        return [n for n in self.doc.numbered(num) if n is scope or scope in n.ancestors() or scope.kind == "root"]

    def _sections(self, scope: Node, ref: ast.Ref) -> list[Node]:
        candidates = [n for n in self._numbered(scope, ref.value) if n.kind != "clause"]
        exact = [n for n in candidates if n.kind == ref.kind]
        if exact:
            return exact
        if candidates:
            return candidates
        # "Section 4.c" written for Section 4, clause c
        m = re.fullmatch(r"(\d+)\.([a-z]{1,3})", ref.value)
        if m:
            parents = self._sections(scope, ast.Ref(ref.kind, m.group(1)))
            return [c for p in parents for c in self._clauses(p, m.group(2))]
        # "Paragraph III" for a top-level "III." heading, which the tree holds as a lettered clause
        return [n for n in self._numbered(scope, ref.value) if n.kind == "clause"
                and (scope.kind != "root" or (n.parent is not None and n.parent.kind in ("document",) + tuple(ATTACHMENTS)))]

    def _clauses(self, scope: Node, num: str) -> list[Node]:
        direct = [c for c in scope.children if c.kind == "clause" and c.num == num]
        if direct:
            return direct
        deeper = [n for n in scope.walk() if n is not scope and n.kind == "clause" and n.num == num]
        if deeper:
            shallowest = min(_depth(n) for n in deeper)
            return [n for n in deeper if _depth(n) == shallowest]
        return self._inline_clauses(scope, num)

    def _inline_clauses(self, scope: Node, num: str) -> list[Node]:
        """'(a) ... and (b) ...' inside the text of a provision: a clause without a node."""
        text = self.doc.text
        masked = _mask_quotes(text, scope.body_start, scope.end)
        labels_found = []
        referring = False
        for m in _INLINE_LABEL.finditer(masked):
            before = masked[max(0, m.start() - 20):m.start()]
            if _REFERENCE_BEFORE.search(before):
                referring = True  # "clause (a) above" refers; it does not open a clause
            elif not _JOINED_TO_LABEL.search(before):
                referring = False
            if not referring:
                labels_found.append((scope.body_start + m.start(), m.group("num")))
        for i, (pos, label) in enumerate(labels_found):
            if label != num:
                continue
            style = labels.styles(label, "paren")[0][0]
            end = scope.end
            for later_pos, later in labels_found[i + 1:]:
                if any(s == style and o == labels.ordinal(label, style) + 1 for s, o in labels.styles(later, "paren")):
                    end = later_pos
                    break
            else:
                end = _sentence_end(text, pos, scope.end)
            end = _without_joiner(text, pos, _rstrip(text, pos, end))
            return [Node("clause", pos, end, num=num, label=f"({num})", text_start=pos, body_start=pos + len(num) + 2,
                         parent=scope)]
        return []

    # -- definitions ------------------------------------------------------------------------------
    def _definitions(self, scope: Node, term: str) -> list[Node]:
        want = _term_key(term)
        index = self._term_index(scope)
        if want in index:
            return list(index[want])
        # "Letter of Credit" for a base that defines "Letters of Credit": accepted, and said
        near = sorted((n for key in _number_variants(want) for n in index.get(key, ())), key=lambda n: n.start)
        for n in near:
            self.notes.append(f'the amendment says "{term}"; the agreement defines "{n.term}" '
                              f"(line {self.doc.position(n.text_start)[0]}), taken to be the same term")
        return near

    def _term_index(self, scope: Node) -> dict[str, list[Node]]:
        known = self._terms.get(id(scope))
        if known is None:
            index: dict[str, list[Node]] = {}
            for n in scope.walk():
                if n.term:
                    index.setdefault(_term_key(n.term), []).append(n)
            known = self._terms[id(scope)] = (scope, index)
        return known[1]

    def _captions(self, scope: Node, caption: str) -> list[Node]:
        want = _plain(caption)
        found = [n for n in scope.walk() if n.caption and _plain(n.caption).rstrip(".:") == want]
        if found:
            return found
        out = []
        paras = [p for p in self.doc.layout.paragraphs if scope.start <= p.start < max(scope.end, scope.start + 1)]
        for i, p in enumerate(paras):
            head = _plain(self.doc.text[p.start:min(p.end, p.start + len(caption) + 20)])
            if head.startswith(want) and len(self.doc.text[p.start:p.end]) < len(caption) + 40:
                end = paras[-1].end
                for q in paras[i + 1:]:
                    if _looks_like_caption(self.doc.text[q.start:q.end]):
                        end = self._before(q.start)
                        break
                line = self.doc.layout.line_at(p.start)
                out.append(Node("caption", line.start, end, caption=caption, text_start=p.start,
                                body_start=p.end, parent=scope))
        return out

    def _before(self, offset: int) -> int:
        return _rstrip(self.doc.text, 0, offset)

    # -- ranges and units -----------------------------------------------------------------------
    def _range(self, first: Node, target: ast.Target, place: Place | None) -> Node:
        last_target = ast.Target(target.path[:-1] + target.until[-1:]) if len(target.until) == 1 else \
            ast.Target(target.until)
        last = self.nodes(last_target, place)
        if len(last) != 1:
            raise AmbiguousTarget(f"{target.describe()}: the end of the range is not one provision", place)
        end = last[0]
        if end.end < first.start:
            raise TargetNotFound(f"{target.describe()}: the range runs backwards", place)
        return Node(first.kind, first.start, end.end, num=f"{first.num}-{end.num}", label=first.label,
                    text_start=first.text_start, body_start=first.body_start, parent=first.parent)

    def unit(self, spot: Spot, unit: ast.Unit, place: Place | None) -> Spot:
        node = spot.node
        if unit.kind == "sentence":
            spans = self.doc.sentences(node, max(spot.start, node.body_start), spot.end)
        elif unit.kind == "paragraph":
            spans = [p for p in self.doc.paragraphs(node) if spot.start <= p[0] < spot.end]
            if unit.unnumbered:
                spans = [p for p in spans if labels.classify(self.doc.text[p[0]:p[0] + 40]) is None]
        elif unit.kind == "proviso":
            spans = self._provisos(spot)
        elif unit.kind == "introduction":
            first_child = next((c for c in node.children if c.start > node.body_start), None)
            end = first_child.start if first_child else spot.end
            return Spot(node, node.body_start, _rstrip(self.doc.text, node.body_start, end))
        elif unit.kind == "line":
            return spot  # a line is a check on a match, not a span (see resolve)
        else:
            raise TargetNotFound(f"the {unit.kind} of {node.describe()} cannot be located in plain text", place)
        index = unit.index if unit.index > 0 else len(spans) + unit.index + 1
        if not 1 <= index <= len(spans):
            raise TargetNotFound(f"{node.describe()} has {len(spans)} {unit.kind}(s); the {unit.describe()} "
                                 "is not there", place)
        start, end = spans[index - 1]
        return Spot(node, start, end)

    def _provisos(self, spot: Spot) -> list[tuple[int, int]]:
        text = self.doc.text
        starts = [m.start() for m in _PROVISO.finditer(text, spot.start, spot.end)]
        out = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else _sentence_end(text, start, spot.end)
            out.append((start, _rstrip(text, start, end)))
        return out


# ------------------------------------------------------------------------------ helpers
_JOINER_END = re.compile(r"[\s,;]*\b(?:and|or|and/or)\s*$|[\s,;]+$", re.I)


def _without_joiner(text: str, start: int, end: int) -> int:
    """An inline clause ends before the "and" / "or" / "," that joins it to the next one."""
    m = _JOINER_END.search(text, start, end)
    return m.start() if m and m.start() > start else end


def _unique(nodes: list[Node]) -> list[Node]:
    seen, out = set(), []
    for n in nodes:
        if id(n) not in seen:
            seen.add(id(n))
            out.append(n)
    return out


def _depth(node: Node) -> int:
    return sum(1 for _ in node.ancestors())


def _ref_text(ref: ast.Ref) -> str:
    if ref.kind == "definition":
        return f'the definition of "{ref.value}"'
    if ref.kind == "clause":
        return f"clause ({ref.value})"
    if ref.kind in NUMBERED or ref.kind in ATTACHMENTS:
        return f"{ref.kind.capitalize()} {ref.value}"
    return ref.written or ref.value or ref.kind


def _plain(text: str) -> str:
    text = re.sub(r"[\"“”'’*_|\\]", "", text.lower())
    return " ".join(text.split())


_NOT_WORD = re.compile(r"[^\w]+")


def _term_key(term: str) -> str:
    return _NOT_WORD.sub(" ", term.lower()).strip()


def _number_variants(key: str) -> set[str]:
    """The term with one of its words in the other grammatical number."""
    words = key.split()
    out = set()
    for i, w in enumerate(words):
        other = w[:-1] if w.endswith("s") and len(w) > 3 else w + "s"
        out.add(" ".join(words[:i] + [other] + words[i + 1:]))
    return out - {key}


def _same_num(a: str, b: str) -> bool:
    return a.replace(" ", "").lower().strip(".") == b.replace(" ", "").lower().strip(".")


def _mask_quotes(text: str, start: int, end: int) -> str:
    from .quotes import mask
    return mask(text, start, end)[0]


def _sentence_end(text: str, start: int, limit: int) -> int:
    m = re.compile(r"[.;](?=\s|$)").search(text, start, limit)
    return m.end() if m else limit


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _looks_like_caption(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) < 60 and stripped.endswith(":") and stripped[:1].isupper()
