"""Regenerate docs/redline-seed.png: the HTML redline of the seed pair (the README's main
command) as headless Chromium shows it at 1200x1600.

    python bench/screenshot.py [--out docs/redline-seed.png] [--pdf redline.pdf]

Needs chromium (or chromium-browser / google-chrome) on PATH; nothing is fetched from the network.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from conformed import api  # noqa: E402

BASE = ROOT / "agreements" / "ibasis-securities-exchange-agreement-2003.txt"
SEED = [ROOT / "amendments" / "003_ad63d64e2e645ace.txt", ROOT / "amendments" / "000_3dec2a51fb914fae.txt"]
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def chromium(exe: str, profile: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throw-away profile and no network access."""
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
           "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "redline-seed.png"))
    parser.add_argument("--pdf", help="also print the redline to this PDF")
    args = parser.parse_args()
    exe = browser()
    if exe is None:
        print("no chromium on PATH", file=sys.stderr)
        return 2
    os.chdir(ROOT)  # the page names the files as a user in the repository would
    html = api.redline(BASE.relative_to(ROOT), [s.relative_to(ROOT) for s in SEED], fmt="html", workers=0)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "redline.html"
        page.write_text(html, encoding="utf-8")
        profile = str(Path(tmp) / "profile")
        out = Path(args.out).resolve()
        done = chromium(exe, profile, f"--screenshot={out}", "--window-size=1200,1600", page.as_uri())
        if not out.exists():
            print(done.stderr.decode(errors="replace"), file=sys.stderr)
            return 1
        print(out)
        if args.pdf:
            pdf = Path(args.pdf).resolve()
            chromium(exe, profile, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
            print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
