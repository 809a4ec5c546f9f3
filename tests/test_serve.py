"""`offre serve`: the preview follows the YAML as it is edited."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import CONTENT_SETS, ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_yaml_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    port = _free_port()
    log = tmp_path / "terminal.txt"
    with open(log, "w", encoding="utf-8") as terminal:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(content), "--port", str(port),
             "--output", str(tmp_path / "preview")],
            cwd=ROOT, stdout=terminal, stderr=subprocess.STDOUT, text=True,
        )
    try:
        home = f"http://127.0.0.1:{port}/"
        assert _wait_for(lambda: "Agir ensemble" in _get(home), timeout=120), "preview never came up"
        organisation = content / "fr" / "organisation.yaml"
        organisation.write_text(
            organisation.read_text(encoding="utf-8").replace("title: Agir ensemble", "title: Agir ensemble, autrement"),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "Agir ensemble, autrement" in _get(home), timeout=120), "edit not shown"
        # A broken edit: the problem is told in the terminal, the last good site stays served.
        organisation.write_text(organisation.read_text(encoding="utf-8") + "\n\tbroken: [\n", encoding="utf-8")
        assert _wait_for(lambda: "organisation.yaml:" in log.read_text(encoding="utf-8"), timeout=120), \
            log.read_text(encoding="utf-8")
        assert "Agir ensemble, autrement" in _get(home)
    finally:
        server.terminate()
        server.wait(timeout=20)
