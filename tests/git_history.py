"""A small Git history for the tests of translation freshness: commits dated as the
team would have made them (10 h in Québec on a given day)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import CONTENT_SETS

FRENCH_SUMMARY = "summary: Un levier important au développement des communautés."
ENGLISH_SUMMARY = "summary: An important lever for community development."
KEY = "services.yaml/services/organisation-communautaire/summary"


def git(repository: Path, *arguments: str, day: str | None = None) -> None:
    stamp = (f"{day}-05:00" if "T" in day else f"{day}T10:00:00-05:00") if day else None  # a day, or a day and time
    env = {**os.environ, "GIT_AUTHOR_NAME": "Équipe des communications", "GIT_AUTHOR_EMAIL": "comm@example.org",
           "GIT_COMMITTER_NAME": "Équipe des communications", "GIT_COMMITTER_EMAIL": "comm@example.org",
           **({"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp} if stamp else {})}
    subprocess.run(["git", "-C", str(repository), "-c", "commit.gpgsign=false", *arguments], env=env, check=True,
                   capture_output=True)


def commit(repository: Path, day: str, message: str = "Modification") -> None:
    """Everything changed in the repository, committed on `day` (10 h in Québec)."""
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "--allow-empty", "-m", message, day=day)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shipped_history(root: Path) -> Path:
    """`root` made a repository holding the shipped offer in content/, committed once on
    2 November 2026."""
    shutil.copytree(CONTENT_SETS["laurentides"], root / "content")
    git(root.parent, "init", "-q", str(root))
    commit(root, "2026-11-02", "Offre de départ")
    return root


def heavy_history(root: Path, versions: int = 20) -> Path:
    """The shipped offer, then `versions` commits each writing a French services.yaml of
    nearly 1 MB (the most a content file may weigh), then the file as it was: the heavy
    history of tests/test_safety.py and bench/history.py."""
    shipped_history(root)
    services = root / "content" / "fr" / "services.yaml"
    original = services.read_text(encoding="utf-8")
    for version in range(versions):
        items, size, index = [original.rstrip("\n")], len(original), 0
        while size < 950_000:
            item = (f"  - id: service-{version}-{index}\n    title: Service {index}, version {version}\n"
                    f"    summary: Le service {index} de la version {version}, pour la population du territoire.")
            items.append(item)
            size += len(item.encode("utf-8")) + 1
            index += 1
        services.write_text("\n".join(items) + "\n", encoding="utf-8")
        commit(root, f"2026-11-{version + 3:02d}")
    services.write_text(original, encoding="utf-8")
    commit(root, "2026-11-28")
    return root


def french_ahead(root: Path) -> Path:
    """The shipped history, then a French summary changed on 20 November 2026."""
    shipped_history(root)
    edit(root / "content" / "fr" / "services.yaml", FRENCH_SUMMARY,
         "summary: Un levier essentiel au développement des communautés.")
    commit(root, "2026-11-20")
    return root
