"""Redlines as text: GitHub markdown, ANSI colours for a terminal, and a word-level unified diff.

Every byte that comes from an input is escaped for the format: markdown's own marks, and the
control characters that would let a document drive a terminal.
"""
from __future__ import annotations

import re

from ..runs import DELETE, EQUAL, Run

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Marks that only mean something at the start of a line: headings, lists, quotes, rules.
_MD_LINE_START = re.compile(r"^([ \t]*)([#>+\-=]|\d+(?=[.)]\s))", re.M)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def markdown(runs: list[Run], title: str = "") -> str:
    notes: list[str] = []
    out: list[str] = [f"# {escape_md(title)}\n\n" if title else ""]
    for run in runs:
        if run.kind == EQUAL:
            out.append(escape_md(run.text))
            continue
        n = len(notes) + 1
        notes.append(_note(run))
        body = escape_md(run.text.strip())
        # (str.strip takes \x1c-\x1f as white space: the ends are cleaned too)
        lead = _CONTROL.sub("", run.text[:len(run.text) - len(run.text.lstrip())])
        tail = _CONTROL.sub("", run.text[len(run.text.rstrip()):])
        mark = "~~" if run.kind == DELETE else "**"
        out.append(f"{lead}{mark}{body}{mark}[^{n}]{tail}" if body else escape_md(run.text))
    out.append("\n\n")
    out.extend(f"[^{i}]: {escape_md(note)}\n" for i, note in enumerate(notes, 1))
    return "".join(out)


def ansi(runs: list[Run], color: bool) -> str:
    out: list[str] = []
    for run in runs:
        text = escape_terminal(run.text)
        if run.kind == EQUAL:
            out.append(text)
            continue
        # white space at either end stays outside the marks: "[-1.25-] {+1.20+} to 1.00"
        body = text.strip() or text
        lead = text[:len(text) - len(text.lstrip())] if body is not text else ""
        tail = text[len(text.rstrip()):] if body is not text else ""
        if not color:
            mark = ("[-", "-]") if run.kind == DELETE else ("{+", "+}")
            tag = f"{{{escape_terminal(_tag(run))}}}" if run.by else ""
            out.append(f"{lead}{mark[0]}{body}{mark[1]}{tag}{tail}")
        else:
            style = "9;31" if run.kind == DELETE else "4;34"
            tag = f"\x1b[2m[{escape_terminal(_tag(run))}]\x1b[0m" if run.by else ""
            out.append(f"{lead}\x1b[{style}m{body}\x1b[0m{tag}{tail}")
    return "".join(out) + _legend(runs)


def _legend(runs: list[Run]) -> str:
    """Where each instruction behind a change is, and what it says: the tags in the text are short."""
    seen = dict.fromkeys(run.by for run in runs if run.by is not None)
    if not seen:
        return ""
    lines = ["", "", "Changes made by:"]
    lines.extend(escape_terminal(f"  {by.short()}  {by.place}  {' '.join(by.text.split())}") for by in seen)
    return "\n".join(lines) + "\n"


def unified(runs: list[Run], base_name: str, new_name: str, context: int = 12) -> str:
    """A word-level diff: each change with some words around it, [-deleted-] and {+inserted+}."""
    out = [f"--- {escape_terminal(base_name)}\n", f"+++ {escape_terminal(new_name)}\n"]
    for i, run in enumerate(runs):
        if run.kind == EQUAL:
            continue
        before = runs[i - 1].text if i and runs[i - 1].kind == EQUAL else ""
        after = runs[i + 1].text if i + 1 < len(runs) and runs[i + 1].kind == EQUAL else ""
        left = " ".join(before.split()[-context:])
        right = " ".join(after.split()[:context])
        body = " ".join(run.text.split())
        mark = f"[-{body}-]" if run.kind == DELETE else f"{{+{body}+}}"
        where = f" ({run.by.place})" if run.by else ""
        out.append(f"@@ base {run.base[0]} conformed {run.conformed[0]} @@ {escape_terminal(_tag(run) + where)}\n")
        out.append(escape_terminal(f" {left} {mark} {right}".rstrip()) + "\n")
    return "".join(out)


def escape_md(text: str) -> str:
    """Escape what GitHub markdown would read as markup; leave ordinary punctuation alone."""
    text = _MD_SPECIAL.sub(r"\\\1", _CONTROL.sub("", text))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def escape_terminal(text: str) -> str:
    """No escape sequence from a document reaches the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _tag(run: Run) -> str:
    return run.by.short() if run.by else ""


def _note(run: Run) -> str:
    what = "deleted" if run.kind == DELETE else "inserted"
    if not run.by:
        return what
    return f"{what} by {run.by.amendment}, instruction {run.by.instruction} ({run.by.place}): {run.by.text}"
