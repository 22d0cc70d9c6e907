"""The HTML redline: one self-contained page that escapes every byte taken from an input."""
from __future__ import annotations

import re

import pytest

from conformed import api

from .conftest import AGREEMENT, AMENDMENT, SIDE_LETTER, write

HOSTILE = ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>')

BASE = ("                          SECURITIES EXCHANGE AGREEMENT\n\n"
        "     Section 1. DEFINITIONS. The Company <script>alert(1)</script> agrees that\n"
        "\"><img src=x onerror=alert(1)> is text.\n\n"
        "     Section 2. NOTICES. All notices hereunder shall be in writing.\n")
AMENDMENT_TEXT = (
    "                               AMENDMENT NO. 1 TO\n"
    "                          SECURITIES EXCHANGE AGREEMENT\n\n"
    "     Section 1.   AMENDMENT. Section 2 of the Agreement is hereby amended by inserting the words "
    "\"<script>alert(1)</script> and <img src=x onerror=alert(1)>\" immediately after the words \"in writing\".\n\n"
    "     Section 2.   FURTHER. Section 1 of the Agreement is hereby amended by deleting the words "
    "\"<script>alert(1)</script>\".\n\n"
    "     Section 3.   OTHER. Section 2 of the Agreement is hereby amended by frobbing "
    "\"><img src=x onerror=alert(1)> in it.\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    return write(tmp, "base.txt", BASE), write(tmp, "amendment.txt", AMENDMENT_TEXT)


def test_markup_in_agreement_and_amendment_text_is_escaped(hostile):
    base, amendment = hostile
    statuses = {s.id: s.status for s in api.validate(base, [amendment]).statuses}
    assert statuses["1"] == "applies" and statuses["2"] == "applies"  # the payload reaches the redline
    page = api.redline(base, [amendment], fmt="html")
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "onerror=alert(1)&gt;" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # inside attributes (the change's title) quotes are escaped too: no attribute is broken out of
    for title in re.findall(r'title="([^"]*)"', page):
        assert "<" not in title and ">" not in title
    # the payload is an insertion, the base's script a deletion, both escaped
    assert re.search(r'<ins class="c"[^>]*>\s*&lt;script&gt;alert\(1\)&lt;/script&gt; and &lt;img', page)
    assert re.search(r'<del class="c"[^>]*>&lt;script&gt;alert\(1\)&lt;/script&gt;', page)


def test_markup_in_file_names_and_compare_is_escaped(tmp_path):
    old = write(tmp_path, "old.txt", "     Section 1. The <script>alert(1)</script> text.\n")
    new = write(tmp_path, "new.txt", '     Section 1. The "><img src=x onerror=alert(1)> text.\n')
    page = api.compare(old, new, fmt="html").lower()
    assert "<script" not in page and "<img" not in page


@pytest.fixture(scope="module")
def seed_page():
    return api.redline(AGREEMENT, [AMENDMENT, SIDE_LETTER], fmt="html")


def test_the_page_is_self_contained(seed_page):
    assert not re.search(r"(?i)\b(?:https?:|ftp:|file:)//|//[a-z0-9.-]+\.[a-z]{2,}/", seed_page)
    assert not re.search(r"(?i)<(?:script|link|img|iframe|object|embed)\b", seed_page)
    assert not re.search(r"(?i)@import|url\(", seed_page)
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', seed_page))


def test_every_link_points_to_an_anchor_on_the_page(seed_page):
    ids = set(re.findall(r'id="([^"]+)"', seed_page))
    for href in re.findall(r'href="#([^"]*)"', seed_page):
        assert href in ids


def test_changes_notes_summary_and_contents(seed_page):
    dels = re.findall(r'<del class="c" id="c(\d+)"', seed_page)
    inss = re.findall(r'<ins class="c" id="c(\d+)"', seed_page)
    notes = re.findall(r'<li id="n(\d+)"', seed_page)
    assert dels and inss and sorted(map(int, dels + inss)) == sorted(map(int, notes))
    for n in notes:  # each change links to its note, each note names the amendment and instruction
        assert f'href="#n{n}"' in seed_page
    note = re.search(r'<li id="n1".*?</li>', seed_page, re.S).group(0)
    assert "Amendment No. 1" in note and "instruction §1" in note and "deleting" in note
    summary = seed_page[seed_page.index('id="summary"'):seed_page.index('id="text"')]
    for ins in ("§1", "§2", "§3(a)", "§3(b)", "§3(c)"):
        assert f">{ins}</a>" in summary
    assert summary.count('class="status applies"') == 5
    assert "Changed provisions" in summary and "Section 13.4" in summary
    assert seed_page.count("<h1>") == 1 and "Redline: Redline" not in seed_page


def test_the_print_stylesheet(seed_page):
    css = seed_page[seed_page.index("<style>"):seed_page.index("</style>")]
    assert "@page { size: auto;" in css
    printing = css[css.index("@media print"):]
    assert "white-space: pre-wrap" in printing and "overflow-wrap: anywhere" in printing
    assert "a[href]::after { content: none" in printing
    assert "break-inside: avoid" in printing and "ol.notes li" in printing and "tr," in printing
    widths = [int(w) for w in re.findall(r"(?<![-\w])width:\s*(\d+)(?:px|mm|cm|in|pt)", css)]
    assert all(w <= 100 for w in widths)  # nothing fixed wider than a page
