"""Where an edit applies in the base: the provision its target names and, inside it, the quoted
words, kept only where every qualifier of the instruction holds.

The qualifiers are checked in the order below: the places the instruction excludes ("other than
in the definition thereof"), the lines it names ("in the fourth line"), the mark the words must
stand before ("before the semi-colon"), the provision they must stand before, and which
occurrence it means ("the second", "each place it appears"). One that fails raises the reason; one
that cannot be checked (line numbers in a base without printed lines) is a warning, never a
silent pass.
"""
from __future__ import annotations

import re

from . import ast
from .changes import Diagnostic, Provenance
from .document import Document
from .errors import AmbiguousText, QualifierNotMet, ResolveError, TargetNotFound, TextNotFound
from .locate import Locator, Spot
from .textindex import Match
from .tree import Node


_EDGE_END = re.compile(r"[\s.,;:)\]\"'”’]+")
_EDGE_START = re.compile(r"^[\s\"“‘(]*(?:\(?[A-Za-z0-9]{1,6}[.)]\s*)*[\s\"“‘]*")


class Finder:
    def __init__(self, base: Document, locator: Locator):
        self.base = base
        self.locator = locator

    # -- provisions ------------------------------------------------------------------------------
    def spot(self, target: ast.Target | None, prov: Provenance) -> Spot:
        if target is None or not (target.path or target.units):
            main = self.base.root
            return Spot(main, 0, len(self.base.text))
        if not target.path:
            raise TargetNotFound(f"{target.describe()} does not say which provision it is in", prov.place)
        try:
            return self.locator.spot(target, prov.place)
        except ResolveError as exc:
            exc.place = exc.place or prov.place
            raise

    def nodes(self, target: ast.Target | None, prov: Provenance) -> list[Node]:
        if target is None or not target.path:
            raise TargetNotFound("the instruction does not name a provision", prov.place)
        return self.locator.nodes(target, prov.place)

    def single(self, target: ast.Target, prov: Provenance) -> Node:
        nodes = self.nodes(target, prov)
        if len(nodes) != 1:
            raise TargetNotFound(f"{target.describe()} names {len(nodes)} provisions, not one", prov.place)
        return nodes[0]

    # -- words and their qualifiers --------------------------------------------------------------
    def words(self, spot: Spot, edit: ast.Edit, words: ast.Words, prov: Provenance, notes: list[Diagnostic],
              punct: str = "") -> list[Match]:
        """Where ``words`` are in ``spot``, as the edit's qualifiers narrow them; warnings about
        qualifiers that could not be checked go to ``notes``."""
        matches = self.base.dense(spot.start, spot.end).find_all(words.text)
        where = spot.describe()
        if not matches:
            raise self._not_found(words, where, prov)
        if edit.target is not None and edit.target.exclude:
            matches = self._outside(matches, edit.target, prov, notes)
            if not matches:
                raise TextNotFound(f'"{words.text}" is in {where} only where the instruction excludes it', prov.place)
        if edit.lines:
            matches = self._on_lines(matches, spot, edit.lines, words, where, prov, notes)
        if punct:
            matches = self._before_mark(matches, punct, words, where, prov)
        if edit.anchor is not None and edit.anchor.target is not None and edit.text is words \
                and edit.anchor.side == "before":
            matches = self._before_provision(matches, edit.anchor.target, words, prov)
        if edit.anchor is not None and edit.text is words and edit.anchor.side in ("start", "end") \
                and edit.anchor.words is None and not edit.anchor.punct:
            matches = self._at_edge(matches, spot, edit.anchor.side, words, where, prov)
        return self._the_ones_meant(matches, edit, words, where, prov)

    def _outside(self, matches: list[Match], target: ast.Target, prov: Provenance,
                 notes: list[Diagnostic]) -> list[Match]:
        """The matches not inside the provision the instruction excludes ("other than in the
        definition thereof"); an exclusion naming nothing in the agreement is said, not fatal."""
        excluded = ast.Target(target.exclude)
        try:
            nodes = self.locator.nodes(excluded, prov.place)
        except ResolveError:
            notes.append(Diagnostic("warning", "exclusion", f"the instruction excludes {excluded.describe()}, "
                                    "which the agreement does not have; nothing is excluded", prov))
            return matches
        return [m for m in matches if not any(n.start <= m.start < n.end for n in nodes)]

    def _on_lines(self, matches: list[Match], spot: Spot, wanted: tuple[int, ...], words: ast.Words,
                  where: str, prov: Provenance, notes: list[Diagnostic]) -> list[Match]:
        doc = self.base
        if not doc.source.printed_lines or doc.layout.mode == "line":
            notes.append(Diagnostic("warning", "unverifiable",
                                    f"the base has no printed lines, so \"line {', '.join(map(str, wanted))}\" "
                                    "cannot be checked", prov))
            return matches
        # the lines of what the instruction names: "the fifth line" of the second paragraph counts
        # from that paragraph's first line (the provision's first line when it names the provision)
        lines = doc.layout.content_lines(spot.start, spot.end)
        numbers = {ln.number: i + 1 for i, ln in enumerate(lines)}
        kept = []
        for m in matches:
            first, last = doc.layout.line_at(m.start).number, doc.layout.line_at(max(m.start, m.end - 1)).number
            indices = {numbers.get(n) for n in range(first, last + 1)}
            if indices & set(wanted):
                kept.append(m)
        if not kept:
            found = ", ".join(f"line {numbers.get(doc.layout.line_at(m.start).number, '?')}" for m in matches)
            raise QualifierNotMet(f'"{words.text}" is in {where} ({found} of it), not in line '
                                  f"{', '.join(map(str, wanted))}", prov.place)
        return kept

    def _before_mark(self, matches: list[Match], punct: str, words: ast.Words, where: str,
                     prov: Provenance) -> list[Match]:
        """"after the words X and before the semi-colon": the X that a ";" follows."""
        kept = [m for m in matches if self.base.text[m.end:m.end + 3].lstrip().startswith(punct)]
        if not kept:
            raise QualifierNotMet(f'"{words.text}" is in {where} but not immediately before "{punct}"', prov.place)
        return kept

    def _at_edge(self, matches: list[Match], spot: Spot, side: str, words: ast.Words, where: str,
                 prov: Provenance) -> list[Match]:
        """"deleting the word "and" at the end of clause (e)": the words with nothing after them in
        that provision but punctuation (or, at its start, nothing before them but its label)."""
        text = self.base.text
        if side == "end":
            kept = [m for m in matches if not _EDGE_END.sub("", text[m.end:spot.end])]
        else:
            kept = [m for m in matches if not _EDGE_START.sub("", text[spot.start:m.start])]
        if not kept:
            edge = "end" if side == "end" else "beginning"
            raise QualifierNotMet(f'"{words.text}" is in {where} but not at its {edge}', prov.place)
        return kept

    def _before_provision(self, matches: list[Match], follower: ast.Target, words: ast.Words,
                          prov: Provenance) -> list[Match]:
        """"the word "and" immediately before clause (c)": the words with nothing between them and
        that provision."""
        node = self.single(follower, prov)
        kept = [m for m in matches if not self.base.text[m.end:node.text_start].strip()]
        if not kept:
            raise QualifierNotMet(f'"{words.text}" does not stand immediately before {node.describe()}',
                                  prov.place)
        return kept

    def _the_ones_meant(self, matches: list[Match], edit: ast.Edit, words: ast.Words, where: str,
                        prov: Provenance) -> list[Match]:
        """Every match ("each place it appears"), the one counted ("the second"), or the only one:
        several with nothing to choose between them are ambiguous, never guessed at."""
        doc = self.base
        if edit.occurrence == "all" or (edit.anchor is not None and edit.anchor.each and edit.anchor.words is words):
            return matches
        if isinstance(edit.occurrence, int):
            if edit.occurrence > len(matches):
                raise TextNotFound(f'"{words.text}" occurs {len(matches)} times in {where}, not '
                                   f"{edit.occurrence}", prov.place)
            return [matches[edit.occurrence - 1]]
        if len(matches) > 1:
            lines = ", ".join(str(doc.position(m.start)[0]) for m in matches[:8])
            err = AmbiguousText(f'"{words.text}" is found {len(matches)} times in {where} (lines {lines}); the '
                                "instruction does not say which", prov.place)
            err.base_line = doc.position(matches[0].start)[0]
            raise err
        return matches

    def _not_found(self, words: ast.Words, where: str, prov: Provenance) -> ResolveError:
        """The words are not where the instruction says; where they are, if anywhere, helps the reader."""
        elsewhere = self.base.dense(0, len(self.base.text)).find_all(words.text)
        hint = ""
        if elsewhere:
            lines = ", ".join(str(self.base.position(m.start)[0]) for m in elsewhere[:5])
            hint = f"; it occurs elsewhere (line {lines})"
        err = TextNotFound(f'"{words.text}" is not in {where}{hint}', prov.place)
        err.words = words.text
        if elsewhere:
            err.base_line = self.base.position(elsewhere[0].start)[0]
        return err

    # -- a closing mark ----------------------------------------------------------------------------
    def trailing_mark(self, spot: Spot, mark: str, prov: Provenance) -> tuple[int, int]:
        """The span of the mark ``spot`` ends with ("the period at the end of Section 2.1"),
        quotes, brackets and emphasis after it aside."""
        text = self.base.text
        end = spot.end
        while end > spot.start and text[end - 1] in " \t\r\n\"”)*_":
            end -= 1
        if text[end - 1:end] != mark:
            raise QualifierNotMet(f'{spot.node.describe()} does not end with "{mark}"', prov.place)
        return end - 1, end
