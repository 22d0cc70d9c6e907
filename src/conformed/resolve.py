"""Stage 5b: instructions + the base -> changes (spans of the base and their new text), or
diagnostics saying exactly why an instruction cannot be carried out.

Every instruction of one amendment resolves against the base as it stood before that amendment.
Nothing is guessed: quoted words must be found exactly once where the instruction says (or
everywhere it says "each place it appears"), line and punctuation qualifiers are checked, and a
provision must exist before it is restated.

Finding the provisions and the words, with those qualifiers, is :mod:`conformed.matching`; the
:class:`Resolver` turns what it finds into one change per elementary edit.
"""
from __future__ import annotations

import re

from . import ast, fit
from .document import Document
from .changes import Change, Diagnostic, Provenance
from .errors import ConformedError, MissingPayload, ResolveError, TargetNotFound, Unsupported
from .instructions import Amendment
from .locate import Locator, Spot
from .matching import Finder
from . import placement, restating
from .placement import Placement, line_end, line_start
from .textindex import Match
from .tree import Node


class Resolver:
    def __init__(self, base: Document, amendment: Amendment, label: str, date: str = "",
                 recited_dates: tuple[str, ...] = ()):
        self.base = base
        self.amendment = amendment
        self.label = label
        self.date = date
        self.locator = Locator(base, recited_dates)
        self.finder = Finder(base, self.locator)
        self.markdown = base.source.fmt == "md"
        self.placement = Placement(base)

    def resolve(self, instruction: ast.Instruction) -> tuple[list[Change], list[Diagnostic]]:
        prov = Provenance(self.label, instruction.source or self.amendment.path, instruction.id,
                          instruction.line, instruction.column, " ".join(instruction.head.split()), self.date)
        changes: list[Change] = []
        notes: list[Diagnostic] = []
        self._notes = notes
        self._prov = prov
        # definitions this instruction deletes: a new one of the same term replaces them
        self._replacing = {e.target.path[-1].value.lower() for e in instruction.edits
                           if e.action == "delete" and e.target and e.target.path
                           and e.target.path[-1].kind == "definition"}
        # clauses this instruction removes or pushes down: "relettering the remaining clauses" follows them
        self._removed: list[Node] = []
        self._pushed: list[Node] = []
        self._reletters = any(e.action == "renumber" and e.order == "remaining" for e in instruction.edits)
        try:
            for edit in instruction.edits:
                changes.extend(self._edit(edit, prov))
        except ResolveError as exc:
            return [], notes + [Diagnostic("error", exc.kind, exc.message, prov, self._base_line(exc),
                                           getattr(exc, "words", ""))]
        finally:
            notes.extend(Diagnostic("warning", "near_match", n, prov) for n in self.locator.notes)
            self.locator.notes.clear()
        return changes, notes

    def _base_line(self, exc: ConformedError) -> int:
        return getattr(exc, "base_line", 0)

    # -- one edit ----------------------------------------------------------------------------
    def _edit(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        place = prov.place
        if edit.action == "unsupported":
            kind = "not_understood" if edit.reason.startswith("not understood") else "unsupported"
            err = Unsupported(edit.reason.replace("not understood: ", ""), place)
            err.kind = kind
            raise err
        handler = getattr(self, f"_{edit.action}")
        return handler(edit, prov)

    def _delete(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        if edit.text is not None:
            spot = self.finder.spot(edit.target, prov)
            if re.fullmatch(r"[.;,:]", edit.text.text) and edit.anchor is not None and edit.anchor.side == "end":
                start, end = self.finder.trailing_mark(spot, edit.text.text, prov)
                return [self._change(start, end, "", "delete", edit, prov)]
            matches = self.finder.words(spot, edit, edit.text, prov, self._notes)
            return [self._change(*_without_gap(self.base.text, m.start, m.end), "", "delete", edit, prov)
                    for m in matches]
        if edit.target is not None and any(u.kind != "line" for u in edit.target.units):
            return [self._delete_unit(edit, prov)]
        out = []
        for node in self.finder.nodes(edit.target, prov):
            start, end = _whole_lines(self.base, node)
            out.append(self._change(start, end, "", "delete", edit, prov))
            self._removed.append(node)
        return out

    def _delete_unit(self, edit: ast.Edit, prov: Provenance) -> Change:
        """"the last sentence of Section 2.02(c)", "the second paragraph of ...": that span only."""
        spot = self.finder.spot(edit.target, prov)
        text = self.base.text
        if edit.target.unit is not None and edit.target.unit.kind == "paragraph":
            start, end = _whole_lines(self.base, Node("paragraph", line_start(text, spot.start), spot.end))
        else:
            start, end = _without_gap(text, spot.start, spot.end)
            if text[end:end + 1] == " " and (start == 0 or text[start - 1] in " \n"):
                end += 1  # a sentence and the space after it, or the space before it if it is the last
        return self._change(start, end, "", "delete", edit, prov)

    def _replace(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        new = self._new_words(edit, prov)
        spot = self.finder.spot(edit.target, prov)
        if edit.text is None:  # "the second sentence of Section 1102 ... replaced with the following"
            if spot.whole and not (edit.target and edit.target.units):
                return self._restate(edit, prov)
            return [self._change(spot.start, spot.end, new, "replace", edit, prov, refine=True)]
        if re.fullmatch(r"[.;,:]", edit.text.text) and edit.anchor is not None and edit.anchor.side == "end":
            start, end = self.finder.trailing_mark(spot, edit.text.text, prov)
            return [self._change(start, end, new, "replace", edit, prov)]
        return [self._change(*fit.keeping_break(self.base.text, *_punctuation_joins(self.base.text, m, new), new),
                             "replace", edit, prov)
                for m in self.finder.words(spot, edit, edit.text, prov, self._notes)]

    def _insert(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        new = self._new_words(edit, prov)
        anchor = edit.anchor
        spot = self.finder.spot(anchor.target if anchor and anchor.target else edit.target, prov)
        text = self.base.text
        points: list[int] = []
        if anchor is not None and anchor.words is not None:
            matches = self.finder.words(spot, edit, anchor.words, prov, self._notes, punct=anchor.punct)
            points = [m.end if anchor.side == "after" else m.start for m in matches]
        elif anchor is not None and anchor.punct:
            start, _ = self.finder.trailing_mark(spot, anchor.punct, prov)
            points = [start]
        elif anchor is not None and anchor.side in ("end", "after"):
            points = [_end_point(text, spot, new)]
        elif anchor is not None and anchor.side in ("start", "before"):
            points = [spot.start if spot.start != spot.node.start else spot.node.body_start]
        else:
            raise Unsupported("the instruction does not say where the new text goes", prov.place)
        out = []
        for p in points:
            left, right = fit.joint(text, p, new)
            out.append(self._change(p, p, left + new + right, "insert", edit, prov))
        return out

    def _restate(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        if edit.target is None or not (edit.target.path or edit.target.units):
            if edit.new_text is not None and edit.new_text.attachment:
                body = self._attachment(edit, prov)
                return [self._change(0, len(self.base.text.rstrip()), body.rstrip(), "restate", edit, prov,
                                     refine=True)]
            raise TargetNotFound("the instruction does not name what it restates", prov.place)
        nodes = self.finder.nodes(edit.target, prov)
        if edit.target.units:
            spot = self.finder.spot(edit.target, prov)
            new = self._new_words(edit, prov)
            return [self._change(spot.start, spot.end, new, "restate", edit, prov, refine=True)]
        node = restating.span_of(nodes, self.base, edit.target, prov.place)
        if edit.new_text is not None and edit.new_text.attachment:
            body = self._attachment(edit, prov)
            start = restating.attached_start(self.base, node, body)
            return [self._change(start, node.end, body.rstrip(), "restate", edit, prov, refine=True)]
        start, new = restating.restated(self.base, node, self._blocks(edit, prov))
        return [self._change(start, node.end, new, "restate", edit, prov, refine=True)]

    def _add(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        text = self.base.text
        if edit.new_text is not None and edit.new_text.attachment:
            body = self._attachment(edit, prov)
            end = len(text.rstrip())
            return [self._change(end, end, self.base.source.newline * 2 + body.rstrip(), "add", edit, prov)]
        blocks = self._blocks(edit, prov)
        if edit.order == "alphabetical":
            return [self._alphabetical(edit, prov, blocks)]
        container = self.finder.single(edit.target, prov) if edit.target and edit.target.path else self.base.main
        if edit.anchor is not None and edit.anchor.target is not None and edit.anchor.side in ("after", "before"):
            neighbour = self.finder.single(edit.anchor.target, prov)
            point = line_end(text, neighbour.end) if edit.anchor.side == "after" else line_start(text, neighbour.start)
            return [self._new_paragraphs(point, blocks, neighbour, edit, prov, after=edit.anchor.side == "after")]
        if edit.new_label is not None and _runs_inline(container, blocks):
            # "(b) adding the following new clause (iii) at the end thereof: "and (iii) all ..."":
            # the clauses here run inside the provision's text, and so does the new one
            new = fit.inline(blocks, self.markdown)
            point = _end_point(text, Spot(container, container.start, container.end), new)
            left, right = fit.joint(text, point, new)
            return [self._change(point, point, left + new + right, "add", edit, prov)]
        if edit.new_label is not None:
            return [self._labelled(container, edit, prov, blocks)]
        last = container.children[-1] if container.children else container
        return [self._new_paragraphs(line_end(text, container.end), blocks, last, edit, prov, after=True)]

    def _renumber(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        if edit.order == "remaining":
            return self._reletter(edit, prov)
        if not edit.renumber or edit.target is None:
            raise Unsupported(edit.reason or "the new numbers are not given", prov.place)
        node = self.finder.single(edit.target, prov)
        out = [self._relabel(node, new, edit, prov) for _, new in edit.renumber]
        self._notes.append(Diagnostic("info", "renumbered", f"{node.describe()} becomes {new_name(node, edit)}; "
                                      "references to it elsewhere in the agreement are not changed", prov))
        return out

    def _relabel(self, node: Node, new: str, edit: ast.Edit, prov: Provenance) -> Change:
        """The change that gives ``node`` the number ``new`` in its printed label."""
        raw = self.base.text[node.text_start:node.text_start + len(node.label)]
        at = raw.find(node.num)
        if not node.label or at < 0:
            raise Unsupported(f"{node.describe()} has no printed number to change", prov.place)
        return self._change(node.text_start + at, node.text_start + at + len(node.num), new, "renumber", edit, prov)

    def _reletter(self, edit: ast.Edit, prov: Provenance) -> list[Change]:
        """"... and relettering the remaining clauses accordingly": the clauses after those this
        instruction removed (or pushed down by a new one) take the labels that now fall to them."""
        moved = self._removed + self._pushed
        if not moved:
            raise Unsupported("nothing was deleted or inserted before the clauses to reletter", prov.place)
        parent = moved[0].parent
        siblings = [c for c in parent.children if c.kind == "clause" and c.style == moved[0].style]
        new_labels = placement.relettered(siblings, {id(n) for n in self._removed}, {id(n) for n in self._pushed})
        out = [self._relabel(node, label, edit, prov) for node, label in new_labels]
        if new_labels:
            moves = ", ".join(f"({n.num}) to ({label})" for n, label in new_labels)
            self._notes.append(Diagnostic("info", "relettered", f"{moves}; references to these clauses "
                                          "elsewhere in the agreement are not changed", prov))
        return out

    # -- new text -------------------------------------------------------------------------------
    def _new_words(self, edit: ast.Edit, prov: Provenance) -> str:
        if edit.new_text is None or (not edit.new_text.blocks and not edit.new_text.attachment):
            raise MissingPayload("the instruction gives no new text (nothing follows it)", prov.place)
        if edit.new_text.attachment:
            return self._attachment(edit, prov).strip()
        return fit.inline(edit.new_text.blocks, self.markdown)

    def _blocks(self, edit: ast.Edit, prov: Provenance) -> list[str]:
        if edit.new_text is None or not edit.new_text.blocks:
            raise MissingPayload("the instruction gives no new text (nothing follows it)", prov.place)
        return list(edit.new_text.blocks)

    def _attachment(self, edit: ast.Edit, prov: Provenance) -> str:
        name = edit.new_text.attachment
        body = self.amendment.attachment_text(name)
        if body is None:
            raise MissingPayload(f"the amendment refers to {name}, which is not attached to it", prov.place)
        return body

    def _alphabetical(self, edit: ast.Edit, prov: Provenance, blocks: list[str]) -> Change:
        container = self.finder.single(edit.target, prov) if edit.target and edit.target.path else self.base.main
        point, neighbour, after = self.placement.among_definitions(container, blocks[0], self._replacing, prov.place)
        return self._new_paragraphs(point, blocks, neighbour, edit, prov, after=after)

    def _labelled(self, container: Node, edit: ast.Edit, prov: Provenance, blocks: list[str]) -> Change:
        if self._reletters:  # "a new clause (c) ... relettering the remaining clauses": the old (c) moves down
            taken = self.placement.holder_of(container, edit.new_label)
            if taken is not None:
                self._pushed.append(taken)
                return self._new_paragraphs(line_start(self.base.text, taken.start), blocks, taken, edit, prov,
                                            after=False)
        point, neighbour = self.placement.by_label(container, edit.new_label, prov.place)
        return self._new_paragraphs(point, blocks, neighbour, edit, prov, after=True)

    def _new_paragraphs(self, point: int, blocks: list[str], like: Node, edit: ast.Edit, prov: Provenance,
                        after: bool) -> Change:
        body = fit.block(self.base, blocks, like)
        gap = fit.gap(self.base, like)
        new = gap + body if after else body + gap
        return self._change(point, point, new, "add", edit, prov)

    def _change(self, start: int, end: int, new: str, action: str, edit: ast.Edit, prov: Provenance,
                refine: bool = False) -> Change:
        target = edit.target.describe() if edit.target and (edit.target.path or edit.target.units) else "the agreement"
        return Change(start, end, new, action, prov, target, refine)


# ------------------------------------------------------------------------------ helpers
def _without_gap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a deletion so that no double space, space before punctuation or empty line is left
    behind."""
    first, last = line_start(text, start), line_end(text, end)
    if not text[first:start].strip() and not text[end:last].strip():
        # the words are all their line holds ("and" alone under a clause): the line goes
        newline = _LINE_BREAK.match(text, last)
        return first, newline.end() if newline else last
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if after == " " and (before in " \t\n(" or start == 0):
        return start, end + 1
    if before == " " and (after in ".,;:)\n\r" or after == " "):
        return start - 1, end
    return start, end


def _whole_lines(doc: Document, node: Node) -> tuple[int, int]:
    """A provision's lines, with the blank line that separates it from the next one."""
    text = doc.text
    start = line_start(text, node.start)
    end = line_end(text, node.end)
    m = _BLANK_AFTER.match(text, end)
    return start, m.end() if m else end


def _end_point(text: str, spot: Spot, new: str) -> int:
    """Where 'at the end of' puts new text: after the last word; a phrase (lower case, or opening
    with punctuation) goes before the closing ". ; , and" of the provision, a sentence after it."""
    end = spot.end
    while end > spot.start and text[end - 1].isspace():
        end -= 1
    if new[:1].islower() or new[:1] in ",;:":
        m = _CLOSING_MARK.search(text, spot.start, end)
        if m:
            return m.start()
    return end


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_AFTER = re.compile(r"(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))?")  # a line's end and one blank line
_CLOSING_MARK = re.compile(r"(?:[.;,:]|;\s+(?:and|or))\s*$")



def new_name(node: Node, edit: ast.Edit) -> str:
    new = edit.renumber[0][1]
    return f"clause ({new})" if node.kind == "clause" else f"{node.kind.capitalize()} {new}"


def _punctuation_joins(text: str, match: Match, new: str) -> tuple[int, int]:
    """Words replaced by punctuation ("or" by ","): the space before them goes too."""
    if new[:1] in ",;:." and match.start > 0 and text[match.start - 1] == " ":
        return match.start - 1, match.end
    return match.start, match.end


def _runs_inline(container: Node, blocks: list[str]) -> bool:
    """Does a new clause belong inside the running text of ``container``? Yes when the container
    has no clause of its own on a line and the new text reads on from it ("and (iii) ...")."""
    if any(c.kind == "clause" for c in container.children) or len(blocks) != 1:
        return False
    head = blocks[0].lstrip(" \"“")
    return bool(re.match(r"(?:and|or)\b|[,;]", head)) or (container.kind == "definition" and head[:1] != "(")
