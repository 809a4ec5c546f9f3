"""`offre pipelines`: the files that make GitLab or GitHub publish the site on every commit.

A communications team edits in the browser, each save a commit; nobody is there to
build and copy `site/` after each one. These files, at the repository's root, have the
host do it: check, build, publish on the default branch; on a merge request, a preview
and the check's messages where the reviewer reads them. Written from the Jinja templates
beside this module, for one content folder of the project.

The content folder's name lands in YAML and, through a variable, in shell commands and
make: it is checked first (letters without accents, digits, `.`, `_`, `-`, separated by
`/`), so no name can change what the pipeline runs.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import __version__
from ..files import UnsafeTarget, check_target, write_inside
from ..oserrors import EnvironmentProblem
from ..project import Project
from ..strings import LANGUAGES

TEMPLATES = Path(__file__).parent / "templates"
HOSTS = ("gitlab", "github")
# host → (template, where the file goes in the repository)
FILES = {
    "gitlab": ("gitlab-ci.yml.j2", ".gitlab-ci.yml"),
    "github": ("github-workflow.yml.j2", ".github/workflows/offre.yml"),
}
# What a pipeline needs from the project: the pipelines run its make targets.
PROJECT_FILES = ("Makefile", "requirements.lock", "pyproject.toml")
_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
MAX_NAME = 100


class UnsafeFolderName(Exception):
    """A content folder whose name is not safe in a path, in YAML and in a shell."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(name)


class OutsideProject(Exception):
    """The content folder is not inside the project: a pipeline could not find it."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder, self.root = folder, root
        super().__init__(str(folder))


class NotAProject(Exception):
    """No Makefile and lock file where the pipelines would go: they could not install offre."""

    def __init__(self, root: Path) -> None:
        self.root = root
        super().__init__(str(root))


@dataclass(frozen=True)
class PipelineFile:
    """One file to write: where, and what."""

    host: str
    path: Path
    text: str
    root: Path  # the repository's root: the file is written only at a real path inside it

    def unsafe(self) -> UnsafeTarget | None:
        """Why the file cannot be written where it goes (a symbolic link, a dangling one
        included, on its way or in its place; a path out of the repository), or None."""
        try:
            check_target(self.path, self.root)
        except UnsafeTarget as refusal:
            return refusal
        return None

    def state(self) -> str:
        """"new" (no file there), "same" (already this text) or "other" (the team's own file)."""
        try:
            if not os.path.lexists(self.path):
                return "new"
            return "same" if self.path.read_text(encoding="utf-8") == self.text else "other"
        except (OSError, UnicodeDecodeError):
            return "other"  # never overwritten unless asked


def content_name(folder: Path, root: Path | None = None) -> str:
    """The content folder as the pipeline names it: its path from the project's root, with
    '/'. Raises OutsideProject, or UnsafeFolderName for a name a pipeline cannot carry."""
    root = root or Project.find().root
    try:
        relative = os.path.relpath(os.path.abspath(folder), os.path.abspath(root))
    except ValueError:  # another drive
        raise OutsideProject(Path(folder), root) from None
    parts = Path(relative).parts
    if not parts or relative == "." or parts[0] == os.pardir or Path(relative).is_absolute():
        raise OutsideProject(Path(folder), root)
    name = "/".join(parts)
    if len(name) > MAX_NAME or not all(_SAFE_PART.fullmatch(part) for part in parts):
        raise UnsafeFolderName(str(folder))
    return name


def pipeline_files(folder: Path, hosts: tuple[str, ...] = HOSTS, root: Path | None = None) -> list[PipelineFile]:
    """The files for `folder`, not written. Raises NotAProject, OutsideProject, UnsafeFolderName."""
    root = root or Project.find().root
    if not all((root / name).is_file() for name in PROJECT_FILES):
        raise NotAProject(root)
    name = content_name(folder, root)
    environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
                              keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    # A JSON string is a YAML double-quoted scalar: whatever it holds, it stays one value.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    context = {"content": name, "version": __version__}
    return [PipelineFile(host, root / FILES[host][1], environment.get_template(FILES[host][0]).render(context), root)
            for host in hosts]


def write(files: list[PipelineFile]) -> None:
    """Write the files (their folders made as needed), each whole, never through a link
    (raises UnsafeTarget: see PipelineFile.unsafe)."""
    try:
        for file in files:
            write_inside(file.path, file.text.encode("utf-8"), file.root)
    except OSError as error:
        raise EnvironmentProblem(error) from None


def is_content(folder: Path) -> bool:
    """A content folder holds fr/ and en/ (a folder per language of the catalog)."""
    return all((Path(folder) / language).is_dir() for language in LANGUAGES)
