"""What an operating-system error means to the person who ran `offre`, in their language.

A full disk, a read-only folder or a file without read permission is not a bug and not
a mistake in the content: it is the machine's state. Such problems are told in one
line that names the file and says what to do, and end with their own exit status
(ENVIRONMENT), apart from content problems (1) and command-line mistakes (2).
"""

from __future__ import annotations

import errno
from pathlib import Path

from .printable import escaped
from .strings import message_language

ENVIRONMENT = 3
"""Exit status of a problem with the machine: disk, permissions, files, port."""

_REASONS: dict[int, dict[str, str]] = {
    errno.EACCES: {"fr": "permission refusée — vérifiez les droits de ce fichier ou de ce dossier",
                   "en": "permission denied — check the permissions of this file or folder"},
    errno.EPERM: {"fr": "opération non permise — vérifiez les droits de ce fichier ou de ce dossier",
                  "en": "operation not permitted — check the permissions of this file or folder"},
    errno.EROFS: {"fr": "le disque est en lecture seule — choisissez un dossier où vous pouvez écrire",
                  "en": "the disk is read-only — choose a folder you can write to"},
    errno.ENOSPC: {"fr": "le disque est plein — libérez de l'espace, puis recommencez",
                   "en": "the disk is full — free some space, then try again"},
    errno.EDQUOT: {"fr": "votre quota d'espace disque est atteint — libérez de l'espace, puis recommencez",
                   "en": "your disk quota is used up — free some space, then try again"},
    errno.EFBIG: {"fr": "le fichier dépasse la taille permise sur ce disque — libérez de l'espace ou choisissez un autre disque",
                  "en": "the file is larger than this disk allows — free some space or choose another disk"},
    errno.ENAMETOOLONG: {"fr": "le nom est trop long pour le système de fichiers — choisissez un chemin plus court",
                         "en": "the name is too long for the file system — choose a shorter path"},
    errno.ELOOP: {"fr": "des liens symboliques forment une boucle — corrigez ou supprimez le lien",
                  "en": "symbolic links form a loop — fix or remove the link"},
    errno.ENOTDIR: {"fr": "une partie de ce chemin est un fichier, pas un dossier — choisissez un autre chemin",
                    "en": "part of this path is a file, not a folder — choose another path"},
    errno.EISDIR: {"fr": "c'est un dossier, pas un fichier — choisissez un fichier",
                   "en": "this is a folder, not a file — choose a file"},
    errno.ENOENT: {"fr": "introuvable — vérifiez le chemin",
                   "en": "not found — check the path"},
    errno.EEXIST: {"fr": "existe déjà — choisissez un autre nom",
                   "en": "already exists — choose another name"},
    errno.EMFILE: {"fr": "trop de fichiers ouverts — fermez d'autres programmes, puis recommencez",
                   "en": "too many open files — close other programs, then try again"},
    errno.EIO: {"fr": "erreur de lecture ou d'écriture du disque — vérifiez le disque",
                "en": "the disk could not be read or written — check the disk"},
    errno.EXDEV: {"fr": "le dossier de sortie et son dossier de travail sont sur deux disques — choisissez un autre dossier de sortie",
                  "en": "the output folder and its work folder are on two disks — choose another output folder"},
}


def reason(error: OSError) -> dict[str, str]:
    """What went wrong and what to do, in each language."""
    known = _REASONS.get(error.errno or -1)
    if known is not None:
        return known
    detail = error.strerror or type(error).__name__
    return {"fr": f"erreur du système ({detail}) — vérifiez ce fichier ou ce dossier",
            "en": f"system error ({detail}) — check this file or folder"}


class EnvironmentProblem(Exception):
    """The machine stopped the command: a file or folder could not be read or written."""

    def __init__(self, error: OSError, path: Path | str | None = None) -> None:
        self.error = error
        self.path = Path(path) if path is not None else (Path(error.filename) if error.filename else None)
        super().__init__(self.message())

    def message(self, language: str | None = None) -> str:
        language = language or message_language()
        where = f"{escaped(str(self.path))}: " if self.path is not None else ""
        return f"{where}{reason(self.error)[language]}"
