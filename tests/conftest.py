"""Shared fixtures: each content set is built once per test session, through the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT_SETS = {
    "laurentides": ROOT / "content",
    "outaouais": ROOT / "examples" / "outaouais" / "content",
}
SEEDS = ROOT.parent / "shared" / "seeds"


def run_offre(*arguments: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `offre` command as a user would, from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=cwd, capture_output=True, text=True, env=env, timeout=600,
    )


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """content set name → the built site folder."""
    sites = {}
    for name, content in CONTENT_SETS.items():
        output = tmp_path_factory.mktemp(name) / "site"
        result = run_offre("build", "--content", str(content), "--output", str(output))
        assert result.returncode == 0, result.stderr
        sites[name] = output
    return sites
