"""What the brochures and the site claim to conform to, confirmed by checkers the project
did not write, on every shipped content set:

- office brochures, PDF/UA-1: `page` (PyPI page-validation, veraPDF's PDF/UA-1 rules)
  and `outloud` (PDF/UA-1 and WCAG 2.2), 0 failures; and every link a Link element
  with its text and one printable, described annotation, as a screen reader needs;
- print brochures, PDF/X-4 (no free checker of PDF/X exists on PyPI, Debian or npm):
  what the press's preflight looks at, read here — no annotation, the BleedBox where
  the art really stops, the crop and fold marks outside it in a slug of 12 pt or more;
  the identification and the output intent are in test_brochures.py;
- the site, valid HTML: the Nu Html Checker (npm vnu-jar, `make test` installs it) on
  every page, 0 errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from brochure_pages import render
from conftest import CONTENT_SETS, ROOT

pytestmark = pytest.mark.slow

LANGUAGES = ("fr", "en")
ART_BLEED_PT = 9  # print.css's --bleed, 0.125 in
MIN_SLUG_PT = 12
VNU = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_BASE = Path(__import__("material").__file__).parent / "templates" / "base.html"


def _pdf(site: Path, language: str, variant: str) -> Path:
    return site / "downloads" / f"brochure-{language}-{variant}.pdf"


def _all(built_sites, variant: str) -> list[Path]:
    return [_pdf(built_sites[name], language, variant) for name in CONTENT_SETS for language in LANGUAGES]


# --- office brochures: PDF/UA-1 --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "language"), [(n, l) for n in CONTENT_SETS for l in LANGUAGES])
def test_office_pdf_passes_page_validation(built_sites, name, language) -> None:
    import page

    report = page.validate_pdf(_pdf(built_sites[name], language, "office"), profile=page.ValidationProfile.PDF_UA_1)
    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.is_compliant and not failures and report.rules.failed == 0, failures[:10]


def test_office_pdfs_pass_outloud(built_sites) -> None:
    paths = _all(built_sites, "office")
    result = subprocess.run([str(Path(sys.executable).with_name("outloud")), "--json", "-", "--fail-on", "warning",
                             *map(str, paths)], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["tool"]["version"] == "0.2.1"
    assert len(report["results"]) == len(paths)
    for found in report["results"]:
        problems = [f"{item['rule']} ({item['severity']}): {item['message']}" for item in found["findings"]
                    if item["severity"] in ("error", "warning")]
        assert found["error"] is None and found["verdict"] == "pass" and not problems, (found["path"], problems)
    assert result.returncode == 0, result.stderr[-2000:]


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


@pytest.mark.parametrize(("name", "language"), [(n, l) for n in CONTENT_SETS for l in LANGUAGES])
def test_office_pdf_links_are_links_a_reader_announces(built_sites, name, language) -> None:
    """Each annotation: a link with an area, printable, described by its target, the only
    annotation of a Link element that also holds the link's text; tab order by structure."""
    with pikepdf.open(_pdf(built_sites[name], language, "office")) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        count = 0
        for number, page in enumerate(pdf.pages, start=1):
            annotations = list(page.obj.get("/Annots", []))
            if annotations:
                assert page.obj.get("/Tabs") == "/S", f"page {number}: tab order not by structure"
            for annotation in annotations:
                count += 1
                left, bottom, right, top = (float(value) for value in annotation.Rect)
                where = f"page {number}, {str(annotation.get('/Contents'))[:60]}"
                assert annotation.Subtype == "/Link", where
                assert abs(right - left) > 1 and abs(top - bottom) > 1, f"{where}: an annotation of no size"
                assert int(annotation.get("/F", 0)) & 4, f"{where}: not printable"
                assert str(annotation.get("/Contents", "")).strip(), f"{where}: no description"
                link = parents[int(annotation.StructParent)]
                assert link.S == "/Link", f"{where}: in a {link.S} element, not a Link"
                kids = _kids(link)
                objrs = [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
                assert [objr.Obj.objgen for objr in objrs if objr.Pg.objgen == page.obj.objgen] \
                    == [annotation.objgen], f"{where}: not the one annotation of its Link element on this page"
                text = [kid for kid in kids if not isinstance(kid, pikepdf.Dictionary) or kid.get("/Type") == "/MCR"
                        or str(kid.get("/Alt", "")).strip()]  # its text, or a linked image's alternative
                assert text, f"{where}: a Link element without its text"
        assert count, "the brochure's links (phones, addresses) are clickable"


def test_a_link_broken_over_lines_is_one_link(built_sites) -> None:
    """The Laurentides brochure's long partner address runs over three lines: one Link,
    one annotation whose QuadPoints outline each line."""
    with pikepdf.open(_pdf(built_sites["laurentides"], "fr", "office")) as pdf:
        broken = [annotation for page in pdf.pages for annotation in page.obj.get("/Annots", [])
                  if "/QuadPoints" in annotation]
        assert broken, "no link over several lines"
        for annotation in broken:
            quads = [float(value) for value in annotation.QuadPoints]
            assert len(quads) % 8 == 0 and len(quads) >= 16
            left, bottom, right, top = (float(value) for value in annotation.Rect)
            assert all(left - 0.01 <= x <= right + 0.01 for x in quads[0::2])
            assert all(bottom - 0.01 <= y <= top + 0.01 for y in quads[1::2])
        targets = [str(annotation.A.URI) for page in pdf.pages for annotation in page.obj.get("/Annots", [])
                   if "/A" in annotation]
        for annotation in broken:
            assert targets.count(str(annotation.A.URI)) <= 2, "a line of a link counted as a link of its own"


# --- print brochures: PDF/X-4 ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "language"), [(n, l) for n in CONTENT_SETS for l in LANGUAGES])
def test_print_pdf_has_no_annotation_and_true_boxes(built_sites, name, language) -> None:
    with pikepdf.open(_pdf(built_sites[name], language, "print")) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert not page.obj.get("/Annots"), f"page {number}: annotations in the trim or the bleed"
            trim = [float(value) for value in page.obj.TrimBox]
            bleed = [float(value) for value in page.obj.BleedBox]
            media = [float(value) for value in page.obj.MediaBox]
            assert bleed == [trim[0] - ART_BLEED_PT, trim[1] - ART_BLEED_PT, trim[2] + ART_BLEED_PT,
                             trim[3] + ART_BLEED_PT], f"page {number}: the BleedBox is not the art's bleed"
            slug = min(bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3])
            assert slug >= MIN_SLUG_PT, f"page {number}: a slug of {slug} pt"
        for item in pdf.objects:
            if isinstance(item, pikepdf.Dictionary):
                assert item.get("/Type") not in ("/OBJR", "/Annot"), "an annotation left in the file"


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_art_reaches_the_bleed_and_the_marks_stay_outside(built_sites, language) -> None:
    """Rendered: the cover's colour runs to the BleedBox and no further; a band past the
    bleed is blank all round (no art past it, no mark touching it); the crop marks are in
    the slug, on the trim lines."""
    px = 4  # pixels a point
    pdf = _pdf(built_sites["laurentides"], language, "print")
    with pikepdf.open(pdf) as document:
        media = [float(value) for value in document.pages[0].obj.MediaBox]
        trim = [float(value) for value in document.pages[0].obj.TrimBox]
    margin = trim[0] - media[0]  # the same on each side
    for number in (0, 1):
        image = render(pdf, number, 72 * px, trim_only=False).convert("L")
        width, height = image.size

        def dark(x0: float, y0: float, x1: float, y1: float, share: bool = False) -> float:
            """Dark pixels in a rectangle given in points from the media's top left (or
            their share of it)."""
            box = image.crop((round(x0 * px), round(y0 * px), round(x1 * px), round(y1 * px)))
            found = sum(box.histogram()[:200])
            return found / (box.width * box.height) if share else found

        outer = margin - ART_BLEED_PT  # from the media's edge to the bleed
        w, h = width / px, height / px
        gap = (outer - 3.5, outer - 0.5)  # a band 0.5 to 3.5 pt past the bleed
        bands = [(gap[0], gap[0], w - gap[0], gap[1]), (gap[0], h - gap[1], w - gap[0], h - gap[0]),
                 (gap[0], gap[0], gap[1], h - gap[0]), (w - gap[1], gap[0], w - gap[0], h - gap[0])]
        assert all(dark(*band) == 0 for band in bands), f"page {number + 1}: ink just past the bleed"
        for x in (margin, w - margin):  # the crop marks: on the trim lines, in the slug
            assert dark(x - 0.5, 0, x + 0.5, outer - 4) > 0 and dark(x - 0.5, h - outer + 4, x + 0.5, h) > 0
        if number == 0:  # the cover's colour, on the right, runs to the bleed
            assert dark(w - margin + 0.5, h / 2, w - outer - 0.5, h / 2 + 1, share=True) == 1


# --- the site: valid HTML --------------------------------------------------------------------------


def test_every_page_is_valid_html(built_sites) -> None:
    assert VNU.is_file(), "the Nu Html Checker is missing: `make test` installs it (tools/vnu)"
    pages = [page for site in built_sites.values() for page in site.rglob("*.html")]
    assert len(pages) >= 3 * 10
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             *(str(site) for site in built_sites.values())], capture_output=True, text=True,
                            timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    found = [f"{message.get('url', '')}:{message.get('lastLine', '')}: {message['message']}" for message in messages]
    assert found == [], "\n".join(found[:20])
    assert result.returncode == 0


def material_base_with_our_changes() -> str:
    """Material's base.html as installed, with the changes docs/overrides/partials/base.html
    makes (see its first comment). After an upgrade of Material changed its base.html:
    copy it there again, make these changes, keep the comment."""
    base = MATERIAL_BASE.read_text(encoding="utf-8")
    drawer = '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
    search = '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
    assert drawer in base and search in base, "Material's toggles changed: see docs/overrides/partials/base.html"
    return base.replace(drawer, '    <form id="__offre_toggles" autocomplete="off"></form>\n'
                                '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
                                ' form="__offre_toggles">\n') \
               .replace(search, '    {% if "material/search" in config.plugins %}\n' + search + '    {% endif %}\n')


def test_our_base_html_is_materials_but_for_its_toggles() -> None:
    ours = (ROOT / "docs" / "overrides" / "partials" / "base.html").read_text(encoding="utf-8")
    assert ours.startswith("{#-") and "-#}\n" in ours
    assert ours.split("-#}\n", 1)[1] == material_base_with_our_changes(), \
        "Material's base.html changed: copy it to docs/overrides/partials/base.html again, with the changes its comment lists"


MATERIAL_HEADER = MATERIAL_BASE.with_name("partials") / "header.html"
MATERIAL_SITE_NAME = """        <div class="md-header__topic">
          <span class="md-ellipsis">
            {{ config.site_name }}
          </span>
        </div>
"""


def test_our_header_html_is_materials_but_for_the_sites_name() -> None:
    """docs/overrides/partials/header.html is Material's, but for the span of the site's
    name (a shorter one on a phone): an upgrade of Material that changed its header fails here."""
    ours = (ROOT / "docs" / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = MATERIAL_HEADER.read_text(encoding="utf-8")
    assert MATERIAL_SITE_NAME in theirs, "Material's header changed: see docs/overrides/partials/header.html"
    before, after = theirs.split("-#}\n", 1)[1].split(MATERIAL_SITE_NAME)
    body = ours.split("-#}\n", 1)[1]
    assert body.startswith(before) and body.endswith(after), \
        "Material's header.html changed: copy it to docs/overrides/partials/header.html again, with the site's name's change"
    assert "offre-site-name--short" in body[len(before):len(body) - len(after)]


# --- any markup a link is given ------------------------------------------------------------------

LINKS_HTML = """<!doctype html><html lang="fr"><head><title>Liens</title><style>
@page { size: 200pt 400pt; margin: 10pt } body { font: 10pt sans-serif } img { width: 30pt; height: 30pt }
</style></head><body>
<p>Écrivez à <a class="address" href="mailto:une.adresse.longue@organisme.example.org">une.<wbr>adresse.<wbr>longue@<wbr>organisme.<wbr>example.<wbr>org
<span>et</span> <strong>encore</strong> <em>un</em> <span>peu</span> <span>de</span> <span>texte</span></a> ou appelez le
<a class="phone" href="tel:+14504332777,65139">450 433-2777, poste 65139</a>.</p>
<figure><a href="https://organisme.example.org/demande"><img alt="Code QR : organisme.example.org/demande"
src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 2'%3E%3Crect width='1' height='1'/%3E%3C/svg%3E"></a></figure>
</body></html>"""


@pytest.mark.parametrize("keep", [True, False], ids=["office", "print"])
def test_links_of_any_markup_are_tagged_or_dropped(keep: bool) -> None:
    """A link over several lines holding other elements, a phone, a linked image: three
    Link elements, one annotation each (office, page-validation passes), or none (print)."""
    import page
    from weasyprint import HTML

    from generator.brochure import finishing

    def finish(document, pdf) -> None:
        finishing.tag_links(pdf, keep_annotations=keep)

    data = HTML(string=LINKS_HTML).write_pdf(pdf_variant="pdf/ua-1", finisher=finish)
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        annotations = list(pdf.pages[0].obj.get("/Annots", []))
        links = []

        def walk(element) -> None:
            for kid in _kids(element):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    if kid.S == "/Link":
                        links.append(kid)
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
        assert len(links) == 3, "one Link element a link, whatever it holds and however many lines"
        if not keep:
            assert annotations == []
            return
        assert len(annotations) == 3
        assert len(annotations[0].QuadPoints) >= 3 * 8, "the address's lines, each an area of its one annotation"
    report = page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, [failure.message for failure in report.failures][:5]
