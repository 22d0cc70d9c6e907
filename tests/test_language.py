"""Every supported form of instruction, read and carried out on agreement text.

Each case is an instruction as a filing writes it (the ``p...`` ones copied from the corpus of
real filings, ../shared/corpus) applied to a short base written in the layout of such filings,
then checked on the conformed words: what must now be there, and what must be gone or untouched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conformed import engine
from conformed.document import Document

from .conftest import FIXTURES

CREDIT = (FIXTURES / "bases" / "credit-agreement.txt").read_text(encoding="utf-8")


@dataclass
class Case:
    name: str
    instruction: str
    base: str
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # base text that must survive as it is


def run(instruction: str, base: str) -> engine.Result:
    return engine.run(Document.from_text(base, "base.txt"), [Document.from_text(instruction + "\n", "amendment.txt")])


def flat(text: str) -> str:
    """The text with hard line breaks and runs of spaces as single spaces, curly quotes straight
    (new text keeps the amendment's own quotation marks)."""
    return " ".join(text.translate(str.maketrans("\u201c\u201d\u2019", "\"\"'")).split())


PLAN = """\
                         ACME CORPORATION 2010 STOCK INCENTIVE PLAN

     2.5 "Company" means Torchmark Corporation, a Delaware corporation, and any
successor thereto.

     2.6 "Committee" means the Administrative Committee of the Board.

     2.8 "Parent" means Torchmark Corporation and its successors. The
Administrative Committee may designate any Affiliate of the Parent.

     4. SHARES SUBJECT TO THE PLAN.

     (a) Number of Shares. The maximum number of Shares that may be issued under
the Plan is 133,000,000 Shares. Shares issued under the Plan may be authorized
but unissued Shares. No more than 133,000,000 Shares may be issued as
Incentive Stock Options.

<PAGE>

                                      -4-

     (b) Adjustments. The Committee shall adjust the number of Shares in the
event of any stock split.

     Awards granted on or after May 18, 2011 shall be subject to the limits of
this Section 4(b), which apply to Awards granted on or after May 18, 2011 and
to Awards outstanding on May 18, 2011, except that the Committee may waive
the limits for any Award of fewer than 10,000 Shares. The limits shall apply
to any Award granted on or after May 18, 2011 to a Covered Employee.

     4.1 Termination. Upon a separation from service, all unvested Options
shall be forfeited.

     4.6 Payment. (a) Payments shall be made in cash.

     (b) Any payment upon a separation from service shall be delayed six
months.

     4.7 Other. A separation from service is determined under Section 409A.

     5. OPTIONS.

     (c) Repricing. (i) No Option may be repriced.

     (ii) The Committee may not implement an Option Exchange Program without
stockholder approval, and no Option may be exchanged for cash in an
exchange offer under any circumstances.
"""

LICENSE = """\
                              LICENSE AGREEMENT

     ARTICLE 3. ROYALTIES

     3.1 ABI shall pay the fees set forth in Exhibit A.

     3.2 ABI or any licensee shall pay TAMUS a royalty of two percent (2%) of
the NET SELLING PRICE of each LICENSED PRODUCT. Royalties payable by ABI or
any licensee are due quarterly.

     3.3 Reports shall accompany each payment.

     ARTICLE 4. TERM
"""

ISDA = """\
                                  SCHEDULE
                                   to the
                          ISDA Master Agreement

Part 4. Miscellaneous

(e) Calculation Agent. The Calculation Agent is Party A.

(f) Credit Support Document. Details of any Credit Support Document:

(i) In relation to Party A: None.

(ii) In relation to Party B: None.

(g) Credit Support Provider. Credit Support Provider means, in relation to Party B, None.
"""

RIGHTS = """\
                                RIGHTS AGREEMENT

     Section 21. Change of Rights Agent. The Rights Agent may resign upon 30
days' notice. The Company may remove the Rights Agent upon 30 days' notice. If
the Rights Agent resigns, the Company shall appoint a successor. If the Company
fails to appoint a successor, any holder may apply to a court. Any successor
Rights Agent, whether appointed by the Company or by such a court, shall be a
corporation organized under the laws of the State of New York. After
appointment, the successor shall have the same powers as its predecessor.
"""

LEASE = """\
                                 OFFICE LEASE

     1.1 Definitions.

     "Base Rent" means $25.00 per rentable square foot per year.

     "Premises" means Suite 400 of the Building.

     12. Assignment. Tenant shall not assign this Lease without Landlord's
consent. Landlord shall not unreasonably withhold its consent. Any assignment
without consent shall be void.
"""

INDENTURE = """\
     Section 2.08. Interest. The Securities shall bear interest at 4.75%.

     Contingent interest shall accrue as provided in Exhibit A.

     No contingent interest shall accrue after Maturity.

     The Company shall pay contingent interest in cash.

     Section 2.11. Payment. The Company shall pay principal and contingent
interest on the Securities in money of the United States.
"""

NOTE = """\
                              SERIES A NOTE

     1. Interest. Interest accrues at 6% per annum.

     2. Security. This Note is secured by the Collateral.

     3. Payments.

     Principal of this Series A Note shall be paid in quarterly payments of
$150,000.

     (a) Each payment shall be applied first to interest.

     Any payment not made when due shall bear interest at the Default Rate.
"""

ROYALTY = """\
                            LICENSE AGREEMENT

I. DEFINITIONS. Capitalized terms have the meanings given in Exhibit A.

II. GRANT. RDI grants CPI an exclusive license to the Licensed Products.

III. ROYALTIES

     A. Advance. CPI shall pay RDI an advance of $50,000.

     B. Credit. The advance shall be credited against royalties.

     C. Minimum Royalties. CPI shall pay RDI minimum royalties as follows:

          (1) $10,000 for the first year;

          (2) $20,000 for the second year;

          (3) $30,000 for the third year; and

          (4) $40,000 for each year thereafter.

     D. CPI shall pay to RDI an earned royalty of five percent (5%) on CPI's
Net Sales, paid quarterly.

     E. Reports. CPI shall report Net Sales quarterly.
"""

EMPLOYMENT = """\
                            EMPLOYMENT AGREEMENT

     4. Compensation.

          a. Salary. The Company shall pay Executive a salary of $300,000.

          b. Benefits. Executive may participate in all benefit plans.

          c. Discretionary Bonus. Executive may receive a bonus at the sole
     discretion of the Board.

     5. Termination.

          (a) Termination Without Cause. The Company may terminate Executive's
     employment at any time without Cause:

               (A) upon 30 days' written notice; or

               (B) upon payment of three months' salary in lieu of notice.

     Executive shall receive accrued salary through the date of termination.
     Executive shall return all Company property. Executive shall resign from all
     offices. Executive shall cooperate in any transition.
"""

CREDIT_215 = """\
     SECTION 2.15. Defaulting Lenders. (a) Fees shall cease to accrue for a
Defaulting Lender.

     (b) Voting rights of a Defaulting Lender are suspended.

     (c) Payments to a Defaulting Lender shall be held by the Agent.

     (d) A Defaulting Lender shall not receive letter of credit fees.

     (e) The Borrower may replace a Defaulting Lender.

     SECTION 2.16. Taxes. All payments shall be made free of Taxes.
"""

CASES = [
    # -- restate in its entirety ------------------------------------------------------------------------
    Case("p003 restate a clause of an ISDA Schedule Part",
         '(a) Part 4(f)(ii) of the Schedule is deleted in its entirety and replaced with\nthe following:\n\n\n\n'
         '"(ii) In relation to Party B, (1) the Credit Support Annex dated as of the\ndate hereof and attached hereto '
         'between the parties hereto and (2) the Deposit\nAccount Control Agreement referred to in said Credit Support '
         'Annex."', ISDA,
         present=["(ii) In relation to Party B, (1) the Credit Support Annex dated as of the date hereof"],
         absent=["(ii) In relation to Party B: None."], unchanged=["(i) In relation to Party A: None."]),
    Case("restate a section to read in full", 'Section 2.03 of the Credit Agreement is amended to read in full as '
         'follows:\n\n"SECTION 2.03. Fees. The Borrower agrees to pay a commitment fee of 0.375% per annum."', CREDIT,
         present=["SECTION 2.03. Fees. The Borrower agrees to pay a commitment fee of 0.375% per annum."],
         absent=["0.50%"]),
    Case("p157 restate a definition of a lease",
         "1. The definition of \u201cBase Rent\u201d in Section 1.1 of the Lease is hereby deleted\nin its entirety and "
         "replaced with the following:\n\n\u201cBase Rent\u201d means $27.50 per rentable square foot per year.",
         LEASE, present=['"Base Rent" means $27.50 per rentable square foot'], absent=["$25.00"],
         unchanged=['"Premises" means Suite 400']),
    Case("two definitions restated by one payload, each by its term",
         'The definitions of "Borrower" and "Subsidiary" set forth in Section 1.01 of the Credit Agreement are hereby '
         'amended and restated in their entirety as follows:\n\n"Borrower" means Acme Holdings, Inc., and its '
         'successors.\n\n"Subsidiary" means any Person of which the Borrower owns more than 50% of the voting stock.',
         CREDIT, present=['"Borrower" means Acme Holdings, Inc., and its successors.',
                          '"Subsidiary" means any Person of which the Borrower owns more than 50%'],
         absent=["has the meaning set forth in the preamble", "owns a majority"]),
    Case("[Reserved] takes the caption too", 'Section 7.02 of the Credit Agreement is hereby deleted in its entirety '
         'and replaced with "[Reserved]".', CREDIT, present=["SECTION 7.02. [Reserved]"], absent=["Remedies"]),
    Case("deleted and the following substituted therefor", 'Section 2.03 of the Credit Agreement is hereby deleted '
         'in its entirety and the following is substituted therefor:\n\n"SECTION 2.03. Fees. No fees are payable."',
         CREDIT, present=["SECTION 2.03. Fees. No fees are payable."], absent=["commitment fee"]),
    # -- replace words --------------------------------------------------------------------------------------
    Case("p138 a term in the first sentence only",
         "(a)\nThe first sentence of Section 4(a) of the Plan is hereby amended by deleting the term \u201c133,000,000"
         "\u201d and substituting the term \u201c158,000,000\u201d in its place and stead.", PLAN,
         present=["the Plan is 158,000,000 Shares."], unchanged=["No more than 133,000,000 Shares"]),
    Case("p163 a phrase in two sections",
         "7.The phrase \u201cTorchmark Corporation\u201d is replaced by the phrase \u201cGlobe Life Inc.\u201d in "
         "Section 2.5 and Section 2.8 of the Plan.", PLAN,
         present=['"Company" means Globe Life Inc., a Delaware', '"Parent" means Globe Life Inc. and its',
                  ], absent=["Torchmark"]),
    Case("p164 a change of case only, in the sections named",
         "8.The phrase \u201cseparation from service\u201d is replaced with the phrase \u201cSeparation from "
         "Service\u201d in Section 4.1 and Section 4.6(b) of the Plan.", PLAN,
         present=["Upon a Separation from Service, all", "upon a Separation from Service shall"],
         unchanged=["A separation from service is determined"]),
    Case("p130 two references replaced respectively",
         "Section 2.02 of the Credit Agreement is hereby amended by deleting the references in clause (b)(ii) to "
         "\u201cNet Proceeds\u201d and \u201c180 days\u201d, and replacing such references with \u201cNet Cash "
         "Proceeds\u201d and \u201c365 days\u201d, respectively.", CREDIT,
         present=["(ii) less the amount of any Net Cash Proceeds reinvested within 365 days;"],
         unchanged=["(i) 100% of the Net Proceeds of such Asset Sale;"]),
    Case("statute style: striking and inserting", 'Section 2.02(b)(iii) of the Credit Agreement is hereby amended '
         'by striking "Debt" and inserting "Indebtedness".', CREDIT,
         present=["required to repay Indebtedness secured"], unchanged=["of Debt of others"]),
    Case("the reference to X is changed to Y", 'The reference to "0.50%" in Section 2.03 of the Credit Agreement is '
         'changed to "0.375%".', CREDIT, present=["fee of 0.375% per annum"]),
    Case("changed from X to Y", 'Section 2.03 of the Credit Agreement is amended by changing the commitment fee '
         'from "0.50%" to "0.40%".', CREDIT, present=["fee of 0.40% per annum"]),
    Case("the second occurrence", 'Section 2.02(c) of the Credit Agreement is hereby amended by replacing the '
         'second occurrence of the word "prepayment" with the word "payment".', CREDIT,
         present=["notify each Lender of each\npayment. Each prepayment shall be applied"]),
    Case("in the third place it appears", 'Section 2.02(c) of the Credit Agreement is hereby amended by replacing '
         'the word "prepayment" in the third place it appears with the word "payment".', CREDIT,
         present=["prepayment. Each payment shall be applied"]),
    Case("clause (x) of a definition", 'Clause (y) of the definition of "Applicable Margin" is hereby amended by '
         'deleting "1.50%" and substituting "1.25%" therefor.', CREDIT,
         present=["1.25% per annum."], unchanged=["Eurodollar Loan, 2.50% per annum"]),
    # -- every place it appears -------------------------------------------------------------------------------
    Case("p162 all references in the Plan",
         "3.All references in the Plan to the phrase \u201cAdministrative Committee\u201d shall be removed and replaced "
         "with the phrase \u201cPlan Administrative Committee.\u201d", PLAN,
         present=["means the Plan Administrative Committee of the Board", "Plan Administrative Committee may designate"]),
    Case("each place it appears, other than in the definition thereof",
         'The Credit Agreement is hereby amended by replacing the word "Borrower" with the word "Company" each '
         'place it appears (other than in the definition thereof).', CREDIT,
         present=["Asset Sale, the Company shall prepay", "of which the Company owns"],
         unchanged=['"Borrower" has the meaning', "prepay any Borrowing"]),
    Case("each reference ... shall mean and be a reference to", 'Each reference to "Administrative Agent" in Article '
         'VII of the Credit Agreement shall mean and be a reference to "Agent".', CREDIT,
         present=["then the Agent may declare"], unchanged=["The Administrative Agent shall notify"]),
    # -- insert words ------------------------------------------------------------------------------------------
    Case("p142 compound (i) and (ii), each instance in the second line",
         "(a)\nSection 5(c)(ii) of the Plan is hereby amended (i) by inserting the words \u201cor SAR exchange "
         "program\u201d after the words \u201cOption Exchange Program\u201d and (ii) by inserting the words \u201cor "
         "SAR\u201d after each instance of the word \u201cOption\u201d in the second line thereof.", PLAN,
         present=["implement an Option Exchange Program or SAR exchange program without",
                  "approval, and no Option or SAR may be exchanged for cash in an"],
         unchanged=["exchange offer under any circumstances."]),
    Case("p141 after a date in each of the second and fifth lines",
         "(a)\nThe second paragraph of Section 4(b) of the Plan is hereby amended by inserting the words \u201cbut "
         "prior to May 9, 2013\u201d after the date \u201cMay 18, 2011\u201d in each of the second and fifth lines "
         "thereof.", PLAN,
         present=["this Section 4(b), which apply to Awards granted on or after May 18, 2011 but prior to May 9, 2013",
                  "to any Award granted on or after May 18, 2011 but prior to May 9, 2013 to a Covered"],
         unchanged=["Awards granted on or after May 18, 2011 shall be subject", "outstanding on May 18, 2011, except"]),
    Case("a proviso at the end of the first sentence", 'Section 2.03 of the Credit Agreement is amended by adding '
         'the following proviso at the end of the first sentence thereof: "; provided that no commitment fee shall '
         'accrue during any Default"', CREDIT,
         present=["unused Commitments; provided that no commitment fee shall accrue during any Default."]),
    Case("before the period at the end", 'Section 2.03 of the Credit Agreement is hereby amended by inserting the '
         'words " and on the date of termination" before the period at the end thereof.', CREDIT,
         present=["unused Commitments and on the date of termination."]),
    Case("at the beginning", 'Section 2.02(c) of the Credit Agreement is hereby amended by inserting the following at '
         'the beginning thereof: "Except as otherwise provided herein,"', CREDIT,
         present=["(c) Except as otherwise provided herein, Each prepayment"]),
    Case("p085 a sentence after the penultimate sentence",
         "Section 21 is hereby amended by adding the following sentence immediately after the penultimate sentence "
         "of such section: \u201cThe Company shall give notice of any appointment.\u201d", RIGHTS,
         present=["the State of New York. The Company shall give notice of any appointment. After appointment"]),
    Case("a sentence after the Nth sentence of a paragraph, as in p140",
         "(c)\nThe second paragraph of Section 2.08 is hereby amended by inserting the following after the first "
         "sentence therein: \u201cIt shall be paid quarterly.\u201d", INDENTURE,
         present=["Contingent interest shall accrue as provided in Exhibit A. It shall be paid quarterly."]),
    # -- delete --------------------------------------------------------------------------------------------------
    Case("p100 words in the first sentence only",
         "2. The first sentence of Article 3.2 is amended by\ndeleting the words \"or any licensee\".", LICENSE,
         present=["3.2 ABI shall pay TAMUS a royalty"], unchanged=["payable by ABI or\nany licensee are due"]),
    Case("the last sentence", "Section 2.02(c) of the Credit Agreement is hereby amended by deleting the last "
         "sentence thereof.", CREDIT, present=["of each\nprepayment.\n"], absent=["applied ratably"]),
    Case("a whole section", "Section 7.02 of the Credit Agreement is hereby deleted in its entirety.", CREDIT,
         absent=["Remedies"], unchanged=["SECTION 7.01. Events of Default."]),
    Case("a definition", 'Article I of the Credit Agreement is hereby amended by deleting the definition of '
         '"Restatement Date" in its entirety.', CREDIT, absent=["Restatement Date"],
         unchanged=['"Subsidiary" means']),
    Case("the word at the end of a clause", 'Section 7.01 of the Credit Agreement is hereby amended by deleting the '
         'word "or" at the end of clause (c) thereof.', CREDIT,
         present=["incorrect in any material respect;\n"], unchanged=["(d) the Borrower shall become insolvent;"]),
    Case("the proviso at the end", "The proviso at the end of Section 2.02(a) of the Credit Agreement is hereby "
         "deleted.", CREDIT.replace("without premium or penalty.", "without premium or penalty; provided that\n"
                                    "notice is given."),
         present=["without premium or penalty;"], absent=["notice is given"]),
    # -- new provisions --------------------------------------------------------------------------------------------
    Case("definitions in the appropriate alphabetical order",
         'Section 1.01 of the Credit Agreement is hereby amended by adding the following new definitions in the '
         'appropriate alphabetical order:\n\n"Amendment No. 1 Effective Date" means June 1, 2012.\n\n"Sanctions" '
         'means economic sanctions administered by OFAC.', CREDIT,
         present=['below:\n\n     "Amendment No. 1 Effective Date" means June 1, 2012.\n\n     "Applicable Margin"',
                  'March 1, 2010.\n\n     "Sanctions" means economic sanctions administered by OFAC.\n\n'
                  '     "Subsidiary"']),
    Case("a new section immediately after another", 'The Credit Agreement is hereby amended by inserting the '
         'following new Section 2.04 immediately after Section 2.03:\n\n"SECTION 2.04. Increase. The Borrower may '
         'request an increase of the Commitments."', CREDIT,
         present=["on the unused Commitments.\n\n     SECTION 2.04. Increase. The Borrower may request an"]),
    Case("a new clause as a new clause (e)", 'Section 7.01 of the Credit Agreement is hereby amended by adding the '
         'following as a new clause (e):\n\n"(e) a Change of Control shall occur;"', CREDIT,
         present=["(d) the Borrower shall become insolvent;\n\n          (e) a Change of Control shall occur;"]),
    Case("a new clause immediately following clause (c)", 'Section 7.01 of the Credit Agreement is hereby amended by '
         'inserting the following new clause immediately following clause (c) thereof:\n\n"(c-1) any Loan Document '
         'shall cease to be in full force and effect;"', CREDIT,
         present=["material respect; or\n\n          (c-1) any Loan Document shall cease"]),
    Case("a new clause inside a definition's running text",
         'The definition of "Debt" in Section 1.01 of the Credit Agreement is hereby amended by (a) deleting the word '
         '"and" immediately preceding clause (ii) thereof and (b) adding the following new clause (iii) at the end '
         'thereof: ", and (iii) all Capital Lease Obligations of such Person"', CREDIT,
         present=["of Debt of others, and (iii) all Capital Lease Obligations of such Person."]),
    Case("p101 a new article after an existing one, page number inside the payload",
         "3. The following shall be inserted following the\nexisting Article 3.2:\n\"3.2-A. In the event ABI enters "
         "into a sublicense\narrangement, ABI shall pay TAMUS\n-1-\n2\nfive percent (5%) of all amounts received.\"",
         LICENSE, present=["3.2-A. In the event ABI enters into a sublicense arrangement, ABI shall pay TAMUS five "
                           "percent (5%) of all amounts received."], unchanged=["3.3 Reports shall accompany"]),
    Case("p106 as new third and fourth sentences",
         "Section 2.08 of the Indenture is hereby further\namended by insertion of the following as new third and "
         "fourth\nsentences:\n|\n\u201cIt shall be paid quarterly. It shall be paid in cash.\u201d",
         INDENTURE.replace("Section 2.08. Interest. The Securities shall bear interest at 4.75%.",
                           "Section 2.08. Interest. The Securities shall bear interest. The rate is 4.75%. "
                           "Interest\nruns from the Issue Date."),
         present=["The rate is 4.75%. It shall be paid quarterly. It shall be paid in cash. Interest runs from"]),
    Case("p079 the first unnumbered paragraph",
         "The first unnumbered paragraph of Section 3 of the Note shall be replaced with the following: \"Principal "
         "of this Series A Note shall be paid in monthly payments of $58,978.28.\"", NOTE,
         present=["Principal of this Series A Note shall be paid in monthly payments of $58,978.28."],
         absent=["quarterly payments"], unchanged=["(a) Each payment shall be applied first to interest.",
                                                  "Any payment not made when due"]),
    Case("p086 the introductory language of a clause",
         "The introductory language to Section 5(a) shall be replaced in its entirety with the following: \"The "
         "Company may terminate Executive's employment without Cause only:\"", EMPLOYMENT,
         present=["(a) Termination Without Cause. The Company may terminate Executive's employment without Cause "
                  "only:"], unchanged=["(A) upon 30 days' written notice; or"]),
    Case("p084 a section checked by its title",
         "Amendment. The parties agree that Section 4.c. of the Agreement, titled \u201cDiscretionary Bonus\u201d "
         "shall be deleted in its entirety and replaced with the following: \u201cc. Annual Bonus. Executive shall "
         "receive an annual bonus of 50% of salary.\u201d", EMPLOYMENT,
         present=["c. Annual Bonus. Executive shall receive an annual bonus of 50% of salary."],
         absent=["sole\n     discretion"], unchanged=["b. Benefits."]),
    Case("p102 a new subsection with its number",
         "1. Paragraph III C. is hereby amended to add a subsection (5) which\nshall read in its entirety as "
         "follows:\n\n(5) Any and all minimum royalties shall be credited against\nroyalties earned.", ROYALTY,
         present=["(4) $40,000 for each year thereafter.\n\n          (5) Any and all minimum royalties shall be "
                  "credited"]),
    Case("p103 a lettered paragraph restated",
         "2. Paragraph III D. is hereby amended in its entirety to read as\nfollows:\n\nD. CPI shall pay to RDI an "
         "earned royalty of six percent (6%) on CPI's Net Sales, paid quarterly.", ROYALTY,
         present=["D. CPI shall pay to RDI an earned royalty of six percent (6%)"], absent=["five percent"],
         unchanged=["E. Reports."]),
    Case("p122 three clauses restated, respectively",
         "Sections 2.15(a), (d) and (e) of the Credit Agreement are hereby deleted in their entirety and replaced "
         "with the following text, respectively:\n\n\"(a) Fees shall accrue for no Defaulting Lender.\"\n\n\"(d) A "
         "Defaulting Lender shall receive no fees.\"\n\n\"(e) The Borrower shall replace a Defaulting Lender.\"",
         CREDIT_215, present=["(a) Fees shall accrue for no Defaulting Lender.",
                              "(d) A Defaulting Lender shall receive no fees.",
                              "(e) The Borrower shall replace a Defaulting Lender."],
         unchanged=["(b) Voting rights", "(c) Payments to a Defaulting Lender"]),
    Case("p123 a range of sections restated",
         "Sections 2.02 through 2.03 of the Credit Agreement are hereby amended to read in their entirety as "
         "follows:\n\n\"SECTION 2.02. Prepayments. The Borrower may prepay the Loans at any time.\"\n\n\"SECTION "
         "2.03. Fees. No fees are payable.\"", CREDIT,
         present=["SECTION 2.02. Prepayments. The Borrower may prepay the Loans at any time.",
                  "SECTION 2.03. Fees. No fees are payable."], absent=["Asset Sale", "commitment fee"],
         unchanged=["SECTION 2.01. Commitments."]),
    Case("p076 at the end of a clause of a definition, through 'therein' and 'thereof'",
         "(a) Section 1.01 of the Credit Agreement is hereby amended by amending the definition of \"Debt\" therein "
         "by adding at the end of clause (i) thereof the following phrase: \"and all obligations evidenced by "
         "notes\"", CREDIT, present=["for\nborrowed money and all obligations evidenced by notes and (ii) all"]),
    Case("p093 a word replaced by a comma, and a clause added inside the text",
         "Section 7(a) of the Rights Agreement is amended by deleting the word \"or\" immediately preceding clause "
         "(iii) and replacing such word with \",\" and by adding the following at the end of clause (iii): \"or "
         "(iv) the Effective Time of the Merger\"",
         "     Section 7. Exercise. (a) The Rights expire at the earliest of (i) the\nFinal Expiration Date, (ii) the "
         "Redemption Date or (iii) the Exchange Date.\n",
         present=["(ii) the Redemption Date, (iii) the Exchange Date or (iv) the Effective Time of the Merger."]),
    # -- renumber and reletter ---------------------------------------------------------------------------------------
    Case("delete a clause and reletter the rest", "Section 7.01 of the Credit Agreement is hereby amended by deleting "
         "clause (c) thereof in its entirety and relettering the remaining clauses accordingly.", CREDIT,
         present=["(c) the Borrower shall become insolvent;"], absent=["(d) the Borrower", "any representation"]),
    Case("insert a clause and reletter the rest", 'Section 7.01 of the Credit Agreement is hereby amended by '
         'inserting the following new clause (b) and relettering the remaining clauses accordingly:\n\n"(b) any '
         'Guarantor shall fail to perform its Guarantee;"', CREDIT,
         present=["(b) any Guarantor shall fail", "(c) the Borrower shall fail to pay any interest",
                  "(e) the Borrower shall become insolvent;"]),
    Case("redesignating clauses, respectively", "Section 7.01 of the Credit Agreement is hereby amended by "
         "redesignating clauses (c) and (d) as clauses (d) and (e), respectively.", CREDIT,
         present=["(d) any representation", "(e) the Borrower shall become insolvent"]),
    Case("renumbering sections, respectively", "Sections 2.02 and 2.03 of the Credit Agreement are hereby "
         "renumbered as Sections 2.03 and 2.04, respectively.", CREDIT,
         present=["SECTION 2.03. Prepayments.", "SECTION 2.04. Fees."]),
    # -- sentences, deemed ---------------------------------------------------------------------------------------------
    Case("p127 deemed deleted and deemed inserted in its place",
         "The last sentence of Section 12 shall be deemed to have been deleted and the following sentence shall be "
         "deemed to have been inserted in its place: \u201cAny assignment without consent shall be voidable.\u201d",
         LEASE, present=["shall not unreasonably withhold its consent. Any assignment without consent shall be voidable."],
         absent=["shall be void."]),
    Case("p094 a sentence checked by its opening words",
         "Section 21 of the Rights Agreement is hereby amended by deleting the fifth sentence of such section "
         "(beginning with\nthe words \u201cAny successor Rights Agent, whether . . . .\u201d) and replacing it with "
         "the following: |\n\u201cAny successor Rights Agent shall be a trust company.\u201d", RIGHTS,
         present=["apply to a court. Any successor Rights Agent shall be a trust company. After appointment"],
         absent=["organized under the laws of the State of New York"]),
    Case("p121 words in the third and fourth paragraphs of one section and in another",
         "Sections 2.08 and 2.11 of the Original Indenture is hereby amended by --------- replacing the words "
         "\"contingent interest\" in the third and fourth paragraphs of Section 2.08 and in Section 2.11 therein with "
         "\"contingent interest and cash interest.\"", INDENTURE,
         present=["No contingent interest and cash interest shall accrue",
                  "shall pay contingent interest and cash interest in cash",
                  "principal and contingent interest and cash interest on the Securities"],
         unchanged=["Contingent interest shall accrue as provided"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_form_is_read_and_carried_out(case: Case):
    result = run(case.instruction, case.base)
    errors = [d.line() for d in result.errors]
    assert errors == [], errors
    text = result.text
    for wanted in case.present:
        assert wanted in text or flat(wanted) in flat(text), f"missing: {wanted!r}"
    for gone in case.absent:
        assert gone not in text, f"still there: {gone!r}"
    for kept in case.unchanged:
        assert kept in text, f"changed: {kept!r}"
    assert result.steps[0].changes, "no change was made"


def test_every_case_changes_only_near_its_target():
    """Outside the spans the changes name, each conformed copy is the base byte for byte."""
    for case in CASES:
        result = run(case.instruction, case.base)
        changes = sorted(result.steps[0].changes, key=lambda c: c.start)
        rebuilt, pos = [], 0
        for change in changes:
            rebuilt.append(case.base[pos:change.start])
            rebuilt.append(change.new)
            pos = change.end
        rebuilt.append(case.base[pos:])
        assert "".join(rebuilt) == result.text, case.name


def test_unsupported_forms_say_why_and_change_nothing():
    for instruction, reason in [
        ("Paragraph 2 of the Lease is amended to provide that the Term shall expire on June 30, 2025.",
         "describes the change"),
        ("The figure 38,350 in Article 40 (c) of the Lease shall be changed to 47,100 on March 1, 1994; to "
         "55,850 on the date that occurs 120 days after the Commencement Date.", "several future dates"),
        ('Section 2 is hereby amended by frobnicating the words "x".', "'frobnicating' is not understood"),
    ]:
        result = run(instruction, LEASE)
        assert result.text == LEASE
        (error,) = result.errors
        assert reason in error.message, error.message


def test_the_hold_out_wording_of_a_base_word_across_a_line_break():
    result = run('Each reference in the Credit Agreement to "Administrative Agent" shall mean and be a reference '
                 'to "Agent".', CREDIT)
    assert result.errors == []
    assert "pay to the Agent\na commitment fee" in result.text  # the line break inside the old words stays
    assert not re.search(r"Administrative\s+Agent", result.text)


def test_language_doc_lists_only_forms_that_are_tested():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "language.md").read_text(encoding="utf-8")
    for case in CASES:
        if case.name.startswith("p"):
            assert case.name.split()[0] in doc, f"{case.name} is tested but docs/language.md does not show it"
