"""The WordprocessingML vocabulary the reader and both writers share: the namespace, making
elements, writing text into a run, and the characters XML 1.0 cannot hold."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Control characters other than tab, line feed and carriage return, the two non-characters and
# unpaired surrogates: lxml refuses them, and a form feed is common in EDGAR text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def w(tag: str) -> str:
    """The qualified (Clark) name of a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{tag}"


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _FORBIDDEN.sub("", text)


def element(tag: str, **attrs: str):
    """A new ``w:tag`` element with ``w:`` attributes."""
    from docx.oxml import OxmlElement
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(w(key), value)
    return el


def val(el, tag: str, default: str | None = None) -> str | None:
    """The ``w:val`` of the child ``w:tag`` of ``el`` (``default`` when either is missing)."""
    if el is None:
        return default
    child = el.find(w(tag))
    if child is None:
        return default
    return child.get(w("val"), default)


def remove_children(parent, *tags: str) -> None:
    """Remove every child ``w:tag`` of ``parent`` for each of ``tags``."""
    for tag in tags:
        for el in parent.findall(w(tag)):
            parent.remove(el)


def append_text(r, text: str, deleted: bool = False) -> None:
    """Append ``text`` to the run ``r`` as w:t (w:delText) pieces, tabs as w:tab, line feeds as w:br."""
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            r.append(element("br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(element("tab"))
            if piece:
                t = element("delText" if deleted else "t")
                # without xml:space="preserve" Word drops a piece's leading and trailing spaces
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = piece
                r.append(t)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def word_date(date: str | None) -> str | None:
    """An amendment's date (``2002-02-21``) as Word dates a change or a comment, None if undated."""
    return f"{date[:10]}T00:00:00Z" if date and _DATE.match(date) else None


# The date of every file written here, so that the same inputs give the same bytes: the zip's
# entries (python-docx dates them with the time of writing) and the core properties python-docx
# makes up, dated now, for a base that has none.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def core_properties(doc):
    """The core properties of ``doc``; made with a fixed date if the file has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    package = doc.part.package
    if any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values()):
        return doc.core_properties
    props = doc.core_properties
    props.modified = dt.datetime(*FIXED_DATE, tzinfo=dt.timezone.utc)
    return props


def save(doc) -> bytes:
    """The bytes of the python-docx document ``doc``, every zip entry dated :data:`FIXED_DATE`."""
    out = io.BytesIO()
    doc.save(out)
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as written, zipfile.ZipFile(fixed, "w") as archive:
        for info in written.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            entry.compress_type, entry.external_attr, entry.create_system = info.compress_type, info.external_attr, 3
            archive.writestr(entry, written.read(info))
    return fixed.getvalue()
