"""`offre serve` as a communications officer runs it, for the tests that watch the
preview follow the files (and the editor at /admin/)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from conftest import ROOT


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (closed again before use)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate: Callable[[], object], timeout: float = 60.0) -> bool:
    """Whether `predicate` held within `timeout` seconds (a refused connection is a no),
    asked every tenth of a second: the tests wait for what they watch, not for a turn."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def serving(content: Path, work: Path, cwd: Path = ROOT) -> Iterator[tuple[str, Path]]:
    """`offre serve` on `content`, its site in `work`/preview: the preview's root address
    and the file holding what the terminal shows. Stopped on leaving."""
    port = free_port()
    log = work / "terminal.txt"
    with open(log, "w", encoding="utf-8") as terminal:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(content), "--port", str(port),
             "--output", str(work / "preview")],
            cwd=cwd, stdout=terminal, stderr=subprocess.STDOUT, text=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        server.wait(timeout=20)
