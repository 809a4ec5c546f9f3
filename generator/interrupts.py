"""Ctrl-C (and SIGTERM, SIGHUP) raised where the command can unwind from it.

Python raises KeyboardInterrupt wherever the main thread happens to be when the signal
is handled. Two places broke a build, about once in ten under load:

- the import system's own code (importlib._bootstrap): an exception between its taking
  the global import lock and the `try` that gives it back leaves the lock held for good.
  The print thread's next import then waits forever, and the build, waiting for the
  print thread, hangs;
- a weakref callback or a `__del__` (the import system has such callbacks): there the
  exception is printed as "Exception ignored" and dropped, and the build goes on, to
  publish.

So inside the import system the signal is put off by a few milliseconds and tried again,
and one dropped is raised again a few milliseconds later.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType
from typing import Any

RETRY_SECONDS = 0.01  # how long an interrupt waits for the import system to be left
_STOPPING = ("SIGINT", "SIGTERM", "SIGHUP")


class Stopped(BaseException):
    """SIGTERM (or SIGHUP): unwind like Ctrl-C, so work folders and workers are cleaned up."""

    def __init__(self, signal_number: int) -> None:
        self.signal_number = signal_number


_put_off: int | None = None  # the signal waiting for the import system to be left


def install() -> None:
    """Handle Ctrl-C, SIGTERM and SIGHUP this way from now on (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in _STOPPING:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_retry)
    sys.unraisablehook = _raised_again(sys.unraisablehook)


def _on_signal(signal_number: int, frame: FrameType | None) -> None:
    global _put_off
    if frame is not None and frame.f_code.co_filename.startswith("<frozen importlib") \
            and hasattr(signal, "setitimer"):
        _later(signal_number)  # out of the import system by then
        return
    _put_off = None
    if signal_number == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signal_number)


def _later(signal_number: int) -> None:
    """`signal_number` handled again in a few milliseconds (SIGALRM)."""
    global _put_off
    _put_off = signal_number
    signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)


def _on_retry(_signal: int, frame: FrameType | None) -> None:
    if _put_off is not None:
        _on_signal(_put_off, frame)


def _raised_again(previous: Any) -> Any:
    """sys.unraisablehook: an interrupt dropped (raised in a callback) is raised again a few
    milliseconds later, out of the callback; anything else is told as Python tells it."""

    def hook(unraisable: Any) -> None:
        error = unraisable.exc_value
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            dropped: int | None = signal.SIGINT
        else:
            dropped = error.signal_number if isinstance(error, Stopped) else None
        if dropped is None or not hasattr(signal, "setitimer"):
            previous(unraisable)
        else:
            _later(dropped)

    return hook
