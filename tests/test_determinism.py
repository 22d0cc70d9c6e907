"""The same inputs give the same bytes: every command and output format is run in two processes
with different string-hash seeds (set and dict order, hash-based choices) and the outputs compared
byte for byte, with the exit status and standard error; a .docx is compared as the bytes of the
zip (its entries carry a fixed date, not the time of writing)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import AGREEMENT, AMENDMENT, FIXTURES, SIDE_LETTER

SEEDS = ("0", "12345")
SAMPLE = (str(AGREEMENT), str(AMENDMENT), str(SIDE_LETTER))
DEAL = (str(FIXTURES / "deal" / "conformed.toml"),)

# (name, arguments before the inputs, arguments after them, output file or None for standard output)
COMMANDS = [
    ("consolidate txt", ["consolidate"], [], None),
    ("consolidate docx", ["consolidate"], ["-o", "out.docx"], "out.docx"),
    ("consolidate htm", ["consolidate"], ["-o", "out.htm"], "out.htm"),
    ("redline html", ["redline"], ["--format", "html"], None),
    ("redline json", ["redline"], ["--format", "json"], None),
    ("redline markdown", ["redline"], ["--format", "markdown"], None),
    ("redline unified", ["redline"], ["--format", "unified"], None),
    ("redline ansi", ["redline"], ["--format", "ansi", "--color", "always"], None),
    ("redline docx", ["redline"], ["-o", "out.docx"], "out.docx"),
    ("validate json", ["validate"], ["--format", "json"], None),
    ("blame words", ["blame"], ["--words"], None),
    ("history", ["history", "{target}"], [], None),
]
INPUTS = {"sample": (SAMPLE, "Section 13.4"), "deal": (DEAL, "Section 6.01")}
CASES = [(inputs, *command) for inputs in INPUTS for command in COMMANDS]


def _run(seed: str, folder: Path, args: list[str], output: str | None) -> tuple[int, bytes, bytes, bytes | None]:
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONHASHSEED=seed)
    env.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "conformed", *args], cwd=folder, env=env,
                          capture_output=True, timeout=120)
    data = (folder / output).read_bytes() if output and (folder / output).exists() else None
    return done.returncode, done.stdout, done.stderr, data


@pytest.mark.parametrize("inputs,name,before,after,output", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_two_hash_seeds_give_the_same_bytes(tmp_path, inputs, name, before, after, output):
    paths, target = INPUTS[inputs]
    args = [a.format(target=target) for a in before] + list(paths) + after
    with ThreadPoolExecutor(len(SEEDS)) as pool:
        runs = list(pool.map(lambda seed: _run(seed, tmp_path / seed, args, output), SEEDS))
    (status, out, err, data), (status2, out2, err2, data2) = runs
    assert status in (0, 1), f"{name} on the {inputs}: exit {status}: {err.decode(errors='replace')}"
    if output:
        assert data, f"{name} on the {inputs} wrote no {output}"
    assert (status, err) == (status2, err2), f"{name} on the {inputs}: status or standard error differs"
    assert out == out2, f"{name} on the {inputs}: standard output differs with PYTHONHASHSEED {SEEDS}"
    assert data == data2, f"{name} on the {inputs}: {output} differs with PYTHONHASHSEED {SEEDS}"
    if output and output.endswith(".docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            dates = {info.date_time for info in archive.infolist()}
        assert dates == {(1980, 1, 1, 0, 0, 0)}, f"{name}: zip entries dated {sorted(dates)}"


def test_a_docx_written_later_is_the_same(tmp_path):
    """The zip's dates do not follow the clock: two writes far apart (faked) give the same bytes."""
    import time
    from unittest import mock

    from conformed import api
    from conformed.document import Document
    base = Document.from_text(AGREEMENT.read_text(encoding="utf-8"), "base.txt")
    amendment = Document.from_text(AMENDMENT.read_text(encoding="utf-8"), "amendment.txt")
    result = api.consolidate(base, [amendment], workers=0)
    first = (api.conformed_copy(result, "docx"), api.render_redline(result, "docx"))
    later = time.time() + 86_400 * 400
    with mock.patch("time.time", return_value=later), mock.patch("time.localtime",
                                                                  return_value=time.localtime(later)):
        second = (api.conformed_copy(result, "docx"), api.render_redline(result, "docx"))
    assert first == second


def test_a_word_base_without_core_properties_gets_fixed_dates(tmp_path):
    """python-docx dates the core properties it makes up for a file without them with the current
    time; the writer puts a fixed date there instead."""
    import docx

    from conformed.formats.docx import ooxml
    doc = docx.Document()
    package = doc.part.package
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    rel = next(r for r in package.rels.values() if r.reltype == RT.CORE_PROPERTIES)
    package.rels.pop(rel.rId)
    ooxml.core_properties(doc).title = "Redline"
    with zipfile.ZipFile(io.BytesIO(ooxml.save(doc))) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "1980-01-01T00:00:00Z" in core and "Redline" in core
