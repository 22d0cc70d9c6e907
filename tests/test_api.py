"""The Python API other programs import."""
from __future__ import annotations

import importlib
import json
import pkgutil

import conformed
from conformed.document import Document

from .conftest import AGREEMENT, AMENDMENT, FIXTURES, SIDE_LETTER


def test_the_five_functions_are_importable_from_the_package():
    # Importing a submodule binds its name on the package: none may shadow an API function.
    for module in pkgutil.walk_packages(conformed.__path__, "conformed."):
        importlib.import_module(module.name)
    for name in ("consolidate", "redline", "validate", "parse", "compare"):
        assert callable(getattr(conformed, name)), name


def test_consolidate_takes_paths_or_documents():
    from_paths = conformed.consolidate(AGREEMENT, [AMENDMENT])
    from_docs = conformed.consolidate(Document.from_text(AGREEMENT.read_text(), "base"),
                                      [Document.from_text(AMENDMENT.read_text(), "amendment")])
    assert from_paths.text == from_docs.text == (FIXTURES / "seed" / "conformed.txt").read_text()


def test_validate_report():
    report = conformed.validate(AGREEMENT, [AMENDMENT, SIDE_LETTER])
    assert [s.status for s in report.statuses] == ["applies"] * 5
    assert not report.amendments[1].textual


def test_parse_result():
    amendment = conformed.parse(AMENDMENT)
    assert [i.id for i in amendment.instructions] == ["1", "2", "3(a)", "3(b)", "3(c)"]
    assert amendment.instructions[2].edits[0].anchor.words.text == "Required Holders"


def test_redline_json_has_provenance_and_offsets():
    data = json.loads(conformed.redline(AGREEMENT, [AMENDMENT], fmt="json"))
    inserted = [c for c in data["changes"] if c["kind"] == "insert"]
    assert inserted and all(c["amendment"] and c["instruction"] and c["instruction_place"] for c in inserted)
    conformed_text = (FIXTURES / "seed" / "conformed.txt").read_text()
    for c in inserted:
        assert conformed_text[c["conformed"]["start"]:c["conformed"]["end"]] == c["text"]
    base_text = AGREEMENT.read_text()
    for c in data["changes"]:
        if c["kind"] == "delete":
            assert base_text[c["base"]["start"]:c["base"]["end"]] == c["text"]
