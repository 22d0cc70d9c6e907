"""The ``parse`` command's text output: what each instruction says, and with ``--explain`` how
each part of it was read."""
from __future__ import annotations

from . import ast
from .instructions import Amendment


def describe(result: Amendment, explain: bool = False) -> str:
    doc = result.doc
    lines: list[str] = []
    count = sum(len(i.edits) for i in result.instructions)
    if not result.instructions:
        lines.append(f"{doc.path}: no textual amendment: this document changes no words of any agreement")
    else:
        lines.append(f"{doc.path}: {len(result.instructions)} instruction(s), {count} edit(s)")
    for ins in result.instructions:
        end_line, end_col = doc.position(ins.end)
        head = " ".join(ins.head.split())
        lines.append("")
        lines.append(f"[{ins.id}] line {ins.line}:{ins.column}" + (f"-{end_line}:{end_col}" if explain else "")
                     + f"  {head if explain else _short(head, 90)}")
        for edit in ins.edits:
            lines.extend("    " + row for row in _edit_lines(edit, explain))
        if explain and ins.tree:
            lines.append("    how it was read:")
            lines.extend("      " + row for row in ins.tree.pretty().rstrip().splitlines())
    if result.passages:
        lines.append("")
        lines.append("Non-operative (changes no words):")
        for p in result.passages:
            line, _ = doc.position(p.start)
            what = f"Section {p.id}" if p.id != "-" else "the document"
            caption = f" {p.caption}" if p.caption else ""
            lines.append(f"  {what}{caption} (line {line}): {p.reason}")
    return "\n".join(lines)


def _edit_lines(edit: ast.Edit, explain: bool) -> list[str]:
    if edit.action == "unsupported":
        return [f"UNSUPPORTED  {edit.reason}"]
    target = edit.target.describe() if edit.target and (edit.target.path or edit.target.units) else "the agreement"
    rows = [f"{edit.action:<9} {target}"]
    if edit.text is not None:
        rows.append(f"  words:     \"{_short(edit.text.text, 70)}\"")
    if edit.anchor is not None:
        what = f"\"{edit.anchor.words.text}\"" if edit.anchor.words else (
            edit.anchor.target.describe() if edit.anchor.target else "")
        rows.append(f"  position:  {edit.anchor.side} {what}".rstrip())
    if edit.occurrence is not None:
        rows.append(f"  occurrence: {edit.occurrence}")
    if edit.qualifiers():
        rows.append(f"  qualifiers: {', '.join(edit.qualifiers())}")
    if edit.new_text is not None:
        if edit.new_text.attachment:
            rows.append(f"  new text:  the attached {edit.new_text.attachment}")
        elif edit.new_text.blocks:
            rows.append(f"  new text:  \"{_short(edit.new_text.text, 70)}\"")
        else:
            rows.append("  new text:  (missing: the amendment gives none after the instruction)")
    if edit.reason:
        rows.append(f"  note:      {edit.reason}")
    return rows


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
