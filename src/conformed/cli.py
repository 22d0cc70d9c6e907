"""The ``conformed`` command: a thin layer over :mod:`conformed.api`.

Exit status: 0 when everything applies, 1 when some instruction does not (diagnostics), 2 on a
usage or input error. Every error is one line naming the file and the place; no traceback.
"""
from __future__ import annotations

import json
import sys
from functools import wraps

import click

from . import api
from .errors import ConformedError

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
            sys.exit(0)
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


def _diagnostic_lines(result) -> list[str]:
    return [d.line() for d in result.diagnostics if d.severity == "error"]


@main.command(context_settings=CONTEXT)
@click.argument("base", type=_INPUT)
@click.argument("amendments", nargs=-1, required=True, type=_INPUT)
@click.option("-o", "--output", metavar="OUT", help="Write the conformed agreement here (default: standard output).")
@click.option("--strict", is_flag=True, help="Write nothing at all if any instruction does not apply.")
@_fail_cleanly
def consolidate(base: str, amendments: tuple[str, ...], output: str | None, strict: bool) -> None:
    """Apply AMENDMENTS, in order, to BASE and write the conformed agreement.

    Every instruction that applies is carried out; each one that does not is listed on standard
    error (amendment, instruction, reason, place) and the exit status is 1. With --strict
    nothing is written when any instruction fails.

    \b
    Example:
      conformed consolidate agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt -o conformed.txt
    """
    from . import output as out
    result = api.consolidate(base, list(amendments))
    problems = _diagnostic_lines(result)
    for line in problems:
        click.echo(line, err=True)
    if problems and strict:
        click.echo(f"conformed: {len(problems)} instruction(s) do not apply; --strict: nothing written", err=True)
        sys.exit(1)
    out.write(output, result.final.source.encode(result.text), [base, *amendments])
    sys.exit(1 if problems else 0)


@main.command(context_settings=CONTEXT)
@click.argument("base", type=_INPUT)
@click.argument("amendments", nargs=-1, required=True, type=_INPUT)
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "ansi", "unified", "json"]), default="html",
              show_default=True, help="html: a page to read and print; markdown: GitHub-flavoured; ansi: colours "
                                      "for a terminal; unified: word-level diff; json: for programs.")
@click.option("-o", "--output", metavar="OUT", help="Write the redline here (default: standard output).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="For --format ansi: colour only on a terminal (auto), always or never.")
@_fail_cleanly
def redline(base: str, amendments: tuple[str, ...], fmt: str, output: str | None, color: str) -> None:
    """Show every change AMENDMENTS make to BASE, word by word, each with its amendment and instruction.

    \b
    Example:
      conformed redline agreements/ibasis-securities-exchange-agreement-2003.txt \\
          amendments/003_ad63d64e2e645ace.txt -o redline.html
    """
    from . import output as out
    result = api.consolidate(base, list(amendments))
    for line in _diagnostic_lines(result):
        click.echo(line, err=True)
    use_color = color == "always" or (color == "auto" and output in (None, "-") and sys.stdout.isatty())
    text = api.render_redline(result, fmt, use_color)
    out.write(output, text.encode("utf-8"), [base, *amendments])
    sys.exit(1 if result.errors else 0)


@main.command(context_settings=CONTEXT)
@click.argument("base", type=_INPUT)
@click.argument("amendments", nargs=-1, required=True, type=_INPUT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_fail_cleanly
def validate(base: str, amendments: tuple[str, ...], fmt: str) -> None:
    """Check, for every instruction of AMENDMENTS, whether it applies to BASE, and why not.

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
    rep = api.validate(base, list(amendments))
    if fmt == "json":
        click.echo(json.dumps(report.as_json(rep), indent=2, ensure_ascii=False))
    else:
        click.echo(report.text(rep))
    sys.exit(1 if rep.failures else 0)


@main.command(context_settings=CONTEXT)
@click.argument("old", type=_INPUT)
@click.argument("new", type=_INPUT)
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "ansi", "unified", "json"]), default="html",
              show_default=True)
@click.option("-o", "--output", metavar="OUT", help="Write the comparison here (default: standard output).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@_fail_cleanly
def compare(old: str, new: str, fmt: str, output: str | None, color: str) -> None:
    """Compare any two versions of an agreement word by word (a conformed copy someone else made,
    an amended and restated agreement), in any redline format.

    \b
    Example:
      conformed compare agreements/ibasis-securities-exchange-agreement-2003.txt conformed.txt \\
          --format markdown
    """
    from . import output as out
    use_color = color == "always" or (color == "auto" and output in (None, "-") and sys.stdout.isatty())
    text = api.compare(old, new, fmt, use_color)
    out.write(output, text.encode("utf-8"), [old, new])
