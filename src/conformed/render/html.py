"""The redline as one self-contained HTML page (no network, inline CSS), rendered with jinja2.
Autoescape is on: every byte taken from an input is escaped; control characters (an escape or a
bell, which HTML cannot hold and a terminal showing the file would obey) are shown as the Unicode
control pictures (U+241B for an escape)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import jinja2
import markupsafe

from ..document import Document
from ..runs import EQUAL, Run
from ..report import Report

_SECTION_KINDS = ("article", "section", "part", "paragraph", "definition", "recitals", "preamble", "schedule",
                  "exhibit", "annex", "appendix")


@dataclass(frozen=True)
class _Shown:
    kind: str
    text: str
    by: object
    n: int
    tip: str
    section: str = ""


# C0 controls but tab, line feed, carriage return and form feed (a page break in EDGAR text), DEL, C1
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _picture(m: re.Match) -> str:
    code = ord(m.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7f else "\ufffd"


def _visible_controls(value):
    """Every value the template prints, before it is escaped: control characters made visible."""
    if isinstance(value, str) and _CONTROL.search(value):
        shown = _CONTROL.sub(_picture, value)
        return markupsafe.Markup(shown) if isinstance(value, markupsafe.Markup) else shown
    return value


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("conformed", "templates"),
                              autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
                              trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True,
                              finalize=_visible_controls)


def render(runs: list[Run], report: Report, base: Document, title: str) -> str:
    shown: list[_Shown] = []
    sections: dict[str, dict] = {}
    changes_of: dict[tuple[str, str], list[str]] = {}
    n = 0
    for run in runs:
        if run.kind == EQUAL:
            shown.append(_Shown(EQUAL, run.text, None, 0, ""))
            continue
        n += 1
        tip = f"{run.by.amendment} §{run.by.instruction}: {_clip(run.by.text)}" if run.by else ""
        name = _section(base, _offset_of(run, base))
        shown.append(_Shown(run.kind, run.text, run.by, n, tip, name))
        entry = sections.setdefault(name, {"name": name, "anchor": f"c{n}", "count": 0})
        entry["count"] += 1
        if run.by:
            changes_of.setdefault((run.by.path, run.by.instruction), []).append(f"c{n}")
    statuses = []
    for s in report.statuses:
        places = changes_of.get((s.path, s.id), [])
        statuses.append(dict(s.__dict__, ok=s.ok, anchor=places[0] if places else "", places=places))
    passages = [dict(p, amendment=a.label, path=a.path) for a in report.amendments for p in a.passages]
    counts = {"applies": sum(1 for s in statuses if s["ok"]), "fails": sum(1 for s in statuses if not s["ok"])}
    return environment().get_template("redline.html.j2").render(
        title=title, base_path=base.path, amendments=report.amendments, statuses=statuses, passages=passages,
        sections=list(sections.values()), runs=shown, notes=[s for s in shown if s.kind != EQUAL],
        counts=counts, deal_notes=list(getattr(report, "notes", []) or []), version=_version())


def _offset_of(run: Run, base: Document) -> int:
    """Where a change sits in the base: an insertion that continues a sentence belongs to the
    provision it follows (its offset is where the next one may begin); a new paragraph to the next."""
    start = run.base[0]
    if run.kind != EQUAL and run.base[0] == run.base[1] and start > 0 and not run.text[:1].isspace():
        return start - 1
    return start


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _section(base: Document, offset: int) -> str:
    node = base.node_at(min(offset, max(0, len(base.text) - 1)))
    chain = [node, *node.ancestors()]
    for candidate in chain:
        if candidate.kind in _SECTION_KINDS and candidate.kind != "definition":
            inner = next((c for c in chain if c.kind == "definition"), None)
            prefix = f"{inner.describe()} in " if inner is not None else ""
            return prefix + candidate.describe() + (f" — {candidate.caption.rstrip('.')}" if candidate.caption else "")
    return "the agreement"


def _version() -> str:
    try:
        return version("conformed")
    except PackageNotFoundError:
        return "dev"
