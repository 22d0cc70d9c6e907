"""Reading the amendments in worker processes while this process reads the base agreement.

Reading an amendment (its tree, its instructions, the grammar) does not depend on the agreement,
so on large inputs the amendments are read in forked workers while this process builds the
base's provision tree; the instructions come back as plain frozen dataclasses. Results are the
same either way: the workers run the very same code on the very same decoded text.

Workers are used only where they pay: with the ``fork`` start method (no re-import of the
package), when no other thread is running (forking a threaded process is unsafe), and when the
inputs are large enough that the work saved exceeds the cost of starting a worker.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from . import instructions
from .document import Document
from .instructions import Amendment
from .reader import Source

WORTH_A_WORKER = 300_000
"""Characters of base text below which reading everything here, in order, is faster."""


def read_all(base: Source | Document, amendments: list[Source | Document],
             workers: int | None = None) -> tuple[Document, list[Amendment]]:
    """The base as a :class:`Document` and every amendment read. ``workers`` is the number of
    worker processes: ``None`` decides from the size of the inputs, ``0`` reads everything here."""
    sources = [a for a in amendments if isinstance(a, Source)]
    count = _workers(base, sources, workers)
    if count == 0:
        return _document(base), [instructions.read(_document(a)) for a in amendments]
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = {id(s): pool.submit(_read_instructions, s) for s in sources}
        base_doc = _document(base)
        read = []
        for amendment in amendments:
            doc = _document(amendment)
            if id(amendment) in pending:
                read.append(Amendment(doc, *pending[id(amendment)].result()))
            else:
                read.append(instructions.read(doc))
    return base_doc, read


def _workers(base: Source | Document, sources: list[Source], requested: int | None) -> int:
    if not sources or requested == 0 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if threading.active_count() > 1 or multiprocessing.parent_process() is not None:
        return 0
    if requested is None:
        if len(base.text) < WORTH_A_WORKER:
            return 0
        requested = os.cpu_count() or 1
    return max(1, min(requested, len(sources)))


def _document(item: Source | Document) -> Document:
    return item if isinstance(item, Document) else Document(item)


def _read_instructions(source: Source) -> tuple:
    """In a worker: the parts of an :class:`Amendment` other than its document (which the parent
    builds from the same source; sending it back would cost more than building it)."""
    amendment = instructions.read(Document(source))
    # The readings stay behind: they serve only `parse --explain`, which never comes here.
    return (tuple(replace(i, reading=None) for i in amendment.instructions), amendment.passages,
            amendment.attachments)
