"""The process that lays out the brochures while the main process builds the site.

WeasyPrint takes most of a second to import, and each language's brochures about as
long to lay out. So the `offre` command forks this worker early, once it has imported
what both processes share: WeasyPrint's import overlaps the rest of the command's
imports and MkDocs' build. When brochures are to be made, the worker forks one helper
per further language from itself, WeasyPrint already imported, so every language is
laid out at the same time and no process imports WeasyPrint twice.

This module imports nothing heavy: it must be cheap to import before forking.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_FORK = multiprocessing.get_context("fork")


class PrintWorker:
    """One forked process, warming up at once; see the module's docstring.

    Fork it before the caller starts any thread: forking a process that runs
    threads is unsafe.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(max_workers=1, mp_context=_FORK)
        self._pool.submit(_warm_up).result()  # forks now; the imports go on in the worker

    def map(self, function: Callable, *iterables: Iterable) -> Iterator:
        """`map` in the worker (for the fonts, prepared once per installation)."""
        assert self._pool is not None, "worker closed"
        return self._pool.map(function, *iterables)

    def render(self, jobs: list[tuple]) -> Future[list[Any]]:
        """Lay out `render_brochures(*job)` for every job at once; the future gives, in
        order, each job's PDFs (variant → bytes) or its BrochureOverflow."""
        assert self._pool is not None, "worker closed"
        return self._pool.submit(_render_all, jobs)

    def close(self) -> None:
        """Let the worker go; a worker still importing WeasyPrint stops at once."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


# --- in the worker --------------------------------------------------------------------------

_imports: threading.Thread | None = None


def _warm_up() -> None:
    """Import in a thread, so the worker can still be told to stop while importing."""
    global _imports
    _imports = threading.Thread(target=_import_all, daemon=True)
    _imports.start()


def _import_all() -> None:
    from .brochure import render  # (and the content models, to unpickle offers)

    render.load_weasyprint()

    gc.freeze()  # see cli.py: the helpers forked from here inherit a frozen heap too


def _render_all(jobs: list[tuple]) -> list[Any]:
    if _imports is not None:
        _imports.join()  # no fork while a thread holds the import lock
    if len(jobs) < 2:
        return [render_or_overflow(*job) for job in jobs]
    with ProcessPoolExecutor(max_workers=len(jobs) - 1, mp_context=_FORK) as helpers:
        others = [helpers.submit(render_or_overflow, *job) for job in jobs[1:]]
        return [render_or_overflow(*jobs[0]), *(other.result() for other in others)]


def render_or_overflow(*job: Any) -> Any:
    """`render_brochures(*job)`, or the BrochureOverflow it raised: each language's
    problems are told, not only the first language's."""
    from .brochure import BrochureOverflow, render_brochures

    try:
        return render_brochures(*job)
    except BrochureOverflow as overflow:
        return overflow
