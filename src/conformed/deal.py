"""A deal: one base agreement and its amendments, from a deal file or from the command line, put in
the order in which the amendments took effect.

A deal file (``conformed.toml``) names the files, relative to itself::

    name = "Acme Credit Agreement"
    base = "credit-agreement.txt"

    [[amendments]]
    path = "amendment-1.txt"
    date = 2011-02-01                # optional: the effective date (a TOML date or "YYYY-MM-DD")
    label = "First Amendment"        # optional

Without a date or label, both are read from the amendment itself ("dated as of February 21,
2002", "Amendment No. 3"). Amendments apply in the order of their effective dates; two with one
date keep the order in which they are listed, and an amendment whose date cannot be read takes
the place it is listed in. A list in another order than the dates gets a warning.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .applicability import Identity
from .changes import Diagnostic
from .document import Document
from .errors import InputError, Place
from .instructions import Amendment

DEAL_SUFFIX = ".toml"


@dataclass(frozen=True)
class Entry:
    """One amendment of a deal: where it is, and what the deal file says of it."""

    source: Any  # a path, or a Document given through the API
    date: str = ""  # ISO; "" = read it from the amendment
    label: str = ""
    line: int = 0  # its line in the deal file

    @property
    def name(self) -> str:
        return self.source.path if isinstance(self.source, Document) else str(self.source)


@dataclass(frozen=True)
class Deal:
    base: Any  # a path, or a Document
    amendments: tuple[Entry, ...]
    path: str = ""  # the deal file, "" for a deal given on the command line
    name: str = ""

    @property
    def inputs(self) -> list[str]:
        """Every file the deal reads (outputs must never overwrite one)."""
        files = [self.path] if self.path else []
        return files + [str(x) for x in (self.base, *(e.source for e in self.amendments))
                        if not isinstance(x, Document)]


@dataclass
class Schedule:
    """The amendments that apply, in the order they apply, with what was found out on the way."""

    amendments: list[Amendment]
    identities: list[Identity]
    notes: list[Diagnostic] = field(default_factory=list)


def is_deal_file(path: Any) -> bool:
    return not isinstance(path, Document) and str(path).lower().endswith(DEAL_SUFFIX)


def of(base: Any, amendments: list | None = None) -> Deal:
    """The deal a caller means: a deal file (``base`` ends in .toml and no amendments are given),
    an already built :class:`Deal`, or a base and its amendments."""
    if isinstance(base, Deal):
        return base
    if is_deal_file(base):
        if amendments:
            raise InputError("give either a deal file or a base agreement and its amendments, not both",
                             Place(str(base)))
        return load(base)
    if not amendments:
        raise InputError("no amendments given: name at least one after the base agreement (or give a deal "
                         "file)", Place(str(base)))
    return Deal(base, tuple(Entry(a) for a in amendments))


def from_inputs(inputs: list[str]) -> Deal:
    """The deal of a command line: ``DEAL.toml`` or ``BASE AMENDMENT...``."""
    if not inputs:
        raise InputError("give a deal file (conformed.toml) or a base agreement and its amendments", Place("-"))
    return of(inputs[0], inputs[1:])


# ------------------------------------------------------------------------------ the deal file
def load(path: str | os.PathLike[str]) -> Deal:
    """Read a deal file. Every problem is an :class:`InputError` naming the file and the line."""
    name = str(path)
    data = _read(Path(path), name)
    try:
        table = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_place(str(exc))
        raise InputError(f"not a valid deal file: {_toml_reason(str(exc))}", Place(name, line, column)) from None
    lines = data.splitlines()
    folder = Path(path).parent
    unknown = sorted(set(table) - {"name", "base", "amendments"})
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} (a deal file has name, base and [[amendments]])",
                         Place(name, _line_of(lines, unknown[0])))
    base = table.get("base")
    if not isinstance(base, str) or not base.strip():
        raise InputError('the deal file names no base agreement (base = "agreement.txt")', Place(name))
    base_path = _existing(folder / base, name, _line_of(lines, "base"), "base agreement")
    items = table.get("amendments")
    if not isinstance(items, list) or not items:
        raise InputError('the deal file lists no amendments ([[amendments]] with path = "...")', Place(name))
    entries = []
    search_from = 0
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"amendment {index}: expected a table ([[amendments]] with path = ...)", Place(name))
        line = _line_of(lines, "[[amendments]]", search_from)
        search_from = line
        entries.append(_entry(item, index, folder, name, line))
    return Deal(base_path, tuple(entries), name, str(table.get("name", "")) or Path(path).parent.name)


def _read(p: Path, name: str) -> str:
    from .reader import read_bytes
    try:
        return read_bytes(p, name).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"a deal file must be UTF-8 (byte {exc.start} is not)", Place(name)) from None


def _entry(item: dict, index: int, folder: Path, name: str, line: int) -> Entry:
    extra = sorted(set(item) - {"path", "date", "label"})
    if extra:
        raise InputError(f"amendment {index}: unknown key {extra[0]!r} (an amendment has path, date and label)",
                         Place(name, line))
    path = item.get("path")
    if not isinstance(path, str) or not path.strip():
        raise InputError(f'amendment {index}: no path (path = "amendment-{index}.txt")', Place(name, line))
    label = item.get("label", "")
    if not isinstance(label, str):
        raise InputError(f"amendment {index}: the label must be text", Place(name, line))
    return Entry(_existing(folder / path, name, line, f"amendment {index}"), _date(item.get("date"), index, name, line),
                 label.strip(), line)


def _date(value: Any, index: int, name: str, line: int) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise InputError(f"amendment {index}: bad date {value!r}: write it as 2011-02-01", Place(name, line))


def _existing(path: Path, name: str, line: int, what: str) -> str:
    if not path.is_file():
        missing = "is a directory" if path.is_dir() else "does not exist"
        raise InputError(f"{what}: {str(path)!r} {missing}", Place(name, line))
    return str(path)


def _line_of(lines: list[str], key: str, after: int = 0) -> int:
    pattern = re.compile(rf"^\s*{re.escape(key)}") if key.startswith("[") else re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, text in enumerate(lines[after:], after + 1):
        if pattern.match(text):
            return number
    return 0


def _toml_place(message: str) -> tuple[int, int]:
    m = re.search(r"line (\d+), column (\d+)", message)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def _toml_reason(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message).rstrip(".").lower() or "invalid TOML"


# ------------------------------------------------------------------------------ order in time
def schedule(deal: Deal, amendments: list[Amendment], identities: list[Identity],
             as_of: str | None = None) -> Schedule:
    """Put the amendments in the order they took effect (and drop those after ``as_of``)."""
    identities = [_with_overrides(ident, entry) for ident, entry in zip(identities, deal.amendments)]
    _refuse_duplicates(amendments)
    notes: list[Diagnostic] = []
    keys = _effective_keys(identities)
    order = sorted(range(len(amendments)), key=lambda i: (keys[i], i))
    if order != list(range(len(amendments))):
        applied = ", ".join(_describe(identities[i], amendments[i]) for i in order)
        where = deal.path or "the command line"
        notes.append(Diagnostic("warning", "order", f"{where}: the amendments are not listed in the order of their "
                                                    f"effective dates; they apply in that order: {applied}"))
    if as_of:
        order = _in_force(order, amendments, identities, as_of, notes)
    return Schedule([amendments[i] for i in order], [identities[i] for i in order], notes)


def _with_overrides(ident: Identity, entry: Entry) -> Identity:
    if entry.date:  # the deal file's date is the effective date
        ident = replace(ident, date=ident.date or entry.date, effective=entry.date)
    return replace(ident, label=entry.label or ident.label)


def _effective_keys(identities: list[Identity]) -> list[str]:
    """The date each amendment sorts by: its own, or (undated) the last date listed before it."""
    keys, last = [], ""
    for ident in identities:
        last = ident.effective_date or last
        keys.append(last)
    return keys


def _in_force(order: list[int], amendments: list[Amendment], identities: list[Identity], as_of: str,
              notes: list[Diagnostic]) -> list[int]:
    undated = [amendments[i].path for i in order if not identities[i].effective_date]
    if undated:
        raise InputError(f"--as-of {as_of}: the date of this amendment cannot be read; give it in a deal file "
                         "(date = YYYY-MM-DD)", Place(undated[0]))
    kept = [i for i in order if identities[i].effective_date <= as_of]
    later = [_describe(identities[i], amendments[i]) for i in order if identities[i].effective_date > as_of]
    if later:
        notes.append(Diagnostic("info", "as_of", f"as of {as_of}: not yet in effect: {', '.join(later)}"))
    return kept


def _refuse_duplicates(amendments: list[Amendment]) -> None:
    seen: dict[str, str] = {}
    for amendment in amendments:
        key = " ".join(amendment.doc.text.split())
        if key in seen:
            raise InputError(f"the same amendment is given twice (also as {seen[key]}); applying it twice would "
                             "make every change twice", Place(amendment.path))
        seen[key] = amendment.path


def _describe(ident: Identity, amendment: Amendment) -> str:
    if ident.effective and ident.effective != ident.date:
        return f"{ident.label} (effective {ident.effective})"
    return f"{ident.label} ({ident.date})" if ident.date else f"{ident.label} ({amendment.path}, undated)"


def parse_as_of(value: str, where: str = "--as-of") -> str:
    """An ``--as-of`` date: ISO (2011-02-01) or as agreements write it (February 1, 2011)."""
    from .dates import iso
    text = value.strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    found = iso(text)
    if found:
        return found
    raise InputError(f"bad date {value!r}: write it as 2011-02-01 or February 1, 2011", Place(where))
