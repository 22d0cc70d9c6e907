"""`conformed compare` beside its peers: two versions of a large agreement with scattered edits.

    python bench/compare.py                        # 1 MB and 4 MB, 200 edits; peers at 1 MB
    python bench/compare.py --sizes 4 --edits 200 --peer-timeout 120

Prints, for each size: our word-level compare (best of 3, in this process), and in a child
process with a time limit: difflib's SequenceMatcher over the words, and the `redlines` package
(`pip install redlines`; skipped when absent). A peer that does not finish in time is reported as
"> N s". Also checks that our runs tile both texts (a fast wrong answer is worth nothing).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

from conformed.runs import DELETE, EQUAL, INSERT  # noqa: E402
from conformed.worddiff import compare  # noqa: E402

REPLACEMENTS = ("Guarantor", "Administrative Agent", "ninety (90) days", "$5,000,000", "Required Lenders")


def edited(text: str, edits: int, seed: int = 3) -> str:
    """``text`` with ``edits`` word edits (replace, delete, insert) spread evenly through it."""
    rng = random.Random(seed)
    words = [m.span() for m in re.finditer(r"\S+", text)]
    chosen = sorted(rng.sample(range(len(words)), edits))
    out, pos = [], 0
    for n, index in enumerate(chosen):
        start, end = words[index]
        out.append(text[pos:start])
        kind = n % 3
        if kind == 0:
            out.append(rng.choice(REPLACEMENTS))
        elif kind == 1:
            out.append(text[start:end] + " " + rng.choice(REPLACEMENTS))
        pos = end  # kind 2 deletes the word: nothing written for it
    out.append(text[pos:])
    return "".join(out)


def ours(old: str, new: str, runs: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        result = compare(old, new)
        best = min(best, time.perf_counter() - start)
        count = sum(1 for r in result if r.kind != EQUAL)
        assert "".join(r.text for r in result if r.kind != INSERT) == old
        assert "".join(r.text for r in result if r.kind != DELETE) == new
    return best, count


def _difflib_words(old: str, new: str) -> None:
    import difflib
    difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).get_opcodes()


def _redlines(old: str, new: str) -> None:
    from redlines import Redlines
    Redlines(old, new).output_markdown  # noqa: B018 - computing the property is the work


def timed_in_child(fn, old: str, new: str, limit: float) -> str:
    """Seconds taken by ``fn(old, new)`` in a child process, or '> limit s'."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def work():
        start = time.perf_counter()
        fn(old, new)
        queue.put(time.perf_counter() - start)

    child = ctx.Process(target=work)
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {limit:.0f} s (stopped)"
    return f"{queue.get():.2f} s" if not queue.empty() else f"failed (exit {child.exitcode})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 4], help="sizes in MB")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--peer-timeout", type=float, default=120.0)
    ap.add_argument("--peer-sizes", type=float, nargs="*", default=[1], help="sizes (MB) at which to run the peers")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    try:
        import redlines  # noqa: F401
        have_redlines = True
    except ImportError:
        have_redlines = False
    for size in args.sizes:
        old, _ = generate.agreement(int(size * 2**20))
        new = edited(old, args.edits)
        seconds, changes = ours(old, new)
        print(f"{size:g} MB vs {size:g} MB, {args.edits} edits: conformed compare {seconds:.3f} s "
              f"({changes} changes shown)")
        if size in args.peer_sizes:
            print(f"    difflib over words: {timed_in_child(_difflib_words, old, new, args.peer_timeout)}")
            if have_redlines:
                print(f"    redlines package:   {timed_in_child(_redlines, old, new, args.peer_timeout)}")
            else:
                print("    redlines package:   not installed (pip install redlines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
