"""Checks that need the whole chain of amendments, not one amendment and the base.

- A later amendment recites the earlier ones ("as amended by the First Amendment ... and the
  Second Amendment ..."): the recital is checked against the amendments actually applied before it.
- Words an instruction quotes but cannot find may have been changed by an earlier amendment:
  that is said, with the earlier instruction, instead of a bare "not found".
- Two amendments changing the same words conflict unless the later one quotes the earlier one's
  result (it then knew what it was changing); a later instruction that rewrites a provision
  wholesale over an earlier amendment's words is reported.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .apply import Trace
from .changes import Diagnostic, Provenance
from .instructions import Amendment

_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_AS_AMENDED = re.compile(r"\bas\s+(?:previously\s+|heretofore\s+)?amended(?:\s+and\s+(?:restated|supplemented|"
                         r"modified))*\s+(?:prior\s+to\s+the\s+date\s+hereof\s+)?by\b", re.I)
_NUMBERED = re.compile(rf"\b(?:(?P<ordinal>{'|'.join(_ORDINALS)})\s+amendment|amendment\s+no\.?\s*(?P<num>\d+|[ivx]+)\b)",
                       re.I)
_RECITAL_END = re.compile(r"\(?\s*(?:the|this)\s+[\"“]|\bhereinafter\b|;|\.\s|\n\s*\n")


def number_of(label: str) -> int | None:
    """ "Second Amendment" -> 2, "Amendment No. 3" -> 3, "Amendment No. IV" -> 4; else None."""
    m = _NUMBERED.search(label)
    if not m:
        return None
    if m.group("ordinal"):
        return _ORDINALS.index(m.group("ordinal").lower()) + 1
    num = m.group("num").lower()
    return int(num) if num.isdigit() else _ROMAN.get(num)


# ------------------------------------------------------------------------------ recited chain
def recited_chain(amendment: Amendment, label: str, earlier: list[tuple[str, str]]) -> list[Diagnostic]:
    """Check the amendments ``amendment`` recites against ``earlier`` (label, path) applied before it."""
    head = amendment.doc.text[:8000]
    m = _AS_AMENDED.search(head)
    if not m:
        return []
    end = _RECITAL_END.search(head, m.end())
    window = head[m.end():end.start() if end else m.end() + 600]
    recited = {n for n in (number_of(x.group()) for x in _NUMBERED.finditer(window)) if n}
    if not recited:
        return []
    line = amendment.doc.position(m.start())[0]
    where = f"{amendment.path}:{line}"
    applied = {number_of(lbl): path for lbl, path in earlier}
    if None in applied:
        return [Diagnostic("info", "chain", f"{where}: {label} recites earlier amendments "
                                            f"({_names(recited)}); some earlier amendments have no number, so the "
                                            "recital cannot be checked against the chain")]
    out = []
    missing = sorted(set(applied) - recited)
    extra = sorted(recited - set(applied))
    if missing:
        files = ", ".join(f"{applied[n]}" for n in missing)
        out.append(Diagnostic("warning", "chain", f"{where}: {label} does not recite {_names(missing)}, which "
                                                  f"applies before it ({files})"))
    if extra:
        out.append(Diagnostic("warning", "chain", f"{where}: {label} recites {_names(extra)}, which is not in "
                                                  "this chain of amendments: is an amendment missing?"))
    if not out:
        out.append(Diagnostic("info", "chain", f"{where}: {label} recites the amendments applied before it "
                                               f"({_names(recited)})"))
    return out


def _names(numbers) -> str:
    return " and ".join(f"Amendment No. {n}" for n in sorted(numbers))


# ------------------------------------------------------------------------------ already amended
def already_changed(diagnostic: Diagnostic, steps: list) -> Diagnostic:
    """A "text not found" whose words an earlier amendment changed: say which instruction did."""
    words = diagnostic.words
    if not words or diagnostic.kind != "text_not_found":
        return diagnostic
    for step in reversed(steps):
        before = step.before
        if before is None:
            continue
        matches = before.dense(0, len(before.text)).find_all(words)
        if not matches:
            continue
        for match in matches:
            for change in step.changes:
                if change.start < match.end and change.end > match.start:
                    by = change.provenance
                    return replace(diagnostic, kind="already_amended", message=(
                        f'{diagnostic.message}; the words "{words}" were {_verb(change.action)} by {by.amendment}, '
                        f"instruction {by.instruction} ({by.place}): quote the text as that amendment left it"))
        return diagnostic
    return diagnostic


def _verb(action: str) -> str:
    return {"delete": "deleted", "insert": "changed", "restate": "restated"}.get(action, "replaced")


# ------------------------------------------------------------------------------ conflicts
def conflicts(trace: Trace, amendment: Amendment, label: str) -> list[Diagnostic]:
    """Words an earlier amendment wrote that an instruction of ``amendment`` removes without
    quoting them."""
    quoting = {ins.id for ins in amendment.instructions if any(e.text is not None for e in ins.edits)}
    found: dict[tuple[str, str, str], tuple[Provenance, Provenance, str]] = {}
    for seg in trace.segments:
        by, earlier = seg.removed_by, seg.added_by
        if by is None or earlier is None or seg.silent or by.path != amendment.path or earlier.path == by.path:
            continue
        if by.instruction in quoting:
            continue
        key = (by.instruction, earlier.path, earlier.instruction)
        text = found[key][2] + seg.text if key in found else seg.text
        found[key] = (by, earlier, text)
    return [Diagnostic("warning", "conflict", (
        f"{label} instruction {by.instruction} rewrites words that {earlier.amendment}, instruction "
        f"{earlier.instruction} ({earlier.place}) wrote (\"{_clip(text)}\") without quoting them: check that it "
        "meant to supersede that change"), by) for by, earlier, text in found.values()]


def _clip(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
