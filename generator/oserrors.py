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
from .strings import LANGUAGES, entry, message, message_language, section

ENVIRONMENT = 3
"""Exit status of a problem with the machine: disk, permissions, files, port."""


def reason(error: OSError) -> dict[str, str]:
    """What went wrong and what to do, in each language."""
    name = errno.errorcode.get(error.errno or -1, "")
    if name in section(LANGUAGES[0], "os_errors"):
        return {language: entry(language, f"os_errors.{name}") for language in LANGUAGES}
    detail = error.strerror or type(error).__name__
    return {language: message(language, "os_errors.other", detail=detail) for language in LANGUAGES}


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
