"""Properties under random and mutated input (hypothesis): the engine either refuses an input with a
ConformedError or carries it through parse -> consolidate -> report -> every redline, and the redline
never loses or duplicates a character of the base or of the conformed text.

The cases come from tests/fuzzgen.py (shared with the long run in bench/fuzz.py). The budget is
small for CI; CONFORMED_FUZZ_EXAMPLES=5000 runs more.
"""
from __future__ import annotations

import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conformed import api, errors  # noqa: E402
from conformed.document import Document  # noqa: E402

from . import fuzzgen  # noqa: E402

EXAMPLES = int(os.environ.get("CONFORMED_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("CONFORMED_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def base() -> Document:
    return Document.from_text(fuzzgen.agreement_text(), "base.txt")


_base_cache: dict[str, Document] = {}


def _base() -> Document:
    if "doc" not in _base_cache:
        _base_cache["doc"] = Document.from_text(fuzzgen.agreement_text(), "base.txt")
    return _base_cache["doc"]


@FUZZ
@given(st.randoms(use_true_random=False))
def test_mutated_amendments_never_crash_nor_lose_text(rng):
    fuzzgen.check("", fuzzgen.amendment_case(rng), base_doc=_base(), render=rng.random() < 0.3)


@FUZZ
@given(st.randoms(use_true_random=False))
def test_instructions_from_the_grammars_pieces(rng):
    fuzzgen.check("", fuzzgen.random_instruction(rng), base_doc=_base(), render=False)


@settings(FUZZ, max_examples=max(5, EXAMPLES // 6))
@given(st.randoms(use_true_random=False))
def test_mutated_agreements(rng):
    fuzzgen.check(fuzzgen.agreement_case(rng), fuzzgen.amendment_text(), render=rng.random() < 0.5)


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text_as_an_amendment(text):
    if not text.strip():
        with pytest.raises(errors.InputError):
            Document.from_text(text, "amendment.txt")
        return
    fuzzgen.check("", text, base_doc=_base(), render=False)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 3))
@given(st.sampled_from(fuzzgen.corpus_instructions()), st.randoms(use_true_random=False))
def test_corpus_instructions_mutated(instruction, rng):
    fuzzgen.check("", fuzzgen.mutate_text(rng, instruction), base_doc=_base(), render=False)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 3))
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_read_or_refused(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "input.txt"
    path.write_bytes(data)
    try:
        api.parse(path)
    except errors.ConformedError as exc:
        assert str(exc).startswith(str(path))


def test_the_unamended_seed_passes_the_check(base):
    outcome = fuzzgen.check("", fuzzgen.amendment_text(), base_doc=base)
    assert not outcome.refused and outcome.changes > 0


def test_the_check_catches_a_lost_character(base, monkeypatch):
    """The property is not vacuous: a redline that drops a character of the base fails it."""
    from conformed import runs as runs_mod
    real = runs_mod.runs

    def lossy(trace):
        out = real(trace)
        first = out[0]
        out[0] = runs_mod.Run(first.kind, first.text[1:], first.by, (first.base[0] + 1, first.base[1]),
                              first.conformed)
        return out
    monkeypatch.setattr(runs_mod, "runs", lossy)
    with pytest.raises(AssertionError):
        fuzzgen.check("", fuzzgen.amendment_text(), base_doc=base, render=False)
