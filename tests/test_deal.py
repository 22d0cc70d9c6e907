"""Deals: a deal file, the order of amendments in time, --as-of, history, blame, chain checks and
batch, on an EDGAR-style loan agreement amended three times (tests/fixtures/deal/)."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import conformed
from conformed import blame, deal, history
from conformed.cli import main
from conformed.errors import InputError

from .conftest import FIXTURES

DEAL = FIXTURES / "deal"
BASE = DEAL / "loan-agreement.txt"
A1, A2, A3 = (DEAL / f"amendment-{n}.txt" for n in (1, 2, 3))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# ------------------------------------------------------------------------------ the deal file
def test_a_deal_file_applies_its_amendments_by_effective_date_and_warns_of_the_listed_order():
    result = conformed.consolidate(DEAL / "conformed.toml")
    assert [s.amendment.path for s in result.steps] == [str(A1), str(A2), str(A3)]
    (order,) = [n for n in result.notes if n.kind == "order"]
    assert order.severity == "warning" and "conformed.toml" in order.message
    assert "First Amendment (2013-03-03), Second Amendment (2014-01-10), Third Amendment (2015-09-22)" in order.message


def test_the_deal_file_gives_the_label_and_date_else_they_are_read_from_the_amendment(tmp_path):
    result = conformed.consolidate(DEAL / "conformed.toml")
    assert [(s.label, s.identity.date) for s in result.steps] == [
        ("First Amendment", "2013-03-03"), ("Second Amendment", "2014-01-10"), ("Third Amendment", "2015-09-22")]
    custom = _deal(tmp_path, [("amendment-1.txt", 'label = "Amendment No. 1 (rate step-down)"')])
    (step,) = conformed.consolidate(custom).steps
    assert step.label == "Amendment No. 1 (rate step-down)" and step.identity.date == "2013-03-03"


def test_the_same_result_from_a_deal_file_as_from_the_command_line_in_date_order():
    by_file = conformed.consolidate(DEAL / "conformed.toml")
    by_args = conformed.consolidate(BASE, [A1, A2, A3])
    assert by_file.text == by_args.text
    assert not [n for n in by_args.notes if n.kind == "order"]


def test_two_amendments_of_one_date_keep_the_listed_order(tmp_path):
    path = _deal(tmp_path, [("amendment-2.txt", "date = 2014-01-10"), ("amendment-1.txt", "date = 2014-01-10")])
    result = conformed.consolidate(path)
    assert [s.amendment.path.rsplit("/", 1)[-1] for s in result.steps] == ["amendment-2.txt", "amendment-1.txt"]
    assert not [n for n in result.notes if n.kind == "order"]


def test_a_command_accepts_a_deal_file(tmp_path):
    out = tmp_path / "conformed.txt"
    done = run("consolidate", DEAL / "conformed.toml", "-o", out)
    assert done.exit_code == 1  # the third amendment quotes words the first one had replaced
    assert "not listed in the order of their effective dates" in done.stderr
    text = out.read_text()
    assert "June 15, 2019" in text and "1.20 to 1.00" in text and "$5,000,000" in text


@pytest.mark.parametrize("body, message", [
    ('base = "loan-agreement.txt"\n[[amendments]]\npath = "nowhere.txt"\n',
     "conformed.toml:2: amendment 1: '"),
    ('base = "loan-agreement.txt"\n[[amendments]]\npath = "amendment-1.txt"\ndate = "March 3, 2013"\n',
     "conformed.toml:2: amendment 1: bad date 'March 3, 2013': write it as 2011-02-01"),
    ('base = "loan-agreement.txt"\n[[amendments]\npath = "amendment-1.txt"\n', "conformed.toml:2:"),
    ('base = "no-base.txt"\n[[amendments]]\npath = "amendment-1.txt"\n', "conformed.toml:1: base agreement: '"),
    ('base = "loan-agreement.txt"\n', "the deal file lists no amendments"),
    ('base = "loan-agreement.txt"\nparties = 2\n[[amendments]]\npath = "amendment-1.txt"\n',
     "conformed.toml:2: unknown key 'parties'"),
])
def test_a_bad_deal_file_is_one_line_naming_the_file_and_line(tmp_path, body, message):
    _copy_fixture(tmp_path)
    (tmp_path / "conformed.toml").write_text(body)
    done = run("validate", tmp_path / "conformed.toml")
    assert done.exit_code == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_the_same_amendment_twice_is_refused():
    with pytest.raises(InputError, match="the same amendment is given twice"):
        conformed.consolidate(BASE, [A1, A1])


# ------------------------------------------------------------------------------ point in time
def test_as_of_gives_the_agreement_as_it_stood_that_day():
    early = conformed.consolidate(DEAL / "conformed.toml", as_of="2013-12-31")
    assert [s.label for s in early.steps] == ["First Amendment"]
    assert "2.25% per annum" in early.text and "June 15, 2015" in early.text
    assert any("not yet in effect: Second Amendment (2014-01-10), Third Amendment (2015-09-22)" in n.message
               for n in early.notes)
    before_any = conformed.consolidate(DEAL / "conformed.toml", as_of="2012-12-31")
    assert before_any.text == BASE.read_text()
    done = run("consolidate", DEAL / "conformed.toml", "--as-of", "January 10, 2014")
    assert done.exit_code == 0 and "June 15, 2017" in done.stdout and "1.20 to 1.00" in done.stdout


def test_a_bad_as_of_date_is_refused():
    done = run("consolidate", DEAL / "conformed.toml", "--as-of", "sometime in 2014")
    assert done.exit_code == 2 and "bad date 'sometime in 2014'" in done.stderr


# ------------------------------------------------------------------------------ history and blame
def test_history_shows_every_version_of_a_definition_with_the_amendment_behind_it():
    result = conformed.consolidate(BASE, [A1, A2, A3])
    versions = history.history(result, "the definition of Maturity Date")
    assert [v.by for v in versions] == ["the base agreement", "Second Amendment", "Third Amendment"]
    assert ["June 15, 2015" in versions[0].text, "June 15, 2017" in versions[1].text,
            "June 15, 2019" in versions[2].text] == [True, True, True]
    assert [p.instruction for p in versions[2].instructions] == ["3"]
    changed = [r for r in versions[2].changes if r.kind != "equal"]
    assert "".join(r.text for r in changed if r.kind == "insert").strip() == "2019."


def test_history_from_the_command_line_in_text_and_json():
    done = run("history", "Section 6.02", BASE, A1, A2)
    assert done.exit_code == 0
    assert "== Second Amendment" in done.stdout and "[-1.25-]{+1.20+}" in done.stdout.replace(" ", "")
    data = json.loads(run("history", "Section 6.02", BASE, A1, A2, "--format", "json").stdout)
    assert [v["by"] for v in data["versions"]] == ["the base agreement", "Second Amendment"]
    assert data["versions"][1]["instructions"][0]["path"] == str(A2)
    missing = run("history", "Section 9.99", BASE, A1)
    assert missing.exit_code == 2 and "Section 9.99 is in no version of the agreement" in missing.stderr


def test_blame_names_the_last_amendment_to_change_each_provision():
    result = conformed.consolidate(BASE, [A1, A2])
    by_name = {line.name: line.by for line in blame.provisions(result)}
    assert by_name['"Applicable Rate"'].amendment.startswith("First Amendment")
    assert by_name['"Maturity Date"'].amendment.startswith("Second Amendment")
    assert by_name["Section 6.02"].instruction == "2" and by_name["Section 6.02"].path == str(A2)
    assert by_name['"Business Day"'] is None and by_name["Section 6.01(a)"] is None
    assert by_name["Section 6.01(c)"].amendment.startswith("First Amendment")


def test_blame_words_marks_each_changed_run_in_text_and_json():
    done = run("blame", BASE, A1, A2, "--words")
    assert done.exit_code == 0
    assert "⟦2.25%⟧{First Amendment (2013-03-03) §1(a)}" in done.stdout
    assert "⟦\"Maturity Date\": Second Amendment (2014-01-10) §1 (" in done.stdout
    data = json.loads(run("blame", BASE, A1, A2, "--words", "--format", "json").stdout)
    inserted = {c["text"]: c["by"]["instruction"] for c in data["changes"] if c["kind"] == "insert"}
    assert inserted["2.25%"] == "1(a)" and inserted["$3,500,000"] == "1(b)"


# ------------------------------------------------------------------------------ the chain
def test_a_recital_that_leaves_out_an_earlier_amendment_is_reported():
    rep = conformed.validate(BASE, [A1, A2, A3])
    third = rep.amendments[2]
    (finding,) = [c for c in third.checks if c.kind == "chain"]
    assert finding.severity == "warning"
    assert finding.message.startswith(f"{A3}:9: Third Amendment does not recite Amendment No. 2")
    second = rep.amendments[1]
    assert [c.severity for c in second.checks if c.kind == "chain"] == ["info"]


def test_a_recital_of_an_amendment_not_in_the_chain_is_reported():
    rep = conformed.validate(BASE, [A2])
    (finding,) = [c for c in rep.amendments[0].checks if c.kind == "chain"]
    assert "recites Amendment No. 1, which is not in this chain" in finding.message


def test_words_an_earlier_amendment_replaced_are_reported_as_such():
    rep = conformed.validate(BASE, [A1, A2, A3])
    (status,) = [s for s in rep.amendments[2].statuses if s.id == "1"]
    assert status.status == "already_amended"
    assert ('the words "2.50%" were replaced by First Amendment (2013-03-03), instruction 1(a) '
            f"({A1}:17:15)") in status.message
    alone = conformed.validate(BASE, [A3])
    assert [s.status for s in alone.statuses if s.id == "1"] == ["applies"]


def test_rewriting_an_earlier_amendments_words_without_quoting_them_is_a_conflict():
    rep = conformed.validate(BASE, [A1, A2, A3])
    (status,) = [s for s in rep.amendments[2].statuses if s.id == "2"]
    assert status.ok
    (warning,) = status.warnings
    assert "instruction 2 rewrites words that First Amendment (2013-03-03), instruction 1(b)" in warning
    assert '"$3,500,000"' in warning
    quoted = conformed.validate(BASE, [A1, A2])  # the Second Amendment restates only what it found
    assert not [w for s in quoted.statuses for w in s.warnings if "rewrites words" in w]


# ------------------------------------------------------------------------------ batch
def test_batch_runs_every_deal_and_one_bad_deal_stops_no_other(tmp_path):
    for name in ("alpha", "beta"):
        _copy_fixture(tmp_path / name)
        shutil.copy(DEAL / "conformed.toml", tmp_path / name / "conformed.toml")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "conformed.toml").write_text('base = "gone.txt"\n[[amendments]]\npath = "x.txt"\n')
    clean = tmp_path / "clean"
    _copy_fixture(clean)
    (clean / "two.conformed.toml").write_text(
        'base = "loan-agreement.txt"\n[[amendments]]\npath = "amendment-1.txt"\n[[amendments]]\n'
        'path = "amendment-2.txt"\n')
    report = tmp_path / "report.jsonl"
    out = tmp_path / "out"
    out.mkdir()
    done = run("batch", tmp_path, "--report", report, "--out", out, "-j", "2")
    assert done.exit_code == 1
    records = {r["deal"].split("/")[-2]: r for r in map(json.loads, report.read_text().splitlines())}
    assert records["broken"]["status"] == "failed" and "gone.txt" in records["broken"]["error"]
    assert records["alpha"]["status"] == records["beta"]["status"] == "flagged"
    assert records["alpha"]["instructions"] == 7 and records["alpha"]["applied"] == 6
    assert records["clean"]["status"] == "ok" and records["clean"]["amendments"] == 2
    with open(records["clean"]["output"], encoding="utf-8") as copy:
        assert "1.20 to 1.00" in copy.read()
    lines = dict(line.split(None, 1) for line in done.stdout.splitlines()[:4])
    assert lines == {"deals": "4", "ok": "1", "flagged": "2", "failed": "1"}


def test_batch_of_a_folder_without_deals_is_an_error(tmp_path):
    done = run("batch", tmp_path)
    assert done.exit_code == 2 and "no deal files" in done.stderr


# ------------------------------------------------------------------------------ helpers
def _copy_fixture(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for path in (BASE, A1, A2, A3):
        shutil.copy(path, folder / path.name)


def _deal(folder, amendments: list[tuple[str, str]]):
    _copy_fixture(folder)
    body = 'base = "loan-agreement.txt"\n' + "".join(
        f'[[amendments]]\npath = "{name}"\n{extra}\n' for name, extra in amendments)
    path = folder / "conformed.toml"
    path.write_text(body)
    return path


def test_deal_of_refuses_a_deal_file_with_amendments_too():
    with pytest.raises(InputError, match="either a deal file or"):
        deal.of(DEAL / "conformed.toml", [A1])


def test_an_amendment_effective_later_than_its_date_takes_effect_then(tmp_path):
    _copy_fixture(tmp_path)
    late = tmp_path / "amendment-2.txt"
    late.write_text(late.read_text().replace(
        "     NOW, THEREFORE,", "     This Amendment shall be effective as of\nMarch 1, 2016.\n\n     NOW, THEREFORE,", 1))
    result = conformed.consolidate(tmp_path / "loan-agreement.txt",
                                   [tmp_path / "amendment-1.txt", late, tmp_path / "amendment-3.txt"])
    assert [s.label for s in result.steps] == ["First Amendment", "Third Amendment", "Second Amendment"]
    (order,) = [n for n in result.notes if n.kind == "order"]
    assert "Second Amendment (effective 2016-03-01)" in order.message
    then = conformed.consolidate(tmp_path / "loan-agreement.txt", [tmp_path / "amendment-1.txt", late],
                                 as_of="2015-12-31")
    assert [s.label for s in then.steps] == ["First Amendment"]


def test_the_amendment_s_parties_are_checked_against_the_base(tmp_path):
    rep = conformed.validate(BASE, [A1])
    (same,) = [c for c in rep.amendments[0].checks if c.kind == "parties"]
    assert same.message == (f"{A1}:4: the amendment's parties are the base's: HARBOR POINT LOGISTICS, INC., "
                            "MERIDIAN COMMERCIAL BANK, N.A.")
    joining = tmp_path / "joinder.txt"
    joining.write_text(A1.read_text().replace('MERIDIAN COMMERCIAL BANK, N.A. (the\n"Lender")',
                                              'MERIDIAN COMMERCIAL BANK, N.A. (the\n"Lender") and BAYSIDE CAPITAL '
                                              'FUNDING, LLC (the "New Lender")'))
    (new,) = [c for c in conformed.validate(BASE, [joining]).amendments[0].checks if c.kind == "parties"]
    assert new.severity == "info" and '"BAYSIDE CAPITAL FUNDING, LLC" (a new party?)' in new.message
    other = tmp_path / "other.txt"
    other.write_text(A1.read_text().replace("HARBOR POINT LOGISTICS, INC.", "QUILL & LANTERN PRESS, INC.")
                     .replace("MERIDIAN COMMERCIAL BANK, N.A.", "FIRST COASTAL SAVINGS BANK, N.A."))
    (wrong,) = [c for c in conformed.validate(BASE, [other]).amendments[0].checks if c.kind == "parties"]
    assert wrong.severity == "warning" and "is this an amendment of another agreement?" in wrong.message
    assert '"QUILL & LANTERN PRESS, INC."' in wrong.message


def test_history_in_colour_keeps_its_colours_through_a_pipe():
    done = run("history", "Section 6.02", BASE, A1, A2, "--color", "always")
    assert "less than \x1b[9;31m1.25\x1b[0m \x1b[4;34m1.20\x1b[0m to 1.00." in done.stdout
    plain = run("history", "Section 6.02", BASE, A1, A2, "--color", "never")
    assert "\x1b" not in plain.stdout and "less than [-1.25-] {+1.20+} to 1.00." in plain.stdout
