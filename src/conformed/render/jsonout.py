"""The redline as JSON: every change with its provenance and its offsets in both texts."""
from __future__ import annotations

from ..runs import EQUAL, Run


def changes(runs: list[Run]) -> list[dict]:
    out = []
    for run in runs:
        if run.kind == EQUAL:
            continue
        by = run.by
        out.append({
            "kind": run.kind,
            "text": run.text,
            "base": {"start": run.base[0], "end": run.base[1]},
            "conformed": {"start": run.conformed[0], "end": run.conformed[1]},
            "amendment": by.amendment if by else None,
            "amendment_path": by.path if by else None,
            "instruction": by.instruction if by else None,
            "instruction_place": {"line": by.line, "column": by.column} if by else None,
            "instruction_text": by.text if by else None,
        })
    return out
