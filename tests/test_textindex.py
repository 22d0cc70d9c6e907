"""Finding quoted words the way a reader does: any quotes, any line breaks, defined-term capitals."""
from __future__ import annotations

from conformed.document import Document
from conformed.textindex import case_compatible


def find(text: str, phrase: str) -> list[str]:
    doc = Document.from_text(text)
    view = doc.dense(0, len(text))
    return [text[m.start:m.end] for m in view.find_all(phrase)]


def test_quote_styles_and_line_breaks_do_not_matter():
    text = 'the Borrower\'s 11.5% Senior Secured Notes due 2005 (the\n“NOTES”) and (b) warrants\n'
    assert find(text, '(the "NOTES")') == ['(the\n“NOTES”)']


def test_page_furniture_inside_the_words_is_skipped():
    text = "signed by the Required\n\n<Page>\n\n                -7-\n\nHolders; PROVIDED, that\n"
    found = find(text, "Required Holders")
    assert len(found) == 1 and found[0].startswith("Required") and found[0].endswith("Holders")


def test_defined_terms_in_capitals_match_title_case():
    assert find('"FISCAL AGENCY AGREEMENT" means', "Fiscal Agency Agreement") == ["FISCAL AGENCY AGREEMENT"]


def test_a_case_only_difference_is_a_real_difference():
    assert find("upon a separation from service of the Employee", "Separation from Service") == []
    assert not case_compatible("Separation from Service", "separation from service")


def test_words_match_on_word_boundaries_only():
    assert find("the Shareholders and the Holders", "Holders") == ["Holders"]
    assert find("the Notes and the Note", "Note") == ["Note"]


def test_spacing_and_dashes_are_folded():
    assert find("U.S.$150,000,000.00 and thereafter", "U.S. $150,000,000.00") == ["U.S.$150,000,000.00"]
    assert find("the 2008–2010 period", "2008-2010") == ["2008–2010"]
