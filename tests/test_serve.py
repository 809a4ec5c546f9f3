"""`offre serve`: the preview follows the YAML as it is edited."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import pytest

from conftest import CONTENT_SETS
from pdf import page_text
from preview import get, serving, wait_for

pytestmark = pytest.mark.slow


def _words(text: str) -> str:
    return " ".join(text.split())


def _status(home: str) -> dict:
    return json.loads(get(home + ".offre-status"))


def test_serve_rebuilds_when_yaml_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    with serving(content, tmp_path) as (home, log):
        assert wait_for(lambda: "Agir ensemble" in get(home), timeout=120), "preview never came up"
        organisation = content / "fr" / "organisation.yaml"
        organisation.write_text(
            organisation.read_text(encoding="utf-8").replace("title: Agir ensemble", "title: Agir ensemble, autrement"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "Agir ensemble, autrement" in get(home), timeout=120), "edit not shown"
        # A broken edit: the problem is told in the terminal, the last good site stays served.
        organisation.write_text(organisation.read_text(encoding="utf-8") + "\n\tbroken: [\n", encoding="utf-8")
        assert wait_for(lambda: "organisation.yaml:" in log.read_text(encoding="utf-8"), timeout=120), \
            log.read_text(encoding="utf-8")
        assert "Agir ensemble, autrement" in get(home)


def test_the_site_is_served_first_and_its_brochures_follow(tmp_path: Path) -> None:
    """After a save the page changes while the brochures are still being made (the bar
    says so), then the served PDF is the new one, and the bar says it is ready."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    with serving(content, tmp_path) as (home, log):
        assert wait_for(lambda: _status(home)["brochures"] == "ready", timeout=120), log.read_text(encoding="utf-8")
        script = get(home + ".offre-status.js")
        assert "Brochures (PDF) en préparation" in script or "Brochures (PDF) being made" in script
        version = _status(home)["version"]
        organisation = content / "fr" / "organisation.yaml"
        organisation.write_text(
            organisation.read_text(encoding="utf-8").replace("title: Agir ensemble", "title: Agir ensemble, autrement"),
            encoding="utf-8",
        )
        assert wait_for(lambda: _status(home)["version"] > version, timeout=120), log.read_text(encoding="utf-8")
        status = _status(home)
        assert "Agir ensemble, autrement" in get(home)
        if status["brochures"] == "making":  # the usual case: the page came first
            brochure = tmp_path / "preview" / "downloads" / "brochure-fr-office.pdf"
            assert "Agir ensemble, autrement" not in _words(page_text(brochure)), "the page waited for the brochure"
        assert wait_for(lambda: _status(home)["brochures"] == "ready", timeout=120), log.read_text(encoding="utf-8")
        served = tmp_path / "served.pdf"
        with urllib.request.urlopen(home + "downloads/brochure-fr-office.pdf", timeout=5) as response:
            assert response.headers["Cache-Control"] == "no-store"
            served.write_bytes(response.read())
        assert "Agir ensemble, autrement" in _words(page_text(served))
        assert _status(home)["problems"] == []


def test_a_killed_preview_leaves_no_brochure_process(tmp_path: Path) -> None:
    """The brochures' own process (and its print worker) go with the preview, even
    when it is killed outright while they are being made."""
    import os
    import signal
    import subprocess
    import sys

    from conftest import ROOT
    from preview import free_port

    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    port = free_port()
    home = f"http://127.0.0.1:{port}/"
    temporary = tmp_path / "temporary"  # where the preview's work folders go, the brochures' answer among them
    temporary.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", str(content), "--port",
                               str(port), "--output", str(tmp_path / "preview")], cwd=ROOT,
                              env={**os.environ, "TMPDIR": str(temporary)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: _status(home)["brochures"] == "ready", timeout=120), "preview never came up"
        for language in ("fr", "en"):  # both languages laid out again: seconds of work ahead
            organisation = content / language / "organisation.yaml"
            text = organisation.read_text(encoding="utf-8")
            organisation.write_text(text.replace("  title: ", "  title: Vite, ", 1), encoding="utf-8")

        def descendants(pid: int) -> list[int]:
            found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
            return [pid for child in map(int, found) for pid in (child, *descendants(child))]

        def being_made() -> bool:  # the brochures' process and its print process
            return _status(home)["brochures"] == "making" and len(descendants(server.pid)) >= 2

        assert wait_for(being_made, timeout=60), "the brochures were never being made"
        making = descendants(server.pid)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=20)

        def gone() -> bool:
            return all(not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
                       for pid in making)

        assert wait_for(gone, timeout=60), f"left behind: {making}"
        # at once: left alone, they would end too, but only once the brochures are made and said
        answers = list(temporary.glob(".offre-serve-*/brochures-answer.json"))
        assert len(answers) == 1 and answers[0].read_bytes() == b"", "the brochures were made for no one"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_the_previews_first_step_writes_the_downloads_a_build_publishes(built_sites, tmp_path: Path) -> None:
    """The site the preview serves before its brochures are made has the very files of a
    whole build in downloads/ (QR codes, their compressed copies), the PDFs aside: one
    build core makes both."""
    from generator.build import build

    previewed = tmp_path / "site"
    result = build(CONTENT_SETS["laurentides"], previewed, draft=None, site_only=True)
    assert result.brochures_made == () and result.plan is None

    def downloads(site: Path) -> set[str]:
        return {path.name for path in (site / "downloads").iterdir() if ".pdf" not in path.name}

    whole = downloads(built_sites["laurentides"])
    assert any(name.endswith(".svg") for name in whole)
    assert downloads(previewed) == whole
