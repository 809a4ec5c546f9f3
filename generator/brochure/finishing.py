"""The last touches WeasyPrint cannot be asked for, made on the PDF before it is written.

- **Reading order.** A panel's place on the sheet is not its place in the reading:
  the back panel is printed between the inside flap and the cover, but read last. The
  tags (the structure a screen reader follows) and the bookmarks are put in the order
  cover → inside flap → inside 1, 2, 3 → back, and empty tags left by decorations go.
- **Press-ready** (print variant): the output intent gets its registered name (FOGRA39)
  so the print shop's preflight recognises it, and what WeasyPrint still draws in RGB
  (its crop marks, colours of an SVG logo) is converted: greys and black to black ink
  only (100 % K), other colours through the CMYK profile.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydyf

OUTPUT_CONDITION = {
    "OutputConditionIdentifier": "FOGRA39",
    "RegistryName": "http://www.color.org",
    "OutputCondition": "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated), 300 % total ink",
    "Info": "ISO Coated v2 300% (basICColor), FOGRA39L",
}
NARROW_PT, WIDE_PT = 3.625 * 72, 3.6875 * 72


def finisher(variant: str, html_order: tuple[str, ...], reading_order: tuple[str, ...],
             profile: Path, identity: str) -> Callable[[Any, Any], None]:
    """WeasyPrint's `finisher`: called with the document and the pydyf.PDF before writing.
    `identity`: a hash of what the PDF is made from, its document id (WeasyPrint would
    draw a random one, and the same content must give the same bytes)."""

    def finish(document: Any, pdf: Any) -> None:
        reorder_tags(pdf, html_order, reading_order)
        reorder_bookmarks(pdf, reading_order)
        if variant == "print":
            press_ready(pdf, profile)
        _stable_document_id(pdf, identity)

    return finish


def _stable_document_id(pdf: Any, identity: str) -> None:
    metadata = pdf.catalog.get("Metadata")
    if metadata is None:
        return
    stream = _object(pdf, metadata)
    uuid = f"{identity[:8]}-{identity[8:12]}-{identity[12:16]}-{identity[16:20]}-{identity[20:32]}"
    stream.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", f"xmp.did:{uuid}".encode(), bytes(part))
                     if isinstance(part, (bytes, bytearray)) else part for part in stream.stream]


# --- reading order -----------------------------------------------------------------------------


def _object(pdf: Any, reference: Any) -> Any:
    if isinstance(reference, (bytes, str)):
        text = reference.decode() if isinstance(reference, bytes) else reference
        match = re.fullmatch(r"(\d+) 0 R", text.strip())
        if match:
            return pdf.objects[int(match.group(1))]
    return reference


def reorder_tags(pdf: Any, html_order: tuple[str, ...], reading_order: tuple[str, ...]) -> None:
    """The panels' <article> tags, found in the HTML's order, become the document's
    children in reading order; tags without content (decorations) are removed."""
    root = pdf.catalog.get("StructTreeRoot")
    if root is None:
        return
    document = _object(pdf, _object(pdf, root)["K"][0])
    articles = [element for element in _descendants(pdf, document) if element.get("S") == "/Art"]
    if len(articles) != len(html_order):
        return  # not the brochure's structure: leave it as WeasyPrint made it
    by_panel = dict(zip(html_order, articles))
    document["K"] = pydyf.Array([by_panel[panel].reference for panel in reading_order])
    for article in document["K"]:
        _object(pdf, article)["P"] = document.reference
    _prune(pdf, document)


def _descendants(pdf: Any, element: Any):
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            yield child
            yield from _descendants(pdf, child)


def _prune(pdf: Any, element: Any) -> bool:
    """Remove kids that hold nothing; return whether `element` holds something."""
    kept = pydyf.Array()
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            if _prune(pdf, child):
                kept.append(kid)
        else:
            kept.append(kid)  # a marked-content id or an annotation: content
    element["K"] = kept
    return bool(kept)


def _panel_at(page: int, x: float) -> str:
    if page == 0:
        return "flap" if x < NARROW_PT else "back" if x < NARROW_PT + WIDE_PT else "cover"
    return "inside_1" if x < WIDE_PT else "inside_2" if x < 2 * WIDE_PT else "inside_3"


def reorder_bookmarks(pdf: Any, reading_order: tuple[str, ...]) -> None:
    """Bookmarks in reading order, nested as their heading levels say."""
    reference = pdf.catalog.get("Outlines")
    if reference is None:
        return
    outlines = _object(pdf, reference)
    items: list[tuple[int, Any]] = []  # (depth, item), in WeasyPrint's order

    def walk(parent: Any, depth: int) -> None:
        child = parent.get("First")
        while child is not None:
            item = _object(pdf, child)
            items.append((depth, item))
            walk(item, depth + 1)
            child = item.get("Next")

    walk(outlines, 1)
    pages = [str(page.decode() if isinstance(page, bytes) else page) for page in pdf.page_references]

    def rank(entry: tuple[int, tuple[int, Any]]) -> tuple[int, int]:
        position, (_, item) = entry
        destination = item.get("Dest") or []
        page = pages.index(str(destination[0].decode() if isinstance(destination[0], bytes) else destination[0])) \
            if destination else 0
        x = float(destination[2]) if len(destination) > 2 else 0.0
        return reading_order.index(_panel_at(page, x)), position

    ordered = [item for _, item in sorted(enumerate(items), key=rank)]
    for _, item in ordered:
        for key in ("First", "Last", "Next", "Prev", "Parent", "Count"):
            item.pop(key, None)
    stack: list[tuple[int, Any]] = [(0, outlines)]
    children: dict[int, list[Any]] = {id(outlines): []}
    for depth, item in ordered:
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        children.setdefault(id(parent), []).append(item)
        children[id(item)] = []
        item["Parent"] = parent.reference
        stack.append((depth, item))
    _link(outlines, children)


def _link(parent: Any, children: dict[int, list[Any]]) -> int:
    kids = children.get(id(parent), [])
    total = 0
    for previous, item in zip([None, *kids], kids):
        if previous is not None:
            previous["Next"] = item.reference
            item["Prev"] = previous.reference
        total += 1 + _link(item, children)
    if kids:
        parent["First"], parent["Last"] = kids[0].reference, kids[-1].reference
        parent["Count"] = total
    else:
        for key in ("First", "Last"):
            parent.pop(key, None)
    return total


# --- press-ready ---------------------------------------------------------------------------------

_RGB = re.compile(rb"^(\d*\.?\d+) (\d*\.?\d+) (\d*\.?\d+) (rg|RG)$")


def press_ready(pdf: Any, profile: Path) -> None:
    for intent in pdf.catalog.get("OutputIntents", []):
        intent = _object(pdf, intent)
        for key, value in OUTPUT_CONDITION.items():
            intent[key] = pydyf.String(value)
        _compressed_once(_object(pdf, intent["DestOutputProfile"]))
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream):
            item.stream = [_to_cmyk(instruction, str(profile)) for instruction in item.stream]


def _compressed_once(stream: Any) -> None:
    """The CMYK profile (1 MB) as compressed data made once per process, not at every
    brochure: compressing it was half the time of writing a print PDF."""
    if not isinstance(stream, pydyf.Stream) or not stream.compress or len(stream.stream) != 1:
        return
    stream.stream = [_deflate(bytes(stream.stream[0]))]
    stream.extra["Filter"] = "/FlateDecode"
    stream.compress = False


@functools.lru_cache(maxsize=2)
def _deflate(data: bytes) -> bytes:
    return zlib.compress(data, 6)


def warm_up(profile: Path) -> None:
    """Compress the profile before the print worker forks its helpers, which inherit it."""
    _deflate(profile.read_bytes())


def _to_cmyk(instruction: Any, profile: str) -> Any:
    if isinstance(instruction, str):
        raw = instruction.encode("latin-1", errors="ignore")
    elif isinstance(instruction, bytes):
        raw = instruction
    else:
        return instruction
    match = _RGB.match(raw)
    if not match:
        return instruction
    red, green, blue = (float(value) for value in match.groups()[:3])
    c, m, y, k = cmyk(red, green, blue, profile)
    operator = b"K" if match.group(4) == b"RG" else b"k"
    return b" ".join(f"{value:.4g}".encode() for value in (c, m, y, k)) + b" " + operator


@functools.lru_cache(maxsize=1024)
def cmyk(red: float, green: float, blue: float, profile: str) -> tuple[float, float, float, float]:
    """An sRGB colour (0–1) as CMYK (0–1) for the press: greys on black ink alone."""
    if abs(red - green) < 1e-3 and abs(green - blue) < 1e-3:
        return 0.0, 0.0, 0.0, round(1.0 - red, 4)
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), tuple(round(value * 255) for value in (red, green, blue)))
    converted = ImageCms.applyTransform(pixel, _transform(profile)).getpixel((0, 0))
    return tuple(round(value / 255, 4) for value in converted)  # type: ignore[return-value]


@functools.cache
def _transform(profile: str) -> Any:
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
