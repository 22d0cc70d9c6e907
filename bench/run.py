"""Time every stage of the engine on a large synthetic agreement and a 200-instruction amendment.

    python bench/run.py                 # 1 MB and 4 MB, best of 3 runs
    python bench/run.py --sizes 1 --runs 5

Prints seconds per stage (read, tree, parse, resolve, apply, redline, validate) and their total,
all in one process; then the API end to end (consolidate, validate, HTML redline), in one process
and with the amendment read in a worker process while the base is read (the default on large
inputs); and the growth from 1 MB to 4 MB (linear growth is 4.0x).
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from conformed.parse import parser  # noqa: E402

from conformed import instructions, reader, report  # noqa: E402
from conformed.applicability import identify  # noqa: E402
from conformed.apply import Trace  # noqa: E402
from conformed.document import Document  # noqa: E402
from conformed.runs import runs  # noqa: E402
from conformed.render import html  # noqa: E402
from conformed.resolve import Resolver  # noqa: E402


def one_run(base_path: Path, amd_path: Path) -> tuple[dict[str, float], int, int]:
    t: dict[str, float] = {}
    start = time.perf_counter()
    base_src = reader.read(base_path)
    amd_src = reader.read(amd_path)
    t["read"] = time.perf_counter() - start

    start = time.perf_counter()
    base = Document(base_src)
    amd_doc = Document(amd_src)
    t["tree"] = time.perf_counter() - start

    start = time.perf_counter()
    amendment = instructions.read(amd_doc)
    t["parse"] = time.perf_counter() - start

    start = time.perf_counter()
    ident = identify(amendment)
    resolver = Resolver(base, amendment, ident.label, ident.date, ident.recited_dates)
    changes, notes = [], []
    for ins in amendment.instructions:
        c, d = resolver.resolve(ins)
        changes.extend(c)
        notes.extend(d)
    t["resolve"] = time.perf_counter() - start

    start = time.perf_counter()
    trace = Trace(base.text)
    notes.extend(trace.apply(changes))
    final = trace.text
    t["apply"] = time.perf_counter() - start

    start = time.perf_counter()
    from conformed.engine import Result, Step
    step = Step(amendment, ident, changes, notes, before=base)
    result = Result(base, trace, [step])
    rep = report.build(result)
    t["validate"] = time.perf_counter() - start

    start = time.perf_counter()
    html.render(runs(trace), rep, base, "bench")
    t["redline"] = time.perf_counter() - start

    failed = sum(1 for d in notes if d.severity == "error")
    return t, len(changes), failed + (0 if final else 1)


def end_to_end(base_path: Path, amd_path: Path, workers: int | None) -> float:
    """The API as a user calls it: read, consolidate, validate and render the HTML redline."""
    from conformed import api
    start = time.perf_counter()
    result = api.consolidate(base_path, [amd_path], workers=workers)
    html.render(runs(result.trace), report.build(result), result.base, "bench")
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 4], help="agreement sizes in MB")
    ap.add_argument("--instructions", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    parser()  # the LALR tables are built (or loaded from the cache) once per process, not per run
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            text, facts = generate.agreement(int(mb * 1_000_000))
            base_path = Path(tmp) / f"agreement-{mb}mb.txt"
            amd_path = Path(tmp) / f"amendment-{mb}mb.txt"
            base_path.write_text(text)
            amd_path.write_text(generate.amendment(facts, args.instructions))
            best: dict[str, float] | None = None
            for _ in range(args.runs):
                t, n_changes, failed = one_run(base_path, amd_path)
                if best is None or sum(t.values()) < sum(best.values()):
                    best = t
            assert best is not None
            total = sum(best.values())
            stages = "  ".join(f"{k} {v:.3f}" for k, v in best.items())
            print(f"{len(text) / 1e6:.2f} MB, {args.instructions} instructions ({n_changes} changes, {failed} failed): "
                  f"{stages}  total {total:.3f} s")
            one = min(end_to_end(base_path, amd_path, 0) for _ in range(args.runs))
            both = min(end_to_end(base_path, amd_path, None) for _ in range(args.runs))
            totals[mb] = both
            print(f"    end to end (api.consolidate + validate + HTML redline): {one:.3f} s in one process, "
                  f"{both:.3f} s with the amendment read in a worker meanwhile")
    if 1 in totals and 4 in totals:
        print(f"growth 1 MB -> 4 MB, end to end: {totals[4] / totals[1]:.2f}x (linear is 4.00x; the target is under 4.4x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
