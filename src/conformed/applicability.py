"""Does the amendment name this agreement? Its title, its date, its parties.

An amendment recites what it amends ("a Securities Exchange Agreement dated as of January 30,
2003"). These checks compare that recital with the base and say, with the place in both
documents, what agrees and what does not. They also read the amendment's own label and date
("Amendment No. 1", "dated as of February 21, 2002") for provenance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE as _DATE
from .dates import iso
from .document import Document
from .instructions import Amendment
from .changes import Diagnostic

_DATED = re.compile(r"\b(?:dated|effective|made|entered\s+into)\s+(?:as\s+of\s+|on\s+)?(?:the\s+)?", re.I)
_LABEL = re.compile(r"\b(?:(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                    r"twelfth)\s+amendment|amendment\s+no\.?\s*(?P<num>\d+|[ivx]+)|(?P<omnibus>omnibus)\s+amendment"
                    r"|(?P<waiver>waiver\s+and\s+amendment))\b", re.I)
_AGREEMENT_NOUNS = r"(?:Agreement|Lease|Indenture|Plan|Note|Schedule|Guaranty|Guarantee|Contract|Annex)"
# Each name word starts at a word start and is taken whole (possessive): otherwise a long run of
# capitals was tried from each of its letters, back and forth (20,000 capitals: 15 s).
_RECITED = re.compile(rf"((?:(?<![\w&,.'-])[A-Z][\w&,.'-]*+\s+){{0,8}}{_AGREEMENT_NOUNS})[^.;]{{0,80}}?\bdated\s+(?:as\s+of\s+)?"
                      rf"((?:January|February|March|April|May|June|July|August|September|October|November|December)"
                      rf"\s*\d{{1,2}}\s*,\s*\d{{4}})", re.S)


@dataclass(frozen=True)
class Identity:
    """What an amendment says of itself and of the agreement it amends."""

    label: str  # "Amendment No. 1"
    date: str  # ISO date, or ""
    date_offset: int
    agreement: str  # "Securities Exchange Agreement"
    agreement_date: str  # ISO date, or ""
    agreement_offset: int
    recited_dates: tuple[str, ...]  # every date in the recital, ISO (to pick the right document)
    effective: str = ""  # ISO: "effective as of ..." when the amendment says so, else its date

    @property
    def effective_date(self) -> str:
        return self.effective or self.date


def identify(amendment: Amendment) -> Identity:
    doc = amendment.doc
    head = doc.text[:6000]
    label = _label(head) or _stem(doc.path)
    date, date_at = "", 0
    for m in _DATED.finditer(head):
        d = _DATE.match(head, m.end())
        if d:
            date, date_at = iso(d.group()), d.start()
            break
    effective = _effective(head)
    agreement, agreement_date, at, recited = "", "", 0, ()
    for m in _RECITED.finditer(head):
        name = " ".join(m.group(1).split())
        if re.search(r"\bamendment\b", name, re.I) and "agreement" not in name.lower():
            continue
        agreement, agreement_date, at = _trim_name(name), iso(m.group(2)), m.start(1)
        window = head[m.start():m.start() + 400]
        recited = tuple(iso(x.group()) for x in _DATE.finditer(window))
        break
    return Identity(label, date, date_at, agreement, agreement_date, at, recited, effective)


_EFFECTIVE = re.compile(r"\beffective\s+(?:as\s+of\s+|on\s+)(?:the\s+)?", re.I)


def _effective(head: str) -> str:
    """An amendment "dated as of March 1" may say it is "effective as of April 1": the latter is
    when it took effect."""
    for m in _EFFECTIVE.finditer(head):
        d = _DATE.match(head, m.end())
        if d:
            return iso(d.group())
    return ""


def base_identity(base: Document) -> tuple[str, str, int]:
    """The base's title, its date (ISO) and where the date is."""
    title = base.main.title or ""
    for m in _DATED.finditer(base.text[:8000]):
        d = _DATE.match(base.text, m.end())
        if d:
            return title, iso(d.group()), d.start()
    return title, "", 0


def check(base: Document, amendment: Amendment, ident: Identity) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    title, base_date, base_at = base_identity(base)
    amd_line = amendment.doc.position(ident.agreement_offset)[0] if ident.agreement else 0
    where = f"{amendment.path}:{amd_line}" if amd_line else amendment.path
    if not ident.agreement:
        out.append(Diagnostic("warning", "names_agreement", f"{amendment.path}: the amendment does not recite "
                              "the agreement it amends (title and date); nothing to check it against"))
    else:
        if title and not _same_title(ident.agreement, title) and not _same_title(ident.agreement, base.text[:600]):
            out.append(Diagnostic("warning", "names_agreement",
                                  f"{where}: the amendment amends \"{ident.agreement}\"; the base is \"{_short(title)}\" "
                                  f"({base.path}:{base.position(base.main.text_start)[0]})"))
        if ident.agreement_date and base_date and ident.agreement_date != base_date:
            out.append(Diagnostic("warning", "agreement_date",
                                  f"{where}: the amendment recites an agreement dated {ident.agreement_date}; the base "
                                  f"is dated {base_date} ({base.path}:{base.position(base_at)[0]})"))
        if ident.agreement_date and base_date and ident.agreement_date == base_date:
            out.append(Diagnostic("info", "names_agreement",
                                  f"{where}: the amendment names this agreement: \"{ident.agreement}\" dated "
                                  f"{ident.agreement_date}"))
    out.extend(_parties(base, amendment))
    if ident.date and base_date and ident.date < base_date:
        line = amendment.doc.position(ident.date_offset)[0]
        out.append(Diagnostic("warning", "amendment_date",
                              f"{amendment.path}:{line}: the amendment is dated {ident.date}, before the agreement it "
                              f"amends ({base_date}, {base.path}:{base.position(base_at)[0]}); probably a drafting "
                              "slip in the amendment's date"))
    return out


_NAME_WORD = r"(?:(?:[a-z]{1,3}[A-Z]|[A-Z])[\w&'.-]*|&)"  # "Acme", "U.S.", "iBasis", and "&"
_ENTITY = re.compile(rf"(?<![\w&])((?:{_NAME_WORD},?[ \t]+){{0,5}}{_NAME_WORD},?[ \t]+(?:Inc|Corp|Corporation|Company|"
                     r"LLC|L\.L\.C|Ltd|Limited|L\.P|LLP|N\.A|plc|PLC|Association|INC|CORP|CORPORATION|COMPANY|LTD|"
                     r"LIMITED|ASSOCIATION)\b\.?)")
_PREAMBLE_END = re.compile(r"\bWHEREAS\b|\bRECITALS\b|\bW\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H\b")


def parties(text: str) -> list[tuple[str, int]]:
    """The companies a document's opening paragraph names as parties, with their offsets."""
    head = text[:6000]
    end = _PREAMBLE_END.search(head)
    head = head[:end.start()] if end else head[:3000]
    found: dict[str, tuple[str, int]] = {}
    for m in _ENTITY.finditer(head):
        name = " ".join(m.group(1).split()).rstrip(",")
        found.setdefault(_folded(name), (name, m.start(1)))
    return list(found.values())


def _folded(name: str) -> str:
    words = re.sub(r"[^a-z0-9& ]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in ("the", "a", "an", "and", "as"))


def _parties(base: Document, amendment: Amendment) -> list[Diagnostic]:
    """The amendment's parties against the base's: an amendment between other companies is
    probably an amendment of another agreement; a new party (a joining lender) is only noted."""
    theirs = parties(amendment.doc.text)
    if not theirs:
        return []
    base_head = _folded(base.text[:10000])
    known = [(n, at) for n, at in theirs if _folded(n) in base_head]
    unknown = [(n, at) for n, at in theirs if _folded(n) not in base_head]
    line = amendment.doc.position(theirs[0][1])[0]
    names = ", ".join(f'"{n}"' for n, _ in unknown)
    if unknown and not known:
        return [Diagnostic("warning", "parties", f"{amendment.path}:{line}: none of the amendment's parties "
                                                          f"({names}) is named in the base ({base.path}): is this an "
                                                          "amendment of another agreement?")]
    if unknown:
        return [Diagnostic("info", "parties", f"{amendment.path}:{line}: the base does not name {names} (a new party?)")]
    return [Diagnostic("info", "parties", f"{amendment.path}:{line}: the amendment's parties are the base's: "
                                          f"{', '.join(n for n, _ in known)}")]


def _label(head: str) -> str:
    m = _LABEL.search(head)
    if not m:
        return ""
    if m.group("ordinal"):
        return f"{m.group('ordinal').capitalize()} Amendment"
    if m.group("num"):
        return f"Amendment No. {m.group('num').upper() if not m.group('num').isdigit() else m.group('num')}"
    return " ".join(w.capitalize() for w in m.group().split())


def _stem(path: str) -> str:
    name = re.split(r"[/\\]", path)[-1]
    return name.rsplit(".", 1)[0] or path


def _trim_name(name: str) -> str:
    words = name.split()
    while words and (words[0].lower() in ("a", "an", "the", "that", "certain", "to") or not words[0][:1].isupper()):
        words = words[1:]
    return " ".join(words)


def _same_title(recited: str, title: str) -> bool:
    """Every word of the recited name is in the title ("Credit Agreement" in "AMENDED AND RESTATED
    CREDIT AGREEMENT"), but for an acronym the title may leave out ("ISDA Master Agreement" names
    the "Schedule to the 2002 Master Agreement")."""
    mixed_case = recited != recited.upper()  # in "LOAN AGREEMENT" no word is an acronym
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", recited)} if mixed_case else set()
    a = set(re.findall(r"[a-z]+", recited.lower())) - {"the", "and", "of", "to", "a"}
    b = set(re.findall(r"[a-z]+", title.lower()))
    return bool(a - acronyms) and a - acronyms <= b | {"amended", "restated"}


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"
