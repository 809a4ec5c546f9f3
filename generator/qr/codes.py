"""QR codes that scan, for paper and for download.

Each link marked `qr: true` gets a code per language. The address is first made a
plain-ASCII URI (RFC 3987 → 3986: "communauté" becomes "communaut%C3%A9"), so every
scanner reads the same bytes. When the content gives the site's public URL, the code
encodes a short address of the site (`<public>/qr/<id>/`, `<public>/en/qr/<id>/`)
whose page redirects to the target: a much smaller code, and a brochure that survives
a move of the target page. Error correction M, quiet zone of 4 modules.
"""

from __future__ import annotations

import functools
import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader

from ..compiled_templates import COMPILED
from ..content import Offer
from ..reach import form_means
from ..strings import site_folder, strings
from ..text import display_url, to_uri, typography

if TYPE_CHECKING:  # qrcode and Pillow cost a build that makes no code (all in the store) 60 ms to import
    import qrcode
    from PIL import Image

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
PNG_MIN_PIXELS = 1000
PRINT_MIN_WIDTH_MM = 22.0  # the code itself, without its quiet zone (the brief asks ≥ 20 mm)
PRINT_MIN_MODULE_MM = 0.5  # the brief asks ≥ 0.4 mm

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                         bytecode_cache=COMPILED)


@dataclass(frozen=True)
class QrCode:
    """One code: what it encodes, where the reader lands, and how big it prints."""

    language: str
    link_id: str
    label: str
    target: str  # the link's address, as a URI
    address: str  # the link's address as written in the content (may hold "é")
    encoded: str  # what the code holds: the short address, or the target itself
    short_path: str | None  # "qr/psoc/" or "en/qr/psoc/" when a short address is used
    version: int
    matrix: tuple[tuple[bool, ...], ...] = field(repr=False, compare=False)  # dark modules, no quiet zone

    @property
    def modules(self) -> int:
        """Modules per side, without the quiet zone."""
        return len(self.matrix)

    @property
    def stem(self) -> str:
        return f"qr-{self.language}-{self.link_id}"

    @property
    def printed_address(self) -> str:
        """What is printed under the code, for people who type rather than scan."""
        return display_url(self.encoded if self.short_path else self.address)

    @property
    def module_mm(self) -> float:
        """Module size on paper: at least 0.5 mm, and the code at least 22 mm wide."""
        return max(PRINT_MIN_MODULE_MM, math.ceil(PRINT_MIN_WIDTH_MM / self.modules * 20) / 20)

    @property
    def print_width_mm(self) -> float:
        """Width of the printed image, quiet zone included."""
        return round(self.module_mm * (self.modules + 2 * QUIET_ZONE), 3)

    def alt_text(self) -> str:
        return typography(strings(self.language)["qr_alt"].format(label=self.label, address=self.printed_address), self.language)


def plan_codes(offer: Offer) -> list[QrCode]:
    """The codes of one language, in the order of the links."""
    public = offer.organisation.site.public_url
    codes = []
    for link in offer.contact.links:
        if not (link.qr and link.url):
            continue
        target = to_uri(link.url)
        short_path = None
        encoded = target
        if public:
            short_path = f"{site_folder(offer.language)}qr/{link.id}/"
            encoded = to_uri(public.rstrip("/") + "/" + short_path)
        matrix = _matrix(encoded)
        codes.append(QrCode(
            language=offer.language, link_id=link.id, label=link.label, target=target, address=link.url,
            encoded=encoded, short_path=short_path, version=(len(matrix) - 17) // 4, matrix=matrix,
        ))
    return codes + _form_codes(offer)


def _form_codes(offer: Offer) -> list[QrCode]:
    """A code to each request form of the content that a service asks people to fill in,
    leading to the form's page: the brochure prints it where the service says how to
    ask (see reach.request_code_link). Only with the site's public address: a code must
    hold an absolute address, and the form page is already a short one of the site."""
    named = {service.request.form for service in offer.services.services if service.request}
    codes = []
    for form in offer.contact.forms:
        if form.id not in named:
            continue
        means = form_means(form, offer)
        if not means.href:
            continue
        matrix = _matrix(means.href)
        codes.append(QrCode(
            language=offer.language, link_id=form.id, label=form.title, target=means.href, address=means.href,
            encoded=means.href, short_path=None, version=(len(matrix) - 17) // 4, matrix=matrix,
        ))
    return codes


HOME = "_home"  # the brochure's code to the site's home page: no link of the content has an id like it


def home_code(offer: Offer) -> QrCode | None:
    """The code the back of the brochure prints to the site's home page, in the
    brochure's language, when the site's public address is known."""
    public = offer.organisation.site.public_url
    if not public:
        return None
    home = public.rstrip("/") + "/" + site_folder(offer.language)
    encoded = to_uri(home)
    matrix = _matrix(encoded)
    return QrCode(language=offer.language, link_id=HOME, label=strings(offer.language)["brochure_site"],
                  target=encoded, address=home, encoded=encoded, short_path=None,
                  version=(len(matrix) - 17) // 4, matrix=matrix)


def _qr(data: str) -> qrcode.QRCode:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data.encode("ascii"), optimize=0)
    code.make(fit=True)
    return code


@functools.lru_cache(maxsize=256)
def _matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The modules, without the quiet zone."""
    full = _qr(data).get_matrix()
    return tuple(tuple(row[QUIET_ZONE:-QUIET_ZONE]) for row in full[QUIET_ZONE:-QUIET_ZONE])


@functools.lru_cache(maxsize=256)  # the same text for its file and its brochure
def svg(code: QrCode, *, cmyk: bool = False) -> str:
    """One path outlining the dark modules, sized in millimetres for print.

    An outline has half the points of one rectangle per run of modules, and drawing
    the path is most of the time WeasyPrint spends writing a brochure. With `cmyk`,
    for the press: the modules in black ink only (100 % K), the ground without ink.
    """
    side = code.modules + 2 * QUIET_ZONE
    size = f"{code.print_width_mm:g}mm"
    dark, light = ("device-cmyk(0 0 0 1)", "device-cmyk(0 0 0 0)") if cmyk else ("#000", "#fff")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {side} {side}" shape-rendering="crispEdges" role="img">'
        f"<title>{html.escape(code.alt_text(), quote=False)}</title>"
        f'<rect width="{side}" height="{side}" fill="{light}"/>'
        f'<path fill="{dark}" d="{_outline(code.matrix, QUIET_ZONE)}"/></svg>\n'
    )


@functools.lru_cache(maxsize=64)  # each code's outline is drawn three times: its file, print, office
def _outline(matrix: tuple[tuple[bool, ...], ...], offset: int) -> str:
    """Path data of the dark modules' outline, for the nonzero fill rule.

    Each dark module adds its four edges clockwise; an edge shared by two dark modules
    comes once each way and cancels out. What is left is chained into closed loops:
    outer edges run clockwise and holes counter-clockwise, so the fill is right
    however the loops are chained where two modules touch by a corner.
    """
    edges: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for y, row in enumerate(matrix, start=offset):
        for x, dark in enumerate(row, start=offset):
            if dark:
                corners = ((x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1))
                for start, end in zip(corners, corners[1:] + corners[:1]):
                    if (end, start) in edges:
                        edges.remove((end, start))
                    else:
                        edges.add((start, end))
    leaving: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for start, end in sorted(edges):
        leaving.setdefault(start, []).append(end)
    loops = []
    for origin in sorted(leaving):
        while leaving[origin]:
            points = [origin]
            here = leaving[origin].pop()
            while here != origin:
                points.append(here)
                here = leaving[here].pop()
            turns = [p for i, p in enumerate(points)  # drop points in the middle of a straight side
                     if (points[i - 1][0] == p[0]) != (p[0] == points[(i + 1) % len(points)][0])]
            steps = "".join(f"h{b[0] - a[0]}" if a[1] == b[1] else f"v{b[1] - a[1]}"
                            for a, b in zip(turns, turns[1:]))
            loops.append(f"M{turns[0][0]} {turns[0][1]}{steps}z")
    return "".join(loops)


def png(code: QrCode) -> Image.Image:
    """Black and white, at least 1,000 px a side, each module a whole number of pixels."""
    from PIL import Image

    side = code.modules + 2 * QUIET_ZONE
    scale = math.ceil(PNG_MIN_PIXELS / side)
    image = Image.new("1", (side, side), 1)
    image.putdata([
        0 if QUIET_ZONE <= y < side - QUIET_ZONE and QUIET_ZONE <= x < side - QUIET_ZONE
        and code.matrix[y - QUIET_ZONE][x - QUIET_ZONE] else 1
        for y in range(side) for x in range(side)
    ])
    return image.resize((side * scale, side * scale), Image.Resampling.NEAREST)


def write_code_files(codes: list[QrCode], folder: Path) -> list[Path]:
    """`<stem>.svg` (vector, print size) and `<stem>.png` (≥ 1000 px) for each code."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes:
        svg_path = folder / f"{code.stem}.svg"
        svg_path.write_text(svg(code), encoding="utf-8")
        png_path = folder / f"{code.stem}.png"
        png(code).save(png_path, optimize=True)
        written += [svg_path, png_path]
    return written


def write_redirect_pages(codes: list[QrCode], site: Path) -> None:
    """`site/<short_path>index.html`: sends the reader on to the target at once."""
    template = _TEMPLATES.get_template("redirect.html.j2")
    for code in codes:
        if code.short_path is None:
            continue
        page = site / code.short_path / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            template.render(code=code, s=strings(code.language), label=typography(code.label, code.language)),
            encoding="utf-8",
        )
