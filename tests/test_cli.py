"""The command line, through click's runner: every command, its exit status and its errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conformed.cli import main

from .conftest import AGREEMENT, AMENDMENT, FIXTURES, SIDE_LETTER


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    return invoke


def test_consolidate_to_stdout_and_to_a_file(run, tmp_path):
    golden = (FIXTURES / "seed" / "conformed.txt").read_text()
    result = run("consolidate", AGREEMENT, AMENDMENT)
    assert result.exit_code == 0
    # The file keeps the base's line layout: the words are the conformed text's, and the one
    # changed paragraph (Section 13.4) is re-wrapped to the base's width instead of running long.
    assert result.stdout.split() == golden.split()
    widest = max(len(line) for line in AGREEMENT.read_text().splitlines())
    assert max(len(line) for line in result.stdout.splitlines()) <= widest
    assert result.stdout != golden
    out = tmp_path / "conformed.txt"
    result = run("consolidate", AGREEMENT, AMENDMENT, "-o", out)
    assert result.exit_code == 0 and out.read_text() == run("consolidate", AGREEMENT, AMENDMENT).stdout


def test_consolidate_lists_what_does_not_apply_and_exits_1(run, tmp_path):
    bad = tmp_path / "amendment.txt"
    bad.write_text("Section 1. AMENDMENT. Section 13.4 of the Agreement is hereby amended by deleting the words "
                   '"Majority Lenders".\n\nSection 2. Section 8.3 of the Agreement is hereby amended by deleting the '
                   'words "(b) the aggregate principal amount".\n')
    out = tmp_path / "out.txt"
    result = run("consolidate", AGREEMENT, bad, "-o", out)
    assert result.exit_code == 1
    (line,) = [ln for ln in result.stderr.splitlines() if "text_not_found" in ln]
    assert line.startswith(f"{bad}:1:") and "§1" in line and "Majority Lenders" in line
    assert "(b) the aggregate" not in out.read_text().replace("\n", " ")  # the instruction that applies is applied


def test_strict_writes_nothing_when_anything_fails(run, tmp_path):
    bad = tmp_path / "amendment.txt"
    bad.write_text('Section 13.4 of the Agreement is hereby amended by deleting the words "Majority Lenders".\n')
    out = tmp_path / "out.txt"
    result = run("consolidate", AGREEMENT, bad, "-o", out, "--strict")
    assert result.exit_code == 1 and not out.exists()
    assert list(tmp_path.iterdir()) == [bad]  # no temporary file left behind either


def test_output_over_an_input_is_refused(run):
    result = run("consolidate", AGREEMENT, AMENDMENT, "-o", AGREEMENT)
    assert result.exit_code == 2 and "overwrite an input" in result.stderr


def test_validate_text_and_json(run):
    result = run("validate", AGREEMENT, AMENDMENT, SIDE_LETTER)
    assert result.exit_code == 0
    assert any(line.split()[:2] == ["§3(a)", "applies"] for line in result.stdout.splitlines())
    assert "before the agreement it amends" in result.stdout
    assert "no textual amendment" in result.stdout
    data = json.loads(run("validate", AGREEMENT, AMENDMENT, "--format", "json").stdout)
    statuses = [i["status"] for i in data["amendments"][0]["instructions"]]
    assert statuses == ["applies"] * 5


def test_validate_exits_1_when_an_instruction_does_not_apply(run, tmp_path):
    bad = tmp_path / "amendment.txt"
    bad.write_text('Section 99 of the Agreement is hereby deleted in its entirety.\n')
    result = run("validate", AGREEMENT, bad)
    assert result.exit_code == 1 and "TARGET_NOT_FOUND" in result.stdout


@pytest.mark.parametrize("fmt,marker", [("html", "<del class=\"c\""), ("markdown", "~~"), ("ansi", "{+"),
                                        ("unified", "{+"), ("json", '"kind": "insert"')])
def test_redline_formats(run, fmt, marker):
    result = run("redline", AGREEMENT, AMENDMENT, "--format", fmt)
    assert result.exit_code == 0 and marker in result.stdout


def test_parse_json_and_explain(run):
    data = json.loads(run("parse", AMENDMENT, "--format", "json").stdout)
    assert {"id", "action", "target", "text", "new_text", "position", "occurrence", "qualifiers", "line",
            "column"} <= set(data[0])
    explained = run("parse", AMENDMENT, "--explain").stdout
    assert "how it was read" in explained and "[3(a)] line 70:25-" in explained


def test_parse_of_the_side_letter_says_there_is_nothing_to_change(run):
    result = run("parse", SIDE_LETTER)
    assert result.exit_code == 0 and "no textual amendment" in result.stdout


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"%PDF-1.4\n"])
def test_bad_inputs_give_one_line_and_exit_2(run, tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    for args in (("parse", path), ("consolidate", AGREEMENT, path), ("validate", path, AMENDMENT)):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr and "Traceback" not in result.stderr


def test_missing_file(run, tmp_path):
    result = run("consolidate", tmp_path / "nope.txt", AMENDMENT)
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_every_command_has_help_with_an_example(run):
    for command in ("consolidate", "redline", "validate", "parse"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout and "conformed " + command in result.stdout


def test_an_internal_error_is_one_line_with_exit_3_and_the_traceback_on_request(run, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("segment index out of range")
    monkeypatch.setattr("conformed.api.consolidate", broken)
    done = run("consolidate", AGREEMENT, AMENDMENT)
    assert done.exit_code == 3
    assert done.stderr == ("conformed: internal error: RuntimeError: segment index out of range; please report it "
                           "with the inputs (CONFORMED_DEBUG=1 shows the traceback)\n")
    monkeypatch.setenv("CONFORMED_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run("consolidate", AGREEMENT, AMENDMENT)
