"""validate never reports success when anything did not apply: one case for every kind of error the
engine emits, each checked for exit status 1 and for a summary whose count equals the failing
statuses listed, in text and in JSON."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from conformed.cli import main

from .conftest import AGREEMENT

S134 = "Section 13.4 of the Agreement is hereby amended by "
CASES = {
    "not_understood": S134 + "frobnicating the whatsit sideways.",
    "target_not_found": 'Section 99.9 of the Agreement is hereby amended by deleting the words "Required".',
    "text_not_found": S134 + 'deleting the words "purple elephant".',
    "ambiguous_text": S134 + 'deleting the words "Required Holders".',
    "qualifier_not_met": S134 + 'deleting the words "Required Holders" in the first line thereof.',
    "missing_payload": "Section 13.4 of the Agreement is hereby amended and restated in its entirety to read as "
                       "follows:\n\n     \"\n",
    "conflict": "Section 1. " + S134 + 'deleting the words "signed by the Required Holders".\n\nSection 2. ' + S134
                + 'deleting the words "the Required Holders; PROVIDED".',
    "unsupported": 'Section 1 of the Agreement is hereby amended by adding the following new definition in proper '
                   'alphabetical order:\n\n     "Notes" means the notes.\n',
    "ambiguous_target": 'Section 2 of the Agreement is hereby amended by deleting the words "Closing".',
}
APPLIES = S134 + 'deleting the words "PROVIDED, HOWEVER, that".'


def _validate(tmp_path, text: str, fmt: str):
    amendment = tmp_path / "amendment.txt"
    amendment.write_text(text + "\n")
    return CliRunner().invoke(main, ["validate", str(AGREEMENT), str(amendment), "--format", fmt],
                              catch_exceptions=False)


@pytest.mark.parametrize("kind", sorted(CASES))
@pytest.mark.parametrize("with_one_that_applies", [False, True])
def test_validate_counts_every_failure(tmp_path, kind, with_one_that_applies):
    text = CASES[kind]
    if with_one_that_applies:
        text = f"Section 1. {APPLIES}\n\nSection 2. " + text.replace("Section 1. ", "Section 3. ").replace(
            "\n\nSection 2. ", "\n\nSection 4. ")
    result = _validate(tmp_path, text, "text")
    assert result.exit_code == 1, result.stdout
    lines = result.stdout.splitlines()
    failing = [ln for ln in lines if re.match(r"  §\S+\s+[A-Z_]+\s", ln)]
    applying = [ln for ln in lines if re.match(r"  §\S+\s+applies\s", ln)]
    summary = lines[-1]
    m = re.fullmatch(r"(\d+) instruction\(s\): (\d+) apply, (\d+) do not \((.+)\)", summary)
    assert m, summary
    total, ok, bad = map(int, m.groups()[:3])
    assert bad == len(failing) >= 1 and ok == len(applying) and total == ok + bad
    assert kind.replace("_", " ") in m.group(4) or kind == "ambiguous_target" and "ambiguous" in m.group(4), \
        (kind, summary, failing)

    data = json.loads(_validate(tmp_path, text, "json").stdout)
    statuses = [s["status"] for a in data["amendments"] for s in a["instructions"]]
    assert sum(n for k, n in data["summary"].items() if k != "applies") == sum(s != "applies" for s in statuses)
    assert sum(s != "applies" for s in statuses) == bad
    assert kind in statuses or kind == "ambiguous_target", statuses


def test_every_error_kind_has_a_case():
    """The kinds the engine can give (errors.py's classes) each have a case above, or are known not
    to arise from an instruction (input and resolve are roots)."""
    from conformed import errors
    kinds = {cls.kind for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.ConformedError)}
    assert kinds - set(CASES) <= {"error", "input", "resolve"}
