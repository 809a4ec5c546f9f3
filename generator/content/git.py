"""Running git for what the content's history says (its date, its translations' history).

Git is asked, never needed: outside a repository, without git, or when git fails, the
answer is None and the caller does without. And it is never waited for long: every
call of one reading shares one deadline (`Deadline`), and once git has let a deadline
pass, git is not asked again for a while (STALLED_FOR): a git that hangs (a network
file system, a credential prompt) costs a command one wait, not one per call.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

SECONDS = 2.0  # what one reading of the history may take, every git command of it together
STALLED_FOR = 60.0  # seconds during which a git that let a deadline pass is not asked again

_stalled_until = 0.0


def deadline(seconds: float = SECONDS) -> float:
    """A deadline for the git commands of one reading, as time.monotonic() counts."""
    return time.monotonic() + seconds


def stalled() -> bool:
    """Whether git let a deadline pass lately (and is not being asked): what the history
    says is then cut short, and the command says so."""
    return time.monotonic() < _stalled_until


def git(folder: Path, *arguments: str, stdin: bytes | None = None, until: float | None = None) -> bytes | None:
    """A git command's output, or None when git is missing, fails, or `until` (a
    deadline, see `deadline()`) passes before it answers."""
    global _stalled_until
    now = time.monotonic()
    if now < _stalled_until:
        return None
    timeout = (until if until is not None else deadline()) - now
    if timeout <= 0:
        return None
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # the folder's own repository
        environment.pop(variable, None)
    try:
        result = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, timeout=timeout,
                                input=stdin, env=environment, stdin=None if stdin is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        _stalled_until = time.monotonic() + STALLED_FOR
        return None
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return result.stdout if result.returncode == 0 else None
