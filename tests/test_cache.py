"""The build cache is never stale: what changed is made again, the rest is reused,
and --no-cache reuses nothing."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

import generator.downloads as downloads
from generator import store
import generator.fonts as fonts
from conftest import CONTENT_SETS, run_offre
from generator.content import load_content
from generator.qr import plan_codes

pytestmark = pytest.mark.slow


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

    # An edit of the French cover: the panel plan both languages share does not move,
    # so only the French PDFs are made again.
    organisation = content / "fr" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "subtitle: Pour répondre aux besoins de la population", "subtitle: Pour répondre aux besoins de sa population"),
        encoding="utf-8")
    edited = build()
    assert edited.returncode == 0, edited.stderr
    assert _counts(edited.stdout) == (2, 2), edited.stdout
    from pdf import page_text
    assert "Pour répondre aux besoins de sa population" in " ".join(page_text(output / "downloads" / "brochure-fr-office.pdf").split())
    # An edit that makes a section longer may move the plan: both languages follow it.
    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "title: Organisation communautaire", "title: Organisation communautaire et concertation"), encoding="utf-8")
    longer = build()
    assert longer.returncode == 0, longer.stderr
    made, reused = _counts(longer.stdout)
    assert made >= 2 and made + reused == 4, longer.stdout
    assert "Organisation communautaire et concertation" in " ".join(
        page_text(output / "downloads" / "brochure-fr-office.pdf").split())

    for language in ("fr", "en"):  # a French page's address: the same in both (issue 28), both brochures move
        contact = content / language / "contact.yaml"
        contact.write_text(contact.read_text(encoding="utf-8").replace(
            "organismes-communautaires-psoc\n", "organismes-communautaires-psoc-2\n"), encoding="utf-8")
    moved = build()
    assert moved.returncode == 0, moved.stderr
    assert _counts(moved.stdout) == (4, 0), moved.stdout
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
    prepared = fonts.prepared_fonts(Path(__file__).resolve().parent.parent / ".offre" / "fonts")
    return offer, plan_codes(offer), {name: faces.ttf for name, faces in prepared.items()}


def test_measure_key_follows_fonts(inputs, tmp_path: Path) -> None:
    offer, codes, made = inputs
    before = downloads.measure_key(offer, codes, made)
    changed = dict(made)
    copy = tmp_path / "open-sans-400.ttf"
    copy.write_bytes(made["open-sans-400"].read_bytes() + b"\0")
    changed["open-sans-400"] = copy
    assert downloads.measure_key(offer, codes, changed) != before


def test_measure_key_follows_templates(inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    offer, codes, made = inputs
    before = downloads.measure_key(offer, codes, made)
    templates = tmp_path / "templates"
    shutil.copytree(downloads.TEMPLATES, templates)
    css = templates / "brochure.css"
    css.write_text(css.read_text(encoding="utf-8").replace("line-height: 1.4;", "line-height: 1.5;"), encoding="utf-8")
    monkeypatch.setattr(downloads, "TEMPLATES", templates)
    assert downloads.measure_key(offer, codes, made) != before


def test_measure_key_follows_the_generator_version(inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    offer, codes, made = inputs
    before = downloads.measure_key(offer, codes, made)
    monkeypatch.setattr(downloads, "__version__", "999.0")
    assert downloads.measure_key(offer, codes, made) != before


def test_measure_key_ignores_where_the_text_stands(inputs) -> None:
    """Moving text to another line changes no brochure: it must not miss the cache."""
    offer, codes, made = inputs
    moved = offer.model_copy(update={"locations": {"services.yaml/services/psoc": "content/fr/services.yaml:99"}})
    assert downloads.measure_key(moved, codes, made) == downloads.measure_key(offer, codes, made)


def test_brochure_key_follows_the_plan_and_the_date(inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.brochure.plan import Plan
    from generator.brochure.plan import Piece

    plan = Plan(10.5, {"fr": {"flap": 1.0}, "en": {"flap": 1.2}}, {"flap": (Piece("introduction"),)},
                title_sizes={"fr": 30.0, "en": 26.0})
    from datetime import datetime, timezone

    date = datetime(2026, 11, 1, tzinfo=timezone.utc)
    key = downloads.brochure_key("m", plan, "fr", date)
    assert downloads.brochure_key("m", Plan(10.0, plan.spacing, plan.panels, title_sizes=plan.title_sizes), "fr",
                                  date) != key
    assert downloads.brochure_key("m", Plan(10.5, {"fr": {"flap": 1.0}, "en": {"flap": 1.4}}, plan.panels,
                                            title_sizes={"fr": 30.0, "en": 22.0}), "fr", date) == key, \
        "the other language's cover and spacing are not this one's business"
    assert downloads.brochure_key("m", plan, "fr", datetime(2026, 11, 2, tzinfo=timezone.utc)) != key


def test_fonts_are_made_again_when_the_font_package_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepared_faces, subsets = [], []
    monkeypatch.setattr(fonts, "_prepare",
                        lambda face: prepared_faces.append(face.name) or (face.name.encode(), b"base", b"base ttf"))
    monkeypatch.setattr(fonts, "_web_subset", lambda ttf, characters: subsets.append(ttf) or b"subset " + ttf)
    home, cache = tmp_path / "installed", tmp_path / "cache"
    faces = len(fonts.FACES)

    prepared = fonts.prepared_fonts(home)
    assert len(prepared_faces) == faces
    assert fonts.prepared_fonts(home) == prepared and len(prepared_faces) == faces, "prepared once"

    fonts.web_fonts(fonts.characters_for("Montréal « œuvre »"), tmp_path / "a", prepared, cache)
    assert not subsets and (tmp_path / "a" / "open-sans-400.woff2").read_bytes() == b"base", \
        "text within the base set: the prepared web fonts as they are"
    polish = fonts.characters_for("Łódź, Gdańsk")
    fonts.web_fonts(polish, tmp_path / "b", prepared, cache)
    assert len(subsets) == faces and (tmp_path / "b" / "open-sans-400.woff2").read_bytes() == b"subset open-sans-400"
    fonts.web_fonts(polish, tmp_path / "c", prepared, cache)
    assert len(subsets) == faces, "second time: from the cache"

    monkeypatch.setattr(fonts, "fonts_digest", lambda: "f" * 64)  # a new release of a font package
    newer = fonts.prepared_fonts(home)
    assert len(prepared_faces) == 2 * faces and newer != prepared
    fonts.web_fonts(polish, tmp_path / "d", newer, cache)
    assert len(subsets) == 2 * faces, "fonts from the new package are subset again"
    fonts.web_fonts(polish, tmp_path / "e", newer, None)
    assert len(subsets) == 3 * faces, "no cache: nothing reused"


def test_web_fonts_hold_characters_beyond_the_base_set(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "title: Organisation communautaire", "title: Organisation communautaire (Łódź, Gdańsk)"), encoding="utf-8")
    output = tmp_path / "site"
    result = run_offre("build", "--content", str(content), "--output", str(output),
                       env={**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    from fontTools.ttLib import TTFont
    for face in ("open-sans-400", "open-sans-700", "roboto-700"):
        cmap = TTFont(output / "assets" / "fonts" / f"{face}.woff2").getBestCmap()
        assert {ord(c) for c in "Łźń"} <= set(cmap), f"{face}.woff2 lacks the Polish letters"
    # The brochures lay the name out in Open Sans and Roboto too, not in a fallback font.
    import pikepdf

    from pdf import embedded_fonts, page_text
    for variant in ("office", "print"):
        pdf_path = output / "downloads" / f"brochure-fr-{variant}.pdf"
        assert "(Łódź, Gdańsk)" in " ".join(page_text(pdf_path).split())
        with pikepdf.open(pdf_path) as pdf:
            names = sorted(name.split("+")[-1].replace("-", "") for name in embedded_fonts(pdf))
        assert names and all(name.startswith(("OpenSans", "Roboto")) for name in names), names


def test_whole_build_is_redone_when_the_generator_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build as build

    project = build.Project.find()
    before = build.build_key(CONTENT_SETS["laurentides"], project, False)
    assert build.build_key(CONTENT_SETS["laurentides"], project, True) != before
    monkeypatch.setattr(build, "__version__", "999.0")
    assert build.build_key(CONTENT_SETS["laurentides"], project, False) != before


def _measuring(timings: Path) -> list[dict]:
    import json

    return [stage for stage in json.loads(timings.read_text(encoding="utf-8"))["stages"]
            if stage["stage"] == "brochures: measuring"]


def test_an_edit_measures_only_what_it_changed(tmp_path: Path) -> None:
    """The brochure's pieces are measured once and kept: after an edit of one summary,
    only that service's section is laid out again (at the three sizes that settle the
    plan, in one round); a damaged cache costs only time; --no-cache measures everything."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    output, timings = tmp_path / "site", tmp_path / "timings.json"
    env = {**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache"), "OFFRE_TIMINGS": str(timings)}

    def build(*options: str):
        result = run_offre("build", *options, "--content", str(content), "--output", str(output), env=env)
        assert result.returncode == 0, result.stderr
        return result

    build()
    first = _measuring(timings)
    assert sum(stage["pieces"] for stage in first) > 20, first
    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "Le PSOC vise à reconnaître et à promouvoir", "Le PSOC vise à reconnaître et à soutenir"), encoding="utf-8")
    edited = build()
    assert _counts(edited.stdout) == (2, 2), edited.stdout
    rounds = _measuring(timings)
    # one round (the last build's size, the next larger and the next smaller), and in it
    # the edited section alone, once per size
    assert len(rounds) == 1 and rounds[0]["pieces"] == len(rounds[0]["sizes"]) == 3, rounds
    from pdf import page_text
    assert "et à soutenir" in " ".join(page_text(output / "downloads" / "brochure-fr-office.pdf").split())

    import json

    for index, measures in enumerate(sorted((tmp_path / "cache" / "measures").iterdir())):
        if index == 0:  # cut short
            measures.write_text('{"size": 9.5, "entries": {"x": ', encoding="utf-8")
        else:  # every entry of the wrong shape
            data = json.loads(measures.read_bytes()[store.SEAL_LENGTH:])  # past offre's seal
            data["entries"] = {key: {"blocks": "?", "gap": None} for key in data["entries"]}
            measures.write_text(json.dumps(data), encoding="utf-8")
    services.write_text(services.read_text(encoding="utf-8").replace("locales.", "du territoire."), encoding="utf-8")
    damaged = build()
    assert _counts(damaged.stdout) == (2, 2), damaged.stdout
    assert sum(stage["pieces"] for stage in _measuring(timings)) > 20

    build("--no-cache")
    assert sum(stage["pieces"] for stage in _measuring(timings)) > 20


def _pages(stdout: str) -> tuple[int, int]:
    made, reused = re.search(r"pages : (\d+) faites, (\d+) reprises", stdout).groups()
    return int(made), int(reused)


def _same_files(built: Path, clean: Path) -> None:
    """Every file of `built` is in `clean` with the same bytes, and the other way round."""
    files = sorted(path.relative_to(built) for path in built.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(clean) for path in clean.rglob("*") if path.is_file())
    differing = [str(name) for name in files if (built / name).read_bytes() != (clean / name).read_bytes()]
    assert not differing, differing


def test_an_edit_makes_again_only_the_pages_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are kept in the cache and reused when nothing they are made from changed:
    an edit of one summary makes again its service's page and the pages that list it,
    and the site is the same, byte for byte, as a build that reuses nothing. An edit
    of a menu's title makes every page of its language again; a damaged page in the
    cache is made again. (The site alone, in this process, as the preview builds it:
    the brochures' cache is tested above; the counts' message in the next test.)"""
    from generator.build import build as build_site

    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["fictif"], content)
    output, clean = tmp_path / "site", tmp_path / "clean"
    monkeypatch.setenv("OFFRE_CACHE_DIR", str(tmp_path / "cache"))

    def build(no_cache: bool = False, to: Path = output) -> tuple[int, int]:
        result = build_site(content, to, no_cache=no_cache, site_only=True)
        return result.pages_made, result.pages_reused

    first = build()
    assert first[1] == 0 and first[0] > 10, first
    services = content / "fr" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    summary = re.search(r"^    summary: (.+)$", text, re.MULTILINE).group(1)
    services.write_text(text.replace(summary, summary + " Modifié.", 1), encoding="utf-8")
    made, reused = build()
    assert 1 <= made <= 3 and made + reused == sum(first), (made, reused)
    assert build(no_cache=True, to=clean) == (sum(first), 0)
    _same_files(output, clean)

    # A service's title is in every page's menu, in its language: all the French pages
    # are made again, none of the English ones (the same pages in both languages).
    title = re.search(r"^    title: (.+)$", services.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    services.write_text(services.read_text(encoding="utf-8").replace(title, title + " (nouveau)", 1), encoding="utf-8")
    assert build() == (sum(first) // 2, sum(first) // 2)
    build(no_cache=True, to=clean)
    _same_files(output, clean)

    # Every kept page damaged (cut short, not UTF-8, or emptied): each one is made again.
    kept_pages = sorted((tmp_path / "cache" / "pages").rglob("*.html"))
    for index, kept in enumerate(kept_pages):
        data = kept.read_bytes()
        kept.write_bytes((data[:len(data) // 2], b"\xff\xfe<html>", b"")[index % 3])
    again = tmp_path / "again"  # the same content: every page would be reused
    assert build(to=again) == (sum(first), 0)
    _same_files(again, clean)
    assert build(to=tmp_path / "once-more") == (0, sum(first))  # and kept whole again


def test_what_no_build_used_for_a_week_is_removed_from_the_cache(tmp_path: Path) -> None:
    """Every edit adds to the cache (a language's brochures weigh 850 KB): what no build
    has used for a week is removed after a build, of every kind, and what the build used
    stays, however old it was."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    cache = tmp_path / "cache"
    env = {**os.environ, "OFFRE_CACHE_DIR": str(cache)}

    def build(to: str):
        result = run_offre("build", "--content", str(content), "--output", str(tmp_path / to), env=env)
        assert result.returncode == 0, result.stderr
        return result

    first = build("site")
    pages = sum(_pages(first.stdout))
    kinds = ("brochures", "measures", "pages", "precompressed")  # (fonts: the base set, prepared once)
    assert all(any((cache / kind).iterdir()) for kind in kinds)
    a_week_ago = time.time() - 8 * 24 * 3600
    kept = [path for kind in kinds for path in (cache / kind).rglob("*")]
    for path in kept:
        os.utime(path, (a_week_ago, a_week_ago))
    # What an earlier build left: a brochure of a text since changed, a page, a compressed
    # copy, the half-written file of a build killed while writing it.
    # Each sealed as offre seals its entries (see store.py): only those are ever removed.
    stale = {cache / "brochures" / ("0" * 32 + "-fr-print.pdf"): "brochures/" + "0" * 32 + "-fr-print.pdf",
             cache / "pages" / "00" / ("0" * 64 + ".html"): "pages/00/" + "0" * 64 + ".html",
             cache / "precompressed" / "00" / ("0" * 64 + ".br"): "precompressed/00/" + "0" * 64 + ".br",
             cache / "measures" / (".0" + "1" * 31 + "-fr.json-abcd_123"): "measures/0" + "1" * 31 + "-fr.json"}
    for path, name in stale.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(store.seal(name, b"unused"))
        os.utime(path, (a_week_ago, a_week_ago))

    # An edit of the French cover, a week later: the English brochures, the pages it did
    # not change and everything else the build took stay, the rest is removed.
    organisation = content / "fr" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "subtitle: Pour répondre aux besoins de la population", "subtitle: Pour répondre aux besoins de sa population"),
        encoding="utf-8")
    # A file offre did not write, should OFFRE_CACHE_DIR name a folder shared with others.
    foreign = cache / "fonts" / "notes.txt"
    foreign.parent.mkdir(exist_ok=True)
    foreign.write_text("not offre's")
    os.utime(foreign, (a_week_ago, a_week_ago))
    edited = build("edited")
    assert _counts(edited.stdout) == (2, 2), edited.stdout
    assert [path for path in stale if path.exists()] == []
    assert foreign.read_text() == "not offre's"
    # Nothing the edited content needs was removed: built again, everything is reused
    # (the brochures, the pages, and the fonts and compressed copies: nothing is added).
    entries = sorted(path for kind in kinds for path in (cache / kind).rglob("*"))
    again = build("again")
    assert _counts(again.stdout) == (0, 4), again.stdout
    assert _pages(again.stdout) == (0, pages), again.stdout
    assert sorted(path for kind in kinds for path in (cache / kind).rglob("*")) == entries
