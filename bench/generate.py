"""Synthetic EDGAR-style agreements and amendments of any size, for the benchmarks.

The agreement: a title block, a preamble, recitals, Article I with Section 1.01 holding hundreds
of definitions in capitals, then Articles of numbered Sections with clauses (a)-(d), hard-wrapped
at 77 columns, with <Page> marks and centred page numbers. The amendment: instructions of mixed
kinds (replace words, delete words, insert after words, restate a clause, add and delete
definitions, add a sentence at the end of a Section), each aimed at words that occur once.
"""
from __future__ import annotations

import random
import textwrap

WORDS = ("Borrower Lender Agent Collateral Obligation Facility Commitment Guarantor Holder Note Payment Interest "
         "Default Notice Consent Security Account Property Subsidiary Affiliate Transaction Agreement Document "
         "Amount Period Date Rate Fee Loan Credit Party Person Event Termination").split()
LOWER = ("shall may will the of and or to in for with by under any each such all other such hereunder thereof "
         "provided that without prior written consent deliver pay maintain comply perform permit cause").split()


def _sentence(rng: random.Random, tag: str) -> str:
    words = [rng.choice(LOWER if i % 3 else WORDS) for i in range(rng.randint(14, 26))]
    words.insert(rng.randint(2, len(words) - 2), tag)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _para(text: str, first: int = 5, rest: int = 0) -> list[str]:
    return textwrap.wrap(text, width=77, initial_indent=" " * first, subsequent_indent=" " * rest,
                         break_on_hyphens=False) + [""]


def agreement(target_bytes: int, seed: int = 7) -> tuple[str, dict]:
    rng = random.Random(seed)
    lines: list[str] = []
    facts: dict = {"sections": [], "definitions": []}
    page = [1]

    def emit(block: list[str]) -> None:
        lines.extend(block)
        if len(lines) // 50 >= page[0]:
            page[0] += 1
            lines.extend(["<Page>", "", f"{' ' * 37}-{page[0]}-", ""])

    emit(["", f"{' ' * 24}CREDIT AGREEMENT", "", f"{' ' * 24}dated as of March 1, 2021", ""])
    emit(_para('This CREDIT AGREEMENT (this "AGREEMENT") dated as of March 1, 2021, is among Example Holdings, '
               'Inc., a Delaware corporation (the "BORROWER"), the Lenders party hereto and Example Bank, N.A., as '
               'Administrative Agent (the "AGENT").'))
    emit(["                                  RECITALS", ""])
    emit(_para('WHEREAS, the Borrower has requested that the Lenders make (a) term loans (the "TERM LOANS") and '
               '(b) revolving loans (the "REVOLVING LOANS") on the terms set forth herein;'))
    emit(_para("NOW, THEREFORE, the parties hereto agree as follows:"))
    emit(["                                  ARTICLE I", "", "                                 DEFINITIONS", ""])
    emit(_para("Section 1.01 DEFINED TERMS. As used in this Agreement, the following terms have the following "
               "meanings:"))
    n_defs = max(40, target_bytes // 3000)
    terms = sorted({f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i:04d}".upper() for i in range(n_defs)})
    for term in terms:
        tag = f"Term{len(facts['definitions']):05d}"
        emit(_para(f'"{term}" means {_sentence(rng, tag)}', first=10, rest=5))
        facts["definitions"].append((term, tag))
    article = 1
    while sum(len(x) + 1 for x in lines) < target_bytes:
        article += 1
        emit([f"{' ' * 34}ARTICLE {_roman(article)}", ""])
        for s in range(1, 21):
            num = f"{article}.{s:02d}"
            tag = f"Marker{article:03d}{s:02d}"
            emit(_para(f"Section {num} PROVISION {num}. " + _sentence(rng, tag) + " " + _sentence(rng, "")))
            for letter in "abcd":
                ctag = f"Clause{article:03d}{s:02d}{letter}"
                emit(_para(f"({letter}) " + _sentence(rng, ctag), first=10, rest=5))
            facts["sections"].append((num, tag))
    emit(_para("IN WITNESS WHEREOF, the parties hereto have caused this Agreement to be duly executed."))
    return "\n".join(lines) + "\n", facts


def amendment(facts: dict, count: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    out = ["", "                         FIRST AMENDMENT TO CREDIT AGREEMENT", "",
           *_para('This FIRST AMENDMENT (this "AMENDMENT") dated as of June 1, 2022 amends the Credit Agreement '
                  'dated as of March 1, 2021 (the "CREDIT AGREEMENT") among Example Holdings, Inc., the Lenders and '
                  'Example Bank, N.A., as Administrative Agent.'),
           *_para("NOW, THEREFORE, the parties hereto agree as follows:")]
    sections = rng.sample(facts["sections"], min(count, len(facts["sections"])))
    defs = list(facts["definitions"])
    rng.shuffle(defs)
    n = 0
    while n < count:
        kind = n % 7
        item = f"Section {n + 1}."
        if kind == 0:
            num, tag = sections[n % len(sections)]
            out += _para(f'{item} Section {num} of the Credit Agreement is hereby amended by deleting the words '
                         f'"{tag}" and substituting "{tag}Revised" therefor.')
        elif kind == 1:
            num, tag = sections[n % len(sections)]
            out += _para(f'{item} Section {num} of the Credit Agreement is hereby amended by inserting the words '
                         f'"as amended" immediately after the words "{tag}".')
        elif kind == 2:
            num, _ = sections[n % len(sections)]
            out += _para(f"{item} Section {num}(b) of the Credit Agreement is hereby amended and restated in its "
                         "entirety to read as follows:")
            out += _para(f'"(b) the Borrower shall maintain the Facility Amount {n} at all times during the '
                         'Commitment Period and shall deliver notice thereof to the Agent;"', first=10, rest=5)
        elif kind == 3:
            term, _ = defs.pop()
            out += _para(f'{item} Section 1.01 of the Credit Agreement is hereby amended by deleting the '
                         f'definition of "{term.title()}" in its entirety.')
        elif kind == 4:
            new = f"ZZ NEW TERM {n:04d}"
            out += _para(f"{item} Section 1.01 of the Credit Agreement is hereby amended by adding the following "
                         "new definition in proper alphabetical order:")
            out += _para(f'"{new}" means the amount set forth in the Fee Letter {n}.', first=10, rest=5)
        elif kind == 5:
            num, _ = sections[n % len(sections)]
            out += _para(f"{item} Section {num} of the Credit Agreement is hereby amended by inserting the "
                         "following new sentence at the end thereof:")
            out += _para(f'"Notwithstanding the foregoing, no Default shall result from clause {n} hereof."',
                         first=10, rest=5)
        else:
            num, _ = sections[n % len(sections)]
            ctag = f"Clause{num.replace('.', '').zfill(5)}c"
            out += _para(f'{item} Section {num}(c) of the Credit Agreement is hereby amended by deleting the words '
                         f'"{ctag}" therein.')
        n += 1
    out += _para("IN WITNESS WHEREOF, the parties have executed this Amendment.")
    return "\n".join(out) + "\n"


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out
