"""Where a build's time goes, stage by stage.

`OFFRE_TIMINGS=<file> offre build` writes there, as JSON, each stage the command went
through (content, site, compression, each round of brochure measurements, the plan,
the brochures' layout, the wait for them, publishing) with its start and end in
seconds since the command started, and what it did (sizes measured, pieces laid out).
`make bench` reads it to print the brochure stage apart; a developer reads it to see
what a change bought. Without the variable nothing is recorded or written.

Imports nothing heavy: the command line imports it first, so its clock starts then.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ORIGIN = time.perf_counter()
_stages: list[dict[str, Any]] = []
_lock = threading.Lock()  # the brochures' stages are recorded by the print job's thread


def enabled() -> bool:
    return bool(os.environ.get("OFFRE_TIMINGS"))


@contextmanager
def stage(name: str, **details: Any) -> Iterator[dict[str, Any]]:
    """Record how long the block takes; the block may add to the details it is given."""
    start = time.perf_counter()
    try:
        yield details
    finally:
        record(name, start, time.perf_counter(), **details)


def record(name: str, start: float, end: float, **details: Any) -> None:
    """A stage that ran from `start` to `end` (time.perf_counter()), e.g. work sent to
    the print processes at one time and read back at another."""
    if enabled():
        with _lock:
            _stages.append({"stage": name, "start": round(start - ORIGIN, 4), "end": round(end - ORIGIN, 4),
                            **details})


def write() -> None:
    """Write the stages recorded to the file OFFRE_TIMINGS names (never fails a build)."""
    path = os.environ.get("OFFRE_TIMINGS")
    if not path:
        return
    from .files import write_whole

    with _lock:
        record = {"total": round(time.perf_counter() - ORIGIN, 4), "stages": list(_stages)}
    write_whole(Path(path), json.dumps(record, indent=1).encode("utf-8"), best_effort=True)
