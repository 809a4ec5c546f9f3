"""The printed brochures: QR codes that scan, print-shop geometry, PDF/UA, no overflow."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pikepdf
import pytest

from conftest import CONTENT_SETS, PUBLIC_URL, run_offre, tree_digest
from pdf import embedded_fonts, figures_alt, page_text, scan, text_outside_trim
from sitehtml import normalise, pages, soup

pytestmark = pytest.mark.slow

LAURENTIDES = "https://santelaurentides.gouv.qc.ca/espace-employes-et-partenaires/espace-partenaires/relations-a-la-communaut%C3%A9-et-organisation-communautaire"
DIRECT = {LAURENTIDES, LAURENTIDES + "/programme-de-soutien-aux-organismes-communautaires-psoc"}


def expected_codes(name: str, language: str, short: bool) -> set[str]:
    """What each code must scan to, from the content: its link's address, or the site's
    short address of it when the site's public address is known."""
    import yaml

    from generator.text import to_uri

    content = CONTENT_SETS[name] / language
    links = yaml.safe_load((content / "contact.yaml").read_text(encoding="utf-8"))["links"]
    site = yaml.safe_load((content / "organisation.yaml").read_text(encoding="utf-8")).get("site") or {}
    public = PUBLIC_URL if short else site.get("public_url")
    prefix = (public or "").rstrip("/") + "/" + ("" if language == "fr" else "en/")
    codes = {prefix + f"qr/{link['id']}/" if public else to_uri(link["url"])
             for link in links if link.get("qr") and link.get("url")}
    # A request form of the content that a service names: a code to its page, when the
    # site's public address is known (a code holds an absolute address).
    forms = yaml.safe_load((content / "contact.yaml").read_text(encoding="utf-8")).get("forms") or []
    services = yaml.safe_load((content / "services.yaml").read_text(encoding="utf-8"))["services"]
    named = {(service.get("request") or {}).get("form") for service in services}
    folder = "formulaires" if language == "fr" else "forms"
    home = {prefix} if public else set()  # the back's code to the site's home page
    return home | codes | {prefix + f"{folder}/{form.get('slug') or form['id']}/"
                    for form in forms if public and form["id"] in named}


BROCHURES = [(name, language, variant) for name in CONTENT_SETS for language in ("fr", "en")
             for variant in ("print", "office")]


def _pdf(site: Path, language: str, variant: str) -> Path:
    return site / "downloads" / f"brochure-{language}-{variant}.pdf"


@pytest.mark.parametrize("short", [False, True], ids=["direct", "short"])
@pytest.mark.parametrize(("name", "language", "variant"), BROCHURES)
def test_every_qr_code_scans_to_its_address(built_sites, short_sites, name, language, variant, short) -> None:
    site = (short_sites if short else built_sites)[name]
    codes = scan(_pdf(site, language, variant))
    assert sorted(code.text for code in codes) == sorted(expected_codes(name, language, short))
    for code in codes:
        assert code.ec_level == "M"
        assert code.width_mm >= 20, f"{code.text}: {code.width_mm:.1f} mm wide"
        assert code.module_mm >= 0.4, f"{code.text}: modules of {code.module_mm:.2f} mm"


def test_short_addresses_make_small_codes(built_sites, short_sites) -> None:
    direct = {code.text: code.version for code in scan(_pdf(built_sites["laurentides"], "fr", "print"))}
    short = {code.text: code.version for code in scan(_pdf(short_sites["laurentides"], "fr", "print"))}
    assert direct[LAURENTIDES + "/programme-de-soutien-aux-organismes-communautaires-psoc"] == 10
    assert short[PUBLIC_URL + "qr/psoc/"] == 3


@pytest.mark.parametrize("language", ["fr", "en"])
def test_short_address_pages_redirect_to_the_target(short_sites, language) -> None:
    prefix = "" if language == "fr" else "en/"
    page = short_sites["laurentides"] / prefix / "qr" / "psoc" / "index.html"
    document = soup(page)
    target = LAURENTIDES + "/programme-de-soutien-aux-organismes-communautaires-psoc"
    refresh = document.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == f"0; url={target}"
    assert document.find("a", href=target) is not None, "no visible link for browsers that do not redirect"
    assert document.html["lang"] == language


def test_without_public_url_there_are_no_short_pages(built_sites) -> None:
    assert not (built_sites["laurentides"] / "qr").exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_qr_files_for_download(built_sites, language) -> None:
    from PIL import Image
    import zxingcpp

    downloads = built_sites["laurentides"] / "downloads"
    for stem in ("demande-organisation-communautaire", "psoc"):
        svg = (downloads / f"qr-{language}-{stem}.svg").read_text(encoding="utf-8")
        assert svg.count("<path") == 1, "the SVG is one path"
        assert re.search(r'width="[\d.]+mm"', svg), "the SVG has its print size"
        png = Image.open(downloads / f"qr-{language}-{stem}.png")
        assert min(png.size) >= 1000
        decoded = [code.text for code in zxingcpp.read_barcodes(png)]
        assert len(decoded) == 1 and decoded[0] in DIRECT
        svg_modules = _svg_modules(downloads / f"qr-{language}-{stem}.svg")
        assert svg_modules == _png_modules(png, len(svg_modules)), \
            "the SVG (an outline) and the PNG (pixels) draw the same modules"


def _svg_modules(path: Path) -> list[list[bool]]:
    """Which modules the SVG paints dark, read at each module's centre once rendered."""
    import pypdfium2 as pdfium
    from weasyprint import HTML

    side = int(re.search(r'viewBox="0 0 (\d+) \d+"', path.read_text(encoding="utf-8")).group(1))
    html = f"<style>@page {{ size: {side}px; margin: 0 }} body {{ margin: 0 }} img {{ display: block; width: {side}px }}</style>" \
           f'<img src="{path.resolve().as_uri()}">'
    document = pdfium.PdfDocument(HTML(string=html).write_pdf())
    image = document[0].render(scale=10 * 96 / 72).to_pil().convert("L")  # 10 px a module
    document.close()
    return [[image.getpixel((10 * x + 5, 10 * y + 5)) < 128 for x in range(side)] for y in range(side)]


def _png_modules(png, side: int) -> list[list[bool]]:
    scale = png.size[0] / side
    gray = png.convert("L")
    return [[gray.getpixel((int(scale * (x + 0.5)), int(scale * (y + 0.5)))) < 128 for x in range(side)]
            for y in range(side)]


@pytest.mark.parametrize(("name", "language"), [(n, l) for n in CONTENT_SETS for l in ("fr", "en")])
def test_print_pdf_is_pdf_x4_for_the_press(built_sites, name, language) -> None:
    """CMYK against a registered output intent, nothing in RGB, bleed and marks outside the trim."""
    path = _pdf(built_sites[name], language, "print")
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 2
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFX"
        assert str(intents[0].OutputConditionIdentifier) == "FOGRA39"
        assert int(intents[0].DestOutputProfile.N) == 4, "a CMYK profile"
        assert str(pdf.docinfo["/Trapped"]) == "/False" and "/ID" in pdf.trailer
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert (trim[2] - trim[0], trim[3] - trim[1]) == (792, 612), "trim box is 11 × 8.5 in"
            assert media[0] <= trim[0] - 18 and media[2] >= trim[2] + 18, "room for bleed and marks"
            assert media[1] <= trim[1] - 18 and media[3] >= trim[3] + 18
            assert "/BleedBox" in page.obj
        fonts = embedded_fonts(pdf)
        assert fonts and all(fonts.values()), f"fonts not embedded: {fonts}"
        for item in pdf.objects:
            if isinstance(item, pikepdf.Stream):
                if item.get("/Subtype") == "/Image":
                    assert str(item.get("/ColorSpace")) != "/DeviceRGB", "an RGB image"
                    continue
                data = item.read_bytes() if "/Filter" not in item or item.Filter == "/FlateDecode" else b""
                assert not re.search(rb"(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)(\s|$)", data), "RGB colour in print"
            if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)) and "/CS" in item:
                assert "RGB" not in str(item.CS)
    assert text_outside_trim(path) == []


@pytest.mark.parametrize(("name", "language"), [(n, l) for n in CONTENT_SETS for l in ("fr", "en")])
def test_office_pdf_is_pdf_ua1(built_sites, name, language) -> None:
    path = _pdf(built_sites[name], language, "office")
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            media = [float(v) for v in page.obj.MediaBox]
            assert media == [0, 0, 792, 612], "letter landscape, no bleed, no marks"
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        assert "/OutputIntents" not in pdf.Root
        assert str(pdf.Root.Lang) == language
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.docinfo["/Title"]) and str(pdf.docinfo["/Author"])
        fonts = embedded_fonts(pdf)
        assert fonts and all(fonts.values()), f"fonts not embedded: {fonts}"
        names = [font.replace("-", "") for font in fonts]
        assert any("OpenSans" in font for font in names) and any("Roboto" in font for font in names)
        alts = figures_alt(pdf)
    codes = expected_codes(name, language, False)
    lead = "Code QR\u00a0: " if language == "fr" else "QR code: "
    assert len([alt for alt in alts if alt.startswith(lead)]) == len(codes), alts
    assert all(alt.strip() for alt in alts), "every figure has its alternative text"


def test_brochure_says_what_the_content_says(built_sites) -> None:
    # (A printed address breaks after its / . - ? @: the line break is not part of it.)
    text = re.sub(r"([/.@?-])\s+", r"\1", normalise(page_text(_pdf(built_sites["laurentides"], "fr", "print"))))
    for expected in ("Agir ensemble", "Soutien communautaire en logement social",
                     "450 433-2777, poste 65139", "psoc.ciSSLau@ssss.gouv.qc.ca",
                     "Chaque demande est évaluée et priorisée selon des critères bien définis."):
        assert expected in text
    english = normalise(page_text(_pdf(built_sites["outaouais"], "en", "office")))
    for expected in ("Social problems are collective in nature, and so are their solutions!",
                     "819-966-6484, ext. 6", "Information-referral"):
        assert expected in english
    assert "Download the form" not in english and "Visit our web page" not in english, "links to nowhere"
    for variant in ("print", "office"):
        french = normalise(page_text(_pdf(built_sites["laurentides"], "fr", variant)))
        assert "Ou simplement scannez ce code QR avec l'appareil photo de votre téléphone intelligent." in french
        english = normalise(page_text(_pdf(built_sites["laurentides"], "en", variant)))
        assert "Or simply scan this QR code with your smartphone's camera." in english



def test_text_too_long_for_a_panel_fails_and_keeps_the_last_site(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    output = tmp_path / "site"
    assert run_offre("build", "--content", str(content), "--output", str(output)).returncode == 0
    before = tree_digest(output)
    services = content / "fr" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    # The housing service's description, all of it (its summary and its paragraph), ten times.
    for paragraph in (
        "Ce soutien a pour but d'offrir un accompagnement sur une base volontaire et\n"
        "      confidentielle aux locataires vivant dans les logements sociaux, par\n"
        "      l'entremise des intervenants sociocommunautaires.",
        "Les intervenants utilisent une relation de proximité pour accompagner les\n"
        "        locataires dans leur quotidien, ainsi que dans la recherche de leurs propres\n"
        "        solutions.",
    ):
        assert paragraph in text
        text = text.replace(paragraph, " ".join([" ".join(paragraph.split())] * 10))
    services.write_text(text, encoding="utf-8")
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(row for row in result.stderr.splitlines() if row.startswith("brochure-fr-"))
    assert re.search(r"dépasse les panneaux de la brochure de \d+ mm, même en 9,5 pt", line), line
    assert "(brochure: false)" in line and "« Soutien communautaire en logement social » (" in line
    assert "services.yaml:" in line
    assert tree_digest(output) == before, "the previous site was touched"


def test_same_content_gives_byte_identical_pdfs(built_sites, tmp_path) -> None:
    output = tmp_path / "again"
    result = run_offre("build", "--print-only", "--content", str(CONTENT_SETS["laurentides"]), "--output", str(output))
    assert result.returncode == 0, result.stderr
    for language in ("fr", "en"):
        for variant in ("print", "office"):
            first = _pdf(built_sites["laurentides"], language, variant).read_bytes()
            again = _pdf(output, language, variant).read_bytes()
            assert first == again, f"brochure-{language}-{variant}.pdf differs between two builds"
    assert not (output / "index.html").exists(), "--print-only makes no website"


def test_making_brochures_leaves_nothing_in_the_temporary_folder(tmp_path) -> None:
    """Fonts WeasyPrint copies aside for each brochure are removed: builds in a row
    must not fill the disk."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    content = str(CONTENT_SETS["laurentides"])
    built = run_offre("build", "--print-only", "--no-cache", "--content", content,
                      "--output", str(tmp_path / "out"), env=env)
    assert built.returncode == 0, built.stderr
    checked = run_offre("check", "--content", content, env=env)
    assert checked.returncode == 0, checked.stderr
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_every_page_links_to_its_brochure(built_sites, name) -> None:
    """In the footer of every page, 404 pages included: the brochure of the page's language."""
    site = built_sites[name]
    for page in pages(site):
        if "qr" in page.relative_to(site).parts:
            continue
        language = "en" if page.relative_to(site).parts[0] == "en" else "fr"
        link = soup(page).select_one("footer.offre-footer a[download]")
        assert link is not None, page
        assert normalise(link.get_text()) == {"fr": "Télécharger la brochure (PDF)", "en": "Download the brochure (PDF)"}[language]
        # 404 pages answer at any depth: their links start from the site's root (a <base>
        # their script sets when the site's public address is not known)
        root = site if page.name == "404.html" else page.parent
        target = (site / link["href"][1:] if link["href"].startswith("/") else root / link["href"]).resolve()
        assert target == (site / "downloads" / f"brochure-{language}-office.pdf").resolve(), page
        assert target.is_file()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_brochures_page_offers_both_brochures_and_leads_to_the_kit(built_sites, language) -> None:
    """The public page: the brochure to read or print at home, in both languages (its
    own first and highlighted), and a link to the communications kit."""
    site = built_sites["laurentides"]
    root = site if language == "fr" else site / "en"
    page = root / "brochures" / "index.html"
    actions = soup(page).select(".offre-actions a.offre-action")
    targets = [(page.parent / a["href"]).resolve() for a in actions]
    other = "en" if language == "fr" else "fr"
    assert targets == [(site / "downloads" / f"brochure-{lang}-office.pdf").resolve() for lang in (language, other)] \
        or targets == [(site / "downloads" / f"brochure-{lang}-office.pdf").resolve() for lang in ("fr", "en")]
    primary = [a for a in actions if "md-button--primary" in a["class"]]
    assert len(primary) == 1 and (page.parent / primary[0]["href"]).resolve().name == f"brochure-{language}-office.pdf"
    kit = root / {"fr": "trousse-communications", "en": "communications-kit"}[language] / "index.html"
    assert kit.resolve() in {(page.parent / a["href"] / "index.html").resolve()
                             for a in soup(page).select("article a[href]") if a["href"].endswith("/")}
    text = normalise(soup(page).get_text(" "))
    assert "QR" in text  # says what the kit holds; the files themselves are in the kit


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_communications_kit_lists_every_file_and_is_out_of_the_menu(built_sites, language) -> None:
    site = built_sites["laurentides"]
    root = site if language == "fr" else site / "en"
    kit = root / {"fr": "trousse-communications", "en": "communications-kit"}[language] / "index.html"
    linked = {(kit.parent / a["href"]).resolve() for a in soup(kit).find_all("a", href=True)}
    files = {path.resolve() for path in (site / "downloads").iterdir() if path.suffix in (".pdf", ".svg", ".png")}
    assert files and files <= linked
    for page in pages(root):
        menu = soup(page).select("nav.md-nav--primary a[href]")
        assert menu, page
        assert not any(a["href"].rstrip("/").endswith(("trousse-communications", "communications-kit")) for a in menu), page
