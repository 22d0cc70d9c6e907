"""Many deals at once: every deal file under a folder, processed in parallel over the machine's
cores. One bad deal never stops the others; each gives one record for the JSON-lines report.

Deal files are found by name: ``conformed.toml``, or any ``NAME.conformed.toml`` (so a folder can
hold several deals side by side).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

from .errors import ConformedError, InputError, Place


@dataclass(frozen=True)
class Record:
    """What became of one deal."""

    deal: str
    status: str  # "ok" | "flagged" (some instruction does not apply) | "failed" (the deal could not be run)
    amendments: int = 0
    instructions: int = 0
    applied: int = 0
    flagged: int = 0
    warnings: int = 0
    error: str = ""
    seconds: float = 0.0
    output: str = ""

    def as_json(self) -> dict:
        """For the JSON-lines report: everything but the timing, so that a report is the same
        from one run to the next."""
        return {k: v for k, v in asdict(self).items() if v != "" and k != "seconds"}


def find_deals(folder: str | os.PathLike[str]) -> list[Path]:
    root = Path(folder)
    if not root.exists():
        raise InputError("no such folder", Place(str(folder)))
    if not root.is_dir():
        raise InputError("not a folder: give the folder that holds the deal files", Place(str(folder)))
    found = sorted(p for p in root.rglob("*.toml") if p.name == "conformed.toml" or p.name.endswith(".conformed.toml"))
    if not found:
        raise InputError("no deal files (conformed.toml or NAME.conformed.toml) under this folder", Place(str(folder)))
    return found


def run_one(path: Path, out_dir: str | None = None, root: Path | None = None) -> Record:
    """Consolidate one deal; never raises (a failure is a record)."""
    from . import api
    started = time.perf_counter()
    try:
        result = api.consolidate(str(path), workers=0)
        rep = _report(result)
        output = _write_copy(result, path, out_dir, root) if out_dir else ""
    except ConformedError as exc:
        return Record(str(path), "failed", error=str(exc), seconds=round(time.perf_counter() - started, 4))
    except Exception as exc:  # noqa: BLE001 - a bug on one deal must not stop the portfolio; it is reported
        return Record(str(path), "failed", error=f"internal error: {type(exc).__name__}: {exc}",
                      seconds=round(time.perf_counter() - started, 4))
    statuses = rep.statuses
    applied = sum(1 for s in statuses if s.ok)
    warnings = sum(1 for d in result.diagnostics if d.severity == "warning")
    return Record(str(path), "ok" if applied == len(statuses) else "flagged", len(result.steps), len(statuses),
                  applied, len(statuses) - applied, warnings, seconds=round(time.perf_counter() - started, 4),
                  output=output)


def _report(result):
    from . import report
    return report.build(result)


def _write_copy(result, path: Path, out_dir: str, root: Path | None) -> str:
    """``OUT/<the deal's folder under the batch folder>/<NAME or deal>.conformed.<base format>``."""
    from . import api, output
    relative = path.parent.relative_to(root) if root else Path()
    stem = path.name.removesuffix(".conformed.toml") if path.name.endswith(".conformed.toml") else "deal"
    target = Path(out_dir) / relative / f"{stem}.conformed.{result.base.source.fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    output.write(str(target), api.conformed_copy(result), [str(path)])
    return str(target)


def run(paths: list[Path], workers: int | None = None, out_dir: str | None = None, root: Path | None = None,
        on_done: Callable[[Record], None] | None = None) -> list[Record]:
    """Every deal, over ``workers`` processes (default: one per core); records in the order of
    ``paths`` whatever order they finish in."""
    count = max(1, min(workers or os.cpu_count() or 1, len(paths)))
    records: dict[str, Record] = {}
    for record in _records(paths, count, out_dir, root):
        records[record.deal] = record
        if on_done:
            on_done(record)
    return [records[str(p)] for p in paths]


def _records(paths: list[Path], count: int, out_dir: str | None, root: Path | None) -> Iterator[Record]:
    if count == 1:
        for p in paths:
            yield run_one(p, out_dir, root)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(count) as pool:
        jobs = [(p, out_dir, root) for p in paths]
        yield from pool.imap_unordered(_run_job, jobs, chunksize=max(1, min(16, len(paths) // (count * 8) or 1)))


def _run_job(job: tuple) -> Record:
    return run_one(*job)


def summary(records: list[Record], seconds: float) -> str:
    """The table printed at the end of a batch."""
    failed = [r for r in records if r.status == "failed"]
    rows = [("deals", len(records)), ("  ok", sum(r.status == "ok" for r in records)),
            ("  flagged", sum(r.status == "flagged" for r in records)), ("  failed", len(failed)),
            ("amendments", sum(r.amendments for r in records)),
            ("instructions", sum(r.instructions for r in records)),
            ("  applied", sum(r.applied for r in records)), ("  flagged", sum(r.flagged for r in records)),
            ("warnings", sum(r.warnings for r in records))]
    lines = [f"{name:<14}{value:>10}" for name, value in rows]
    rate = len(records) / seconds if seconds > 0 else 0.0
    lines.append(f"{'time':<14}{seconds:>9.1f}s  ({rate:.1f} deals/s)")
    for r in failed[:20]:
        lines.append(f"failed: {r.error}" if r.deal in r.error else f"failed: {r.deal}: {r.error}")
    if len(failed) > 20:
        lines.append(f"... and {len(failed) - 20} more failed deals (see the report)")
    return "\n".join(lines)
