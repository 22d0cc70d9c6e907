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
