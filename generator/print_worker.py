"""The process that lays out the brochures while the main process builds the site.

WeasyPrint takes a quarter of a second to import, and each language's brochures about
a second to lay out. So the `offre` command forks this worker first thing, having
imported almost nothing: the worker imports WeasyPrint and the brochure's layout
module (brochure/layout.py, which needs none of the content models) while the command
imports the rest and reads the content. It is sent HTML and font files, and sends back
heights and PDF bytes. When there is more than one job at a time (two languages, or a
language's two PDFs), it forks a helper per further job from itself, WeasyPrint
already imported, so that every core works and no process imports WeasyPrint twice.

A worker never outlives the process that forked it, whatever ends that process: on
Linux the kernel kills it when its parent dies (PR_SET_PDEATHSIG), elsewhere it looks
every half second. It ignores Ctrl-C, which is for its parent to handle: the parent
stops it (`kill`) and tells the user, once.

This module imports nothing heavy: it must be cheap to import before forking.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

_FORK = multiprocessing.get_context("fork")
_PR_SET_PDEATHSIG = 1


class WorkerStopped(Exception):
    """The worker ended before answering (it was stopped, or killed)."""


class PrintWorker:
    """One forked process that runs the functions it is sent, one at a time.

    Fork it before the caller starts any thread: forking a process that runs
    threads is unsafe.
    """

    def __init__(self, *, warm_up: bool = True) -> None:
        self._connection, child = _FORK.Pipe()
        # Not a daemon: daemons may not fork helpers. Ended by close() or kill(), or
        # at the latest when this process exits (see _kill_the_rest).
        self._process = _FORK.Process(target=_serve, args=(child, os.getpid(), warm_up), name="offre-print")
        with _ctrl_c_held():  # the worker is born deaf to it: no instant where it would stop with a traceback
            self._process.start()
        child.close()
        self._lock = threading.Lock()  # kill() may come from another thread (Ctrl-C)
        _running.add(self)

    def submit(self, function: Callable[..., Any], *args: Any) -> Call:
        """Send `function(*args)` to the worker; `.result()` waits for what it returns."""
        if self._process is None:
            raise WorkerStopped("worker closed")
        self._connection.send((function, args))
        return Call(self._connection)

    def map(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        """`map` in the worker (for the fonts, prepared once per installation)."""
        return iter(self.submit(_map, function, [list(items) for items in iterables]).result())

    def measure(self, jobs: list[tuple]) -> Call:
        """`measure_job(*job)` for every job (language) at once; `.result()` gives, in
        order, each one's heights (see layout.read_measurements)."""
        return self.submit(_in_parallel, measure_job, jobs)

    def render(self, jobs: list[tuple]) -> Call:
        """`render_job(*job)` for every job at once; `.result()` gives, in order, each
        one's layout.Written: its PDFs, or what went past a panel's edge."""
        return self.submit(_in_parallel, render_job, jobs)

    def close(self) -> None:
        """Let the worker go once it is idle; one still importing WeasyPrint stops at once."""
        process = self._process
        if process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._connection.send(None)
        process.join(timeout=5)
        self.kill()

    def kill(self) -> None:
        """Stop the worker now, whatever it is doing (Ctrl-C, a failed build)."""
        with self._lock:
            process, self._process = self._process, None  # type: ignore[assignment]
            if process is None:
                return
            if process.is_alive():
                process.kill()
            process.join()
            self._connection.close()
            _running.discard(self)


_running: weakref.WeakSet[PrintWorker] = weakref.WeakSet()


@atexit.register  # after multiprocessing's own exit handler is registered: runs before it
def _kill_the_rest() -> None:
    for worker in list(_running):
        worker.kill()


class Call:
    """A function sent to the worker, whose answer is read when asked for."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def result(self) -> Any:
        try:
            succeeded, value = self._connection.recv()
        except (EOFError, OSError):
            raise WorkerStopped("the print worker stopped before answering") from None
        if succeeded:
            return value
        raise value


# --- in the worker --------------------------------------------------------------------------

_imports: threading.Thread | None = None


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back while the worker is forked: it starts with Ctrl-C blocked, ignores
    it (_serve), then lets signals in; the parent gets one that came meanwhile right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve(connection: Any, parent: int, warm_up: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held while forked (_ctrl_c_held)
    die_with(parent)
    global _imports
    idle_work = warm_up  # (a helper inherits what its worker did)
    if warm_up:  # in a thread, so a stop is still heard while importing
        _imports = threading.Thread(target=_import_all, daemon=True)
        _imports.start()
    while True:
        if idle_work and not (_imports is not None and _imports.is_alive()) and not connection.poll(0):
            idle_work = _when_idle()  # between the measurements and the PDFs, say
        try:
            message = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        function, args = message
        try:
            answer = (True, function(*args))
        except BaseException as error:  # handed to the caller, raised there
            answer = (False, error)
        try:
            connection.send(answer)
        except (OSError, ValueError):
            return
        except Exception as error:  # an answer that cannot be pickled: say so instead
            connection.send((False, RuntimeError(f"{type(error).__name__}: {error}")))


def die_with(parent: int) -> None:
    """End this process when `parent` ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the line above
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _import_all() -> None:
    from .brochure import layout

    layout.load_weasyprint()

    # What was imported lives until the end. Frozen, the garbage collector no longer
    # walks it, so its collections touch no page the helpers forked from here share:
    # they are spared copying the heap.
    gc.freeze()


def _when_idle() -> bool:
    """What the PDFs will need, done while nothing waits for the worker, before it forks
    the helpers that inherit it: the print variant's colour profile, compressed (0.05 s,
    which no longer delays the first measurements)."""
    from .brochure import finishing, layout

    finishing.warm_up(layout.PROFILE)
    return False  # done


def _map(function: Callable[..., Any], lists: list[list[Any]]) -> list[Any]:
    return list(map(function, *lists))


def _in_parallel(function: Callable[..., Any], jobs: list[tuple]) -> list[Any]:
    """`function(*job)` for each job: the first here, each other in a helper forked
    from this worker, WeasyPrint already imported."""
    if _imports is not None:
        _imports.join()  # no fork while a thread holds the import lock
    helpers = [PrintWorker(warm_up=False) for _ in jobs[1:]]
    try:
        calls = [helper.submit(function, *job) for helper, job in zip(helpers, jobs[1:])]
        return [function(*jobs[0]), *(call.result() for call in calls)] if jobs else []
    finally:
        for helper in helpers:
            helper.close()


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
