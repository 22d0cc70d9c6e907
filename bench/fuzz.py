"""A long plain-random fuzz run: N cases over every core, a fixed seed, a reproducer for each crash.

    python bench/fuzz.py                      # 100,000 cases, seed 0, all cores
    python bench/fuzz.py --cases 2000 --seed 7
    python bench/fuzz.py --replay 1234        # show case 1234 (of seed 0) and its traceback

Each case is an amendment (the seed amendment mutated, corpus instructions mutated, instructions
assembled from the grammar's keywords) run against the real agreement, or, one case in ten, a
mutated agreement as well (tests/fuzzgen.py makes both). A case passes when the engine either
refuses the input with a ConformedError or runs parse -> consolidate -> report -> every redline
without losing or duplicating a character (fuzzgen.check). Anything else is a crash: any other
exception, or a case that takes longer than --timeout seconds (a pathological regular
expression). The exit status is 1 when any case crashed.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests import fuzzgen  # noqa: E402

_BASE = None
_TIMEOUT = 10.0


class Slow(Exception):
    pass


def _alarm(signum, frame):
    raise Slow(f"the case took more than {_TIMEOUT:g} s")


def _init(timeout: float) -> None:
    global _BASE, _TIMEOUT
    from conformed.document import Document
    _TIMEOUT = timeout
    _BASE = Document.from_text(fuzzgen.agreement_text(), "base.txt")
    signal.signal(signal.SIGALRM, _alarm)


def make_case(seed: int, index: int) -> tuple[str | None, str, bool]:
    """Case ``index`` of ``seed``: (mutated agreement or None for the real one, amendment, render?)."""
    rng = random.Random(f"{seed}:{index}")
    base = fuzzgen.agreement_case(rng) if rng.random() < 0.1 else None
    return base, fuzzgen.amendment_case(rng), rng.random() < 0.2


def run_case(args: tuple[int, int]) -> tuple[int, str, bool]:
    seed, index = args
    base, amendment, render = make_case(seed, index)
    signal.setitimer(signal.ITIMER_REAL, _TIMEOUT)
    try:
        outcome = fuzzgen.check(base or "", amendment, base_doc=None if base else _BASE, render=render)
        return index, "", bool(outcome.refused)
    except Exception as exc:  # everything that is not a ConformedError is a crash
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
        return index, f"{type(exc).__name__}{where}: {str(exc)[:300]}", False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def replay(seed: int, index: int, timeout: float) -> int:
    _init(timeout)
    base, amendment, render = make_case(seed, index)
    print(f"--- case {index} of seed {seed} (render={render}); amendment:\n{amendment}\n---")
    if base is not None:
        print(f"(with a mutated agreement of {len(base)} characters)")
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        outcome = fuzzgen.check(base or "", amendment, base_doc=None if base else _BASE, render=render)
    except Exception:
        traceback.print_exc()
        return 1
    print(f"ok: {'refused: ' + outcome.refused if outcome.refused else f'{outcome.changes} change(s)'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="first case number (to resume or split a run)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds a single case may take")
    ap.add_argument("--replay", type=int, metavar="CASE", help="run one case and show its input and traceback")
    args = ap.parse_args(argv)
    if args.replay is not None:
        return replay(args.seed, args.replay, args.timeout)

    started = time.perf_counter()
    crashes: list[tuple[int, str]] = []
    refused = done = 0
    jobs = ((args.seed, i) for i in range(args.start, args.start + args.cases))
    with mp.Pool(args.workers, initializer=_init, initargs=(args.timeout,)) as pool:
        for index, crash, was_refused in pool.imap_unordered(run_case, jobs, chunksize=64):
            done += 1
            refused += was_refused
            if crash:
                crashes.append((index, crash))
                print(f"CRASH case {index}: {crash}\n  reproduce: python bench/fuzz.py --seed {args.seed} "
                      f"--replay {index}", flush=True)
            if done % 5000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"{done} cases, {len(crashes)} crash(es), {rate:.0f} cases/s", flush=True)
    elapsed = time.perf_counter() - started
    print(f"{done} cases (seed {args.seed}, cases {args.start}..{args.start + args.cases - 1}) in {elapsed:.1f} s "
          f"on {args.workers} worker(s): {done / elapsed:.0f} cases/s; {refused} refused cleanly; "
          f"{len(crashes)} crash(es)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
