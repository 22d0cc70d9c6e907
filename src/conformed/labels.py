"""What a paragraph starts with: a structural label, a defined term, a heading.

These recognisers look at the first characters of one paragraph only; whether a label really
opens a provision (and at which depth) is decided by :mod:`conformed.outline` from the sequence
of labels, never here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ROMAN = re.compile(r"(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", re.I)

# Markdown and table debris that converted filings put before a label: "## ", "**", "| ", "\".
_LEAD_JUNK = re.compile(r"(?:[#>]+\s+|\*\*|__|\|\s*|\\(?=[-.(\d])|[ \t\u00a0]+)+")

# A heading's number is followed by a period, a caption, a tab or the end of the line; "Section 5 of
# the Agreement" and "Section 5(a)(v):" are references inside a sentence, not headings.
# A centred "ARTICLE 9" with its caption in capitals on the next line is a heading too.
_HEADING_END = r"""(?:\\?\.(?![\dA-Za-z])|:|(?=[ \t\u00a0]*$|[ \t\u00a0]+[A-Z"“(\[*_]|\t|[ \u00a0]{2}"""
_HEADING_END += r"""|[ \t\u00a0]*\r?\n[ \t\u00a0]*[A-Z][A-Z0-9 ,;:'’&()/-]*(?:\r?\n|$)))"""
_ARTICLE = re.compile(r"(?:ARTICLE|Article)[ \t\u00a0]+([IVXLC]+|\d{1,3})\b" + _HEADING_END)
_SECTION = re.compile(r"(?:SECTION|Section|SEC\.|Sec\.|§{1,2})[ \t\u00a0]*(\d{1,4}(?:\.\d{1,4})*[A-Za-z]?)\b"
                      + _HEADING_END)
_PART = re.compile(r"(?:PART|Part)[ \t\u00a0]+(\d{1,2}|[IVX]{1,5})\b" + _HEADING_END)
_PARAGRAPH = re.compile(r"(?:PARAGRAPH|Paragraph)[ \t\u00a0]+(\d{1,3}(?:\.\d{1,3})*)\b" + _HEADING_END)
_DECIMAL = re.compile(r"(\d{1,3}(?:\.\d{1,3})+(?:-[A-Z])?)\\?\.?(?=[\s\u00a0]|$)")
_INTEGER = re.compile(r"(\d{1,3})\\?\.(?=[\s\u00a0]|[A-Z])")
_ORDINAL = re.compile(r"(FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s*:", re.I)
_ENUM_PAREN = re.compile(r"\(\s*([a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\s*\)(?=[\s\u00a0*_|]|$)")
_ENUM_DOT = re.compile(r"([a-z]|[A-Z]|[ivx]{2,5}|[IVX]{2,5})\\?\.(?=[ \t\u00a0])")
_ATTACHMENT = re.compile(
    r"(EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|ADDENDUM|RIDER)"
    r"(?:[ \t\u00a0]+([A-Z0-9][\w.\-]*(?:\([\w.]+\))*))?\\?\.?(?=\s|$|:)")
_RECITALS = re.compile(r"(RECITALS|Recitals|BACKGROUND|Background|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H)\s*[:.\-]?\s*$")
_WHEREAS = re.compile(r"WHEREAS\b|Whereas,")
_NOW_THEREFORE = re.compile(r"NOW,?\s+THEREFORE|Now,?\s+[Tt]herefore")
_WITNESS = re.compile(r"IN\s+WITNESS\s+WHEREOF|In\s+[Ww]itness\s+[Ww]hereof")

_QUOTE_OPEN = "\"“'‘`"
_DEFINITION = re.compile(
    r"""(?:\*\*|_)*["“]{1,2}(?:\*\*|_)*\s*(?P<term>[^"”\n]{1,150}?)\s*(?:\*\*|_)*["”]{1,2}(?:\*\*|_)*"""
    r"""(?:\s*(?:,|or|and)\s*(?:\*\*|_)*["“][^"”\n]{1,150}["”](?:\*\*|_)*)*"""
    r"""\s*(?:\([^)\n]{0,120}\)\s*)?,?\s*(?:\*\*|_)*\s*"""
    r"""(?:(?:of|for|with\s+respect\s+to|in\s+respect\s+of|as\s+to|when\s+used)\s+[^"“\n.;:]{1,60}?\s+)?"""
    r"""(?:means|mean|shall\s+mean|has\s+the\s+meaning|have\s+the\s+meaning|shall\s+have\s+the\s+meaning"""
    r"""|will\s+have\s+the\s+meaning|is\s+defined|refers\s+to|shall\s+refer\s+to|includes|shall\s+include|:)""",
    re.I)

_SMALL_WORDS = {"and", "or", "of", "the", "to", "in", "for", "on", "with", "a", "an", "by", "upon", "under",
                "from", "as", "at", "not", "other", "than", "etc."}
DOC_NOUNS = ("SCHEDULE", "EXHIBIT", "ANNEX", "APPENDIX", "ATTACHMENT", "ADDENDUM", "RIDER")


@dataclass(frozen=True)
class Start:
    """How a paragraph starts. ``length`` counts the characters of the label itself."""

    kind: str
    num: str = ""
    raw: str = ""
    length: int = 0
    style: str = ""  # for enumerations: "paren" | "dot"


_LEAD_FIRST = frozenset("#>*_|\\ \t\u00a0")


def lead_length(text: str) -> int:
    if text[:1] not in _LEAD_FIRST:
        return 0
    m = _LEAD_JUNK.match(text)
    return m.end() if m else 0


_FIRST_WORD = re.compile(r"[A-Za-z]+")
# Words a label or heading can open with; a paragraph opening with any other word is prose.
_LABEL_WORDS = frozenset("""article section sec part paragraph exhibit schedule annex appendix attachment addendum
rider recitals background whereas now in w first second third fourth fifth sixth seventh eighth ninth tenth""".split())


def classify(text: str) -> Start | None:
    """Classify the start of a paragraph (its text from the first visible character)."""
    lead = lead_length(text)
    body = text[lead:]
    word = _FIRST_WORD.match(body)
    if word is not None and word.group().lower() not in _LABEL_WORDS:
        after = body[word.end():word.end() + 1]
        if not (after == "." and (word.end() == 1 or ROMAN.fullmatch(word.group()))):
            return None  # prose: "The Borrower shall ...", not "a." nor "iv."
    first = body[:1]
    if first == "(":
        m = _ENUM_PAREN.match(body)
        if m and _plausible_enum(m.group(1)):
            return Start("clause", m.group(1), m.group(0), lead + m.end(), "paren")
        return None
    if first.isdigit():
        m = _DECIMAL.match(body) or _INTEGER.match(body)
        return Start("section", normalise_num(m.group(1)), m.group(0), lead + m.end()) if m else None
    for kind, rx in (("article", _ARTICLE), ("section", _SECTION), ("part", _PART), ("paragraph", _PARAGRAPH)):
        m = rx.match(body)
        if m:
            return Start(kind, normalise_num(m.group(1)), m.group(0), lead + m.end())
    m = _ORDINAL.match(body)
    if m:
        return Start("section", m.group(1).lower(), m.group(0), lead + m.end())
    m = _ENUM_DOT.match(body)
    if m and _plausible_enum(m.group(1)):
        return Start("clause", m.group(1), m.group(0), lead + m.end(), "dot")
    return classify_unlabelled(body, lead)


def classify_unlabelled(body: str, lead: int = 0) -> Start | None:
    if body[:1] in _QUOTE_OPEN or body.startswith(("**", "_")):
        m = _DEFINITION.match(body)
        if m:
            return Start("definition", m.group("term").strip(" *_"), "", lead)
        return None
    heading = attachment(body)
    if heading is not None:
        return Start(heading.kind, heading.num, heading.raw, lead + heading.length)
    for kind, rx in (("recitals", _RECITALS), ("whereas", _WHEREAS), ("now_therefore", _NOW_THEREFORE),
                     ("witness", _WITNESS)):
        m = rx.match(body)
        if m:
            return Start(kind, "", m.group(0), lead + m.end())
    return None


def attachment(body: str) -> Start | None:
    """An attachment heading ("EXHIBIT A", "Schedule 2.3") at the start of ``body``, if any."""
    m = _ATTACHMENT.match(body)
    if m and (m.group(1).isupper() or m.group(2)) and len(body.split("\n", 1)[0]) < 120:
        return Start(m.group(1).lower(), normalise_num(m.group(2) or ""), m.group(0), m.end())
    return None


def definition_term(text: str) -> str | None:
    """The defined term a paragraph (or the text after a clause label) opens with, if any."""
    body = text[lead_length(text):]
    if body[:1] in _QUOTE_OPEN or body.startswith(("**", "_")):
        m = _DEFINITION.match(body)
        if m:
            return m.group("term").strip(" *_")
    return None


def starts_with_label(text: str) -> bool:
    """Cheap test used by the layout: could this line open a new paragraph?"""
    start = classify(text)
    return start is not None and start.kind not in ("whereas",)


def _plausible_enum(token: str) -> bool:
    if len(token) == 1 or token.isdigit():
        return True
    if not (token.islower() or token.isupper()):
        return False
    return bool(ROMAN.fullmatch(token)) or len(set(token)) == 1


def normalise_num(num: str) -> str:
    """'13.4.' -> '13.4'; '4.c.' -> '4.c'; '( c )' -> 'c'; 'VII' stays 'VII'."""
    return num.strip().strip("().\\ ").replace(" ", "")


def roman_value(token: str) -> int | None:
    if not token or not ROMAN.fullmatch(token):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total, prev = 0, 0
    for ch in reversed(token.lower()):
        v = values[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def label_for(style: str, ordinal: int) -> str:
    """The label token of the ``ordinal``-th item in a numbering style ("paren:lower", 3 -> "c";
    "paren:lower-roman", 4 -> "iv"; "paren:upper", 27 -> "AA"; "paren:digit", 5 -> "5")."""
    case = style.split(":", 1)[1] if ":" in style else style
    if ordinal < 1:
        raise ValueError(f"no label numbers {ordinal} in {style}")
    if case.endswith("digit"):
        return str(ordinal)
    if case.endswith("roman"):
        token = _roman(ordinal)
    else:  # a..z, then aa..zz (the doubling lists in agreements use)
        token = chr(ord("a") + (ordinal - 1) % 26) * ((ordinal - 1) // 26 + 1)
    return token.upper() if case.startswith("upper") else token


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


_CAPTION_LEAD = re.compile(r"[ \t\u00a0|*_]*")
_NOT_CAPTION_END = re.compile(r"(?:[A-Z]\.)+|No\.|Sec\.")


def caption(text: str, pos: int, end: int) -> tuple[str, int]:
    """The caption after a label ('AMENDMENTS AND WAIVERS.', 'Amendments.') and where the body starts."""
    pos = _CAPTION_LEAD.match(text, pos).end()
    first = text[pos:pos + 1]
    if not first or not (first.isupper() or first.isdigit() or first in "(\"“"):
        return "", pos  # "(a) the Borrower shall ...": no caption
    chunk = text[pos:min(end, pos + 240)]
    words = chunk.split(maxsplit=16)
    count = None
    all_caps = _caps_word(words[0]) if words else False
    for i, raw in enumerate(words[:16]):
        word = raw.strip("*_")
        if all_caps:
            if not _caps_word(word):
                break
        elif not (word[:1].isupper() or word[:1] in "(\"“" or word.lower() in _SMALL_WORDS or word[:1].isdigit()):
            break
        bare = word.rstrip("\"”’'")
        if bare.endswith((".", ":")) and not _NOT_CAPTION_END.fullmatch(bare):
            count = i + 1
            break
        if i and len(bare) == 2 and bare[0].isupper() and bare[1] in ".:" \
                and words[i - 1].strip("*_").lower() in _LABEL_WORDS:
            count = i + 1  # "Exhibit A.": a name, not an initial
            break
    else:
        if words and len(words) <= 16 and end - pos < 150:  # a heading on its own line
            count = len(words)
    if count is None:
        return "", pos
    caption_end = pos + _nth_word_end(chunk, count)
    rest = _CAPTION_LEAD.match(text, caption_end)
    return " ".join(text[pos:caption_end].split()), rest.end()


_NON_SPACE = re.compile(r"\S+")


def _nth_word_end(chunk: str, count: int) -> int:
    for i, m in enumerate(_NON_SPACE.finditer(chunk), 1):
        if i == count:
            return m.end()
    return len(chunk)


_HAS_LETTER = re.compile(r"[^\W\d_]")


def _caps_word(word: str) -> bool:
    """All its letters capitals ("AMENDMENTS,", "13.4" has none and counts too)."""
    return word.isupper() or (bool(word) and not _HAS_LETTER.search(word))




@lru_cache(maxsize=4096)
def styles(token: str, form: str) -> list[tuple[str, int]]:
    """Every numbering style a label token can belong to, with its ordinal in that style."""
    out: list[tuple[str, int]] = []
    if token.isdigit():
        return [(f"{form}:digit", int(token))]
    lower = token.islower()
    case = "lower" if lower else "upper"
    roman = roman_value(token)
    if len(token) == 1:
        out.append((f"{form}:{case}", ord(token.lower()) - 96))
        if roman is not None:
            out.append((f"{form}:{case}-roman", roman))
        # the letter i after h reads as a letter; alone it opens a roman list
        out.sort(key=lambda s: (s[1] != 1, s[0].endswith("roman")))
        return out
    if roman is not None:
        out.append((f"{form}:{case}-roman", roman))
    if len(set(token)) == 1:
        out.append((f"{form}:{case}", 26 * (len(token) - 1) + ord(token[0].lower()) - 96))
    return out or [(f"{form}:{case}", 0)]


@lru_cache(maxsize=4096)
def ordinal(token: str, style: str) -> int:
    for s, value in styles(token, style.split(":")[0]):
        if s == style:
            return value
    return -1
