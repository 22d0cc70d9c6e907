"""The formats lawyers open, through the command line: the conformed copy in the base's own format
or the one -o names, the redline format from -o's extension, and outputs that never clobber."""
from __future__ import annotations

import json
import re
import zipfile

import pytest
from click.testing import CliRunner

import conformed
from conformed import api
from conformed.cli import main

from .conftest import AGREEMENT, AMENDMENT, FIXTURES

DEAL = FIXTURES / "deal"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_txt_base_keeps_its_lines_and_page_marks_and_only_changed_lines_differ(tmp_path):
    out = tmp_path / "conformed.txt"
    done = run("consolidate", DEAL / "loan-agreement.txt", DEAL / "amendment-1.txt", DEAL / "amendment-2.txt",
               "-o", out)
    assert done.exit_code == 0
    base = (DEAL / "loan-agreement.txt").read_text().splitlines()
    conformed_lines = out.read_text().splitlines()
    assert len(conformed_lines) == len(base)
    changed = [(a, b) for a, b in zip(base, conformed_lines) if a != b]
    assert changed == [
        ('     "Applicable Rate" means 2.50% per annum.', '     "Applicable Rate" means 2.25% per annum.'),
        ('     "Maturity Date" means June 15, 2015.', '     "Maturity Date" means June 15, 2017.'),
        ("     not exceeding $2,000,000 at any time outstanding; and", "     not exceeding $3,500,000 at any time "
                                                                       "outstanding; and"),
        ("to be less than 1.25 to 1.00.", "to be less than 1.20 to 1.00."),
    ]
    assert "                                     -3-" in conformed_lines


@pytest.mark.parametrize("suffix, check", [
    (".docx", lambda data: data[:2] == b"PK" and "word/document.xml" in zipfile.ZipFile(_io(data)).namelist()),
    (".htm", lambda data: data.lstrip().lower().startswith(b"<!doctype html") and b"Collateral Agent" in data),
    (".md", lambda data: b"Collateral Agent" in data and not data.startswith(b"PK")),
])
def test_the_output_extension_picks_the_conformed_copy_format(tmp_path, suffix, check):
    out = tmp_path / f"conformed{suffix}"
    done = run("consolidate", AGREEMENT, AMENDMENT, "-o", out)
    assert done.exit_code == 0, done.stderr
    data = out.read_bytes()
    assert check(data)
    if suffix == ".docx":
        words = conformed.api.load(out).text.split()
        assert words == conformed.consolidate(AGREEMENT, [AMENDMENT]).text.split()


def test_format_overrides_the_extension_and_the_base_format_is_the_default():
    done = run("consolidate", AGREEMENT, AMENDMENT, "--format", "htm", "-o", "-")
    assert done.exit_code == 0 and done.stdout.startswith("<!DOCTYPE html>") and "<p>" in done.stdout
    assert run("consolidate", AGREEMENT, AMENDMENT).stdout.startswith("[RECONSTRUCTION -- not the filed text.")


@pytest.mark.parametrize("suffix, expected", [
    (".html", "<!DOCTYPE html>"), (".md", "~~"), (".json", '"changes"'), (".diff", "@@ base"), (".docx", "PK"),
])
def test_the_redline_format_follows_the_output_extension(tmp_path, suffix, expected):
    out = tmp_path / f"redline{suffix}"
    done = run("redline", AGREEMENT, AMENDMENT, "-o", out)
    assert done.exit_code == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(expected.encode()) or expected.encode() in data[:4000]
    if suffix == ".docx":
        xml = zipfile.ZipFile(_io(data)).read("word/document.xml").decode()
        assert set(re.findall(r'w:author="([^"]+)"', xml)) == {"Amendment No. 1 (2002-02-21)"}
        assert xml.count("<w:ins ") >= 5
    if suffix == ".json":
        changes = json.loads(data)["changes"]
        assert {c["instruction"] for c in changes} == {"1", "2", "3(a)", "3(b)", "3(c)"}


def test_an_output_that_is_an_input_is_refused_and_the_input_is_untouched(tmp_path):
    base = tmp_path / "agreement.txt"
    base.write_bytes(AGREEMENT.read_bytes())
    for command in ("consolidate", "redline"):
        done = run(command, base, AMENDMENT, "-o", base)
        assert done.exit_code == 2 and "would overwrite an input file" in done.stderr
        assert base.read_bytes() == AGREEMENT.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.txt"]


def test_an_output_folder_that_does_not_exist_is_one_clear_line(tmp_path):
    done = run("consolidate", AGREEMENT, AMENDMENT, "-o", tmp_path / "nowhere" / "out.txt")
    assert done.exit_code == 2 and "the output folder" in done.stderr and "does not exist" in done.stderr


def test_the_api_gives_the_conformed_copy_in_any_format():
    result = conformed.consolidate(AGREEMENT, [AMENDMENT])
    assert api.conformed_copy(result).decode("utf-8").split() == result.text.split()
    assert api.conformed_copy(result, "docx")[:2] == b"PK"


def _io(data: bytes):
    import io
    return io.BytesIO(data)
