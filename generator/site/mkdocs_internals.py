"""What offre does to MkDocs beyond its documented API, in one place.

Two things, each pinned by tests/test_internals.py so that an upgrade that changes
them fails there, by name, rather than as a slower or wrong site:

- `add_plugin(config, name, plugin)`: an object of offre's (the compiled templates,
  the page cache) put into a loaded config's plugins, without an entry point or a
  line in mkdocs.yml: MkDocs' PluginCollection registers the on_* methods of what is
  set into it, and calls them at each event, whatever the object's class;
- `retype_theme(theme, kind)`: a loaded theme made an instance of a subclass of
  mkdocs.theme.Theme (theme_files.py: it lists its files without Material's hidden
  folders), so that MkDocs' build, which asks `config.theme.get_env()`, gets the
  subclass's.

pyproject.toml caps MkDocs' and Material's major versions: a new one is taken on
purpose, with these tests.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme


def add_plugin(config: MkDocsConfig, name: str, plugin: Any) -> None:
    """`plugin`'s on_<event> methods called at each of MkDocs' events, after the
    plugins of mkdocs.yml."""
    config.plugins[name] = plugin


def retype_theme(theme: Theme, kind: type[Theme]) -> None:
    """Make a loaded theme a `kind` (a subclass of Theme that adds no state)."""
    if not issubclass(kind, type(theme)):
        raise TypeError(f"{kind.__name__} is not a kind of {type(theme).__name__}")
    theme.__class__ = kind
