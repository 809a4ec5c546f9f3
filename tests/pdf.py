"""Reading the brochures as a print shop, a scanner and a screen reader would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import zxingcpp

DPI = 300


@dataclass(frozen=True)
class ScannedCode:
    text: str
    version: int
    ec_level: str
    width_mm: float  # the symbol, without its quiet zone

    @property
    def modules(self) -> int:
        return 17 + 4 * self.version

    @property
    def module_mm(self) -> float:
        return self.width_mm / self.modules


def scan(pdf: Path) -> list[ScannedCode]:
    """Rasterise every page at 300 dpi and decode every QR code on it."""
    found = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil()
            for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
                position = code.position
                width_px = ((position.top_right.x - position.top_left.x) + (position.bottom_right.x - position.bottom_left.x)) / 2
                found.append(ScannedCode(code.text, int(code.extra["Version"]), code.extra["ECLevel"], width_px / DPI * 25.4))
    finally:
        document.close()
    return found


def text_outside_trim(pdf: Path) -> list[str]:
    """Characters drawn, even partly, outside the trim box."""
    outside = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document, start=1):
            left, bottom, right, top = page.get_trimbox()
            text = page.get_textpage()
            for index in range(text.count_chars()):
                char = text.get_text_range(index, 1)
                if not char.strip():
                    continue
                x0, y0, x1, y1 = text.get_charbox(index)
                if x0 < left - 0.5 or x1 > right + 0.5 or y0 < bottom - 0.5 or y1 > top + 0.5:
                    outside.append(f"page {number}: {char!r} at {x0:.0f},{y0:.0f}")
    finally:
        document.close()
    return outside


def page_text(pdf: Path) -> str:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def figures_alt(pdf: pikepdf.Pdf) -> list[str]:
    """The alternative texts of the tagged figures (images) of the structure tree."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node.Alt))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return found


def embedded_fonts(pdf: pikepdf.Pdf) -> dict[str, bool]:
    """Every font the pages use → whether its program is embedded."""
    fonts: dict[str, bool] = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants else font
            descriptor = target.get("/FontDescriptor", {})
            name = str(target.get("/BaseFont", "?"))
            fonts[name] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts
