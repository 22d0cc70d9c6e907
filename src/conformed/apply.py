"""Stage 6: changes -> the amended text, with a trace of who changed what.

The trace is a list of segments that, read in order, hold every word the agreement ever had: a
segment is visible (part of the current text) until an amendment removes it, and it records the
amendment and instruction that added it and the one that removed it. Amendments apply in order;
each one's changes are given in the coordinates of the text as it stood before it and are applied
together. Overlapping changes are a conflict: the instruction that comes later in the amendment
is set aside (whole, never half-applied) and reported.

A restatement replaces a whole provision; its segments are refined word by word, so that the
redline shows what the restatement really changed while the text is exactly the new one.
"""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, replace

from .changes import Change, Diagnostic, Provenance

_TOKEN = re.compile(r"\S+\s*")
WHOLE_DOCUMENT = 20_000  # a restatement longer than this is matched line by line first


@dataclass(frozen=True)
class Segment:
    text: str
    added_by: Provenance | None = None  # None: the base's own text
    removed_by: Provenance | None = None  # None: still in the text
    silent: bool = False  # removed only because a restatement rewrote it identically
    copy: bool = False  # a restatement's word equal to the one it replaces (not new, not the base's own)

    @property
    def visible(self) -> bool:
        return self.removed_by is None


class Trace:
    """The history of one agreement's text through its amendments."""

    def __init__(self, base_text: str):
        self.segments: list[Segment] = [Segment(base_text)] if base_text else []

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments if s.visible)

    def apply(self, changes: list[Change]) -> list[Diagnostic]:
        """Apply one amendment's changes (offsets into the current text); return the conflicts."""
        kept, conflicts = _without_conflicts(changes)
        for change in sorted(kept, key=lambda c: (c.start, c.end, _order(c)), reverse=True):
            self._apply_one(change)
        return conflicts

    def _apply_one(self, change: Change) -> None:
        first, last = self._split(change.start, change.end)
        old = self.segments[first:last]
        if change.refine and any(s.visible for s in old):
            new_segments = _refined(old, change.new, change.provenance)
        else:
            new_segments = [replace(s, removed_by=change.provenance) if s.visible else s for s in old]
            if change.new:
                new_segments.append(Segment(change.new, added_by=change.provenance))
        self.segments[first:last] = new_segments

    def _split(self, start: int, end: int) -> tuple[int, int]:
        """Split segments so that ``[start, end)`` of the current text is whole segments; return
        the index range of the segments it covers (an empty range at the insertion point)."""
        first = self._split_at(start)
        last = self._split_at(end) if end != start else first
        return first, last

    def _split_at(self, offset: int) -> int:
        """Index of the first segment at or after visible offset ``offset`` (splitting one if needed).
        Hidden segments just before the point stay before it, so an insertion follows a deletion."""
        pos = 0
        for i, seg in enumerate(self.segments):
            if not seg.visible:
                continue
            if pos == offset:
                return i
            if pos < offset < pos + len(seg.text):
                cut = offset - pos
                self.segments[i:i + 1] = [replace(seg, text=seg.text[:cut]), replace(seg, text=seg.text[cut:])]
                return i + 1
            pos += len(seg.text)
        return len(self.segments)


def _order(change: Change) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z]+", change.provenance.instruction))


def _without_conflicts(changes: list[Change]) -> tuple[list[Change], list[Diagnostic]]:
    """Set aside, whole, every instruction whose changes overlap an earlier instruction's."""
    by_instruction: dict[str, list[Change]] = {}
    for c in changes:
        by_instruction.setdefault(c.provenance.instruction, []).append(c)
    accepted: list[Change] = []
    conflicts: list[Diagnostic] = []
    starts: list[int] = []
    for instruction, group in by_instruction.items():
        clash = next(((c, other) for c in group for other in accepted if _overlap(c, other)), None)
        if clash is None:
            clash = next(((a, b) for i, a in enumerate(group) for b in group[i + 1:] if _overlap(a, b)), None)
        if clash is not None:
            mine, theirs = clash
            who = "another change of the same instruction" if theirs.provenance.instruction == instruction else \
                f"§{theirs.provenance.instruction}"
            conflicts.append(Diagnostic("error", "conflict", f"changes the same text as {who} ({mine.target})",
                                        mine.provenance))
            continue
        for c in group:
            bisect.insort(starts, c.start)
            accepted.append(c)
    return accepted, conflicts


def _overlap(a: Change, b: Change) -> bool:
    if a.start == a.end and b.start == b.end:
        return False  # two insertions at one point: both go in, in the order of the amendment
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _kept_word(old: str, new: str, author: Provenance | None, by: Provenance) -> list[Segment]:
    """A word the restatement keeps: rewritten silently, keeping who wrote it. When the new text
    drops the space after it (the restatement ends there), that space is shown deleted, so that
    the redline reads "or ~~of any~~" and not "or~~of any~~"."""
    word, dropped = old.rstrip(), ""
    spaces, kept = old[len(word):], new[len(new.rstrip()):]
    if len(kept) < len(spaces) and spaces.startswith(kept):
        old, dropped = word + kept, spaces[len(kept):]
    out = [Segment(old, author, removed_by=by, silent=True), Segment(new, author, copy=True)]
    if dropped:
        out.append(Segment(dropped, author, removed_by=by))
    return out


def _refined(old: list[Segment], new_text: str, by: Provenance) -> list[Segment]:
    """Old segments and a restatement, matched word by word: equal words are rewritten silently
    (keeping who wrote them), differing words are removed and inserted as changes."""
    visible = [s for s in old if s.visible]
    joined = "".join(s.text for s in visible)
    starts, pos = [], 0
    for s in visible:
        starts.append(pos)
        pos += len(s.text)

    def author(offset: int) -> Provenance | None:
        return visible[bisect.bisect_right(starts, offset) - 1].added_by

    if len(joined) > WHOLE_DOCUMENT:
        authors = [s.added_by for s in visible]
        return _merge_adjacent([s for s in old if not s.visible] + _compared(joined, new_text, by, starts, authors))

    old_lead = joined[:len(joined) - len(joined.lstrip())]
    new_lead = new_text[:len(new_text) - len(new_text.lstrip())]
    old_tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(joined)]
    new_tokens = _TOKEN.findall(new_text)
    matcher = difflib.SequenceMatcher(None, [t.rstrip() for _, t in old_tokens], [t.rstrip() for t in new_tokens],
                                      autojunk=False)
    out: list[Segment] = [s for s in old if not s.visible]
    if old_lead:
        out.append(Segment(old_lead, visible[0].added_by, removed_by=by, silent=True))
    if new_lead:
        out.append(Segment(new_lead, added_by=by))
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (at, tok), new in zip(old_tokens[i1:i2], new_tokens[j1:j2]):
                out.extend(_kept_word(tok, new, author(at), by))
            continue
        if i2 > i1:
            out.append(Segment("".join(t for _, t in old_tokens[i1:i2]), author(old_tokens[i1][0]), removed_by=by))
        if j2 > j1:
            out.append(Segment("".join(new_tokens[j1:j2]), added_by=by))
    return _merge_adjacent(out)


def _compared(old_text: str, new_text: str, by: Provenance, starts: list[int],
              authors: list[Provenance | None]) -> list[Segment]:
    """A restatement of a whole agreement, matched with :func:`conformed.worddiff.compare` (lines
    first, then words): word matching over a whole agreement would take minutes."""
    from .worddiff import DELETE, EQUAL, compare
    out: list[Segment] = []
    for run in compare(old_text, new_text):
        if run.kind == EQUAL:
            for start, end, who in _by_author(run.base, starts, authors):
                piece = old_text[start:end]
                out.append(Segment(piece, who, removed_by=by, silent=True))
                out.append(Segment(piece, who, copy=True))
        elif run.kind == DELETE:
            out.extend(Segment(old_text[s:e], who, removed_by=by) for s, e, who in _by_author(run.base, starts, authors))
        else:
            out.append(Segment(run.text, added_by=by))
    return out


def _by_author(span: tuple[int, int], starts: list[int], authors: list[Provenance | None]):
    """``span`` of the old text cut where its author changes (the old text is rarely all one hand)."""
    start, end = span
    i = bisect.bisect_right(starts, start) - 1
    while start < end:
        stop = end
        j = i + 1
        while j < len(starts) and starts[j] < end:
            if authors[j] != authors[i]:
                stop = starts[j]
                break
            j += 1
        yield start, stop, authors[i]
        start, i = stop, j


def _merge_adjacent(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if out and (out[-1].added_by, out[-1].removed_by, out[-1].silent, out[-1].copy) == \
                (seg.added_by, seg.removed_by, seg.silent, seg.copy):
            out[-1] = replace(out[-1], text=out[-1].text + seg.text)
        else:
            out.append(seg)
    return out
