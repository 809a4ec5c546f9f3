"""What `offre pipelines` and `offre new` do with the pipeline files, and what they say.

The team's repository is theirs: a file it already has is never overwritten, unless
`offre pipelines --force` is asked for. `offre new` writes the files it can and says
which it kept, and how to get offre's instead. Messages come from the command line's
HELP table, in the user's language; exit statuses as the README's table says.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..printable import display_path, escaped, shown
from . import HOSTS, NotAProject, OutsideProject, PipelineFile, UnsafeFolderName, is_content, pipeline_files, write

COMMAND_LINE = 2  # the exit status of a wrong command line (the README's table, cli.py)


def pipelines_command(folder: Path, hosts: tuple[str, ...], force: bool, text: dict[str, str]) -> int:
    """`offre pipelines`: write the files for `folder`; a file of the team's own stops it
    (nothing written, exit 2) unless `force`."""
    if not is_content(folder):
        _error(text["pipeline_not_content"].format(folder=shown(str(folder))))
        return COMMAND_LINE
    try:
        files = pipeline_files(folder, hosts)
    except (NotAProject, OutsideProject, UnsafeFolderName) as error:
        _error(refusal(error, text))
        return COMMAND_LINE
    unsafe = [link for link in (file.unsafe() for file in files) if link is not None]
    if unsafe:  # a link is never followed, --force or not
        for link in unsafe:
            _error(link.message())
        return COMMAND_LINE
    states = {file.path: file.state() for file in files}
    theirs = [file for file in files if states[file.path] == "other"]
    if theirs and not force:
        for file in theirs:
            _error(text["pipeline_exists"].format(path=display_path(file.path), folder=_name(folder)))
        return COMMAND_LINE
    write([file for file in files if states[file.path] != "same"])
    for file in files:
        key = "pipeline_same" if states[file.path] == "same" else "pipeline_written"
        print(text[key].format(path=display_path(file.path), folder=_name(folder)))
    return 0


@dataclass(frozen=True)
class NewPipelines:
    """`offre new`'s pipeline files, planned before the starter is written."""

    folder: Path
    files: tuple[PipelineFile, ...]
    skipped: str | None  # why none are written (a folder outside the project), or None
    text: dict[str, str]

    @classmethod
    def plan(cls, folder: Path, text: dict[str, str]) -> NewPipelines | None:
        """None (and the message said) when the folder's name cannot go in a pipeline:
        `offre new` then writes nothing at all."""
        try:
            return cls(folder, tuple(pipeline_files(folder, HOSTS)), None, text)
        except UnsafeFolderName as error:
            _error(refusal(error, text))
            return None
        except (NotAProject, OutsideProject) as error:  # a starter elsewhere is fine: it just gets no pipeline
            return cls(folder, (), refusal(error, text), text)

    def write(self) -> None:
        """Write the files the repository does not have yet; say what was kept."""
        if self.skipped is not None:
            print(self.text["pipeline_new_skipped"].format(reason=self.skipped))
            return
        refused = {file.path: file.unsafe() for file in self.files}
        for link in refused.values():
            if link is not None:
                _error(link.message())
        files = [file for file in self.files if refused[file.path] is None]  # the others are written
        states = {file.path: file.state() for file in files}
        write([file for file in files if states[file.path] == "new"])
        for file in files:
            key = {"new": "pipeline_written", "same": "pipeline_same", "other": "pipeline_kept"}[states[file.path]]
            print(self.text[key].format(path=display_path(file.path), folder=_name(self.folder)))


def refusal(error: Exception, text: dict[str, str]) -> str:
    """Why no pipeline can be written, in the user's language."""
    if isinstance(error, NotAProject):
        return text["pipeline_not_project"].format(root=escaped(str(error.root)))
    if isinstance(error, OutsideProject):
        return text["pipeline_outside"].format(folder=shown(str(error.folder)), root=escaped(str(error.root)))
    return text["pipeline_unsafe"].format(folder=shown(str(error)))


def _name(folder: Path) -> str:
    """The folder as the user typed it, for a command to copy (it passed the name check)."""
    return shown(str(folder))


def _error(message: str) -> None:
    print(f"offre: {message}", file=sys.stderr)
