"""Automatic paragraph numbers, read as text because the legal text depends on them.

A paragraph with ``w:numPr`` (on the paragraph or on its style) gets its number as a prefix,
followed by a tab, a space or nothing as the level's ``w:suff`` says. The label is computed from
numbering.xml: the level's ``lvlText`` with counters per abstract list, ``start``,
``startOverride`` and the restart of deeper levels, for the formats decimal, decimalZero,
lowerLetter, upperLetter, lowerRoman and upperRoman. A bullet gives no prefix and any other
number format is written in decimal (limitation). ``isLgl``, ``lvlRestart`` other than the
default and list styles (``numStyleLink``) are not followed.
"""
from __future__ import annotations

import re

from .ooxml import element, val, w


class Numbering:
    """Automatic paragraph numbers, counted through the document in order: call :meth:`label`
    on every paragraph of the body, in order."""

    def __init__(self, doc):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.levels: dict[str, dict[int, object]] = {}  # abstractNumId -> ilvl -> w:lvl
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> ilvl -> last number given
        self.overridden: set[str] = set()  # numIds whose start overrides have been applied
        try:
            root = doc.part.numbering_part.element
        except Exception:  # no numbering part
            root = None
        if root is not None:
            self._read_definitions(root)
        try:
            styles = doc.styles.element
        except Exception:
            styles = None
        if styles is not None:
            self._read_styles(styles)

    def _read_definitions(self, root) -> None:
        for absn in root.iterchildren(w("abstractNum")):
            aid = absn.get(w("abstractNumId"))
            self.levels[aid] = {int(lvl.get(w("ilvl"), "0")): lvl for lvl in absn.iterchildren(w("lvl"))}
        for num in root.iterchildren(w("num")):
            overrides = {}
            for ov in num.iterchildren(w("lvlOverride")):
                start = val(ov, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    overrides[int(ov.get(w("ilvl"), "0"))] = int(start)
            self.nums[num.get(w("numId"))] = (val(num, "abstractNumId"), overrides)

    def _read_styles(self, styles) -> None:
        """Each style's numbering, following ``basedOn`` (the nearest style that sets it wins)."""
        raw: dict[str, tuple[str | None, str | None, str | None]] = {}
        for st in styles.iterchildren(w("style")):
            ppr = st.find(w("pPr"))
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            raw[st.get(w("styleId"))] = (val(numpr, "numId"), val(numpr, "ilvl"), val(st, "basedOn"))
        for sid in raw:
            seen, cur, num_id, ilvl = set(), sid, None, None
            while cur in raw and cur not in seen:  # ``seen``: a basedOn cycle must not hang us
                seen.add(cur)
                n, lv, based = raw[cur]
                num_id = num_id if num_id is not None else n
                ilvl = ilvl if ilvl is not None else lv
                cur = based
            self.style_numpr[sid] = (num_id, ilvl)

    def numbered(self, p) -> tuple[str | None, int]:
        """The paragraph's (numId, ilvl), numId None when it has no automatic number."""
        ppr = p.find(w("pPr"))
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = val(numpr, "numId")
        ilvl = val(numpr, "ilvl")
        style = val(ppr, "pStyle")
        if style in self.style_numpr:
            s_num, s_lvl = self.style_numpr[style]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if num_id in (None, "0") or num_id not in self.nums:  # numId 0 turns numbering off
            return None, 0
        try:
            return num_id, int(ilvl or "0")
        except ValueError:
            return num_id, 0

    def label(self, p) -> str:
        """The paragraph's number and what follows it (counting it), or ""."""
        num_id, ilvl = self.numbered(p)
        if num_id is None:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid, {})
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self._count(num_id, aid, overrides, levels, ilvl)
        fmt = val(lvl, "numFmt", "decimal")
        text = val(lvl, "lvlText", "")
        if fmt == "bullet" or fmt == "none" or not text:
            return ""

        def number_of_level(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            k_lvl = levels.get(k)
            n = counters.get(k, _start(levels, k))
            return format_number(n, val(k_lvl, "numFmt", "decimal") if k_lvl is not None else "decimal")
        label = re.sub(r"%([1-9])", number_of_level, text)
        return label + {"tab": "\t", "space": " "}.get(val(lvl, "suff", "tab"), "")

    def _count(self, num_id: str, aid: str, overrides: dict[int, int], levels: dict, ilvl: int) -> dict[int, int]:
        """Count one more paragraph at ``ilvl`` of the abstract list ``aid``; its counters."""
        counters = self.counters.setdefault(aid, {})
        # a w:num's start overrides restart the shared abstract list the first time it is used
        if num_id not in self.overridden and overrides:
            self.overridden.add(num_id)
            for k, start in overrides.items():
                counters[k] = start - 1
            for k in list(counters):
                if k > max(overrides):
                    del counters[k]
        counters[ilvl] = counters.get(ilvl, _start(levels, ilvl) - 1) + 1
        for k in list(counters):  # a deeper level starts again under the next number of this one
            if k > ilvl:
                del counters[k]
        return counters


def _start(levels: dict, ilvl: int) -> int:
    start = val(levels.get(ilvl), "start", "1")
    return int(start) if start and start.lstrip("-").isdigit() else 1


def format_number(n: int, fmt: str) -> str:
    """``n`` in the number format ``fmt`` (decimal for a format not handled)."""
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters go a..z, aa..zz, aaa..: the letter repeated, not base 26
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n) if n > 0 else str(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# numPr must come after these in w:pPr (the schema's order)
_BEFORE_NUMPR = {w(t) for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}


def number_off(p) -> None:
    """Turn off the paragraph's automatic number (its number is then in its text)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = element("pPr")
        p.insert(0, ppr)
    old = ppr.find(w("numPr"))
    # numId 0 rather than no numPr: it also overrides a number the paragraph's style gives
    numpr = element("numPr")
    numpr.append(element("ilvl", val="0"))
    numpr.append(element("numId", val="0"))
    if old is not None:
        old.addprevious(numpr)
        ppr.remove(old)
    else:
        index = 0
        for i, child in enumerate(ppr):
            if child.tag in _BEFORE_NUMPR:
                index = i + 1
        ppr.insert(index, numpr)
