"""The bytes of an HTML file as text, decoded the way a browser would."""
from __future__ import annotations

import re

from ..errors import InputError, Place
from ..reader import _MAGIC

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252",
                 "cp1252", "x-cp1252", "iso-8859-15"}
"""Labels browsers decode as Windows-1252 (EDGAR filings that say Latin-1 use its curly quotes)."""


def decode(data: bytes, name: str) -> tuple[str, str, bytes]:
    """The HTML as text, its encoding and its BOM: a BOM decides, then the charset of a
    ``<meta>``, then UTF-8, then Windows-1252."""
    with_bom = _decode_by_bom(data, name)
    if with_bom is not None:
        return with_bom
    _refuse_binary(data, name)
    for encoding in _candidate_encodings(data):
        try:
            return data.decode(encoding), encoding, b""
        except (UnicodeDecodeError, LookupError):  # a wrong or unknown charset: try the next
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _decode_by_bom(data: bytes, name: str) -> tuple[str, str, bytes] | None:
    """The text if ``data`` starts with a byte-order mark (which then must be right), else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, bom
            except UnicodeDecodeError as exc:
                raise InputError(f"the file claims {encoding} but byte {exc.start} cannot be decoded",
                                 Place(name)) from None
    return None


def _refuse_binary(data: bytes, name: str) -> None:
    """A PDF, zip, image... named .htm is an input error, not a page of mojibake."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"this is {what}, not an HTML document", Place(name))
    if b"\x00" in data[:4096]:
        raise InputError("binary data (a NUL byte): this is not an HTML document", Place(name))


def _candidate_encodings(data: bytes) -> list[str]:
    """The declared charset first, then UTF-8, Windows-1252 and Latin-1 (which never fails)."""
    candidates = []
    declared = _CHARSET.search(data[:8192])
    if declared:
        label = declared.group(1).decode("ascii", "replace").lower()
        candidates.append("cp1252" if label in _WINDOWS_1252 else label)
    return candidates + ["utf-8", "cp1252", "latin-1"]
