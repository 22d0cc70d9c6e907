"""Reading amendments in a worker process gives exactly what reading them here gives."""
from __future__ import annotations

import threading

import pytest

from conformed import api, parallel
from conformed.reader import read

from .conftest import AGREEMENT, AMENDMENT, PAIRS, SIDE_LETTER


def _fingerprint(result) -> tuple:
    changes = [(c.start, c.end, c.new, c.action, c.provenance) for s in result.steps for c in s.changes]
    return result.text, changes, [d.line() for d in result.diagnostics]


@pytest.mark.parametrize("base, amendments", [
    (AGREEMENT, [AMENDMENT, SIDE_LETTER]),
    (PAIRS / "aron-calumet-isda" / "base.txt", [PAIRS / "aron-calumet-isda" / "amendment.txt"]),
])
def test_a_worker_reads_the_same_instructions(base, amendments):
    here = api.consolidate(base, amendments, workers=0)
    in_worker = api.consolidate(base, amendments, workers=1)
    assert _fingerprint(in_worker) == _fingerprint(here)
    assert [len(s.amendment.instructions) for s in in_worker.steps] == [len(s.amendment.instructions) for s in here.steps]


def test_small_inputs_and_threaded_callers_stay_in_one_process():
    base = read(AGREEMENT)
    assert parallel._workers(base, [read(AMENDMENT)], None) == 0  # 40 KB: a worker would cost more
    assert parallel._workers(base, [read(AMENDMENT)], 0) == 0
    assert parallel._workers(base, [read(AMENDMENT)], 4) == 1  # never more workers than amendments
    gate = threading.Event()
    other = threading.Thread(target=gate.wait)
    other.start()
    try:
        assert parallel._workers(base, [read(AMENDMENT)], 4) == 0  # forking a threaded process is unsafe
    finally:
        gate.set()
        other.join()
