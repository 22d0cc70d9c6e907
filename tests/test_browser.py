"""The HTML redline in a real browser: headless Chromium renders the page (the DOM it builds has
every change and note the JSON redline reports) and prints it to PDF."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conformed import api

from .conftest import AGREEMENT, AMENDMENT, SIDE_LETTER

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((path for name in BROWSERS if (path := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium on PATH (chromium, chromium-browser or "
                                                        "google-chrome): the browser tests need one")
TIMEOUT = 120


def chromium(profile, *args: str) -> subprocess.CompletedProcess:
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    path = tmp / "redline.html"
    path.write_text(api.redline(AGREEMENT, [AMENDMENT, SIDE_LETTER], fmt="html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reported():
    return json.loads(api.redline(AGREEMENT, [AMENDMENT, SIDE_LETTER], fmt="json"))["changes"]


def test_the_rendered_dom_has_every_change_and_note(page, reported, tmp_path):
    done = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    dom = done.stdout.decode("utf-8", errors="replace")
    assert done.returncode == 0 and "</html>" in dom, done.stderr.decode(errors="replace")[-2000:]
    deletions = sum(1 for c in reported if c["kind"] == "delete")
    insertions = sum(1 for c in reported if c["kind"] == "insert")
    assert deletions and insertions
    assert dom.count('<del class="c"') == deletions
    assert dom.count('<ins class="c"') == insertions
    notes = re.findall(r'<li id="n(\d+)"', dom)
    assert len(notes) == len(reported)
    for change, n in zip(reported, notes):  # note n names the amendment and instruction of change n
        note = re.search(rf'<li id="n{n}".*?</li>', dom, re.S).group(0)
        assert change["amendment"] in note and f"§{change['instruction']}" in note


@pytest.mark.parametrize("paper", ["default", "a4", "letter"])
def test_the_page_prints_to_pdf(page, tmp_path, paper):
    source = page
    if paper != "default":  # the page says size: auto; a user agent on A4 or Letter paper
        html = page.read_text(encoding="utf-8").replace("@page { size: auto;", f"@page {{ size: {paper};")
        source = tmp_path / f"redline-{paper}.html"
        source.write_text(html, encoding="utf-8")
    pdf = tmp_path / "redline.pdf"
    done = chromium(tmp_path / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", source.as_uri())
    assert pdf.exists(), done.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 3
    if paper != "default":
        width = {"a4": 595, "letter": 612}[paper]
        box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
        assert box and abs(float(box.group(1)) - width) < 2
