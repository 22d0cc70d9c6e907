"""Stage 1: a file on disk -> :class:`Source` (decoded text and what is known of its format).

The text is kept exactly as decoded (line endings included) so that a document read and written
back is byte for byte the same. Everything that can go wrong with a file is an
:class:`~conformed.errors.InputError` naming the file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Place

MAX_BYTES = 64 * 1024 * 1024
"""Inputs above this size are refused: an agreement with all its exhibits is a few MB."""

TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".asc": "txt", "": "txt", ".md": "md", ".markdown": "md"}
STRUCTURED_FORMATS = {".htm": "htm", ".html": "htm", ".docx": "docx"}
"""Formats read by :mod:`conformed.formats` into plain text plus a map back to the file."""

_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive (a .docx or other Office file?)",
    b"\xd0\xcf\x11\xe0": "an old-style Word/Office file (.doc)",
    b"{\\rtf": "an RTF file",
}


@dataclass(frozen=True)
class Source:
    """A decoded input file."""

    path: str
    text: str
    fmt: str = "txt"
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"
    printed_lines: bool = True
    """True when the text keeps the lines of the printed document (EDGAR .txt): line
    qualifiers ("in the fourth line") can be checked only then."""
    origin: Any = field(default=None, compare=False, repr=False)
    """For .htm and .docx: the file's own structure (blocks and their spans in ``text``), which
    the writers in :mod:`conformed.formats` use to give the conformed copy the base's format."""

    def encode(self, text: str) -> bytes:
        """Encode ``text`` as this source was encoded (falling back to UTF-8 if it cannot)."""
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError:
            return text.encode("utf-8")


def from_text(text: str, path: str = "<text>", fmt: str = "txt") -> Source:
    """A :class:`Source` for text that is already in memory (API callers, tests)."""
    if not text.strip():
        raise InputError("the document is empty", Place(path))
    return Source(path=path, text=text, fmt=fmt, newline=_dominant_newline(text))


def read(path: str | os.PathLike[str]) -> Source:
    """Read and decode one input file."""
    p = Path(path)
    name = str(path)
    data = read_bytes(p, name)
    suffix = p.suffix.lower()
    if suffix in STRUCTURED_FORMATS:
        from . import formats
        return formats.read(name, data, STRUCTURED_FORMATS[suffix])
    fmt = TEXT_FORMATS.get(suffix)
    if fmt is None:
        raise InputError(f"unsupported file type {p.suffix!r}: give a .txt, .md, .htm or .docx file", Place(name))
    text, encoding, bom = decode(data, name)
    if not text.strip():
        raise InputError("the file holds only white space", Place(name))
    return Source(path=name, text=text, fmt=fmt, encoding=encoding, bom=bom,
                  newline=_dominant_newline(text))


def read_bytes(p: Path, name: str) -> bytes:
    """The bytes of an input file; a missing, unreadable, empty or oversized file is an InputError."""
    if not p.exists():
        raise InputError("no such file", Place(name))
    if p.is_dir():
        raise InputError("this is a directory, not a file", Place(name))
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"the file is {size / 2**20:.0f} MB; inputs above "
                             f"{MAX_BYTES // 2**20} MB are refused", Place(name))
        data = p.read_bytes()
    except PermissionError:
        raise InputError("permission denied: the file cannot be read", Place(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", Place(name)) from None
    if not data:
        raise InputError("the file is empty", Place(name))
    return data


def decode(data: bytes, name: str) -> tuple[str, str, bytes]:
    """Decode bytes of a text file: BOMs, UTF-16 without BOM, UTF-8, then Windows-1252."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _decode_as(data[len(bom):], encoding, name), encoding, bom
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"this is {what}, not a text document", Place(name))
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_as(data, utf16, name), utf16, b""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise InputError("binary data (a NUL byte): this is not a text document", Place(name, line))
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        pass
    # EDGAR filings of the 1990s and 2000s are often Windows-1252 (curly quotes at 0x93/0x94).
    try:
        return data.decode("cp1252"), "cp1252", b""
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", b""


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"the file claims {encoding} but byte {exc.start} cannot be decoded",
                         Place(name)) from None
    if "\x00" in text:
        raise InputError("binary data (a NUL character): this is not a text document", Place(name))
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows a NUL in every other byte of its ASCII characters."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"
