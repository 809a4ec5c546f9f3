"""What offre relies on inside WeasyPrint and MkDocs (generator/brochure/weasyprint_internals.py,
generator/site/mkdocs_internals.py): each test names the internal it pins, so that an
upgrade that changes one fails here rather than as a wrong brochure or a slow site."""

from __future__ import annotations

import ctypes.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _major_cap(package: str) -> int:
    """The major version pyproject.toml stops before (`<N`) for `package`."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(rf'"{re.escape(package)}(?:\[[^\]]*\])?[^"]*<(\d+)[",]', text)
    assert found, f"pyproject.toml caps no major version of {package}"
    return int(found.group(1))


@pytest.mark.parametrize("package", ["weasyprint", "mkdocs", "mkdocs-material"])
def test_pyproject_caps_the_major_version_the_adapters_were_pinned_on(package: str) -> None:
    import importlib.metadata

    installed = int(importlib.metadata.version(package).split(".")[0])
    assert installed < _major_cap(package), f"{package} {installed} is past the cap: check the adapters"
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = re.search(rf"^{re.escape(package)}==(\d+)\.", lock, re.MULTILINE)
    assert locked and int(locked.group(1)) < _major_cap(package), f"requirements.lock's {package} is past the cap"


# --- WeasyPrint ------------------------------------------------------------------------------

def _document(html: str):
    from weasyprint import HTML

    from generator.brochure import weasyprint_internals

    weasyprint_internals.load()
    return HTML(string=html).render()


def test_page_box_is_the_laid_out_tree_with_positions_and_elements() -> None:
    from generator.brochure.weasyprint_internals import page_box

    document = _document('<style>@page { size: 100mm 100mm; margin: 0 }</style>'
                         '<p data-mark="here" style="margin: 0; height: 10mm">x</p>')
    root = page_box(document.pages[0])
    found = []

    def walk(box) -> None:
        element = getattr(box, "element", None)
        if element is not None and element.get("data-mark") == "here":
            found.append(box)
        for child in getattr(box, "children", []):
            walk(child)

    walk(root)
    assert found, "no box of the page came from the marked element"
    box = found[0]
    for name in ("position_x", "position_y", "width", "height", "margin_width", "margin_height", "content_box_x",
                 "content_box_y", "border_height"):
        assert hasattr(box, name), name
    assert box.height == pytest.approx(10 * 96 / 25.4, abs=0.5)


def test_release_fonts_removes_the_copies_of_the_font_face_fonts(tmp_path: Path) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from generator.brochure.weasyprint_internals import release_fonts

    from generator.fonts import prepared_fonts
    from generator.project import Project

    _document("<p>warm</p>")
    font = next(iter(prepared_fonts(Project.find().fonts).values())).brochure
    config = FontConfiguration()
    css = CSS(string=f'@font-face {{ font-family: T; src: url("{font.as_uri()}") }} p {{ font-family: T }}',
              font_config=config)
    HTML(string="<p>Été</p>").render(stylesheets=[css], font_config=config)
    folder = Path(config._folder)  # what the finalizer removes (the test pins it)
    assert folder.is_dir() and any(folder.iterdir())
    release_fonts(config)
    assert not folder.exists()


def test_load_imports_weasyprint_without_searching_for_libraries() -> None:
    """cffi asks ctypes.util.find_library, looked up when it is called: replacing the
    module's attribute during the import is what load() relies on; and the import works
    without it on Linux."""
    import inspect

    import cffi.api

    assert "ctypes.util.find_library(" in inspect.getsource(cffi.api)
    script = ("import ctypes.util, sys\n"
              "real = ctypes.util.find_library\n"
              "from generator.brochure import weasyprint_internals\n"
              "weasyprint_internals.load()\n"
              "assert 'weasyprint' in sys.modules\n"
              "assert ctypes.util.find_library is real, 'not put back'\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert ctypes.util.find_library is not None


# --- MkDocs ------------------------------------------------------------------------------------

def test_an_object_added_to_the_plugins_hears_mkdocs_events(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site.mkdocs_internals import add_plugin

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Bonjour\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")

    class Plain:  # not a BasePlugin: what offre adds is a plain object
        def __init__(self) -> None:
            self.heard: list[str] = []

        def on_page_markdown(self, markdown: str, **_: object) -> str:
            self.heard.append("page_markdown")
            return markdown.replace("Bonjour", "Bonjour, monde")

    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plain = Plain()
    add_plugin(config, "plain", plain)
    build(config)
    assert plain.heard == ["page_markdown"]
    assert "Bonjour, monde" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_retyped_theme_is_the_one_mkdocs_builds_with(tmp_path: Path) -> None:
    import inspect

    import mkdocs.commands.build
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.theme import Theme

    from generator.site.mkdocs_internals import retype_theme

    assert "theme.get_env()" in inspect.getsource(mkdocs.commands.build)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    asked = []

    class Counting(Theme):
        def get_env(self):
            asked.append(True)
            return super().get_env()

    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    retype_theme(config.theme, Counting)
    build(config)
    assert asked, "MkDocs did not ask the retyped theme for its environment"
    with pytest.raises(TypeError):
        retype_theme(config.theme, type("Unrelated", (), {}))
