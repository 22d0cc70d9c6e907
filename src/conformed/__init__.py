"""conformed: an agreement and its amendments -> the conformed copy, a redline of every change with
the amendment behind it, and a report of whether each instruction applies.

The API::

    import conformed
    result = conformed.consolidate("agreement.txt", ["amendment-1.txt", "amendment-2.txt"])
    result.text                      # the conformed agreement
    conformed.validate(base, amendments)          # per instruction: applies, or exactly why not
    conformed.redline(base, amendments, fmt="html")   # html | docx | markdown | ansi | unified | json
    conformed.parse("amendment-1.txt")            # the instructions as read
    conformed.compare("old.txt", "new.txt", fmt="html")  # any two versions, word by word
    conformed.consolidate("deal/conformed.toml", as_of="2013-12-31")  # a deal file, on a given day
"""
from __future__ import annotations

from .api import compare, consolidate, parse, redline, validate
from .errors import ConformedError, InputError

__all__ = ["compare", "consolidate", "parse", "redline", "validate", "ConformedError", "InputError"]
__version__ = "0.1.0"
