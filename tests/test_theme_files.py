"""The theme's static files MkDocs copies are the same when hidden folders are not walked,
but Material's scripts, which the pages do not load."""

from __future__ import annotations

from jinja2 import FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from generator.site.theme_files import VisibleFilesLoader, list_visible_files_only


def _theme_files(config) -> list[str]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(file.src_uri for file in files)


def test_same_theme_files_without_the_hidden_folders() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    everything = _theme_files(config)
    list_visible_files_only(config.theme)
    assert config.theme.get_env().loader.__class__ is VisibleFilesLoader
    assert _theme_files(config) == [name for name in everything if not name.startswith("assets/javascripts/")]
    assert any(name.startswith("assets/javascripts/") for name in everything)
    assert any(name.startswith("assets/stylesheets/") for name in everything)
    # what is skipped: the hidden folders, thousands of icons, never copied, and the scripts
    skipped = set(FileSystemLoader(config.theme.dirs).list_templates()) - set(VisibleFilesLoader(config.theme.dirs).list_templates())
    assert len(skipped) > 1000 and all("/." in "/" + name or name.startswith("assets/javascripts/")
                                           for name in skipped)
