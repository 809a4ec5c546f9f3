"""Lay out and write the brochures with WeasyPrint: measure, then render to plan.

Two steps per language, with the panel plan between them (plan.py):

1. `measure_fragments`: the flowing sections, block by block, at the narrowest panel's
   width, the back's foot, and the cover, at the body and title sizes the planner asks
   for (plan.search_plan), each piece only once: its height is kept under a key made of
   its HTML and the size. One layout of measuring pages; the heights go back to the
   planner, which chooses for both languages at once.
2. `render_brochures`: the two sheets laid out to the plan, checked (anything past a
   panel's edge is an error that names the panel and the section), and written twice
   from the same HTML: `print` with print.css (CMYK, bleed, crop and fold marks,
   PDF/X-4) and `office` with office.css (RGB, a white margin of at least 6 mm, PDF/UA-1).
   finishing.py then puts the tags and bookmarks in reading order and makes the print
   file press-ready.

The layout itself is CSS (templates/): this module only feeds it and reads it back.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..compiled_templates import COMPILED
from ..content import Offer
from ..content.limits import MAX_BROCHURE_CHARACTERS
from ..qr import QrCode
from ..reach import contact_means, request_code_link, request_means, shown_contacts
from ..strings import message_language as default_language, strings
from ..text import display_url, distinct, format_phone, tel_uri, to_uri, typography
from . import finishing
from .blocks import Section, brochure_text, flowing_sections
from .plan import (BODY_SIZES, FLOW_PANELS, PX_PER_MM, TITLE_SIZES, TOLERANCE_PX, Measure, Measurement, NoFit,
                   Plan, SectionShape, SizeMeasure, search_plan)

TEMPLATES = Path(__file__).parent / "templates"
PROFILE = Path(__file__).parent / "profiles" / "ISOcoated_v2_300_bas.icc"
VARIANTS = ("print", "office")
PDF_OPTIONS = {
    "print": {"pdf_variant": "pdf/x-4", "pdf_tags": True},
    "office": {"pdf_variant": "pdf/ua-1", "pdf_version": "1.7"},
}
PANELS = ("cover", "flap", "back", "inside_1", "inside_2", "inside_3")  # in the order of the HTML
READING_ORDER = ("cover", "flap", "inside_1", "inside_2", "inside_3", "back")


@dataclass(frozen=True)
class Overflow:
    """Something that does not fit, with what is needed to fix it."""

    brochure: str  # the PDFs' names
    panel: str
    section: Section | None
    excess_mm: float | None
    kind: str  # "flow", "unit", "back", "cover", "overflow", "too_much_text"
    characters: int = 0  # too_much_text: the brochure's text, and its longest sections
    longest: tuple[tuple[Section, int], ...] = ()
    services: tuple[tuple[Any, float], ...] = field(default=())  # flow: services that could go, with their mm
    language: str = ""  # the brochure's: a pipeline's report points at that language's files


class BrochureOverflow(Exception):
    """The content does not fit a brochure; each message says where and by how much."""

    def __init__(self, overflows: list[Overflow]) -> None:
        self.overflows = overflows
        super().__init__("\n".join(self.messages()))

    def __reduce__(self):  # picklable: brochures are made in worker processes
        return (BrochureOverflow, (self.overflows,))

    def messages(self, message_language: str | None = None) -> list[str]:
        ui = message_language or default_language()
        return [f"{overflow.brochure}: {_message(overflow, ui)}" for overflow in self.overflows]


def _quoted(text: str, ui: str) -> str:
    return f"« {text} »" if ui == "fr" else f'"{text}"'


def _message(overflow: Overflow, ui: str) -> str:
    s = strings(ui)
    panel = s[f"brochure_{overflow.panel}"] if overflow.panel else ""
    section = overflow.section
    name = _quoted(section.title, ui) if section else ""
    where = f" ({section.where})" if section and section.where else ""
    excess = f"{overflow.excess_mm:.0f}" if overflow.excess_mm is not None else "?"
    smallest = f"{BODY_SIZES[-1]:g}".replace(".", "," if ui == "fr" else ".")
    if overflow.kind == "too_much_text":
        return _too_much_text_message(overflow, ui)
    if overflow.kind == "flow":
        services = ", ".join(f"{_quoted(service.title, ui)} ({service.where}, {mm:.0f} mm)"
                             for service, mm in overflow.services)
        if ui == "fr":
            move = (f" — présentez sur le site seulement (brochure: false) l'un de ces services : {services}"
                    if services else " — raccourcissez des sections")
            return f"le texte dépasse les panneaux de la brochure de {excess} mm, même en {smallest} pt{move}"
        move = (f" — show one of these services on the site only (brochure: false): {services}"
                if services else " — shorten some sections")
        return f"the text is {excess} mm longer than the brochure's panels, even at {smallest} pt{move}"
    texts = {
        "fr": {
            "unit": f"la section {name}{where} est plus haute qu'un panneau de {excess} mm et ne peut pas être coupée — raccourcissez-la (une section se coupe entre deux paragraphes quand le français et l'anglais en ont autant)",
            "back": f"panneau « {panel} » : les coordonnées et la signature dépassent de {excess} mm, même en {smallest} pt — raccourcissez les coordonnées",
            "cover": f"panneau « {panel} » : le titre, le sous-titre et l'accroche dépassent de {excess} mm, même avec le plus petit titre — raccourcissez-les",
            "overflow": f"panneau « {panel} » : la section {name}{where} dépasse le bord du panneau de {excess} mm — raccourcissez son texte",
        },
        "en": {
            "unit": f"the section {name}{where} is {excess} mm taller than a panel and cannot be cut — shorten it (a section is cut between paragraphs when its French and English have as many)",
            "back": f"{panel} panel: the contact details and the signature are {excess} mm too long, even at {smallest} pt — shorten the contact details",
            "cover": f"{panel} panel: the title, subtitle and tagline are {excess} mm too long, even with the smallest title — shorten them",
            "overflow": f"{panel} panel: the section {name}{where} goes {excess} mm past the panel's edge — shorten its text",
        },
    }
    return texts[ui][overflow.kind]


def _too_much_text_message(overflow: Overflow, ui: str) -> str:
    def number(value: int) -> str:
        return f"{value:,}".replace(",", "\u00a0" if ui == "fr" else ",")

    sections = ", ".join(
        (f"« {section.title} » ({section.where}, {number(size)} caractères)" if ui == "fr"
         else f'"{section.title}" ({section.where}, {number(size)} characters)')
        for section, size in overflow.longest)
    if ui == "fr":
        return (f"le texte de la brochure fait {number(overflow.characters)} caractères, or ses quatre panneaux "
                f"n'en tiennent pas plus de {number(MAX_BROCHURE_CHARACTERS)} — présentez des services sur le "
                f"site seulement (brochure: false) ou raccourcissez les plus longues sections : {sections}")
    return (f"the brochure's text is {number(overflow.characters)} characters long, and its four panels hold "
            f"no more than {number(MAX_BROCHURE_CHARACTERS)} — show services on the site only "
            f"(brochure: false) or shorten the longest sections: {sections}")


def too_much_text(offer: Offer, label: str) -> Overflow | None:
    """An Overflow when the brochure's text could never fit, found without laying it out:
    a hopeless content is told at once, not after minutes of layout."""
    sections = flowing_sections(offer)
    sizes = {section.key: brochure_text(section) for section in sections}
    total = sum(sizes.values())
    if total <= MAX_BROCHURE_CHARACTERS:
        return None
    longest = sorted(sections, key=lambda section: -sizes[section.key])[:3]
    return Overflow(label, "inside_3", None, None, "too_much_text", characters=total,
                    longest=tuple((section, sizes[section.key]) for section in longest), language=offer.language)


def overflow_from(no_fit: NoFit, labels: dict[str, str]) -> BrochureOverflow:
    """The planner's reasons, as messages naming each brochure."""
    overflows = []
    for kind, details in no_fit.reasons:
        label = labels[details["language"]]
        if kind == "flow":
            overflows.append(Overflow(label, "", None, details["excess_mm"], "flow",
                                      services=tuple(details["services"]), language=details["language"]))
        elif kind == "unit":
            shape = details["section"]
            overflows.append(Overflow(label, "", Section(shape.key, shape.title, shape.where), details["excess_mm"],
                                      "unit", language=details["language"]))
        else:
            overflows.append(Overflow(label, kind, None, details["excess_mm"], kind, language=details["language"]))
    return BrochureOverflow(overflows)


# --- WeasyPrint --------------------------------------------------------------------------------


def load_weasyprint() -> None:
    """Import WeasyPrint without running the C compiler some sixty times.

    WeasyPrint opens each of its C libraries by trying the names it has on every
    system ("libgobject-2.0-0" on Windows … "libgobject-2.0.so.0" on Linux), and for
    each name that is not a file, ctypes.util.find_library runs ldconfig, gcc and ld
    (Kozea/WeasyPrint#1125): a third of the import. On Linux the names with ".so." open
    directly, the same libraries, so during the import that search is skipped; should
    the import then fail, it is done again the usual way.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        importlib.import_module("weasyprint")
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        importlib.import_module("weasyprint")
    except OSError:  # a library only the search finds: import again, searching
        ctypes.util.find_library = search
        importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = search


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
        self.fonts.__del__()

    def lay_out(self, html: str, variant: str) -> Any:
        from weasyprint import HTML

        sheets = [self.styles["brochure"], self.styles[variant]]
        return HTML(string=html, base_url=str(TEMPLATES), url_fetcher=self.fetcher).render(
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


# --- 1. measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fragments:
    """The pieces of one language's brochure that are measured, as HTML: each flowing
    section, the back's foot (contacts, signature) and the cover. A piece's height
    depends only on its HTML, the body (or title) size and the layout (templates, fonts,
    WeasyPrint), so a measurement is stored under `key(piece, size)` (the layout has its
    key in the cache's name, see downloads.py) and an edit measures only what it changed."""

    language: str
    label: str  # the PDFs' names, for messages
    shapes: tuple[SectionShape, ...]
    head: str  # what every measuring page starts with (fonts)
    fonts: dict[str, Path]  # the font files the head names, which the layout may read
    parts: dict[str, str]  # section key → its HTML
    back: str
    cover: str
    characters: int  # of the sections' text: with the number of blocks, a guess at the size (plan.first_sizes)

    @property
    def blocks(self) -> int:
        return sum(len(shape.block_keys) for shape in self.shapes)

    def key(self, piece: str, size: float) -> str:
        """`piece`: a section's key, "back", "cover" or "capacity"."""
        html = {"back": self.back, "cover": self.cover, "capacity": ""}.get(piece)
        html = self.parts[piece] if html is None else html
        return hashlib.sha256(f"{piece}\0{html}".encode("utf-8")).hexdigest()[:32] + f"@{size:g}"


def measuring_fragments(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
                        images: dict[str, str | None], label: str) -> Fragments:
    """The measured pieces of one language's brochure (Jinja only: no layout here)."""
    sections = flowing_sections(offer)
    context = _context(offer, codes, fonts, qr_images, images, sections)
    pieces = _ENV.get_template("_blocks.j2").make_module(vars=context)
    shapes = tuple(SectionShape(section.key, section.title, section.where,
                                tuple(block.key for block in section.blocks), tuple(section.units()),
                                section.key.startswith("service-")) for section in sections)
    return Fragments(
        language=offer.language, label=label, shapes=shapes,
        head=_render("_head.j2", context), fonts=fonts,
        parts={section.key: str(pieces.part(section)) for section in sections},
        back=str(pieces.contacts()) + str(pieces.signature("back")),
        cover=str(pieces.cover()),
        characters=sum(brochure_text(section) for section in sections),
    )


def missing_measures(fragments: Fragments, sizes: list[float], title_sizes: list[float],
                     known: set[str] | dict[str, Any]) -> tuple[dict[float, list[str]], list[float], bool]:
    """What `measure_fragments` must lay out for these sizes: per body size the pieces
    (section keys, "back") not in `known`, the cover's title sizes not in it, and
    whether the panel's height is."""
    pieces: dict[float, list[str]] = {}
    for size in sizes:
        wanted = [key for key in [*fragments.parts, "back"] if fragments.key(key, size) not in known]
        if wanted:
            pieces[size] = wanted
    titles = [size for size in title_sizes if fragments.key("cover", size) not in known]
    return pieces, titles, fragments.key("capacity", 0) not in known


def measure_fragments(fragments: Fragments, sizes: list[float], title_sizes: list[float],
                      known: set[str] | dict[str, Any]) -> dict[str, Any]:
    """Lay out what is not `known` yet, once, on one measuring page per size: the
    sections whole, at the narrowest panel's width; the back's foot at its width; the
    cover at each title size. Returns the new measurements by key (see Fragments.key):
    a section's blocks' (border height, margins) and its gap, the foot's height, the
    cover's excess, the panel's height."""
    pieces, titles, capacity = missing_measures(fragments, sizes, title_sizes, known)
    if not pieces and not titles and not capacity:
        return {}
    html = _render("measure.html.j2", {
        "lang": fragments.language, "head": Markup(fragments.head), "capacity": capacity,
        "pages": [(size, [Markup(fragments.parts[key]) for key in keys if key != "back"],
                   Markup(fragments.back) if "back" in keys else None) for size, keys in pieces.items()],
        "title_sizes": titles, "cover": Markup(fragments.cover)})
    with _fonts_allowed(fragments.fonts), _Layout() as layout:
        document = layout.lay_out(html, "office")
    found: dict[str, Any] = {}
    seen: set[int] = set()
    for page in document.pages:
        for box, marks in _boxes(page._page_box):
            element = box.element
            if "::" in (box.element_tag or "") or id(element) in seen:
                continue  # a pseudo-element (a list's marker) or an inner box of an element already read
            seen.add(id(element))
            if marks.get("data-capacity") is not None:
                found[fragments.key("capacity", 0)] = box.height
            size = marks.get("data-size")
            if size is None:
                continue
            size = float(size)
            if element.get("data-back") is not None:
                found[fragments.key("back", size)] = box.margin_height()
            section = marks.get("data-section")
            if section not in fragments.parts:
                continue
            entry = found.setdefault(fragments.key(section, size), {"blocks": {}, "gap": 0.0})
            if element.get("data-block") is not None:
                entry["blocks"][element.get("data-block")] = (box.border_height(), box.margin_height() - box.border_height())
            elif element.tag == "section":
                entry["gap"] = box.padding_bottom
        for title_size, excess in _cover_excess(page).items():
            key = fragments.key("cover", title_size)
            found[key] = max(found.get(key, 0.0), excess)
    return found


def measurement(fragments: Fragments, known: dict[str, Any], sizes: list[float],
                title_sizes: list[float]) -> Measurement:
    """The planner's view of one language at these sizes, from measurements by key."""
    at = {}
    for size in sizes:
        entries = {key: known[fragments.key(key, size)] for key in fragments.parts}
        at[size] = SizeMeasure(
            blocks={shape.key: tuple(tuple(entries[shape.key]["blocks"].get(block, (0.0, 0.0)))
                                     for block in shape.block_keys) for shape in fragments.shapes},
            section_gap=max((entry["gap"] for entry in entries.values()), default=0.0),
            back=known[fragments.key("back", size)])
    return Measurement(
        language=fragments.language, label=fragments.label, sections=fragments.shapes,
        capacity=known[fragments.key("capacity", 0)], sizes=at,
        covers={size: known[fragments.key("cover", size)] for size in title_sizes})


def _cover_excess(page: Any) -> dict[float, float]:
    """For each measured cover: how far (px) its text goes past the panel's content box."""
    found: dict[float, float] = {}
    content = None
    for box, marks in _boxes(page._page_box):
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


# --- 2. rendering to the plan --------------------------------------------------------------------


def render_brochures(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, dict[str, str]],
                     images: dict[str, dict[str, str | None]], names: dict[str, str], plan: Plan,
                     date: datetime, variants: tuple[str, ...] = VARIANTS) -> dict[str, bytes]:
    """The PDF bytes of each of `variants` ("print", "office") of one language, laid
    out to `plan`, dated `date` (the content's, see content/dates.py: never the time of
    the build). `qr_images` and `images`: per variant (the print ones are CMYK). Raises
    BrochureOverflow when something still goes past a panel's edge. The variants are
    laid out alike: each may be made in a process of its own, at the same time."""
    sections = flowing_sections(offer)
    label = " / ".join(names.values())
    by_key = {section.key: section for section in sections}
    known = {**by_key, **{key: Section(key, title, "") for key, title in _fixed_titles(offer).items()}}
    written: dict[str, bytes] = {}
    with _fonts_allowed(fonts), _Layout() as layout:
        for variant in variants:
            context = _context(offer, codes, fonts, qr_images[variant], images[variant], sections)
            html = _render("brochure.html.j2", {**context, "plan": plan, "variant": variant, "by_key": by_key,
                                                "title_size": plan.title_sizes.get(offer.language, TITLE_SIZES[-1]),
                                                "date": date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})
            document = layout.lay_out(html, variant)
            overflows = [Overflow(label, *details, language=offer.language) for details in _check(document, known)]
            if len(document.pages) != 2:
                overflows.append(Overflow(label, "back", None, None, "overflow", language=offer.language))
            if overflows:
                raise BrochureOverflow(overflows)
            identity = hashlib.sha256(html.encode("utf-8")).hexdigest()  # the same HTML, the same document id
            written[variant] = document.write_pdf(
                finisher=finishing.finisher(variant, PANELS, READING_ORDER, PROFILE, identity), **PDF_OPTIONS[variant])
    return written


def _fixed_titles(offer: Offer) -> dict[str, str]:
    s = strings(offer.language)
    return {"how_to_ask": s["how_to_ask"], "contacts": offer.contact.title, "cover": offer.organisation.hero.title}


def _context(offer: Offer, codes: list[QrCode], fonts: dict[str, Path], qr_images: dict[str, str],
             images: dict[str, str | None], sections: list[Section]) -> dict[str, Any]:
    organisation = offer.organisation.organisation
    return {
        "offer": offer,
        "s": strings(offer.language),
        "lang": offer.language,
        "codes": {code.link_id: code for code in codes},
        "qr_images": qr_images,
        "images": images,
        "fonts": {name: path.resolve().as_uri() for name, path in fonts.items()},
        "sections": sections,
        "panels": FLOW_PANELS,
        "title": " — ".join(distinct(offer.organisation.hero.title, organisation.team or organisation.short_name)),
        "author": organisation.name,
        "date": None,
    }


class _fonts_allowed:
    """While a brochure is made, its font files may be read by the url fetcher."""

    def __init__(self, fonts: dict[str, Path]) -> None:
        self.paths = [path.resolve() for path in fonts.values()]

    def __enter__(self) -> None:
        _ALLOWED_FILES[:] = self.paths

    def __exit__(self, *exc: object) -> None:
        _ALLOWED_FILES.clear()


@pass_context
def _typo(context: Any, text: str) -> str:
    return typography(text, context["lang"])


@pass_context
def _phone(context: Any, contact: Any) -> str:
    return format_phone(contact.phone, contact.extension, context["lang"])


def data_uri(data: bytes | str, mime: str) -> str:
    """Bytes as an address: the brochure needs no file written by another stage."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


_BREAK_AFTER = re.compile(r"([/.\-?@])(?=.)")


def _breakable(text: str) -> Markup:
    """An address that may break after / . - ? @ and nowhere else (never inside a word):
    a <wbr> after each of them, the rest escaped."""
    return Markup("".join(str(escape(part)) if index % 2 == 0 else str(escape(part)) + "<wbr>"
                          for index, part in enumerate(_BREAK_AFTER.split(text))))


_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
    undefined=StrictUndefined, bytecode_cache=COMPILED,
)
_ENV.filters.update(
    typo=_typo, phone=_phone, tel=lambda c: tel_uri(c.phone, c.extension), uri=to_uri,
    display_url=display_url, breakable=_breakable, data_uri=lambda svg: data_uri(svg, "image/svg+xml"),
    contact_means=contact_means, request_means=request_means,
)
_ENV.globals.update(distinct=distinct, shown_contacts=shown_contacts, request_code_link=request_code_link)
_ENV.filters["last_words_together"] = lambda text: re.sub(r" (\S{1,12})$", "\u00a0\\1", text)  # no lone last word


def _render(template: str, context: dict[str, Any]) -> str:
    return _ENV.get_template(template).render(**context)


# --- reading the layout back -------------------------------------------------------------------


def _boxes(box: Any, marks: dict[str, str] | None = None):
    """Every laid-out box with the data-* marks of its element and its ancestors."""
    marks = dict(marks or {})
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        for name in ("data-section", "data-panel", "data-size", "data-title-size", "data-capacity"):
            if element.get(name) is not None:
                marks[name] = element.get(name)
    if element is not None:
        yield box, marks
    for child in getattr(box, "children", []):
        yield from _boxes(child, marks)


def _content_rect(box: Any) -> tuple[float, float, float, float]:
    x, y = box.content_box_x(), box.content_box_y()
    return x, y, x + box.width, y + box.height


def _excess(box: Any, rect: tuple[float, float, float, float]) -> float:
    left, top, right, bottom = rect
    return max(box.position_y + box.margin_height() - bottom, box.position_x + box.margin_width() - right,
               left - box.position_x, top - box.position_y)


def _check(document: Any, sections: dict[str, Section]) -> list[tuple]:
    """After the final layout: anything drawn past its panel's content box is an overflow,
    as (panel, section, excess mm, kind)."""
    overflows: dict[tuple[str, str | None], float] = {}
    for page in document.pages:
        panels: dict[str, tuple[float, float, float, float]] = {}
        for box, marks in _boxes(page._page_box):
            if "panel__content" in (box.element.get("class") or "") and marks.get("data-panel") not in panels:
                panels[marks["data-panel"]] = _content_rect(box)
        for box, marks in _boxes(page._page_box):
            panel = marks.get("data-panel")
            if panel not in panels or type(box).__name__ not in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
                continue
            excess = _excess(box, panels[panel])
            if excess > TOLERANCE_PX:
                key = (panel, marks.get("data-section"))
                overflows[key] = max(overflows.get(key, 0.0), excess)
    return [
        (panel, sections.get(section) if section else None, excess / PX_PER_MM, "overflow")
        for (panel, section), excess in overflows.items()
    ]


def sparse_panels(plan: Plan, message_language: str | None = None) -> list[str]:
    """A line for each brochure whose content is too short to fill its panels (they are
    never empty, but a panel holding a line or two looks it)."""
    return list(sparse_panels_by_language(plan, message_language).values())


def sparse_panels_by_language(plan: Plan, message_language: str | None = None) -> dict[str, str]:
    """sparse_panels' lines by the brochure's language (a pipeline's report points at its files)."""
    ui = message_language or default_language()
    s = strings(ui)
    lines = {}
    for language, fills in plan.fills.items():
        thin = [(panel, fill) for panel, fill in fills.items() if panel != "back" and fill < SPARSE]
        if not thin:
            continue
        panel, fill = min(thin, key=lambda item: item[1])
        name = s[f"brochure_{panel}"]
        if ui == "fr":
            lines[language] = (f"brochure-{language} : le contenu est court pour cinq panneaux (panneau « {name} » rempli à "
                               f"{fill:.0%}".replace("%", "\u00a0%") + f" en {plan.size:g} pt)".replace(".", ",") + " — ajoutez une introduction, l'équipe, "
                               "les publics ou d'autres services pour une brochure plus pleine")
        else:
            lines[language] = (f"brochure-{language}: the content is short for five panels ({name} panel {fill:.0%} full "
                               f"at {plan.size:g} pt) — add an introduction, the team, audiences or other services for a "
                               "fuller brochure")
    return lines


SPARSE = 0.3


def plan_for(measurements: dict[str, Measurement], measure: Measure) -> Plan:
    """The joint plan of one offer's brochures, or BrochureOverflow saying what does not
    fit; `measure(sizes, title_sizes)` measures more sizes when the plan needs them."""
    try:
        return search_plan(measurements, measure)
    except NoFit as no_fit:
        raise overflow_from(no_fit, {language: m.label for language, m in measurements.items()}) from None
