"""The build cache is never stale: what changed is made again, the rest is reused,
and --no-cache reuses nothing."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import generator.downloads as downloads
import generator.fonts as fonts
from conftest import CONTENT_SETS, run_offre
from generator.content import load_content
from generator.qr import plan_codes


def _counts(stdout: str) -> tuple[int, int]:
    made, reused = re.search(r"(\d+) faites, (\d+) reprises", stdout).groups()
    return int(made), int(reused)


def test_content_change_rebuilds_only_its_language_and_no_cache_rebuilds_all(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    output = tmp_path / "site"
    env = {**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")}

    def build(*options: str):
        return run_offre("build", *options, "--content", str(content), "--output", str(output), env=env)

    first = build()
    assert first.returncode == 0, first.stderr
    assert _counts(first.stdout) == (4, 0), first.stdout
    again = build()
    assert "à jour" in again.stdout, "nothing changed: nothing to do"

    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "title: Organisation communautaire", "title: Organisation communautaire et concertation"), encoding="utf-8")
    edited = build()
    assert edited.returncode == 0, edited.stderr
    assert _counts(edited.stdout) == (2, 2), edited.stdout
    from pdf import page_text
    assert "Organisation communautaire et concertation" in " ".join(
        page_text(output / "downloads" / "brochure-fr-office.pdf").split())

    contact = content / "en" / "contact.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "organismes-communautaires-psoc\n", "organismes-communautaires-psoc-2\n"), encoding="utf-8")
    moved = build()
    assert moved.returncode == 0, moved.stderr
    assert _counts(moved.stdout) == (2, 2), moved.stdout
    from pdf import scan
    assert any(code.text.endswith("-psoc-2") for code in scan(output / "downloads" / "brochure-en-print.pdf"))
    import zxingcpp
    from PIL import Image
    assert zxingcpp.read_barcodes(Image.open(output / "downloads" / "qr-en-psoc.png"))[0].text.endswith("-psoc-2")

    cold = build("--no-cache")
    assert _counts(cold.stdout) == (4, 0), cold.stdout


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory):
    offer = load_content(CONTENT_SETS["laurentides"])["fr"]
    folder = tmp_path_factory.mktemp("fonts")
    installed = fonts.installed_fonts(Path(__file__).resolve().parent.parent / ".offre" / "fonts")
    made = fonts.make_fonts(fonts.characters_for(offer.model_dump_json()), folder, installed, None, formats=("ttf",))
    return offer, plan_codes(offer), made


def test_brochure_key_follows_fonts(inputs, tmp_path: Path) -> None:
    offer, codes, made = inputs
    before = downloads.brochure_key(offer, codes, made)
    changed = dict(made)
    copy = tmp_path / "open-sans-400.ttf"
    copy.write_bytes(made["open-sans-400"].read_bytes() + b"\0")
    changed["open-sans-400"] = copy
    assert downloads.brochure_key(offer, codes, changed) != before


def test_brochure_key_follows_templates(inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    offer, codes, made = inputs
    before = downloads.brochure_key(offer, codes, made)
    templates = tmp_path / "templates"
    shutil.copytree(downloads.TEMPLATES, templates)
    css = templates / "brochure.css"
    css.write_text(css.read_text(encoding="utf-8").replace("font-size: 8.6pt", "font-size: 8.5pt"), encoding="utf-8")
    monkeypatch.setattr(downloads, "TEMPLATES", templates)
    assert downloads.brochure_key(offer, codes, made) != before


def test_brochure_key_follows_the_generator_version(inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    offer, codes, made = inputs
    before = downloads.brochure_key(offer, codes, made)
    monkeypatch.setattr(downloads, "__version__", "999.0")
    assert downloads.brochure_key(offer, codes, made) != before


def test_brochure_key_ignores_where_the_text_stands(inputs) -> None:
    """Moving text to another line changes no brochure: it must not miss the cache."""
    offer, codes, made = inputs
    moved = offer.model_copy(update={"locations": {"services.yaml/services/psoc": "content/fr/services.yaml:99"}})
    assert downloads.brochure_key(moved, codes, made) == downloads.brochure_key(offer, codes, made)


def test_fonts_are_made_again_when_the_font_package_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    instanced, subset = [], []
    monkeypatch.setattr(fonts, "_instance", lambda face: instanced.append(face.name) or face.source.read_bytes())
    original_subset = fonts._subset
    monkeypatch.setattr(fonts, "_subset", lambda *a: subset.append(a[0]) or original_subset(*a))
    characters = fonts.characters_for("")
    home, cache = tmp_path / "installed", tmp_path / "cache"

    installed = fonts.installed_fonts(home)
    assert len(instanced) == len(fonts.FACES)
    assert fonts.installed_fonts(home) == installed and len(instanced) == len(fonts.FACES)
    fonts.make_fonts(characters, tmp_path / "a", installed, cache, formats=("ttf",))
    assert len(subset) == len(fonts.FACES)
    fonts.make_fonts(characters, tmp_path / "b", installed, cache, formats=("ttf",))
    assert len(subset) == len(fonts.FACES), "second time: all from the cache"

    monkeypatch.setattr(fonts, "fonts_digest", lambda: "f" * 64)  # a new release of a font package
    newer = fonts.installed_fonts(home)
    assert len(instanced) == 2 * len(fonts.FACES) and newer != installed
    fonts.make_fonts(characters, tmp_path / "c", newer, cache, formats=("ttf",))
    assert len(subset) == 2 * len(fonts.FACES), "fonts from the new package are subset again"
    fonts.make_fonts(characters, tmp_path / "d", newer, None, formats=("ttf",))
    assert len(subset) == 3 * len(fonts.FACES), "no cache: nothing reused"


def test_whole_build_is_redone_when_the_generator_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build as build

    project = build.Project.find()
    before = build.build_key(CONTENT_SETS["laurentides"], project, False)
    assert build.build_key(CONTENT_SETS["laurentides"], project, True) != before
    monkeypatch.setattr(build, "__version__", "999.0")
    assert build.build_key(CONTENT_SETS["laurentides"], project, False) != before
