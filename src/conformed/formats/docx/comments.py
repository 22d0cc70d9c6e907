"""Provenance in the Word redline: one comment per instruction, saying which amendment and which
instruction made the change and where that instruction is written.

The comment is anchored on the instruction's first change (with the changes of the same
instruction right after it in the same paragraph, e.g. the inserted words of a replacement),
its author is the amendment (as on the w:ins/w:del) and its date the amendment's date. Its text
reads ``Amendment No. 1 (2002-02-21), instruction 3(a) (amendments/003.txt:70:25): inserting the
following text ...``. Changes without provenance (a comparison) get no comment.

The comments themselves go into python-docx's comments part; the anchors are built here, because
the commented text is inside w:ins/w:del: the range start goes before the first w:ins/w:del and
the range end and the reference run after the last, outside them, so the reference is neither
inserted nor deleted text and accept-all and reject-all both keep it (and no text changes: the
reference run has none).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...changes import Provenance
from .ooxml import clean, element, w, word_date
_CHANGE_TAGS = (w("ins"), w("del"))


@dataclass(frozen=True)
class TrackedChange:
    """One tracked change of the redline, as written: a w:ins/w:del of text (``wrapper``), or a
    paragraph mark (``wrapper`` None) of the paragraph ``paragraph``."""

    by: Provenance | None
    paragraph: object
    wrapper: object | None = None


def comment_text(by: Provenance) -> str:
    """The comment's text: the amendment, the instruction's id, its place and what it says."""
    instruction = f", instruction {by.instruction}" if by.instruction else ""
    text = f"{by.amendment}{instruction} ({by.place}): {by.text}"
    return " ".join(clean(text).split())  # one paragraph: python-docx makes a line feed a new one


def add_provenance_comments(doc, changes: list[TrackedChange], author_of) -> None:
    """One comment per instruction that made any of ``changes`` (in document order), anchored on
    its first change. ``author_of(by)`` gives the author, the same as the change's."""
    firsts = _first_change_per_instruction(changes)
    if not firsts:
        return  # no comments part at all: a comparison's file stays as it was
    key_of = {id(c.wrapper): _instruction_key(c.by) for c in changes if c.wrapper is not None}
    comments = doc.comments  # creates the comments part when the document has none
    for change in firsts:
        comment = comments.add_comment(text=comment_text(change.by), author=author_of(change.by), initials="")
        _date_comment(doc, comment.comment_id, change.by.date)
        if change.wrapper is None:
            _anchor_at_end(change.paragraph, comment.comment_id)
        else:
            last = _last_of_same_instruction(change.wrapper, key_of)
            _anchor_around(change.wrapper, last, comment.comment_id)


def drop_comments(doc) -> None:
    """Remove the comments a .docx base already has: the redline's body is written anew, so their
    anchors are gone and Word would show them nowhere or out of place."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    try:
        part = doc.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return
    for el in list(part.element.iterchildren(w("comment"))):
        part.element.remove(el)


def _instruction_key(by: Provenance) -> tuple:
    # an instruction id alone is not enough: two amendments both have a Section 1
    return (by.amendment, by.path, by.instruction, by.line, by.column)


def _first_change_per_instruction(changes: list[TrackedChange]) -> list[TrackedChange]:
    """For each instruction, its first change of text, or its first paragraph mark when it
    changed only paragraph marks; in document order."""
    first: dict[tuple, tuple[int, TrackedChange]] = {}
    for n, change in enumerate(changes):
        if change.by is None:
            continue
        key = _instruction_key(change.by)
        if key not in first or (first[key][1].wrapper is None and change.wrapper is not None):
            first[key] = (n, change)
    return [change for _, change in sorted(first.values(), key=lambda item: item[0])]


def _last_of_same_instruction(wrapper, key_of: dict[int, tuple]):
    """The last w:ins/w:del of an unbroken sequence of changes of the same instruction."""
    key, last = key_of[id(wrapper)], wrapper
    following = last.getnext()
    while following is not None and following.tag in _CHANGE_TAGS and key_of.get(id(following)) == key:
        last, following = following, following.getnext()
    return last


def _anchor_around(first, last, comment_id: int) -> None:
    first.addprevious(element("commentRangeStart", id=str(comment_id)))
    last.addnext(_reference_run(comment_id))
    last.addnext(element("commentRangeEnd", id=str(comment_id)))


def _anchor_at_end(paragraph, comment_id: int) -> None:
    """A point comment at the end of a paragraph whose only change is its mark."""
    paragraph.append(element("commentRangeStart", id=str(comment_id)))
    paragraph.append(element("commentRangeEnd", id=str(comment_id)))
    paragraph.append(_reference_run(comment_id))


def _reference_run(comment_id: int):
    """The run that shows the comment's mark in the text (the same run Word writes)."""
    r = element("r")
    rpr = element("rPr")
    rpr.append(element("rStyle", val="CommentReference"))
    r.append(rpr)
    r.append(element("commentReference", id=str(comment_id)))
    return r


def _date_comment(doc, comment_id: int, date: str) -> None:
    """The comment dated like the change (the amendment's date, none when undated) rather than
    python-docx's "now", so the same inputs give the same file."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    part = doc.part.part_related_by(RT.COMMENTS)
    for el in part.element.iterchildren(w("comment")):
        if el.get(w("id")) == str(comment_id):
            if word_date(date):
                el.set(w("date"), word_date(date))
            else:
                el.attrib.pop(w("date"), None)
