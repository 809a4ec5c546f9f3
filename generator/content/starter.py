"""`offre new DIR`: a complete starter content set, in both languages, to make one's own.

Every file, every section (`[]` where a team may have nothing), placeholder texts that
say what to write, and comments that point to the guide's reference. It passes
`offre check` as it is, so a new team starts from a site and brochures that build.
"""

from __future__ import annotations

from pathlib import Path

from ..files import UnsafeTarget, check_target, project_root_of, write_inside
from ..oserrors import EnvironmentProblem
from .loader import LANGUAGES
from .models import FILES, SHARED_FILES

STARTER = Path(__file__).resolve().parent.parent / "starter"


class FolderNotEmpty(Exception):
    """`offre new` never writes into a folder that holds something."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(str(folder))


def write_starter(folder: Path) -> list[Path]:
    """Write `folder/fr/*.yaml`, `folder/en/*.yaml`, `folder/translations.yaml` and
    `folder/images/` (with a `.gitkeep`, or git would drop it, and the logo's place with it)."""
    folder = Path(folder)
    if folder.is_symlink():  # a link (dangling or not) is never written through
        raise UnsafeTarget(folder, folder.parent)
    root = project_root_of(folder)
    for language in LANGUAGES:  # before anything is made: no folder on the way is a link
        check_target(folder / language, root)
    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise FolderNotEmpty(folder)
        written = []
        for language in LANGUAGES:
            (folder / language).mkdir(parents=True, exist_ok=True)
            for name in FILES:
                target = folder / language / name
                write_inside(target, (STARTER / language / name).read_bytes(), root)
                written.append(target)
        for name in SHARED_FILES:  # translations.yaml: about both languages
            write_inside(folder / name, (STARTER / name).read_bytes(), root)
            written.append(folder / name)
        (folder / "images").mkdir(exist_ok=True)
        keep = folder / "images" / ".gitkeep"  # git keeps no empty folder: the team's logo goes here
        keep.write_text("", encoding="utf-8")
        written.append(keep)
        return written
    except OSError as error:
        raise EnvironmentProblem(error) from None
