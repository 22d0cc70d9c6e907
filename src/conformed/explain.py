"""The ``parse`` command's text output: what each instruction says, and with ``--explain`` how
each part of it was read."""
from __future__ import annotations

from . import ast
from .instructions import Amendment
from .lexer import VERBS
from .phrases import Action, Following, Modifier, NewProvision, Punct, Quoted, Reading, Statement, Target

_NOUN_VERBS = {"addition", "deletion", "insertion"}
# What each modifier is, in words.
_ROLES = {"within": "where", "there": "where", "within_words": "where", "after": "position", "before": "position",
          "at_end": "position", "at_start": "position", "entirety": "entirety", "lieu": "in place", "order": "order",
          "every": "occurrence", "nth": "occurrence", "as_new": "new label", "as_new_units": "new label",
          "as_follows": "new text", "attached": "new text", "attached_here": "new text", "note": "note",
          "title": "check", "as_amended": "note", "exclusion": "except", "incipit": "check",
          "respectively": "pairing", "accordingly": "renumbering", "pursuant": "note", "renamed_as": "new label",
          "page": "where", "join": "and", "with": "new words"}


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
        if explain and edit_is_syntax_error(ins):
            lines.extend("    " + row for row in _caret(doc, ins))
        if explain and ins.reading is not None:
            lines.append("    how it was read:")
            lines.extend("      " + row for row in reading_rows(ins.reading, ins.head))
    if result.passages:
        lines.append("")
        lines.append("Non-operative (changes no words):")
        for p in result.passages:
            line, _ = doc.position(p.start)
            what = f"Section {p.id}" if p.id != "-" else "the document"
            caption = f" {p.caption}" if p.caption else ""
            lines.append(f"  {what}{caption} (line {line}): {p.reason}")
    return "\n".join(lines)


def edit_is_syntax_error(ins: ast.Instruction) -> bool:
    return any(e.action == "unsupported" and e.reason.startswith("not understood") for e in ins.edits)


def _caret(doc, ins: ast.Instruction) -> list[str]:
    """The amendment's line where reading stopped, with a caret under the column."""
    lines = doc.text.splitlines()
    if not 1 <= ins.line <= len(lines):
        return []
    source = lines[ins.line - 1].expandtabs(1)
    lead = len(source) - len(source.lstrip())
    return [f"  | {source[lead:]}", f"  | {' ' * max(0, ins.column - 1 - lead)}^"]


def reading_rows(reading: Reading, head: str) -> list[str]:
    """Each part of a head as written, and what it was taken to be."""
    rows: list[str] = []
    if reading.lead:
        rows.append(_row("condition", reading.lead, "kept as a note"))
    for statement in reading.statements:
        rows.extend(_statement_rows(statement, head))
    for action in reading.actions:
        rows.extend(_action_rows(action, head))
    if reading.proviso:
        rows.append(_row("note", reading.proviso, "kept as a note; it changes no words"))
    return rows


def _statement_rows(st: Statement, head: str) -> list[str]:
    rows = [_row("subject", _text(head, e), _meaning(e)) for e in st.subject if _text(head, e)]
    rows.append(_row("frame", st.kind.replace("_", " "), ""))
    rows.extend(_element_rows(st.elements + st.second, head))
    for action in st.actions:
        rows.extend(_action_rows(action, head))
    if st.inner is not None:
        rows.extend(_statement_rows(st.inner, head))
    return rows


def _action_rows(action: Action, head: str) -> list[str]:
    words = _text(head, action).split()
    verb = next((w for w in words if w.lower().strip(",;") in VERBS or w.lower() in _NOUN_VERBS), words[0] if words else "")
    label = f"{action.label} " if action.label else ""
    return [_row("action", f"{label}{verb} …", action.verb)] + \
        ["  " + row for row in _element_rows(action.elements, head)]


def _element_rows(elements, head: str) -> list[str]:
    return [_row(_role(e), _text(head, e), _meaning(e)) for e in elements if _text(head, e) or _meaning(e)]


def _role(element) -> str:
    if isinstance(element, Modifier):
        return _ROLES.get(element.name, element.name)
    return {Quoted: "words", Punct: "mark", Following: "new text", NewProvision: "new provision",
            Target: "target"}.get(type(element), "part")


def _meaning(element) -> str:
    if isinstance(element, Quoted):
        words = "; ".join(f'"{_short(w.text, 40)}"' for w in element.words) or element.noun
        extra = " (each place)" if element.each else f" (occurrence {element.nth})" if element.nth else ""
        return words + extra
    if isinstance(element, Target):
        return f"{element.form.replace('_', ' ')}"
    if isinstance(element, Punct):
        return f'"{element.mark}"'
    if isinstance(element, Following):
        return "the text after the colon"
    if isinstance(element, NewProvision):
        return f"new {element.kind} {element.num}".rstrip()
    if isinstance(element, Modifier):
        if element.name == "there":
            return "the provision named before"
        if element.target is not None:
            return f"{element.name.replace('_', ' ')}: {element.target.written}"
        return element.name.replace("_", " ")
    return ""


def _text(head: str, element) -> str:
    span = getattr(element, "span", None)
    return " ".join(head[span.start:span.end].split()) if span is not None else ""


def _row(role: str, text: str, meaning: str) -> str:
    text = _short(text, 60)
    return f"{role:<13} {text}" + (f"  ->  {meaning}" if meaning else "")


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
