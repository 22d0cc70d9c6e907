"""Compare any two versions of an agreement, word by word, fast.

For texts of megabytes with a few hundred scattered edits: lines that are the same are matched
first (after cutting the common beginning and end, with unique lines as anchors, as in patience
diff), and only the blocks of lines that differ are compared word by word. Small equal runs
between two changes are folded into the change, and a block whose words mostly differ is shown
as one deletion and one insertion, so that a moved or rewritten paragraph reads as such instead
of being shredded into one-word fragments.
"""
from __future__ import annotations

import difflib
import re

from .runs import DELETE, EQUAL, INSERT, Run

_WORD = re.compile(r"\S+\s*|\s+")
MIN_EQUAL_WORDS = 3  # an equal run shorter than this between two changes joins them
MIN_SIMILARITY = 0.35  # below this a changed block is shown whole, not word by word


def compare(old: str, new: str) -> list[Run]:
    """Runs of equal, deleted and inserted text turning ``old`` into ``new``."""
    a_lines = old.splitlines(keepends=True)
    b_lines = new.splitlines(keepends=True)
    runs: list[Run] = []
    pos = [0, 0]

    def emit(kind: str, text: str) -> None:
        if not text:
            return
        a0, b0 = pos
        if kind == EQUAL:
            pos[0] += len(text)
            pos[1] += len(text)
        elif kind == DELETE:
            pos[0] += len(text)
        else:
            pos[1] += len(text)
        run = Run(kind, text, None, (a0, pos[0]), (b0, pos[1]))
        if runs and runs[-1].kind == kind:
            last = runs[-1]
            runs[-1] = Run(kind, last.text + text, None, (last.base[0], run.base[1]), (last.conformed[0], run.conformed[1]))
        else:
            runs.append(run)

    for tag, i1, i2, j1, j2 in _line_opcodes(a_lines, b_lines):
        if tag == "equal":
            emit(EQUAL, "".join(a_lines[i1:i2]))
        elif tag == "delete":
            emit(DELETE, "".join(a_lines[i1:i2]))
        elif tag == "insert":
            emit(INSERT, "".join(b_lines[j1:j2]))
        else:
            for kind, text in _words("".join(a_lines[i1:i2]), "".join(b_lines[j1:j2])):
                emit(kind, text)
    return runs


def _line_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes over lines: common ends cut, then unique lines as anchors, recursively."""
    out: list[tuple[str, int, int, int, int]] = []
    _diff_range(a, b, 0, len(a), 0, len(b), out)
    return _merge_opcodes(out)


def _diff_range(a, b, a0, a1, b0, b1, out, depth: int = 0) -> None:
    start_a, start_b = a0, b0
    while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
        a0 += 1
        b0 += 1
    if a0 > start_a:
        out.append(("equal", start_a, a0, start_b, b0))
    tail = []
    end_a, end_b = a1, b1
    while a1 > a0 and b1 > b0 and a[a1 - 1] == b[b1 - 1]:
        a1 -= 1
        b1 -= 1
    if a1 < end_a:
        tail.append(("equal", a1, end_a, b1, end_b))
    if a0 == a1 or b0 == b1:
        if a0 < a1:
            out.append(("delete", a0, a1, b0, b0))
        if b0 < b1:
            out.append(("insert", a1, a1, b0, b1))
        out.extend(tail)
        return
    anchors = _anchors(a, b, a0, a1, b0, b1) if depth < 40 else []
    if not anchors:
        matcher = difflib.SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
        if (a1 - a0) * (b1 - b0) > 4_000_000:
            out.append(("replace", a0, a1, b0, b1))  # too big to match line by line: compare its words
        else:
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                out.append((tag, a0 + i1, a0 + i2, b0 + j1, b0 + j2))
        out.extend(tail)
        return
    prev_a, prev_b = a0, b0
    for ia, ib in anchors:
        _diff_range(a, b, prev_a, ia, prev_b, ib, out, depth + 1)
        out.append(("equal", ia, ia + 1, ib, ib + 1))
        prev_a, prev_b = ia + 1, ib + 1
    _diff_range(a, b, prev_a, a1, prev_b, b1, out, depth + 1)
    out.extend(tail)


def _anchors(a, b, a0, a1, b0, b1) -> list[tuple[int, int]]:
    """Lines that occur once on each side, in an order both sides agree on (longest such chain)."""
    count_a: dict[str, int] = {}
    for i in range(a0, a1):
        count_a[a[i]] = count_a.get(a[i], 0) + 1
    index_b: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for j in range(b0, b1):
        line = b[j]
        count_b[line] = count_b.get(line, 0) + 1
        index_b[line] = j
    pairs = [(i, index_b[a[i]]) for i in range(a0, a1)
             if count_a[a[i]] == 1 and count_b.get(a[i]) == 1 and a[i].strip()]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    import bisect
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        parent[k] = tail_index[pos - 1] if pos else -1
    out = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        out.append(pairs[k])
        k = parent[k]
    return out[::-1]


def _merge_opcodes(ops):
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if i1 == i2 and j1 == j2:
            continue
        if merged and merged[-1][0] == tag == "equal" and merged[-1][2] == i1:
            p = merged[-1]
            merged[-1] = ("equal", p[1], i2, p[3], j2)
        elif merged and merged[-1][0] != "equal" and tag != "equal":
            p = merged[-1]
            merged[-1] = ("replace", p[1], i2, p[3], j2)
        else:
            merged.append(op)
    return merged


def _words(old: str, new: str) -> list[tuple[str, str]]:
    """A changed block, word by word (with small equal runs folded into the changes)."""
    a = _WORD.findall(old)
    b = _WORD.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < MIN_SIMILARITY:
        return [(DELETE, old), (INSERT, new)]
    ops = matcher.get_opcodes()
    out: list[tuple[str, str]] = []
    pending_del: list[str] = []
    pending_ins: list[str] = []

    def flush() -> None:
        if pending_del:
            out.append((DELETE, "".join(pending_del)))
            pending_del.clear()
        if pending_ins:
            out.append((INSERT, "".join(pending_ins)))
            pending_ins.clear()

    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            short = i2 - i1 < MIN_EQUAL_WORDS and 0 < k < len(ops) - 1
            if short:
                pending_del.extend(a[i1:i2])
                pending_ins.extend(b[j1:j2])
                continue
            flush()
            out.append((EQUAL, "".join(a[i1:i2])))
        else:
            pending_del.extend(a[i1:i2])
            pending_ins.extend(b[j1:j2])
    flush()
    return out
