"""From the trace of applied amendments to a redline: runs of equal, deleted and inserted text,
each change carrying the amendment and instruction that made it, and its offsets in the base
and in the conformed text. Every renderer (HTML, Word, markdown, terminal, JSON) reads these runs.
"""
from __future__ import annotations

from dataclasses import dataclass

from .apply import Trace
from .changes import Provenance

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


@dataclass(frozen=True)
class Run:
    kind: str
    text: str
    by: Provenance | None
    base: tuple[int, int]  # offsets in the base text (empty for an insertion)
    conformed: tuple[int, int]  # offsets in the conformed text (empty for a deletion)


def runs(trace: Trace) -> list[Run]:
    """The redline of the base against the conformed text, change by change."""
    out: list[Run] = []
    base_pos = final_pos = 0
    for seg in trace.segments:
        n = len(seg.text)
        from_base = seg.added_by is None and not seg.copy
        if seg.visible:
            kind = INSERT if seg.added_by is not None else EQUAL
            run = Run(kind, seg.text, seg.added_by, (base_pos, base_pos + (n if from_base else 0)),
                      (final_pos, final_pos + n))
            final_pos += n
        elif from_base and not seg.silent:
            run = Run(DELETE, seg.text, seg.removed_by, (base_pos, base_pos + n), (final_pos, final_pos))
        else:
            run = None  # a restatement's silent rewrite, or text both added and removed by amendments
        if from_base:
            base_pos += n
        if run is not None:
            _append(out, run)
    return out


def _append(out: list[Run], run: Run) -> None:
    last = out[-1] if out else None
    if last is not None and last.kind == run.kind and last.by == run.by and last.base[1] == run.base[0] \
            and _copied(last) == _copied(run):
        out[-1] = Run(last.kind, last.text + run.text, last.by, (last.base[0], run.base[1]),
                      (last.conformed[0], run.conformed[1]))
    else:
        out.append(run)


def _copied(run: Run) -> bool:
    """An equal run that shows a restatement's copy of the base's words: its base span is empty
    (the base's own words were rewritten silently), so it must not be merged with a run whose
    span holds its text."""
    return run.kind == EQUAL and run.base[0] == run.base[1] and bool(run.text)


def changes(all_runs: list[Run]) -> list[Run]:
    return [r for r in all_runs if r.kind != EQUAL]
