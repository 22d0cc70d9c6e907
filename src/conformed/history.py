"""The history of one provision: every version it had, through the chain of amendments, with the
amendment and instructions behind each change.

A provision is named as an amendment names it ("Section 13.4", "the definition of "Notes"",
"clause (c) of Section 6.01", "Part 5(c) of the Schedule"); the grammar reads the name, so every
form an instruction can target, ``history`` can follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import ast, instructions, reader
from .changes import Provenance
from .worddiff import compare
from .document import Document
from .engine import Result, Step
from .errors import ConformedError, InputError, Place
from .locate import Locator
from .runs import Run

_DEFINITION = re.compile(r"(?:the\s+)?(?:defined\s+term|definition\s+of)\s+[\"“”']?(?P<term>[^\"“”']+?)[\"“”']?\s*$",
                         re.I)


@dataclass(frozen=True)
class Version:
    """The provision as one amendment left it."""

    by: str  # "the base agreement" or the amendment's label
    path: str  # the document it comes from (the base, or the amendment that made it)
    text: str  # "" when the provision did not exist (yet, or any more)
    line: int  # its first line in the agreement as it then stood (0 when absent)
    instructions: tuple[Provenance, ...] = ()
    changes: tuple[Run, ...] = field(default=(), repr=False)  # word by word against the previous version


def target_of(phrase: str) -> ast.Target:
    """Read a provision's name with the grammar ("Section 13.4" -> a Target)."""
    text = " ".join(phrase.split())
    m = _DEFINITION.fullmatch(text)
    if m:
        text = f'the definition of "{m.group("term").strip()}"'
    probe = instructions.read(Document(reader.from_text(f"{text} is hereby deleted in its entirety.", "TARGET")))
    targets = [e.target for i in probe.instructions for e in i.edits if e.target is not None and e.target.path]
    if len(targets) != 1:
        raise InputError(f"cannot read {phrase!r} as a provision; name it as an amendment would "
                         '("Section 13.4", "the definition of "Notes"", "clause (c) of Section 6.01")',
                         Place("TARGET"))
    return targets[0]


def history(result: Result, phrase: str) -> list[Version]:
    """Every version of the provision ``phrase`` names, oldest first; a version is recorded only
    when an amendment changed the provision."""
    target = target_of(phrase)
    versions = [_version(result.base, target, "the base agreement", result.base.path, ())]
    for index, step in enumerate(result.steps):
        after = result.steps[index + 1].before if index + 1 < len(result.steps) else result.final
        version = _version(after, target, step.label, step.amendment.path, ())
        touched = _instructions_touching(step, target, version.text)
        if version.text != versions[-1].text:
            runs = tuple(compare(versions[-1].text, version.text)) if versions[-1].text and version.text else ()
            versions.append(Version(version.by, version.path, version.text, version.line, touched, runs))
    if not any(v.text for v in versions):
        raise InputError(f"{target.describe()} is in no version of the agreement", Place(result.base.path))
    return versions


def _version(doc: Document, target: ast.Target, by: str, path: str, touched: tuple[Provenance, ...]) -> Version:
    span = _span(doc, target)
    if span is None:
        return Version(by, path, "", 0, touched)
    start, end = span
    return Version(by, path, doc.text[start:end], doc.position(start)[0], touched)


def _span(doc: Document, target: ast.Target) -> tuple[int, int] | None:
    try:
        nodes = Locator(doc).nodes(target)
    except ConformedError:  # not (or not unambiguously) in this version
        return None
    if not nodes:
        return None
    return min(n.start for n in nodes), max(n.end for n in nodes)


def _instructions_touching(step: Step, target: ast.Target, now: str) -> tuple[Provenance, ...]:
    """The instructions of ``step`` that changed the provision: those whose change overlaps it
    in the text as it stood before, or (a provision the step added) whose new text holds its
    opening words."""
    span = _span(step.before, target) if step.before is not None else None
    if span is not None:
        start, end = span
        return tuple(dict.fromkeys(c.provenance for c in step.changes if c.start <= end and c.end >= start))
    opening = " ".join(now.split()[:12])
    if not opening:
        return ()
    return tuple(dict.fromkeys(c.provenance for c in step.changes if opening in " ".join(c.new.split())))


def as_json(phrase: str, versions: list[Version]) -> dict:
    return {"provision": phrase, "versions": [{
        "by": v.by, "path": v.path, "line": v.line or None, "text": v.text, "exists": bool(v.text),
        "instructions": [{"amendment": p.amendment, "instruction": p.instruction, "path": p.path, "line": p.line,
                          "column": p.column, "text": p.text} for p in v.instructions],
    } for v in versions]}


def text(phrase: str, versions: list[Version], color: bool = False) -> str:
    """For people: each version in full, then (for an amended one) what changed, word by word."""
    from .render.text import ansi, escape_terminal
    count = sum(1 for v in versions if v.text)
    lines = [f"{phrase}: {len(versions)} version(s), {count} with text", ""]
    for v in versions:
        where = f"{v.path}, line {v.line}" if v.line else v.path
        lines.append(f"== {v.by}  ({where})")
        lines.extend(f"   instruction {p.instruction} ({p.place}): {escape_terminal(' '.join(p.text.split())[:160])}"
                     for p in v.instructions)
        if not v.text:
            lines.append("   (not in the agreement)")
        else:
            body = ansi(list(v.changes), color) if v.changes else escape_terminal(v.text)
            lines.extend("   " + line for line in body.splitlines())
        lines.append("")
    return "\n".join(lines)
