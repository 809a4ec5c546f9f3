"""Writing a file whole: the one way every cache and output of the build is written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_whole(path: Path, data: bytes, *, best_effort: bool = False) -> None:
    """Write beside, then rename: a build stopped half-way never leaves half a file, and
    builds writing the same file at once never write into one another's. With
    `best_effort` (a cache), a file that cannot be written is silently skipped: it only
    costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError:
        if best_effort:
            return
        raise
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not (best_effort and isinstance(error, OSError)):
            raise


def read_or_none(path: Path) -> bytes | None:
    """The file's bytes, or None when it is missing or cannot be read (a cache miss)."""
    try:
        return path.read_bytes()
    except OSError:
        return None
