"""Compiled templates kept in .offre/templates are never stale: an edited template
shows in the next build, and a damaged or unwritable folder only costs time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from conftest import CONTENT_SETS, ROOT, run_offre
from generator.compiled_templates import CompiledTemplates

pytestmark = pytest.mark.slow


def _environment(templates: Path, compiled: CompiledTemplates, **settings) -> Environment:
    return Environment(loader=FileSystemLoader(templates), bytecode_cache=compiled, **settings)


def test_an_edited_theme_template_shows_in_the_next_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    if (ROOT / ".offre" / "fonts").is_dir():  # cut once per installation (fonts.py): not what is tested here
        shutil.copytree(ROOT / ".offre" / "fonts", project / ".offre" / "fonts")
    output = tmp_path / "site"
    arguments = ("build", "--content", str(CONTENT_SETS["laurentides"]), "--output", str(output))
    first = run_offre(*arguments, cwd=project)
    assert first.returncode == 0, first.stderr
    assert any((project / ".offre" / "templates").rglob("*.cache")), "the theme's templates are kept compiled"
    assert 'name="offre-test"' not in (output / "index.html").read_text(encoding="utf-8")

    main = project / "docs" / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="offre-test" content="edited">'), encoding="utf-8")
    second = run_offre(*arguments, cwd=project)
    assert second.returncode == 0, second.stderr
    for page in (output / "index.html", output / "en" / "index.html"):
        assert '<meta name="offre-test" content="edited">' in page.read_text(encoding="utf-8"), page


def test_compiled_code_follows_the_source(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.txt"
    page.write_text("Bonjour {{ name }}", encoding="utf-8")
    compiled = CompiledTemplates(tmp_path / "compiled")
    assert _environment(templates, compiled).get_template("page.txt").render(name="Laval") == "Bonjour Laval"
    assert any((tmp_path / "compiled").rglob("*.cache"))
    page.write_text("Au revoir {{ name }}", encoding="utf-8")
    assert _environment(templates, compiled).get_template("page.txt").render(name="Laval") == "Au revoir Laval"


def test_environments_that_compile_differently_keep_apart(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "list.txt").write_text("{% for x in items %}\n{{ x }}\n{% endfor %}\n", encoding="utf-8")
    compiled = CompiledTemplates(tmp_path / "compiled")
    plain = _environment(templates, compiled).get_template("list.txt").render(items=[1, 2])
    trimmed = _environment(templates, compiled, trim_blocks=True).get_template("list.txt").render(items=[1, 2])
    assert plain == "\n1\n\n2\n"
    assert trimmed == "1\n2\n"
    escaped = _environment(templates, compiled, autoescape=True).get_template("list.txt").render(items=["<b>"])
    assert "&lt;b&gt;" in escaped


@pytest.mark.parametrize("damage", [b"", b"garbage", None], ids=["empty", "garbage", "truncated"])
def test_a_damaged_compiled_file_is_compiled_again(tmp_path: Path, damage: bytes | None) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.txt").write_text("Bonjour {{ name }}", encoding="utf-8")
    compiled = CompiledTemplates(tmp_path / "compiled")
    _environment(templates, compiled).get_template("page.txt")
    [kept] = (tmp_path / "compiled").rglob("*.cache")
    kept.write_bytes(kept.read_bytes()[:-20] if damage is None else damage)
    assert _environment(templates, compiled).get_template("page.txt").render(name="Gatineau") == "Bonjour Gatineau"


def test_an_unwritable_folder_only_costs_time(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.txt").write_text("Bonjour {{ name }}", encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    compiled = CompiledTemplates(blocked / "compiled")
    assert _environment(templates, compiled).get_template("page.txt").render(name="Joliette") == "Bonjour Joliette"
