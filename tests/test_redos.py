"""No pathological slowness: every regular expression of the engine, the grammar and the whole
pipeline against worst-case text (long runs of quotes, brackets, dots, spaces, letters, digits,
section numbers), each within a generous bound. The whole file runs in well under 20 seconds.

The patterns are collected by importing every module of the package and taking each compiled
pattern it holds at module level (or in a module-level dict, list or tuple); a new pattern is
covered without touching this file. ``match`` runs over the whole hostile text of 20,000 characters
(exponential or polynomial backtracking from one place shows at once); ``search`` over its first
1,000 characters, since a pattern the engine only uses with ``match`` or ``fullmatch`` may be
quadratic when searched from every position (the patterns the engine does search or scan with over
long text are linear: see docs/reliability.md).
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import conformed

BOUND = 2.0  # seconds per pattern for all the hostile texts together; a linear pattern takes milliseconds
N = 20_000
SEARCHED = 1_000

HOSTILE = {
    "spaces": " " * N + "x",
    "spaces and newlines": " \n" * (N // 2) + "x",
    "tabs and spaces": "\t " * (N // 2) + "!",
    "straight quotes": '"' * N,
    "curly quotes": "“" * N,
    "straight and curly quotes": '"“”' * (N // 3),
    "single quotes": "'’" * (N // 2),
    "alternating quotes": "\"'“”‘’«»`" * (N // 9),
    "quote word quote": '"a" ' * (N // 4),
    "open parens": "(" * N,
    "close parens": ")" * N + "(",
    "parens": "()" * (N // 2) + "(",
    "nested designators": "(a)(i)(A)(1)" * (N // 12),
    "dots": "." * N,
    "dots and spaces": ". " * (N // 2) + "x",
    "letters": "a" * N,
    "capitals": "A" * N + "1",
    "words": "word " * (N // 5),
    "digits": "1" * N + "x",
    "section numbers": "Section " + ".".join("1" for _ in range(N // 2)),
    "numbers and dots": "1." * (N // 2) + "a",
    "semicolons and ands": "; and " * (N // 6) + "x",
    "hyphens": "-" * N + "x",
    "underscores": "_" * N + "x",
    "pipes and stars": "|*" * (N // 2) + "x",
    "backslashes": "\\" * N + "x",
    "hashes": "#" * N + " x",
    "dollar amounts": "$1,000,000.00 " * (N // 14),
    "clause words": "clause " * (N // 7) + "x",
    "ordinals": "first second third fourth " * (N // 26),
    "page marks": "<Page>\n" * (N // 7),
    "definitions": '"Term" means ' * (N // 13),
    "WHEREAS": "WHEREAS, " * (N // 9),
    "mixed": "Section 13.4(a)(ii) \"the words\" ; and ... (" * (N // 44),
}


def _patterns() -> list[tuple[str, re.Pattern]]:
    found: dict[tuple[str, int], tuple[str, re.Pattern]] = {}
    for info in pkgutil.walk_packages(conformed.__path__, "conformed."):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # a module that cannot be imported here (an optional dependency) is skipped
            continue
        for name, value in vars(module).items():
            values = [value]
            if isinstance(value, dict):
                values = list(value.values()) + list(value.keys())
            elif isinstance(value, (list, tuple)):
                values = list(value)
            for i, item in enumerate(values):
                if isinstance(item, re.Pattern):
                    label = f"{info.name}.{name}" + (f"[{i}]" if item is not value else "")
                    found.setdefault((item.pattern, item.flags), (label, item))
    return sorted(found.values(), key=lambda x: x[0])


PATTERNS = _patterns()


def test_the_patterns_are_found():
    assert len(PATTERNS) > 50  # the engine has many; an empty list would make the test vacuous
    names = {name for name, _ in PATTERNS}
    assert "conformed.restating._RESERVED" in names and "conformed.payload._TABLE_RULE" in names


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_fast_on_hostile_text(name, pattern):
    took: dict[str, float] = {}
    for label, text in HOSTILE.items():
        if not isinstance(pattern.pattern, str):
            text = text.encode("utf-8", "replace")
        start = time.perf_counter()
        pattern.match(text)  # from the start, over the whole text: catches exponential backtracking
        pattern.search(text[:SEARCHED])  # from every position: a quadratic search shows here, bounded
        took[label] = time.perf_counter() - start
    slowest = sorted(took, key=took.get, reverse=True)[:3]
    assert sum(took.values()) < BOUND, (
        f"{name} = {pattern.pattern!r} is slow: {sum(took.values()):.2f} s in all; slowest on "
        + ", ".join(f"{label} ({took[label]:.2f} s)" for label in slowest))


# The patterns fixed, on the texts that made them slow (minutes, before), used as the engine uses
# them (a pattern only ever fullmatched is not searched here).
@pytest.mark.parametrize("module,attribute,method,text", [
    ("conformed.restating", "_RESERVED", "fullmatch", " " * N + "x"),
    ("conformed.restating", "_RESERVED", "fullmatch", "\t " * (N // 2) + "reserved" + " " * N + "x"),
    ("conformed.payload", "_TABLE_RULE", "fullmatch", "-" * N + "x"),
    ("conformed.payload", "_TABLE_RULE", "fullmatch", "- " * (N // 2) + "|x"),
    ("conformed.formats.htm_text", "_BLOCK_GAP", "finditer", " " * N + "x"),
    ("conformed.formats.htm_text", "_BLOCK_GAP", "finditer", (" " * 1000 + "\n x") * 20),
    ("conformed.lexer", "_PROVISO_START", "search", " " * N + "x"),
    ("conformed.lexer", "_PROVISO_START", "search", "; , " * (N // 4) + "x"),
])
def test_a_fixed_pattern_stays_linear(module, attribute, method, text):
    pattern = getattr(importlib.import_module(module), attribute)
    start = time.perf_counter()
    list(pattern.finditer(text)) if method == "finditer" else getattr(pattern, method)(text)
    took = time.perf_counter() - start
    assert took < 0.5, f"{module}.{attribute}.{method} took {took:.2f} s on {len(text):,} characters"


def _timed(fn, *args):
    start = time.perf_counter()
    try:
        fn(*args)
    except conformed.ConformedError:
        pass
    return time.perf_counter() - start


@pytest.mark.parametrize("label", ["spaces", "straight quotes", "alternating quotes", "open parens", "parens", "dots",
                                   "section numbers", "semicolons and ands", "mixed", "nested designators"])
def test_the_grammar_on_a_pathological_instruction(label):
    parse = importlib.import_module("conformed.parse")  # conformed.parse is also the API's function
    from conformed.errors import Place
    parse.parser()  # built (or loaded from its cache) outside the timing
    head = "Section 13.4 of the Agreement is hereby amended by deleting " + HOSTILE[label] + " therein"
    took = _timed(parse.parse_head, head, Place("amendment.txt", 1, 1))
    assert took < BOUND, f"the grammar took {took:.2f} s on {label} ({len(head):,} characters)"


def _pipeline(text: str):
    from conformed import api
    from conformed.document import Document
    base_text = "SECURITIES EXCHANGE AGREEMENT\n\n     13.4 AMENDMENTS. " + text + "\n"
    amendment_text = ("Section 13.4 of the Agreement is hereby amended by deleting the words \"" +
                      text[:2000].replace('"', "") + "\" therein.\n\n" + text + "\n")

    def run():
        base = Document.from_text(base_text, "base.txt")
        amendment = Document.from_text(amendment_text, "amendment.txt")
        api.parse(amendment)
        result = api.consolidate(base, [amendment], workers=0)
        for fmt in ("html", "markdown", "ansi", "unified", "json"):
            api.render_redline(result, fmt)
    return run


def test_the_whole_pipeline_on_hostile_text():
    """Every hostile text as a base provision and in an amendment (20,000 characters each)."""
    _timed(_pipeline("warm up"))  # the grammar is loaded once
    took = {label: _timed(_pipeline(text)) for label, text in HOSTILE.items()}
    slow = [f"{label}: {t:.2f} s" for label, t in took.items() if t > BOUND]
    assert not slow, f"the pipeline is slow on: {', '.join(slow)}"


# The texts that took 10 to 40 seconds at 100 KB before quoted words were found in linear time
# (textindex.Dense.find_all: a 2,000-character quotation matched at every place of a long run).
@pytest.mark.parametrize("label", ["dots and spaces", "dots", "open parens", "capitals", "words"])
def test_the_whole_pipeline_on_100_kb(label):
    text = (HOSTILE[label] * 5)[:100_000]
    _timed(_pipeline("warm up"))
    took = _timed(_pipeline(text))
    assert took < 2 * BOUND, f"the pipeline took {took:.2f} s on 100 KB of {label}"


def test_a_huge_file_is_refused_before_reading(tmp_path):
    from conformed import reader
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(100 * 2**20)
    start = time.perf_counter()
    with pytest.raises(reader.InputError, match="refused"):
        reader.read(big)
    assert time.perf_counter() - start < 0.5
