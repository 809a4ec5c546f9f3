"""The last touches WeasyPrint cannot be asked for, made on the PDF before it is written.

- **Reading order.** A panel's place on the sheet is not its place in the reading:
  the back panel is printed between the inside flap and the cover, but read last. The
  tags (the structure a screen reader follows) and the bookmarks are put in the order
  cover → inside flap → inside 1, 2, 3 → back, and empty tags left by decorations go.
- **Links** (both variants). WeasyPrint tags an `<a>` as a Link element, but every
  element inside it (each `<wbr>` of a printed address) becomes an element of its own
  holding an annotation of its own, of zero width, and each line of a link broken over
  two lines another: screen readers then meet annotations outside any Link element
  (PDF/UA-1 7.18.5), and links that are not announced. Here each Link element gets its
  text back (the inner elements' marked content, hoisted) and one annotation per page:
  the fragments' union, each line an area of its QuadPoints; zero-sized ones go. The
  office PDF's annotations are printable, described by their target (/Contents), in
  the structure's tab order. Done on the structure tree rather than by markup
  (WeasyPrint's issue 185: no element inside an `<a>`), so that any markup the
  templates give a link holds, wherever the link is; and here, on WeasyPrint's own
  objects before it writes, rather than with pikepdf after: no second reading and
  writing of each PDF, and pikepdf stays a package of the tests only.
- **Press-ready** (print variant): no annotation at all (PDF/X allows none in the trim
  or bleed, and a press sheet has nothing to click); the BleedBox is the art's real
  bleed (ART_BLEED_PT, print.css's --bleed: WeasyPrint writes 10 pt), the crop and fold
  marks lie outside it (print.css); the output intent gets its registered name
  (FOGRA39) so the print shop's preflight recognises it, and what WeasyPrint still
  draws in RGB (its crop marks, colours of an SVG logo) is converted: greys and black
  to black ink only (100 % K), other colours through the CMYK profile.
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
ART_BLEED_PT = 0.125 * 72  # how far the art runs past the trim: print.css's --bleed
PRINTABLE = 4  # an annotation's Print flag (ISO 32000-1, 12.5.3)


def finisher(variant: str, html_order: tuple[str, ...], reading_order: tuple[str, ...],
             profile: Path, identity: str) -> Callable[[Any, Any], None]:
    """WeasyPrint's `finisher`: called with the document and the pydyf.PDF before writing.
    `identity`: a hash of what the PDF is made from, its document id (WeasyPrint would
    draw a random one, and the same content must give the same bytes)."""

    def finish(document: Any, pdf: Any) -> None:
        tag_links(pdf, keep_annotations=variant != "print")
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


# --- links -------------------------------------------------------------------------------------

_HOISTED = ("/NonStruct", "/Span", "/Link")  # what WeasyPrint makes of the elements inside an <a>


def tag_links(pdf: Any, keep_annotations: bool) -> None:
    """Each Link element: its text, then one annotation per page (see the module's
    docstring). `keep_annotations` False (print): no annotation is kept at all."""
    root_reference = pdf.catalog.get("StructTreeRoot")
    if root_reference is None:
        return
    root = _object(pdf, root_reference)
    nums = _object(pdf, _object(pdf, root["ParentTree"])["Nums"])
    tree = {int(nums[index]): index + 1 for index in range(0, len(nums), 2)}  # StructParent → its value's index
    moved: dict[bytes, bytes] = {}  # element hoisted → the Link element its content now belongs to
    gone: set[int] = set()  # id() of the annotations that go
    for link in list(_links(pdf, root)):
        for annotation in _flatten(pdf, link, moved, gone, keep_annotations):
            if "StructParent" in annotation and int(annotation["StructParent"]) in tree:
                nums[tree[int(annotation["StructParent"])]] = link.reference
    for index in range(0, len(nums), 2):  # each page's marked content, by MCID
        value = _object(pdf, nums[index + 1])
        if isinstance(value, pydyf.Array):
            value[:] = [moved.get(_bytes(entry), entry) for entry in value]
    _keep_annotations(pdf, root, nums, gone, keep_annotations)
    for reference in moved:  # the elements hoisted, now in no tree: emptied (pydyf cannot drop an object)
        _object(pdf, reference).clear()


def _bytes(reference: Any) -> Any:
    return reference.encode() if isinstance(reference, str) else reference


def _links(pdf: Any, element: Any):
    """The outermost Link elements under `element`, in the tree's order; the pieces of a
    link broken over lines (WeasyPrint makes an element of each line's piece) joined
    first, so that it is one link, read and announced once."""
    _join_pieces(pdf, element)
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            if child.get("S") == "/Link":
                yield child
            else:
                yield from _links(pdf, child)


def _join_pieces(pdf: Any, element: Any) -> None:
    """Consecutive Link kids of `element` with the same target become one: the first,
    holding the others (hoisted by _flatten)."""
    kids = pydyf.Array()
    first, target = None, None
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        is_link = isinstance(child, pydyf.Dictionary) and child.get("S") == "/Link"
        here = _target(pdf, child) if is_link else None
        if is_link and first is not None and here is not None and here == target:
            first["K"].append(kid)
            child["P"] = first.reference
            continue
        first, target = (child, here) if is_link else (None, None)
        kids.append(kid)
    element["K"] = kids


def _target(pdf: Any, element: Any) -> bytes | str | None:
    """Where a Link element's first annotation leads (its URI or destination)."""
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/OBJR":
            annotation = _object(pdf, child["Obj"])
            action = _object(pdf, annotation.get("A")) if annotation.get("A") is not None else {}
            found = action.get("URI") or annotation.get("Dest")
            return None if found is None else bytes(found.data) if hasattr(found, "data") else str(found)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            found = _target(pdf, child)
            if found is not None:
                return found
    return None


def _flatten(pdf: Any, link: Any, moved: dict[bytes, bytes], gone: set[int], keep: bool) -> list[Any]:
    """The Link element's kids become its marked content (hoisted out of the elements
    WeasyPrint made inside it; any other element, a Figure, stays), then one OBJR per
    page. Returns the annotations kept; those that go are added to `gone`."""
    content: list[Any] = []
    objrs: list[Any] = []

    def gather(element: Any) -> None:
        for kid in element.get("K", []):
            child = _object(pdf, kid)
            if not isinstance(child, pydyf.Dictionary):
                content.append(_marked(element, link, kid))
            elif child.get("Type") == "/OBJR":
                objrs.append(child)
            elif child.get("Type") == "/StructElem" and child.get("S") in _HOISTED:
                moved[_bytes(child.reference)] = _bytes(link.reference)
                gather(child)
            elif child.get("Type") == "/StructElem":
                child["P"] = link.reference
                _take_objrs(pdf, child, objrs)
                content.append(kid)
            else:  # a marked-content reference (MCR): content too
                content.append(kid)

    gather(link)
    kept: list[tuple[Any, Any]] = []
    by_page: dict[bytes, list[Any]] = {}
    for objr in objrs:
        by_page.setdefault(_bytes(objr["Pg"]), []).append(objr)
    for group in by_page.values():
        fragments = [(objr, _object(pdf, objr["Obj"])) for objr in group]
        sized = [(objr, annotation) for objr, annotation in fragments if _area(annotation["Rect"]) > 0]
        chosen = sized[0] if sized and keep else None
        for _objr, annotation in fragments:
            if chosen is None or annotation is not chosen[1]:
                gone.add(id(annotation))
        if chosen is not None:
            _cover(chosen[1], [annotation["Rect"] for _, annotation in sized])
            chosen[1]["F"] = PRINTABLE
            kept.append(chosen)
    link["K"] = pydyf.Array([*content, *(objr.reference for objr, _ in kept)])
    return [annotation for _, annotation in kept]


def _marked(holder: Any, link: Any, mcid: Any) -> Any:
    """A marked-content id of `holder`'s page as the Link element's kid: as it is on the
    Link's own page, else as a reference naming its page."""
    if holder is link or _bytes(holder.get("Pg")) == _bytes(link.get("Pg")):
        return mcid
    return pydyf.Dictionary({"Type": "/MCR", "Pg": holder["Pg"], "MCID": mcid})


def _take_objrs(pdf: Any, element: Any, objrs: list[Any]) -> None:
    """Move the OBJRs found under an element kept inside a link (a Figure) to the link."""
    kids = pydyf.Array()
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/OBJR":
            objrs.append(child)
            continue
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            _take_objrs(pdf, child, objrs)
        kids.append(kid)
    element["K"] = kids


def _rect(rect: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a Rect WeasyPrint writes as (left, top, right, bottom)."""
    x1, y1, x2, y2 = (float(value) for value in rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _area(rect: Any) -> float:
    left, bottom, right, top = _rect(rect)
    return (right - left) * (top - bottom)


def _cover(annotation: Any, rects: list[Any]) -> None:
    """One annotation for all the fragments of a link: its Rect their union, each line
    (fragments sharing a baseline band, joined) one quadrilateral of its QuadPoints."""
    lines: dict[tuple[float, float], list[float]] = {}
    for rect in rects:
        left, bottom, right, top = _rect(rect)
        line = lines.setdefault((round(bottom, 1), round(top, 1)), [left, right])
        line[0], line[1] = min(line[0], left), max(line[1], right)
    boxes = [(left, bottom, right, top) for (bottom, top), (left, right) in lines.items()]
    annotation["Rect"] = pydyf.Array([min(box[0] for box in boxes), min(box[1] for box in boxes),
                                      max(box[2] for box in boxes), max(box[3] for box in boxes)])
    if len(boxes) > 1:  # counterclockwise from the lower left (ISO 32000-1, table 173)
        annotation["QuadPoints"] = pydyf.Array(
            [value for left, bottom, right, top in boxes
             for value in (left, bottom, right, bottom, right, top, left, top)])


def _keep_annotations(pdf: Any, root: Any, nums: Any, gone: set[int], keep: bool) -> None:
    """Each page keeps the annotations still used (none when `keep` is False); the
    others are emptied (pydyf cannot drop an object) and leave the parent tree and the
    structure tree; the pages' tab order follows the structure."""
    dropped: set[int] = set()  # their StructParent keys
    emptied: set[int] = set()
    for reference in pdf.page_references:
        page = _object(pdf, reference)
        annotations = [_object(pdf, item) for item in page.get("Annots", [])]
        used = [item for item in annotations if keep and id(item) not in gone]
        for item in annotations:
            if keep and id(item) not in gone:
                continue
            if "StructParent" in item:
                dropped.add(int(item["StructParent"]))
            item.clear()
            emptied.add(id(item))
        if used:
            page["Annots"] = pydyf.Array([item.reference for item in used])
            page["Tabs"] = "/S"
        else:
            page.pop("Annots", None)
    entries = [(nums[index], nums[index + 1]) for index in range(0, len(nums), 2) if int(nums[index]) not in dropped]
    nums[:] = [value for entry in entries for value in entry]
    _drop_objrs(pdf, root, emptied)
    for item in pdf.objects:  # OBJRs of emptied annotations left in no tree
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/OBJR" and id(_object(pdf, item["Obj"])) in emptied:
            item.clear()


def _drop_objrs(pdf: Any, element: Any, emptied: set[int]) -> None:
    """OBJRs of emptied annotations leave the structure tree, and are emptied too."""
    kids = pydyf.Array()
    for kid in element.get("K", []):
        child = _object(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/OBJR":
            if id(_object(pdf, child["Obj"])) in emptied:
                child.clear()
                continue
        elif isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            _drop_objrs(pdf, child, emptied)
        kids.append(kid)
    element["K"] = kids


# --- press-ready ---------------------------------------------------------------------------------

_RGB = re.compile(rb"^(\d*\.?\d+) (\d*\.?\d+) (\d*\.?\d+) (rg|RG)$")


def press_ready(pdf: Any, profile: Path) -> None:
    for reference in pdf.page_references:
        _bleed_box(_object(pdf, reference))
    for intent in pdf.catalog.get("OutputIntents", []):
        intent = _object(pdf, intent)
        for key, value in OUTPUT_CONDITION.items():
            intent[key] = pydyf.String(value)
        _compressed_once(_object(pdf, intent["DestOutputProfile"]))
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream):
            item.stream = [_to_cmyk(instruction, str(profile)) for instruction in item.stream]


def _bleed_box(page: Any) -> None:
    """The BleedBox where the art really stops: ART_BLEED_PT past the trim (WeasyPrint
    writes 10 pt whatever the art does), so the press trims nothing it should not and
    the marks, drawn past it, are outside."""
    left, bottom, right, top = (float(value) for value in page["TrimBox"])
    page["BleedBox"] = pydyf.Array([left - ART_BLEED_PT, bottom - ART_BLEED_PT,
                                    right + ART_BLEED_PT, top + ART_BLEED_PT])


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
    """Compress the profile once, as a print process starts (see print_processes.py)."""
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
    converted = ImageCms.applyTransform(pixel, _transform(profile)).getpixel((0, 0))  # type: ignore[union-attr]
    return tuple(round(value / 255, 4) for value in converted)  # type: ignore[return-value, union-attr]


@functools.cache
def _transform(profile: str) -> Any:
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
