"""Work folders that never outlive their build, even a killed one.

A build works in a folder beside its output (so the finished site is put in place by
a rename), `offre check` and `offre serve` in the system's temporary folder. Each
folder's name carries the process id of the command that made it; the command removes
it when it ends, and when it is killed before it can (SIGKILL, a power cut), the next
command finds the folder, sees that its process is gone, and removes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def work_folder(parent: Path | None, kind: str) -> Path:
    """A new, empty folder `<parent>/.offre-<kind>-<pid>-<random>` (parent: the
    temporary folder when None), after removing those left by dead commands."""
    parent = Path(parent if parent is not None else tempfile.gettempdir())
    remove_leftovers(parent, kind)
    return Path(tempfile.mkdtemp(prefix=f".offre-{kind}-{os.getpid()}-", dir=parent))


def remove_own(parent: Path | None, kind: str) -> None:
    """Remove this process's `kind` work folders in `parent`: called in a `finally`, it
    also catches a folder made just before an interruption, not yet in any variable."""
    parent = Path(parent if parent is not None else tempfile.gettempdir())
    prefix = f".offre-{kind}-{os.getpid()}-"
    try:
        entries = [entry for entry in parent.iterdir() if entry.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for a few steps that must be done together (moving
    the old site aside and the new one in): they are delivered right after."""
    signals = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def remove_leftovers(parent: Path, kind: str) -> list[Path]:
    """Remove the `kind` work folders in `parent` whose command is no longer running."""
    removed: list[Path] = []
    pattern = re.compile(rf"^\.offre-{re.escape(kind)}-(\d+)-")
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match and int(match.group(1)) != os.getpid() and not _running(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True
