"""The processes that lay out the brochures while this one builds the site.

WeasyPrint takes a quarter of a second to import, and each language's brochures about
a second to lay out. So `offre build` and `offre check` start the print process first
thing, having imported almost nothing: a standard library process pool
(concurrent.futures, the fork start method) of one process. It imports WeasyPrint and
the brochure's layout module (brochure/layout.py, which needs none of the content
models) when it is told they will be needed (`warm()`) or with its first job: at once
when something is sure to be laid out (a first build, --no-cache, an edit), while the
command imports the rest and reads the content; otherwise only once a measurement or a
PDF is missing from the cache. A build or check that takes every brochure from the
cache, or stops at a problem in the content, spares that third of a second of
processor time. It is sent HTML and font files, and sends back heights and PDF bytes.
Jobs sent together (two languages, or a language's two PDFs) run at once, one per
core: the print process runs the first and a standard library pool (multiprocessing,
fork) of helpers forked from it runs the others, WeasyPrint already imported: so that
every core works and no process imports WeasyPrint twice (a second import, in a second
pool process, cost a cold build half a second of processor time).

One owner starts and stops them: `with PrintProcesses() as processes:` (the command,
or `build()` when it is given none). Stopping kills them, whatever they are doing; the
brochure pipeline also stops them as soon as it knows it needs them no more (every PDF
in the cache). They never outlive the process that started them, whatever ends it: a
process ends the moment its parent does, killed outright even (end_with_parent; a
helper, within WATCH_SECONDS). They ignore Ctrl-C and SIGTERM, which are for their parent to handle:
it stops them and tells the user, once.

This module imports nothing heavy: it must be cheap to import before the fork.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

MAX_PROCESSES = 4  # one per PDF: two languages, two variants
WATCH_SECONDS = 0.1  # how often a process checks that its parent is still there
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_STOPPING = (signal.SIGINT, signal.SIGTERM) + ((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())


class WorkerStopped(Exception):
    """The processes were stopped (or died) before answering."""


class PrintProcesses:
    """The print process (and the helpers it forks for jobs sent together), started now
    (before this process runs any thread: forking a process that runs threads is
    unsafe) and stopped by `stop()` or by leaving the `with` block that holds it.
    `processes`: how many jobs run at once (default: one per core, at most one per PDF).
    `warm`: WeasyPrint imported at once (something is sure to be laid out); else when
    `warm()` is called or the first job comes (the process is there already: nothing
    is forked later, when this process may run threads)."""

    def __init__(self, processes: int | None = None, *, warm: bool = True) -> None:
        self._width = processes or max(1, min(os.cpu_count() or 1, MAX_PROCESSES))
        self._lock = threading.Lock()  # stop() may come from the brochures' thread and from the owner
        self._warmed = False
        self._pool: ProcessPoolExecutor | None = None
        self._processes: list[multiprocessing.process.BaseProcess] = []
        before = set(multiprocessing.active_children())
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)  # a Ctrl-C now waits for the fork's end:
        try:  # each process starts with it blocked, ignores it, then unblocks it (see _start)
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start, initargs=(os.getpid(),))
            self._pool.submit(int)  # with fork, the first task starts the process
            self._processes = [process for process in multiprocessing.active_children() if process not in before]
        except BaseException:
            self.stop()
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a Ctrl-C that came meanwhile is heard now
        if warm:
            self.warm()

    def warm(self) -> None:
        """Have the print process import WeasyPrint now, before the first job is sent:
        something is likely to be laid out, and the import then overlaps this process's
        work. (A job imports it anyway, first thing; once is enough.)"""
        with self._lock:
            if self._warmed or self._pool is None:
                return
            self._warmed = True
            with contextlib.suppress(BrokenProcessPool, RuntimeError):  # stopped meanwhile: nothing to warm
                self._pool.submit(_warm_up)

    def __enter__(self) -> PrintProcesses:
        return self

    def __exit__(self, *exception: object) -> None:
        self.stop()

    def map(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        """`map` in the processes (for the fonts, prepared once per installation)."""
        return iter(self.run(function, [tuple(items) for items in zip(*iterables)]).result())

    def run(self, function: Callable[..., Any], jobs: list[tuple]) -> Pending:
        """`function(*job)` for every job at once, one per core; `.result()` gives their
        answers in order."""
        pool = self._pool
        if pool is None:
            raise WorkerStopped("the print processes were stopped")
        try:
            return Pending(pool.submit(_in_parallel, function, jobs, self._width))
        except (BrokenProcessPool, RuntimeError):  # stopped meanwhile
            raise WorkerStopped("the print processes were stopped") from None

    def stop(self) -> None:
        """Stop every process now, whatever it is doing (done, Ctrl-C, a failed build, or
        nothing left to lay out). Nothing waiting for an answer waits any more."""
        with self._lock:
            pool, self._pool = self._pool, None
            if pool is None:
                return
            for process in self._processes:
                with contextlib.suppress(OSError, ValueError):
                    process.kill()
            for process in self._processes:
                with contextlib.suppress(OSError, ValueError):
                    process.join()
            pool.shutdown(wait=True, cancel_futures=True)


class InProcess:
    """What PrintProcesses does, in this process (no second core): for a caller that
    must run the layout here (the benchmark, which looks at what is laid out)."""

    def warm(self) -> None:
        pass  # imported by the first layout, here

    def map(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        return map(function, *iterables)

    def run(self, function: Callable[..., Any], jobs: list[tuple]) -> Pending:
        return Pending(_done(function, jobs))

    def stop(self) -> None:
        pass


Processes = PrintProcesses | InProcess


class Pending:
    """Answers on their way from the processes."""

    def __init__(self, future: Future) -> None:
        self._future = future

    def result(self) -> list[Any]:
        """Every answer, in order; what a job raised is raised here."""
        try:
            return self._future.result()
        except (BrokenProcessPool, CancelledError):
            raise WorkerStopped("the print processes stopped before answering") from None


def _done(function: Callable[..., Any], jobs: list[tuple]) -> Future:
    future: Future = Future()
    try:
        future.set_result([function(*job) for job in jobs])
    except BaseException as error:  # raised by Pending.result, as a process's would be
        future.set_exception(error)
    return future


# --- in each process ----------------------------------------------------------------------------


def _start(parent: int) -> None:
    """A print process's first steps: Ctrl-C and SIGTERM are its parent's to handle; it
    ends when its parent does. WeasyPrint waits for `_warm_up`."""
    for number in _STOPPING:
        signal.signal(number, signal.SIG_IGN if number == signal.SIGINT else signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    end_with_parent(parent)  # forked by the owner's thread, which holds the `with` block


_warm = False  # in the print process: WeasyPrint imported


def _warm_up() -> None:
    """In the print process, once: WeasyPrint imported and warmed up, before the first
    job and before any helper is forked (they inherit it)."""
    global _warm
    if _warm:
        return
    _warm = True
    try:
        from .brochure import finishing, layout

        layout.load_weasyprint()
        finishing.warm_up(layout.PROFILE)  # the print variant's colour profile, compressed once
    except Exception:  # said by the first job, which imports it again and fails there, in words
        pass
    # What was imported lives until the end. Frozen, the garbage collector no longer
    # walks it, so its collections touch no page the helpers forked from here share:
    # they are spared copying the heap.
    gc.freeze()


def _in_parallel(function: Callable[..., Any], jobs: list[tuple], width: int) -> list[Any]:
    """In the print process: `function(*job)` for each job, up to `width` at once: the
    first here, the others in helpers forked from here (WeasyPrint already imported),
    which end with the call (or with this process: they watch it)."""
    _warm_up()
    helpers = min(width, len(jobs)) - 1
    if helpers < 1:
        return [function(*job) for job in jobs]
    with multiprocessing.get_context("fork").Pool(helpers, initializer=_start_helper,
                                                  initargs=(os.getpid(),)) as pool:
        others = pool.starmap_async(function, jobs[1:], chunksize=1)
        first = function(*jobs[0])
        return [first, *others.get()]


def _start_helper(parent: int) -> None:
    """A helper's first steps: it ends with the print process, and it writes nothing on
    the terminal. What a job raises goes back through the pool, to be said in words;
    what else multiprocessing would print is a traceback — the one it prints when the
    print process, stopped (a failed build: a full disk…), no longer reads the answer
    a helper was sending."""
    watch_parent(parent)  # not end_with_parent: the pool's own thread forks a helper that replaces one
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for the helper's life)


def watch_parent(parent: int) -> None:
    """End this process as soon as `parent` is gone, even killed outright (its parent
    then changes): looked at every WATCH_SECONDS, in a thread of its own."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="offre-watch-parent", daemon=True).start()


def end_with_parent(parent: int) -> None:
    """End this process the moment `parent` ends, however it ends: on Linux the kernel
    kills it then (PR_SET_PDEATHSIG), which no busy thread or loaded machine delays.
    Only for a process started by a thread that lives as long as its parent (the
    signal comes when that thread ends). Elsewhere, `watch_parent`."""
    try:
        libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
        set_death_signal = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0 if libc is not None else False
    except (OSError, AttributeError):
        set_death_signal = False
    if not set_death_signal:
        watch_parent(parent)
    elif os.getppid() != parent:  # gone before the signal was asked for
        os._exit(1)


def measure_job(html: str, fonts: dict[str, Path], scratch: Path | None) -> Any:
    """layout.read_measurements(html, fonts); WeasyPrint's temporary files in `scratch`
    (see render_job)."""
    from .brochure.layout import read_measurements

    with _temporary_files_in(scratch):
        return read_measurements(html, fonts)


def render_job(htmls: dict[str, str], fonts: dict[str, Path], scratch: Path | None) -> Any:
    """layout.write_pdfs(htmls, fonts). WeasyPrint's temporary files go to `scratch`,
    so a build killed half-way leaves them in its own work folder, which the next build
    removes."""
    from .brochure.layout import write_pdfs

    with _temporary_files_in(scratch):
        return write_pdfs(htmls, fonts)


@contextlib.contextmanager
def _temporary_files_in(folder: Path | None) -> Iterator[None]:
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    previous, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = previous
