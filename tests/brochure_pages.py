"""Reading a brochure's pages as a designer and a print shop look at them: panels, ink,
type sizes, margins, tags and bookmarks — from the PDF and from a rendering of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

POINTS_PER_INCH = 72
NARROW, WIDE = 3.625, 3.6875  # panel widths, inches
# Each sheet's panels, left to right: (name, left, width) in inches from the trim's left edge.
PANELS = {
    0: (("flap", 0.0, NARROW), ("back", NARROW, WIDE), ("cover", NARROW + WIDE, WIDE)),
    1: (("inside_1", 0.0, WIDE), ("inside_2", WIDE, WIDE), ("inside_3", 2 * WIDE, NARROW)),
}
CONTENT_TOP, CONTENT_BOTTOM = 0.5, 0.4  # a panel's padding, inches (brochure.css)
PX_TO_PT = 0.75  # WeasyPrint draws in CSS px under a 0.75 scale: pdfium reports font sizes in px


@dataclass(frozen=True)
class PanelInk:
    name: str
    ink: float  # share of the panel's pixels that differ from its ground
    fill: float  # how far down the panel's content box the ink goes (0–1)


def render(pdf: Path, page: int, dpi: int = 40, *, trim_only: bool = True):
    """A page as a PIL image, cut to its trim box (or the whole media box)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        handle = document[page]
        image = handle.render(scale=dpi / POINTS_PER_INCH).to_pil().convert("RGB")
        if trim_only:
            left, bottom, right, top = handle.get_trimbox()
            m_left, m_bottom, m_right, m_top = handle.get_mediabox()
            scale = dpi / POINTS_PER_INCH
            image = image.crop((round((left - m_left) * scale), round((m_top - top) * scale),
                                round((right - m_left) * scale), round((m_top - bottom) * scale)))
        return image
    finally:
        document.close()


def panel_ink(pdf: Path, dpi: int = 40) -> dict[str, PanelInk]:
    """Each panel's ink and fill, measured on a rendering of the trimmed pages."""
    from PIL import Image, ImageChops

    found = {}
    for page in (0, 1):
        image = render(pdf, page, dpi)
        for name, left, width in PANELS[page]:
            box = image.crop((round(left * dpi) + 2, 0, round((left + width) * dpi) - 2, image.height))
            ground = max(box.getcolors(box.width * box.height))[1]  # the most frequent colour
            difference = ImageChops.difference(box, Image.new("RGB", box.size, ground)).convert("L")
            inked = difference.point(lambda value: 255 if value > 30 else 0)
            ink = inked.histogram()[255] / (box.width * box.height)
            top, bottom = CONTENT_TOP * dpi, box.height - CONTENT_BOTTOM * dpi
            rows = [y for y in range(round(top + 0.25 * dpi), box.height)  # below the band
                    if inked.crop((0, y, box.width, y + 1)).getextrema()[1] == 255]
            last = max(rows, default=top)
            found[name] = PanelInk(name, ink, max(0.0, (last - top) / (bottom - top)))
    return found


def font_sizes(pdf: Path) -> Counter[float]:
    """How many characters are set at each size, in points."""
    sizes: Counter[float] = Counter()
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            text = page.get_textpage()
            for index in range(text.count_chars()):
                if text.get_text_range(index, 1).strip():
                    sizes[round(pdfium_raw.FPDFText_GetFontSize(text.raw, index) * PX_TO_PT, 1)] += 1
    finally:
        document.close()
    return sizes


def text_sizes(pdf: Path, needle: str) -> set[float]:
    """The sizes (points) of the characters of every occurrence of `needle` (a no-break
    space in the PDF matches a space: balanced lines join their words with them)."""
    found = set()
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            text = page.get_textpage()
            whole = text.get_text_range().replace("\xa0", " ")
            start = whole.find(needle)
            while start != -1:
                for index in range(start, start + len(needle)):
                    found.add(round(pdfium_raw.FPDFText_GetFontSize(text.raw, index) * PX_TO_PT, 1))
                start = whole.find(needle, start + 1)
    finally:
        document.close()
    return found


def structure(pdf: Path) -> list[tuple[int, str]]:
    """The tags in reading order: (depth, role)."""
    found: list[tuple[int, str]] = []

    def walk(node: object, depth: int) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child, depth)
        elif isinstance(node, pikepdf.Dictionary):
            role = str(node.get("/S", ""))
            if role:
                found.append((depth, role))
            if "/K" in node:
                walk(node.K, depth + 1)

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot.K, 0)
    return found


def panel_blocks(pdf: Path) -> list[Counter[str]]:
    """For each panel (each <article>, in reading order): how many headings, paragraphs
    and list items it holds — the same in two languages when they share a panel plan."""
    panels: list[Counter[str]] = []
    depth_of_panel = None
    for depth, role in structure(pdf):
        if role == "/Art":
            panels.append(Counter())
            depth_of_panel = depth
        elif panels and depth_of_panel is not None and depth > depth_of_panel and role in (
                "/H1", "/H2", "/H3", "/P", "/LI", "/Figure"):
            panels[-1][role] += 1
    return panels


def bookmarks(pdf: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    with pikepdf.open(pdf) as document:
        with document.open_outline() as outline:
            def walk(items: list, depth: int) -> None:
                for item in items:
                    found.append((depth, item.title))
                    walk(item.children, depth + 1)
            walk(outline.root, 0)
    return found


def panel_bands(pdf: Path, dpi: int = 50) -> dict[str, float]:
    """Each text panel's tallest empty band (mm): the tallest run of rows without ink in
    its content box (0.5 in from the top, 0.4 in from the foot, 0.3 in from its sides),
    from the top of the box down to its foot. The cover is left out: it is free."""
    found = {}
    for page in (0, 1):
        image = render(pdf, page, dpi)
        for name, left, width in PANELS[page]:
            if name == "cover":
                continue
            box = image.crop((round((left + 0.3) * dpi), round(CONTENT_TOP * dpi),
                              round((left + width - 0.3) * dpi), image.height - round(CONTENT_BOTTOM * dpi)))
            found[name] = _tallest_plain_run(box, 30) / dpi * 25.4
    return found


def _tallest_plain_run(box, threshold: int) -> int:
    """The tallest run of rows (px) of `box` (a PIL image) in its most frequent colour:
    no pixel differs from it by more than `threshold` (0–255, as grey)."""
    from PIL import Image, ImageChops

    ground = max(box.getcolors(box.width * box.height))[1]
    inked = ImageChops.difference(box, Image.new("RGB", box.size, ground)).convert("L").point(
        lambda value: 255 if value > threshold else 0)
    longest = run = 0
    for y in range(box.height):
        run = 0 if inked.crop((0, y, box.width, y + 1)).getextrema()[1] == 255 else run + 1
        longest = max(longest, run)
    return longest


def cover_band(pdf: Path, dpi: int = 50) -> float:
    """The tallest band of the office cover's plain blue without anything on it (mm): no
    circle, no word, measured inside the blue (0.4 in in from the panel's edges). A
    threshold low enough that the circles' lighter disc counts as drawn."""
    image = render(pdf, 0, dpi)
    left = NARROW + WIDE
    box = image.crop((round((left + 0.4) * dpi), round(0.4 * dpi), round((left + WIDE - 0.4) * dpi),
                      image.height - round(0.4 * dpi)))
    return _tallest_plain_run(box, 8) / dpi * 25.4


def quote_gap(pdf: Path) -> float | None:
    """The white (mm) between the pull quote's first line and the last text above it on
    its panel of the outside sheet (the flap or the back); None: no pull quote. The quote
    is the panel's largest type, half as large again as the body at least."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        text, height = page.get_textpage(), page.get_height()
        chars = []  # (left, top, bottom from the page's top, size pt)
        for index in range(text.count_chars()):
            if text.get_text_range(index, 1).strip():
                left, bottom, _, top = text.get_charbox(index)
                chars.append((left, height - top, height - bottom,
                              round(pdfium_raw.FPDFText_GetFontSize(text.raw, index) * PX_TO_PT, 1)))
    finally:
        document.close()
    body = Counter(size for *_, size in chars).most_common(1)[0][0]
    for name, left, width in PANELS[0]:
        mine = [c for c in chars if left * POINTS_PER_INCH <= c[0] < (left + width) * POINTS_PER_INCH]
        largest = max((size for *_, size in mine), default=0.0)
        if name == "cover" or largest < 1.5 * body:
            continue
        top = min(c[1] for c in mine if c[3] == largest)
        above = [c[2] for c in mine if c[3] < largest and c[2] <= top]
        return (top - max(above)) / POINTS_PER_INCH * 25.4 if above else None
    return None


def panel_text(pdf: Path, name: str, within: tuple[float, float] | None = None) -> str:
    """The text printed on one panel ("flap", "back", "inside_1"…) of an office PDF (whose
    page is the trim), as a reader finds it there; `within`: only between these two
    distances from the page's top (inches)."""
    page_number, left, width = next((page, left, width) for page, panels in PANELS.items()
                                    for panel, left, width in panels if panel == name)
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[page_number]
        height = page.get_height()
        top, bottom = within or (0.0, height / POINTS_PER_INCH)
        return page.get_textpage().get_text_bounded(left=left * POINTS_PER_INCH, bottom=height - bottom * POINTS_PER_INCH,
                                                    right=(left + width) * POINTS_PER_INCH,
                                                    top=height - top * POINTS_PER_INCH)
    finally:
        document.close()
