"""Writing a file whole: the one way every cache and output of the build is written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .oserrors import EnvironmentProblem
from .printable import escaped


def write_whole(path: Path, data: bytes, *, best_effort: bool = False) -> None:
    """Write beside, then rename: a build stopped half-way never leaves half a file, and
    builds writing the same file at once never write into one another's. With
    `best_effort` (a cache), a file that cannot be written is silently skipped: it only
    costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError:
        if best_effort:
            return
        raise
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not (best_effort and isinstance(error, OSError)):
            raise


def read_or_none(path: Path) -> bytes | None:
    """The file's bytes, or None when it is missing or cannot be read (a cache miss)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


# --- files written in the team's project (pipelines, the starter, schemas, reference) ---------------

_LINK_WORDS = {
    "fr": "{path}\u00a0: offre n'écrit pas ici, car ce chemin est un lien symbolique, passe par un lien ou mène hors "
          "du dossier {root} — remplacez le lien par un fichier ou un dossier ordinaire, ou choisissez un autre chemin",
    "en": "{path}: offre does not write here, as this path is a symbolic link, goes through one, or leads out of "
          "the folder {root} — replace the link with an ordinary file or folder, or choose another path",
}


class UnsafeTarget(EnvironmentProblem):
    """A file offre would write in the team's project through a symbolic link, or outside
    the folder it belongs in: a cloned repository may carry such links, and writing
    through one would change a file anywhere on the machine. Never followed, `--force`
    or not."""

    def __init__(self, path: Path, root: Path) -> None:  # no super().__init__(): it wants an OSError, none here
        self.path, self.root, self.error = Path(path), Path(root), None  # type: ignore[assignment]
        Exception.__init__(self, str(path))

    def message(self, language: str | None = None) -> str:
        from .strings import message_language

        return _LINK_WORDS[language or message_language()].format(path=escaped(str(self.path)),
                                                                   root=escaped(str(self.root)))


def check_target(path: Path, root: Path) -> None:
    """Raise UnsafeTarget unless `path` is inside `root` and neither it nor any folder
    between them is a symbolic link (a dangling one included), and it resolves inside
    `root` as well."""
    root_real = os.path.realpath(root)
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(root))
    parts = Path(relative).parts
    if relative == "." or not parts or parts[0] == os.pardir or os.path.isabs(relative):
        raise UnsafeTarget(path, root)
    current = Path(os.path.abspath(root))
    for part in parts:
        current = current / part
        try:
            if os.path.islink(current):
                raise UnsafeTarget(path, root)
        except OSError:
            raise UnsafeTarget(path, root) from None
    resolved = os.path.realpath(absolute)
    if os.path.commonpath([resolved, root_real]) != root_real:
        raise UnsafeTarget(path, root)


def write_inside(path: Path, data: bytes, root: Path) -> None:
    """Write a file of the team's project whole (beside, then renamed), only at a real
    path inside `root` (see check_target); its folders made one by one, each checked."""
    check_target(path, root)
    folder = Path(os.path.abspath(root))
    for part in Path(os.path.relpath(os.path.abspath(path), folder)).parts[:-1]:
        folder = folder / part
        try:
            folder.mkdir()
        except FileExistsError:
            pass
        check_target(folder, root)  # made by someone else meanwhile: still no link
    write_whole(Path(path), data)


def project_root_of(folder: Path) -> Path:
    """The folder a written file must stay inside: the project's root when `folder` is in
    it, else `folder` itself (an --output the user named elsewhere)."""
    from .project import Project

    root = Project.find().root
    try:
        inside = os.path.commonpath([os.path.abspath(folder), os.path.abspath(root)]) == os.path.abspath(root)
    except ValueError:
        inside = False
    return root if inside else Path(folder)
