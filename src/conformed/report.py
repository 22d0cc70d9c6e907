"""What ``validate`` says: for every instruction, whether it applies and, if not, exactly why, with
its place in the amendment and in the agreement; the non-operative parts; and whether the
amendment names this agreement."""
from __future__ import annotations

from dataclasses import dataclass, field

from .engine import Result, Step
from .changes import Diagnostic

APPLIES = "applies"


@dataclass(frozen=True)
class Status:
    amendment: str
    path: str
    id: str
    line: int
    column: int
    text: str
    status: str  # "applies" or the kind of the error
    message: str = ""
    base_lines: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == APPLIES


@dataclass
class AmendmentReport:
    label: str
    path: str
    date: str
    statuses: list[Status] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)
    checks: list[Diagnostic] = field(default_factory=list)

    @property
    def textual(self) -> bool:
        return bool(self.statuses)


@dataclass
class Report:
    base: str
    amendments: list[AmendmentReport]
    notes: list[Diagnostic] = field(default_factory=list)
    """Findings about the deal as a whole: the order of the amendments, what --as-of left out."""

    @property
    def statuses(self) -> list[Status]:
        return [s for a in self.amendments for s in a.statuses]

    @property
    def failures(self) -> list[Status]:
        return [s for s in self.statuses if not s.ok]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.statuses:
            out[s.status] = out.get(s.status, 0) + 1
        return out


def build(result: Result) -> Report:
    return Report(result.base.path, [_amendment(step) for step in result.steps], list(result.notes))


def _amendment(step: Step) -> AmendmentReport:
    amd = step.amendment
    rep = AmendmentReport(step.label, amd.path, step.identity.date)
    by_instruction: dict[str, list[Diagnostic]] = {}
    for d in step.diagnostics:
        if d.provenance is not None:
            by_instruction.setdefault(d.provenance.instruction, []).append(d)
        else:
            rep.checks.append(d)
    before = step.before
    for ins in amd.instructions:
        notes = by_instruction.get(ins.id, [])
        errors = [d for d in notes if d.severity == "error"]
        warnings = tuple(d.message for d in notes if d.severity == "warning")
        lines = tuple(sorted({before.position(c.start)[0] for c in step.changes
                              if c.provenance.instruction == ins.id})) if before else ()
        head = " ".join(ins.head.split())
        if errors:
            first = errors[0]
            rep.statuses.append(Status(step.label, amd.path, ins.id, ins.line, ins.column, head, first.kind,
                                       "; ".join(e.message for e in errors), lines or
                                       ((first.base_line,) if first.base_line else ()), warnings))
        else:
            rep.statuses.append(Status(step.label, amd.path, ins.id, ins.line, ins.column, head, APPLIES,
                                       _summary(ins), lines, warnings))
    for p in amd.passages:
        line, _ = amd.doc.position(p.start)
        rep.passages.append({"id": p.id, "caption": p.caption, "line": line, "reason": p.reason})
    return rep


_VERBS = {"delete": "deletes", "insert": "inserts", "replace": "replaces", "restate": "restates", "add": "adds",
          "renumber": "renumbers"}


def _restates_whole_agreement(edit) -> bool:
    target = edit.target
    whole = target is None or not target.units and all(ref.kind == "document" for ref in target.path)
    return whole and edit.new_text is not None and bool(edit.new_text.attachment)


def _summary(ins) -> str:
    """'deletes words in clause (a) of the Recitals', 'deletes 3 definitions, adds 3 definitions in Section 1'."""
    groups: dict[tuple[str, str], int] = {}
    where = ""
    whole = next((e for e in ins.edits if e.action == "restate" and _restates_whole_agreement(e)), None)
    if whole is not None:
        return (f"restates the whole agreement as set forth in {whole.new_text.attachment}; the redline "
                f"compares the two versions word by word")
    for e in ins.edits:
        target = e.target.describe() if e.target and (e.target.path or e.target.units) else "the agreement"
        if e.text is not None or (e.action == "insert" and not e.order):
            what = "words"  # inside the provision named: "replaces words in the definition of "X" in Section 1.01"
        elif e.target and e.target.path and e.target.path[-1].kind == "definition":
            what, target = "definition", ast_container(e.target)
        elif e.action in ("add", "insert") and e.order:
            what = "definition"
        else:
            what = "provision"
        groups[(e.action, what)] = groups.get((e.action, what), 0) + 1
        where = where or target
    parts = []
    for (action, what), n in groups.items():
        verb = _VERBS.get(action, action)
        if what == "words":
            parts.append(f"{verb} words" + (f" in {n} places" if n > 1 else ""))
        else:
            parts.append(f"{verb} {what}" if n == 1 else f"{verb} {n} {what}s")
    return f"{', '.join(parts)} in {where}"


def ast_container(target) -> str:
    from .ast import Target
    return Target(target.path[:-1], target.units).describe() or "the agreement"


def text(report: Report) -> str:
    lines = [f"{report.base}"]
    lines.extend(f"  {note.severity}: {note.message}" for note in report.notes)
    for amd in report.amendments:
        lines.append("")
        lines.append(f"{amd.label}  ({amd.path})")
        for check in amd.checks:
            lines.append(f"  {check.severity}: {check.message}")
        if not amd.statuses:
            lines.append("  no textual amendment: this document changes no words of the agreement")
            continue
        for s in amd.statuses:
            where = f"{s.path}:{s.line}:{s.column}"
            base = f" -> base line {', '.join(map(str, s.base_lines[:6]))}" if s.base_lines else ""
            status = "applies" if s.ok else s.status.upper()
            lines.append(f"  §{s.id:<11} {status:<17} {where}{base}  {s.message}")
            for w in s.warnings:
                lines.append(f"  {'':<12} warning: {w}")
        for p in amd.passages:
            what = f"Section {p['id']}"
            lines.append(f"  {what:<12} {'non-operative':<17} {amd.path}:{p['line']}  "
                         f"{p['caption'] or ''} ({p['reason']})".rstrip())
    counts = report.counts()
    total = sum(counts.values())
    applied = counts.get(APPLIES, 0)
    failed = total - applied
    summary = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items()) if k != APPLIES)
    lines.append("")
    lines.append(f"{total} instruction(s): {applied} apply" + (f", {failed} do not ({summary})" if failed else ""))
    return "\n".join(lines)


def as_json(report: Report) -> dict:
    return {
        "base": report.base,
        "notes": [{"severity": n.severity, "kind": n.kind, "message": n.message} for n in report.notes],
        "amendments": [{
            "label": a.label, "path": a.path, "date": a.date or None,
            "checks": [{"severity": c.severity, "kind": c.kind, "message": c.message} for c in a.checks],
            "instructions": [{
                "id": s.id, "status": s.status, "message": s.message, "line": s.line, "column": s.column,
                "base_lines": list(s.base_lines), "warnings": list(s.warnings), "text": s.text,
            } for s in a.statuses],
            "non_operative": a.passages,
        } for a in report.amendments],
        "summary": report.counts(),
    }
