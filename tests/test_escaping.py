"""Hostile text in an agreement and in an amendment's new text reaches every renderer as text,
never as markup or as a terminal command: HTML tags, attribute breakers, ANSI and OSC escape
sequences, a bell, markdown's marks, a javascript: link and a run of backticks.

The agreement holds the hostile text in a definition (unchanged, and partly deleted); the amendment
substitutes new words holding it, deletes a tag from the base and restates a section with it.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from xml.dom import minidom

import pytest

from conformed import api
from conformed import blame as blame_mod
from conformed import history as history_mod
from conformed.document import Document

ESC, BEL = "\x1b", "\x07"
# Inside straight quotes in the amendment: no straight quote of its own.
INLINE = ("<script>alert(1)</script> '><img src=x onerror=alert(1)> \x1b[31mRED\x1b]0;title\x07 "
          "**bold** ~~gone~~ [x](javascript:alert(1)) <b>bold</b> _under_")
FULL = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> ``` `code` ``` \x1b[31mRED\x1b]0;title\x07 '
        "**bold** ~~gone~~ [x](javascript:alert(1)) <b>bold</b> end")

BASE = f"""                                LOAN AGREEMENT

     THIS LOAN AGREEMENT dated as of June 15, 2012 (this "Agreement") is
entered into by and between HARBOR POINT LOGISTICS, INC. (the "Borrower"),
and MERIDIAN COMMERCIAL BANK, N.A. (the "Lender").

                                   ARTICLE I
                                  DEFINITIONS

     Section 1.01 Defined Terms. As used in this Agreement, the following
terms have the meanings specified below:

     "Applicable Rate" means 2.50% per annum.

     "Notice Text" means the words {FULL} as printed.

                                  ARTICLE VI
                              NEGATIVE COVENANTS

     Section 6.01 Indebtedness. The Borrower will not create any
Indebtedness, except Indebtedness created hereunder.

     Section 6.02 Fixed Charge Coverage Ratio. The Borrower will not permit
the Fixed Charge Coverage Ratio to be less than 1.25 to 1.00.
"""

AMENDMENT = f"""                    FIRST AMENDMENT TO LOAN AGREEMENT

     THIS FIRST AMENDMENT TO LOAN AGREEMENT (this "Amendment") is dated as
of March 3, 2013, by and between HARBOR POINT LOGISTICS, INC. (the
"Borrower"), and MERIDIAN COMMERCIAL BANK, N.A. (the "Lender").

     WHEREAS, the Borrower and the Lender are parties to that certain Loan
Agreement dated as of June 15, 2012 (the "Loan Agreement");

     NOW, THEREFORE, the parties agree as follows:

     1. Amendments to Loan Agreement.

          (a) The definition of "Applicable Rate" in Section 1.01 of the
     Loan Agreement is hereby amended by deleting "2.50%" and substituting
     "2.25% {INLINE}" therefor.

          (b) The definition of "Notice Text" in Section 1.01 of the Loan
     Agreement is hereby amended by deleting the words "<script>alert(1)</script>" therein.

          (c) Section 6.02 of the Loan Agreement is hereby amended and
     restated in its entirety to read as follows:

          "Section 6.02 Fixed Charge Coverage Ratio. The Borrower will not
     permit the ratio to be less than 1.50 to 1.00. {FULL}"

     2. Counterparts. This Amendment may be executed in counterparts.
"""


def _result(base: str = BASE, amendment: str = AMENDMENT):
    return api.consolidate(Document.from_text(base, "base.txt"), [Document.from_text(amendment, "amendment.txt")],
                           workers=0)


def _benign(text: str) -> str:
    return text.replace(INLINE, "plain words").replace(FULL, "plain words")


@pytest.fixture(scope="module")
def result():
    return _result()


@pytest.fixture(scope="module")
def changes(result):
    return [run for run in __import__("conformed.runs", fromlist=["runs"]).runs(result.trace) if run.kind != "equal"]


def test_the_hostile_text_is_in_the_changes(result, changes):
    """Not vacuous: every instruction applies and the hostile text is inserted, deleted and kept."""
    assert not result.errors
    inserted = "".join(r.text for r in changes if r.kind == "insert")
    deleted = "".join(r.text for r in changes if r.kind == "delete")
    assert "<script>alert(1)</script> '><img src=x onerror=alert(1)> \x1b[31mRED\x1b]0;title\x07" in inserted
    assert '"><img src=x onerror=alert(1)> ``` `code` ```' in " ".join(inserted.split())  # restated, re-wrapped
    assert "<script>alert(1)</script>" in deleted
    assert "``` `code` ``` \x1b[31mRED\x1b]0;title\x07 **bold** ~~gone~~ [x](javascript:alert(1)) <b>bold</b> end as printed" \
        in result.text  # kept from the base


def _no_raw_controls(out: str, what: str) -> None:
    assert BEL not in out, f"{what}: a raw BEL from the input reaches the output"
    assert ESC not in out, f"{what}: a raw ESC from the input reaches the output"
    assert "\x9b" not in out, f"{what}: a raw CSI from the input reaches the output"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_html_has_no_tag_from_the_input(result):
    page = api.render_redline(result, "html")
    plain = api.render_redline(_result(_benign(BASE), _benign(AMENDMENT)), "html")
    hostile, benign = _tags(page), _tags(plain)
    assert hostile.tags == benign.tags, f"tags from the input: {hostile.tags - benign.tags}"
    assert hostile.attrs == benign.attrs, f"attributes from the input: {hostile.attrs - benign.attrs}"
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "onerror=alert(1)&gt;" in page
    _no_raw_controls(page, "html")
    assert "\u241b[31mRED\u241b]0;title\u2407" in page  # shown, as control pictures


_OURS_MD = re.compile(r"\[\^\d+\]:?|~~|\*\*")  # footnote marks and the change marks the renderer writes


def test_markdown_escapes_every_mark(result):
    md = api.render_redline(result, "markdown")
    _no_raw_controls(md, "markdown")
    for raw in ("<script>", "</script>", "<img", "<b>", "[x](javascript", "~~gone~~", "**bold**", "``` `code`"):
        assert raw not in md.replace("\\" + raw[0], ""), f"markdown: {raw!r} is not escaped"
    # once the renderer's own marks are taken out, every special character is backslash-escaped
    bare = _OURS_MD.sub("", md)
    unescaped = [m.group() for m in re.finditer(r"(?<!\\)[<>`\[\]|~*_]", bare.replace("\\\\", ""))]
    assert not unescaped, f"markdown: unescaped marks {sorted(set(unescaped))}"
    assert r"\<script\>alert(1)\</script\>" in md and r"\[x\](javascript:alert(1))" in md
    assert r"\`\`\` \`code\` \`\`\`" in md and r"\~\~gone\~\~" in md


def test_ansi_without_colour_has_no_escape(result):
    out = api.render_redline(result, "ansi", False)
    _no_raw_controls(out, "ansi (no colour)")
    assert "\\x1b[31mRED\\x1b]0;title\\x07" in out  # shown, not obeyed


_OUR_SGR = {"\x1b[9;31m", "\x1b[4;34m", "\x1b[2m", "\x1b[0m"}


def _only_our_sgr(out: str, what: str) -> None:
    assert BEL not in out and "\x9b" not in out, f"{what}: a raw BEL or CSI reaches the output"
    sequences = re.findall(r"\x1b\[[0-9;]*m", out)
    assert sequences, f"{what}: no colour at all"
    assert set(sequences) <= _OUR_SGR, f"{what}: foreign sequences {set(sequences) - _OUR_SGR}"
    assert out.count(ESC) == len(sequences), f"{what}: an ESC that does not start one of our SGR sequences"


def test_ansi_with_colour_has_only_our_sgr(result):
    out = api.render_redline(result, "ansi", True)
    _only_our_sgr(out, "ansi (colour)")
    assert "\\x1b[31mRED\\x1b]0;title\\x07" in out


def test_unified_has_no_escape(result):
    out = api.render_redline(result, "unified")
    _no_raw_controls(out, "unified")
    assert "\\x1b[31mRED" in out


def test_unified_names_are_escaped():
    from conformed.render import text
    out = text.unified([], "base\x1b]0;x\x07.txt", "new\x1b[2J.txt")
    _no_raw_controls(out, "unified header")


def test_json_round_trips_the_hostile_text(result, changes):
    out = api.render_redline(result, "json")
    _no_raw_controls(out, "json")  # json escapes control characters (\u001b)
    data = json.loads(out)
    assert [c["text"] for c in data["changes"]] == [r.text for r in changes]
    inserted = "".join(c["text"] for c in data["changes"] if c["kind"] == "insert")
    assert "2.25% <script>alert(1)</script> '><img src=x onerror=alert(1)> \x1b[31mRED\x1b]0;title\x07" in inserted


def _docx_text(data: bytes) -> tuple[str, list[str]]:
    texts, parts = [], []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                raw = archive.read(name)
                parts.append(raw.decode("utf-8"))
                dom = minidom.parseString(raw)  # valid XML, or this raises
                if name == "word/document.xml":
                    for tag in ("w:t", "w:delText"):
                        texts.extend(n.firstChild.data for n in dom.getElementsByTagName(tag) if n.firstChild)
    return "".join(texts), parts


def test_docx_is_valid_xml_and_keeps_the_text(result):
    from conformed.formats.docx import clean
    text, parts = _docx_text(api.render_redline(result, "docx"))
    assert clean("<script>alert(1)</script> '><img src=x onerror=alert(1)> \x1b[31mRED\x1b]0;title\x07") in text
    assert clean('"><img src=x onerror=alert(1)> ``` `code` ``` \x1b[31mRED') in " ".join(text.split())
    document = next(p for p in parts if "<w:body" in p)
    assert "<script>" not in document and "<img" not in document
    for part in parts:
        _no_raw_controls(part, "docx")


def test_the_conformed_docx_is_valid_xml_and_keeps_the_text(result):
    from conformed.formats.docx import clean
    text, parts = _docx_text(api.conformed_copy(result, "docx"))
    assert clean("2.25% <script>alert(1)</script> '><img src=x onerror=alert(1)> \x1b[31mRED") in text
    for part in parts:
        _no_raw_controls(part, "conformed docx")


def test_blame_has_no_escape(result):
    for words in (False, True):
        out = blame_mod.text(result, words)
        _no_raw_controls(out, f"blame (words={words})")
        assert "\\x1b[31mRED" in out


@pytest.mark.parametrize("target", ["Section 6.02", "Section 1.01", "the definition of Notice Text"])
def test_history_has_no_escape(result, target):
    versions = history_mod.history(result, target)
    _no_raw_controls(history_mod.text(target, versions, False), f"history of {target}")
    _only_our_sgr(history_mod.text(target, versions, True), f"history of {target} (colour)")


def test_escaping_through_the_command_line(tmp_path):
    """The same through the CLI, files in and out: nothing the input holds reaches the terminal."""
    from click.testing import CliRunner

    from conformed.cli import main
    (tmp_path / "base.txt").write_text(BASE, encoding="utf-8")
    (tmp_path / "amendment.txt").write_text(AMENDMENT, encoding="utf-8")
    runner = CliRunner()
    base, amendment = str(tmp_path / "base.txt"), str(tmp_path / "amendment.txt")
    for args in (["redline", base, amendment, "--format", "ansi", "--color", "never"],
                 ["redline", base, amendment, "--format", "unified"], ["redline", base, amendment, "--format", "markdown"],
                 ["blame", base, amendment, "--words"], ["validate", base, amendment],
                 ["history", "Section 6.02", base, amendment, "--color", "never"]):
        done = runner.invoke(main, args)
        assert done.exit_code in (0, 1), (args, done.output)
        _no_raw_controls(done.output, " ".join(args[:2]))


def test_markdown_cleans_a_change_of_white_space_and_controls_only():
    """str.strip takes \\x1c-\\x1f for white space: a change made only of those (and an escape) is
    cleaned too, not copied as it is."""
    from conformed.render import text
    from conformed.runs import Run
    runs = [Run("equal", "a ", None, (0, 2), (0, 2)), Run("delete", "\x1c\x1b\x1d", None, (2, 5), (2, 2)),
            Run("insert", "\x1e\x1b[31mX\x1f", None, (5, 5), (2, 8)), Run("equal", " b", None, (5, 7), (8, 10))]
    out = text.markdown(runs)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", out), repr(out)
    assert r"**\[31mX**" in out
