"""List the theme's files without walking its hidden folders.

Material keeps some 14,000 icons in its theme folder (`.icons/`). Before each build
MkDocs lists every file of the theme to find the static ones, then drops what lies
in hidden folders, icons included — once per language: a fifth of the site's build.
The theme given to MkDocs here lists the same files without entering hidden folders,
nor Material's scripts, which the pages do not load.
Templates are still loaded by name, icons included (`{% include ".icons/…" %}`).
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.theme import Theme

from .mkdocs_internals import retype_theme


# Material's scripts (search, instant loading), which the pages do not load
# (docs/overrides/main.html): neither copied into the site nor removed from it after.
NOT_SHIPPED = "assets/javascripts"


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose `list_templates` skips hidden folders (".icons") and
    the scripts the site does not ship."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, files in os.walk(searchpath, followlinks=self.followlinks):
                relative = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                subfolders[:] = [name for name in subfolders
                                 if not name.startswith(".") and (name if relative == "." else f"{relative}/{name}") != NOT_SHIPPED]
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + name for name in files)
        return sorted(found)


class VisibleFilesTheme(Theme):
    """MkDocs' Theme, whose template environment lists files with VisibleFilesLoader."""

    def get_env(self) -> jinja2.Environment:
        env = super().get_env()
        env.loader = VisibleFilesLoader(self.dirs)
        return env


def list_visible_files_only(theme: Theme) -> None:
    """Make a theme MkDocs has loaded list its files without its hidden folders."""
    retype_theme(theme, VisibleFilesTheme)
