"""Document formats: agreements go in as filed and kept (EDGAR text, EDGAR HTML, Word) and the
conformed copy comes out in the base's own format.

Reading turns a structured file into the plain text every stage works on, and keeps the file's
own structure in ``Source.origin`` so a writer can give untouched blocks back exactly as they
were. The text of a structured file is its blocks (paragraphs, headings, table rows with their
cells separated by tabs) separated by one blank line, with no hard line breaks inside a block;
such a source has ``printed_lines=False`` (line qualifiers cannot be checked on it).

Writing takes the redline runs, which tile both the base text (equal + deleted runs, through
``Run.base``) and the conformed text (equal + inserted runs, through ``Run.conformed``), so a
writer knows for every block of the conformed text whether it is an untouched block of the base.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Place
from ..reader import Source
from ..runs import Run

FORMAT_OF_SUFFIX = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".htm": "htm", ".html": "htm",
                    ".docx": "docx"}
CONFORMED_FORMATS = ("txt", "md", "htm", "docx")


def read(name: str, data: bytes, fmt: str) -> Source:
    """Read ``data`` (the bytes of file ``name``) as a ``fmt`` document ("htm" or "docx")."""
    if fmt == "htm":
        from . import htm
        return htm.read(name, data)
    if fmt == "docx":
        from . import docx
        return docx.read(name, data)
    raise InputError(f"unsupported document format {fmt!r}", Place(name))


def format_of(path: str | None, default: str) -> str:
    """The conformed-copy format an output path asks for by its extension (``default`` for
    standard output or an extension that names none)."""
    if path in (None, "-"):
        return default
    return FORMAT_OF_SUFFIX.get(Path(path).suffix.lower(), default)


def conformed(fmt: str, base: Source, runs: list[Run], text: str) -> bytes:
    """The conformed copy, as the bytes of a ``fmt`` file.

    ``base`` is the base agreement as read (a writer uses its ``origin`` when the base has the
    same format, and builds a plain document of that format otherwise), ``runs`` the redline of
    base against conformed text, ``text`` the conformed text.
    """
    if fmt in ("txt", "md"):
        from . import plain
        return plain.write(base, runs, text, fmt)
    if fmt == "htm":
        from . import htm
        return htm.write(base, runs, text)
    if fmt == "docx":
        from . import docx
        return docx.write(base, runs, text)
    raise ValueError(f"unknown conformed-copy format {fmt!r}")
