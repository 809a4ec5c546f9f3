"""Where a project's hand-written parts live, and where offre keeps what it makes once.

Imports nothing heavy: the command line uses it before starting the print processes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BUILD_MARKER = ".offre-build"  # in an output folder: offre made it, and with what (the build's key)


@dataclass(frozen=True)
class Project:
    """Where the hand-written parts live (mkdocs.yml, docs/) and where caches go."""

    root: Path

    @classmethod
    def find(cls) -> Project:
        """The current folder if it has a mkdocs.yml, else the folder this package came from."""
        here = Path.cwd()
        if (here / "mkdocs.yml").is_file():
            return cls(here)
        return cls(Path(__file__).resolve().parent.parent)

    @property
    def cache(self) -> Path:
        """`.offre/cache/`, or the folder named by the OFFRE_CACHE_DIR environment variable."""
        return Path(os.environ.get("OFFRE_CACHE_DIR") or self.root / ".offre" / "cache")

    @property
    def fonts(self) -> Path:
        """Static fonts cut once from the installed font packages (see fonts.py)."""
        return self.root / ".offre" / "fonts"

    @property
    def precompressed(self) -> Path:
        """Compressed copies of the theme's files, made once (see site/precompress.py)."""
        return self.root / ".offre" / "precompressed"

    @property
    def compiled_templates(self) -> Path:
        """Jinja templates compiled to Python code (see compiled_templates.py)."""
        return self.root / ".offre" / "templates"


def edited_since_built(content: Path, output: Path, most: int = 2000) -> bool:
    """Whether a file of `content` was saved after the last build into `output` (its
    marker's time): an edit, whose brochures are likely laid out again. Only a hint for
    when to import WeasyPrint (cli.py), read before anything else: a few hundred
    `stat` calls at most, and False when unsure."""
    try:
        built = (output / BUILD_MARKER).stat().st_mtime
    except OSError:
        return False
    folders, seen = [content], 0
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    seen += 1
                    if seen > most:
                        return False
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime > built:
                        return True
        except OSError:
            return False
    return False
