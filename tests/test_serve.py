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
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content), "--port", str(port),
         "--output", str(tmp_path / "preview")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        home = f"http://127.0.0.1:{port}/"
        assert _wait_for(lambda: "Agir ensemble" in _get(home)), "preview never came up"
        organisation = content / "fr" / "organisation.yaml"
        organisation.write_text(
            organisation.read_text(encoding="utf-8").replace("title: Agir ensemble", "title: Agir ensemble, autrement"),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "Agir ensemble, autrement" in _get(home)), "edit not shown"
        # A broken edit: the problem is told, the last good site stays served.
        organisation.write_text(organisation.read_text(encoding="utf-8") + "\n\tbroken: [\n", encoding="utf-8")
        time.sleep(3)
        assert "Agir ensemble, autrement" in _get(home)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "organisation.yaml" in errors
