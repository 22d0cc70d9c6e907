"""Bad input and bad situations, through the command line: for each, the exit status (0 works, 1
instructions that do not apply, 2 usage or input error), one line on standard error naming the file
(and the line and column where there is one), no traceback, and no output file left behind.

docs/errors.md is the catalogue of these cases with the message each one gives; it is written from
real runs by ``python -m tests.test_errors`` and a test checks that it quotes every message.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from conformed import reader
from conformed.cli import main

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "agreements" / "ibasis-securities-exchange-agreement-2003.txt"
AMENDMENT = ROOT / "amendments" / "003_ad63d64e2e645ace.txt"
CATALOGUE = ROOT / "docs" / "errors.md"

OK, NOT_APPLIED, ERROR = 0, 1, 2


@dataclass
class Case:
    group: str
    title: str
    status: int
    make: Callable[[Path], list[str]]  # writes the files into the folder, returns the arguments
    names: str = ""  # the file the message must name ("" = no file: a usage error)
    place: bool = False  # the message gives a line (and column)
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    expect: str = ""  # a piece the message must hold
    note: str = ""


CASES: list[Case] = []


def case(group: str, title: str, status: int, names: str = "", place: bool = False, patch=None, expect: str = "",
         note: str = ""):
    def register(make):
        CASES.append(Case(group, title, status, make, names, place, patch, expect, note))
        return make
    return register


# ------------------------------------------------------------------------------ helpers
def agreement() -> str:
    return AGREEMENT.read_text(encoding="utf-8")


def amendment() -> str:
    return AMENDMENT.read_text(encoding="utf-8")


def put(folder: Path, name: str, data: str | bytes) -> str:
    (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return name


def seed(folder: Path) -> tuple[str, str]:
    return put(folder, "base.txt", agreement()), put(folder, "amendment.txt", amendment())


def consolidate(folder: Path, base: str, *amendments: str, strict: bool = False) -> list[str]:
    return ["consolidate", base, *amendments, "-o", "out.txt"] + (["--strict"] if strict else [])


def instruction(folder: Path, text: str) -> list[str]:
    """The agreement and a one-instruction amendment, consolidated strictly (nothing is written)."""
    base = put(folder, "base.txt", agreement())
    return consolidate(folder, base, put(folder, "amendment.txt", text + "\n"), strict=True)


def _curly(text: str) -> str:
    """Straight double quotes made curly as a word processor does: opening after a space or an
    opening bracket, closing elsewhere."""
    return re.sub(r'(^|[\s(\[])"', "\\1\u201c", text, flags=re.M).replace('"', "\u201d")


_S134 = "Section 13.4 of the Agreement is hereby amended by "

# ------------------------------------------------------------------------------ the files themselves
case("file", "the file does not exist", ERROR, "missing.txt", expect="no such file")(
    lambda d: consolidate(d, "missing.txt", put(d, "amendment.txt", amendment())))
case("file", "a directory instead of a file", ERROR, "folder", expect="directory")(
    lambda d: (d.joinpath("folder").mkdir(), consolidate(d, "folder", put(d, "amendment.txt", amendment())))[1])


def _deny(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, for whom chmod 000 changes nothing: refuse the read itself."""
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)


case("file", "a file that cannot be read (permissions)", ERROR, "secret.txt", patch=_deny, expect="permission denied")(
    lambda d: consolidate(d, put(d, "secret.txt", agreement()), put(d, "amendment.txt", amendment())))
case("file", "an empty file", ERROR, "empty.txt", expect="empty")(
    lambda d: consolidate(d, put(d, "empty.txt", b""), put(d, "amendment.txt", amendment())))
case("file", "a file of white space only", ERROR, "blank.txt", expect="white space")(
    lambda d: consolidate(d, put(d, "blank.txt", "  \n\t\n\r\n   \n"), put(d, "amendment.txt", amendment())))
case("file", "binary data", ERROR, "data.txt", place=True, expect="binary")(
    lambda d: consolidate(d, put(d, "data.txt", b"Section 1.\nabc\x00\x01\x02\xff\xfe" * 50),
                          put(d, "amendment.txt", amendment())))
case("file", "NUL bytes in a text file", ERROR, "nul.txt", place=True, expect="NUL")(
    lambda d: consolidate(d, put(d, "nul.txt", agreement().replace("13.4 AMENDMENTS", "13.4 AMEND\x00MENTS")),
                          put(d, "amendment.txt", amendment())))
case("file", "a PDF renamed .txt", ERROR, "agreement.txt", expect="PDF")(
    lambda d: consolidate(d, put(d, "agreement.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
                          put(d, "amendment.txt", amendment())))
case("file", "a PNG image renamed .txt", ERROR, "scan.txt", expect="PNG")(
    lambda d: consolidate(d, put(d, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
                          put(d, "amendment.txt", amendment())))
case("file", "a JPEG image renamed .txt", ERROR, "scan.txt", expect="JPEG")(
    lambda d: consolidate(d, put(d, "scan.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)),
                          put(d, "amendment.txt", amendment())))
case("file", "an old Word .doc renamed .txt", ERROR, "agreement.txt", expect=".doc")(
    lambda d: consolidate(d, put(d, "agreement.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
                          put(d, "amendment.txt", amendment())))
case("file", "an RTF file renamed .txt", ERROR, "agreement.txt", expect="RTF")(
    lambda d: consolidate(d, put(d, "agreement.txt", "{\\rtf1\\ansi Section 1. Hello}"),
                          put(d, "amendment.txt", amendment())))
case("file", "a file type that is not read (.pdf)", ERROR, "agreement.pdf", expect="unsupported file type")(
    lambda d: consolidate(d, put(d, "agreement.pdf", agreement()), put(d, "amendment.txt", amendment())))


def _sparse(d: Path) -> list[str]:
    with open(d / "huge.txt", "wb") as handle:
        handle.truncate(100 * 2**20)  # 100 MB, sparse: nothing is written, and nothing may be read
    return consolidate(d, "huge.txt", put(d, "amendment.txt", amendment()))


case("file", "a 100 MB file (refused by its size, before reading)", ERROR, "huge.txt", expect="MB")(_sparse)
case("file", "a file that claims UTF-16 (BOM) but is cut in the middle of a character", ERROR, "odd.txt",
     expect="utf-16")(
    lambda d: consolidate(d, put(d, "odd.txt", "\ufeffSection 1. Words.".encode("utf-16-le") + b"\x00\xd8"),
                          put(d, "amendment.txt", amendment())))

# ------------------------------------------------------------------------------ encodings that work
case("encoding", "UTF-16 with a BOM", OK)(
    lambda d: ["validate", put(d, "base.txt", agreement().encode("utf-16")), put(d, "amendment.txt", amendment())])
case("encoding", "UTF-16 little-endian without a BOM", OK)(
    lambda d: ["validate", put(d, "base.txt", agreement().encode("utf-16-le")), put(d, "amendment.txt", amendment())])
case("encoding", "UTF-16 big-endian without a BOM (the amendment)", OK)(
    lambda d: ["validate", put(d, "base.txt", agreement()), put(d, "amendment.txt", amendment().encode("utf-16-be"))])
case("encoding", "UTF-8 with a BOM", OK)(
    lambda d: ["validate", put(d, "base.txt", agreement().encode("utf-8-sig")), put(d, "amendment.txt", amendment())])
case("encoding", "Latin-1", OK)(
    lambda d: ["validate", put(d, "base.txt", agreement().replace("Agreement", "Agreement\u00a0").encode("latin-1")),
               put(d, "amendment.txt", amendment())])
case("encoding", "Windows-1252 with curly quotes", OK)(
    lambda d: ["validate", put(d, "base.txt", agreement()),
               put(d, "amendment.txt", _curly(amendment()).encode("cp1252"))])
case("encoding", "mixed line endings (CRLF, LF and CR in one file)", OK)(
    lambda d: ["validate", put(d, "base.txt", "".join(line + ("\r\n", "\n", "\n", "\r\n")[i % 4]
                                                      for i, line in enumerate(agreement().split("\n")))),
               put(d, "amendment.txt", amendment().replace("\n", "\r\n"))])
case("encoding", "one line of 1 MB with no line break", NOT_APPLIED, "amendment.txt", place=True,
     note="read in well under a second; the seed's instructions find no Section 13.4 in it")(
    lambda d: consolidate(d, put(d, "long.txt", ("word " * 200_000).strip()), put(d, "amendment.txt", amendment()),
                          strict=True))

# ------------------------------------------------------------------------------ instructions
case("instruction", "an instruction whose quotation is never closed", NOT_APPLIED, "amendment.txt", place=True,
     expect="never closed")(lambda d: instruction(d, _S134 + 'deleting the words "Required Holders in the fourth line.'))
case("instruction", "unbalanced quotes (one opened, two closed)", NOT_APPLIED, "amendment.txt", place=True)(
    lambda d: instruction(d, _S134 + 'deleting the words "Required" Holders" in the fourth line.'))
case("instruction", "new text (a payload) whose quotation is never closed", OK,
     note="the lost closing quote is a common slip in filings: the paragraph is taken as the payload")(
    lambda d: ["validate", put(d, "base.txt", agreement()), put(d, "amendment.txt", _S134.replace(
        "amended by ", "amended and restated in its entirety to read as follows:\n\n     \"13.4 AMENDMENTS. This "
                       "Agreement may be amended only in writing.\n"))])
case("instruction", "a new-text payload that is only a quotation mark", NOT_APPLIED, "amendment.txt", place=True)(
    lambda d: instruction(d, "Section 13.4 of the Agreement is hereby amended and restated in its entirety to read "
                             "as follows:\n\n     \"\n"))
case("instruction", "an instruction that does not parse", NOT_APPLIED, "amendment.txt", place=True,
     expect="not understood")(lambda d: instruction(d, _S134 + "frobnicating the whatsit sideways."))
case("instruction", "a target that does not exist", NOT_APPLIED, "amendment.txt", place=True, expect="not found")(
    lambda d: instruction(d, 'Section 99.9 of the Agreement is hereby amended by deleting the words "Required".'))
case("instruction", "words not found", NOT_APPLIED, "amendment.txt", place=True, expect="is not in")(
    lambda d: instruction(d, _S134 + 'deleting the words "purple elephant".'))
case("instruction", "words found several times", NOT_APPLIED, "amendment.txt", place=True, expect="2 times")(
    lambda d: instruction(d, _S134 + 'deleting the words "Required Holders".'))
case("instruction", "a qualifier not met (the words are not on the line named)", NOT_APPLIED, "amendment.txt",
     place=True, expect="not in line 1")(
    lambda d: instruction(d, _S134 + 'deleting the words "Required Holders" in the first line thereof.'))
case("instruction", "two instructions that change the same words", NOT_APPLIED, "amendment.txt", place=True,
     expect="conflict")(
    lambda d: instruction(d, "Section 1. " + _S134 + 'deleting the words "signed by the Required Holders".\n\n'
                             "Section 2. " + _S134 + 'deleting the words "the Required Holders; PROVIDED".'))
case("instruction", "an amendment of another agreement", NOT_APPLIED, "amendment.txt", place=True,
     note="the recital names another agreement: a warning line, then every instruction that does not apply")(
    lambda d: instruction(d, "This FIRST AMENDMENT dated as of March 3, 2004 amends the Credit Agreement dated as of "
                             "May 1, 1999 among Foo Corp. and Bar Bank.\n\nSection 1. Section 7.2 of the Credit "
                             'Agreement is hereby amended by deleting the words "Applicable Margin".'))
case("instruction", "an amendment with no instructions (a side letter)", OK,
     note="validate says: no textual amendment: this document changes no words of the agreement")(
    lambda d: ["validate", put(d, "base.txt", agreement()),
               put(d, "letter.txt", "Dear Sirs,\n\nThis letter confirms our call of last week. Please sign below.\n")])
case("instruction", "the same amendment given twice", ERROR, "copy.txt", expect="twice")(
    lambda d: consolidate(d, put(d, "base.txt", agreement()), put(d, "amendment.txt", amendment()),
                          put(d, "copy.txt", amendment())))
case("instruction", "a base and no amendment", ERROR, "base.txt", expect="no amendments")(
    lambda d: ["consolidate", put(d, "base.txt", agreement()), "-o", "out.txt"])

# ------------------------------------------------------------------------------ deal files


def deal(d: Path, text: str, files: bool = True) -> list[str]:
    if files:
        seed(d)
    return ["consolidate", put(d, "conformed.toml", text), "-o", "out.txt"]


case("deal", "a deal file naming a base that does not exist", ERROR, "conformed.toml", place=True,
     expect="does not exist")(
    lambda d: deal(d, 'base = "nowhere.txt"\n\n[[amendments]]\npath = "amendment.txt"\n'))
case("deal", "a deal file naming an amendment that does not exist", ERROR, "conformed.toml", place=True,
     expect="does not exist")(
    lambda d: deal(d, 'base = "base.txt"\n\n[[amendments]]\npath = "amendment-2.txt"\n'))
case("deal", "a deal file with a bad date", ERROR, "conformed.toml", place=True, expect="bad date")(
    lambda d: deal(d, 'base = "base.txt"\n\n[[amendments]]\npath = "amendment.txt"\ndate = "21/02/2002"\n'))
case("deal", "a deal file that is not valid TOML", ERROR, "conformed.toml", place=True, expect="not a valid deal")(
    lambda d: deal(d, 'base = "base.txt\n\n[[amendments]]\npath = "amendment.txt"\n'))
case("deal", "a deal file with an unknown key", ERROR, "conformed.toml", place=True, expect="unknown key")(
    lambda d: deal(d, 'base = "base.txt"\namendment = "amendment.txt"\n'))
case("deal", "a deal file with no amendments", ERROR, "conformed.toml", expect="no amendments")(
    lambda d: deal(d, 'base = "base.txt"\n'))
case("deal", "a deal file that is not UTF-8", ERROR, "conformed.toml", expect="UTF-8")(
    lambda d: (seed(d), ["consolidate", put(d, "conformed.toml", 'name = "Caf\xe9"\nbase = "base.txt"\n'
                                            .encode("latin-1")), "-o", "out.txt"])[1])
case("deal", "a deal file and amendments as well", ERROR, "conformed.toml", expect="not both")(
    lambda d: deal(d, 'base = "base.txt"\n\n[[amendments]]\npath = "amendment.txt"\n')[:2] + ["amendment.txt"])

# ------------------------------------------------------------------------------ options and outputs
case("usage", "an unknown --format", ERROR, expect="Invalid value for '--format'",
     note="click's usage error: a usage line and a hint come before it")(
    lambda d: ["redline", *seed(d), "--format", "pdf", "-o", "out.txt"])
case("usage", "a bad --as-of date", ERROR, "--as-of", expect="bad date")(
    lambda d: ["consolidate", *seed(d), "--as-of", "2011-13-45", "-o", "out.txt"])
case("usage", "an output path that is an input", ERROR, "amendment.txt", expect="overwrite an input")(
    lambda d: ["consolidate", *seed(d), "-o", "amendment.txt"])
case("usage", "an output folder that does not exist", ERROR, "nowhere/out.txt", expect="does not exist")(
    lambda d: ["consolidate", *seed(d), "-o", "nowhere/out.txt"])
case("usage", "an output path that is a folder", ERROR, "outdir", expect="directory")(
    lambda d: (d.joinpath("outdir").mkdir(), ["consolidate", *seed(d), "-o", "outdir"])[1])

# ------------------------------------------------------------------------------ other formats


def _docx_not_zip(d: Path) -> list[str]:
    return consolidate(d, put(d, "agreement.docx", agreement()), put(d, "amendment.txt", amendment()))


def _zip_not_docx(d: Path) -> list[str]:
    with zipfile.ZipFile(d / "agreement.docx", "w") as z:
        z.writestr("notes.txt", "not a Word document")
    return consolidate(d, "agreement.docx", put(d, "amendment.txt", amendment()))


def _html(body: str) -> str:
    return f"<html><head><script>alert('head')</script></head><body>{body}</body></html>"


def _paragraphs() -> str:
    import html
    return "".join(f"<p>{html.escape(p)}</p>" for p in agreement().split("\n\n"))


case("format", "a .docx that is not a zip", ERROR, "agreement.docx", expect="not a zip")(_docx_not_zip)
case("format", "a zip that is not a .docx", ERROR, "agreement.docx", expect="word/document.xml")(_zip_not_docx)
case("format", "HTML with scripts", OK, note="scripts are not text: the seed's instructions all apply")(
    lambda d: ["validate", put(d, "base.htm", _html("<script>document.write('x')</script>" + _paragraphs())),
               put(d, "amendment.txt", amendment())])
case("format", "deeply nested HTML (50,000 levels)", NOT_APPLIED, "amendment.txt", place=True,
     note="read without recursion; it holds no Section 13.4, so the seed's instructions do not apply")(
    lambda d: consolidate(d, put(d, "deep.htm", _html("<div>" * 50_000 + "Section 1. Words." + "</div>" * 50_000)),
                          put(d, "amendment.txt", amendment()), strict=True))

# ------------------------------------------------------------------------------ situations


def _raise(exc: BaseException, where: str = "api.consolidate"):
    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        def boom(*args, **kwargs):
            raise exc
        module, name = where.rsplit(".", 1)
        monkeypatch.setattr(f"conformed.{module}.{name}", boom)
    return patch


case("situation", "interrupted (Ctrl-C) while working", 130, patch=_raise(KeyboardInterrupt()), expect="interrupted")(
    lambda d: ["consolidate", *seed(d), "-o", "out.txt"])
case("situation", "interrupted while the output is written", 130, patch=_raise(KeyboardInterrupt(), "output.os.fsync"),
     expect="interrupted", note="the half-written temporary file is removed; the output is not created")(
    lambda d: ["consolidate", *seed(d), "-o", "out.txt"])
case("situation", "the disk fills up while the output is written", ERROR, "out.txt",
     patch=_raise(OSError(28, "No space left on device", "out.txt"), "output.os.fsync"), expect="No space")(
    lambda d: ["consolidate", *seed(d), "-o", "out.txt"])
case("situation", "out of memory", ERROR, patch=_raise(MemoryError()), expect="out of memory")(
    lambda d: ["consolidate", *seed(d), "-o", "out.txt"])
case("situation", "recursion too deep", ERROR, patch=_raise(RecursionError()), expect="nested too deeply")(
    lambda d: ["consolidate", *seed(d), "-o", "out.txt"])
case("situation", "a bug of ours (an internal error)", 3, patch=_raise(RuntimeError("segment index out of range")),
     expect="internal error", note="CONFORMED_DEBUG=1 shows the traceback")(
    lambda d: ["consolidate", *seed(d), "-o", "out.txt"])


# ------------------------------------------------------------------------------ running a case
@dataclass
class Outcome:
    status: int
    message: str  # the line a user sees: the error on stderr, or the summary when it works
    stderr: str
    stdout: str
    left: list[str] = field(default_factory=list)  # files the run left behind
    args: list[str] = field(default_factory=list)


def run(c: Case, folder: Path) -> Outcome:
    args = c.make(folder)
    before = {p.name for p in folder.rglob("*")}
    old = os.getcwd()
    os.chdir(folder)
    try:
        with pytest.MonkeyPatch.context() as mp:
            if c.patch:
                c.patch(mp)
            result = CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback
        raise AssertionError("".join(traceback.format_exception(result.exception)))
    left = sorted({p.name for p in folder.rglob("*")} - before)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    if c.status == OK:
        message = result.stdout.strip().splitlines()[-1]
    elif c.status == NOT_APPLIED:
        message = next(ln for ln in lines if " error: " in ln)
    else:
        message = lines[-1] if lines else ""
    return Outcome(result.exit_code, message, result.stderr, result.stdout, left, args)


@pytest.mark.parametrize("c", CASES, ids=[f"{c.group}: {c.title}" for c in CASES])
def test_bad_input(c: Case, tmp_path):
    got = run(c, tmp_path)
    assert got.status == c.status, (got.status, got.stderr)
    assert "Traceback" not in got.stderr + got.stdout
    assert c.expect in got.message
    errors = [ln for ln in got.stderr.splitlines() if ln.strip()]
    if c.status in (ERROR, 130):
        if c.names:  # exactly one line, naming the file
            assert len(errors) == 1 and errors[0].startswith(f"conformed: {c.names}"), errors
        elif "Usage:" not in got.stderr:
            assert len(errors) == 1 and errors[0].startswith("conformed: "), errors
        assert not got.left, got.left  # no output, no temporary file
        assert not got.stdout
    if c.status == NOT_APPLIED:
        failing = [ln for ln in errors if " error: " in ln]
        assert failing and all(ln.startswith(f"{c.names}:") for ln in failing), errors
        assert re.match(rf"{re.escape(c.names)}:\d+:\d+ §", failing[0]), failing[0]
        assert not got.left, got.left  # --strict: nothing written
    if c.place and c.status == ERROR:
        assert re.match(rf"conformed: {re.escape(c.names)}:\d+", errors[0]), errors[0]


def test_enough_classes_are_catalogued():
    assert len(CASES) >= 40


def test_the_catalogue_quotes_every_message(tmp_path):
    text = CATALOGUE.read_text(encoding="utf-8")
    missing = []
    for i, c in enumerate(CASES):
        folder = tmp_path / str(i)
        folder.mkdir()
        got = run(c, folder)
        if _cell(got.message) not in text:
            missing.append(f"{c.title}: {got.message}")
    assert not missing, "docs/errors.md is out of date (python -m tests.test_errors):\n" + "\n".join(missing)


def test_the_size_check_comes_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(reader.MAX_BYTES + 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(reader.InputError, match="refused"):
        reader.read(big)


def test_an_interrupted_write_leaves_no_part_file(tmp_path, monkeypatch):
    from conformed import output

    target = tmp_path / "out.txt"
    target.write_text("the previous version")

    class Half:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:10])
            raise KeyboardInterrupt

    real = os.fdopen
    monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: Half(real(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        output.write(str(target), b"the new version, long enough to be cut", [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert target.read_text() == "the previous version"  # untouched, not half new


def test_broken_pipe_is_quiet(tmp_path):
    """``conformed ... | head``: the reader goes away; no traceback, no complaint, exit 0."""
    big = tmp_path / "base.txt"
    big.write_text(agreement() * 40)  # more than a pipe holds
    amd = tmp_path / "amendment.txt"
    amd.write_text("Section 99 of the Agreement is hereby deleted.\n")
    proc = subprocess.Popen([sys.executable, "-c", "from conformed.cli import main; main()", "consolidate", str(big),
                             str(amd)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    status = proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert status in (0, 1), (status, err)  # 1: the instruction names no section of this base


# ------------------------------------------------------------------------------ the catalogue
def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def write_catalogue() -> None:
    rows = []
    groups = {"file": "The files themselves", "encoding": "Encodings and layouts that work",
              "instruction": "Instructions and amendments", "deal": "Deal files (conformed.toml)",
              "usage": "Options and outputs", "format": "Word and HTML", "situation": "Situations"}
    with tempfile.TemporaryDirectory() as tmp:
        current = ""
        for i, c in enumerate(CASES, 1):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            got = run(c, folder)
            if c.group != current:
                current = c.group
                rows.append(f"\n## {groups[c.group]}\n\n| # | input or situation | command | exit | what the user sees |\n"
                            "|---|---|---|---|---|")
            command = " ".join(["conformed", *got.args])
            note = f" <br>*{c.note}*" if c.note else ""
            rows.append(f"| {i} | {c.title}{note} | `{_cell(command)}` | {got.status} | `{_cell(got.message)}` |")
    head = CATALOGUE.read_text(encoding="utf-8").split("<!-- cases -->")[0]
    CATALOGUE.write_text(head + "<!-- cases -->\n" + "\n".join(rows).lstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_catalogue()
