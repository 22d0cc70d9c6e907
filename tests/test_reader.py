"""Reading files: encodings, BOMs, binary and empty files, and exact round trips."""
from __future__ import annotations

import pytest

from conformed import reader
from conformed.document import Document
from conformed.errors import InputError

from .conftest import ROOT


@pytest.mark.parametrize("path", sorted((ROOT / "agreements").glob("*.txt")) + sorted((ROOT / "amendments").glob("*.txt")))
def test_every_bundled_file_reads_and_renders_back_byte_for_byte(path):
    source = reader.read(path)
    doc = Document(source)
    assert source.encode(doc.render()) == path.read_bytes()


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_byte_order_marks_are_read_and_kept(tmp_path, encoding, bom):
    text = 'Section 1.  “Notes” means the Notes.\r\n'
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + text.encode(encoding))
    source = reader.read(path)
    assert source.text == text
    assert source.encode(source.text) == path.read_bytes()


def test_utf16_without_bom_is_recognised(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Section 2. DEFINITIONS. The following terms apply.\n".encode("utf-16-le"))
    assert reader.read(path).text.startswith("Section 2.")


def test_windows_1252_curly_quotes(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("\x93NOTES\x94 has the meaning set forth in the Recitals.\r\n".encode("latin-1"))
    source = reader.read(path)
    assert source.text.startswith("“NOTES”")
    assert source.encoding == "cp1252"
    assert source.encode(source.text) == path.read_bytes()


def test_crlf_line_endings_are_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Section 1.  Terms.\r\nSection 2.  More terms.\r\n")
    source = reader.read(path)
    assert source.newline == "\r\n"
    assert "\r\n" in source.text


@pytest.mark.parametrize("content,message", [
    (b"", "the file is empty"),
    (b"   \n\t\n", "only white space"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"PK\x03\x04\x14\x00", "zip"),
    (b"Section 1.\x00\x01\x02 binary", "NUL"),
])
def test_files_that_are_not_text_are_refused_with_one_line(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        reader.read(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        reader.read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        reader.read(tmp_path)


def test_unknown_extension_is_refused(tmp_path):
    path = tmp_path / "contract.xyz"
    path.write_text("Section 1. Terms.")
    with pytest.raises(InputError, match="unsupported file type"):
        reader.read(path)
