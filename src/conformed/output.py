"""Writing results: atomically, never over an input, never half a file."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import InputError, Place


def write(path: str | None, data: bytes, inputs: list[str]) -> None:
    """Write ``data`` to ``path`` (standard output when ``path`` is None or "-")."""
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    for item in inputs:
        try:
            if Path(item).exists() and target.exists() and os.path.samefile(item, target):
                raise InputError("the output would overwrite an input file; choose another -o", Place(path))
        except OSError:
            continue
        if Path(item).resolve() == target.resolve():
            raise InputError("the output would overwrite an input file; choose another -o", Place(path))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"the output folder {str(folder)!r} does not exist", Place(path))
    if target.is_dir():
        raise InputError("the output path is a directory", Place(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
