"""Shared fixtures: each content set is built once per test session, through the CLI."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT_SETS = {
    "laurentides": ROOT / "content",
    "outaouais": ROOT / "examples" / "outaouais" / "content",
    "fictif": ROOT / "examples" / "fictif" / "content",  # made up: every field of the content model
}
SEEDS = ROOT / "tests" / "seeds"


def tree_digest(folder: Path) -> str:
    """One hash of a folder's names and bytes: to prove a build left it untouched."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


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


PUBLIC_URL = "https://offre.example.org/"


def with_public_url(source: Path, target: Path, url: str = PUBLIC_URL) -> Path:
    """A copy of a content set that gives the site's public URL (short QR addresses)."""
    shutil.copytree(source, target)
    for language in ("fr", "en"):
        path = target / language / "organisation.yaml"
        text = path.read_text(encoding="utf-8")
        if "  public_url:" in text:
            text = re.sub(r"  public_url: .*\n", f"  public_url: {url}\n", text)
        elif "\nsite:\n" in text:
            text = text.replace("\nsite:\n", f"\nsite:\n  public_url: {url}\n", 1)
        else:
            text += f"\nsite:\n  public_url: {url}\n"
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def short_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both content sets built with a public URL: QR codes go through /qr/<id>/."""
    sites = {}
    for name, content in CONTENT_SETS.items():
        base = tmp_path_factory.mktemp(f"{name}-short")
        copy = with_public_url(content, base / "content")
        output = base / "site"
        result = run_offre("build", "--content", str(copy), "--output", str(output))
        assert result.returncode == 0, result.stderr
        sites[name] = output
    return sites
