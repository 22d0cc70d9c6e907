"""Bad-input generators shared by the hypothesis properties (tests/test_fuzz.py) and the long
plain-random run (bench/fuzz.py), and the one check both apply to a case.

Every generator takes a ``random.Random``: hypothesis hands one in through ``st.randoms()`` (so it
can replay and shrink a failure), the bench seeds its own (so a crash is reproducible from the
seed and case number). The raw material is real: the instructions of the corpus, the seed
amendment and the real agreement, cut and mutated the way scanned, converted and hand-edited
filings go wrong.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "agreements" / "ibasis-securities-exchange-agreement-2003.txt"
AMENDMENT = ROOT / "amendments" / "003_ad63d64e2e645ace.txt"
CORPUS = ROOT / "tests" / "fixtures" / "fuzz_corpus.txt"
GRAMMAR = ROOT / "grammar" / "amendment.lark"

QUOTES = ['"', "“", "”", "'", "‘", "’", "''", "``", "„", "«", "»"]
PAGE_MARKS = ["\n<Page>\n", "\n\f\n", "\n\n                                   12\n\n", "\n<PAGE> 7\n",
              "\n[Page Break]\n", "\n###\n", "\n                                  -3-\n"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\n     ", "\t"]
GARBAGE = ["(", ")", "((", "))", "(a)", "(iv)", "§", "§§", "...", "…", ";", ":", ",", "|", "---|---", "**", "__",
           "\\", "#", "$", "$1,000.00", "13.4", "2.01(b)", "Section", "ARTICLE VII", "WHEREAS", "EXHIBIT A",
           "\u00a0", "\u200b", "\ufeff", "\x0b", "<hr>", "«»", "Sec.", "U.S.", "No.", "Inc.", "\"\"", "“”"]


# ------------------------------------------------------------------------------ raw material
@lru_cache(maxsize=None)
def agreement_text() -> str:
    return AGREEMENT.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def amendment_text() -> str:
    return AMENDMENT.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def corpus_instructions() -> tuple[str, ...]:
    """Real instructions: an excerpt of the corpus, each after a line "%% ID CATEGORY"."""
    parts = re.split(r"^%%.*\n", CORPUS.read_text(encoding="utf-8"), flags=re.M)
    return tuple(p.strip() for p in parts[1:] if p.strip())


@lru_cache(maxsize=None)
def seed_instructions() -> tuple[str, ...]:
    """The seed amendment cut at its numbered sections ("     Section 3.   AMENDMENT TO ...")."""
    parts = re.split(r"\n(?=     Section \d+\.)", amendment_text())
    return tuple(p for p in parts[1:] if p.strip())


@lru_cache(maxsize=None)
def keywords() -> tuple[str, ...]:
    """The words the grammar quotes: the keywords the lexer can hand the parser."""
    words = set(re.findall(r'"([A-Za-z][A-Za-z-]*)"', GRAMMAR.read_text(encoding="utf-8")))
    return tuple(sorted(words))


@lru_cache(maxsize=None)
def agreement_words() -> tuple[str, ...]:
    """Words of the real agreement, so that quoted targets sometimes exist (and sometimes twice)."""
    return tuple(sorted(set(re.findall(r"[A-Za-z][A-Za-z'-]+", agreement_text()))))


# ------------------------------------------------------------------------------ mutations
_TOKENS = re.compile(r"\S+|\s+")


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


def delete_word(rng: random.Random, text: str) -> str:
    parts = _words(text)
    if parts:
        del parts[rng.randrange(len(parts))]
    return "".join(parts)


def duplicate_word(rng: random.Random, text: str) -> str:
    parts = _words(text)
    if parts:
        i = rng.randrange(len(parts))
        parts.insert(i, parts[i] + " ")
    return "".join(parts)


def swap_words(rng: random.Random, text: str) -> str:
    parts = _words(text)
    if len(parts) > 2:
        i = rng.randrange(len(parts) - 2)
        parts[i], parts[i + 2] = parts[i + 2], parts[i]
    return "".join(parts)


def drop_quote(rng: random.Random, text: str) -> str:
    spots = [m.start() for m in re.finditer(r"[\"“”'‘’]", text)]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + text[i + 1:]


def add_quote(rng: random.Random, text: str) -> str:
    return insert_at(rng, text, rng.choice(QUOTES))


def swap_quote_style(rng: random.Random, text: str) -> str:
    """Straight quotes become curly ones (or the reverse), not always in pairs."""
    table = rng.choice([{'"': "“"}, {'"': "”"}, {"“": '"', "”": '"'}, {"”": "“"}, {'"': "''"}, {'"': "'"}])
    return "".join(table.get(ch, ch) if rng.random() < 0.7 else ch for ch in text)


def insert_page_mark(rng: random.Random, text: str) -> str:
    return insert_at(rng, text, rng.choice(PAGE_MARKS))


def insert_break(rng: random.Random, text: str) -> str:
    return insert_at(rng, text, rng.choice(BREAKS))


def insert_garbage(rng: random.Random, text: str) -> str:
    return insert_at(rng, text, rng.choice(GARBAGE + list(keywords())))


def change_number(rng: random.Random, text: str) -> str:
    spots = list(re.finditer(r"\d+", text))
    if not spots:
        return text
    m = rng.choice(spots)
    new = rng.choice(["0", "1", "13", "999", "4294967296", "1" * 40, str(rng.randrange(100))])
    return text[:m.start()] + new + text[m.end():]


def truncate(rng: random.Random, text: str) -> str:
    return text[:rng.randrange(len(text) + 1)] if text else text


def insert_at(rng: random.Random, text: str, piece: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + piece + text[i:]


TEXT_MUTATIONS = (delete_word, duplicate_word, swap_words, drop_quote, add_quote, swap_quote_style,
                  insert_page_mark, insert_break, insert_garbage, change_number, truncate)


def mutate_text(rng: random.Random, text: str, most: int = 4) -> str:
    for _ in range(rng.randint(1, most)):
        text = rng.choice(TEXT_MUTATIONS)(rng, text)
    return text


# Line mutations for agreements: a page lost or scanned twice, a paragraph moved, noise added.
def mutate_lines(rng: random.Random, text: str, most: int = 6) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, most)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = min(len(lines) - 1, i + rng.randint(1, 5))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines.insert(i, rng.choice(GARBAGE) * rng.randint(1, 30))
        elif op == 4:
            lines = [line for line in lines if line.strip()]
        else:
            lines[i] = mutate_text(rng, lines[i], 2)
    return "\n".join(lines)


# ------------------------------------------------------------------------------ instructions
_TARGETS = ["Section 13.4", "Section 1", "Section 8.4(b)", "clause (a) of the Recitals", "the Recitals",
            "Section 13", "Section 99", "Article VII", "Exhibit A", "Schedule I", "the Agreement",
            "Section 2.1(a)(iii)", "paragraph (c)", "the definition of \"Notes\""]


def random_instruction(rng: random.Random) -> str:
    """An instruction assembled from the grammar's keywords, quotations of the agreement's own
    words, designators and numbers: mostly nonsense the parser must refuse cleanly, sometimes a
    sentence that parses and resolves."""
    if rng.random() < 0.5:
        return _templated(rng)
    pieces = []
    for _ in range(rng.randint(1, 25)):
        kind = rng.randrange(6)
        if kind < 2:
            pieces.append(rng.choice(keywords()))
        elif kind == 2:
            pieces.append(f"\"{_quoted(rng)}\"")
        elif kind == 3:
            pieces.append(rng.choice(_TARGETS))
        elif kind == 4:
            pieces.append(rng.choice(GARBAGE))
        else:
            pieces.append(str(rng.randrange(30)))
    return " ".join(pieces) + rng.choice(["", ".", ":", ";", " as follows:"])


def _quoted(rng: random.Random) -> str:
    words = agreement_words()
    start = rng.randrange(len(words))
    return " ".join(words[start:start + rng.randint(1, 3)])


def _templated(rng: random.Random) -> str:
    target = rng.choice(_TARGETS)
    old, new = _quoted(rng), _quoted(rng)
    forms = [
        f'{target} of the Agreement is hereby amended by deleting the words "{old}" therein.',
        f'{target} is hereby amended by replacing "{old}" with "{new}".',
        f'{target} is hereby amended by inserting the words "{new}" immediately after the words "{old}".',
        f'{target} is hereby amended by deleting the words "{old}" and substituting "{new}" therefor.',
        f'{target} is hereby deleted in its entirety and replaced with the following:\n\n     "{new}."',
        f'{target} is hereby amended and restated in its entirety to read as follows:\n\n     "{new}"',
        f'The definition of "{old}" in {target} is hereby deleted in its entirety.',
        f'{target} is hereby amended by adding the following new definition in proper alphabetical order:'
        f'\n\n     "{new}" means {old}.',
        f'{target} is hereby amended by deleting the period at the end thereof and inserting "; and".',
        f'{target} is hereby amended by deleting the word "{old}" in the fourth line thereof.',
        f'All references in the Agreement to "{old}" shall be deemed to be references to "{new}".',
    ]
    return rng.choice(forms)


def _numbered(rng: random.Random, instructions: list[str]) -> str:
    """Instructions inside an amendment's frame, numbered like the seed amendment's sections."""
    head = ("AMENDMENT NO. 1 TO SECURITIES EXCHANGE AGREEMENT\n\n     This AMENDMENT NO. 1 (this "
            "\"AMENDMENT\") dated as of February 21, 2003 amends the Securities Exchange Agreement "
            "dated as of January 30, 2003.\n\n")
    body = "".join(f"     Section {i}.   AMENDMENT.\n{text}\n\n" for i, text in enumerate(instructions, 1))
    return (head if rng.random() < 0.7 else "") + body


def amendment_case(rng: random.Random) -> str:
    """An amendment's text: the seed amendment mutated, corpus instructions mutated, or random
    instructions, alone or in an amendment's frame."""
    kind = rng.randrange(5)
    if kind == 0:
        return mutate_text(rng, amendment_text(), 6)
    if kind == 1:
        return mutate_text(rng, rng.choice(corpus_instructions()))
    if kind == 2:
        picked = [mutate_text(rng, rng.choice(seed_instructions()), 3) for _ in range(rng.randint(1, 3))]
        return _numbered(rng, picked)
    if kind == 3:
        return _numbered(rng, [random_instruction(rng) for _ in range(rng.randint(1, 4))])
    return mutate_text(rng, random_instruction(rng), 2) if rng.random() < 0.5 else random_instruction(rng)


def agreement_case(rng: random.Random) -> str:
    return mutate_lines(rng, agreement_text())


# ------------------------------------------------------------------------------ the check
@dataclass
class Outcome:
    refused: str = ""  # the ConformedError message when the engine refused the input
    changes: int = 0


def check(base_text: str, amendment_text_: str, base_doc=None, render: bool = True) -> Outcome:
    """Run an input through every stage; raise on any failure that is not a ConformedError
    (which is the engine refusing bad input on purpose) or when the redline loses or duplicates
    a character of either text. ``base_doc``: the base already read (reused across cases)."""
    from conformed import api, errors, report
    from conformed.document import Document
    from conformed.runs import DELETE, EQUAL, INSERT, runs
    try:
        base = base_doc if base_doc is not None else Document.from_text(base_text, "base.txt")
        amendment = Document.from_text(amendment_text_, "amendment.txt")
        read = api.parse(amendment)
        api.parse_records(read)
        api.parse_text(read, explain=True)
        result = api.consolidate(base, [amendment], workers=0)
    except errors.ConformedError as exc:
        return Outcome(refused=str(exc))
    all_runs = runs(result.trace)
    _check_tiles(all_runs, base.text, EQUAL, DELETE, INSERT)
    made = "".join(r.text for r in all_runs if r.kind in (EQUAL, INSERT))
    assert made == result.text, _first_difference("equal+insert runs", made, result.text)
    for r in all_runs:  # offsets must point at the text the run claims
        if r.kind in (EQUAL, INSERT):
            assert result.text[r.conformed[0]:r.conformed[1]] == r.text, \
                f"{r.kind} run conformed offsets {r.conformed} are off"
    rep = report.build(result)
    report.text(rep)
    report.as_json(rep)
    if render:
        for fmt in ("html", "markdown", "json", "unified", "ansi"):
            api.render_redline(result, fmt)
    return Outcome(changes=sum(1 for r in all_runs if r.kind != EQUAL))


def _check_tiles(all_runs, base: str, EQUAL: str, DELETE: str, INSERT: str) -> None:
    """The equal and deleted runs give back the base: each one's base span holds exactly its
    text, and the spans follow one another from the start of the base to its end. The one gap
    allowed is a restatement's words kept as they were: the base's own words are rewritten
    silently and the run shows the restatement's copy (an equal run with an empty base span),
    which must hold the same words (its spacing and line breaks are the restatement's)."""
    pos, copied = 0, []
    for r in all_runs:
        if r.kind == INSERT:
            continue
        if r.kind == EQUAL and r.base[1] - r.base[0] != len(r.text):
            assert r.base[0] == r.base[1], f"equal run with base span {r.base} for {len(r.text)} characters"
            copied.append(r.text)
            continue
        gap = base[pos:r.base[0]]
        assert r.base[0] >= pos, f"{r.kind} run at base {r.base} goes back before {pos} (duplicated text)"
        assert gap.split() == "".join(copied).split(), \
            _first_difference(f"base text before {r.base[0]} that no run shows", "".join(copied), gap)
        assert base[r.base[0]:r.base[1]] == r.text, f"{r.kind} run base offsets {r.base} are off"
        pos, copied = r.base[1], []
    gap = base[pos:]
    assert gap.split() == "".join(copied).split(), \
        _first_difference("the end of the base, which no run shows", "".join(copied), gap)


def _first_difference(what: str, got: str, want: str) -> str:
    i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return f"{what} differ from the text at offset {i}: {got[i:i + 40]!r} vs {want[i:i + 40]!r} " \
           f"(lengths {len(got)} and {len(want)})"
