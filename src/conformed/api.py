"""The Python API: ``parse``, ``consolidate``, ``redline``, ``validate``, ``compare``.

Each function takes paths (or already read documents) and returns plain results; the CLI prints
them. Nothing here writes files except through :mod:`conformed.output`.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import deal, instructions, reader
from .deal import Deal
from .document import Document
from .instructions import Amendment

PathLike = str | os.PathLike[str]


def load(source: PathLike | Document) -> Document:
    """A :class:`Document` from a path (or the document itself)."""
    if isinstance(source, Document):
        return source
    return Document(reader.read(Path(source)))


def _source(item: PathLike | Document) -> reader.Source | Document:
    return item if isinstance(item, Document) else reader.read(Path(item))


def parse(amendment: PathLike | Document) -> Amendment:
    """Read an amendment: its instructions (each as elementary edits), non-operative parts, attachments."""
    return instructions.read(load(amendment))


def parse_records(result: Amendment) -> list[dict]:
    """The JSON contract of ``conformed parse``: one object per elementary edit, then the
    non-operative parts, in the order of the amendment."""
    records = []
    for ins in result.instructions:
        records.extend(instructions.edit_record(ins, e) for e in ins.edits)
    records.extend(instructions.passage_record(result, p) for p in result.passages)
    records.sort(key=lambda r: (r["line"], r["column"]))
    return records


def parse_text(result: Amendment, explain: bool = False) -> str:
    from .explain import describe
    return describe(result, explain)


# ------------------------------------------------------------------------------ the main job
Amendments = list[PathLike | Document] | None


def consolidate(base: PathLike | Document | Deal, amendments: Amendments = None, workers: int | None = None,
                as_of: str | None = None):
    """Apply ``amendments`` to ``base`` in the order they took effect. The result holds the
    conformed text (``result.text``), the trace of every change and every diagnostic.

    ``base`` may instead be a deal file (``conformed.toml``, with ``amendments`` left out) or a
    :class:`~conformed.deal.Deal`. ``as_of`` (ISO date): the agreement as it stood that day, leaving
    out amendments that took effect later. ``workers``: processes to read the amendments in while
    the base is read (``None``: decided from the size of the inputs; ``0``: none); the result is
    the same either way.
    """
    from . import applicability, engine, parallel
    the_deal = deal.of(base, amendments)
    base_doc, read = parallel.read_all(_source(the_deal.base), [_source(e.source) for e in the_deal.amendments],
                                       workers)
    plan = deal.schedule(the_deal, read, [applicability.identify(a) for a in read], as_of)
    return engine.run(base_doc, plan.amendments, plan.identities, plan.notes)


def validate(base: PathLike | Document | Deal, amendments: Amendments = None, workers: int | None = None,
             as_of: str | None = None):
    """For every instruction: does it apply to this base, and if not exactly why."""
    from . import report
    return report.build(consolidate(base, amendments, workers, as_of))


def redline(base: PathLike | Document | Deal, amendments: Amendments = None, fmt: str = "html",
            color: bool = False, workers: int | None = None, as_of: str | None = None) -> str | bytes:
    """The redline of the base against the conformed copy, every change with its provenance.
    ``fmt``: html | markdown | ansi | unified | json (text) or docx (bytes: Word tracked changes)."""
    return render_redline(consolidate(base, amendments, workers, as_of), fmt, color)


REDLINE_FORMATS = ("html", "markdown", "ansi", "unified", "json", "docx")
_REDLINE_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json",
                     ".diff": "unified", ".patch": "unified", ".txt": "ansi", ".docx": "docx"}


def redline_format_of(path: str | None, default: str = "html") -> str:
    """The redline format an output path asks for by its extension."""
    if path in (None, "-"):
        return default
    return _REDLINE_SUFFIXES.get(Path(path).suffix.lower(), default)


def render_redline(result, fmt: str, color: bool = False) -> str | bytes:
    """Render a :func:`consolidate` result as a redline in ``fmt`` (bytes for docx)."""
    from . import report as report_mod
    from .runs import runs
    all_runs = runs(result.trace)
    title = result.base.main.title or result.base.path
    if fmt == "json":
        import json

        from .render import jsonout
        return json.dumps({"base": result.base.path, "changes": jsonout.changes(all_runs),
                           "report": report_mod.as_json(report_mod.build(result))}, indent=2, ensure_ascii=False) + "\n"
    return _render(all_runs, result.base, "conformed", fmt, color, report_mod.build(result), f"Redline: {title}")


def conformed_copy(result, fmt: str | None = None) -> bytes:
    """The conformed agreement as the bytes of a file in ``fmt`` (txt, md, htm, docx; default:
    the base's own format). Untouched parts keep the base's layout and formatting."""
    from . import formats
    from .runs import runs
    return formats.conformed(fmt or result.base.source.fmt, result.base.source, runs(result.trace), result.text)


def compare(old: PathLike | Document, new: PathLike | Document, fmt: str = "html",
            color: bool = False) -> str | bytes:
    """A word-level redline of any two versions (no amendment needed); bytes for docx."""
    from .worddiff import compare as diff
    from .report import Report
    old_doc, new_doc = load(old), load(new)
    runs = diff(old_doc.text, new_doc.text)
    title = f"Comparison: {old_doc.path} against {new_doc.path}"
    return _render(runs, old_doc, new_doc.path, fmt, color, Report(old_doc.path, []), title)


def _render(runs, base: Document, new_name: str, fmt: str, color: bool, rep, title: str) -> str | bytes:
    from .render import html, text
    if fmt == "html":
        return html.render(runs, rep, base, title)
    if fmt == "markdown":
        return text.markdown(runs, title)
    if fmt == "ansi":
        return text.ansi(runs, color)
    if fmt == "unified":
        return text.unified(runs, base.path, new_name)
    if fmt == "json":
        import json

        from .render import jsonout
        return json.dumps({"old": base.path, "new": new_name, "changes": jsonout.changes(runs)}, indent=2,
                          ensure_ascii=False) + "\n"
    if fmt == "docx":
        from .formats import docx
        return docx.tracked(base.source, runs, title)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(REDLINE_FORMATS)}")
