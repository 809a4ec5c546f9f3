"""Jinja templates compiled once, kept on disk as Python keeps its bytecode in __pycache__.

Jinja turns a template into Python code the first time a process loads it. For the
site that means MkDocs' theme, dozens of templates compiled again for each language:
half of MkDocs' own build time. Jinja's bytecode cache keeps that code and, before each
use, checks it against the template's source, so it is never stale: a changed template
is simply compiled again. Environments set up to compile differently (autoescape,
trim_blocks…) keep their code apart.

This holds no output, only compiled code of installed templates: `--no-cache` does not
bypass it, any more than it bypasses Python's bytecode. `.offre/templates/` can be
deleted at any time; where it cannot be written, templates are compiled every time.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from .project import Project
from .store import ARTIFACTS

# What Jinja reads when it compiles (see jinja2.Environment): two environments that
# differ in one of these must never share compiled code.
_COMPILING_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
    "is_async", "autoescape", "finalize",
)


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache in `folder` (by default the project's `.offre/templates/`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Project.find().compiled_templates
        return self._folder

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self._path(bucket), "rb") as handle:
                bucket.load_bytecode(handle)  # checks Jinja's version, the source's checksum, damage
        except OSError:
            pass  # not compiled yet

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            try:
                with os.fdopen(handle, "wb") as output:
                    bucket.write_bytecode(output)
                os.replace(temporary, path)  # two builds at once never read half a file
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # read-only installation: compiled in memory only

    def on_env(self, env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
        """MkDocs event (see site/build.py): the theme's templates are kept compiled too."""
        env.bytecode_cache = self
        return env

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / _settings_digest(bucket.environment) / f"{bucket.key}.cache"


def _settings_digest(env: jinja2.Environment) -> str:
    """The key of an environment's compiled code (the artifact "templates", see store.py):
    Jinja's version and the settings it compiles with; each template's own source is
    checked by Jinja (see load_bytecode)."""
    parts = []
    for name in _COMPILING_SETTINGS:
        value = getattr(env, name, None)
        if callable(value):  # select_autoescape(…), a finalize function: name and settings
            cells = tuple(cell.cell_contents for cell in (getattr(value, "__closure__", None) or ()))
            value = (getattr(value, "__module__", ""), getattr(value, "__qualname__", repr(type(value))), repr(cells))
        parts.append(f"{name}={value!r}")
    return ARTIFACTS["templates"].key(jinja=jinja2.__version__, settings=parts, extensions=sorted(env.extensions))


COMPILED = CompiledTemplates()
