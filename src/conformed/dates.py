"""Dates as agreements write them ("January 30, 2003", "January  30,2003") -> ISO dates."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = ("january february march april may june july august september october november december").split()
DATE = re.compile(r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
                  r"\s*(?P<day>\d{1,2})\s*,\s*(?P<year>\d{4})", re.I)


def iso(text: str) -> str:
    """The first date in ``text`` as YYYY-MM-DD, or "" when there is none (or it is impossible)."""
    m = DATE.search(text)
    if not m:
        return ""
    try:
        return dt.date(int(m.group("year")), MONTHS.index(m.group("month").lower()) + 1, int(m.group("day"))).isoformat()
    except ValueError:
        return ""


def all_iso(text: str) -> tuple[str, ...]:
    return tuple(d for d in (iso(m.group()) for m in DATE.finditer(text)) if d)
