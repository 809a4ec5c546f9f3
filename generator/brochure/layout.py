"""WeasyPrint's part of the brochures: lay out the HTML render.py writes, read the
heights back, check the panels, write the PDFs.

It takes HTML and font files and gives back numbers and bytes: nothing of the content
models, Jinja or the messages. So the print processes (print_processes.py) import only this
module, and can be forked as soon as the command starts: WeasyPrint's slow import
then runs beside the rest of the command's imports instead of after them.

- `read_measurements`: the heights on the measuring pages (see measure.html.j2),
  by (piece, size);
- `write_pdfs`: each variant's two sheets laid out, checked (anything drawn past a
  panel's content box is told, with its panel and section), and written: `print` with
  print.css (CMYK, bleed, crop and fold marks, PDF/X-4), `office` with office.css (RGB,
  a white margin of at least 6 mm, PDF/UA-1); finishing.py puts the tags and bookmarks
  in reading order and makes the print file press-ready.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import digest
from . import finishing, weasyprint_internals
from .plan import PX_PER_MM, TOLERANCE_PX

TEMPLATES = Path(__file__).parent / "templates"
PROFILE = Path(__file__).parent / "profiles" / "ISOcoated_v2_300_bas.icc"
VARIANTS = ("print", "office")
PDF_OPTIONS = {
    "print": {"pdf_variant": "pdf/x-4", "pdf_tags": True},
    "office": {"pdf_variant": "pdf/ua-1", "pdf_version": "1.7"},
}
PANELS = ("cover", "flap", "back", "inside_1", "inside_2", "inside_3")  # in the order of the HTML
READING_ORDER = ("cover", "flap", "inside_1", "inside_2", "inside_3", "back")


def load_weasyprint() -> None:
    """Import WeasyPrint, quickly (see weasyprint_internals.load)."""
    weasyprint_internals.load()


class _Layout:
    """WeasyPrint's font configuration and stylesheets for one brochure, released after:
    WeasyPrint copies the @font-face fonts into a temporary folder that only its
    finalizer removes, and a worker process ends without running finalizers."""

    def __init__(self) -> None:
        load_weasyprint()  # only when a brochure is really made: it is slow to import
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        # print.css declares the CMYK profile (the output intent); its layout must be
        # given the very dict it was read into. The office PDF has none.
        self.color_profiles: dict[str, dict[str, Any]] = {"print": {}, "office": {}}
        self.fetcher = _fetcher()
        self.styles = {
            name: CSS(filename=str(TEMPLATES / f"{name}.css"), font_config=self.fonts, url_fetcher=self.fetcher,
                      color_profiles=self.color_profiles.get(name, {}))
            for name in ("brochure", "print", "office")
        }

    def __enter__(self) -> _Layout:
        return self

    def __exit__(self, *exc: object) -> None:
        weasyprint_internals.release_fonts(self.fonts)

    def lay_out(self, html: str, variant: str) -> Any:
        from weasyprint import HTML

        sheets = [self.styles["brochure"], self.styles[variant]]
        return HTML(string=html, base_url=str(TEMPLATES), url_fetcher=self.fetcher).render(  # type: ignore[arg-type]
            stylesheets=sheets, font_config=self.fonts, color_profiles=self.color_profiles[variant],
            **PDF_OPTIONS[variant])


def _fetcher() -> Any:
    """WeasyPrint's URL fetcher, allowed only what the brochure is made of: data:
    addresses (QR codes, images) and the files beside the templates and the fonts.
    Nothing from the network, nothing else from the disk, whatever an SVG from the
    content asks for."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    class BrochureFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"})

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith("file:"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                allowed = [TEMPLATES.resolve(), PROFILE.parent.resolve()]
                if not (path in _ALLOWED_FILES or any(root in path.parents for root in allowed)):
                    raise ValueError(f"not part of the brochure: {url[:80]}")
            return super().fetch(url, headers)

    return BrochureFetcher()


_ALLOWED_FILES: list[Path] = []  # the font files of the brochure being made (see _fonts_allowed)


class _fonts_allowed:
    """While a brochure is made, its font files may be read by the url fetcher."""

    def __init__(self, fonts: dict[str, Path]) -> None:
        self.paths = [path.resolve() for path in fonts.values()]

    def __enter__(self) -> None:
        _ALLOWED_FILES[:] = self.paths

    def __exit__(self, *exc: object) -> None:
        _ALLOWED_FILES.clear()


# --- measuring ---------------------------------------------------------------------------------

# A measured piece: ("capacity", 0), ("back", body size), ("cover", title size), ("quote",
# pull quote size), or (a section's key, body size).
Piece = tuple[str, float]


def read_measurements(html: str, fonts: dict[str, Path]) -> dict[Piece, Any]:
    """Lay out the measuring pages once and read them: a section's blocks' (border
    height, margins) and its gap, the back's foot's height, each cover's excess past
    its panel, the panel's height (px)."""
    with _fonts_allowed(fonts), _Layout() as layout:
        document = layout.lay_out(html, "office")
    found: dict[Piece, Any] = {}
    seen: set[int] = set()
    for page in document.pages:
        for box, marks in _boxes(weasyprint_internals.page_box(page)):
            element = box.element
            if "::" in (box.element_tag or "") or id(element) in seen:
                continue  # a pseudo-element (a list's marker) or an inner box of an element already read
            seen.add(id(element))
            if marks.get("data-capacity") is not None:
                found[("capacity", 0)] = box.height
            if marks.get("data-quote-size") is not None and element.get("data-quote") is not None:
                found[("quote", float(marks["data-quote-size"]))] = box.margin_height()
            size = marks.get("data-size")
            if size is None:
                continue
            size = float(size)
            if element.get("data-back") is not None:
                found[("back", size)] = box.margin_height()
                found[("back_white", size)] = _white_above_signature(box)
            section = marks.get("data-section")
            if section is None:
                continue
            entry = found.setdefault((section, size), {"blocks": {}, "gap": 0.0})
            if element.get("data-block") is not None:
                border = box.border_height()
                entry["blocks"][element.get("data-block")] = (border, box.margin_height() - border, _white_under_ink(box))
            elif element.tag == "section":
                entry["gap"] = box.padding_bottom
        for title_size, excess in _cover_excess(page).items():
            found[("cover", title_size)] = max(found.get(("cover", title_size), 0.0), excess)
    return found


def _white_under_ink(block: Any) -> float:
    """The white (px) inside a block's border box under its last text or image: a tag's
    padding and margin, a line's leading — part of the empty band when it ends a panel."""
    bottom = block.position_y + block.margin_top + block.border_height()
    lowest, stack = None, [block]
    while stack:  # every box inside, without the marks _boxes collects
        box = stack.pop()
        if type(box).__name__ in _INKED:
            end = box.position_y + box.margin_height()
            lowest = end if lowest is None else max(lowest, end)
        stack.extend(getattr(box, "children", ()))
    return max(0.0, bottom - lowest) if lowest is not None else 0.0


_INKED = ("TextBox", "InlineReplacedBox", "BlockReplacedBox")


def _white_above_signature(foot: Any) -> float:
    """The white (px) between the foot's last line of text before its signature and the
    signature's rule: the back's white is shared out around the contacts with it counted."""
    signature, last = None, None
    for box, _ in _boxes(foot):
        if "signature--back" in (box.element.get("class") or "") and signature is None:
            signature = box.position_y + box.margin_top
        elif signature is None and type(box).__name__ in ("TextBox", "InlineReplacedBox"):
            last = max(last or 0.0, box.position_y + box.margin_height())
    return max(0.0, signature - last) if signature is not None and last is not None else 0.0


def _cover_excess(page: Any) -> dict[float, float]:
    """For each measured cover: how far (px) its text goes past the panel's content box."""
    found: dict[float, float] = {}
    content = None
    for box, marks in _boxes(weasyprint_internals.page_box(page)):
        title = marks.get("data-title-size")
        if title is None:
            continue
        if "panel__content" in (box.element.get("class") or "") and box.element_tag == "div":
            content = box
            found.setdefault(float(title), 0.0)
            continue
        if content is not None and type(box).__name__ in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
            found[float(title)] = max(found[float(title)], _excess(box, _content_rect(content)))
    return found


# --- the PDFs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What `write_pdfs` gives back: the PDFs by variant, or, when something goes past
    a panel's edge, where, as (panel, section key or None, excess mm or None, kind)."""

    pdfs: dict[str, bytes] = field(default_factory=dict)
    overflows: tuple[tuple[str, str | None, float | None, str], ...] = ()


def write_pdfs(htmls: dict[str, str], fonts: dict[str, Path]) -> Written:
    """Each variant's HTML ("print", "office") laid out, checked and written. The same
    HTML and fonts give the same bytes: the document's id is a hash of them (see
    _identity), wherever the project and its fonts are."""
    pdfs: dict[str, bytes] = {}
    with _fonts_allowed(fonts), _Layout() as layout:
        for variant, html in htmls.items():
            document = layout.lay_out(html, variant)
            overflows = _check(html, document)
            if len(document.pages) != 2:
                overflows.append(("back", None, None, "overflow"))
            if overflows:
                return Written(overflows=tuple(overflows))
            identity = _identity(html, fonts)
            pdfs[variant] = document.write_pdf(  # type: ignore[arg-type]
                finisher=finishing.finisher(variant, PANELS, READING_ORDER, PROFILE, identity), **PDF_OPTIONS[variant])
    return Written(pdfs=pdfs)


def _identity(html: str, fonts: dict[str, Path]) -> str:
    """A hash of what a PDF is made from: its HTML, each font named there by its bytes
    rather than by where it is (the project's folder, a build's work folder), so that
    the same content gives the same PDF on every machine and at every build."""
    for name, path in sorted(fonts.items()):
        html = html.replace(str(path), f"{name}:{digest(Path(path).read_bytes())}")
    return digest(html)


# --- reading the layout back -------------------------------------------------------------------


def _boxes(box: Any, marks: dict[str, str] | None = None):
    """Every laid-out box with the data-* marks of its element and its ancestors."""
    marks = dict(marks or {})
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        for name in ("data-section", "data-panel", "data-size", "data-title-size", "data-capacity", "data-quote-size",
                     "data-clipped"):
            if element.get(name) is not None:
                marks[name] = element.get(name)
    if element is not None:
        yield box, marks
    for child in getattr(box, "children", []):
        yield from _boxes(child, marks)


def _content_rect(box: Any) -> tuple[float, float, float, float]:
    x, y = box.content_box_x(), box.content_box_y()
    return x, y, x + box.width, y + box.height


def _excess(box: Any, rect: tuple[float, float, float, float], clipped: bool = False) -> float:
    """How far (px) a box goes past its panel's content box. `clipped`: a line cut at the
    panel's width by design (a running head, `data-clipped`: overflow hidden, ellipsis)
    may run on past its right edge unseen, never past its foot."""
    left, top, right, bottom = rect
    vertical = max(box.position_y + box.margin_height() - bottom, top - box.position_y)
    if clipped:
        return vertical
    return max(vertical, box.position_x + box.margin_width() - right, left - box.position_x)


_MARK = re.compile(r'data-(panel|section|block)="([^"]*)"')


def _left_out(html: str, drawn: set[tuple[str, str, str]]) -> list[tuple[str, str | None, float | None, str]]:
    """Blocks of the HTML that the layout did not draw: a positioned panel's content that
    runs past the sheet is dropped, not drawn past it — as (panel, section, None, "overflow")."""
    wanted: dict[tuple[str, str, str], None] = {}
    panel = section = ""
    for kind, value in _MARK.findall(html):
        if kind == "panel":
            panel, section = value, ""
        elif kind == "section":
            section = value
        else:
            wanted[(panel, section, value)] = None
    missing = {(panel, section or None): None for panel, section, block in wanted if (panel, section, block) not in drawn}
    return [(panel, section, None, "overflow") for panel, section in missing]


def _check(html: str, document: Any) -> list[tuple[str, str | None, float | None, str]]:
    """After the final layout: anything drawn past its panel's content box, as (panel,
    section key, excess mm, "overflow"), and any block of `html` left out (_left_out)."""
    overflows: dict[tuple[str, str | None], float] = {}
    drawn: set[tuple[str, str, str]] = set()
    for page in document.pages:
        panels: dict[str, tuple[float, float, float, float]] = {}
        for box, marks in _boxes(weasyprint_internals.page_box(page)):
            if "panel__content" in (box.element.get("class") or "") and marks.get("data-panel") not in panels:
                panels[marks["data-panel"]] = _content_rect(box)
        for box, marks in _boxes(weasyprint_internals.page_box(page)):
            panel = marks.get("data-panel")
            if box.element.get("data-block") is not None:
                drawn.add((panel or "", marks.get("data-section", ""), box.element.get("data-block")))
            if panel not in panels or type(box).__name__ not in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
                continue
            excess = _excess(box, panels[panel], "data-clipped" in marks)
            if excess > TOLERANCE_PX:
                key = (panel, marks.get("data-section"))
                overflows[key] = max(overflows.get(key, 0.0), excess)
    return ([(panel, section, excess / PX_PER_MM, "overflow") for (panel, section), excess in overflows.items()]
            + _left_out(html, drawn))
