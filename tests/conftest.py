"""Shared paths and helpers for the tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AGREEMENT = ROOT / "agreements" / "ibasis-securities-exchange-agreement-2003.txt"
AMENDMENT = ROOT / "amendments" / "003_ad63d64e2e645ace.txt"
SIDE_LETTER = ROOT / "amendments" / "000_3dec2a51fb914fae.txt"
PAIRS = FIXTURES / "pairs"


@pytest.fixture(scope="session")
def corpus() -> dict[str, dict]:
    items = [json.loads(line) for line in (FIXTURES / "corpus" / "instructions.jsonl").open(encoding="utf-8")]
    return {item["id"]: item for item in items}


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    items = [json.loads(line) for line in (FIXTURES / "corpus" / "gold.jsonl").open(encoding="utf-8")]
    return {item["id"]: item for item in items}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path
