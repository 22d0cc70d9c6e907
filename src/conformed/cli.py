"""The ``conformed`` command: a thin layer over :mod:`conformed.api`.

Exit status: 0 when everything applies, 1 when some instruction does not (diagnostics), 2 on a
usage or input error, 3 on an internal error (a bug of ours). Every error is one line naming the
file and the place; no traceback.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
from functools import wraps

import click

from . import api
from .errors import ConformedError, InputError, Place

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail_cleanly(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ConformedError as exc:
            click.echo(f"conformed: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("conformed: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (conformed ... | head): stop quietly, and point standard output at
            # nothing so that the interpreter's last flush does not complain about the pipe.
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass
            sys.exit(0)
        except MemoryError:
            click.echo("conformed: out of memory: the inputs are too large to process together", err=True)
            sys.exit(2)
        except RecursionError:
            click.echo("conformed: an input is nested too deeply to read (is it a document?)", err=True)
            sys.exit(2)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"conformed: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, not a traceback (unless asked)
            if os.environ.get("CONFORMED_DEBUG"):
                raise
            click.echo(f"conformed: internal error: {type(exc).__name__}: {exc}; please report it with the inputs "
                       "(CONFORMED_DEBUG=1 shows the traceback)", err=True)
            sys.exit(3)
    return wrapper


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="conformed")
def main() -> None:
    """Apply amendments to an agreement: the conformed copy, a redline with the amendment behind
    every change, and a report of whether each instruction applies."""


@main.command(context_settings=CONTEXT)
@click.argument("amendment", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text for people, JSON for programs (the contract in docs/parse-json.md).")
@click.option("--explain", is_flag=True, help="Show where each instruction is in the amendment and how "
                                               "each part of it was read.")
@_fail_cleanly
def parse(amendment: str, fmt: str, explain: bool) -> None:
    """Read the instructions of AMENDMENT, one entry per elementary edit.

    AMENDMENT is an amendment (.txt or .md), or a file holding a single instruction.

    \b
    Example:
      conformed parse amendments/003_ad63d64e2e645ace.txt --format json
    """
    result = api.parse(amendment)
    if fmt == "json":
        click.echo(json.dumps(api.parse_records(result), indent=2, ensure_ascii=False))
    else:
        click.echo(api.parse_text(result, explain=explain))
    sys.exit(1 if any(e.action == "unsupported" for i in result.instructions for e in i.edits) else 0)


_INPUT = click.Path(path_type=str)
_INPUTS = click.argument("inputs", nargs=-1, required=True, type=_INPUT, metavar="DEAL.toml | BASE AMENDMENT...")


def _as_of_option(fn):
    return click.option("--as-of", "as_of", metavar="DATE",
                        help="The agreement as it stood on DATE (2011-02-01): amendments effective later are "
                             "left out.")(fn)


def _deal(inputs: tuple[str, ...]):
    from . import deal
    return deal.from_inputs(list(inputs))


def _as_of(value: str | None) -> str | None:
    from . import deal
    return deal.parse_as_of(value) if value else None


def _diagnostic_lines(result) -> list[str]:
    return [d.line() for d in result.diagnostics if d.severity == "error"]


def _echo_findings(result) -> list[str]:
    """Print, on standard error, what the deal as a whole raised and every instruction that does
    not apply; return the latter."""
    for note in result.notes:
        if note.severity != "info":
            click.echo(f"{note.severity}: {note.message}", err=True)
    problems = _diagnostic_lines(result)
    for line in problems:
        click.echo(line, err=True)
    return problems


@contextlib.contextmanager
def _progress(total: int):
    """A progress bar on standard error when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=total, label="deals", file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def _use_color(color: str, output: str | None) -> bool:
    return color == "always" or (color == "auto" and output in (None, "-") and sys.stdout.isatty())


_REDLINE_HELP = ("html: a page to read and print; docx: Word with tracked changes; markdown: GitHub-flavoured; "
                 "ansi: colours for a terminal; unified: word-level diff; json: for programs. "
                 "Default: from the extension of -o (.html .docx .md .txt .diff .json), else html.")


@main.command(context_settings=CONTEXT)
@_INPUTS
@click.option("-o", "--output", metavar="OUT", help="Write the conformed agreement here (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "htm", "docx"]), default=None,
              help="Format of the conformed copy. Default: from the extension of -o, else the base's own format.")
@click.option("--strict", is_flag=True, help="Write nothing at all if any instruction does not apply.")
@_as_of_option
@_fail_cleanly
def consolidate(inputs: tuple[str, ...], output: str | None, fmt: str | None, strict: bool, as_of: str | None) -> None:
    """Apply the amendments, in the order they took effect, to the base agreement and write the
    conformed agreement, in the base's own format (.txt keeps its line layout, .htm its HTML,
    .docx its styles and numbering).

    Give a deal file (conformed.toml) or BASE AMENDMENT... . Every instruction that applies is
    carried out; each one that does not is listed on standard error (amendment, instruction,
    reason, place) and the exit status is 1. With --strict nothing is written when any
    instruction fails.

    \b
    Example:
      conformed consolidate agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt -o conformed.txt
    """
    from . import formats
    from . import output as out
    the_deal = _deal(inputs)
    result = api.consolidate(the_deal, as_of=_as_of(as_of))
    problems = _echo_findings(result)
    if problems and strict:
        click.echo(f"conformed: {len(problems)} instruction(s) do not apply; --strict: nothing written", err=True)
        sys.exit(1)
    data = api.conformed_copy(result, fmt or formats.format_of(output, result.base.source.fmt))
    out.write(output, data, the_deal.inputs)
    sys.exit(1 if problems else 0)


@main.command(context_settings=CONTEXT)
@_INPUTS
@click.option("--format", "fmt", type=click.Choice(api.REDLINE_FORMATS), default=None, help=_REDLINE_HELP)
@click.option("-o", "--output", metavar="OUT", help="Write the redline here (default: standard output).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="For --format ansi: colour only on a terminal (auto), always or never.")
@_as_of_option
@_fail_cleanly
def redline(inputs: tuple[str, ...], fmt: str | None, output: str | None, color: str, as_of: str | None) -> None:
    """Show every change the amendments make to the base agreement, word by word, each with its
    amendment and instruction. Give a deal file (conformed.toml) or BASE AMENDMENT... .

    \b
    Example:
      conformed redline agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt -o redline.html
      conformed redline deal/conformed.toml -o redline.docx      # Word, tracked changes
    """
    from . import output as out
    the_deal = _deal(inputs)
    result = api.consolidate(the_deal, as_of=_as_of(as_of))
    _echo_findings(result)
    rendered = api.render_redline(result, fmt or api.redline_format_of(output), _use_color(color, output))
    out.write(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"), the_deal.inputs)
    sys.exit(1 if result.errors else 0)


@main.command(context_settings=CONTEXT)
@_INPUTS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_as_of_option
@_fail_cleanly
def validate(inputs: tuple[str, ...], fmt: str, as_of: str | None) -> None:
    """Check, for every instruction of the amendments, whether it applies to the base, and why not.
    Give a deal file (conformed.toml) or BASE AMENDMENT... .

    One line per instruction: applies, target not found, text not found, ambiguous (with the
    count), qualifier not met, conflict, not understood, or non-operative; with its place in the
    amendment and in the agreement. Also checks that each amendment names this agreement.
    Exit 0 when every instruction applies, 1 when any does not, 2 on a usage or input error.

    \b
    Example:
      conformed validate agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt amendments/000_3dec2a51fb914fae.txt
    """
    from . import report
    rep = api.validate(_deal(inputs), as_of=_as_of(as_of))
    if fmt == "json":
        click.echo(json.dumps(report.as_json(rep), indent=2, ensure_ascii=False))
    else:
        click.echo(report.text(rep))
    sys.exit(1 if rep.failures else 0)


@main.command(context_settings=CONTEXT)
@click.argument("old", type=_INPUT)
@click.argument("new", type=_INPUT)
@click.option("--format", "fmt", type=click.Choice(api.REDLINE_FORMATS), default=None, help=_REDLINE_HELP)
@click.option("-o", "--output", metavar="OUT", help="Write the comparison here (default: standard output).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="For --format ansi: colour only on a terminal (auto), always or never.")
@_fail_cleanly
def compare(old: str, new: str, fmt: str | None, output: str | None, color: str) -> None:
    """Compare any two versions of an agreement word by word (a conformed copy someone else made,
    an amended and restated agreement), in any redline format.

    \b
    Example:
      conformed compare agreements/ibasis-securities-exchange-agreement-2003.txt conformed.txt \\
          --format markdown
    """
    from . import output as out
    rendered = api.compare(old, new, fmt or api.redline_format_of(output), _use_color(color, output))
    out.write(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"), [old, new])


@main.command(context_settings=CONTEXT)
@click.argument("target", metavar="TARGET")
@_INPUTS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the word changes: only on a terminal (auto), always or never.")
@_as_of_option
@_fail_cleanly
def history(target: str, inputs: tuple[str, ...], fmt: str, color: str, as_of: str | None) -> None:
    """Show every version of one provision, TARGET, with the amendment and instructions behind
    each change. Name TARGET as an amendment would: "Section 13.4", "the definition of Notes",
    "clause (c) of Section 6.01", "Part 5(c) of the Schedule".

    \b
    Example:
      conformed history "Section 13.4" agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt
    """
    from . import history as hist
    result = api.consolidate(_deal(inputs), as_of=_as_of(as_of))
    _echo_findings(result)
    versions = hist.history(result, target)
    if fmt == "json":
        click.echo(json.dumps(hist.as_json(target, versions), indent=2, ensure_ascii=False))
    else:
        colored = _use_color(color, None)
        click.echo(hist.text(target, versions, colored), color=colored)  # click would strip the colours off a pipe


@main.command(context_settings=CONTEXT)
@_INPUTS
@click.option("--words", is_flag=True, help="Also mark each changed run of words with its amendment and instruction.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", metavar="OUT", help="Write here (default: standard output).")
@_as_of_option
@_fail_cleanly
def blame(inputs: tuple[str, ...], words: bool, fmt: str, output: str | None, as_of: str | None) -> None:
    """Print the conformed agreement with, for each provision, the amendment and instruction that
    last changed it (⟦Section 13.4: Amendment No. 1 (2002-02-21) §3(c) (file:line:col)⟧).

    \b
    Example:
      conformed blame agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt --words
    """
    from . import blame as who
    from . import output as out
    the_deal = _deal(inputs)
    result = api.consolidate(the_deal, as_of=_as_of(as_of))
    _echo_findings(result)
    if fmt == "json":
        data = json.dumps(who.as_json(result, words), indent=2, ensure_ascii=False) + "\n"
    else:
        data = who.text(result, words)
    out.write(output, data.encode("utf-8"), the_deal.inputs)


@main.command(context_settings=CONTEXT)
@click.argument("folder", type=_INPUT)
@click.option("--report", "report_path", metavar="FILE",
              help="Write one JSON line per deal here (deal, status, counts, error, output).")
@click.option("--out", "out_dir", metavar="DIR", help="Write each deal's conformed copy under DIR.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Processes to run in parallel (default: one per core).")
@_fail_cleanly
def batch(folder: str, report_path: str | None, out_dir: str | None, jobs: int | None) -> None:
    """Consolidate every deal under FOLDER (each conformed.toml or NAME.conformed.toml) in
    parallel, with a progress bar on a terminal and a summary table at the end. One bad deal
    never stops the others. Exit 0 when every instruction of every deal applies, 1 otherwise.

    \b
    Example:
      conformed batch portfolio/ --report batch.jsonl --out conformed/
    """
    import time
    from pathlib import Path

    from . import batch as many
    from . import output as out
    paths = many.find_deals(folder)
    if out_dir and not Path(out_dir).is_dir():
        raise InputError("the --out folder does not exist", Place(out_dir))
    started = time.perf_counter()
    with _progress(len(paths)) as advance:
        records = many.run(paths, jobs, out_dir, Path(folder), on_done=lambda _: advance(1))
    click.echo(many.summary(records, time.perf_counter() - started))
    if report_path:
        lines = "".join(json.dumps(r.as_json(), ensure_ascii=False, sort_keys=True) + "\n" for r in records)
        out.write(report_path, lines.encode("utf-8"), [str(p) for p in paths])
    sys.exit(0 if all(r.status == "ok" for r in records) else 1)
