"""Running git for what the content's history says (its date, its translations' history).

Git is asked, never needed: outside a repository, without git, or when git fails, the
answer is None and the caller does without. And it is never waited for long: every
call of one reading shares one deadline (`Deadline`), and once git has let a deadline
pass, git is not asked again for a while (STALLED_FOR): a git that hangs (a network
file system, a credential prompt) costs a command one wait, not one per call.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from .. import timings

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
    began = time.perf_counter()
    try:  # in a group of its own: a git that hangs is killed with what it started (ssh, a helper)
        process = subprocess.Popen(["git", "-C", str(folder), *arguments], env=environment, start_new_session=True,
                                   stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    try:
        with process:
            try:
                output, _ = process.communicate(stdin, timeout=timeout)
            except subprocess.TimeoutExpired:
                _stalled_until = time.monotonic() + STALLED_FOR
                _kill(process)
                return None
            except BaseException:  # Ctrl-C: its own group does not get it, so it is stopped here
                _kill(process)
                raise
    finally:  # OFFRE_TIMINGS: what the command waited for git, call by call
        timings.record("git", began, time.perf_counter(), command=arguments[0] if arguments else "")
    return output if process.returncode == 0 else None


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill git and whatever it started: nothing of it is left running."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):  # gone already, or no process groups (Windows)
        process.kill()
