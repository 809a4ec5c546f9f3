"""The brochure as a designer, a print shop and a screen-reader user see it: type that is
read comfortably, panels that are filled and never empty, the same plan in both
languages, the reading order of the folded leaflet, a white margin for office printers,
fold marks for the press, addresses that can be typed, the organisation's signature."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import content_sets
from brochure_pages import bookmarks, font_sizes, panel_blocks, panel_ink, panel_text, render, structure, text_sizes
from conftest import CONTENT_SETS, load_in_process, run_offre
from pdf import page_text, scan
from sitehtml import normalise, soup

pytestmark = pytest.mark.slow

NAMES = list(CONTENT_SETS)
SHIPPED = ("laurentides", "outaouais")
BODY_MIN, SMALLEST_MIN, ADDRESS_MIN = 9.5, 8.0, 9.0
FLOW = ("flap", "inside_1", "inside_2", "inside_3")


def _pdf(site: Path, language: str, variant: str) -> Path:
    return site / "downloads" / f"brochure-{language}-{variant}.pdf"


@pytest.fixture(scope="module")
def other_sets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Sites built from a short, a long, a tiny and an illustrated content set. Only the
    illustrated one's pages are read (its header's signature): the others are built with
    --print-only, their brochures made as a whole build makes them, without the site."""
    sites = {}
    for name, make in (("short", content_sets.short), ("long", lambda t: content_sets.longer(t, 1)),
                       ("tiny", content_sets.tiny), ("images", content_sets.with_images)):
        base = tmp_path_factory.mktemp(name)
        content = make(base / "content")
        only = [] if name == "images" else ["--print-only"]
        result = run_offre("build", "--content", str(content), "--output", str(base / "site"), *only)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        sites[name] = base / "site"
    return sites


@pytest.mark.parametrize("variant", ["print", "office"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_type_is_large_enough(built_sites, name, language, variant) -> None:
    sizes = font_sizes(_pdf(built_sites[name], language, variant))
    body = sizes.most_common(1)[0][0]
    assert body >= BODY_MIN, f"body text at {body} pt"
    assert min(sizes) >= SMALLEST_MIN, f"text at {min(sizes)} pt"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_phone_set_large_on_a_short_offers_back_breaks_only_before_its_extension(other_sets, language) -> None:
    """A short offer's back sets its phones large: the tiny set's (the shipped number and
    its extension) is printed whole, a line ending only after its comma."""
    text = panel_text(_pdf(other_sets["tiny"], language, "office"), "back").replace("\xa0", " ")
    number, extension = ("450 433-2777", "poste 65139") if language == "fr" else ("450-433-2777", "ext. 65139")
    assert re.search(re.escape(number) + r", ?(?:\r\n)?" + re.escape(extension), text), text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_printed_addresses_are_large_enough_and_break_only_at_separators(built_sites, language) -> None:
    import yaml

    from generator.text import display_url

    pdf = _pdf(built_sites["laurentides"], language, "print")
    assert min(text_sizes(pdf, "santelaurentides.gouv")) >= ADDRESS_MIN
    links = yaml.safe_load((CONTENT_SETS["laurentides"] / language / "contact.yaml").read_text(encoding="utf-8"))["links"]
    text = page_text(pdf)
    for link in links:
        printed = display_url(link["url"])
        # The address as printed, a line break allowed after any character (pdfium
        # writes a hyphen that ends a line as U+FFFE).
        pattern = "".join(r"(?:-|\ufffe)(?:\r\n)?" if character == "-" else re.escape(character) + r"(?:\r\n)?"
                          for character in printed)
        found = re.search(pattern.removesuffix(r"(?:\r\n)?"), text)
        assert found, f"{printed} is not printed whole"
        for match in re.finditer(r"\r\n", found.group()):  # after a separator, or before a hyphen or a dot
            before, after = found.group()[match.start() - 1], found.group()[match.end():match.end() + 1]
            assert before in "/?&=#@" or after in "-.", f"{printed!r} breaks between {before!r} and {after!r}"
        assert "\r\n" in found.group() or "\ufffe" in found.group(), "a long address takes several lines"


@pytest.mark.parametrize("variant", ["print", "office"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_no_panel_is_empty_and_inside_panels_are_filled(built_sites, name, language, variant) -> None:
    panels = panel_ink(_pdf(built_sites[name], language, variant))
    for panel in panels.values():
        assert panel.ink > 0.02, f"{panel.name} is empty ({panel.ink:.1%} ink)"
    if name in SHIPPED:  # the made-up set is short: its panels are not full, only never empty
        for name_ in FLOW:
            assert panels[name_].fill >= 0.6, f"{name_} filled to {panels[name_].fill:.0%}"


@pytest.mark.parametrize("name", ["short", "long", "tiny", "images"])
def test_other_content_sets_leave_no_panel_empty(other_sets, name) -> None:
    for language in ("fr", "en"):
        panels = panel_ink(_pdf(other_sets[name], language, "office"))
        for panel in panels.values():
            assert panel.ink > 0.01, f"{name}/{language}: {panel.name} is empty ({panel.ink:.1%} ink)"
    sizes = font_sizes(_pdf(other_sets[name], "fr", "office"))
    assert sizes.most_common(1)[0][0] >= BODY_MIN


def test_long_content_is_set_smaller_than_short_content(built_sites, other_sets) -> None:
    body = {name: font_sizes(_pdf(site, "fr", "office")).most_common(1)[0][0]
            for name, site in (("short", other_sets["short"]), ("shipped", built_sites["laurentides"]),
                               ("long", other_sets["long"]))}
    assert body["short"] >= body["shipped"] >= body["long"] >= BODY_MIN, body
    assert body["short"] > body["long"], body


@pytest.mark.parametrize("variant", ["print", "office"])
@pytest.mark.parametrize("name", NAMES)
def test_french_and_english_share_the_panel_plan(built_sites, name, variant) -> None:
    french = panel_blocks(_pdf(built_sites[name], "fr", variant))
    english = panel_blocks(_pdf(built_sites[name], "en", variant))
    assert len(french) == len(english) == 6
    for panel, (fr, en) in enumerate(zip(french, english)):
        assert fr["/H2"] == en["/H2"] and fr["/LI"] == en["/LI"], f"panel {panel}: {fr} ≠ {en}"


@pytest.mark.parametrize("variant", ["print", "office"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_reading_order_is_cover_flap_inside_back(built_sites, name, language, variant) -> None:
    pdf = _pdf(built_sites[name], language, variant)
    tags = structure(pdf)
    headings = [role for _, role in tags if re.fullmatch(r"/H\d", role)]
    assert headings[0] == "/H1" and headings.count("/H1") == 1, headings
    levels = [int(role[2]) for role in headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"a heading level is skipped: {headings}"
    assert [role for _, role in tags if role == "/Art"] == ["/Art"] * 6, "one part per panel"
    marks = bookmarks(pdf)
    assert marks[0][0] == 0 and normalise(marks[0][1]) == normalise(_hero_title(name, language))
    assert normalise(marks[-1][1]) == normalise(_contact_title(name, language)), "the back's contacts are read last"
    # The cover is read first, the back (contacts) last, though printed between the two.
    text = normalise(page_text(pdf))
    assert marks[0][1] in text


def _contact_title(name: str, language: str) -> str:
    import yaml

    path = CONTENT_SETS[name] / language / "contact.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["title"]


def _hero_title(name: str, language: str) -> str:
    import yaml

    path = CONTENT_SETS[name] / language / "organisation.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["hero"]["title"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_office_pdf_has_no_ink_within_6_mm_of_the_edges(built_sites, name, language) -> None:
    dpi = 100
    margin = round(6 / 25.4 * dpi)
    for page in (0, 1):
        image = render(_pdf(built_sites[name], language, "office"), page, dpi).convert("L")
        width, height = image.size
        strips = [image.crop((0, 0, width, margin)), image.crop((0, height - margin, width, height)),
                  image.crop((0, 0, margin, height)), image.crop((width - margin, 0, width, height))]
        for strip in strips:
            assert strip.getextrema()[0] >= 250, f"ink within 6 mm of the edge on page {page + 1}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_office_inside_band_stops_short_of_each_fold(built_sites, language) -> None:
    """The office brochure's band atop the inside panels is broken at the folds, at least
    6 mm short of each (as wide as the panel's text): a fold made by hand drifts 1.5 mm,
    and neither a sliver of blue wraps nor does the band's end look near the fold."""
    dpi = 300
    image = render(_pdf(built_sites["laurentides"], language, "office"), 1, dpi).convert("L")
    top = round(6 / 25.4 * dpi)  # the band: at the 6 mm margin, 0.09 in tall
    rows = range(top + 2, top + round(0.09 * dpi) - 2)
    assert min(image.getpixel((image.width // 6, y)) for y in rows) < 200, "no band atop inside 1"
    for fold in (3.6875, 2 * 3.6875):
        x = round(fold * dpi)
        near = [image.getpixel((x + dx, y)) for dx in range(-round(6 / 25.4 * dpi), round(6 / 25.4 * dpi) + 1)
                for y in rows]
        assert min(near) >= 250, f"the band comes within 6 mm of the fold at {fold} in"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_print_pdf_has_fold_marks_outside_the_trim(built_sites, language) -> None:
    dpi = 300
    pdf = _pdf(built_sites["laurentides"], language, "print")
    for page, folds in ((0, (3.625, 3.625 + 3.6875)), (1, (3.6875, 2 * 3.6875))):
        image = render(pdf, page, dpi, trim_only=False).convert("L")  # media box: 0.375 in past the trim
        for fold in folds:
            x = round((0.375 + fold) * dpi)
            above = [image.getpixel((x + dx, y)) for dx in (-1, 0, 1) for y in range(2, round(0.18 * dpi))]
            below = [image.getpixel((x + dx, image.height - 1 - y)) for dx in (-1, 0, 1) for y in range(2, round(0.18 * dpi))]
            assert min(above) < 128 and min(below) < 128, f"no fold mark at {fold} in on page {page + 1}"


@pytest.mark.parametrize("variant", ["print", "office"])
def test_signature_and_cover_image(other_sets, variant) -> None:
    from pdf import figures_alt
    import pikepdf

    site = other_sets["images"]
    with pikepdf.open(_pdf(site, "fr", variant)) as pdf:
        alts = figures_alt(pdf)
    assert "Des formes bleues sur un fond pâle" in alts, "the cover image, described"
    assert alts.count("Centre intégré de santé et de services sociaux des Laurentides") == 2, \
        "the signature on the cover and on the back"
    codes = {code.text for code in scan(_pdf(site, "fr", variant))}
    assert len(codes) == 2, "the QR codes still scan"
    header = soup(site / "index.html").select_one(".md-header img.offre-signature")
    assert header is not None and header["alt"] == "Centre intégré de santé et de services sociaux des Laurentides"
    assert (site / header["src"]).is_file()


def test_check_warns_when_no_signature_is_given(tmp_path) -> None:
    result = run_offre("check", "--content", str(CONTENT_SETS["laurentides"]))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": avertissement : " in line and "signature" in line]
    assert len(warnings) == 2 and all("organisation.yaml:" in line for line in warnings), result.stderr
    with_signature = content_sets.with_images(tmp_path / "content")
    result = run_offre("check", "--content", str(with_signature))
    assert result.returncode == 0 and "aucune signature" not in result.stderr, result.stderr


@pytest.mark.parametrize(("edit", "says"), [
    (lambda c: (c / "images" / "signature.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8"), "<script>"),
    (lambda c: (c / "images" / "signature.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>', encoding="utf-8"), "href"),
    (lambda c: (c / "images" / "couverture.png").write_bytes(b"not an image"), "image PNG"),
    (lambda c: (c / "images" / "signature.svg").unlink(), "introuvable"),
])
def test_images_are_checked_like_text(tmp_path, edit, says) -> None:
    content = content_sets.with_images(tmp_path / "content")
    edit(content)
    refused = load_in_process(content).problems  # the loader decides: asked in this process
    assert re.search(rf"organisation\.yaml:\d+:\d+: .*{re.escape(says)}", "\n".join(refused)), refused


def test_content_too_long_at_the_smallest_size_says_by_how_much_and_what_could_go(tmp_path) -> None:
    content = content_sets.longer(tmp_path / "content", 2)
    result = run_offre("check", "--content", str(content), env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert result.returncode == 1
    line = next(row for row in result.stderr.splitlines() if row.startswith("brochure-"))
    assert re.search(r"the text is \d+ mm longer than the brochure's panels, even at 9.5 pt", line), line
    assert "show one of these services on the site only (brochure: false)" in line and "services.yaml:" in line


def test_readme_shows_the_brochures_and_names_the_profile() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "ISO Coated v2" in readme and "FOGRA39" in readme and "scribus-data" in readme
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme):
        assert (Path(__file__).resolve().parent.parent / image).is_file(), image
    assert re.search(r"!\[[^\]]*\]\([^)]*print[^)]*\.png\)", readme) and re.search(r"!\[[^\]]*\]\([^)]*office[^)]*\.png\)", readme)
