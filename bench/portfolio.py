"""Deals per second: generate a portfolio of deals (a loan agreement plus 1-10 amendments each, in
EDGAR style, each amendment quoting the text the one before it left) and run ``conformed batch``.

    python bench/portfolio.py                  # 1,000 deals, one worker per core
    python bench/portfolio.py --deals 200 --jobs 1

Prints the machine, the portfolio (deals, amendments, instructions), the wall time and deals per
second, and checks that every instruction applied (a benchmark of a broken engine is worthless).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "deal" / "loan-agreement.txt"
MONTHS = ("January February March April May June July August September October November December").split()

AMENDMENT = """                    AMENDMENT NO. {n} TO LOAN AGREEMENT

     THIS AMENDMENT NO. {n} TO LOAN AGREEMENT (this "Amendment") is dated as
of {date}, by and between {borrower}, a Maryland
corporation (the "Borrower"), and MERIDIAN COMMERCIAL BANK, N.A. (the
"Lender").

     WHEREAS, the Borrower and the Lender are parties to that certain Loan
Agreement dated as of June 15, 2012 (the "Loan Agreement");

     NOW, THEREFORE, the parties agree as follows:

     1. The definition of "Applicable Rate" in Section 1.01 of the Loan
Agreement is hereby amended by deleting "{old_rate}" and substituting
"{new_rate}" therefor.

     2. Section 6.02 of the Loan Agreement is hereby amended by deleting
"{old_ratio} to 1.00" and substituting "{new_ratio} to 1.00" therefor.

     3. Section 6.01 of the Loan Agreement is hereby amended by deleting the
amount "{old_cap}" in clause (d) thereof and substituting "{new_cap}"
therefor.

     4. Counterparts. This Amendment may be executed in counterparts.
"""


def make_portfolio(folder: Path, deals: int, seed: int = 7) -> tuple[int, int]:
    rng = random.Random(seed)
    base_text = BASE.read_text(encoding="utf-8")
    amendments = 0
    for d in range(deals):
        deal = folder / f"deal-{d:04d}"
        deal.mkdir(parents=True)
        borrower = f"HARBOR POINT LOGISTICS {d}, INC."
        (deal / "loan-agreement.txt").write_text(base_text.replace("HARBOR POINT LOGISTICS, INC.", borrower))
        rate, ratio, cap = 250, 125, 1_000_000
        lines = ['base = "loan-agreement.txt"\n']
        count = rng.randint(1, 10)
        for n in range(1, count + 1):
            new_rate, new_ratio, new_cap = rate - rng.randint(1, 9), ratio - 1, cap + 250_000 * rng.randint(1, 4)
            date = f"{MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}, {2012 + n}"
            (deal / f"amendment-{n}.txt").write_text(AMENDMENT.format(
                n=n, date=date, borrower=borrower, old_rate=f"{rate / 100:.2f}%", new_rate=f"{new_rate / 100:.2f}%",
                old_ratio=f"{ratio / 100:.2f}", new_ratio=f"{new_ratio / 100:.2f}", old_cap=f"${cap:,}",
                new_cap=f"${new_cap:,}"))
            lines.append(f'[[amendments]]\npath = "amendment-{n}.txt"\n')
            rate, ratio, cap = new_rate, new_ratio, new_cap
        (deal / "conformed.toml").write_text("".join(lines))
        amendments += count
    return deals, amendments


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--deals", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "portfolio"
        deals, amendments = make_portfolio(folder, args.deals)
        report = Path(tmp) / "report.jsonl"
        command = [sys.executable, "-m", "conformed", "batch", str(folder), "--report", str(report)]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        records = [json.loads(line) for line in report.read_text().splitlines()] if report.exists() else []
    instructions = sum(r.get("instructions", 0) for r in records)
    applied = sum(r.get("applied", 0) for r in records)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"portfolio: {deals} deals, {amendments} amendments, {instructions} instructions")
    print(f"batch (jobs={args.jobs or os.cpu_count()}): {seconds:.1f} s wall, {deals / seconds:.1f} deals/s, "
          f"{amendments / seconds:.1f} amendments/s")
    print(f"applied: {applied} of {instructions}; exit status {done.returncode}")
    if done.returncode != 0 or applied != instructions or len(records) != deals:
        print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
