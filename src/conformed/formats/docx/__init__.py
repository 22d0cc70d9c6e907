"""Word (.docx) in, Word out: read a Word agreement into blocks of text, write the conformed copy
back into the base's own file, and write a redline as native Word tracked changes.

The package is cut along those three jobs, with what they share underneath:

``reading``
    :func:`read`: the body's paragraphs and table rows become the blocks of the text; the file and
    where each block is in it are kept in ``Source.origin`` (:class:`Origin`).
``numbering``
    Automatic paragraph numbers, computed from numbering.xml so they can be read as text (the
    legal text depends on them), and turned off where a writer puts the number in the text.
``conformed_copy``
    :func:`write`: a .docx base rewritten in place, only the blocks an amendment touched; any
    other base gives a plain document.
``redline``
    :func:`tracked`: the redline as w:ins/w:del tracked changes with the amendment as author.
``comments``
    The redline's provenance: one Word comment per instruction, on its first change.
``formatting``
    The base's run formatting (bold defined terms, italics) carried into the paragraphs both
    writers rebuild: base text keeps its runs' ``w:rPr``, new text takes its neighbours'.
``ooxml``
    The WordprocessingML namespace, making elements, writing text into a run, and
    :func:`clean` (characters XML 1.0 forbids are left out of every file written here; line
    endings are read as ``"\\n"``).
"""
from __future__ import annotations

from .conformed_copy import write
from .ooxml import W_NS, clean
from .reading import MAX_UNZIPPED, Block, Origin, read
from .redline import COMPARE_AUTHOR, tracked

__all__ = ["read", "write", "tracked", "clean", "Block", "Origin", "COMPARE_AUTHOR", "MAX_UNZIPPED", "W_NS"]
